//! The round trip through the central queue file: duplicate detection, the back office's
//! API (claims, decisions, the registry), the GUI's sync worker, and many counters
//! pushing at once while an automatic back office decides (real processes, real files).

mod queue_support;
// The tests of the server backend alone (tests/queue/server.rs).
#[path = "queue/server.rs"]
mod server;
use server::Backend;
// Duplicate detection (tests/queue/dedup.rs).
#[path = "queue/dedup.rs"]
mod dedup;
// Duplicates at national scale on the server (tests/queue/registry.rs).
#[path = "queue/registry.rs"]
mod registry;
// Moving an office from its file to a server (tests/queue/migrate.rs).
#[path = "queue/migrate.rs"]
mod migrate;
// Rejected requests set aside, on both backends (tests/queue/set_aside.rs).
#[path = "queue/set_aside.rs"]
mod set_aside;
// TLS to the server: verify-full with a CA file, require (tests/queue/tls.rs).
#[path = "queue/tls.rs"]
mod tls;
// The queue server's password sealed in the local store (tests/queue/secret.rs).
#[path = "queue/secret.rs"]
mod secret;
// Many counters and two back offices at once, with the throughput (tests/queue/load.rs).
#[path = "queue/load.rs"]
mod load;
// Due dates a calendar import changed reach the central queue (tests/queue/due_updates.rs).
#[path = "queue/due_updates.rs"]
mod due_updates;
// `--repush-all` on a server: adoption under the counter's login, row errors (tests/queue/adopt.rs).
#[path = "queue/adopt.rs"]
mod adopt;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::dedup::{compare, Reason, CANDIDATE_SCORE};
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::identity::{CyrillicName, Identity, IdentityDocument, Sex};
use iin_desk::domain::iin::Iin;
use iin_desk::domain::lang::Lang;
use iin_desk::domain::request::{RefusalGround, Status};
use iin_desk::queue::backoffice::{BackOffice, BackOfficeOptions};
use iin_desk::queue::central::{Central, CentralOptions, OpenMode};
use iin_desk::queue::protocol::{PushMessage, PushOutcome};
use iin_desk::queue::sync::{Clock, SyncConfig};
use iin_desk::queue::sync_worker::{start_worker, SyncEvent, WorkerConfig};
use iin_desk::queue::QueueError;
use iin_desk::queue::{Queue, QueueLocation};
use iin_desk::store::SecretKey;
use iin_desk::store::Store;
use queue_support::*;
use serde_json::json;
use uuid::Uuid;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn now() -> NaiveDateTime {
    day(2026, 11, 25).and_hms_opt(12, 0, 0).unwrap_or_default()
}

// ---------------------------------------------------------------- the back office's API

fn form(surname: &str, name: &str, birth: &str, document: &str) -> RequestForm {
    let v = json!({
        "id": Uuid::new_v4().to_string(),
        "kind": "formation", "channel": "counter", "status": "accepted",
        "submitted_at": "2026-11-20T10:15:00", "office": "Astana", "counter": "7", "clerk": "a.clerk",
        "applicant": {
            "surname": surname, "name": name, "birth_date": birth, "birth_place": "TASHKENT",
            "citizenship": "UZB", "sex": "F", "document_number": document,
            "document_issue_date": "2020-03-01", "document_expiry_date": "2030-02-28",
            "document_issuing_country": "UZB", "address": "Astana, street 1", "phone": ""
        },
        "documents": { "application_formation": true, "identity_document": true }
    });
    serde_json::from_value(v).unwrap_or_else(|e| panic!("{e}"))
}

fn correction(current_iin: &str, new_document: &str) -> RequestForm {
    let mut f = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001");
    f.kind = "correction".into();
    f.documents = [
        ("application_correction".to_string(), true),
        ("identity_document".to_string(), true),
        ("change_certificate".to_string(), true),
    ]
    .into_iter()
    .collect();
    f.correction = Some(iin_desk::domain::form::CorrectionForm {
        current_iin: current_iin.into(),
        changes: [("document_number".to_string(), new_document.to_string())]
            .into_iter()
            .collect(),
    });
    f
}

