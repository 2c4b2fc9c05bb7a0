//! The numbered migrations. Migration N brings `user_version` from N-1 to N; never edit
//! a released one, add the next.

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Migration scripts, in order.
pub const MIGRATIONS: &[&str] = &[
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
];
