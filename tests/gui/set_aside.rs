//! A request the central queue rejected, set aside: marked in the journal and found by
//! its status filter, its reason in the request view, and *Send again* from Today's box
//! and from the request view for a supervisor; a clerk sees it and calls the supervisor.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::request::Status;
use iin_desk::state::Screen;
use iin_desk::store::{AuditQuery, NewUser, RequestFilter};
use std::path::Path;

use crate::support::*;

/// The fixture's requests, a supervisor, and the first accepted request set aside as a
/// conflict.
fn with_one_set_aside(dir: &Path) {
    let mut store = with_clerk_store(dir);
    let now = start();
    let supervisor = NewUser {
        login: "s.super",
        full_name: "Saule Supervisor",
        role: StaffRole::Supervisor,
        password: "Super12345",
        must_change_password: false,
    };
    store.add_user(&supervisor, "admin", now).unwrap();
    let forms: Vec<RequestForm> =
        serde_json::from_str(include_str!("../fixtures/requests.json")).unwrap();
    let records: Vec<_> = forms
        .iter()
        .map(|f| validate_record(f, uuid::Uuid::new_v4(), now).unwrap())
        .collect();
    store.import_records(&records, "admin", now).unwrap();
    let accepted = RequestFilter {
        status: Some(Status::Accepted),
        ..RequestFilter::default()
    };
    let id = store.list_requests(&accepted, 0, 1).unwrap()[0].id.clone();
    store.set_aside(&id, "conflict", "sync", now).unwrap();
}

/// The window over a store with one set-aside request, `login` logged in: the fixture and
/// the request's id.
fn logged_in_with_one_set_aside(login: &str, password: &str) -> (Fixture, String) {
    let mut f = app_with(with_one_set_aside);
    f.harness.run();
    log_in(&mut f, login, password);
    let id = set_aside_id(&f);
    (f, id)
}

/// The request set aside.
fn set_aside_id(f: &Fixture) -> String {
    let list = f.harness.state().store.set_aside_requests().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].id.clone()
}

/// Who sent `id` again, from the audit log.
fn sent_again_by(f: &Fixture, id: &str) -> Vec<String> {
    f.harness
        .state()
        .store
        .audit_entries(&AuditQuery {
            request_id: Some(id.to_string()),
            limit: Some(100),
        })
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "request.set_aside_retry")
        .map(|e| e.actor)
        .collect()
}

/// Whether the next sync sends `id`: in the outbox and not set aside (the sync skips
/// those).
fn in_outbox(f: &Fixture, id: &str) -> bool {
    let store = &f.harness.state().store;
    let aside = store.set_aside_requests().unwrap();
    store.outbox(false, 100).unwrap().iter().any(|o| o.id == id) && aside.iter().all(|s| s.id != id)
}

fn open_journal(f: &mut Fixture) {
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    f.harness.run();
    f.harness.run();
}

/// Chooses "Set aside by the queue" in the journal's status filter and searches.
fn filter_set_aside(f: &mut Fixture) {
    f.harness
        .get_by_role_and_label(Role::ComboBox, "Status")
        .click();
    f.harness.run();
    f.harness.get_by_label("Set aside by the queue").click();
    f.harness.run();
    assert!(f.harness.state().state.journal.set_aside_only, "chosen");
    f.harness
        .get_by_role_and_label(Role::Button, "Search")
        .click();
    f.harness.run();
    f.harness.run();
}

#[test]
fn the_journal_marks_a_set_aside_request_and_its_filter_shows_only_those() {
    let (mut f, id) = logged_in_with_one_set_aside("a.clerk", "Clerk12345");
    open_journal(&mut f);
    assert!(f.harness.query_by_label("Found: 5").is_some());
    // One row of five carries the mark, in place of its status.
    assert_eq!(f.harness.query_all_by_label("Set aside").count(), 1);
    assert_eq!(
        f.harness.query_all_by_label("Accepted").count(),
        1,
        "the other accepted request keeps its status"
    );
    filter_set_aside(&mut f);
    assert!(f.harness.query_by_label("Found: 1").is_some());
    let name = f
        .harness
        .state_mut()
        .state
        .journal
        .row(0)
        .map(|r| (r.id.clone(), r.name.clone()))
        .unwrap();
    assert_eq!(name.0, id);
    // The request view says why.
    f.harness.get_by_label(&name.1).click();
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Request(id.clone()));
    assert!(f
        .harness
        .query_by_label_contains("the central queue rejected this request")
        .is_some());
    assert!(f
        .harness
        .query_by_label(
            "Rejected by the central queue on 25.11.2026 10:00: the queue already holds this \
             request's id with other data, or it is another office's request"
        )
        .is_some());
    // A clerk: the button is there, disabled, and the clerk is told to call the supervisor.
    let button = f.harness.get_by_role_and_label(Role::Button, "Send again");
    assert!(button.accesskit_node().is_disabled());
    assert!(f
        .harness
        .query_by_label_contains("Tell the supervisor")
        .is_some());
    // Back in the journal, "Any" lists all five again.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Clear")
        .click();
    f.harness.run();
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 5").is_some());
}