#[track_caller]
fn push(central: &mut Queue, forms: &[&RequestForm]) -> Vec<PushOutcome> {
    for f in forms {
        validate_record(f, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let messages: Vec<PushMessage> = forms
        .iter()
        .map(|f| {
            PushMessage::from_local(f, Some("2026-11-23T18:30:00"), "station-1", false)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect();
    central
        .push(&messages, now())
        .unwrap_or_else(|e| panic!("{e}"))
}

#[track_caller]
fn office(path: &Path, key: &SecretKey, operator: &str) -> BackOffice {
    BackOffice::open(
        path,
        OpenMode::MustExist,
        CentralOptions::default(),
        key,
        operator,
        BackOfficeOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn back_office_claims_forms_corrects_and_refuses() {
    let backend = Backend::file();
    assert!(matches!(
        Central::open(
            &backend.location,
            OpenMode::MustExist,
            CentralOptions::default(),
            &backend.key
        ),
        Err(QueueError::Missing { .. })
    ));
    back_office_round(&backend);
}

fn back_office_round(backend: &Backend) {
    let path = backend.location.clone();
    let key = backend.key.clone();
    let mut central = backend.open();
    let malika = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001");
    let again = form("MALIKA", "TESTOVA", "1974-08-12", "FA0000077");
    let namesake = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000099");
    let other = form("EXAMPLEVA", "ANNA", "1981-02-03", "MP0000002");
    assert_eq!(
        push(&mut central, &[&malika, &again, &namesake, &other]),
        vec![PushOutcome::Inserted; 4]
    );
    // Pushing again is idempotent; the same id with other data is a conflict.
    assert_eq!(
        push(&mut central, &[&malika]),
        vec![PushOutcome::AlreadyThere]
    );
    let mut changed = malika.clone();
    changed.office = "elsewhere".into();
    assert_eq!(push(&mut central, &[&changed]), vec![PushOutcome::Conflict]);

    let mut a = office(&path, &key, "operator.a");
    let mut b = office(&path, &key, "operator.b");
    let incoming = a.incoming(now()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(incoming.len(), 4);
    assert!(incoming.iter().all(|i| i.overdue && i.due_at.is_some()));

    // Two operators never take the same request.
    let id = malika.id.clone();
    a.claim(&id, now()).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        b.claim(&id, now()),
        Err(QueueError::ClaimedByOther(_))
    ));
    assert!(matches!(
        b.form_iin(&id, None, "", now()),
        Err(QueueError::ClaimedByOther(_))
    ));
    let iin = a
        .form_iin(&id, None, "", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(iin.hint().birth_date, Some(day(1974, 8, 12)));
    assert!(matches!(
        a.claim(&id, now()),
        Err(QueueError::AlreadyDecided(_))
    ));

    // The same person again (names swapped, new passport): a possible duplicate, so
    // forming is refused until the operator refuses on 15.3.
    let again_id = again.id.clone();
    b.claim(&again_id, now()).unwrap_or_else(|e| panic!("{e}"));
    let case = b.case(&again_id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(case.duplicates.len(), 1);
    assert_eq!(case.duplicates[0].person.iin, iin);
    assert!(case.duplicates[0]
        .found
        .reasons
        .contains(&Reason::NameOrderDiffers));
    assert!(matches!(
        b.form_iin(&again_id, None, "", now()),
        Err(QueueError::PossiblyRegistered { candidates: 1, .. })
    ));
    assert!(matches!(
        b.form_iin(&again_id, Some("  "), "", now()),
        Err(QueueError::ReasonRequired)
    ));
    assert!(matches!(
        b.refuse(&again_id, RefusalGround::IinAlreadyRegistered, "", now()),
        Err(QueueError::ReasonRequired)
    ));
    b.refuse(
        &again_id,
        RefusalGround::IinAlreadyRegistered,
        "registered before",
        now(),
    )
    .unwrap_or_else(|e| panic!("{e}"));

    // A namesake: the operator overrides with a reason; a new, different IIN.
    let namesake_id = namesake.id.clone();
    a.claim(&namesake_id, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let second = a
        .form_iin(
            &namesake_id,
            Some("another person: other parents"),
            "",
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_ne!(second, iin);

    // A crashed operator's claim expires.
    let other_id = other.id.clone();
    a.claim(&other_id, now()).unwrap_or_else(|e| panic!("{e}"));
    let later = now() + chrono::Duration::minutes(31);
    b.claim(&other_id, later).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        a.form_iin(&other_id, None, "", later),
        Err(QueueError::ClaimedByOther(_))
    ));
    b.release(&other_id, later)
        .unwrap_or_else(|e| panic!("{e}"));

    correction_and_auto_run(backend, &mut central, &mut a, &mut b, &iin);
}

/// The back-office round's last steps: a correction with its history, the automatic
/// run, and the audit trail.
fn correction_and_auto_run(
    backend: &Backend,
    central: &mut Queue,
    a: &mut BackOffice,
    b: &mut BackOffice,
    iin: &Iin,
) {
    // A correction changes the registry and keeps its history; 15.3 cannot refuse it.
    let fix = correction(iin.as_str(), "FA0000555");
    push(central, &[&fix]);
    a.claim(&fix.id, now()).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(
        a.refuse(&fix.id, RefusalGround::IinAlreadyRegistered, "no", now()),
        Err(QueueError::Transition(_))
    ));
    assert!(matches!(
        a.form_iin(&fix.id, None, "", now()),
        Err(QueueError::Transition(_))
    ));
    let case = a.case(&fix.id).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(case.registered.as_ref().map(|p| p.version), Some(1));
    assert_eq!(
        a.correct(&fix.id, "", now())
            .unwrap_or_else(|e| panic!("{e}")),
        *iin
    );
    let person = central
        .person(iin)
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("registered"));
    assert_eq!(person.version, 2);
    assert_eq!(
        person.identity.document.map(|d| d.number),
        Some("FA0000555".to_string())
    );
    let history = central
        .person_history(iin)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(history.len(), 2);
    assert_eq!(
        history[0]
            .identity
            .document
            .as_ref()
            .map(|d| d.number.as_str()),
        Some("FA0000001")
    );

    // The automatic run takes what is left: `other` is unique, so it is formed.
    let report = b.run_auto(&now, 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.formed, report.left_for_person), (1, 0));
    assert!(b.incoming(now()).unwrap_or_default().is_empty());

    // Back-office actions are audited with ids and codes only.
    let details = backend.audit_details();
    assert!(details
        .iter()
        .any(|d| d == "backoffice.formed candidates=1 override=1"));
    assert!(details
        .iter()
        .any(|d| d == "backoffice.refused ground=iin_already_registered"));
    for d in &details {
        assert!(
            !d.contains("TESTOVA") && !d.contains(iin.as_str()) && !d.contains("FA0000"),
            "{d}"
        );
    }
}

#[test]
fn auto_leaves_possible_duplicates_for_a_person() {
    auto_leaves_duplicates(&Backend::file());
}

fn auto_leaves_duplicates(backend: &Backend) {
    let path = backend.location.clone();
    let key = backend.key.clone();
    let mut central = backend.open();
    let first = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001");
    let second = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001");
    // An IIN from elsewhere: another birth date, so the formation above cannot issue it.
    let elsewhere = iin_desk::domain::iin::generate(day(1985, 5, 5), Sex::Male, 42)
        .unwrap_or_else(|e| panic!("{e}"));
    let unknown_iin = correction(elsewhere.as_str(), "FA0000555");
    push(&mut central, &[&first, &second, &unknown_iin]);
    let mut bo = office(&path, &key, "operator.a");
    let report = bo.run_auto(&now, 50).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.formed, report.left_for_person), (1, 2));
    // Nothing more to do for the automatic run; the two wait for a person.
    let again = bo.run_auto(&now, 50).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.formed + again.left_for_person, 0);
    let incoming = bo.incoming(now()).unwrap_or_default();
    assert_eq!(incoming.len(), 2);
    assert!(incoming.iter().all(|i| i.needs_person));
}

// ---------------------------------------------------------------- the GUI's sync worker

#[test]
fn the_worker_pushes_pulls_and_reports_offline() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let queue = dir.path().join("share").join("central.sqlite3");
    std::fs::create_dir_all(queue.parent().unwrap_or(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    let moved = dir.path().join("moved.sqlite3");
    worker_round(
        dir.path(),
        &queue,
        &|| std::fs::rename(&queue, &moved).unwrap_or_else(|e| panic!("{e}")),
        &|| std::fs::rename(&moved, &queue).unwrap_or_else(|e| panic!("{e}")),
        &|e| matches!(e, QueueError::Missing { .. }),
    );
}

fn worker_round(
    dir: &Path,
    queue: &Path,
    go_away: &dyn Fn(),
    come_back: &dyn Fn(),
    offline: &dyn Fn(&QueueError) -> bool,
) {
    let queue = queue.to_path_buf();
    let data = dir.join("counter");
    let admin = iin_desk::store::NewUser {
        login: "admin",
        full_name: "Admin",
        role: iin_desk::domain::account::Role::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (mut store, _recovery) =
        Store::create_in(&data, &admin, now()).unwrap_or_else(|e| panic!("{e}"));
    let forms = [
        form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001"),
        form("EXAMPLEVA", "ANNA", "1981-02-03", "MP0000002"),
    ];
    let records: Vec<_> = forms
        .iter()
        .map(|f| validate_record(f, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}")))
        .collect();
    store
        .import_records(&records, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let worker_store = store.reopen().unwrap_or_else(|e| panic!("{e}"));

    let clock: Clock = Arc::new(now);
    let mut config = WorkerConfig::new(SyncConfig::new(queue.clone(), "a.clerk"));
    config.interval = Duration::from_millis(100);
    config.backoff_base = Duration::from_millis(50);
    config.backoff_max = Duration::from_millis(200);
    let handle = start_worker(worker_store, config, clock);

    let wait = |what: &str, ok: &dyn Fn() -> bool| {
        let until = Instant::now() + Duration::from_secs(30);
        while !ok() {
            assert!(Instant::now() < until, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait("the push", &|| {
        let s = handle.status();
        s.last_success_at.is_some() && s.to_push == 0 && s.awaiting_result == 2
    });
    let key = if is_server(&queue) {
        SecretKey::random()
    } else {
        store
            .queue_key()
            .unwrap_or_else(|e| panic!("{e}"))
            .unwrap_or_else(|| panic!("the first sync made the office's queue key"))
    };
    let mut bo = office(&queue, &key, "operator.a");
    bo.run_auto(&now, 10).unwrap_or_else(|e| panic!("{e}"));
    drop(bo);
    handle.sync_now();
    wait("the results", &|| handle.status().awaiting_result == 0);
    wait("the event", &|| {
        let events = handle.poll_events();
        let any = !events.is_empty();
        for SyncEvent::ResultsArrived(r) in events {
            assert!(r.iter().all(|a| a.status == Status::Formed));
        }
        any
    });
    for f in &forms {
        let stored = store.request(&f.id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(stored.status, Status::Formed);
        assert!(stored.form.result.is_some_and(|r| !r.iin.is_empty()));
        assert_eq!(store.result_overdue(&f.id).unwrap_or_default(), Some(true));
        // Who decided came back with the result (the certificate names them).
        let by = store.decided_by(&f.id).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            by.as_deref().is_some_and(|b| b.contains("operator.a")),
            "decided by {by:?}"
        );
    }

    // The share goes away: the worker reports it, in three languages, and keeps going.
    go_away();
    handle.sync_now();
    wait("the error", &|| handle.status().is_offline());
    let status = handle.status();
    for lang in Lang::ALL {
        let text = status.last_error_text(lang).unwrap_or_default();
        assert!(!text.is_empty() && !text.contains("TESTOVA"), "{text}");
    }
    assert!(
        status.last_error.as_deref().is_some_and(offline),
        "{:?}",
        status.last_error
    );
    // It comes back by itself.
    come_back();
    wait("the recovery", &|| !handle.status().is_offline());
    handle.stop();
}

// ---------------------------------------------------------------- many counters at once

#[test]
fn counters_push_at_once_while_the_back_office_decides() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    counters_at_once(dir.path(), &share.join("central-queue.sqlite3"));
}

fn counters_at_once(dir: &Path, queue: &Path) {
    let queue = queue.to_path_buf();
    let counters = env_count("QUEUE_TEST_COUNTERS", 8) as u64;
    let per_counter = env_count("QUEUE_TEST_REQUESTS", 250) as u64;
    let started = Instant::now();

    // Set up the counters in parallel: each its own data folder and synthetic requests.
    let setups: Vec<_> = (0..counters)
        .map(|c| {
            let dir = dir.join(format!("counter-{c}"));
            let queue = queue.clone();
            std::thread::spawn(move || {
                let site = Site::new(dir, &queue);
                let forms = synthetic_forms(c * per_counter, per_counter);
                site.import(&forms);
                let ids: BTreeSet<String> = forms
                    .iter()
                    .filter_map(|f| f["id"].as_str().map(str::to_string))
                    .collect();
                (site, ids)
            })
        })
        .collect();
    let back = Site::new(dir.join("back-office"), &queue);
    back.add_operator();
    let sites: Vec<(Site, BTreeSet<String>)> = setups
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| panic!("setup thread")))
        .collect();
    eprintln!("set up in {:?}", started.elapsed());

    let deadline = Instant::now() + Duration::from_secs(600);
    let counters_done = Arc::new(AtomicBool::new(false));
    // Set when the back office leaves a request for a person: the synthetic data must
    // not look like duplicates, and the test stops at once instead of waiting in vain.
    let stuck = Arc::new(AtomicBool::new(false));
    let office = {
        let done = Arc::clone(&counters_done);
        let stuck = Arc::clone(&stuck);
        let back = back.clone();
        std::thread::spawn(move || {
            let mut runs = 0;
            loop {
                let finished = done.load(Ordering::SeqCst);
                let out = back.auto();
                assert!(
                    out.status.success() || out.status.code() == Some(9),
                    "backoffice: {}",
                    text(&out)
                );
                let left = serde_json::from_slice::<serde_json::Value>(&out.stdout)
                    .ok()
                    .and_then(|v| v["auto"]["left_for_person"].as_u64())
                    .unwrap_or(0);
                if left > 0 {
                    stuck.store(true, Ordering::SeqCst);
                    panic!("the back office left {left} request(s) for a person");
                }
                runs += 1;
                if finished || Instant::now() > deadline {
                    return runs;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        })
    };
    let syncs: Vec<_> = sites
        .iter()
        .map(|(site, _)| {
            let site = site.clone();
            let stuck = Arc::clone(&stuck);
            std::thread::spawn(move || {
                let mut rounds = 0;
                loop {
                    assert!(!stuck.load(Ordering::SeqCst), "the back office is stuck");
                    let out = site.sync(&[]);
                    rounds += 1;
                    if out.status.success() {
                        if sync_counts(&out) == Some((0, 0)) {
                            return rounds;
                        }
                    } else {
                        // A busy share is a normal moment; the next round retries.
                        assert_eq!(out.status.code(), Some(9), "sync: {}", text(&out));
                    }
                    assert!(Instant::now() < deadline, "counter did not finish in time");
                    std::thread::sleep(Duration::from_millis(300));
                }
            })
        })
        .collect();
    let rounds: Vec<i32> = syncs
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| panic!("counter thread")))
        .collect();
    counters_done.store(true, Ordering::SeqCst);
    let office_runs = office.join().unwrap_or_else(|_| panic!("office thread"));
    eprintln!(
        "{} requests round-tripped in {:?}: sync rounds per counter {rounds:?}, back-office runs {office_runs}",
        counters * per_counter,
        started.elapsed()
    );

    check_round_trip(&queue, &sites, counters * per_counter);
}

/// After the round trip: every request once centrally and at its own counter.
fn check_round_trip(queue: &Path, sites: &[(Site, BTreeSet<String>)], requests: u64) {
    // The central file: every request exactly once, formed, with a distinct IIN.
    let central = central_requests(queue);
    let total = usize::try_from(requests).unwrap_or(0);
    assert_eq!(central.len(), total);
    let iins: BTreeSet<&str> = central
        .values()
        .filter_map(|(state, status, iin)| {
            assert_eq!(
                (state.as_str(), status.as_deref()),
                ("done", Some("formed"))
            );
            iin.as_deref()
        })
        .collect();
    assert_eq!(iins.len(), total, "IINs are distinct");
    let persons = central_persons(queue);
    assert_eq!(usize::try_from(persons).unwrap_or(0), total);
    for action in ["queue.push", "backoffice.formed"] {
        let counts = central_audit_counts(queue, action);
        assert_eq!(counts.len(), total, "{action}");
        assert!(counts.values().all(|n| *n == 1), "{action} exactly once");
    }

    // Each counter: exactly its own requests, each with the IIN the back office formed.
    for (site, ids) in sites {
        let local = site.local_requests();
        assert_eq!(local.keys().cloned().collect::<BTreeSet<_>>(), *ids);
        for (id, (status, iin)) in &local {
            assert_eq!(status, "formed");
            assert_eq!(iin.as_deref(), central.get(id).and_then(|c| c.2.as_deref()));
        }
        for action in ["request.sent", "request.formed"] {
            let counts: BTreeMap<String, i64> = site.local_audit_counts(action);
            assert_eq!(counts.len(), ids.len(), "{action}");
            assert!(counts.values().all(|n| *n == 1), "{action} exactly once");
        }
    }
}

/// A PC set up only by the installer: the machine-wide configuration names the share, and
/// the scheduled `iin-desk sync` (no `--queue`, no saved setting) pushes to that share.
#[test]
fn cli_sync_uses_the_machine_configurations_queue_path() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    let on_share = share.join("office-queue.sqlite3");
    let site = Site::new(dir.path().join("counter"), &on_share);
    site.import(&synthetic_forms(0, 3));
    let config = dir.path().join("config.toml");
    let body = format!("queue_path = '{}'\n", on_share.display());
    std::fs::write(&config, body).unwrap_or_else(|e| panic!("{e}"));
    let out = site
        .admin()
        .env_remove("IIN_DESK_QUEUE")
        .env("IIN_DESK_MACHINE_CONFIG", &config)
        .args(["sync", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("sync: {e}"));
    assert!(out.status.success(), "sync: {}", text(&out));
    assert_eq!(sync_counts(&out), Some((0, 3)), "{}", text(&out));
    assert!(on_share.exists(), "the central file is on the share");
    assert!(
        !site.dir.join("central-queue.sqlite3").exists(),
        "no local queue file was made instead"
    );

    // A damaged machine configuration stops a scheduled sync with its reason.
    std::fs::write(&config, "queue_path = \n").unwrap_or_else(|e| panic!("{e}"));
    let out = site
        .admin()
        .env_remove("IIN_DESK_QUEUE")
        .env("IIN_DESK_MACHINE_CONFIG", &config)
        .args(["sync", "--json"])
        .output()
        .unwrap_or_else(|e| panic!("sync: {e}"));
    assert_eq!(out.status.code(), Some(5), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("config.toml"),
        "{}",
        text(&out)
    );
}

/// A counter's store with `forms` accepted, holding the backend's queue key.
fn counter_store(dir: &Path, backend: &Backend, forms: &[RequestForm]) -> Store {
    let admin = iin_desk::store::NewUser {
        login: "admin",
        full_name: "Admin",
        role: iin_desk::domain::account::Role::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (mut store, _recovery) =
        Store::create_in(&dir.join("counter"), &admin, now()).unwrap_or_else(|e| panic!("{e}"));
    let records: Vec<_> = forms
        .iter()
        .map(|f| validate_record(f, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}")))
        .collect();
    store
        .import_records(&records, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .set_queue_key(&backend.key, "key.queue.import", "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
}

/// Creates counter logins in the test cluster (once).
fn counter_logins(url: &str, names: &[&str]) {
    let cluster = queue_support::pg::cluster();
    let db = queue_support::pg::database_of(url);
    for name in names {
        cluster
            .client(&db)
            .batch_execute(&format!(
                "DO $$ BEGIN
                     CREATE ROLE {name} LOGIN IN ROLE iin_desk_counter;
                 EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                 END $$;"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
