//! What the local store and the central queue file share about being a SQLite file: the
//! header sniff before SQLite opens a file, the schema version check, and numbered
//! migrations applied in one transaction.
//!
//! Below both `store` and `queue` (it knows neither): each maps what goes wrong here to
//! its own error, with its own messages.

use std::path::Path;

use rusqlite::{Connection, Transaction, TransactionBehavior};
use thiserror::Error;

/// The first 16 bytes of every plaintext SQLite database.
pub const PLAINTEXT_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a file looks like from its first bytes, before SQLite opens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniff {
    /// No file, an empty one, or one whose size cannot be read: SQLite makes a new
    /// database in it (or says why it cannot open it).
    Empty,
    /// A plaintext SQLite database.
    Plaintext,
    /// A header that is not plaintext SQLite: an encrypted (SQLCipher) database, or not a
    /// database at all; only opening it with the key tells which.
    Encrypted,
    /// Too short to hold a header, or unreadable: not a database.
    NotADatabase,
}

/// Reads the header of the file at `path`.
///
/// Opening and closing a file drops every POSIX lock the process holds on it: do not
/// sniff a file that a connection of this process may be using (the central file).
pub fn sniff(path: &Path) -> Sniff {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > 0 => match header(path) {
            Some(h) if &h == PLAINTEXT_HEADER => Sniff::Plaintext,
            Some(_) => Sniff::Encrypted,
            None => Sniff::NotADatabase,
        },
        _ => Sniff::Empty,
    }
}

/// Whether the file at `path` is a plaintext SQLite database (by its header).
pub fn is_plaintext(path: &Path) -> bool {
    header(path).is_some_and(|h| &h == PLAINTEXT_HEADER)
}

fn header(path: &Path) -> Option<[u8; 16]> {
    let mut header = [0u8; 16];
    let mut f = std::fs::File::open(path).ok()?;
    std::io::Read::read_exact(&mut f, &mut header).ok()?;
    Some(header)
}

/// What the first reads of an open database say: its version and identity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// `PRAGMA user_version`: the schema version.
    pub version: i64,
    /// `PRAGMA application_id`.
    pub application_id: i32,
    /// How many objects the schema has (0 in a new database).
    pub objects: i64,
}

impl Stamp {
    /// Reads the stamp. Reading the schema proves the file is a database this connection
    /// can read (a wrong key fails here).
    pub fn read(conn: &Connection) -> Result<Stamp, rusqlite::Error> {
        Ok(Stamp {
            version: user_version(conn)?,
            application_id: conn.query_row("PRAGMA application_id", [], |r| r.get(0))?,
            objects: conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?,
        })
    }

    /// Whether the database is new: no schema, no version, no application id.
    pub fn is_fresh(&self) -> bool {
        self.version == 0 && self.application_id == 0 && self.objects == 0
    }
}

/// `PRAGMA user_version`.
pub fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// A database written by a newer program: it is refused and left untouched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("schema version {found} is newer than this program's {supported}")]
pub struct TooNew {
    /// The file's version.
    pub found: i64,
    /// The newest this program knows.
    pub supported: i64,
}

/// Numbered migrations: script N brings `user_version` from N-1 to N. Never edit a
/// released one; add the next.
#[derive(Debug, Clone, Copy)]
pub struct Migrations(&'static [&'static str]);

impl Migrations {
    /// The scripts, in order.
    pub const fn new(scripts: &'static [&'static str]) -> Migrations {
        Migrations(scripts)
    }

    /// The schema version this program writes: the number of scripts.
    pub const fn latest(&self) -> i64 {
        self.0.len() as i64
    }

    /// The scripts, in order.
    pub const fn scripts(&self) -> &'static [&'static str] {
        self.0
    }

    /// Refuses a version newer than [`Migrations::latest`].
    pub fn check(&self, found: i64) -> Result<(), TooNew> {
        if found > self.latest() {
            Err(TooNew {
                found,
                supported: self.latest(),
            })
        } else {
            Ok(())
        }
    }

    /// Applies, inside the caller's transaction, the scripts after version `from` and sets
    /// `user_version` to the latest.
    pub fn apply(&self, tx: &Transaction<'_>, from: i64) -> Result<(), rusqlite::Error> {
        for (i, sql) in self.0.iter().enumerate() {
            if i as i64 + 1 > from {
                tx.execute_batch(sql)?;
            }
        }
        tx.pragma_update(None, "user_version", self.latest())
    }

    /// Brings the database up to the latest version in one immediate transaction (nothing
    /// when it is there already). The caller has checked that it is not newer.
    pub fn migrate(&self, conn: &mut Connection) -> Result<(), rusqlite::Error> {
        let version = user_version(conn)?;
        if version >= self.latest() {
            return Ok(());
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        self.apply(&tx, version)?;
        tx.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const THREE: Migrations = Migrations::new(&[
        "CREATE TABLE a (x INTEGER);",
        "ALTER TABLE a ADD COLUMN y INTEGER;",
        "CREATE TABLE b (z TEXT);",
    ]);

    #[test]
    fn sniffs_what_a_file_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db");
        assert_eq!(sniff(&path), Sniff::Empty);
        std::fs::write(&path, b"").unwrap();
        assert_eq!(sniff(&path), Sniff::Empty);
        std::fs::write(&path, b"short").unwrap();
        assert_eq!(sniff(&path), Sniff::NotADatabase);
        assert!(!is_plaintext(&path));
        std::fs::write(&path, [7u8; 64]).unwrap();
        assert_eq!(sniff(&path), Sniff::Encrypted);
        std::fs::remove_file(&path).unwrap();
        Connection::open(&path)
            .unwrap()
            .execute_batch("CREATE TABLE t (x);")
            .unwrap();
        assert_eq!(sniff(&path), Sniff::Plaintext);
        assert!(is_plaintext(&path));
        assert_ne!(sniff(dir.path()), Sniff::Plaintext);
    }

    #[test]
    fn migrates_from_every_version_in_one_step() {
        assert_eq!(THREE.latest(), 3);
        for from in 0..=THREE.latest() {
            let mut conn = Connection::open_in_memory().unwrap();
            let tx = conn.transaction().unwrap();
            Migrations::new(&THREE.scripts()[..from as usize])
                .apply(&tx, 0)
                .unwrap();
            tx.commit().unwrap();
            assert_eq!(user_version(&conn).unwrap(), from);
            THREE.migrate(&mut conn).unwrap();
            let stamp = Stamp::read(&conn).unwrap();
            assert_eq!(stamp.version, 3);
            assert_eq!(stamp.objects, 2);
            conn.execute("INSERT INTO a (x, y) VALUES (1, 2)", [])
                .unwrap();
        }
    }

    #[test]
    fn a_newer_version_is_refused() {
        assert_eq!(THREE.check(3), Ok(()));
        assert_eq!(
            THREE.check(4),
            Err(TooNew {
                found: 4,
                supported: 3
            })
        );
    }

    #[test]
    fn a_failing_script_leaves_the_version() {
        let broken = Migrations::new(&["CREATE TABLE a (x);", "NOT SQL AT ALL;"]);
        let mut conn = Connection::open_in_memory().unwrap();
        assert!(broken.migrate(&mut conn).is_err());
        let stamp = Stamp::read(&conn).unwrap();
        assert_eq!((stamp.version, stamp.objects), (0, 0));
        assert!(stamp.is_fresh());
    }
}
