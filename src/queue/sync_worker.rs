//! The background sync: [`start_worker`] runs rounds ([`super::sync::sync_round`]) on their
//! own thread, with exponential backoff after a failure, and gives the window a
//! [`SyncHandle`] to poll: the status line, the round's progress with its Cancel
//! ([`super::sync_progress`]), and the results that arrived.

use std::ops::ControlFlow;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::protocol::parse_ts;
use super::sync::{sync_round_with_progress, ArrivedResult, Clock, SyncConfig};
use super::sync_progress::{Phase, PushProgress, RoundProgress};
use super::QueueError;
use crate::domain::lang::Lang;
use crate::store::{SetAside, Store, SYNC_LAST_SUCCESS};

/// How the background worker paces itself.
#[derive(Clone)]
pub struct WorkerConfig {
    /// The round's configuration.
    pub sync: SyncConfig,
    /// Pause between successful rounds.
    pub interval: Duration,
    /// The first pause after a failure; doubled with each further failure.
    pub backoff_base: Duration,
    /// The longest pause after failures.
    pub backoff_max: Duration,
    /// Called after every round (for example to ask the GUI to repaint).
    pub on_change: Option<Arc<dyn Fn() + Send + Sync>>,
}

impl std::fmt::Debug for WorkerConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkerConfig")
            .field("sync", &self.sync)
            .field("interval", &self.interval)
            .field("backoff_base", &self.backoff_base)
            .field("backoff_max", &self.backoff_max)
            .finish()
    }
}

impl WorkerConfig {
    /// Rounds every 15 s; after failures, 2 s doubling up to 5 minutes.
    pub fn new(sync: SyncConfig) -> WorkerConfig {
        WorkerConfig {
            sync,
            interval: Duration::from_secs(15),
            backoff_base: Duration::from_secs(2),
            backoff_max: Duration::from_secs(300),
            on_change: None,
        }
    }
}

/// What the GUI shows in its status line.
#[derive(Debug, Clone, Default)]
pub struct SyncStatus {
    /// Accepted requests not yet in the central file.
    pub to_push: u64,
    /// Sent requests waiting for the back office.
    pub awaiting_result: u64,
    /// Requests set aside (rejected by the queue) with their reasons, oldest first,
    /// waiting for a supervisor.
    pub set_aside: Vec<SetAside>,
    /// When a round last succeeded (also from before a restart).
    pub last_success_at: Option<NaiveDateTime>,
    /// The last round's error, until a round succeeds.
    pub last_error: Option<Arc<QueueError>>,
    /// Failed rounds in a row.
    pub failures: u32,
    /// A round is running now.
    pub running: bool,
    /// How far the running round is (none between rounds).
    pub progress: Option<RoundProgress>,
    /// Rounds ended since the worker started (successful or not): the window refreshes
    /// what it shows of the store (the open request, Today) when this moves.
    pub rounds: u64,
}

impl SyncStatus {
    /// The last error in `lang`, if the last round failed.
    pub fn last_error_text(&self, lang: Lang) -> Option<String> {
        self.last_error.as_ref().map(|e| e.message(lang))
    }

    /// Whether the counter is working offline (the last round failed).
    pub fn is_offline(&self) -> bool {
        self.last_error.is_some()
    }
}

/// Something the GUI should react to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// Results arrived and were stored: the journal and any open request may change,
    /// and the clerk can print the certificates.
    ResultsArrived(Vec<ArrivedResult>),
}

enum WorkerCommand {
    SyncNow,
    Stop,
}

/// The GUI's handle on the background sync. Dropping it stops the worker (after the
/// round in progress, which is safe to cut short anyway).
pub struct SyncHandle {
    status: Arc<Mutex<SyncStatus>>,
    commands: Sender<WorkerCommand>,
    events: Receiver<SyncEvent>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SyncHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncHandle").finish_non_exhaustive()
    }
}

impl SyncHandle {
    /// A snapshot of the status; cheap, for every frame.
    pub fn status(&self) -> SyncStatus {
        self.status
            .lock()
            .map(|s| s.clone())
            .unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }

    /// The events since the last call, oldest first; never blocks.
    pub fn poll_events(&self) -> Vec<SyncEvent> {
        self.events.try_iter().collect()
    }

    /// Asks for a round now (after a request was accepted, or the clerk pressed
    /// "sync"), instead of at the next interval or the end of a backoff.
    pub fn sync_now(&self) {
        let _ = self.commands.send(WorkerCommand::SyncNow);
    }

