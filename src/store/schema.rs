//! The numbered migrations. Migration N brings `user_version` from N-1 to N; never edit
//! a released one, add the next.

use std::ops::ControlFlow;

use rusqlite::{params, Connection, Transaction, TransactionBehavior};

use crate::sqlite_file::Migrations;

/// The journal key of the row `$r` (`new`, `old` or a table name) as SQL: the journal's
/// order, newest last, as one integer. Its seconds since 2000-01-01 (of `submitted_at`,
/// else `created_at`; clamped to 0 … 2³¹−1) times 2³¹, plus the row's rowid (its low 31
/// bits); drafts are moved below zero by 2⁶². So the key orders like
/// (`submitted_at`, `rowid`) among requests and among drafts, every draft below every
/// request, and a day is a range of keys. [`crate::store::journal`] mirrors it.
macro_rules! journal_key {
    ($r:literal) => {
        concat!(
            "(max(0, min(2147483647, coalesce(unixepoch(",
            $r,
            ".submitted_at), unixepoch(",
            $r,
            ".created_at), 946684800) - 946684800)) * 2147483648 + (",
            $r,
            ".rowid & 2147483647) - (CASE WHEN ",
            $r,
            ".status = 'draft' THEN 4611686018427387904 ELSE 0 END))"
        )
    };
}
pub(crate) use journal_key;

/// Migration 3's statement that builds the search index for the requests already
/// stored; [`migrate_with_progress`] runs it a slice of rows at a time.
macro_rules! fts_fill {
    () => {
        concat!(
            "INSERT INTO requests_fts(rowid, name) SELECT ",
            journal_key!("requests"),
            ", search_name FROM requests"
        )
    };
}

/// How far the build of the search index is: requests indexed of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexProgress {
    /// Requests indexed so far.
    pub done: u64,
    /// Requests to index.
    pub total: u64,
}

/// Called before the index build and after each slice of [`INDEX_SLICE`] requests;
/// `Break` cancels the whole migration (it runs in one transaction: nothing changes).
pub type OnIndexProgress<'a> = dyn FnMut(IndexProgress) -> ControlFlow<()> + 'a;

/// Requests indexed per step of the build.
pub const INDEX_SLICE: i64 = 10_000;

