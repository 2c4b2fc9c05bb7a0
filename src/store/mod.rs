//! The local store: one SQLite database in the data folder.
//!
//! Conservative by design: numbered migrations keyed on `PRAGMA user_version`, run in
//! one transaction after a backup copy; a database newer than this program, or a file
//! that is not a database, is refused with a clear error and never modified; every
//! write is one transaction; the audit log is append-only (enforced by triggers).

mod audit;
mod bulk;
mod calendar;
pub mod journal;
mod recent;
mod requests;
mod schema;
mod set_aside;
mod settings;
mod sync;
mod unlock;
mod users;
pub mod vault;

use std::cell::RefCell;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use thiserror::Error;

use crate::domain::field::FieldError;
use crate::domain::i18n::{tr, tr_args, Arg};
use crate::domain::lang::Lang;
use crate::sqlite_file::{self, Sniff, Stamp};

pub use audit::{AuditEntry, AuditQuery};
pub use calendar::CalendarImport;
pub use journal::{Cursor, JournalPage, MIN_NAME_CHARS};
pub use recent::{RecentMatch, RecentProbe, RECENT_DAYS};
pub use requests::{ImportReport, RequestFilter, RequestRow, StoredRequest};
pub use schema::{IndexProgress, INDEX_SLICE};
pub use set_aside::SetAside;
pub use settings::{QUEUE_KEY_SETTING, SERVER_PASSWORD_SETTING};
pub use sync::{
    OutboxItem, SyncCounts, SYNC_CENTRAL_FILE_ID, SYNC_LAST_ERROR, SYNC_LAST_SUCCESS,
    SYNC_STATION_ID,
};
pub use unlock::{StoreState, Unlocked, MACHINE_ACTOR};
pub use users::{AuthError, NewUser, User};
pub use vault::{KeyFile, LockoutPolicy, SecretKey, SlotKind, VaultError};

/// The database file's name inside the data folder.
pub const DB_FILE_NAME: &str = "iin-desk.sqlite3";

