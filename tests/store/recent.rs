//! The same person's requests of the last 30 days, as the editor asks for them before a
//! decision: by document number, or by name (any spelling, any order) and birth date.

use chrono::{Duration, NaiveDateTime};
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::request::Status;
use iin_desk::store::{RecentProbe, Store, RECENT_DAYS};
use uuid::Uuid;

use super::{fixture_forms, now};

/// Stores `form` as accepted, submitted `days_ago` days before [`now`], under a new id.
fn accepted(store: &mut Store, mut form: RequestForm, days_ago: i64) -> String {
    let at = now() - Duration::days(days_ago);
    form.id = Uuid::new_v4().to_string();
    form.status = "accepted".into();
    form.submitted_at = at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let record = validate_record(&form, Uuid::new_v4(), at).unwrap_or_else(|e| panic!("{e:?}"));
    store
        .decide_draft(&record, "a.clerk", at)
        .unwrap_or_else(|e| panic!("{e}"));
    form.id
}

fn since() -> NaiveDateTime {
    now() - Duration::days(RECENT_DAYS)
}

#[test]
fn the_same_person_is_found_by_document_or_by_name_and_birth_date() {
    let mut store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let base = fixture_forms().remove(0);
    let a = base.applicant.clone();

    // The same document, 5 days ago.
    let same_doc = accepted(&mut store, base.clone(), 5);
    // Another document, the name in another order and Latin spelling, the same birth date.
    let mut f = base.clone();
    f.applicant.document_number = "ZZ9999999".into();
    f.applicant.surname = a.name.clone();
    f.applicant.name = a.surname.clone();
    let same_name = accepted(&mut store, f, 2);
    // The same birth date, another person.
    let mut f = base.clone();
    f.applicant.document_number = "ZZ8888888".into();
    f.applicant.surname = "OTHERSON".into();
    f.applicant.surname_cyr = "ДРУГОВ".into();
    accepted(&mut store, f, 1);
    // The same document, but 40 days ago.
    accepted(&mut store, base.clone(), 40);
    // A draft of the same person (another clerk's, unfinished) is not a request yet.
    let mut draft = base.clone();
    draft.id = Uuid::new_v4().to_string();
    store
        .save_draft(&draft, "b.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));

    // The clerk types the person again, with the document as typed and the date as typed.
    let mut probe = RecentProbe::of(&base);
    probe.id = Uuid::new_v4().to_string();
    probe.doc_number = a.document_number.to_lowercase();
    if let Some(d) = iin_desk::domain::form::parse_date(&a.birth_date) {
        probe.birth_date = d.format("%d.%m.%Y").to_string();
    }
    let found = store
        .recent_same_person(&probe, since())
        .unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<(&str, bool, bool)> = found
        .iter()
        .map(|m| (m.id.as_str(), m.same_document, m.same_name_and_birth))
        .collect();
    // Newest first; the first one matches on both.
    assert_eq!(
        ids,
        vec![
            (same_name.as_str(), false, true),
            (same_doc.as_str(), true, true)
        ]
    );
    assert!(found.iter().all(|m| m.status == Status::Accepted));
    assert!(!found[0].name.is_empty());
    assert!(found[1].submitted_at.starts_with("2026-11-20"));

    // A request is never its own match.
    let mut own = RecentProbe::of(&base);
    own.id = same_doc.clone();
    own.names = Vec::new();
    own.birth_date = String::new();
    assert!(store
        .recent_same_person(&own, since())
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());

    // Nothing typed yet: nothing looked up.
    let empty = RecentProbe::default();
    assert!(store
        .recent_same_person(&empty, since())
        .unwrap_or_else(|e| panic!("{e}"))
        .is_empty());
}
