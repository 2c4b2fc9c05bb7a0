//! The counter's sync with the central queue: one round ([`sync_round`]) pushes the
//! accepted requests and pulls the results of the sent ones; the background worker
//! ([`super::sync_worker`]) runs rounds on its own thread.
//!
//! Offline first: the counter never waits for the central file. Requests are stored
//! locally first; a round that fails changes nothing locally and is simply tried again.
//! Each step is idempotent, so a round killed at any moment loses and duplicates nothing:
//! - a push is keyed on the request id (plus a content hash) in the central file, and the
//!   local request becomes *sent* only after the central transaction committed;
//! - a result is applied only to a request that is still *sent* locally.

use crate::store::SecretKey;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDateTime;
use serde::Serialize;
use uuid::Uuid;

use super::central::{CentralOptions, OpenMode};
use super::location::{Queue, QueueLocation};
use super::protocol::{format_ts, PushMessage, PushOutcome, DEFAULT_FILE_NAME};
use super::reject::RejectReason;
pub use super::sync_progress::{never_stop, OnProgress, Phase, PushProgress, RoundProgress};
use super::QueueError;
use crate::domain::request::Status;
use crate::machine_config::MachineConfig;
use crate::settings::Setting;
use crate::store::{
    Store, StoreError, SyncCounts, SYNC_CENTRAL_FILE_ID, SYNC_LAST_ERROR, SYNC_LAST_SUCCESS,
};

/// The local setting that holds the central file's path (set by an administrator):
/// [`Setting::QueuePath`]'s store key.
pub const QUEUE_PATH_SETTING: &str = Setting::QueuePath.store_key();

/// A clock: the caller decides where time comes from (the app's one clock, or a test's).
pub type Clock = Arc<dyn Fn() -> NaiveDateTime + Send + Sync>;

/// The central file's path: the one given (command line or environment), else the local
/// setting [`QUEUE_PATH_SETTING`], else [`DEFAULT_FILE_NAME`] in the data folder, so
/// that one machine works out of the box.
pub fn resolve_queue_path(given: Option<&Path>, setting: Option<&str>, data_dir: &Path) -> PathBuf {
    given
        .map(Path::to_path_buf)
        .or_else(|| {
            setting
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| data_dir.join(DEFAULT_FILE_NAME))
}

/// The central file's path in force: the one given (command line or environment), else
/// [`Setting::QueuePath`] resolved over the store and the machine configuration (a locked
/// machine value, the user's, the machine's), else [`DEFAULT_FILE_NAME`] in `data_dir`.
pub fn configured_queue_path(
    given: Option<&Path>,
    store: &Store,
    machine: &MachineConfig,
    data_dir: &Path,
) -> Result<PathBuf, StoreError> {
    let setting = machine.value_in_force(store, Setting::QueuePath)?;
    Ok(resolve_queue_path(given, setting.as_deref(), data_dir))
}

/// What a sync round needs to know.
#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// The central queue: a file, or a `postgresql://` URL (see [`QueueLocation::parse`]).
    pub queue_path: PathBuf,
    /// Who the local audit log names for the sync's changes (a login, or `sync`).
    pub actor: String,
    /// Requests per central transaction (short transactions keep others waiting less).
    pub batch_size: usize,
    /// Timeouts of the central file.
    pub central: CentralOptions,
}

impl SyncConfig {
    /// A configuration with the default batch size and timeouts.
    pub fn new(queue_path: PathBuf, actor: &str) -> SyncConfig {
        SyncConfig {
            queue_path,
            actor: actor.to_string(),
            batch_size: 100,
            central: CentralOptions::default(),
        }
    }
}

/// A result that arrived and was applied locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArrivedResult {
    /// The request.
    pub id: String,
    /// Its new local status (formed, corrected or refused).
    pub status: Status,
}

