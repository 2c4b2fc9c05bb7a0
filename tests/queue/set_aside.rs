//! A request the queue rejects is set aside with its reason and never holds up the rest
//! of the outbox; a supervisor sends it again once the cause is fixed. On both backends.

use super::*;
use iin_desk::queue::reject::RejectReason;
use iin_desk::queue::reject::{retry_set_aside, set_aside_line};
use iin_desk::queue::sync::{sync_round, RoundReport};
use iin_desk::store::AuditQuery;

#[track_caller]
fn round(store: &mut Store, backend: &Backend) -> RoundReport {
    let mut config = SyncConfig::new(backend.location.clone(), "a.clerk");
    config.batch_size = 100;
    sync_round(store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"))
}

fn status(store: &Store, id: &str) -> Status {
    store.request(id).unwrap_or_else(|e| panic!("{e}")).status
}

/// Six requests; the third's id is in the queue already with other data (a conflict);
/// `refuse` makes the queue refuse the fifth's row (`None`: no such refusal on this
/// backend); `undo` fixes both causes.
fn one_bad_in_a_batch(backend: &Backend, refuse: Option<&dyn Fn(&str)>, undo: &dyn Fn()) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let forms: Vec<RequestForm> = (0..6)
        .map(|i| {
            form(
                "TESTOVA",
                "MALIKA",
                "1974-08-12",
                &format!("ZZ{:07}", 100 + i),
            )
        })
        .collect();
    let mut store = counter_store(dir.path(), backend, &forms);
    // The conflict: another request with the third's id is in the queue already.
    let mut other = form("EXAMPLEVA", "ANNA", "1981-02-03", "MP0000002");
    other.id = forms[2].id.clone();
    let mut queue = backend.open();
    assert_eq!(push(&mut queue, &[&other]), vec![PushOutcome::Inserted]);
    drop(queue);
    if let Some(refuse) = refuse {
        refuse("ZZ0000104");
    }
    let bad: Vec<&str> = match refuse {
        Some(_) => vec![&forms[2].id, &forms[4].id],
        None => vec![&forms[2].id],
    };

    // The round: the good ones go, the bad ones are set aside with their reasons.
    let report = round(&mut store, backend);
    assert_eq!(report.pushed, forms.len() - bad.len(), "{report:?}");
    assert_eq!(report.newly_sent, forms.len() - bad.len());
    let aside: BTreeMap<&str, &RejectReason> = report
        .set_aside
        .iter()
        .map(|r| (r.id.as_str(), &r.reason))
        .collect();
    assert_eq!(aside.keys().copied().collect::<Vec<_>>(), {
        let mut b = bad.clone();
        b.sort_unstable();
        b
    });
    assert_eq!(aside[forms[2].id.as_str()], &RejectReason::Conflict);
    if refuse.is_some() {
        match aside[forms[4].id.as_str()] {
            RejectReason::Refused(detail) => {
                assert!(
                    detail.contains("test_refused") && detail.contains("23514"),
                    "{detail}"
                );
                assert!(!detail.contains("TESTOVA"), "no row data: {detail}");
            }
            other => panic!("{other:?}"),
        }
    }
    for f in &forms {
        let expected = if bad.contains(&f.id.as_str()) {
            Status::Accepted
        } else {
            Status::Sent
        };
        assert_eq!(status(&store, &f.id), expected);
    }
    // Nothing is left "to push": the set-aside ones wait for a supervisor.
    assert_eq!(report.counts.to_push, 0);
    assert_eq!(
        report.counts.awaiting_result,
        (forms.len() - bad.len()) as u64
    );

    // Shown with the reason, in every language, to whoever looks.
    let listed = store.set_aside_requests().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(listed.len(), bad.len());
    for entry in &listed {
        for lang in Lang::ALL {
            let line = set_aside_line(entry, lang);
            assert!(line.contains(&entry.id), "{line}");
            let reason = RejectReason::from_stored(&entry.reason).message(lang);
            assert!(line.contains(&reason), "{line}");
        }
    }

    // The next rounds skip them: nothing pushed, nothing set aside again.
    let again = round(&mut store, backend);
    assert_eq!(again.pushed, 0);
    assert!(again.set_aside.is_empty());
    assert_eq!(again.still_set_aside, bad.len());
    assert_eq!(
        backend
            .open()
            .counts()
            .unwrap_or_else(|e| panic!("{e}"))
            .pending,
        (forms.len() - bad.len() + 1) as u64
    );

    retry_after_the_fix(&mut store, backend, &forms, &bad, undo);
}