/// Errors of the store. None of them carries personal data: ids and field names only.
#[derive(Debug, Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database (or is damaged).
    #[error("{path} is not a readable iin-desk database; it was left untouched")]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The database was written by a newer version of the program.
    #[error("{path} has schema version {found}, newer than this program's {supported}; update iin-desk — the file was left untouched")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// The data folder cannot be created or the backup cannot be written.
    #[error("cannot use {path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Another program holds the database locked for too long.
    #[error("the database is busy (locked by another program); try again")]
    Busy,
    /// No such request.
    #[error("request {0} not found")]
    RequestNotFound(String),
    /// A request with this id already exists.
    #[error("request {0} already exists")]
    DuplicateRequest(String),
    /// No such staff account.
    #[error("account {0} not found")]
    UserNotFound(String),
    /// An account with this login already exists.
    #[error("account {0} already exists")]
    DuplicateUser(String),
    /// The stored data of a request does not parse (damaged or edited by hand).
    #[error("stored request {id} is damaged: {detail}")]
    Corrupt {
        /// The request id.
        id: String,
        /// What failed.
        detail: String,
    },
    /// A rule of the service refuses the change.
    #[error("the request is not valid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The request's life does not allow this step.
    #[error("{0}")]
    Transition(#[from] crate::domain::request::TransitionError),
    /// The key does not open the database (a wrong key, or another store's key file);
    /// the file was not touched.
    #[error("{path}: the key does not open this database; the file was left untouched")]
    WrongKey {
        /// The file.
        path: PathBuf,
    },
    /// A database file that is not plaintext, without a key file next to it.
    #[error("{path} is not a readable iin-desk database: it is damaged, or encrypted and its key file {keys} is missing (restore both from the backup); it was left untouched")]
    NoKeyFile {
        /// The database file.
        path: PathBuf,
        /// The key file that should be next to it.
        keys: PathBuf,
    },
    /// The data folder already holds a store.
    #[error("iin-desk is already set up in this data folder")]
    AlreadySetUp,
    /// A key operation needs an encrypted store.
    #[error("this store is not encrypted: log in as an administrator to encrypt it first")]
    NotEncrypted,
    /// The encrypted copy made to encrypt the store did not match it; nothing changed.
    #[error("the encrypted copy did not match the store; nothing was changed")]
    EncryptionCheck,
    /// A key operation failed (key file, slot).
    #[error(transparent)]
    Vault(#[from] vault::VaultError),
    /// A name search with fewer characters than the index can find.
    #[error("a name search needs at least {min} characters")]
    NameTooShort {
        /// The fewest characters.
        min: usize,
    },
    /// Any other database error.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// The error in `lang`, for a clerk or administrator.
    pub fn message(&self, lang: Lang) -> String {
        let path_arg = |path: &std::path::Path| Arg::from(path.display().to_string());
        match self {
            StoreError::NotADatabase { path } => {
                tr_args(lang, "store-not-a-database", &[("path", path_arg(path))])
            }
            StoreError::TooNew {
                path,
                found,
                supported,
            } => tr_args(
                lang,
                "store-too-new",
                &[
                    ("path", path_arg(path)),
                    ("found", found.to_string().into()),
                    ("supported", supported.to_string().into()),
                ],
            ),
            StoreError::WrongKey { path } => {
                tr_args(lang, "store-wrong-key", &[("path", path_arg(path))])
            }
            StoreError::Vault(e) => e.message(lang),
            StoreError::NoKeyFile { path, keys } => tr_args(
                lang,
                "store-no-key-file",
                &[("path", path_arg(path)), ("keys", path_arg(keys))],
            ),
            StoreError::AlreadySetUp => tr(lang, "store-already-set-up"),
            StoreError::NotEncrypted => tr(lang, "store-not-encrypted"),
            StoreError::EncryptionCheck => tr(lang, "store-encryption-check-failed"),
            StoreError::Busy => tr(lang, "store-busy"),
            StoreError::RequestNotFound(id) => {
                tr_args(lang, "store-request-not-found", &[("id", id.into())])
            }
            StoreError::DuplicateRequest(id) => {
                tr_args(lang, "store-duplicate-request", &[("id", id.into())])
            }
            StoreError::UserNotFound(login) => {
                tr_args(lang, "store-user-not-found", &[("login", login.into())])
            }
            StoreError::DuplicateUser(login) => {
                tr_args(lang, "store-duplicate-user", &[("login", login.into())])
            }
            StoreError::Invalid(errors) => errors
                .iter()
                .map(|e| e.message(lang))
                .collect::<Vec<_>>()
                .join("; "),
            StoreError::Transition(e) => e.message(lang),
            StoreError::Io { path, source } => tr_args(
                lang,
                "store-io",
                &[
                    ("path", path_arg(path)),
                    ("reason", source.to_string().into()),
                ],
            ),
            StoreError::Corrupt { id, detail } => tr_args(
                lang,
                "store-corrupt",
                &[("id", id.into()), ("detail", detail.into())],
            ),
            StoreError::NameTooShort { min } => {
                tr_args(lang, "search-name-too-short", &[("min", (*min).into())])
            }
            StoreError::Sqlite(e) => tr_args(
                lang,
                "store-database-error",
                &[("error", e.to_string().into())],
            ),
        }
    }
}

/// The local database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// The data key of an encrypted store (kept to open a second connection and to seal
    /// key slots); `None` for a plaintext or in-memory store.
    key: Option<SecretKey>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// The database file in `data_dir`.
    pub fn db_path(data_dir: &Path) -> PathBuf {
        data_dir.join(DB_FILE_NAME)
    }

    /// Opens (creating if needed) an unencrypted database file at `path`: the format of
    /// the previous version, read to encrypt it in place (see [`Store::unlock_in`]), and
    /// used by tests that build such a store. The program's own stores are encrypted.
    pub fn open_plaintext(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, None)
    }

    /// Opens the encrypted database at `path` with its data `key` (creating it if there is
    /// no file). A wrong key, or a file that is not an encrypted iin-desk database, is an
    /// error and the file is left untouched.
    pub fn open_encrypted(path: &Path, key: &SecretKey) -> Result<Store, StoreError> {
        Store::open_with(path, Some(key))
    }

    /// A second connection to the same database (the sync worker's).
    pub fn reopen(&self) -> Result<Store, StoreError> {
        match &self.path {
            Some(p) => Store::open_with(p, self.key.as_ref()),
            None => Err(StoreError::Io {
                path: PathBuf::from(":memory:"),
                source: std::io::Error::other("an in-memory store has no second connection"),
            }),
        }
    }

    /// Whether the database is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    fn open_with(path: &Path, key: Option<&SecretKey>) -> Result<Store, StoreError> {
        let not_db = || StoreError::NotADatabase {
            path: path.to_path_buf(),
        };
        // Check the header before SQLite touches the file: SQLite would happily treat
        // an empty file as a new database, but a non-empty file must be one already. An
        // encrypted file has no readable header; a plaintext one must be opened as such.
        match (sqlite_file::sniff(path), key) {
            (Sniff::Empty, _) | (Sniff::Plaintext, None) | (Sniff::Encrypted, Some(_)) => {}
            _ => return Err(not_db()),
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|_| not_db())?;
        if let Some(key) = key {
            apply_key(&conn, "main", key)?;
        }
        // Owner-only on Unix (its -wal and -shm files take the same mode).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        let wrong = || match key {
            Some(_) => StoreError::WrongKey {
                path: path.to_path_buf(),
            },
            None => not_db(),
        };
        // Reading the schema proves the file is a database we can read.
        let stamp = Stamp::read(&conn).map_err(|_| wrong())?;
        schema::MIGRATIONS
            .check(stamp.version)
            .map_err(|e| StoreError::TooNew {
                path: path.to_path_buf(),
                found: e.found,
                supported: e.supported,
            })?;
        if stamp.objects > 0 && stamp.version < schema::LATEST {
            backup(&conn, path, stamp.version, key)?;
        }
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
        )?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
            key: key.cloned(),
        };
        store.migrate()?;
        Ok(store)
    }

    /// A store in memory, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA foreign_keys = ON;")?;
        let mut store = Store {
            conn,
            path: None,
            key: None,
        };
        store.migrate()?;
        Ok(store)
    }

    /// The database file, if on disk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(sqlite_file::user_version(&self.conn)?)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        // The hook of [`with_index_progress`], if the opening runs inside one.
        let mut hook = INDEX_PROGRESS.with(|h| h.borrow_mut().take());
        let finished = match hook.as_mut() {
            Some(f) => schema::migrate_with_progress(&mut self.conn, f.as_mut()),
            None => {
                schema::migrate_with_progress(&mut self.conn, &mut |_| ControlFlow::Continue(()))
            }
        };
        if let Some(f) = hook {
            INDEX_PROGRESS.with(|h| *h.borrow_mut() = Some(f));
        }
        if finished? {
            Ok(())
        } else {
            Err(StoreError::Sqlite(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_INTERRUPT),
                Some("the migration was cancelled".into()),
            )))
        }
    }

    /// Runs `f` in one immediate transaction: all of it is written, or none.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