    /// Stops the worker and waits for its thread.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.commands.send(WorkerCommand::Stop);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for SyncHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The pause after `failures` failed rounds in a row: `base · 2^(failures−1)`, at most
/// `max`, plus up to a quarter of random jitter so that counters that failed together
/// do not all retry at the same instant.
pub fn backoff_delay(failures: u32, base: Duration, max: Duration, jitter_seed: u128) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    let exp = base.saturating_mul(1u32 << (failures - 1).min(20)).min(max);
    let quarter = exp.as_millis() / 4;
    let jitter = if quarter == 0 {
        0
    } else {
        jitter_seed % quarter
    };
    exp + Duration::from_millis(u64::try_from(jitter).unwrap_or(0))
}

/// Starts the background sync on its own thread. `store` is the worker's own connection
/// to the local store: open a second [`Store`] on the same file for it (at start-up, on
/// the main thread) — the GUI keeps its own. The first round starts at once; the status
/// holds the store's counts and last sync from the start (not only after that round).
pub fn start_worker(store: Store, config: WorkerConfig, clock: Clock) -> SyncHandle {
    let mut initial = SyncStatus::default();
    read_store(&store, &mut initial);
    let status = Arc::new(Mutex::new(initial));
    let (commands, command_rx) = mpsc::channel();
    let (event_tx, events) = mpsc::channel();
    let shared = Arc::clone(&status);
    let thread = std::thread::Builder::new()
        .name("iin-desk-sync".into())
        .spawn(move || worker(store, config, clock, shared, command_rx, event_tx))
        .ok();
    SyncHandle {
        status,
        commands,
        events,
        thread,
    }
}

/// Notes in `s` what the store says: the counts waiting to be sent and for a result, the
/// requests set aside, and the last successful sync. What the store cannot say stays as
/// it was (logged).
fn read_store(store: &Store, s: &mut SyncStatus) {
    match store.sync_counts_net() {
        Ok(c) => {
            s.to_push = c.to_push;
            s.awaiting_result = c.awaiting_result;
        }
        Err(e) => log::warn!("sync: counts not read: {e}"),
    }
    match store.set_aside_requests() {
        Ok(list) => s.set_aside = list,
        Err(e) => log::warn!("sync: set-aside requests not read: {e}"),
    }
    match store.sync_value(SYNC_LAST_SUCCESS) {
        Ok(Some(t)) => {
            if let Some(at) = parse_ts(&t) {
                s.last_success_at = Some(at);
            }
        }
        Ok(None) => {}
        Err(e) => log::warn!("sync: last sync not read: {e}"),
    }
}

fn update(status: &Mutex<SyncStatus>, f: impl FnOnce(&mut SyncStatus)) {
    match status.lock() {
        Ok(mut s) => f(&mut s),
        Err(poisoned) => f(&mut poisoned.into_inner()),
    }
}

fn worker(
    mut store: Store,
    config: WorkerConfig,
    clock: Clock,
    status: Arc<Mutex<SyncStatus>>,
    commands: Receiver<WorkerCommand>,
    events: Sender<SyncEvent>,
) {
    let mut failures: u32 = 0;
    loop {
        // What waits now (requests accepted since the last round too): the waiting count
        // follows the push from there.
        let mut before = match status.lock() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        read_store(&store, &mut before);
        let waiting = before.to_push;
        update(&status, |s| {
            s.running = true;
            s.to_push = waiting;
            s.awaiting_result = before.awaiting_result;
        });
        let changed = config.on_change.as_deref();
        let result =
            sync_round_with_progress(&mut store, &config.sync, false, clock.as_ref(), &mut |p| {
                track(&status, p, waiting, changed)
            });
        let wait = match result {
            Ok(report) => {
                failures = 0;
                if !report.results.is_empty() {
                    let _ = events.send(SyncEvent::ResultsArrived(report.results));
                }
                update(&status, |s| {
                    s.last_error = None;
                    s.failures = 0;
                });
                config.interval
            }
            Err(e) => {
                failures = failures.saturating_add(1);
                update(&status, |s| {
                    s.last_error = Some(Arc::new(e));
                    s.failures = failures;
                });
                backoff_delay(
                    failures,
                    config.backoff_base,
                    config.backoff_max,
                    Uuid::new_v4().as_u128(),
                )
            }
        };
        update(&status, |s| {
            s.running = false;
            s.progress = None;
            s.rounds = s.rounds.saturating_add(1);
            read_store(&store, s);
        });
        if let Some(f) = &config.on_change {
            f();
        }
        match commands.recv_timeout(wait) {
            Ok(WorkerCommand::SyncNow) | Err(RecvTimeoutError::Timeout) => {}
            Ok(WorkerCommand::Stop) | Err(RecvTimeoutError::Disconnected) => break,
        }
    }
}

