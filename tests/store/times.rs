//! The times a request carries through the store: a draft keeps its zone and its first
//! opening as typed; the accepted request keeps its ticket and opening (not the zone),
//! the journal's rows carry them and flag them by the one rule; a form stored before the
//! times existed reads, and writes back the same JSON (its hash does not change).

use chrono::Duration;
use iin_desk::domain::edition::{limits_on, Limits};
use iin_desk::domain::form::{record_to_form, validate_record, RequestForm};
use iin_desk::store::{RequestFilter, Store};
use uuid::Uuid;

use crate::{fixture_forms, now};

const ZONE: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                    L898902C36UTO7408122F1204159ZE184226B<<<<<10";

/// The limits in force on the day the fixture's requests were opened.
fn limits() -> Limits {
    limits_on(now().date())
}

#[test]
fn a_draft_keeps_its_zone_and_opening_and_the_request_its_ticket_and_times() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let mut form = fixture_forms().remove(0);
    form.status = "draft".into();
    // Opened at 11:30 by a ticket taken at 11:10, decided at 11:50:30 (now() is 12:00).
    form.opened_at = "2026-11-25T11:30:00".into();
    form.ticket = "a-042 11:10".into();
    form.mrz = ZONE.into();
    store
        .save_draft(&form, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let draft = store
        .request(&form.id)
        .unwrap_or_else(|e| panic!("{e}"))
        .form;
    assert_eq!(
        (
            draft.mrz.as_str(),
            draft.opened_at.as_str(),
            draft.ticket.as_str()
        ),
        (ZONE, "2026-11-25T11:30:00", "a-042 11:10"),
        "a draft is kept as typed, with its zone"
    );

    form.status = "accepted".into();
    form.submitted_at = "2026-11-25T11:50:30".into();
    let record = validate_record(&form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    store
        .decide_draft(&record, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let accepted = store
        .request(&form.id)
        .unwrap_or_else(|e| panic!("{e}"))
        .form;
    assert_eq!(
        (
            accepted.ticket.as_str(),
            accepted.ticket_taken_at.as_str(),
            accepted.opened_at.as_str(),
            accepted.mrz.as_str()
        ),
        ("A042", "11:10", "2026-11-25T11:30:00", ""),
        "normalized; the zone stays with the draft"
    );

    let rows = store
        .list_requests(&RequestFilter::default(), 0, 10)
        .unwrap_or_else(|e| panic!("{e}"));
    let row = rows
        .iter()
        .find(|r| r.id == form.id)
        .unwrap_or_else(|| panic!("listed"));
    let times = row.times();
    assert_eq!(times.waiting, Some(Duration::minutes(20)));
    assert_eq!(times.service, Some(Duration::seconds(20 * 60 + 30)));
    assert!(times.waiting_over(limits()) && times.service_over(limits()));

    // Exported and imported again, the times are the same.
    let again = validate_record(&record_to_form(&record), Uuid::new_v4(), now())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again.request.ticket, record.request.ticket);
    assert_eq!(again.request.opened_at, record.request.opened_at);
}

#[test]
fn a_form_stored_before_the_times_reads_and_writes_back_the_same_json() {
    for form in fixture_forms() {
        let json = serde_json::to_string(&form).unwrap_or_else(|e| panic!("{e}"));
        for key in [
            "\"ticket\"",
            "\"ticket_taken_at\"",
            "\"opened_at\"",
            "\"mrz\"",
        ] {
            assert!(!json.contains(key), "{key} written empty: {json}");
        }
        let back: RequestForm = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, form);
        assert!(back.ticket.is_empty() && back.opened_at.is_empty());
        // Its record has no times: nothing to flag.
        let record =
            validate_record(&form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (record.request.ticket, record.request.opened_at),
            (None, None)
        );
    }
}
