//! Where the central queue is — a file or a PostgreSQL server — and the one interface the
//! counters and the back office use on either: [`Queue`].
//!
//! `Queue` is an enum over the two backends rather than a trait object: its transaction
//! runners (`write`, `read`) are generic over the closure's result type, which a `dyn`
//! trait cannot have, and there are exactly two backends. What varies per engine below
//! the transactions is the trait [`Sql`], so every rule (push, claims, registry, form /
//! correct / refuse, duplicates) is one piece of code for both.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use uuid::Uuid;
use zeroize::Zeroizing;

use super::central::{self, Central, CentralCounts, CentralOptions, OpenMode, Pulled};
use super::protocol::{PersonRecord, PushMessage, PushOutcome};
use super::reject::RejectReason;
use super::server::PgQueue;
use super::sql::{Lite, Sql};
use super::QueueError;
use crate::domain::dedup::Match;
use crate::domain::identity::Identity;
use crate::domain::iin::Iin;
use crate::store::SecretKey;

/// Where the central queue is, as the queue setting says it.
#[derive(Clone, PartialEq, Eq)]
pub enum QueueLocation {
    /// A SQLite file (on a shared folder): the embedded default.
    File(PathBuf),
    /// A PostgreSQL server: a `postgresql://` or `postgres://` URL (without a password).
    Server(String),
}

impl std::fmt::Debug for QueueLocation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueueLocation::File(p) => write!(f, "File({})", p.display()),
            QueueLocation::Server(url) => write!(f, "Server({})", redact(url)),
        }
    }
}

impl QueueLocation {
    /// A `postgresql://…` or `postgres://…` URL is a server; anything else is a file path.
    pub fn parse(text: &str) -> QueueLocation {
        let t = text.trim();
        let lower = t.to_ascii_lowercase();
        if lower.starts_with("postgresql://") || lower.starts_with("postgres://") {
            QueueLocation::Server(t.to_string())
        } else {
            QueueLocation::File(PathBuf::from(text))
        }
    }

    /// The same for a path setting (the command line's `--queue`, `IIN_DESK_QUEUE`, the
    /// machine configuration and the Settings screen all carry it as a path).
    pub fn from_path(path: &Path) -> QueueLocation {
        match path.to_str() {
            Some(text) => QueueLocation::parse(text),
            None => QueueLocation::File(path.to_path_buf()),
        }
    }

    /// Whether it is a server.
    pub fn is_server(&self) -> bool {
        matches!(self, QueueLocation::Server(_))
    }

    /// Checks the queue setting as typed (the Settings screen): any path is a file; a
    /// server URL must parse and must not hold a password (it is kept sealed in the
    /// store, or in PGPASSWORD / the password file).
    pub fn check_setting(text: &str) -> Result<QueueLocation, QueueError> {
        let location = QueueLocation::parse(text);
        if let QueueLocation::Server(url) = &location {
            super::server::check_url(url)?;
        }
        Ok(location)
    }
}

/// A server URL for messages and logs (see [`super::server::redact`]).
pub use super::server::redact;

/// An open central queue: the file or the server.
#[derive(Debug)]
pub enum Queue {
    /// The SQLite file.
    File(Central),
    /// The PostgreSQL server (boxed: its connection is larger than the file's).
    Server(Box<PgQueue>),
}

impl Queue {
    /// Does the registry's part of results adopted by counters (the server's `adopt`): on a
    /// server, in one transaction; nothing on a file, where a counter adopts whole. Returns
    /// how many requests were completed.
    pub fn complete_adoptions(&mut self, now: NaiveDateTime) -> Result<usize, QueueError> {
        match self {
            Queue::File(_) => Ok(0),
            Queue::Server(p) => p.complete_adoptions(now),
        }
    }

    /// Opens the queue at `location`. A file needs the office's queue `key` (a server
    /// ignores it) and is created in [`OpenMode::CreateIfMissing`]; a server's schema is
    /// never created here (that is `iin-desk queue init-server`).
    pub fn open(
        location: &QueueLocation,
        mode: OpenMode,
        options: CentralOptions,
        key: Option<&SecretKey>,
    ) -> Result<Queue, QueueError> {
        Queue::open_sealed(location, mode, options, key, None)
    }

    /// [`Queue::open`] with the queue server's password sealed in the local store
    /// ([`crate::store::Store::server_password`]), used when neither `PGPASSWORD` nor
    /// the password file has one (a file ignores it).
    pub fn open_sealed(
        location: &QueueLocation,
        mode: OpenMode,
        options: CentralOptions,
        key: Option<&SecretKey>,
        server_password: Option<Zeroizing<String>>,
    ) -> Result<Queue, QueueError> {
        match location {
            QueueLocation::File(path) => {
                let key = key.ok_or_else(|| QueueError::NoKey { path: path.clone() })?;
                Ok(Queue::File(Central::open(path, mode, options, key)?))
            }
            QueueLocation::Server(url) => Ok(Queue::Server(Box::new(PgQueue::connect_sealed(
                url,
                options,
                server_password,
            )?))),
        }
    }