/// A supervisor's retries: refused for a request not set aside, set aside again while
/// the cause lasts, sent once `undo` fixed it; audited.
fn retry_after_the_fix(
    store: &mut Store,
    backend: &Backend,
    forms: &[RequestForm],
    bad: &[&str],
    undo: &dyn Fn(),
) {
    // Sending one again that is not set aside is refused.
    assert!(matches!(
        retry_set_aside(store, &forms[0].id, "a.supervisor", now()),
        Err(QueueError::NotSetAside(_))
    ));
    // A retry before the cause is fixed sets it aside again.
    retry_set_aside(store, &forms[2].id, "a.supervisor", now()).unwrap_or_else(|e| panic!("{e}"));
    let retried = round(store, backend);
    assert_eq!(retried.set_aside.len(), 1);
    assert_eq!(retried.set_aside[0].reason, RejectReason::Conflict);
    // Once the cause is fixed, a retry sends them.
    undo();
    for id in bad {
        retry_set_aside(store, id, "a.supervisor", now()).unwrap_or_else(|e| panic!("{e}"));
    }
    let fixed = round(store, backend);
    assert_eq!(fixed.pushed, bad.len(), "{fixed:?}");
    assert!(fixed.set_aside.is_empty());
    for f in forms {
        assert_eq!(status(store, &f.id), Status::Sent);
    }
    assert!(store
        .set_aside_requests()
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
    // Both steps are in the local audit log.
    let audit = store
        .audit_entries(&AuditQuery {
            request_id: Some(forms[2].id.clone()),
            limit: None,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<&str> = audit.iter().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == "request.set_aside")
            .count(),
        2,
        "{actions:?}"
    );
    assert!(audit
        .iter()
        .any(|a| a.action == "request.set_aside_retry" && a.actor == "a.supervisor"));
}

#[test]
fn a_rejected_request_is_set_aside_and_the_rest_goes_on_a_file() {
    let backend = Backend::file();
    one_bad_in_a_batch(&backend, None, &|| {
        // The cause fixed: the stray request with the same id is removed from the file.
        let conn = rusqlite::Connection::open(&backend.location).unwrap_or_else(|e| panic!("{e}"));
        with_key(&conn, &backend.key);
        conn.execute("DELETE FROM requests WHERE form LIKE '%MP0000002%'", [])
            .unwrap_or_else(|e| panic!("{e}"));
    });
}

#[test]
fn a_rejected_request_is_set_aside_and_the_rest_goes_on_a_server() {
    let backend = Backend::server();
    let cluster = queue_support::pg::cluster();
    let db = queue_support::pg::database_of(&backend.location.to_string_lossy());
    let refuse = |document: &str| {
        // The server refuses one row by a rule of its own (here, a check constraint).
        cluster
            .client(&db)
            .batch_execute(&format!(
                "ALTER TABLE iin_queue.requests ADD CONSTRAINT test_refused
                 CHECK (strpos(form, '{document}') = 0) NOT VALID"
            ))
            .unwrap_or_else(|e| panic!("{e}"));
    };
    one_bad_in_a_batch(&backend, Some(&refuse), &|| {
        let mut c = cluster.client(&db);
        c.batch_execute(
            "ALTER TABLE iin_queue.requests DROP CONSTRAINT test_refused;
             DELETE FROM iin_queue.requests WHERE strpos(form, 'MP0000002') > 0;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    });
}

/// The command line: `sync` names the request it set aside and why, `queue set-aside`
/// lists it, `queue retry ID` puts it back (a request not set aside is refused), and
/// the rest of the outbox went all the same.
#[test]
fn the_command_line_shows_and_retries_a_set_aside_request() {
    let cluster = queue_support::pg::cluster();
    let url = cluster.queue_database();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = Site::new(dir.path().join("counter"), Path::new(&url));
    let forms = synthetic_forms(0, 4);
    site.import(&forms);
    let bad = forms[1]["id"].as_str().unwrap_or_default().to_string();
    let mut other = form("EXAMPLEVA", "ANNA", "1981-02-03", "MP0000002");
    other.id = bad.clone();
    let mut queue = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(push(&mut queue, &[&other]), vec![PushOutcome::Inserted]);
    drop(queue);

    let out = site
        .admin()
        .arg("sync")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let said = text(&out);
    // Exit 1 (a check failed): a request needs attention; the others were sent.
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("{bad} set aside: the queue already holds")),
        "{said}"
    );
    let local = site.local_requests();
    assert_eq!(local[&bad].0, "accepted");
    assert!(local
        .iter()
        .filter(|(id, _)| **id != bad)
        .all(|(_, (s, _))| s == "sent"));

    let list = |extra: &[&str]| {
        site.admin()
            .args(["queue", "set-aside"])
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = list(&[]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains(&bad));
    let out = list(&["--json"]);
    let listed: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    assert_eq!(listed[0]["id"], bad.as_str());
    assert_eq!(listed[0]["reason"], "conflict");

    let retry = |id: &str| {
        site.admin()
            .args(["queue", "retry", id])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let not_aside = forms[0]["id"].as_str().unwrap_or_default();
    let out = retry(not_aside);
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    assert!(text(&out).contains("is not set aside"), "{}", text(&out));
    let out = retry(&bad);
    assert!(out.status.success(), "{}", text(&out));
    let out = list(&[]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("no request is set aside"));
    // The cause lasts: the next sync sets it aside again.
    let out = site
        .admin()
        .arg("sync")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
}
