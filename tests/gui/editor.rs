//! Forming requests in the editor: from the MRZ to accepted, an invalid field, a refusal.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use iin_desk::app::Screen;
use iin_desk::domain::request::Status;

use crate::support::*;

/// Counts what the clerk does; the README records the number.
struct Actions(u32);

impl Actions {
    fn act(&mut self) {
        self.0 += 1;
    }
}

#[test]
fn formation_from_the_mrz_to_accepted() {
    let mut f = app_with(with_clerk);
    // Under Order No. 146 (2023) the zone fills the date of birth and the citizenship;
    // the edition of 2024's path is counted in keyboard.rs.
    under_the_2023_edition(&f);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    let mut actions = Actions(0);

    // The passport reader types the zone into the dashboard's box, which has the
    // focus: a new formation opens with the fields filled in.
    f.harness.event(Event::Paste(zone()));
    actions.act();
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    assert!(f
        .harness
        .query_by_label_contains("every check digit is correct")
        .is_some());
    let applicant = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.clone())
        .unwrap();
    assert_eq!(applicant.surname, "TESTOVA");
    assert_eq!(applicant.birth_date, "15.03.1990");
    assert_eq!(applicant.document_expiry_date, "14.03.2031");
    // The focus moved to the place of birth, the first field the MRZ lacks.
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    actions.act();
    f.harness.key_press(Key::Enter);
    actions.act();
    f.harness.run();
    // Enter moved the focus to the next empty field: the issue date, then the address.
    f.harness
        .get_by_role_and_label(Role::TextInput, "Document issue date")
        .type_text("15.03.2021");
    actions.act();
    f.harness.key_press(Key::Enter);
    actions.act();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Address of stay in Kazakhstan")
        .type_text("Astana, Kabanbay batyr 1");
    actions.act();
    f.harness.run();
    let typed = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.clone())
        .unwrap();
    assert_eq!(
        (
            typed.birth_place.as_str(),
            typed.document_issue_date.as_str(),
            typed.address.as_str()
        ),
        ("TASHKENT", "15.03.2021", "Astana, Kabanbay batyr 1"),
        "each text went into the field the focus moved to"
    );
    f.harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .click();
    actions.act();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("The package is complete")
        .is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    actions.act();
    f.harness.run();

    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Accepted);
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    assert!(actions.0 <= 8, "a formation takes {} actions", actions.0);
    println!("UI actions for a formation: {}", actions.0);
}

#[test]
fn an_invalid_field_blocks_submission_and_keeps_the_text() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    type_visual_zone(&mut f, "15.03.1990", "UZB");
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    f.harness.run();
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Document issue date",
        "31.02.2021",
    );
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Astana",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("is not a date").is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    f.harness.run();
    let ed = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.document_issue_date.clone());
    assert_eq!(ed.as_deref(), Some("31.02.2021"), "the typed text is kept");
    assert!(
        requests(&f).iter().all(|(_, s)| *s == Status::Draft),
        "nothing was accepted"
    );
}

/// The machine-readable zone of a British passport that expired on 1 May 2026.
fn expired_zone() -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: "GBR".into(),
        document_number: "120000004".into(),
        surname: "SAMPLE".into(),
        given_names: "JOHN PETER".into(),
        nationality: "GBR".into(),
        date_of_birth: mrz::MrzDate::Calendar(mrz::Date::new(1985, 3, 15)),
        sex: mrz::Sex::Male,
        date_of_expiry: mrz::MrzDate::Calendar(mrz::Date::new(2026, 5, 1)),
        ..Default::default()
    })
}

/// The click on *Refuse* asks first, naming what the receipt will list; nothing is
/// refused until the confirmation's button.
fn confirm_refusal(f: &mut Fixture) {
    assert!(f
        .harness
        .query_by_label("Refuse to accept the documents?")
        .is_some());
    assert!(requests(f).iter().all(|(_, s)| *s == Status::Draft));
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept and print the receipt")
        .click();
    f.harness.run();
}

#[test]
fn refusal_for_a_missing_power_of_attorney_and_an_expired_passport() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    let expired = expired_zone();
    f.harness.event(Event::Paste(expired));
    f.harness.run();
    type_visual_zone(&mut f, "15.03.1985", "GBR");
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("LONDON");
    f.harness.run();
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Document issue date",
        "01.05.2016",
    );
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Astana, Mangilik El 5",
    );
    f.harness.get_by_label("A representative applies").click();
    f.harness.run();
    for (label, text) in [
        ("Representative's full name", "Сидоров Пётр"),
        ("Representative's identity document", "ID 000000003"),
        ("Power of attorney number", "N-1"),
        ("Power of attorney date", "01.11.2026"),
        ("Notary of the power of attorney", "Абенова А.А."),
    ] {
        type_into(&mut f.harness, Role::TextInput, label, text);
    }
    // The application and the passport are handed in; the power of attorney is not.
    f.harness
        .get_by_label("Application on the form of Appendix 1 to the Rules")
        .click();
    f.harness.run();
    f.harness
        .get_by_label("Identity document (a valid foreign passport)")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("Refuse to accept: documents missing or expired")
        .is_some());
    assert!(f
        .harness
        .query_by_label("1) Notarized power of attorney")
        .is_some());
    assert!(f
        .harness
        .query_by_label_contains(
            "2) Identity document (a valid foreign passport) (expired 01.05.2026)"
        )
        .is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept — print receipt…")
        .click();
    f.harness.run();
    confirm_refusal(&mut f);
    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::RefusedToAccept);
    assert!(matches!(f.harness.state().state.screen, Screen::Request(_)));
    // The receipt was printed, kept in the PDF folder, opened for printing and audited.
    let opened = f.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    let bytes = std::fs::read(&opened[0]).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let id = &all[0].0;
    let history: Vec<String> = f
        .harness
        .state()
        .store
        .audit_entries(&iin_desk::store::AuditQuery {
            request_id: Some(id.clone()),
            limit: None,
        })
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        history.contains(&"print.receipt".to_string()),
        "{history:?}"
    );
    // The request screen offers the receipt again.
    f.harness
        .get_by_role_and_label(
            Role::Button,
            "Print: Receipt of refusal to accept documents",
        )
        .click();
    f.harness.run();
    assert_eq!(f.opened.lock().unwrap().len(), 2);
}