    /// The id the file or the server's schema got when it was made: a counter notices by
    /// it that the queue was replaced (or moved), and sends everything again.
    pub fn file_id(&self) -> &str {
        match self {
            Queue::File(c) => c.file_id(),
            Queue::Server(p) => p.server_id(),
        }
    }

    /// Runs `f` in one write transaction, again if the engine says so (busy file,
    /// serialization failure): `f` must have no effect outside the transaction.
    pub(crate) fn write<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Sql) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        match self {
            Queue::File(c) => c.write(|tx| f(&mut Lite(tx))),
            Queue::Server(p) => p.write(f),
        }
    }

    /// Runs `f` in a read transaction (a consistent snapshot).
    pub(crate) fn read<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Sql) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        match self {
            Queue::File(c) => c.read(|tx| f(&mut Lite(tx))),
            Queue::Server(p) => p.read(f),
        }
    }

    /// Stores pushed requests; pushing twice has the effect of pushing once.
    pub fn push(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<PushOutcome>, QueueError> {
        match self {
            Queue::File(c) => c.push(messages, now),
            Queue::Server(p) => p.push(messages, now),
        }
    }

    /// [`Queue::push`], with the reason for each request the queue refused for what
    /// it is ([`super::reject`]): the rest of the batch is stored all the same. A
    /// server's row faults come from the server; on a file, a batch whose transaction
    /// fails with an error about one request (not about the file: see
    /// [`QueueError::is_offline`]) is halved until that request stands alone.
    pub fn push_checked(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<Result<PushOutcome, RejectReason>>, QueueError> {
        let c = match self {
            Queue::Server(p) => return p.push_checked(messages, now),
            Queue::File(c) => c,
        };
        let mut outcomes = vec![Ok(PushOutcome::Damaged); messages.len()];
        let mut parts = vec![(0, messages)];
        while let Some((start, part)) = parts.pop() {
            match c.push(part, now) {
                Ok(done) => {
                    for (k, o) in done.into_iter().enumerate() {
                        outcomes[start + k] = Ok(o);
                    }
                }
                Err(e) if e.is_offline() => return Err(e),
                Err(e) if part.len() == 1 => {
                    outcomes[start] = Err(RejectReason::Refused(e.to_string()));
                }
                Err(_) => {
                    let half = part.len() / 2;
                    parts.push((start + half, &part[half..]));
                    parts.push((start, &part[..half]));
                }
            }
        }
        Ok(outcomes)
    }

    /// The results of those of `ids` that have one.
    pub fn results_for(&mut self, ids: &[Uuid]) -> Result<Pulled, QueueError> {
        self.read(|tx| central::results_for(tx, ids))
    }

    /// How many requests are pending and done, and how many persons are registered.
    pub fn counts(&mut self) -> Result<CentralCounts, QueueError> {
        self.read(central::counts)
    }

    /// A registered person, if the IIN is in the registry.
    pub fn person(&mut self, iin: &Iin) -> Result<Option<PersonRecord>, QueueError> {
        self.read(|tx| central::person(tx, iin))
    }

    /// Registered persons who may be the person `identity` describes, best first, with
    /// their `dedup` scores (the same rule on both backends; a server fetches them by
    /// its indexes, see [`central::candidates`]).
    pub fn candidates(
        &mut self,
        identity: &Identity,
    ) -> Result<Vec<(PersonRecord, Match)>, QueueError> {
        self.read(|tx| central::candidates(tx, identity))
    }

    /// Registers persons under their IINs, as the back office does when it forms them
    /// (version 1, with history and name index), in one transaction: a registry import,
    /// or synthetic data. An IIN already known is left as it is. Returns how many were
    /// registered.
    pub fn add_persons(
        &mut self,
        persons: &[(Iin, Identity)],
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<u64, QueueError> {
        self.write(|tx| {
            let mut added = 0;
            for (iin, identity) in persons {
                if central::is_known_iin(&mut *tx, iin)? {
                    continue;
                }
                central::register(&mut *tx, iin, identity, "", actor, now)?;
                added += 1;
            }
            Ok(added)
        })
    }

    /// A registered person's versions, oldest first (the current one last).
    pub fn person_history(&mut self, iin: &Iin) -> Result<Vec<PersonRecord>, QueueError> {
        self.read(|tx| central::person_history(tx, iin))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_a_server_and_anything_else_a_file() {
        assert!(QueueLocation::parse("postgresql://db.local/iin").is_server());
        assert!(QueueLocation::parse(" POSTGRES://db.local:5433/iin ").is_server());
        assert!(!QueueLocation::parse("/mnt/share/queue.sqlite3").is_server());
        assert!(!QueueLocation::parse(r"\\srv\q\postgresql.sqlite").is_server());
        assert_eq!(
            redact("postgresql://clerk:secret@db.local:5432/iin?sslmode=require"),
            "postgresql://db.local:5432/iin"
        );
    }
}
