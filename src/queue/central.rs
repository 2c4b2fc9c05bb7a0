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

use crate::store::SecretKey;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Transaction, MAIN_DB};
use uuid::Uuid;

use super::protocol::{
    format_ts, parse_ts, PersonRecord, ProtocolError, PushMessage, PushOutcome, ResultMessage,
    ResultStatus, APPLICATION_ID, PROTOCOL_VERSION,
};
use super::QueueError;
use crate::domain::dedup::{self, Match};
use crate::domain::form::{validate_record, RequestForm};
use crate::domain::identity::Identity;
use crate::domain::iin::Iin;
use crate::domain::request::Request;

/// The central file's migrations; migration N brings `user_version` from N-1 to N.
const MIGRATIONS: &[&str] = &[
    // 1: requests with their results, the registry of persons with its history, the
    //    IINs ever seen, the append-only audit log.
    r#"
    CREATE TABLE meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    CREATE TABLE requests (
        id               TEXT PRIMARY KEY,
        content_hash     TEXT NOT NULL,
        kind             TEXT NOT NULL,
        station          TEXT NOT NULL,
        submitted_at     TEXT NOT NULL,
        due_at           TEXT,
        pushed_at        TEXT NOT NULL,
        form             TEXT NOT NULL,
        state            TEXT NOT NULL DEFAULT 'pending',
        needs_person     INTEGER NOT NULL DEFAULT 0,
        claimed_by       TEXT,
        claim_until      TEXT,
        result_status    TEXT,
        result_iin       TEXT,
        result_ground    TEXT,
        result_comment   TEXT NOT NULL DEFAULT '',
        override_reason  TEXT,
        decided_at       TEXT,
        decided_by       TEXT
    );
    CREATE INDEX requests_queue ON requests(state, submitted_at, id);

    CREATE TABLE persons (
        iin            TEXT PRIMARY KEY,
        birth_date     TEXT NOT NULL,
        doc_number     TEXT,
        identity       TEXT NOT NULL,
        version        INTEGER NOT NULL,
        request_id     TEXT,
        registered_at  TEXT NOT NULL,
        updated_at     TEXT NOT NULL
    );
    CREATE INDEX persons_birth ON persons(birth_date);
    CREATE INDEX persons_doc ON persons(doc_number);
    CREATE TABLE person_tokens (
        token  TEXT NOT NULL,
        iin    TEXT NOT NULL,
        PRIMARY KEY (token, iin)
    ) WITHOUT ROWID;
    CREATE INDEX person_tokens_iin ON person_tokens(iin);
    CREATE TABLE person_history (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        iin         TEXT NOT NULL,
        version     INTEGER NOT NULL,
        identity    TEXT NOT NULL,
        request_id  TEXT,
        changed_at  TEXT NOT NULL,
        changed_by  TEXT NOT NULL
    );
    CREATE INDEX person_history_iin ON person_history(iin, version);
    CREATE TRIGGER person_history_no_update BEFORE UPDATE ON person_history
        BEGIN SELECT RAISE(ABORT, 'the registry history is append-only'); END;
    CREATE TRIGGER person_history_no_delete BEFORE DELETE ON person_history
        BEGIN SELECT RAISE(ABORT, 'the registry history is append-only'); END;
    CREATE TABLE known_iins (
        iin     TEXT PRIMARY KEY,
        source  TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE audit_log (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        action      TEXT NOT NULL,
        request_id  TEXT,
        details     TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX audit_request ON audit_log(request_id, seq);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    "#,
];

/// How ids are looked up in one statement (SQLite allows many more; this keeps
/// statements short on a slow share).
const IDS_PER_QUERY: usize = 200;

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

/// Maps a SQLite error on `path` to the queue's error.
pub(crate) fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> QueueError + '_ {
    move |e| {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => QueueError::Busy { path },
            Some(C::DatabaseCorrupt) => QueueError::Corrupt { path },
            Some(C::NotADatabase) => QueueError::NotAQueueFile { path },
            Some(C::ReadOnly) => QueueError::ReadOnly { path },
            Some(C::CannotOpen) => QueueError::Missing { path },
            _ => QueueError::Io {
                path,
                detail: e.to_string(),
            },
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> QueueError {
    match e.kind() {
        std::io::ErrorKind::NotFound => QueueError::Missing {
            path: path.to_path_buf(),
        },
        std::io::ErrorKind::PermissionDenied => QueueError::ReadOnly {
            path: path.to_path_buf(),
        },
        _ => QueueError::Io {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
    }
}

impl Central {
    /// Opens the central file at `path` (creating it in [`OpenMode::CreateIfMissing`]),
    /// checks that it is an iin-desk queue file of a version this program knows, and
    /// creates the schema in a new file. Whatever it refuses, it leaves untouched.
    /// The file is encrypted (SQLCipher) with the office's queue `key`; a file the key
    /// does not open is refused untouched.
    pub fn open(
        path: &Path,
        mode: OpenMode,
        options: CentralOptions,
        key: &SecretKey,
    ) -> Result<Central, QueueError> {
        let missing = || QueueError::Missing {
            path: path.to_path_buf(),
        };
        let create = match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(QueueError::NotAQueueFile {
                    path: path.to_path_buf(),
                })
            }
            Ok(m) if m.len() == 0 => {
                if mode == OpenMode::MustExist {
                    return Err(missing());
                }
                if m.permissions().readonly() {
                    return Err(QueueError::ReadOnly {
                        path: path.to_path_buf(),
                    });
                }
                true
            }
            Ok(m) => {
                // The file's first bytes are left for SQLite to check (it refuses a
                // file that is not a database without writing to it): opening and closing
                // the file here would drop every POSIX lock this process holds on it,
                // including those of another connection in the middle of a transaction.
                // Honour the read-only mark even where the OS would let us write (an
                // administrator's account): it is how a share is frozen for support.
                if m.permissions().readonly() {
                    return Err(QueueError::ReadOnly {
                        path: path.to_path_buf(),
                    });
                }
                false
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let folder_ok = path
                    .parent()
                    .map(|p| p.as_os_str().is_empty() || p.is_dir())
                    .unwrap_or(false);
                if mode == OpenMode::MustExist || !folder_ok {
                    return Err(missing());
                }
                true
            }
            Err(e) => return Err(io_error(path, &e)),
        };
        let db = db_error(path);
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(&db)?;
        crate::store::apply_key(&conn, "main", key).map_err(&db)?;
        conn.busy_timeout(options.busy_timeout).map_err(&db)?;
        if conn.is_readonly(MAIN_DB).unwrap_or(false) {
            return Err(QueueError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        let mut central = Central {
            conn,
            path: path.to_path_buf(),
            file_id: String::new(),
            options,
        };
        match central.prepare_schema(mode) {
            Ok(()) => Ok(central),
            // SQLCipher cannot tell a wrong key from a file that is not a database; the
            // header tells a plaintext file of the previous version.
            Err(QueueError::NotAQueueFile { path }) => {
                drop(central);
                let mut header = [0u8; 16];
                let plain = std::fs::File::open(&path)
                    .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
                    .is_ok()
                    && &header == b"SQLite format 3\0";
                Err(if plain {
                    QueueError::NotEncrypted { path }
                } else {
                    QueueError::WrongKey { path }
                })
            }
            Err(e) => Err(e),
        }
    }

    /// Checks the identity and version of the file and creates or upgrades its schema,
    /// all inside one immediate transaction so that two processes opening a new file at
    /// once create it only once.
    fn prepare_schema(&mut self, mode: OpenMode) -> Result<(), QueueError> {
        let path = self.path.clone();
        let (version, app, objects) = self.read(|tx| {
            let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let app: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
            let objects: i64 =
                tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
            Ok((version, app, objects))
        })?;
        self.check_identity(version, app, objects, mode)?;
        // Only now that the file is known to be ours (or empty): the rollback journal
        // (not WAL) and a full sync on every commit, set per connection.
        let db = db_error(&path);
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))
            .map_err(&db)?;
        self.conn
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY;")
            .map_err(&db)?;
        if version < PROTOCOL_VERSION {
            self.write(|tx| {
                // Another process may have created the schema since we looked.
                let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                let app: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
                let objects: i64 =
                    tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
                let fresh = version == 0 && app == 0 && objects == 0;
                if !fresh && app != APPLICATION_ID {
                    return Err(QueueError::NotAQueueFile { path: path.clone() });
                }
                for (i, sql) in MIGRATIONS.iter().enumerate() {
                    if i as i64 + 1 > version {
                        tx.execute_batch(sql)?;
                    }
                }
                if fresh {
                    tx.execute(
                        "INSERT INTO meta(key, value) VALUES ('file_id', ?1)",
                        [Uuid::new_v4().to_string()],
                    )?;
                }
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
                tx.pragma_update(None, "user_version", PROTOCOL_VERSION)?;
                Ok(())
            })?;
        }
        self.file_id = self
            .read(|tx| {
                Ok(tx
                    .query_row("SELECT value FROM meta WHERE key = 'file_id'", [], |r| {
                        r.get(0)
                    })
                    .optional()?)
            })?
            .ok_or_else(|| QueueError::Corrupt { path: path.clone() })?;
        Ok(())
    }

    fn check_identity(
        &self,
        version: i64,
        app: i32,
        objects: i64,
        mode: OpenMode,
    ) -> Result<(), QueueError> {
        let path = self.path.clone();
        let fresh = version == 0 && app == 0 && objects == 0;
        if fresh {
            return if mode == OpenMode::MustExist {
                Err(QueueError::Missing { path })
            } else {
                Ok(())
            };
        }
        if app != APPLICATION_ID {
            return Err(QueueError::NotAQueueFile { path });
        }
        if version > PROTOCOL_VERSION {
            return Err(QueueError::TooNew {
                path,
                found: version,
                supported: PROTOCOL_VERSION,
            });
        }
        Ok(())
    }

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

    /// Stores pushed requests in one transaction; a request already there (same id and
    /// hash) is left as it is, so pushing twice has the effect of pushing once.
    pub fn push(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<PushOutcome>, QueueError> {
        self.write(|tx| {
            messages
                .iter()
                .map(|m| push_one(tx, m, now))
                .collect::<Result<Vec<_>, _>>()
        })
    }

    /// The results of those of `ids` that have one.
    pub fn results_for(&mut self, ids: &[Uuid]) -> Result<Pulled, QueueError> {
        self.read(|tx| {
            let mut pulled = Pulled::default();
            for chunk in ids.chunks(IDS_PER_QUERY) {
                let marks = vec!["?"; chunk.len()].join(",");
                let mut stmt = tx.prepare(&format!(
                    "SELECT id, result_status, result_iin, result_ground, result_comment, decided_at
                     FROM requests WHERE state = 'done' AND id IN ({marks})"
                ))?;
                let keys: Vec<String> = chunk.iter().map(Uuid::to_string).collect();
                let rows = stmt.query_map(rusqlite::params_from_iter(keys.iter()), |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                })?;
                for row in rows {
                    let (id, status, iin, ground, comment, decided) = row?;
                    let Ok(id) = Uuid::parse_str(&id) else {
                        continue;
                    };
                    match ResultMessage::from_columns(
                        id,
                        status.as_deref().unwrap_or(""),
                        iin.as_deref(),
                        ground.as_deref(),
                        &comment,
                        decided.as_deref(),
                    ) {
                        Ok(r) => pulled.results.push(r),
                        Err(_) => pulled.damaged.push(id),
                    }
                }
            }
            Ok(pulled)
        })
    }

    /// How many requests are pending and done, and how many persons are registered.
    pub fn counts(&mut self) -> Result<CentralCounts, QueueError> {
        self.read(|tx| {
            let n = |sql: &str| -> Result<u64, QueueError> {
                let v: i64 = tx.query_row(sql, [], |r| r.get(0))?;
                Ok(u64::try_from(v).unwrap_or(0))
            };
            Ok(CentralCounts {
                pending: n("SELECT count(*) FROM requests WHERE state = 'pending'")?,
                needs_person: n(
                    "SELECT count(*) FROM requests WHERE state = 'pending' AND needs_person = 1",
                )?,
                done: n("SELECT count(*) FROM requests WHERE state = 'done'")?,
                persons: n("SELECT count(*) FROM persons")?,
            })
        })
    }

    /// A registered person, if the IIN is in the registry.
    pub fn person(&mut self, iin: &Iin) -> Result<Option<PersonRecord>, QueueError> {
        self.read(|tx| person(tx, iin))
    }

    /// A registered person's earlier versions, oldest first (the current one last).
    pub fn person_history(&mut self, iin: &Iin) -> Result<Vec<PersonRecord>, QueueError> {
        self.read(|tx| {
            let mut stmt = tx.prepare(
                "SELECT version, identity FROM person_history WHERE iin = ?1 ORDER BY version, seq",
            )?;
            let rows = stmt.query_map([iin.as_str()], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?;
            let mut out = Vec::new();
            for row in rows {
                let (version, data) = row?;
                let identity: Identity = serde_json::from_str(&data)
                    .map_err(|_| QueueError::Damaged(iin.to_string()))?;
                out.push(PersonRecord {
                    iin: iin.clone(),
                    identity,
                    version,
                });
            }
            Ok(out)
        })
    }
}

impl From<rusqlite::Error> for QueueError {
    fn from(e: rusqlite::Error) -> Self {
        // Inside a transaction the path is not at hand; `write` and `read` put it back
        // with `relocate`.
        db_error(Path::new(""))(e)
    }
}

/// Puts the central file's path into an error made without it.
fn relocate(e: QueueError, path: &Path) -> QueueError {
    let here = || path.to_path_buf();
    match e {
        QueueError::Missing { path } if path.as_os_str().is_empty() => {
            QueueError::Missing { path: here() }
        }
        QueueError::NotAQueueFile { path } if path.as_os_str().is_empty() => {
            QueueError::NotAQueueFile { path: here() }
        }
        QueueError::Corrupt { path } if path.as_os_str().is_empty() => {
            QueueError::Corrupt { path: here() }
        }
        QueueError::ReadOnly { path } if path.as_os_str().is_empty() => {
            QueueError::ReadOnly { path: here() }
        }
        QueueError::Busy { path } if path.as_os_str().is_empty() => {
            QueueError::Busy { path: here() }
        }
        QueueError::Io { path, detail } if path.as_os_str().is_empty() => QueueError::Io {
            path: here(),
            detail,
        },
        other => other,
    }
}

impl From<ProtocolError> for QueueError {
    fn from(e: ProtocolError) -> Self {
        match e {
            ProtocolError::BadId => QueueError::Damaged(String::from("?")),
            ProtocolError::HashMismatch(id)
            | ProtocolError::BadResult(id)
            | ProtocolError::BadData(id) => QueueError::Damaged(id.to_string()),
        }
    }
}

/// The wait before retry `attempt` (0-based): 200 ms, 400 ms, 800 ms, … at most 10 s.
pub(crate) fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(200u64.saturating_mul(1 << attempt.min(6))).min(Duration::from_secs(10))
}

/// Validates a stored or pushed form back into a request. The time check is waived
/// (`now` far in the future): the counter validated the request on its own clock.
pub(crate) fn parse_request(id: Uuid, form: &RequestForm) -> Result<Request, ProtocolError> {
    validate_record(form, id, NaiveDateTime::MAX)
        .map(|r| r.request)
        .map_err(|_| ProtocolError::BadData(id))
}

fn push_one(
    tx: &Transaction<'_>,
    m: &PushMessage,
    now: NaiveDateTime,
) -> Result<PushOutcome, QueueError> {
    if m.verify().is_err() {
        return Ok(PushOutcome::Damaged);
    }
    let Ok(request) = parse_request(m.id, &m.form) else {
        return Ok(PushOutcome::Damaged);
    };
    let id = m.id.to_string();
    let form = serde_json::to_string(&m.form).map_err(|_| QueueError::Damaged(id.clone()))?;
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO requests(id, content_hash, kind, station, submitted_at, due_at, pushed_at, form, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending')",
        params![
            id,
            m.content_hash,
            request.kind.key(),
            m.station,
            format_ts(request.submitted_at),
            m.due_at.map(format_ts),
            format_ts(now),
            form,
        ],
    )?;
    let actor = format!("station:{}", m.station);
    if inserted == 1 {
        audit(tx, now, &actor, "queue.push", Some(&id), "")?;
        if let Some(r) = &m.known_result {
            adopt_result(tx, &request, r, &actor, now)?;
        }
        return Ok(PushOutcome::Inserted);
    }
    let (hash, state): (String, String) = tx.query_row(
        "SELECT content_hash, state FROM requests WHERE id = ?1",
        [&id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if hash != m.content_hash {
        audit(tx, now, &actor, "queue.conflict", Some(&id), "hash")?;
        return Ok(PushOutcome::Conflict);
    }
    match (&m.known_result, state.as_str()) {
        (Some(r), "pending") => {
            adopt_result(tx, &request, r, &actor, now)?;
            Ok(PushOutcome::ResultAdopted)
        }
        _ => Ok(PushOutcome::AlreadyThere),
    }
}

/// Takes a result a counter already has into a (rebuilt) central file, with its effect
/// on the registry, so the request is never decided a second time.
fn adopt_result(
    tx: &Transaction<'_>,
    request: &Request,
    r: &ResultMessage,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let id = request.id.to_string();
    match r.status {
        ResultStatus::Formed => {
            if let Some(iin) = &r.iin {
                if person(tx, iin)?.is_none() {
                    register(tx, iin, &request.applicant.identity, &id, actor, now)?;
                }
            }
        }
        ResultStatus::Corrected => {
            if let Some(iin) = &r.iin {
                apply_correction(tx, iin, request, actor, now)?;
            }
        }
        ResultStatus::Refused => {}
    }
    write_result(tx, &id, r, actor, None)?;
    audit(
        tx,
        now,
        actor,
        "queue.result_adopted",
        Some(&id),
        &format!("status={}", r.status.key()),
    )
}

/// Writes a decision into the request's row and releases any claim.
pub(crate) fn write_result(
    tx: &Transaction<'_>,
    id: &str,
    r: &ResultMessage,
    decided_by: &str,
    override_reason: Option<&str>,
) -> Result<(), QueueError> {
    tx.execute(
        "UPDATE requests SET state = 'done', result_status = ?2, result_iin = ?3, result_ground = ?4,
                result_comment = ?5, decided_at = ?6, decided_by = ?7, override_reason = ?8,
                claimed_by = NULL, claim_until = NULL
         WHERE id = ?1",
        params![
            id,
            r.status.key(),
            r.iin.as_ref().map(Iin::as_str),
            r.ground.map(|g| g.key()),
            r.comment,
            format_ts(r.decided_at),
            decided_by,
            override_reason,
        ],
    )?;
    Ok(())
}

/// Appends an entry to the central audit log: ids and codes only.
pub(crate) fn audit(
    tx: &Transaction<'_>,
    at: NaiveDateTime,
    actor: &str,
    action: &str,
    request_id: Option<&str>,
    details: &str,
) -> Result<(), QueueError> {
    tx.execute(
        "INSERT INTO audit_log(at, actor, action, request_id, details) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![format_ts(at), actor, action, request_id, details],
    )?;
    Ok(())
}

/// A registered person.
pub(crate) fn person(tx: &Transaction<'_>, iin: &Iin) -> Result<Option<PersonRecord>, QueueError> {
    let row: Option<(String, i64)> = tx
        .query_row(
            "SELECT identity, version FROM persons WHERE iin = ?1",
            [iin.as_str()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(data, version)| {
        serde_json::from_str(&data)
            .map(|identity| PersonRecord {
                iin: iin.clone(),
                identity,
                version,
            })
            .map_err(|_| QueueError::Damaged(iin.to_string()))
    })
    .transpose()
}

/// Whether the IIN was ever issued or named here (registered, or a correction's).
pub(crate) fn is_known_iin(tx: &Transaction<'_>, iin: &Iin) -> Result<bool, QueueError> {
    Ok(tx
        .query_row(
            "SELECT 1 FROM known_iins WHERE iin = ?1 UNION ALL SELECT 1 FROM persons WHERE iin = ?1 LIMIT 1",
            [iin.as_str()],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Remembers an IIN so that it is never generated again.
pub(crate) fn remember_iin(
    tx: &Transaction<'_>,
    iin: &Iin,
    source: &str,
) -> Result<(), QueueError> {
    tx.execute(
        "INSERT OR IGNORE INTO known_iins(iin, source) VALUES (?1, ?2)",
        params![iin.as_str(), source],
    )?;
    Ok(())
}

fn doc_number(identity: &Identity) -> Option<String> {
    identity
        .document
        .as_ref()
        .map(|d| d.number.trim().to_ascii_uppercase())
}

fn index_person(tx: &Transaction<'_>, iin: &Iin, identity: &Identity) -> Result<(), QueueError> {
    tx.execute("DELETE FROM person_tokens WHERE iin = ?1", [iin.as_str()])?;
    for token in dedup::blocking_tokens(identity) {
        tx.execute(
            "INSERT OR IGNORE INTO person_tokens(token, iin) VALUES (?1, ?2)",
            params![token, iin.as_str()],
        )?;
    }
    Ok(())
}

fn history(
    tx: &Transaction<'_>,
    iin: &Iin,
    version: i64,
    data: &str,
    request_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    tx.execute(
        "INSERT INTO person_history(iin, version, identity, request_id, changed_at, changed_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            iin.as_str(),
            version,
            data,
            request_id,
            format_ts(now),
            actor
        ],
    )?;
    Ok(())
}

/// Registers a person under `iin` (version 1), with history and index.
pub(crate) fn register(
    tx: &Transaction<'_>,
    iin: &Iin,
    identity: &Identity,
    request_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let data =
        serde_json::to_string(identity).map_err(|_| QueueError::Damaged(request_id.to_string()))?;
    tx.execute(
        "INSERT INTO persons(iin, birth_date, doc_number, identity, version, request_id, registered_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6, ?6)",
        params![
            iin.as_str(),
            identity.birth_date.to_string(),
            doc_number(identity),
            data,
            request_id,
            format_ts(now),
        ],
    )?;
    index_person(tx, iin, identity)?;
    history(tx, iin, 1, &data, request_id, actor, now)?;
    remember_iin(tx, iin, "registered")
}

/// Applies a correction request to the registered person `iin`: the request's changes
/// on top of the registered data, as a new version (the old ones stay in the history).
/// A person not in the registry is registered with the corrected data. Applying the
/// same correction twice changes nothing the second time.
pub(crate) fn apply_correction(
    tx: &Transaction<'_>,
    iin: &Iin,
    request: &Request,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let request_id = request.id.to_string();
    remember_iin(tx, iin, "correction")?;
    let Some(current) = person(tx, iin)? else {
        return register(tx, iin, &request.identity_after(), &request_id, actor, now);
    };
    let mut on_registry = request.clone();
    on_registry.applicant.identity = current.identity.clone();
    let corrected = on_registry.identity_after();
    if corrected == current.identity {
        return Ok(());
    }
    let version = current.version + 1;
    let data =
        serde_json::to_string(&corrected).map_err(|_| QueueError::Damaged(request_id.clone()))?;
    tx.execute(
        "UPDATE persons SET birth_date = ?2, doc_number = ?3, identity = ?4, version = ?5,
                request_id = ?6, updated_at = ?7 WHERE iin = ?1",
        params![
            iin.as_str(),
            corrected.birth_date.to_string(),
            doc_number(&corrected),
            data,
            version,
            request_id,
            format_ts(now),
        ],
    )?;
    index_person(tx, iin, &corrected)?;
    history(tx, iin, version, &data, &request_id, actor, now)
}

/// Registered persons who may be the person `identity` describes, best first: those
/// sharing a name skeleton, the birth date or the document number, scored by
/// [`dedup::compare`] and kept from [`dedup::CANDIDATE_SCORE`] on.
pub(crate) fn candidates(
    tx: &Transaction<'_>,
    identity: &Identity,
) -> Result<Vec<(PersonRecord, Match)>, QueueError> {
    let mut iins: HashSet<String> = HashSet::new();
    {
        let mut stmt = tx.prepare_cached("SELECT iin FROM persons WHERE birth_date = ?1")?;
        for iin in stmt.query_map([identity.birth_date.to_string()], |r| r.get::<_, String>(0))? {
            iins.insert(iin?);
        }
    }
    if let Some(doc) = doc_number(identity).filter(|d| !d.is_empty()) {
        let mut stmt = tx.prepare_cached("SELECT iin FROM persons WHERE doc_number = ?1")?;
        for iin in stmt.query_map([doc], |r| r.get::<_, String>(0))? {
            iins.insert(iin?);
        }
    }
    {
        let mut stmt = tx.prepare_cached("SELECT iin FROM person_tokens WHERE token = ?1")?;
        for token in dedup::blocking_tokens(identity) {
            for iin in stmt.query_map([token], |r| r.get::<_, String>(0))? {
                iins.insert(iin?);
            }
        }
    }
    let mut out = Vec::new();
    for text in iins {
        let Ok(iin) = Iin::parse(&text) else {
            continue;
        };
        if let Some(p) = person(tx, &iin)? {
            let m = dedup::compare(identity, &p.identity);
            if m.is_candidate() {
                out.push((p, m));
            }
        }
    }
    out.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then_with(|| a.0.iin.cmp(&b.0.iin))
    });
    Ok(out)
}

/// A stored request row's form and its parsed request.
pub(crate) fn stored_request(
    tx: &Transaction<'_>,
    id: &str,
) -> Result<Option<(RequestForm, Request)>, QueueError> {
    let data: Option<String> = tx
        .query_row("SELECT form FROM requests WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(data) = data else {
        return Ok(None);
    };
    let damaged = || QueueError::Damaged(id.to_string());
    let uuid = Uuid::parse_str(id).map_err(|_| damaged())?;
    let form: RequestForm = serde_json::from_str(&data).map_err(|_| damaged())?;
    let request = parse_request(uuid, &form).map_err(|_| damaged())?;
    Ok(Some((form, request)))
}

/// Parses an optional stored timestamp.
pub(crate) fn ts_opt(text: Option<String>) -> Option<NaiveDateTime> {
    text.as_deref().and_then(parse_ts)
}