/// A request the queue rejected in this round, now set aside locally.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rejected {
    /// The request.
    pub id: String,
    /// Why.
    pub reason: RejectReason,
}

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoundReport {
    /// Requests the central file confirmed holding (new or already there).
    pub pushed: usize,
    /// Of those, requests that went from accepted to sent locally.
    pub newly_sent: usize,
    /// Results that arrived and were applied.
    pub results: Vec<ArrivedResult>,
    /// Requests whose id is in the central file with other data (left accepted).
    pub conflicts: Vec<String>,
    /// Requests that could not be sent or whose result is damaged.
    pub damaged: Vec<String>,
    /// Requests the queue rejected in this round (conflicts, damaged ones, rows the
    /// server refused): set aside, with their reasons, and skipped from now on until a
    /// supervisor sends them again ([`super::reject::retry_set_aside`]).
    pub set_aside: Vec<Rejected>,
    /// Requests set aside in earlier rounds, not sent in this one.
    pub still_set_aside: usize,
    /// The central file was new to this counter (replaced or rebuilt), so everything
    /// was sent again.
    pub file_changed: bool,
    /// What is left to do after the round.
    pub counts: SyncCounts,
    /// The round was cancelled between two batches: the rest waits for the next round.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// Runs one sync round: push, then pull. With `repush_all`, every request that left the
/// counter is sent again (with its result, if it has one), which rebuilds a lost or
/// damaged central file in a fresh one; it is idempotent, like every push. The outcome
/// is also written to the store's sync bookkeeping for the status line.
pub fn sync_round(
    store: &mut Store,
    config: &SyncConfig,
    repush_all: bool,
    clock: &dyn Fn() -> NaiveDateTime,
) -> Result<RoundReport, QueueError> {
    sync_round_with_progress(store, config, repush_all, clock, &mut never_stop)
}

/// As [`sync_round`], calling `progress` once before the push, after each batch the
/// central file committed and after each result applied (`sync --repush-all` and the
/// window show it); when it answers `Break` the round stops there, safely (see
/// [`super::sync_progress`]).
pub fn sync_round_with_progress(
    store: &mut Store,
    config: &SyncConfig,
    repush_all: bool,
    clock: &dyn Fn() -> NaiveDateTime,
    progress: &mut OnProgress<'_>,
) -> Result<RoundReport, QueueError> {
    let done =
        store.with_sync_page_cache(|store| round(store, config, repush_all, clock, progress));
    match done {
        Ok(report) => {
            if report.pushed > 0 || !report.results.is_empty() || !report.conflicts.is_empty() {
                log::info!(
                    "sync: pushed {}, results {}, conflicts {}",
                    report.pushed,
                    report.results.len(),
                    report.conflicts.len()
                );
            }
            store.set_sync_value(SYNC_LAST_SUCCESS, &format_ts(clock()))?;
            store.set_sync_value(SYNC_LAST_ERROR, "")?;
            Ok(report)
        }
        Err(e) => {
            log::warn!("sync failed: {e}");
            // Best effort: the round's error is what matters, not this note of it.
            let _ = store.set_sync_value(SYNC_LAST_ERROR, &e.to_string());
            Err(e)
        }
    }
}

/// This installation's key of the central file at `path`. An installation without one
/// makes one only when it may create the file and there is none yet (the office's first
/// installation creates the queue; the administrator then exports the key to the others).
pub fn installation_queue_key(
    store: &mut Store,
    path: &Path,
    may_create: bool,
    actor: &str,
    now: NaiveDateTime,
) -> Result<SecretKey, QueueError> {
    if let Some(key) = store.queue_key()? {
        return Ok(key);
    }
    let exists = std::fs::metadata(path).is_ok_and(|m| m.len() > 0);
    if exists || !may_create {
        return Err(QueueError::NoKey {
            path: path.to_path_buf(),
        });
    }
    Ok(store.queue_key_or_new(actor, now)?)
}

fn round(
    store: &mut Store,
    config: &SyncConfig,
    repush_all: bool,
    clock: &dyn Fn() -> NaiveDateTime,
    progress: &mut OnProgress<'_>,
) -> Result<RoundReport, QueueError> {
    let station = store.station_id(&Uuid::new_v4().to_string())?;
    let remembered = store.sync_value(SYNC_CENTRAL_FILE_ID)?;
    // A counter that has synced before must not start a new central file by itself: the
    // share may just be unmounted. Only the first round and a rebuild may create one.
    let mode = if remembered.is_none() || repush_all {
        OpenMode::CreateIfMissing
    } else {
        OpenMode::MustExist
    };
    let location = QueueLocation::from_path(&config.queue_path);
    let (key, sealed) = match &location {
        QueueLocation::File(path) => (
            Some(installation_queue_key(
                store,
                path,
                mode == OpenMode::CreateIfMissing,
                &config.actor,
                clock(),
            )?),
            None,
        ),
        // A server has its own credentials (PGPASSWORD, ~/.pgpass, or the password
        // sealed in this store): no queue key.
        QueueLocation::Server(_) => (None, store.server_password()?),
    };
    let mut central = Queue::open_sealed(&location, mode, config.central, key.as_ref(), sealed)?;
    let file_changed = remembered
        .as_deref()
        .is_some_and(|r| r != central.file_id());
    let everything = repush_all || file_changed;
    let mut report = RoundReport {
        file_changed,
        ..RoundReport::default()
    };

    push_outbox(
        store,
        &mut central,
        config,
        (&station, everything),
        clock,
        progress,
        &mut report,
    )?;
    if remembered.as_deref() != Some(central.file_id()) {
        store.set_sync_value(SYNC_CENTRAL_FILE_ID, central.file_id())?;
    }
    if report.cancelled {
        report.counts = store.sync_counts_net()?;
        return Ok(report);
    }
    super::due_updates::send_pending(store, &mut central, &station, config.batch_size, clock)?;

    let waiting: Vec<Uuid> = store
        .awaiting_results()?
        .iter()
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect();
    let pulled = central.results_for(&waiting)?;
    report
        .damaged
        .extend(pulled.damaged.iter().map(Uuid::to_string));
    let (total, phase) = (pulled.results.len() as u64, Phase::Pull);
    for (done, result) in (0..).zip(pulled.results) {
        if progress(PushProgress { done, total, phase }).is_break() {
            report.cancelled = true;
            break;
        }
        let id = result.id.to_string();
        // Another sync (the GUI's worker, a scheduled `iin-desk sync`) may have applied
        // it a moment ago: only a request still sent takes a result.
        if store.request(&id)?.status != Status::Sent {
            continue;
        }
        match store.apply_event(
            &id,
            result.event(),
            Some(result.outcome()),
            &config.actor,
            clock(),
        ) {
            Ok(status) => {
                // Who decided, for the certificate (a blank line there when not known).
                store.set_decided_by(&id, &result.decided_by)?;
                report.results.push(ArrivedResult { id, status });
            }
            Err(StoreError::Transition(_)) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    store.record_result_deadlines()?;
    report.counts = store.sync_counts_net()?;
    Ok(report)
}

/// Pushes the outbox (all but the requests set aside) in batches, marks what the queue
/// holds as sent and sets aside what it rejected; `who` is the station and whether to push
/// everything again.
fn push_outbox(
    store: &mut Store,
    central: &mut Queue,
    config: &SyncConfig,
    who: (&str, bool),
    clock: &dyn Fn() -> NaiveDateTime,
    progress: &mut OnProgress<'_>,
    report: &mut RoundReport,
) -> Result<(), QueueError> {
    let (station, everything) = who;
    // Requests set aside wait for a supervisor: they never hold up the rest.
    let aside: HashSet<String> = store
        .set_aside_requests()?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let mut outbox = store.outbox(everything, u64::MAX)?;
    outbox.retain(|item| !aside.contains(&item.id));
    report.still_set_aside = aside.len();
    let (total, phase) = (outbox.len() as u64, Phase::Push);
    report.cancelled = progress(PushProgress {
        done: 0,
        total,
        phase,
    })
    .is_break();
    let mut done = 0;
    // Delivered requests are marked sent locally after their central batch committed,
    // many batches at a time: each local transaction writes every page it touched once
    // (and, in WAL mode, once more at the checkpoint), and the outbox's rows lie on pages
    // all over the table, so fewer, larger transactions write far fewer pages; each
    // commit is an fsync too. Until marked, a delivered request is simply pushed again
    // by the next round if this one is killed (the central file keeps one copy). On an
    // error, what was delivered is marked before the error is reported.
    let mut delivered = Vec::new();
    for chunk in outbox.chunks(config.batch_size.max(1)) {
        if report.cancelled {
            break;
        }
        let pushed = push_batch(central, chunk, station, everything, clock, report);
        let rejected = match pushed {
            Ok((d, rejected)) => {
                delivered.extend(d);
                rejected
            }
            Err(e) => {
                mark_delivered(store, &mut delivered, config, clock, report)?;
                return Err(e);
            }
        };
        for (id, reason) in rejected {
            set_aside(store, report, config, &id, reason, clock)?;
        }
        if delivered.len() >= LOCAL_MARK_BATCH {
            mark_delivered(store, &mut delivered, config, clock, report)?;
        }
        done += chunk.len() as u64;
        report.cancelled = progress(PushProgress { done, total, phase }).is_break();
    }
    mark_delivered(store, &mut delivered, config, clock, report)?;
    Ok(())
}

/// Delivered requests marked sent in one local transaction, at most: their pages fit the
/// page cache of the round ([`Store::with_sync_page_cache`]).
const LOCAL_MARK_BATCH: usize = 10_000;

/// What one batch delivered (id, content hash) and what the queue rejected, with why.
type BatchOutcome = (Vec<(String, String)>, Vec<(String, RejectReason)>);

/// Pushes one batch in one central transaction; returns the delivered requests and the
/// rejected ones (to be set aside), and notes conflicts and damage in `report`.
fn push_batch(
    central: &mut Queue,
    chunk: &[crate::store::OutboxItem],
    station: &str,
    everything: bool,
    clock: &dyn Fn() -> NaiveDateTime,
    report: &mut RoundReport,
) -> Result<BatchOutcome, QueueError> {
    let mut messages = Vec::with_capacity(chunk.len());
    let mut rejected = Vec::new();
    for item in chunk {
        match PushMessage::from_local(&item.form, item.due_at.as_deref(), station, everything) {
            Ok(m) => messages.push(m),
            Err(_) => {
                report.damaged.push(item.id.clone());
                rejected.push((item.id.clone(), RejectReason::Damaged));
            }
        }
    }
    let outcomes = central.push_checked(&messages, clock())?;
    let mut delivered = Vec::with_capacity(messages.len());
    for (m, outcome) in messages.into_iter().zip(outcomes) {
        let id = m.id.to_string();
        let reason = match outcome {
            Ok(o) if o.is_delivered() => {
                delivered.push((id, m.content_hash));
                continue;
            }
            Ok(PushOutcome::Conflict) => {
                report.conflicts.push(id.clone());
                RejectReason::Conflict
            }
            Ok(_) => {
                report.damaged.push(id.clone());
                RejectReason::Damaged
            }
            Err(reason) => {
                report.damaged.push(id.clone());
                reason
            }
        };
        rejected.push((id, reason));
    }
    Ok((delivered, rejected))
}

/// Marks `delivered` sent locally (emptying it) and counts them in `report`.
fn mark_delivered(
    store: &mut Store,
    delivered: &mut Vec<(String, String)>,
    config: &SyncConfig,
    clock: &dyn Fn() -> NaiveDateTime,
    report: &mut RoundReport,
) -> Result<(), QueueError> {
    if delivered.is_empty() {
        return Ok(());
    }
    report.pushed += delivered.len();
    report.newly_sent += store.mark_pushed(delivered, &config.actor, clock())?;
    delivered.clear();
    Ok(())
}

/// Sets the request `id` aside locally with `reason`, and notes it in the report.
fn set_aside(
    store: &mut Store,
    report: &mut RoundReport,
    config: &SyncConfig,
    id: &str,
    reason: RejectReason,
    clock: &dyn Fn() -> NaiveDateTime,
) -> Result<(), QueueError> {
    log::warn!("sync: request {id} set aside: {}", reason.to_stored());
    store.set_aside(id, &reason.to_stored(), &config.actor, clock())?;
    report.set_aside.push(Rejected {
        id: id.to_string(),
        reason,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_path_is_resolved_in_order() {
        let data = Path::new("/data");
        assert_eq!(
            resolve_queue_path(Some(Path::new("/share/q.sqlite3")), Some("/x"), data),
            PathBuf::from("/share/q.sqlite3")
        );
        assert_eq!(
            resolve_queue_path(None, Some(" /x/q "), data),
            PathBuf::from("/x/q")
        );
        assert_eq!(
            resolve_queue_path(None, Some(""), data),
            data.join(DEFAULT_FILE_NAME)
        );
        assert_eq!(
            resolve_queue_path(None, None, data),
            data.join(DEFAULT_FILE_NAME)
        );
    }
}