/// The worker's progress callback: notes `p` in `status` (a new phase restarts the
/// clock; while pushing, the count waiting to be sent goes down from `waiting`, what
/// waited when the round started), calls `changed` when the window shows it, and stops
/// the round when Cancel was pressed.
fn track(
    status: &Mutex<SyncStatus>,
    p: PushProgress,
    waiting: u64,
    changed: Option<&(dyn Fn() + Send + Sync)>,
) -> ControlFlow<()> {
    // A test's pause (`crate::pace`) comes first, so a Cancel pressed during it counts.
    crate::pace::step();
    let mut s = match status.lock() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    if p.phase == Phase::Push {
        // The push sends the outbox but the requests set aside, as counted in `waiting`;
        // a push of everything again (a new central file) counts sent ones as well.
        s.to_push = waiting.min(p.total.saturating_sub(p.done));
    }
    let cancel = s.progress.as_ref().is_some_and(|r| r.cancel_requested);
    let round = match s.progress.take() {
        Some(r) if r.progress.phase == p.phase => RoundProgress { progress: p, ..r },
        _ => RoundProgress {
            progress: p,
            started: Instant::now(),
            cancel_requested: cancel,
        },
    };
    let shown = round.worth_showing();
    s.progress = Some(round);
    drop(s);
    if shown {
        if let Some(f) = changed {
            f();
        }
    }
    if cancel {
        ControlFlow::Break(())
    } else {
        ControlFlow::Continue(())
    }
}

impl SyncHandle {
    /// Asks the running round to stop after the batch in flight (nothing when no round
    /// runs). The next round comes at the usual interval.
    pub fn cancel_round(&self) {
        let mut s = match self.status.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(r) = s.progress.as_mut() {
            r.cancel_requested = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_limit() {
        let base = Duration::from_secs(2);
        let max = Duration::from_secs(300);
        assert_eq!(backoff_delay(0, base, max, 0), Duration::ZERO);
        assert_eq!(backoff_delay(1, base, max, 0), Duration::from_secs(2));
        assert_eq!(backoff_delay(2, base, max, 0), Duration::from_secs(4));
        assert_eq!(backoff_delay(4, base, max, 0), Duration::from_secs(16));
        assert_eq!(backoff_delay(30, base, max, 0), max);
        let jittered = backoff_delay(3, base, max, 1_999);
        assert!(jittered >= Duration::from_secs(8) && jittered < Duration::from_secs(10));
    }

    #[test]
    fn the_worker_notes_each_phase_and_stops_once_cancel_is_asked() {
        let status = Mutex::new(SyncStatus::default());
        let push = |done| PushProgress {
            done,
            total: 5_000,
            phase: Phase::Push,
        };
        assert_eq!(
            track(&status, push(0), 5_000, None),
            ControlFlow::Continue(())
        );
        let started = status.lock().unwrap().progress.as_ref().unwrap().started;
        assert_eq!(
            track(&status, push(100), 5_000, None),
            ControlFlow::Continue(())
        );
        {
            let s = status.lock().unwrap();
            let r = s.progress.as_ref().unwrap();
            assert_eq!(r.progress, push(100));
            assert_eq!(r.started, started, "the same phase keeps its clock");
            assert!(r.worth_showing());
        }
        status
            .lock()
            .unwrap()
            .progress
            .as_mut()
            .unwrap()
            .cancel_requested = true;
        assert_eq!(
            track(&status, push(200), 5_000, None),
            ControlFlow::Break(())
        );
        let pull = PushProgress {
            done: 0,
            total: 3,
            phase: Phase::Pull,
        };
        assert_eq!(track(&status, pull, 5_000, None), ControlFlow::Break(()));
        assert!(!status
            .lock()
            .unwrap()
            .progress
            .as_ref()
            .unwrap()
            .worth_showing());
    }

    #[test]
    fn the_waiting_count_follows_the_push() {
        let status = Mutex::new(SyncStatus {
            to_push: 2_000,
            ..SyncStatus::default()
        });
        let at = |done, total, phase| PushProgress { done, total, phase };
        let waiting = |s: &Mutex<SyncStatus>| s.lock().unwrap().to_push;
        let _ = track(&status, at(0, 2_000, Phase::Push), 2_000, None);
        assert_eq!(waiting(&status), 2_000);
        let _ = track(&status, at(400, 2_000, Phase::Push), 2_000, None);
        assert_eq!(waiting(&status), 1_600, "400 of 2,000 sent");
        let _ = track(&status, at(2_000, 2_000, Phase::Push), 2_000, None);
        assert_eq!(waiting(&status), 0);
        // Pulling results leaves it be.
        let _ = track(&status, at(1, 3, Phase::Pull), 2_000, None);
        assert_eq!(waiting(&status), 0);
        // A push of everything again (a new central file): never more than waited.
        let _ = track(&status, at(0, 9_000, Phase::Push), 2_000, None);
        assert_eq!(waiting(&status), 2_000);
        let _ = track(&status, at(8_000, 9_000, Phase::Push), 2_000, None);
        assert_eq!(waiting(&status), 1_000);
    }
}
