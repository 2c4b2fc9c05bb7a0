//! What both bench targets share: the pinned clock, synthetic records and the cached
//! store of 1,000,000 requests (`target/bench-data/`, made once by `demo-data`'s generator).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::cli::demo_cmds::{demo_form, demo_records, fill_store};
use iin_desk::domain::account::Role;
use iin_desk::domain::form::{validate_record, Record};
use iin_desk::store::{NewUser, Store, User};
use uuid::Uuid;

/// The seed of every synthetic data set of the benches.
pub const SEED: u64 = 42;

/// Wednesday 25 November 2026, 10:00: the benches' "now".
pub fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap()
}

/// Whether criterion runs for real (`cargo bench`), not once per function in test mode.
pub fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// `n` synthetic requests as imported.
pub fn records(n: u64) -> Vec<Record> {
    demo_records(SEED, 0, n, now()).unwrap()
}

/// `n` synthetic requests, all accepted and waiting to be pushed.
pub fn accepted_records(n: usize) -> Vec<Record> {
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    while out.len() < n {
        let mut f = demo_form(SEED, i, now());
        i += 1;
        f.status = "accepted".into();
        f.result = None;
        if let Ok(r) = validate_record(&f, Uuid::nil(), now()) {
            out.push(r);
        }
    }
    out
}

/// The administrator the benches act as.
pub fn admin() -> User {
    User {
        login: "admin".into(),
        full_name: "Bench Admin".into(),
        role: Role::Administrator,
        active: true,
        must_change_password: false,
    }
}

/// The administrator's password in every bench store.
pub const ADMIN_PASSWORD: &str = "Bench-admin-2026";

/// Sets up a new encrypted store in `dir` with the administrator.
pub fn create_store(dir: &Path) -> Store {
    let admin = NewUser {
        login: "admin",
        full_name: "Bench Admin",
        role: Role::Administrator,
        password: ADMIN_PASSWORD,
        must_change_password: false,
    };
    Store::create_in(dir, &admin, now()).unwrap().0
}

/// Opens the store of `dir` as the administrator.
pub fn open_store(dir: &Path) -> Store {
    Store::unlock_in(dir, "admin", ADMIN_PASSWORD, now())
        .unwrap()
        .store
}

/// The data folder of a store holding `count` synthetic requests, made once and kept in
/// `target/bench-data/journal-COUNT` (or under `IIN_DESK_BENCH_DATA`).
pub fn journal_store(count: u64) -> PathBuf {
    let base = std::env::var_os("IIN_DESK_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"));
    let dir = base.join(format!("journal-{count}"));
    let marker = dir.join("complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut store = create_store(&dir);
        eprintln!(
            "making a store of {count} synthetic requests in {}",
            dir.display()
        );
        fill_store(&mut store, count, SEED, "admin", now(), |_| {}).unwrap();
        std::fs::write(&marker, "").unwrap();
    }
    dir
}

/// One pushed request as the baseline stores it: id, content hash, kind, submission
/// time and the wire form as JSON.
pub struct PushRow {
    /// The request id.
    pub id: String,
    /// SHA-256 of `form`.
    pub hash: String,
    /// The request kind's key.
    pub kind: String,
    /// When it was submitted.
    pub submitted_at: String,
    /// The form as JSON.
    pub form: String,
}

/// The rows a push of `records` stores, for the bare insert it is measured against.
pub fn push_rows(records: &[Record]) -> Vec<PushRow> {
    records
        .iter()
        .map(|r| {
            let f =
                iin_desk::queue::protocol::wire_form(&iin_desk::domain::form::record_to_form(r));
            let form = serde_json::to_string(&f).unwrap();
            PushRow {
                id: r.request.id.to_string(),
                hash: iin_desk::queue::protocol::content_hash(&f),
                kind: f.kind.clone(),
                submitted_at: f.submitted_at.clone(),
                form,
            }
        })
        .collect()
}

/// The push's baseline: `rows` inserted into a bare table (the central file's columns, no
/// index but the key, no audit) of a new file at `path`, encrypted with a raw key and set
/// up as the central file is (rollback journal, `synchronous = FULL`), `batch` rows per
/// transaction. Returns the time of the inserts and commits.
pub fn bare_insert(path: &Path, rows: &[PushRow], batch: usize) -> std::time::Duration {
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;
         PRAGMA temp_store = MEMORY;
         CREATE TABLE requests(id TEXT PRIMARY KEY, content_hash TEXT NOT NULL,
             kind TEXT NOT NULL, station TEXT NOT NULL, submitted_at TEXT NOT NULL,
             due_at TEXT, pushed_at TEXT NOT NULL, form TEXT NOT NULL,
             state TEXT NOT NULL DEFAULT 'pending');",
        "5a".repeat(32)
    ))
    .unwrap();
    let t = std::time::Instant::now();
    for chunk in rows.chunks(batch.max(1)) {
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO requests(id, content_hash, kind, station, submitted_at, due_at,
                                          pushed_at, form, state)
                     VALUES (?1, ?2, ?3, 'station', ?4, '2026-12-25T18:00:00',
                             '2026-11-25T10:00:00', ?5, 'pending')",
                )
                .unwrap();
            for r in chunk {
                stmt.execute(rusqlite::params![
                    r.id,
                    r.hash,
                    r.kind,
                    r.submitted_at,
                    r.form
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
    }
    t.elapsed()
}
