//! A serial passport reader played by a pseudo-terminal pair (`socat`): the reader module
//! opens one end as its port, the test writes zones into the other end as a reader would —
//! split across writes with pauses, with noise between frames, in both framings — and the
//! zones must arrive whole, once each. Also: a port that cannot be opened is reported with
//! its name, and a port that vanishes is reopened when it comes back.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use iin_desk::domain::lang::Lang;
use iin_desk::domain::mrz::frame::Framing;
use iin_desk::reader::{Parity, ReaderConfig, ReaderError, ReaderEvent, ReaderHandle};

const TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];
const TD1: [&str; 3] = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
];

/// A pty pair: `reader` is the port the program opens, `device` the reader's side.
struct Pty {
    child: Child,
    reader: PathBuf,
    device: PathBuf,
}

impl Pty {
    fn start(dir: &Path) -> Pty {
        let reader = dir.join("reader");
        let device = dir.join("device");
        // Links of an earlier pair (killed, so it could not remove them).
        let _ = std::fs::remove_file(&reader);
        let _ = std::fs::remove_file(&device);
        let child = Command::new("socat")
            .arg("-d")
            .arg(format!("pty,raw,echo=0,link={}", reader.display()))
            .arg(format!("pty,raw,echo=0,link={}", device.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("socat is installed (scripts/test.sh installs it)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !(reader.exists() && device.exists()) {
            assert!(Instant::now() < deadline, "socat made no pty pair");
            std::thread::sleep(Duration::from_millis(20));
        }
        Pty {
            child,
            reader,
            device,
        }
    }

    fn writer(&self) -> std::fs::File {
        std::fs::OpenOptions::new()
            .write(true)
            .open(&self.device)
            .unwrap()
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn config(port: &Path, framing: Framing) -> ReaderConfig {
    ReaderConfig {
        port: port.display().to_string(),
        baud: 9600,
        parity: Parity::None,
        framing,
    }
}

/// The next event that is not `Connected`, within a few seconds.
fn next(handle: &ReaderHandle) -> ReaderEvent {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match handle.next_event(left) {
            Some(ReaderEvent::Connected(_)) => continue,
            Some(e) => return e,
            None => panic!("no event from the reader"),
        }
    }
}

fn connected(handle: &ReaderHandle) {
    match handle.next_event(Duration::from_secs(10)) {
        Some(ReaderEvent::Connected(port)) => assert_eq!(port, handle.config().port),
        other => panic!("expected the port to open, got {other:?}"),
    }
}

/// Writes `pieces` one by one with a pause between them (the reader's bytes arrive in
/// several reads).
fn send(out: &mut std::fs::File, pieces: &[&[u8]]) {
    for p in pieces {
        out.write_all(p).unwrap();
        out.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }
}

fn zone(lines: &[&str]) -> ReaderEvent {
    ReaderEvent::Zone(lines.join("\n"))
}

#[test]
fn crlf_zones_arrive_whole_across_reads_and_noise() {
    let dir = tempfile::tempdir().unwrap();
    let pty = Pty::start(dir.path());
    let handle = ReaderHandle::start(config(&pty.reader, Framing::CrLf), None);
    connected(&handle);
    let mut out = pty.writer();
    let line1 = format!("{}\r\n", TD3[0]);
    let line2 = format!("{}\r\n", TD3[1]);
    send(
        &mut out,
        &[
            b"\x00\x11READY\r\n",
            &line1.as_bytes()[..17],
            &line1.as_bytes()[17..],
            &line2.as_bytes()[..30],
            &line2.as_bytes()[30..],
            b"\x13\xff garbage \r\n\r\n",
        ],
    );
    assert_eq!(next(&handle), zone(&TD3));
    let td1 = format!("{}\r\n{}\r\n{}\r\n", TD1[0], TD1[1], TD1[2]);
    send(&mut out, &[&td1.as_bytes()[..45], &td1.as_bytes()[45..]]);
    assert_eq!(next(&handle), zone(&TD1));
    // Each zone once: nothing else is waiting.
    std::thread::sleep(Duration::from_millis(200));
    assert!(handle.poll().is_empty());
    drop(handle);
    pty.stop();
}

#[test]
fn stx_etx_frames_arrive_whole_across_reads_and_noise() {
    let dir = tempfile::tempdir().unwrap();
    let pty = Pty::start(dir.path());
    let handle = ReaderHandle::start(config(&pty.reader, Framing::StxEtx), None);
    connected(&handle);
    let mut out = pty.writer();
    let frame = format!("\x02{}\r{}\r\x03", TD3[0], TD3[1]);
    let bytes = frame.as_bytes();
    send(
        &mut out,
        &[
            b"noise\x03\r\n",
            &bytes[..10],
            &bytes[10..50],
            &bytes[50..],
            b"\x07\x00more noise",
        ],
    );
    assert_eq!(next(&handle), zone(&TD3));
    // A frame cut short (no ETX) is dropped when the next one starts.
    let td1 = format!("\x02{}{}{}\x03", TD1[0], TD1[1], TD1[2]);
    send(&mut out, &[b"\x02P<UTOERIKSSON", td1.as_bytes()]);
    assert_eq!(next(&handle), zone(&TD1));
    drop(handle);
    pty.stop();
}

#[test]
fn a_missing_port_is_named_and_a_vanished_one_is_reopened() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-port");
    let handle = ReaderHandle::start(config(&missing, Framing::CrLf), None);
    match next(&handle) {
        ReaderEvent::Failed(e @ ReaderError::Open { .. }) => {
            for lang in Lang::ALL {
                assert!(
                    e.message(lang).contains("no-such-port"),
                    "{}",
                    e.message(lang)
                );
            }
        }
        other => panic!("expected an open failure, got {other:?}"),
    }
    // Reported once, though it is retried every second.
    std::thread::sleep(Duration::from_millis(2500));
    assert!(handle.poll().is_empty());
    drop(handle);

    let pty = Pty::start(dir.path());
    let port = pty.reader.clone();
    let handle = ReaderHandle::start(config(&port, Framing::CrLf), None);
    connected(&handle);
    // The reader is unplugged: its half zone is lost, the failure reported.
    send(&mut pty.writer(), &[format!("{}\r\n", TD3[0]).as_bytes()]);
    pty.stop();
    assert!(matches!(next(&handle), ReaderEvent::Failed(_)));
    // Plugged in again (the same name): the port is reopened and read afresh.
    let pty = Pty::start(dir.path());
    assert_eq!(pty.reader, port);
    connected(&handle);
    let zone_text = format!("{}\r\n{}\r\n", TD3[0], TD3[1]);
    send(&mut pty.writer(), &[zone_text.as_bytes()]);
    assert_eq!(next(&handle), zone(&TD3));
    drop(handle);
    pty.stop();
}
