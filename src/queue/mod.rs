//! The round trip with the back office through one **central queue file**: a SQLite
//! database on a shared folder that every counter and the back office open in turn.
//!
//! - [`protocol`] — the file's version and the message shapes (pure).
//! - [`central`] — opening the file safely and its transactions (the edge).
//! - [`sync`] — the counter's sync round and its background worker.
//! - [`backoffice`] — what the back office does: list, claim, form, correct, refuse.
//! - [`due_updates`] — due dates a calendar import changed, sent after the push.
//!
//! Every error is a [`QueueError`], which names files and request ids, never personal
//! data; the counter shows it and carries on offline.

pub mod backoffice;
pub mod central;
pub mod demo_registry;
pub mod due_updates;
pub mod location;
pub mod protocol;
pub mod reject;
pub mod server;
pub(crate) mod sql;
pub mod sync;
pub mod sync_progress;
pub mod sync_worker;

pub use location::{Queue, QueueLocation};

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::store::StoreError;

/// Errors of the queue. None of them carries personal data: paths, ids and codes only.
#[derive(Debug, Error)]
pub enum QueueError {
    /// The central file (or the folder it should be in) is not there, or is empty.
    #[error("the central queue file {path} is missing or empty; check the shared folder, or rebuild it with `iin-desk sync --repush-all`")]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// The file is not an iin-desk central queue file (another program's file, garbage).
    #[error("{path} is not an iin-desk central queue file; it was left untouched")]
    NotAQueueFile {
        /// The file.
        path: PathBuf,
    },
    /// The file is damaged (truncated, overwritten in part).
    #[error("the central queue file {path} is damaged; it was left untouched — rebuild it into a fresh file with `iin-desk sync --repush-all`")]
    Corrupt {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer program.
    #[error("the central queue file {path} has protocol version {found}, newer than this program's {supported}; update iin-desk — the file was left untouched")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// This installation has no key for the central file yet.
    #[error("this installation has no key for the central queue file {path}: the administrator imports the office's queue key (iin-desk key queue-import FILE); nothing was sent")]
    NoKey {
        /// The file.
        path: PathBuf,
    },
    /// The installation's queue key does not open the file (another office's key, or a
    /// file that is not an iin-desk queue file).
    #[error("{path} cannot be opened with this installation's queue key (a wrong key, another office's file, or not a queue file); it was left untouched")]
    WrongKey {
        /// The file.
        path: PathBuf,
    },
    /// The file is an unencrypted queue file of the previous version.
    #[error("{path} is not encrypted (made by the previous version): once every counter has synced, the administrator moves it aside and the counters rebuild an encrypted one with `iin-desk sync --repush-all`; it was left untouched")]
    NotEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// The file or its folder cannot be written.
    #[error("the central queue file {path} is read-only; nothing was sent")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Another program holds the file locked for longer than the busy timeout.
    #[error(
        "the central queue file {path} is locked by another program for too long; will try again"
    )]
    Busy {
        /// The file.
        path: PathBuf,
    },
    /// Reading or writing the file failed (a network share that went away).
    #[error("cannot use the central queue file {path}: {detail}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed (no personal data: an OS or SQLite message).
        detail: String,
    },
    /// The same id arrived with different content: the central copy was kept.
    #[error("request {0} is already in the central queue with different data; it was not changed")]
    Conflict(String),
    /// A message or a stored record does not parse.
    #[error("request {0}: the data in the central queue are damaged")]
    Damaged(String),
    /// The request is not set aside (nothing to send again).
    #[error("request {0} is not set aside")]
    NotSetAside(String),
    /// No such request in the central file.
    #[error("request {0} is not in the central queue")]
    NotFound(String),
    /// Another operator holds the request.
    #[error("request {0} is being handled by another operator")]
    ClaimedByOther(String),
    /// The operator acted on a request without claiming it (or lost the claim).
    #[error("request {0} is not claimed by you; claim it first")]
    NotClaimed(String),
    /// The request already has a result.
    #[error("request {0} has already been decided")]
    AlreadyDecided(String),
    /// The action does not fit the request's kind or the rules.
    #[error("{0}")]
    Transition(#[from] crate::domain::request::TransitionError),
    /// Forming an IIN for someone who may already have one needs the operator's
    /// override with a reason (otherwise refuse on para 15.3).
    #[error("request {id}: {candidates} registered person(s) may be the applicant; refuse on para 15.3 or override with a reason")]
    PossiblyRegistered {
        /// The request.
        id: String,
        /// How many candidates reach the threshold.
        candidates: usize,
    },
    /// An override was asked for without a reason.
    #[error("an override needs a reason")]
    ReasonRequired,
    /// A correction's current IIN is not in the registry.
    #[error("request {0}: the IIN to correct is not in the registry")]
    NotRegistered(String),
    /// No free IIN is left for the birth date and sex (or the year cannot be encoded).
    #[error("request {0}: no IIN can be generated for this birth date and sex")]
    NoFreeIin(String),
    /// The queue server cannot be reached or used (down, unreachable, wrong password or
    /// database, no rights, the connection lost).
    #[error("cannot use the queue server {location}: {detail}")]
    Server {
        /// The server, without user or password.
        location: String,
        /// What failed (the server's message or the network's; no personal data).
        detail: String,
    },
    /// The server has no iin-desk queue (the administrator runs `queue init-server`).
    #[error("the server {location} has no iin-desk queue: the administrator creates it with `iin-desk queue init-server`; nothing was sent")]
    ServerNoSchema {
        /// The server.
        location: String,
    },
    /// The server's queue was made by a newer program.
    #[error("the queue on the server {location} has schema version {found}, newer than this program's {supported}; update iin-desk — nothing was changed")]
    ServerTooNew {
        /// The server.
        location: String,
        /// Its version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// The server's queue was made by an older program and not yet upgraded.
    #[error("the queue on the server {location} has schema version {found}, older than this program's {supported}: the administrator upgrades it with `iin-desk queue init-server`; nothing was changed")]
    ServerTooOld {
        /// The server.
        location: String,
        /// Its version.
        found: i64,
        /// The version this program needs.
        supported: i64,
    },
    /// The queue setting's URL holds a password.
    #[error("the queue server URL for {location} contains a password: remove it and set PGPASSWORD or ~/.pgpass instead")]
    ServerPasswordInUrl {
        /// The server.
        location: String,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl QueueError {
    /// The error in `lang`, for a clerk or an operator.
    pub fn message(&self, lang: Lang) -> String {
        use QueueError as E;
        match self {
            E::Missing { path } => on_file(lang, "queue-missing", path),
            E::NotAQueueFile { path } => on_file(lang, "queue-not-a-queue-file", path),
            E::Corrupt { path } => on_file(lang, "queue-corrupt", path),
            E::TooNew {
                path,
                found,
                supported,
            } => tr_args(
                lang,
                "queue-too-new",
                &[
                    ("path", path.display().to_string().into()),
                    ("found", (*found).into()),
                    ("supported", (*supported).into()),
                ],
            ),
            E::ReadOnly { path } => on_file(lang, "queue-read-only", path),
            E::Busy { path } => on_file(lang, "queue-busy", path),
            E::Io { path, detail } => tr_args(
                lang,
                "queue-io",
                &[
                    ("path", path.display().to_string().into()),
                    ("detail", detail.into()),
                ],
            ),
            E::Conflict(id) => on_request(lang, "queue-conflict", id),
            E::Damaged(id) => on_request(lang, "queue-damaged", id),
            E::NotFound(id) => on_request(lang, "queue-not-found", id),
            E::NotSetAside(id) => on_request(lang, "server-not-set-aside", id),
            E::ClaimedByOther(id) => on_request(lang, "queue-claimed-by-other", id),
            E::NotClaimed(id) => on_request(lang, "queue-not-claimed", id),
            E::AlreadyDecided(id) => on_request(lang, "queue-already-decided", id),
            E::PossiblyRegistered { id, candidates } => tr_args(
                lang,
                "queue-possibly-registered",
                &[("id", id.into()), ("candidates", (*candidates).into())],
            ),
            E::ReasonRequired => tr(lang, "queue-reason-required"),
            E::NotRegistered(id) => on_request(lang, "queue-not-registered", id),
            E::NoFreeIin(id) => on_request(lang, "queue-no-free-iin", id),
            E::NoKey { path } => on_file(lang, "queue-no-key", path),
            E::WrongKey { path } => on_file(lang, "queue-wrong-key", path),
            E::NotEncrypted { path } => on_file(lang, "queue-not-encrypted", path),
            E::Transition(e) => e.message(lang),
            E::Store(e) => e.message(lang),
            E::Server { location, detail } => tr_args(
                lang,
                "queue-server-unusable",
                &[("server", location.into()), ("detail", detail.into())],
            ),
            E::ServerNoSchema { location } => tr_args(
                lang,
                "queue-server-no-schema",
                &[("server", location.into())],
            ),
            E::ServerTooNew {
                location,
                found,
                supported,
            } => tr_args(
                lang,
                "queue-server-schema-newer",
                &[
                    ("server", location.into()),
                    ("found", (*found).into()),
                    ("supported", (*supported).into()),
                ],
            ),
            E::ServerTooOld {
                location,
                found,
                supported,
            } => tr_args(
                lang,
                "queue-server-schema-older",
                &[
                    ("server", location.into()),
                    ("found", (*found).into()),
                    ("supported", (*supported).into()),
                ],
            ),
            E::ServerPasswordInUrl { location } => tr_args(
                lang,
                "queue-server-password-in-url",
                &[("server", location.into())],
            ),
        }
    }

    /// Whether the error is about the central file as a whole (the counter is offline),
    /// as opposed to one request.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            QueueError::Missing { .. }
                | QueueError::NotAQueueFile { .. }
                | QueueError::NoKey { .. }
                | QueueError::WrongKey { .. }
                | QueueError::NotEncrypted { .. }
                | QueueError::Corrupt { .. }
                | QueueError::TooNew { .. }
                | QueueError::ReadOnly { .. }
                | QueueError::Busy { .. }
                | QueueError::Io { .. }
                | QueueError::Server { .. }
                | QueueError::ServerNoSchema { .. }
                | QueueError::ServerTooNew { .. }
                | QueueError::ServerTooOld { .. }
                | QueueError::ServerPasswordInUrl { .. }
        )
    }
}

/// A message about the queue file `path`.
fn on_file(lang: Lang, id: &str, path: &std::path::Path) -> String {
    tr_args(lang, id, &[("path", path.display().to_string().into())])
}

/// A message about the request `request`.
fn on_request(lang: Lang, id: &str, request: &str) -> String {
    tr_args(lang, id, &[("id", request.into())])
}
