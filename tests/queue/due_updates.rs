//! Due dates a calendar import changes after the requests were sent reach the central
//! queue in the next sync round, so the back office flags them overdue neither too early
//! nor too late; another office's (or station's) request with the same id is untouched,
//! and a connection fault keeps the update pending. On both backends.

use super::*;
use iin_desk::domain::calendar::parse_calendar_file;
use iin_desk::queue::server::schema::{init_server, InitOutcome, SERVER_SCHEMA_VERSION};
use iin_desk::queue::sync::sync_round;
use std::path::PathBuf;

/// The back office's listing at `at`: per request, its due date and whether overdue.
fn listing(
    backend: &Backend,
    at: NaiveDateTime,
) -> BTreeMap<String, (Option<NaiveDateTime>, bool)> {
    let mut office = office(&backend.location, &backend.key, "operator.due");
    office
        .incoming(at)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|i| (i.id, (i.due_at, i.overdue)))
        .collect()
}

fn due_of(store: &Store, id: &str) -> NaiveDateTime {
    let due = store.request(id).unwrap_or_else(|e| panic!("{e}")).due_at;
    due.as_deref()
        .and_then(iin_desk::queue::protocol::parse_ts)
        .unwrap_or_else(|| panic!("no due date: {due:?}"))
}

/// The requests were handed in on Friday 20.11.2026; the import makes Monday a holiday.
fn import_holiday(store: &mut Store) -> usize {
    let file = parse_calendar_file(
        r#"{"year": 2026, "days": [{"date": "2026-11-23", "kind": "holiday", "note": "test"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    store
        .import_calendar(&file, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"))
        .recomputed
}

/// The round trip of a due update. `counter` is the counter's queue location;
/// `push_other` puts a request with the given form's id into the queue as another
/// office or station; `away` and `back` cut the counter off the queue and reconnect it.
fn due_dates_follow_a_calendar_import(
    backend: &Backend,
    counter: &Path,
    push_other: &dyn Fn(&RequestForm),
    away: &dyn Fn(),
    back: &dyn Fn(),
) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let own = form("TESTOVA", "MALIKA", "1974-08-12", "DU0000001");
    let theirs = form("EXAMPLEVA", "ANNA", "1981-02-03", "DU0000002");
    let mut store = counter_store(dir.path(), backend, &[own.clone(), theirs.clone()]);
    push_other(&theirs);
    let config = SyncConfig::new(counter.to_path_buf(), "a.clerk");
    let report = sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.newly_sent, 1, "{report:?}");
    assert_eq!(report.set_aside.len(), 1, "{report:?}");
    let old_due = due_of(&store, &own.id);
    let after_old = old_due + chrono::Duration::minutes(1);
    let before = listing(backend, after_old);
    assert_eq!(before[&own.id], (Some(old_due), true));
    let their_due = before[&theirs.id];

    // The import: both local requests get a new due date, kept pending for the queue.
    assert_eq!(import_holiday(&mut store), 2);
    let new_due = due_of(&store, &own.id);
    assert!(new_due > after_old, "{new_due} after {old_due}");
    let pending = |store: &Store| store.pending_due_updates().unwrap_or_default().len();
    assert_eq!(pending(&store), 2);

    // The queue is out of reach: the round fails, the updates stay pending.
    away();
    let failed = sync_round(&mut store, &config, false, &now);
    assert!(failed.as_ref().is_err_and(|e| e.is_offline()), "{failed:?}");
    back();
    assert_eq!(pending(&store), 2);
    assert_eq!(listing(backend, after_old)[&own.id], (Some(old_due), true));

    // The next round sends them: the back office sees the new due date, not overdue;
    // the other office's request keeps its own.
    sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pending(&store), 0);
    let after = listing(backend, after_old);
    assert_eq!(after[&own.id], (Some(new_due), false));
    assert_eq!(after[&theirs.id], their_due);
    let audited = |backend: &Backend| {
        backend
            .audit_details()
            .into_iter()
            .filter(|d| d.starts_with("queue.due "))
            .collect::<Vec<_>>()
    };
    let entries = audited(backend);
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert!(
        entries[0].ends_with(&format!(
            "->{}",
            iin_desk::queue::protocol::format_ts(new_due)
        )),
        "{entries:?}"
    );

    // Nothing is sent twice; a decided request keeps its due date.
    sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(audited(backend).len(), 1);
}

#[test]
fn due_dates_follow_a_calendar_import_on_the_file() {
    let backend = Backend::file();
    let moved = backend.location.with_extension("moved");
    let location = backend.location.clone();
    due_dates_follow_a_calendar_import(
        &backend,
        &backend.location,
        // Another station's request with the same id and other data.
        &|theirs| {
            let mut other = theirs.clone();
            other.office = "elsewhere".into();
            let mut queue = backend.open();
            assert_eq!(push(&mut queue, &[&other]), vec![PushOutcome::Inserted]);
        },
        &|| std::fs::rename(&location, &moved).unwrap_or_else(|e| panic!("{e}")),
        &|| std::fs::rename(&moved, &location).unwrap_or_else(|e| panic!("{e}")),
    );
}

