//! A store of the version before the search index, as an office upgrading from it has:
//! plaintext, schema version 2. Shared by the window's tests through egui_kittest
//! (`tests/gui/progress.rs`) and under Xvfb (`tests/window/index_progress.rs`).

use std::path::Path;

use chrono::NaiveDateTime;
use iin_desk::store::{NewUser, Store, DB_FILE_NAME};

/// Makes in `dir` the previous version's store: plaintext, schema version 2 (migrations 3
/// to 5 undone), with the administrator `admin` / `Admin12345` (added at `now`) and
/// `requests` requests named `NAME00001 TESTOV` onwards.
pub fn before_the_index(dir: &Path, requests: u64, now: NaiveDateTime) {
    let db = dir.join(DB_FILE_NAME);
    let mut plain = Store::open_plaintext(&db).unwrap();
    let admin = NewUser {
        login: "admin",
        full_name: "Admin",
        role: iin_desk::domain::account::Role::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    plain.add_user(&admin, "system", now).unwrap();
    drop(plain);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER requests_fts_insert; DROP TRIGGER requests_fts_delete;
         DROP TRIGGER requests_fts_update; DROP TABLE requests_fts;
         DROP INDEX requests_journal; DROP INDEX requests_clerk_journal;
         DROP INDEX requests_birth;
         ALTER TABLE requests DROP COLUMN synthetic;
         ALTER TABLE requests DROP COLUMN decided_by;
         PRAGMA user_version = 2;",
    )
    .unwrap();
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO requests (id, kind, channel, status, submitted_at, search_name,
                               data, created_at, updated_at)
         SELECT printf('r%06d', i), 'issue', 'counter', 'accepted',
                '2026-11-25 10:00:00', printf('NAME%05d TESTOV', i), '{}',
                '2026-11-25 10:00:00', '2026-11-25 10:00:00' FROM n",
        [i64::try_from(requests).unwrap()],
    )
    .unwrap();
}

/// The schema version of the store in `dir`, read without a key (a plaintext store).
pub fn schema_version(dir: &Path) -> i64 {
    let conn = rusqlite::Connection::open(dir.join(DB_FILE_NAME)).unwrap();
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}
