//! The local store: migrations, refusing what it cannot read, all-or-nothing writes,
//! the append-only audit log, accounts, drafts and the request's life.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::account::Role;
use iin_desk::domain::form::{validate_record, Outcome, Record, RequestForm};
use iin_desk::domain::iin::Iin;
use iin_desk::domain::request::{Event, RefusalGround, Status};
use iin_desk::store::{
    AuditQuery, AuthError, NewUser, RequestFilter, Store, StoreError, DB_FILE_NAME,
};
use uuid::Uuid;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default()
}

fn fixture_forms() -> Vec<RequestForm> {
    let text = include_str!("fixtures/requests.json");
    serde_json::from_str(text).unwrap_or_else(|e| panic!("fixture: {e}"))
}

fn records() -> Vec<Record> {
    fixture_forms()
        .iter()
        .map(|f| validate_record(f, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}")))
        .collect()
}

#[track_caller]
fn open(path: &Path) -> Store {
    Store::open_plaintext(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_new_store_has_the_latest_schema_and_reopens() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let admin = iin_desk::store::NewUser {
        login: "admin",
        full_name: "Admin",
        role: iin_desk::domain::account::Role::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (store, _recovery) =
        Store::create_in(dir.path(), &admin, now()).unwrap_or_else(|e| panic!("{e}"));
    let version = store.schema_version().unwrap_or_default();
    assert!(version >= 1);
    assert!(store.is_encrypted());
    drop(store);
    let again = Store::unlock_in(dir.path(), "admin", "Admin12345", now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    assert_eq!(again.schema_version().unwrap_or_default(), version);
    assert!(dir.path().join(DB_FILE_NAME).exists());
}

#[test]
fn a_newer_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(DB_FILE_NAME);
    drop(open(&path));
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "journal_mode", "DELETE")
            .unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "user_version", 999)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = std::fs::read(&path).unwrap_or_default();
    match Store::open_plaintext(&path) {
        Err(StoreError::TooNew { found: 999, .. }) => {}
        other => panic!("expected TooNew, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap_or_default(), before);
    let msg = StoreError::TooNew {
        path: path.clone(),
        found: 999,
        supported: 1,
    }
    .message(iin_desk::domain::lang::Lang::Kk);
    assert!(msg.contains("жаңартыңыз"), "{msg}");
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for content in [
        &b"this is a spreadsheet, not a database"[..],
        &[0u8; 4096][..],
        b"SQLite format 3\0garbage garbage",
    ] {
        let path = dir.path().join(DB_FILE_NAME);
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{e}"));
        let result = Store::open_plaintext(&path);
        assert!(
            matches!(result, Err(StoreError::NotADatabase { .. })),
            "{result:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap_or_default(), content);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .map(|r| r.filter_map(Result::ok).map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert_eq!(names.len(), 1, "nothing created beside it: {names:?}");
    }
}

#[test]
fn an_old_schema_is_migrated_after_a_backup() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(DB_FILE_NAME);
    // A database at version 0 holding a table the program does not know: the
    // migration must keep it and back the file up first.
    {
        let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE keep_me(x); INSERT INTO keep_me VALUES (42);")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let store = open(&path);
    assert!(store.schema_version().unwrap_or_default() >= 1);
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    let x: i64 = conn
        .query_row("SELECT x FROM keep_me", [], |r| r.get(0))
        .unwrap_or_default();
    assert_eq!(x, 42);
    let backup = dir.path().join(format!("{DB_FILE_NAME}.v0.bak"));
    let old = rusqlite::Connection::open(&backup).unwrap_or_else(|e| panic!("{e}"));
    let v: i64 = old
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap_or(-1);
    assert_eq!(
        v, 0,
        "the backup is the database as it was before the migration"
    );
}

#[test]
fn import_is_all_or_nothing() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut recs = records();
    // The last record repeats the first one's id: the database refuses it midway and
    // the whole import must roll back.
    let dup = recs[0].clone();
    recs.push(dup);
    let result = store.import_records(&recs, "admin", now());
    assert!(
        matches!(result, Err(StoreError::DuplicateRequest(_))),
        "{result:?}"
    );
    let all = RequestFilter {
        include_drafts: true,
        ..RequestFilter::default()
    };
    assert_eq!(store.count_requests(&all).unwrap_or(99), 0);
    assert!(store
        .audit_entries(&AuditQuery::default())
        .unwrap_or_default()
        .is_empty());

    recs.pop();
    let report = store
        .import_records(&recs, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.stored, 5);
    assert_eq!(store.count_requests(&all).unwrap_or(0), 5);
    assert_eq!(
        store
            .audit_entries(&AuditQuery::default())
            .unwrap_or_default()
            .len(),
        5
    );
}

/// A child process that starts writing and dies before committing. Run as a test of
/// its own; it only acts when the parent test sets the variable.
#[test]
fn child_dies_midway() {
    let Ok(path) = std::env::var("IIN_DESK_TEST_DIE_DB") else {
        return;
    };
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch(
        "BEGIN IMMEDIATE; INSERT INTO settings(key, value) VALUES ('half', 'written');",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("INSERT INTO users(login, full_name, role, password_hash, created_at) VALUES ('ghost','g','clerk','x','t');")
        .unwrap_or_else(|e| panic!("{e}"));
    std::process::abort();
}

#[test]
fn a_write_interrupted_by_a_crash_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(DB_FILE_NAME);
    let mut store = open(&path);
    store
        .set_setting("office", "Astana", "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
    let status = std::process::Command::new(exe)
        .args(["--exact", "child_dies_midway", "--nocapture"])
        .env("IIN_DESK_TEST_DIE_DB", &path)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!status.status.success(), "the child must die");
    let store = open(&path);
    assert_eq!(store.setting("half").unwrap_or_default(), None);
    assert_eq!(store.user("ghost").unwrap_or_default(), None);
    assert_eq!(
        store.setting("office").unwrap_or_default().as_deref(),
        Some("Astana")
    );
}

#[test]
fn the_audit_log_is_append_only() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(DB_FILE_NAME);
    let mut store = open(&path);
    store
        .audit(now(), "a.clerk", "print.receipt", Some("r1"), "copies=2")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(conn
        .execute("UPDATE audit_log SET actor = 'someone else'", [])
        .is_err());
    assert!(conn.execute("DELETE FROM audit_log", []).is_err());
    drop(conn);
    let store = open(&path);
    let entries = store
        .audit_entries(&AuditQuery {
            request_id: Some("r1".into()),
            limit: None,
        })
        .unwrap_or_default();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor, "a.clerk");
    assert_eq!(entries[0].action, "print.receipt");
}

#[test]
fn accounts_log_in_with_their_password_only() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    assert!(!store.has_active_admin().unwrap_or(true));
    store
        .add_user(
            &NewUser {
                login: "admin",
                full_name: "Admin",
                role: Role::Administrator,
                password: "Admin12345",
                must_change_password: false,
            },
            "system",
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .add_user(
            &NewUser {
                login: "a.clerk",
                full_name: "Aigerim Clerk",
                role: Role::Clerk,
                password: "Clerk12345",
                must_change_password: false,
            },
            "admin",
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(store.has_active_admin().unwrap_or(false));
    assert!(matches!(
        store.add_user(
            &NewUser {
                login: "a.clerk",
                full_name: "Again",
                role: Role::Clerk,
                password: "Clerk12345",
                must_change_password: false
            },
            "admin",
            now()
        ),
        Err(StoreError::DuplicateUser(_))
    ));
    assert_eq!(
        store
            .authenticate("a.clerk", "Clerk12345", now())
            .map(|u| u.role)
            .ok(),
        Some(Role::Clerk)
    );
    assert!(matches!(
        store.authenticate("a.clerk", "wrong", now()),
        Err(AuthError::Denied)
    ));
    assert!(matches!(
        store.authenticate("nobody", "Clerk12345", now()),
        Err(AuthError::Denied)
    ));
    store
        .set_user_active("a.clerk", false, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        store.authenticate("a.clerk", "Clerk12345", now()),
        Err(AuthError::Denied)
    ));
    store
        .set_user_active("a.clerk", true, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .set_password("a.clerk", "Newpass12345", false, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(store.authenticate("a.clerk", "Clerk12345", now()).is_err());
    assert!(store.authenticate("a.clerk", "Newpass12345", now()).is_ok());
    let actions: Vec<String> = store
        .audit_entries(&AuditQuery::default())
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "user.add",
        "login.ok",
        "login.failed",
        "user.disable",
        "user.enable",
        "user.passwd",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    // No password or hash reaches the audit log.
    let details: String = store
        .audit_entries(&AuditQuery::default())
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.details)
        .collect();
    assert!(!details.contains("Clerk12345") && !details.contains("argon2"));
}

#[test]
fn a_draft_is_kept_as_typed_then_accepted_and_processed() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut form = fixture_forms().remove(0);
    form.status = "draft".into();
    // Half-typed: a date that does not parse is stored exactly as typed.
    form.applicant.birth_date = "12.08.19".into();
    store
        .save_draft(&form, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let stored = store.request(&form.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.status, Status::Draft);
    assert_eq!(stored.form.applicant.birth_date, "12.08.19");

    form.applicant.birth_date = "12.08.1974".into();
    store
        .save_draft(&form, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    form.status = "accepted".into();
    let record = validate_record(&form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    store
        .decide_draft(&record, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let stored = store.request(&form.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stored.status, Status::Accepted);
    // Submitted Friday 20 Nov 2026 10:15: due Monday 23 Nov 18:30.
    assert_eq!(stored.due_at.as_deref(), Some("2026-11-23T18:30:00"));
    // An accepted request is never overwritten by a draft save.
    assert!(store.save_draft(&form, "a.clerk", now()).is_err());

    // Its life: illegal steps are refused, legal ones recorded.
    assert!(matches!(
        store.apply_event(&form.id, Event::Form, None, "op", now()),
        Err(StoreError::Transition(_))
    ));
    assert_eq!(
        store
            .apply_event(&form.id, Event::Send, None, "sync", now())
            .ok(),
        Some(Status::Sent)
    );
    let iin = Iin::parse("740812400014").ok();
    let outcome = Outcome {
        iin,
        ground: None,
        comment: String::new(),
        decided_at: Some(now()),
    };
    assert_eq!(
        store
            .apply_event(&form.id, Event::Form, Some(outcome), "op", now())
            .ok(),
        Some(Status::Formed)
    );
    assert!(store
        .apply_event(
            &form.id,
            Event::Refuse(RefusalGround::DataNotCompliant),
            None,
            "op",
            now()
        )
        .is_err());
    let found = store
        .list_requests(
            &RequestFilter {
                iin: Some("740812400014".into()),
                ..RequestFilter::default()
            },
            0,
            10,
        )
        .unwrap_or_default();
    assert_eq!(found.len(), 1);
    let history: Vec<String> = store
        .audit_entries(&AuditQuery {
            request_id: Some(form.id.clone()),
            limit: None,
        })
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        history,
        [
            "request.draft_created",
            "request.accepted",
            "request.sent",
            "request.formed"
        ]
    );
}

#[test]
fn journal_search() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    store
        .import_records(&records(), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let count = |f: RequestFilter| store.count_requests(&f).unwrap_or(999);
    let by_name = |n: &str| RequestFilter {
        name: Some(n.into()),
        ..RequestFilter::default()
    };
    assert_eq!(count(by_name("testova")), 1);
    assert_eq!(count(by_name("ТЕСТ")), 1);
    assert_eq!(count(by_name("ахмед")), 1);
    assert_eq!(count(by_name("nobody")), 0);
    assert_eq!(
        count(RequestFilter {
            doc_number: Some("fa0000001".into()),
            ..RequestFilter::default()
        }),
        1
    );
    assert_eq!(
        count(RequestFilter {
            iin: Some("850315300029".into()),
            ..RequestFilter::default()
        }),
        1
    );
    assert_eq!(
        count(RequestFilter {
            iin: Some("740812400014".into()),
            ..RequestFilter::default()
        }),
        1
    );
    assert_eq!(
        count(RequestFilter {
            status: Some(Status::RefusedToAccept),
            ..RequestFilter::default()
        }),
        1
    );
    assert_eq!(
        count(RequestFilter {
            clerk: Some("a.clerk".into()),
            ..RequestFilter::default()
        }),
        3
    );
    let day = NaiveDate::from_ymd_opt(2026, 11, 20);
    assert_eq!(
        count(RequestFilter {
            from: day,
            to: day,
            ..RequestFilter::default()
        }),
        2
    );
    let page = store
        .list_requests(&RequestFilter::default(), 1, 2)
        .unwrap_or_default();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].id, "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001");
}

#[test]
fn the_calendar_is_replaced_per_year() {
    use iin_desk::domain::calendar::parse_calendar_file;
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let y2024 = parse_calendar_file(r#"{"year": 2024, "days": [{"date": "2024-05-04", "kind": "working"}, {"date": "2024-05-08", "kind": "holiday"}]}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .import_calendar(&y2024, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let y2024b = parse_calendar_file(r#"{"year": 2024, "days": [{"date": "2024-06-16", "kind": "holiday", "note": "Kurban Ait"}]}"#)
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .import_calendar(&y2024b, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let dates: Vec<String> = store
        .calendar_exceptions()
        .unwrap_or_default()
        .iter()
        .map(|e| e.date.to_string())
        .collect();
    assert_eq!(dates, ["2024-06-16"]);
}

#[test]
fn the_deciding_operator_is_kept_with_the_request() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let recs = records();
    store
        .import_records(&recs, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let id = recs[0].request.id.to_string();
    assert_eq!(store.decided_by(&id).unwrap_or_default(), None);
    // A blank operator is not kept.
    store
        .set_decided_by(&id, "  ")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(store.decided_by(&id).unwrap_or_default(), None);
    store
        .set_decided_by(&id, "mia.operator")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        store.decided_by(&id).unwrap_or_default().as_deref(),
        Some("mia.operator")
    );
    let missing = Uuid::nil().to_string();
    assert!(matches!(
        store.set_decided_by(&missing, "mia.operator"),
        Err(StoreError::RequestNotFound(_))
    ));
}

#[test]
fn synthetic_requests_are_never_in_the_outbox() {
    let recs = records();
    let mut real = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    real.insert_records_bulk(&recs, "admin", "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let to_push = real.outbox(true, 100).unwrap_or_default().len();
    assert!(
        to_push > 0,
        "the fixture has requests that left the counter"
    );
    let mut synthetic = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    synthetic
        .insert_synthetic_records_bulk(&recs, "admin", "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    for everything in [false, true] {
        assert!(synthetic
            .outbox(everything, 100)
            .unwrap_or_default()
            .is_empty());
    }
    assert!(synthetic.awaiting_results().unwrap_or_default().is_empty());
    let counts = synthetic.sync_counts().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((counts.to_push, counts.awaiting_result), (0, 0));
}

#[path = "store/journal.rs"]
mod journal;
#[path = "store/recent.rs"]
mod recent;
#[path = "store/sync_cancel.rs"]
mod sync_cancel;
#[path = "store/times.rs"]
mod times;
