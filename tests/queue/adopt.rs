//! `--repush-all` on a server: results a counter sends along are adopted under the
//! counter's own login (its office's requests only, through the schema's `push_adopt`
//! function), the back office completes the registry, and a row the server refuses
//! inside such a push is set aside alone while the rest of the batch is adopted.

use super::*;
use iin_desk::domain::form::ResultForm;
use iin_desk::domain::iin::generate;
use iin_desk::queue::reject::RejectReason;

/// A request already decided at the counter: formed with the IIN of `serial`, or
/// refused (`serial` = None).
fn decided(document: &str, serial: Option<u32>) -> RequestForm {
    let mut f = form("TESTOVA", "MALIKA", "1974-08-12", document);
    let result = match serial {
        Some(s) => {
            f.status = "formed".into();
            let iin = generate(day(1974, 8, 12), Sex::Female, s).unwrap_or_else(|e| panic!("{e}"));
            ResultForm {
                iin: iin.as_str().to_string(),
                decided_at: "2026-11-21T10:00:00".into(),
                ..ResultForm::default()
            }
        }
        None => {
            f.status = "refused".into();
            ResultForm {
                ground: RefusalGround::DataNotCompliant.key().into(),
                decided_at: "2026-11-21T10:00:00".into(),
                ..ResultForm::default()
            }
        }
    };
    f.result = Some(result);
    f
}

fn with_results(forms: &[RequestForm], station: &str) -> Vec<PushMessage> {
    forms
        .iter()
        .map(|f| {
            PushMessage::from_local(f, Some("2026-11-23T18:30:00"), station, true)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

fn open_as(url: &str, login: &str) -> Queue {
    Queue::open(
        &QueueLocation::parse(&url.replace("postgres@", &format!("{login}@"))),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .unwrap_or_else(|e| panic!("{login}: {e}"))
}

/// Per request in the server's queue: state, result IIN, who decided.
fn central_rows(url: &str) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    server_client(Path::new(url))
        .query(
            "SELECT id, state, result_iin, decided_by FROM iin_queue.requests",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2), r.get(3))))
        .collect()
}

#[test]
fn a_counter_login_adopts_its_own_offices_results_and_nothing_else() {
    let backend = Backend::server();
    let url = backend.location.to_string_lossy().to_string();
    counter_logins(&url, &["adopt_office_a", "adopt_office_b"]);
    let forms = [
        decided("AD0000001", Some(11)),
        decided("AD0000002", Some(12)),
        decided("AD0000003", None),
    ];
    let ids: Vec<String> = forms.iter().map(|f| f.id.clone()).collect();
    let mut a = open_as(&url, "adopt_office_a");
    let outcomes = a
        .push_checked(&with_results(&forms, "station-a"), now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(outcomes, vec![Ok(PushOutcome::Inserted); 3]);
    let rows = central_rows(&url);
    for (f, id) in forms.iter().zip(&ids) {
        let iin = f
            .result
            .as_ref()
            .map(|r| r.iin.clone())
            .filter(|i| !i.is_empty());
        assert_eq!(
            rows[id],
            (
                "done".to_string(),
                iin,
                Some("station:station-a".to_string())
            )
        );
    }
    // The IINs are known at once (never issued again); the registry waits for a login
    // with rights on it.
    let mut owner = server_client(Path::new(&url));
    let known: i64 = owner
        .query_one("SELECT count(*) FROM iin_queue.known_iins", &[])
        .map(|r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(known, 2);
    assert_eq!(central_persons(Path::new(&url)), 0);
    // The counter pulls its results as decided.
    let uuids: Vec<Uuid> = ids.iter().filter_map(|i| Uuid::parse_str(i).ok()).collect();
    assert_eq!(a.results_for(&uuids).map(|p| p.results.len()).ok(), Some(3));

    // Another office cannot adopt into A's requests, nor push them.
    let mut b = open_as(&url, "adopt_office_b");
    let mut other = decided("AD0000009", Some(19));
    other.id = ids[0].clone();
    let tried = b
        .push_checked(
            &with_results(&[forms[1].clone(), other], "station-b"),
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tried, vec![Ok(PushOutcome::Conflict); 2]);
    // A again: already decided, nothing changes.
    let again = a
        .push_checked(&with_results(&forms, "station-a"), now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, vec![Ok(PushOutcome::AlreadyThere); 3]);
    assert_eq!(central_rows(&url), rows);

    // The back office completes the registry before it decides anything.
    let mut office = office(&backend.location, &backend.key, "operator.adopt");
    office.run_auto(&now, 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(central_persons(Path::new(&url)), 2);
    for f in &forms[..2] {
        let iin = f.result.as_ref().map(|r| r.iin.clone()).unwrap_or_default();
        let person = office
            .central()
            .person(&Iin::parse(&iin).unwrap_or_else(|e| panic!("{e}")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(person.is_some_and(|p| p.identity.birth_date == day(1974, 8, 12)));
    }
    let pending: i64 = owner
        .query_one(
            "SELECT count(*) FROM iin_queue.requests WHERE registry_pending = 1",
            &[],
        )
        .map(|r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pending, 0);
    let details = backend.audit_details();
    let count = |prefix: &str| details.iter().filter(|d| d.starts_with(prefix)).count();
    assert_eq!(count("queue.result_adopted"), 3);
    assert_eq!(count("queue.conflict"), 2);
}

#[test]
fn a_row_error_in_a_push_with_results_sets_aside_only_that_row() {
    let backend = Backend::server();
    let url = backend.location.to_string_lossy().to_string();
    let forms: Vec<RequestForm> = (0..6)
        .map(|i| decided(&format!("AE{i:07}"), Some(30 + i)))
        .collect();
    let bad_iin = forms[4]
        .result
        .as_ref()
        .map(|r| r.iin.clone())
        .unwrap_or_default();
    // The server refuses the fifth's result for its row (a constraint).
    server_client(Path::new(&url))
        .batch_execute(&format!(
            "CREATE FUNCTION iin_queue.refuse_one() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
                 IF NEW.result_iin = '{bad_iin}' THEN
                     RAISE EXCEPTION 'refused for the test' USING ERRCODE = '23514';
                 END IF;
                 RETURN NEW;
             END $$;
             CREATE TRIGGER refuse_one BEFORE UPDATE ON iin_queue.requests
                 FOR EACH ROW EXECUTE FUNCTION iin_queue.refuse_one();"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut queue = backend.open();
    let outcomes = queue
        .push_checked(&with_results(&forms, "station-1"), now())
        .unwrap_or_else(|e| panic!("{e}"));
    for (i, o) in outcomes.iter().enumerate() {
        if i == 4 {
            assert!(
                matches!(o, Err(RejectReason::Refused(r)) if r.contains("23514")),
                "{o:?}"
            );
        } else {
            assert_eq!(*o, Ok(PushOutcome::Inserted), "{i}");
        }
    }
    // The refused one is not in the queue at all (never decided twice); the others
    // are adopted with their results, and the owner registered their persons at once.
    let rows = central_rows(&url);
    assert_eq!(rows.len(), 5);
    assert!(!rows.contains_key(&forms[4].id));
    assert!(rows.values().all(|(state, _, _)| state == "done"));
    assert_eq!(central_persons(Path::new(&url)), 5);
}