/// Sets the SQLCipher key of the attached database `schema` (`main` first of all: before
/// anything else reads the file).
pub(crate) fn apply_key(
    conn: &Connection,
    schema: &str,
    key: &SecretKey,
) -> Result<(), rusqlite::Error> {
    // SQLCipher would print its own errors (a wrong key) on stderr: the caller reports
    // them in the user's language instead.
    let sql = zeroize::Zeroizing::new(format!(
        "PRAGMA cipher_log_level = NONE; PRAGMA {schema}.key = \"{}\";",
        key.sqlcipher_value().as_str()
    ));
    conn.execute_batch(&sql)
}

/// A callback told how the build of the search index goes: see [`with_index_progress`].
pub type IndexProgressHook = Box<dyn FnMut(IndexProgress) -> ControlFlow<()>>;

thread_local! {
    static INDEX_PROGRESS: RefCell<Option<IndexProgressHook>> = const { RefCell::new(None) };
}

/// Runs `f`, which opens a store (a login, an unlock), with `progress` told how the build
/// of the search index goes when the opening migrates a store that has none (migration 3
/// over all stored requests: long on a big store). `progress` is called before the build
/// and after each [`INDEX_SLICE`] requests. Its `Break` cancels the opening safely: the
/// migration runs in one transaction, so it rolls back, the store stays as it was, and
/// the opening fails with an interrupted [`StoreError::Sqlite`]
/// ([`StoreError::is_cancelled`]).
pub fn with_index_progress<T>(progress: IndexProgressHook, f: impl FnOnce() -> T) -> T {
    let previous = INDEX_PROGRESS.with(|h| h.replace(Some(progress)));
    let out = f();
    INDEX_PROGRESS.with(|h| *h.borrow_mut() = previous);
    out
}

impl StoreError {
    /// Whether this is an opening cancelled through [`with_index_progress`].
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::OperationInterrupted
        )
    }
}

/// Copies the database aside before a migration (a consistent copy made by SQLite),
/// so an upgrade can be undone by hand. An encrypted store's copy is encrypted with the
/// same key.
fn backup(
    conn: &Connection,
    path: &Path,
    version: i64,
    key: Option<&SecretKey>,
) -> Result<(), StoreError> {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".v{version}.bak"));
    let target = path.with_file_name(name);
    if target.exists() {
        return Ok(());
    }
    let io = |e: rusqlite::Error| StoreError::Io {
        path: target.clone(),
        source: std::io::Error::other(e),
    };
    match key {
        None => conn
            .execute("VACUUM INTO ?1", [target.to_string_lossy()])
            .map(|_| ())
            .map_err(io),
        Some(key) => unlock::export_encrypted(conn, &target, key, version).map_err(io),
    }
}

/// Formats a timestamp for the database (local time, seconds).
pub(crate) fn ts(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}