/// Brings `conn` to [`LATEST`] in one immediate transaction, as
/// [`Migrations::migrate`] does, but builds the search index (migration 3) a slice at a
/// time, reporting to `progress`. `Ok(false)`: cancelled, rolled back.
pub fn migrate_with_progress(
    conn: &mut Connection,
    progress: &mut OnIndexProgress<'_>,
) -> Result<bool, rusqlite::Error> {
    let version = crate::sqlite_file::user_version(conn)?;
    if version >= LATEST {
        return Ok(true);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (n, sql) in (1..).zip(MIGRATIONS.scripts()) {
        if n <= version {
            continue;
        }
        let Some((before, after)) = sql.split_once(fts_fill!()) else {
            tx.execute_batch(sql)?;
            continue;
        };
        tx.execute_batch(before)?;
        if !fill_index(&tx, progress)? {
            // Dropping the transaction rolls everything back.
            return Ok(false);
        }
        tx.execute_batch(after)?;
    }
    tx.pragma_update(None, "user_version", LATEST)?;
    tx.commit()?;
    Ok(true)
}

/// Migration 3's index fill in slices of rowids; `Ok(false)` when `progress` stopped it.
fn fill_index(
    tx: &Transaction<'_>,
    progress: &mut OnIndexProgress<'_>,
) -> Result<bool, rusqlite::Error> {
    let total: i64 = tx.query_row("SELECT count(*) FROM requests", [], |r| r.get(0))?;
    let total = u64::try_from(total).unwrap_or(0);
    let mut done = 0;
    if progress(IndexProgress { done, total }).is_break() {
        return Ok(false);
    }
    let mut slice_end = tx.prepare(
        "SELECT max(rowid) FROM (SELECT rowid FROM requests WHERE rowid > ?1
         ORDER BY rowid LIMIT ?2)",
    )?;
    let mut fill = tx.prepare(concat!(fts_fill!(), " WHERE rowid > ?1 AND rowid <= ?2"))?;
    let mut last = i64::MIN;
    while let Some(end) =
        slice_end.query_row(params![last, INDEX_SLICE], |r| r.get::<_, Option<i64>>(0))?
    {
        done += fill.execute(params![last, end])? as u64;
        last = end;
        if progress(IndexProgress { done, total }).is_break() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.latest();

/// Migration scripts, in order.
pub const MIGRATIONS: Migrations = Migrations::new(&[
    // 1: requests, audit log, staff accounts, working calendar, settings.
    r#"
    CREATE TABLE requests (
        id            TEXT PRIMARY KEY,
        kind          TEXT NOT NULL,
        channel       TEXT NOT NULL,
        status        TEXT NOT NULL,
        submitted_at  TEXT,
        due_at        TEXT,
        office        TEXT NOT NULL DEFAULT '',
        counter       TEXT NOT NULL DEFAULT '',
        clerk         TEXT NOT NULL DEFAULT '',
        iin           TEXT,
        doc_number    TEXT,
        birth_date    TEXT,
        search_name   TEXT NOT NULL DEFAULT '',
        data          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX requests_submitted ON requests(submitted_at);
    CREATE INDEX requests_status ON requests(status, submitted_at);
    CREATE INDEX requests_iin ON requests(iin);
    CREATE INDEX requests_doc ON requests(doc_number);
    CREATE INDEX requests_clerk ON requests(clerk, submitted_at);

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

    CREATE TABLE users (
        login                 TEXT PRIMARY KEY,
        full_name             TEXT NOT NULL,
        role                  TEXT NOT NULL,
        password_hash         TEXT NOT NULL,
        active                INTEGER NOT NULL DEFAULT 1,
        must_change_password  INTEGER NOT NULL DEFAULT 0,
        failed_logins         INTEGER NOT NULL DEFAULT 0,
        created_at            TEXT NOT NULL
    );

    CREATE TABLE calendar_exceptions (
        date  TEXT PRIMARY KEY,
        year  INTEGER NOT NULL,
        kind  TEXT NOT NULL,
        note  TEXT NOT NULL DEFAULT ''
    );

    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    "#,
    // 2: sync with the central queue file: this installation's station id and the
    //    central file it last used; per request when it was last pushed and its content
    //    hash, and when its result arrived and whether that was after the deadline.
    r#"
    CREATE TABLE sync_state (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    );
    ALTER TABLE requests ADD COLUMN pushed_at TEXT;
    ALTER TABLE requests ADD COLUMN content_hash TEXT;
    ALTER TABLE requests ADD COLUMN result_at TEXT;
    ALTER TABLE requests ADD COLUMN overdue INTEGER;
    "#,
    // 3: the journal's search index. `requests_fts` holds every request's names
    //    (`search_name`) under trigrams, so any part of three characters or more is found
    //    without reading the table; its rowid is the journal key (see `journal_key!`), so
    //    matches come newest first and a date range is a rowid range. Triggers keep it in
    //    step with every write; the INSERT builds it for the requests already stored.
    //    Two partial indexes let the journal page and count non-drafts from an index
    //    alone (all of them, and one clerk's).
    concat!(
        "
    CREATE VIRTUAL TABLE requests_fts USING fts5(
        name, tokenize = 'trigram', content = '', contentless_delete = 1
    );
    CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
        INSERT OR REPLACE INTO requests_fts(rowid, name) VALUES (",
        journal_key!("new"),
        ", new.search_name);
    END;
    CREATE TRIGGER requests_fts_delete AFTER DELETE ON requests BEGIN
        DELETE FROM requests_fts WHERE rowid = ",
        journal_key!("old"),
        ";
    END;
    CREATE TRIGGER requests_fts_update
        AFTER UPDATE OF search_name, submitted_at, created_at, status ON requests
        WHEN old.search_name IS NOT new.search_name OR ",
        journal_key!("old"),
        " <> ",
        journal_key!("new"),
        "
    BEGIN
        DELETE FROM requests_fts WHERE rowid = ",
        journal_key!("old"),
        ";
        INSERT OR REPLACE INTO requests_fts(rowid, name) VALUES (",
        journal_key!("new"),
        ", new.search_name);
    END;
    ",
        fts_fill!(),
        ";
    INSERT INTO requests_fts(requests_fts) VALUES ('optimize');
    CREATE INDEX requests_journal ON requests(submitted_at) WHERE status <> 'draft';
    CREATE INDEX requests_clerk_journal ON requests(clerk, submitted_at) WHERE status <> 'draft';
    "
    ),
    // 4: synthetic requests (`demo-data`): marked, so that the sync never pushes them to
    //    the central queue nor waits for their results; and the MIA operator who decided
    //    a request, as its result brought it (printed on the certificate).
    r#"
    ALTER TABLE requests ADD COLUMN synthetic INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE requests ADD COLUMN decided_by TEXT;
    "#,
    // 5: the birth date
    //    indexed, so that the editor finds the same person's recent requests by name and
    //    birth date (`store::recent`) without reading the table.
    r#"
    CREATE INDEX requests_birth ON requests(birth_date);
    "#,
]);

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};
    use rusqlite::types::Value;
    use rusqlite::Connection;

    use super::*;
    use crate::domain::account::Role;
    use crate::domain::calendar::{CalendarException, CalendarFile, ExceptionKind};
    use crate::domain::form::RequestForm;
    use crate::store::{apply_key, AuditQuery, NewUser, SecretKey, Store, DB_FILE_NAME};

    const DRAFT: &str = "0b7e2a52-58b5-4d8e-9a43-7d1c5c0f6f01";

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
    }

    /// A store at the latest version with rows written through the program.
    fn reference() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let admin = NewUser {
            login: "admin",
            full_name: "Admin",
            role: Role::Administrator,
            password: "Admin12345",
            must_change_password: false,
        };
        store.add_user(&admin, "system", now()).unwrap();
        let mut form = RequestForm {
            id: DRAFT.into(),
            ..RequestForm::default()
        };
        form.applicant.surname = "ERIKSSON".into();
        form.applicant.birth_date = "1974-08-12".into();
        store.save_draft(&form, "admin", now()).unwrap();
        store
            .set_setting("office.name", "ЦОН 1", "admin", now())
            .unwrap();
        let day = CalendarException {
            date: NaiveDate::from_ymd_opt(2026, 5, 27).unwrap(),
            kind: ExceptionKind::Holiday,
            note: "Құрбан айт".into(),
        };
        let file = CalendarFile {
            year: 2026,
            days: vec![day],
        };
        store.import_calendar(&file, "admin", now()).unwrap();
        store.station_id("station-1").unwrap();
        store
    }

    fn quoted(name: &str) -> String {
        format!("\"{}\"", name.replace('"', "\"\""))
    }

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.collect::<Result<_, _>>().unwrap()
    }

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(&format!("PRAGMA table_info({})", quoted(table)))
            .unwrap();
        let names = stmt.query_map([], |r| r.get(1)).unwrap();
        names.collect::<Result<_, _>>().unwrap()
    }

    fn rows(conn: &Connection, table: &str, columns: &[String]) -> Vec<Vec<Value>> {
        let list: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
        let sql = format!(
            "SELECT {} FROM {} ORDER BY 1",
            list.join(", "),
            quoted(table)
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let rows = stmt
            .query_map([], |r| {
                (0..columns.len()).map(|i| r.get::<_, Value>(i)).collect()
            })
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    /// Every table of `conn` with its columns and rows.
    fn contents(conn: &Connection) -> Vec<(String, Vec<String>, Vec<Vec<Value>>)> {
        tables(conn)
            .into_iter()
            .map(|t| {
                let cols = columns(conn, &t);
                let rows = rows(conn, &t, &cols);
                (t, cols, rows)
            })
            .collect()
    }

    fn schema_of(conn: &Connection) -> Vec<(String, String, Option<String>)> {
        let mut stmt = conn
            .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
            .unwrap();
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    /// Brings `conn` to version `n` with the first `n` migrations, and copies into it the
    /// reference's rows: those of the tables and columns that exist at `n`.
    fn make_version(conn: &mut Connection, n: usize, reference: &Connection) {
        let tx = conn.transaction().unwrap();
        Migrations::new(&MIGRATIONS.scripts()[..n])
            .apply(&tx, 0)
            .unwrap();
        // The search index (`requests_fts` and its shadow tables) is the migrations' and
        // the triggers' to fill: copying it too would insert its configuration twice.
        for table in tables(&tx)
            .into_iter()
            .filter(|t| !t.starts_with("requests_fts"))
        {
            let cols = columns(&tx, &table);
            let list: Vec<String> = cols.iter().map(|c| quoted(c)).collect();
            let marks = vec!["?"; cols.len()].join(", ");
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({marks})",
                quoted(&table),
                list.join(", ")
            );
            for row in rows(reference, &table, &cols) {
                tx.execute(&sql, rusqlite::params_from_iter(row)).unwrap();
            }
        }
        tx.commit().unwrap();
    }

    #[test]
    fn every_older_schema_upgrades_to_the_latest_with_its_data() {
        let reference = reference();
        const { assert!(LATEST >= 3) };
        for n in 0..LATEST as usize {
            for encrypted in [false, true] {
                let label = format!("version {n}, encrypted {encrypted}");
                let dir = tempfile::tempdir().unwrap();
                let path = dir.path().join(DB_FILE_NAME);
                let key = SecretKey::random();
                let before = {
                    let mut conn = Connection::open(&path).unwrap();
                    if encrypted {
                        apply_key(&conn, "main", &key).unwrap();
                    }
                    make_version(&mut conn, n, &reference.conn);
                    assert_eq!(
                        crate::sqlite_file::user_version(&conn).unwrap(),
                        n as i64,
                        "{label}"
                    );
                    contents(&conn)
                };
                assert_eq!(before.is_empty(), n == 0, "{label}");
                let mut store = if encrypted {
                    Store::open_encrypted(&path, &key)
                } else {
                    Store::open_plaintext(&path)
                }
                .unwrap_or_else(|e| panic!("{label}: {e}"));
                assert_eq!(store.schema_version().unwrap(), LATEST, "{label}");
                assert_eq!(
                    schema_of(&store.conn),
                    schema_of(&reference.conn),
                    "{label}"
                );
                for (table, cols, rows_before) in &before {
                    assert_eq!(
                        &rows(&store.conn, table, cols),
                        rows_before,
                        "{label}: {table}"
                    );
                }
                let backup = dir.path().join(format!("{DB_FILE_NAME}.v{n}.bak"));
                assert_eq!(backup.exists(), n > 0, "{label}");
                if n == 0 {
                    continue;
                }
                // The program reads the old rows as it reads its own.
                assert_eq!(
                    store.request(DRAFT).unwrap(),
                    reference.request(DRAFT).unwrap(),
                    "{label}"
                );
                let all = AuditQuery::default();
                assert_eq!(
                    store.audit_entries(&all).unwrap(),
                    reference.audit_entries(&all).unwrap(),
                    "{label}"
                );
                assert_eq!(store.users().unwrap(), reference.users().unwrap());
                assert_eq!(
                    store.calendar_exceptions().unwrap(),
                    reference.calendar_exceptions().unwrap()
                );
                assert_eq!(
                    store.setting("office.name").unwrap().as_deref(),
                    Some("ЦОН 1")
                );
                assert!(store.authenticate("admin", "Admin12345", now()).is_ok());
                // The search index holds the old rows (built by migration 3).
                let drafts_named = |store: &Store, name: &str| {
                    store
                        .count_requests(&crate::store::RequestFilter {
                            name: Some(name.into()),
                            status: Some(crate::domain::request::Status::Draft),
                            include_drafts: true,
                            ..Default::default()
                        })
                        .unwrap()
                };
                assert_eq!(drafts_named(&store, "Ikss"), 1, "{label}");
                // And writes after the upgrade.
                store
                    .save_draft(
                        &RequestForm {
                            id: "0b7e2a52-58b5-4d8e-9a43-7d1c5c0f6f02".into(),
                            ..RequestForm::default()
                        },
                        "admin",
                        now(),
                    )
                    .unwrap();
            }
        }
    }
}

#[cfg(test)]
mod progress_tests {
    use std::ops::ControlFlow;

    use rusqlite::Connection;

    use super::*;
    use crate::sqlite_file::user_version;
    use crate::store::{with_index_progress, Store};

    const ROWS: u64 = 25_000;

    /// A store of version 2 (before the search index) holding [`ROWS`] requests.
    fn version_two(conn: &mut Connection) {
        let tx = conn.transaction().unwrap();
        Migrations::new(&MIGRATIONS.scripts()[..2])
            .apply(&tx, 0)
            .unwrap();
        tx.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
             INSERT INTO requests (id, kind, channel, status, submitted_at, search_name,
                                   data, created_at, updated_at)
             SELECT printf('r%06d', i), 'issue', 'counter', 'accepted',
                    '2026-11-25 10:00:00', printf('NAME%05d ИВАНОВ', i), '{}',
                    '2026-11-25 10:00:00', '2026-11-25 10:00:00' FROM n",
            [ROWS as i64],
        )
        .unwrap();
        tx.commit().unwrap();
    }

    fn found(conn: &Connection, part: &str) -> i64 {
        conn.query_row(
            "SELECT count(*) FROM requests_fts WHERE requests_fts MATCH ?1",
            [format!("\"{part}\"")],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn the_index_build_reports_monotonically_up_to_the_total() {
        assert!(MIGRATIONS.scripts()[2].contains(fts_fill!()));
        assert_eq!(
            MIGRATIONS.scripts().concat().matches(fts_fill!()).count(),
            1
        );
        let mut conn = Connection::open_in_memory().unwrap();
        version_two(&mut conn);
        let mut seen = Vec::new();
        let done = migrate_with_progress(&mut conn, &mut |p| {
            seen.push(p);
            ControlFlow::Continue(())
        })
        .unwrap();
        assert!(done);
        let steps: Vec<u64> = seen.iter().map(|p| p.done).collect();
        assert_eq!(steps, vec![0, 10_000, 20_000, ROWS]);
        assert!(seen.iter().all(|p| p.total == ROWS));
        assert_eq!(user_version(&conn).unwrap(), LATEST);
        // Every request is in the index, under any part of its name.
        assert_eq!(found(&conn, "00123"), 1);
        assert_eq!(found(&conn, "иванов"), ROWS as i64);
        assert_eq!(found(&conn, "NAME2"), 5_001);
        // Migrated, a second run reports nothing.
        let mut again = 0;
        migrate_with_progress(&mut conn, &mut |_| {
            again += 1;
            ControlFlow::Continue(())
        })
        .unwrap();
        assert_eq!(again, 0);
    }

    #[test]
    fn a_cancelled_build_leaves_the_store_as_it_was_and_a_later_opening_builds_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store.sqlite3");
        version_two(&mut Connection::open(&path).unwrap());

        // Cancel after the first slice: the opening fails, cancelled.
        let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let log = seen.clone();
        let opened = with_index_progress(
            Box::new(move |p| {
                log.borrow_mut().push(p.done);
                if p.done > 0 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }),
            || Store::open_plaintext(&path),
        );
        let err = opened.expect_err("cancelled");
        assert!(err.is_cancelled(), "{err}");
        assert_eq!(*seen.borrow(), vec![0, 10_000]);
        let conn = Connection::open(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), 2, "rolled back");
        let fts: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'requests_fts'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(fts, 0);
        drop(conn);

        // Outside the hook nothing reports, and the opening builds the index.
        let store = Store::open_plaintext(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), LATEST);
        drop(store);
        assert_eq!(found(&Connection::open(&path).unwrap(), "00123"), 1);
    }
}
