//! Serial (virtual COM) passport readers: a worker thread owns the port named in the
//! Settings, cuts what it reads into zones ([`crate::domain::mrz::frame`]) and sends each
//! whole zone over a channel; the window takes them each frame and uses them as a scan on
//! the screen in front (Today opens a formation, the editor fills its MRZ box).
//!
//! A port that cannot be opened is reported once, with its name, and tried again every
//! [`RETRY`]; a port that vanishes (a USB reader unplugged) is reopened the same way, and a
//! half zone from before is forgotten. Nothing read is logged (zones are personal data),
//! only counts.

mod config;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use thiserror::Error;

use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;
use crate::domain::mrz::frame::{Decoded, FrameDecoder};

pub use config::{
    framing_label, Parity, ReaderConfig, ReaderConfigError, BAUD_RANGE, DEFAULT_BAUD,
};

/// How long the worker waits before opening a port again after a failure.
pub const RETRY: Duration = Duration::from_secs(1);

/// How long one read waits for bytes (and so how soon the worker notices a stop).
const READ_TIMEOUT: Duration = Duration::from_millis(100);

/// A failure of the serial port; the text names the port, never what was read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReaderError {
    /// The port cannot be opened (no such port, in use, no permission).
    #[error("cannot open the reader's port {port}: {reason}")]
    Open {
        /// The port's name.
        port: String,
        /// The system's reason.
        reason: String,
    },
    /// The port failed while reading (unplugged); it is being reopened.
    #[error("the reader's port {port} failed: {reason}; reopening it")]
    Lost {
        /// The port's name.
        port: String,
        /// The system's reason.
        reason: String,
    },
}

impl ReaderError {
    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReaderError::Open { port, reason } => tr_args(
                lang,
                "reader-open-failed",
                &[
                    ("port", port.clone().into()),
                    ("reason", reason.clone().into()),
                ],
            ),
            ReaderError::Lost { port, reason } => tr_args(
                lang,
                "reader-lost",
                &[
                    ("port", port.clone().into()),
                    ("reason", reason.clone().into()),
                ],
            ),
        }
    }
}

/// What the worker reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderEvent {
    /// The port is open (at start, or again after a failure).
    Connected(String),
    /// A whole zone arrived: its lines joined by `\n`.
    Zone(String),
    /// The port failed; reported once until it opens again.
    Failed(ReaderError),
}

/// The running worker of one port. Dropping it stops the worker and closes the port.
pub struct ReaderHandle {
    config: ReaderConfig,
    events: Receiver<ReaderEvent>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

/// Wakes the window when an event was sent.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

impl ReaderHandle {
    /// Starts a worker on `config`'s port; `wake` is called after each event.
    pub fn start(config: ReaderConfig, wake: Option<Wake>) -> ReaderHandle {
        let (tx, events) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let worker = Worker {
            config: config.clone(),
            tx,
            stop: stop.clone(),
            wake,
        };
        let thread = std::thread::Builder::new()
            .name("serial-reader".into())
            .spawn(move || worker.run())
            .map_err(|e| log::warn!("serial reader thread not started: {e}"))
            .ok();
        ReaderHandle {
            config,
            events,
            stop,
            thread,
        }
    }

    /// The settings it runs on.
    pub fn config(&self) -> &ReaderConfig {
        &self.config
    }

    /// The events since the last call, oldest first.
    pub fn poll(&self) -> Vec<ReaderEvent> {
        self.events.try_iter().collect()
    }

    /// Waits up to `timeout` for the next event (for tests and tools; the window polls).
    pub fn next_event(&self, timeout: Duration) -> Option<ReaderEvent> {
        self.events.recv_timeout(timeout).ok()
    }
}

impl Drop for ReaderHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Worker {
    config: ReaderConfig,
    tx: Sender<ReaderEvent>,
    stop: Arc<AtomicBool>,
    wake: Option<Wake>,
}

impl Worker {
    fn send(&self, event: ReaderEvent) -> bool {
        let sent = self.tx.send(event).is_ok();
        if let Some(w) = &self.wake {
            w();
        }
        sent
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Sleeps `d`, waking early on a stop.
    fn pause(&self, d: Duration) {
        let step = Duration::from_millis(50);
        let mut left = d;
        while !left.is_zero() && !self.stopped() {
            std::thread::sleep(step.min(left));
            left = left.saturating_sub(step);
        }
    }

    fn open(&self) -> Result<Box<dyn serialport::SerialPort>, ReaderError> {
        let c = &self.config;
        let parity = match c.parity {
            Parity::None => serialport::Parity::None,
            Parity::Even => serialport::Parity::Even,
            Parity::Odd => serialport::Parity::Odd,
        };
        serialport::new(&c.port, c.baud)
            .data_bits(serialport::DataBits::Eight)
            .stop_bits(serialport::StopBits::One)
            .flow_control(serialport::FlowControl::None)
            .parity(parity)
            .timeout(READ_TIMEOUT)
            .open()
            .map_err(|e| ReaderError::Open {
                port: c.port.clone(),
                reason: e.to_string(),
            })
    }

    fn run(self) {
        let mut decoder = FrameDecoder::new(self.config.framing);
        // The last failure reported, so that a port that stays missing is reported once.
        let mut reported: Option<ReaderError> = None;
        while !self.stopped() {
            let failure = match self.open() {
                Ok(port) => {
                    reported = None;
                    log::info!("serial reader: {} open", self.config.port);
                    if !self.send(ReaderEvent::Connected(self.config.port.clone())) {
                        return;
                    }
                    decoder.reset();
                    match self.read(port, &mut decoder) {
                        Some(e) => e,
                        None => return,
                    }
                }
                Err(e) => e,
            };
            if reported.as_ref() != Some(&failure) {
                log::warn!("serial reader: {failure}");
                reported = Some(failure.clone());
                if !self.send(ReaderEvent::Failed(failure)) {
                    return;
                }
            }
            self.pause(RETRY);
        }
    }

    /// Reads until the port fails (the error) or the worker is stopped (`None`).
    fn read(
        &self,
        mut port: Box<dyn serialport::SerialPort>,
        decoder: &mut FrameDecoder,
    ) -> Option<ReaderError> {
        let mut buf = [0u8; 256];
        while !self.stopped() {
            match port.read(&mut buf) {
                Ok(0) => self.pause(READ_TIMEOUT),
                Ok(n) => {
                    for d in decoder.push(&buf[..n]) {
                        match d {
                            Decoded::Zone(zone) => {
                                log::info!("serial reader: a zone arrived");
                                if !self.send(ReaderEvent::Zone(zone)) {
                                    return None;
                                }
                            }
                            Decoded::Dropped(bytes) => {
                                log::info!("serial reader: {bytes} bytes without a zone dropped");
                            }
                        }
                    }
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::Interrupted
                            | std::io::ErrorKind::WouldBlock
                    ) => {}
                Err(e) => {
                    return Some(ReaderError::Lost {
                        port: self.config.port.clone(),
                        reason: e.to_string(),
                    })
                }
            }
        }
        None
    }
}
