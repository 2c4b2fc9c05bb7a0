//! The journal: correction from a local record, search, the daily register.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::request::Status;
use std::path::Path;

use crate::support::*;

fn fixture_forms() -> Vec<RequestForm> {
    serde_json::from_str(include_str!("../fixtures/requests.json")).unwrap()
}

fn with_fixture_records(dir: &Path) {
    let mut store = with_clerk_store(dir);
    let now = start();
    let records: Vec<_> = fixture_forms()
        .iter()
        .map(|f| validate_record(f, uuid::Uuid::new_v4(), now).unwrap())
        .collect();
    store.import_records(&records, "admin", now).unwrap();
}

#[test]
fn correction_from_a_local_record() {
    let mut f = app_with(with_fixture_records);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.get_by_label_contains("New request").click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "IIN correction")
        .click();
    f.harness.run();
    // The formed request taken after hours in the fixture holds IIN 850315300029.
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Current IIN",
        "850315300029",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Find by IIN")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Current data filled from the local record")
        .is_some());
    let surname = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.surname.clone());
    assert_eq!(surname.as_deref(), Some("MUSTERMANN"));
    type_into(&mut f.harness, Role::TextInput, "Surname", "MUSTERFRAU");
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Almaty, Dostyk 10",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    f.harness.run();
    let accepted: Vec<_> = requests(&f)
        .into_iter()
        .filter(|(_, s)| *s == Status::Accepted)
        .collect();
    assert_eq!(
        accepted.len(),
        3,
        "two from the fixture and the new correction"
    );
}

#[test]
fn journal_search_by_name() {
    let mut f = app_with(with_fixture_records);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    f.harness.run();
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 5").is_some());
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Name (Latin/Cyrillic)",
        "тестова",
    );
    f.harness.key_press(Key::Enter);
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 1").is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Clear")
        .click();
    f.harness.run();
    type_into(&mut f.harness, Role::TextInput, "IIN", "850315300029");
    f.harness
        .get_by_role_and_label(Role::Button, "Search")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 1").is_some());
}

#[test]
fn the_daily_register_prints_from_the_dashboard() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    f.harness
        .get_by_role_and_label(Role::Button, "Today's register for the office")
        .click();
    f.harness.run();
    let opened = f.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    assert!(std::fs::read(&opened[0]).unwrap().starts_with(b"%PDF"));
    let actions: Vec<String> = f
        .harness
        .state()
        .store
        .audit_entries(&iin_desk::store::AuditQuery::default())
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"print.register".to_string()));
}

#[test]
fn the_journal_by_keyboard_and_by_a_click_on_a_row() {
    let mut f = app_with(with_fixture_records);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    f.harness.run();
    f.harness.run();
    assert!(f.harness.query_by_label("Found: 5").is_some());
    // Enter in the search field searches and leaves the field; the arrows then move in
    // the table and Enter opens the selected request.
    f.harness.key_press(Key::Enter);
    f.harness.run();
    f.harness.run();
    for key in [
        Key::ArrowDown,
        Key::ArrowDown,
        Key::End,
        Key::Home,
        Key::ArrowDown,
    ] {
        f.harness.key_press(key);
        f.harness.run();
    }
    let second = {
        let j = &mut f.harness.state_mut().state.journal;
        assert_eq!(j.selected, Some(1));
        j.selected_id().unwrap()
    };
    f.harness.key_press(Key::Enter);
    f.harness.run();
    assert_eq!(
        f.harness.state().state.screen,
        iin_desk::state::Screen::Request(second)
    );
    // Back to the journal: counted again, the selection kept.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    f.harness.run();
    assert_eq!(
        f.harness.state().state.screen,
        iin_desk::state::Screen::Journal
    );
    assert!(f.harness.query_by_label("Found: 5").is_some());
    assert_eq!(f.harness.state().state.journal.selected, Some(1));
    // A click on the text of a row (the applicant's name) opens that row.
    let name = f
        .harness
        .state_mut()
        .state
        .journal
        .row(0)
        .map(|r| (r.id.clone(), r.name.clone()))
        .unwrap();
    f.harness.get_by_label(&name.1).click();
    f.harness.run();
    assert_eq!(
        f.harness.state().state.screen,
        iin_desk::state::Screen::Request(name.0)
    );
}
