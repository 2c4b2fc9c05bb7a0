//! Opening the central file: its identity, version and schema. Whatever it refuses, it
//! leaves untouched.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, MAIN_DB};
use uuid::Uuid;

use super::errors::db_error;
use super::{Central, CentralOptions, OpenMode};
use crate::queue::protocol::{APPLICATION_ID, PROTOCOL_VERSION};
use crate::queue::QueueError;
use crate::sqlite_file::{self, Migrations, Stamp};
use crate::store::SecretKey;

/// The central file's migrations; migration N brings `user_version` from N-1 to N.
const MIGRATIONS: Migrations = Migrations::new(&[
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
    // 2: the audit log's index by request goes. No statement reads the central audit log
    //    by request (the server's migration reads it in order), and the index cost every
    //    push an entry at a random place: most of a push's pages beyond the request's own
    //    row and key (issue 16). The log itself is kept whole; a look-up by request reads
    //    it in order.
    r#"
    DROP INDEX audit_request;
    "#,
]);

// The protocol version is the number of migrations.
const _: () = assert!(MIGRATIONS.latest() == PROTOCOL_VERSION);

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
                let plain = sqlite_file::is_plaintext(&path);
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
        let stamp = self.read(|tx| Ok(Stamp::read(tx)?))?;
        self.check_identity(stamp, mode)?;
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
        if stamp.version < PROTOCOL_VERSION {
            self.write(|tx| {
                // Another process may have created the schema since we looked.
                let now = Stamp::read(tx)?;
                let fresh = now.is_fresh();
                if !fresh && now.application_id != APPLICATION_ID {
                    return Err(QueueError::NotAQueueFile { path: path.clone() });
                }
                MIGRATIONS.apply(tx, now.version)?;
                if fresh {
                    tx.execute(
                        "INSERT INTO meta(key, value) VALUES ('file_id', ?1)",
                        [Uuid::new_v4().to_string()],
                    )?;
                }
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
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

    fn check_identity(&self, stamp: Stamp, mode: OpenMode) -> Result<(), QueueError> {
        let path = self.path.clone();
        if stamp.is_fresh() {
            return if mode == OpenMode::MustExist {
                Err(QueueError::Missing { path })
            } else {
                Ok(())
            };
        }
        if stamp.application_id != APPLICATION_ID {
            return Err(QueueError::NotAQueueFile { path });
        }
        MIGRATIONS
            .check(stamp.version)
            .map_err(|e| QueueError::TooNew {
                path,
                found: e.found,
                supported: e.supported,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(conn: &Connection, sql: &str) -> i64 {
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// A central file as the first version wrote it: the schema of migration 1, a
    /// request and its audit entry.
    fn version_1_file(path: &Path, key: &SecretKey) {
        let mut conn = Connection::open(path).unwrap();
        crate::store::apply_key(&conn, "main", key).unwrap();
        let tx = conn.transaction().unwrap();
        Migrations::new(&MIGRATIONS.scripts()[..1])
            .apply(&tx, 0)
            .unwrap();
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        tx.execute_batch(
            "INSERT INTO meta(key, value) VALUES ('file_id', 'the-old-file');
             INSERT INTO requests(id, content_hash, kind, station, submitted_at, pushed_at, form)
                 VALUES ('r1', 'h1', 'formation', 's1', '2026-11-25T10:00:00',
                         '2026-11-25T10:05:00', '{}');
             INSERT INTO audit_log(at, actor, action, request_id)
                 VALUES ('2026-11-25T10:05:00', 'station:s1', 'queue.push', 'r1');",
        )
        .unwrap();
        tx.commit().unwrap();
    }

    #[test]
    fn a_version_1_file_is_upgraded_in_place_keeping_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queue.sqlite3");
        let key = SecretKey::random();
        version_1_file(&path, &key);

        let central =
            Central::open(&path, OpenMode::MustExist, CentralOptions::default(), &key).unwrap();
        assert_eq!(
            central.file_id(),
            "the-old-file",
            "the same file, not a new one"
        );
        let conn = &central.conn;
        assert_eq!(count(conn, "PRAGMA user_version"), PROTOCOL_VERSION);
        assert_eq!(
            count(
                conn,
                "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_request'"
            ),
            0
        );
        assert_eq!(count(conn, "SELECT count(*) FROM requests"), 1);
        assert_eq!(
            count(
                conn,
                "SELECT count(*) FROM audit_log WHERE request_id = 'r1' AND action = 'queue.push'"
            ),
            1
        );
        // The log is still append-only.
        assert!(conn.execute("DELETE FROM audit_log", []).is_err());
        drop(central);

        // Opened again, it is left as it is.
        let again =
            Central::open(&path, OpenMode::MustExist, CentralOptions::default(), &key).unwrap();
        assert_eq!(count(&again.conn, "PRAGMA user_version"), PROTOCOL_VERSION);
        assert_eq!(again.file_id(), "the-old-file");
    }

    #[test]
    fn a_new_file_has_the_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queue.sqlite3");
        let key = SecretKey::random();
        let central = Central::open(
            &path,
            OpenMode::CreateIfMissing,
            CentralOptions::default(),
            &key,
        )
        .unwrap();
        let conn = &central.conn;
        assert_eq!(count(conn, "PRAGMA user_version"), 2);
        let indexes: Vec<String> = {
            let mut stmt = conn
                .prepare(
                    "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
                     AND tbl_name IN ('requests', 'audit_log') ORDER BY name",
                )
                .unwrap();
            let rows = stmt.query_map([], |r| r.get(0)).unwrap();
            rows.collect::<Result<_, _>>().unwrap()
        };
        assert_eq!(indexes, ["requests_queue"]);
    }
}