/// Renames the database of `url` (no connection may be open to it).
fn rename_database(from: &str, to: &str) {
    let mut admin = queue_support::pg::cluster().client("postgres");
    let _ = admin.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
        &[&from],
    );
    admin
        .batch_execute(&format!("ALTER DATABASE {from} RENAME TO {to}"))
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn due_dates_follow_a_calendar_import_on_a_server() {
    let backend = Backend::server();
    let url = backend.location.to_string_lossy().to_string();
    counter_logins(&url, &["due_office_a", "due_office_b"]);
    let as_login = |login: &str| url.replace("postgres@", &format!("{login}@"));
    let db = queue_support::pg::database_of(&url);
    let away = format!("{db}_away");
    due_dates_follow_a_calendar_import(
        &backend,
        &PathBuf::from(as_login("due_office_a")),
        // Another office's request with the same id and the same data.
        &|theirs| {
            let mut b = Queue::open(
                &QueueLocation::parse(&as_login("due_office_b")),
                OpenMode::MustExist,
                CentralOptions::default(),
                None,
            )
            .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(push(&mut b, &[theirs]), vec![PushOutcome::Inserted]);
        },
        &|| rename_database(&db, &away),
        &|| rename_database(&away, &db),
    );
}

#[test]
fn a_server_due_update_is_one_round_trip_and_only_the_offices_own() {
    let backend = Backend::server();
    let url = backend.location.to_string_lossy().to_string();
    counter_logins(&url, &["due_office_c", "due_office_d"]);
    let open_as = |login: &str| {
        Queue::open(
            &QueueLocation::parse(&url.replace("postgres@", &format!("{login}@"))),
            OpenMode::MustExist,
            CentralOptions::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    let forms: Vec<RequestForm> = (0..20)
        .map(|i| form("TESTOVA", "MALIKA", "1974-08-12", &format!("DR{i:07}")))
        .collect();
    let refs: Vec<&RequestForm> = forms.iter().collect();
    let (mine, others) = refs.split_at(10);
    let mut c = open_as("due_office_c");
    let mut d = open_as("due_office_d");
    assert!(push(&mut c, mine)
        .iter()
        .all(|o| *o == PushOutcome::Inserted));
    assert!(push(&mut d, others)
        .iter()
        .all(|o| *o == PushOutcome::Inserted));
    let due = day(2026, 11, 24).and_hms_opt(18, 30, 0).unwrap_or_default();
    let updates: Vec<_> = forms
        .iter()
        .map(|f| iin_desk::queue::due_updates::DueUpdate {
            id: Uuid::parse_str(&f.id).unwrap_or_else(|e| panic!("{e}")),
            content_hash: iin_desk::queue::protocol::content_hash(f),
            due_at: due,
        })
        .collect();
    // Office C sends all twenty: one round trip once prepared; only its ten change.
    let trips = |q: &Queue| match q {
        Queue::Server(s) => s.round_trips(),
        Queue::File(_) => panic!("a server"),
    };
    c.update_due(&updates[..1], "station-c", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let before = trips(&c);
    let changed = c
        .update_due(&updates, "station-c", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(trips(&c) - before, 1, "one round trip per batch");
    assert_eq!(changed.iter().filter(|c| **c).count(), 9, "{changed:?}");
    assert!(changed[10..].iter().all(|c| !c));
    let dues = listing(&backend, now());
    for f in &forms[..10] {
        assert_eq!(dues[&f.id].0, Some(due));
    }
    let pushed_due = iin_desk::queue::protocol::parse_ts("2026-11-23T18:30:00");
    for f in &forms[10..] {
        assert_eq!(
            dues[&f.id].0, pushed_due,
            "another office's request is untouched"
        );
    }
    // The counter's login has no right to update rows by itself.
    let mut client =
        postgres::Client::connect(&url.replace("postgres@", "due_office_c@"), postgres::NoTls)
            .unwrap_or_else(|e| panic!("{e}"));
    let denied = client.execute(
        "UPDATE iin_queue.requests SET due_at = '2030-01-01T00:00:00'",
        &[],
    );
    assert!(denied.is_err(), "{denied:?}");

    upgrade_from_version_3(&url, &updates[..10], due);
}

/// A server of the previous version (3) is refused until upgraded; then office C's
/// updates work again.
fn upgrade_from_version_3(
    url: &str,
    updates: &[iin_desk::queue::due_updates::DueUpdate],
    due: NaiveDateTime,
) {
    let db = queue_support::pg::database_of(url);
    queue_support::pg::cluster()
        .client(&db)
        .batch_execute(
            "SET search_path = iin_queue;
             DROP FUNCTION update_due(text[], text[], text[], text, text);
             UPDATE meta SET value = '3' WHERE key = 'schema_version';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = Queue::open(
        &QueueLocation::parse(url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .err();
    assert!(
        matches!(refused, Some(QueueError::ServerTooOld { found: 3, .. })),
        "{refused:?}"
    );
    let outcome = init_server(url).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(outcome, InitOutcome::Upgraded { from: 3, to, .. } if to == SERVER_SCHEMA_VERSION),
        "{outcome:?}"
    );
    let mut c = Queue::open(
        &QueueLocation::parse(&url.replace("postgres@", "due_office_c@")),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let later = due + chrono::Duration::days(1);
    let again: Vec<_> = updates
        .iter()
        .map(|u| iin_desk::queue::due_updates::DueUpdate {
            due_at: later,
            ..u.clone()
        })
        .collect();
    assert_eq!(
        c.update_due(&again, "station-c", now())
            .unwrap_or_else(|e| panic!("{e}")),
        vec![true; 10]
    );
}
