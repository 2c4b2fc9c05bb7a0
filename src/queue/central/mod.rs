//! Opening and writing the central queue file: the edge between the protocol and a
//! SQLite file on a shared folder that many processes on many machines use at once.
//!
//! How it stays safe there:
//! - the rollback journal in `DELETE` mode with `synchronous = FULL`, never WAL (WAL needs
//!   shared memory, which a network share does not give);
//! - every write is one short `BEGIN IMMEDIATE` transaction, so two writers never deadlock
//!   and a process killed mid-write leaves a hot journal that the next opener rolls back;
//! - a busy timeout, then a few retries with exponential backoff;
//! - a file that is not ours, damaged or newer is refused and never modified or deleted;
//!   a missing file is created only when the caller says so (first use, or a rebuild).
//!
//! Its parts:
//! - `file.rs` — opening the file, its identity, version and schema;
//! - `ops.rs` — the queue operations: push, results, counts;
//! - `registry.rs` — the registry of persons and the IINs ever seen;
//! - `errors.rs` — SQLite and protocol errors as [`QueueError`]s.

mod errors;
mod file;
mod ops;
mod registry;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, Transaction};
use uuid::Uuid;

use super::protocol::ResultMessage;
use super::QueueError;
use errors::{db_error, relocate};

pub(crate) use ops::{
    audit, counts, parse_request, person_history, push_one, results_for, stored_request, ts_opt,
    write_result,
};
pub(crate) use registry::{apply_correction, candidates, is_known_iin, person, register};

/// Whether a missing central file may be created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// The file must be there: a counter that has used a central file before must not
    /// start a new one silently (the share may just be unmounted).
    MustExist,
    /// Create the file if it is missing or empty (first use; a rebuild).
    CreateIfMissing,
}

/// Timeouts of the central file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CentralOptions {
    /// How long SQLite waits for another process's lock before giving up once.
    pub busy_timeout: Duration,
    /// How many times a transaction that found the file busy is tried again, with
    /// exponential backoff, before the error is reported.
    pub retries: u32,
}

impl Default for CentralOptions {
    fn default() -> Self {
        CentralOptions {
            busy_timeout: Duration::from_secs(5),
            retries: 2,
        }
    }
}

/// How many requests are where, for status lines and tests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CentralCounts {
    /// Waiting for a decision.
    pub pending: u64,
    /// Of those, left by the automatic run for a person.
    pub needs_person: u64,
    /// Decided.
    pub done: u64,
    /// Persons in the registry.
    pub persons: u64,
}

/// The results of a pull, and the ids whose stored result does not parse.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pulled {
    /// Results for the asked ids that have one.
    pub results: Vec<ResultMessage>,
    /// Ids whose result row is damaged; they are left for support.
    pub damaged: Vec<Uuid>,
}

/// An open central queue file.
pub struct Central {
    conn: Connection,
    path: PathBuf,
    file_id: String,
    options: CentralOptions,
}

impl std::fmt::Debug for Central {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Central")
            .field("path", &self.path)
            .field("file_id", &self.file_id)
            .finish()
    }
}

impl Central {
    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The id the file got when it was created: a counter notices by it that the file
    /// was replaced (rebuilt), and sends everything again.
    pub fn file_id(&self) -> &str {
        &self.file_id
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, trying again with exponential
    /// backoff while the file is busy. `f` may run more than once, so it must have no
    /// effect outside the transaction.
    pub(crate) fn write<T>(
        &mut self,
        mut f: impl FnMut(&Transaction<'_>) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        let path = self.path.clone();
        let db = db_error(&path);
        let mut attempt = 0;
        loop {
            let result = match self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            {
                Ok(tx) => f(&tx).and_then(|v| tx.commit().map(|_| v).map_err(&db)),
                Err(e) => Err(db(e)),
            };
            match result.map_err(|e| relocate(e, &path)) {
                Err(QueueError::Busy { .. }) if attempt < self.options.retries => {
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }

    /// Runs `f` in a read transaction (a consistent snapshot), with the same retries.
    pub(crate) fn read<T>(
        &mut self,
        mut f: impl FnMut(&Transaction<'_>) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        let path = self.path.clone();
        let db = db_error(&path);
        let mut attempt = 0;
        loop {
            let result = match self.conn.transaction() {
                Ok(tx) => f(&tx).and_then(|v| tx.commit().map(|_| v).map_err(&db)),
                Err(e) => Err(db(e)),
            };
            match result.map_err(|e| relocate(e, &path)) {
                Err(QueueError::Busy { .. }) if attempt < self.options.retries => {
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                }
                other => return other,
            }
        }
    }
}

/// The wait before retry `attempt` (0-based): 200 ms, 400 ms, 800 ms, … at most 10 s.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(10))
}