#[test]
fn a_clerk_sees_the_box_on_today_but_cannot_send_again() {
    let (mut f, id) = logged_in_with_one_set_aside("a.clerk", "Clerk12345");
    assert!(f
        .harness
        .query_by_label(
            "1 request was rejected by the queue and set aside; the others are sent as usual"
        )
        .is_some());
    assert!(f
        .harness
        .query_by_label_contains("Tell the supervisor")
        .is_some());
    let button = f.harness.get_by_role_and_label(Role::Button, "Send again");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    f.harness.run();
    f.harness.run();
    assert_eq!(set_aside_id(&f), id, "still set aside");
    assert!(sent_again_by(&f, &id).is_empty(), "nothing audited");
    assert!(!in_outbox(&f, &id));
    assert!(f
        .harness
        .query_by_label_contains("back in the outbox")
        .is_none());
}

#[test]
fn a_supervisor_sends_it_again_from_today() {
    let (mut f, id) = logged_in_with_one_set_aside("s.super", "Super12345");
    assert!(!in_outbox(&f, &id), "set aside: the sync skips it");
    assert!(f
        .harness
        .query_by_label_contains("then press \"Send again\"")
        .is_some());
    let button = f.harness.get_by_role_and_label(Role::Button, "Send again");
    assert!(!button.accesskit_node().is_disabled());
    button.click();
    f.harness.run();
    f.harness.run();
    assert!(f
        .harness
        .state()
        .store
        .set_aside_requests()
        .unwrap()
        .is_empty());
    assert!(in_outbox(&f, &id), "queued again: the next sync sends it");
    assert_eq!(
        sent_again_by(&f, &id),
        ["s.super"],
        "audited as `queue retry`"
    );
    assert!(f
        .harness
        .query_by_label(&format!(
            "Request {id} is back in the outbox: the next sync sends it again."
        ))
        .is_some());
    // The box is gone, and the journal marks nothing.
    assert!(f
        .harness
        .query_by_label_contains("set aside; the others are sent as usual")
        .is_none());
    assert!(f
        .harness
        .query_by_role_and_label(Role::Button, "Send again")
        .is_none());
    open_journal(&mut f);
    assert!(f.harness.query_by_label("Found: 5").is_some());
    assert_eq!(f.harness.query_all_by_label("Set aside").count(), 0);
}

#[test]
fn a_supervisor_sends_it_again_from_the_request_view_and_the_journal_follows() {
    let (mut f, id) = logged_in_with_one_set_aside("s.super", "Super12345");
    open_journal(&mut f);
    filter_set_aside(&mut f);
    assert!(f.harness.query_by_label("Found: 1").is_some());
    let name = f
        .harness
        .state_mut()
        .state
        .journal
        .row(0)
        .map(|r| r.name.clone())
        .unwrap();
    f.harness.get_by_label(&name).click();
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Request(id.clone()));
    f.harness
        .get_by_role_and_label(Role::Button, "Send again")
        .click();
    f.harness.run();
    f.harness.run();
    assert!(in_outbox(&f, &id));
    assert_eq!(sent_again_by(&f, &id), ["s.super"]);
    assert!(f
        .harness
        .query_by_label_contains("is back in the outbox")
        .is_some());
    // The view no longer says it is set aside; its history names both events.
    assert!(f
        .harness
        .query_by_label_contains("the central queue rejected this request")
        .is_none());
    assert!(f
        .harness
        .query_by_label("Set aside: rejected by the central queue")
        .is_some());
    assert!(f
        .harness
        .query_by_label("Sent again after being set aside")
        .is_some());
    // The journal's set-aside search, run again, finds none.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 0").is_some());
}

#[test]
fn sending_again_what_is_no_longer_set_aside_says_so() {
    let (mut f, id) = logged_in_with_one_set_aside("s.super", "Super12345");
    // Another window (or `queue retry`) sent it again meanwhile: the button is stale.
    f.harness
        .state_mut()
        .store
        .retry_set_aside(&id, "admin", start())
        .unwrap();
    f.harness
        .get_by_role_and_label(Role::Button, "Send again")
        .click();
    f.harness.run();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label(&format!(
            "Request {id} was not sent again: request {id} is not set aside"
        ))
        .is_some());
    assert_eq!(sent_again_by(&f, &id), ["admin"], "audited once");
    assert!(f
        .harness
        .query_by_role_and_label(Role::Button, "Send again")
        .is_none());
}
