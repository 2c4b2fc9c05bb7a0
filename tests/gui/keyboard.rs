//! The counter by keyboard alone, as a clerk lives it: a reader typing the zone line by
//! line on Today (under Latin, Russian and Kazakh layouts), Enter down the required
//! fields, the shortcuts, the refusal's confirmation, Esc, Tab, login and lock.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::app::Screen;
use iin_desk::domain::request::Status;

use crate::support::*;

/// Counts what the clerk does: a scan, typing a field and its Enter, a shortcut.
struct Actions(u32);

impl Actions {
    fn act(&mut self) {
        self.0 += 1;
    }
}

/// What a keyboard-wedge reader types for `latin` under a keyboard layout: the keys of
/// a US keyboard, turned into the layout's characters by the system.
fn under_layout(latin: &str, layout: &str) -> String {
    let letters = "QWERTYUIOPASDFGHJKLZXCVBNM<";
    let cyrillic = "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬБ";
    let digits = "1234567890";
    let kazakh_digits = "\"әіңғ,.үұқ";
    latin
        .chars()
        .map(|c| {
            if let Some(i) = letters.chars().position(|k| k == c) {
                cyrillic.chars().nth(i).unwrap()
            } else if let (Some(i), "kk") = (digits.chars().position(|k| k == c), layout) {
                kazakh_digits.chars().nth(i).unwrap()
            } else {
                c
            }
        })
        .collect()
}

/// The reader types each line of the zone and an Enter after it, into whatever has the
/// focus (the frames in between come from the harness).
fn reader_types(f: &mut Fixture, zone: &str, layout: &str) {
    for line in zone.lines() {
        f.harness.event(Event::Text(under_layout(line, layout)));
        f.harness.key_press(Key::Enter);
    }
    f.harness.run();
}

/// Types `text` and Enter into whatever has the focus, as a clerk does.
fn type_and_enter(f: &mut Fixture, text: &str) {
    f.harness.event(Event::Text(text.into()));
    f.harness.key_press(Key::Enter);
    f.harness.run();
}

fn applicant(f: &Fixture) -> iin_desk::domain::form::ApplicantForm {
    f.harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.clone())
        .unwrap()
}

fn logged_in_clerk() -> Fixture {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    f
}

/// Under Order No. 146 (2023), whose zone fills the date of birth and the citizenship.
#[test]
fn a_reader_typing_line_by_line_on_today_leads_to_accepted_in_six_actions() {
    let mut f = app_with(with_clerk);
    under_the_2023_edition(&f);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    let mut actions = Actions(0);

    reader_types(&mut f, &zone(), "us");
    actions.act();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    let a = applicant(&f);
    // Both lines arrived: the name from line 1, the number and dates from line 2.
    assert_eq!(
        (
            a.surname.as_str(),
            a.document_number.as_str(),
            a.birth_date.as_str()
        ),
        ("TESTOVA", "FA1234567", "15.03.1990")
    );
    assert!(f
        .harness
        .query_by_label_contains("every check digit is correct")
        .is_some());
    assert_eq!(
        a.birth_place, "",
        "the reader's Enters typed nothing and moved nothing"
    );

    // The focus is on the first field the zone does not fill; Enter goes to the next
    // required empty field, then to the decision.
    type_and_enter(&mut f, "TASHKENT");
    actions.act();
    type_and_enter(&mut f, "15.03.2021");
    actions.act();
    type_and_enter(&mut f, "Astana, Kabanbay batyr 1");
    actions.act();
    let a = applicant(&f);
    assert_eq!(
        (
            a.birth_place.as_str(),
            a.document_issue_date.as_str(),
            a.address.as_str()
        ),
        ("TASHKENT", "15.03.2021", "Astana, Kabanbay batyr 1"),
        "each text went into the field the focus moved to"
    );
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    f.harness.run();
    actions.act();
    assert!(f
        .harness
        .query_by_label_contains("The package is complete")
        .is_some());
    f.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    f.harness.run();
    actions.act();

    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Accepted);
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    println!("keyboard actions from scan to Accepted: {}", actions.0);
    assert!(actions.0 <= 6, "a formation takes {} actions", actions.0);
}

#[test]
fn a_zone_typed_under_a_russian_or_kazakh_layout_opens_the_same_formation() {
    for layout in ["ru", "kk"] {
        let mut f = logged_in_clerk();
        reader_types(&mut f, &zone(), layout);
        assert_eq!(f.harness.state().state.screen, Screen::Editor, "{layout}");
        let a = applicant(&f);
        assert_eq!(
            (
                a.surname.as_str(),
                a.name.as_str(),
                a.document_number.as_str(),
                a.document_expiry_date.as_str(),
                a.document_issuing_country.as_str()
            ),
            ("TESTOVA", "MALIKA", "FA1234567", "14.03.2031", "UZB"),
            "{layout}"
        );
        // The draft saved holds both lines' data.
        f.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        f.harness.run();
        let id = requests(&f)[0].0.clone();
        let saved = f.harness.state().store.request(&id).unwrap();
        assert_eq!(saved.form.applicant.surname, "TESTOVA", "{layout}");
        assert_eq!(
            saved.form.applicant.document_number, "FA1234567",
            "{layout}"
        );
    }
}

#[test]
fn half_a_zone_opens_nothing_and_the_rest_completes_it() {
    let mut f = logged_in_clerk();
    let zone = zone();
    let (line1, line2) = zone.split_once('\n').unwrap();
    type_and_enter(&mut f, line1);
    type_and_enter(&mut f, "");
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    assert!(f
        .harness
        .query_by_label_contains("Lines read: 1 of 2")
        .is_some());
    type_and_enter(&mut f, line2);
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    assert_eq!(applicant(&f).document_number, "FA1234567");
}

#[test]
fn refusing_asks_first_and_esc_goes_back_to_today_keeping_the_draft() {
    let mut f = logged_in_clerk();
    reader_types(&mut f, &zone(), "us");
    // Nothing handed in: the decision is a refusal, but neither Ctrl+R nor the button
    // refuses without the confirmation.
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Refuse to accept the documents?")
        .is_some());
    assert!(f.harness.query_by_label("The receipt will name:").is_some());
    f.harness.key_press(Key::Escape);
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Refuse to accept the documents?")
        .is_none());
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    // Enter on the focused refusal button asks too.
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept — print receipt…")
        .focus();
    f.harness.run();
    f.harness.key_press(Key::Enter);
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Refuse to accept the documents?")
        .is_some());
    assert!(requests(&f).iter().all(|(_, s)| *s == Status::Draft));
    f.harness
        .get_by_role_and_label(Role::Button, "Back to the form")
        .click();
    f.harness.run();
    // A mouse click asks too, naming the missing documents.
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept — print receipt…")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Refuse to accept the documents?")
        .is_some());
    assert!(f.harness.query_by_label("The receipt will name:").is_some());
    assert!(requests(&f).iter().all(|(_, s)| *s == Status::Draft));
    f.harness
        .get_by_role_and_label(Role::Button, "Back to the form")
        .click();
    f.harness.run();
    // Esc: back to Today, the draft kept and listed.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Draft);
    assert_eq!(f.harness.state().state.drafts.len(), 1);
}

#[test]
fn tab_runs_through_the_request_never_the_top_bar() {
    let mut f = logged_in_clerk();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    let mrz = iin_desk::ui::editor::mrz_id();
    let focused = |f: &Fixture| f.harness.ctx.memory(|m| m.focused());
    assert_eq!(
        focused(&f),
        Some(mrz),
        "a new request starts in the MRZ box"
    );
    // Shift+Tab from the first field goes to the last action, Tab from there back.
    f.harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    f.harness.run();
    let last = focused(&f);
    assert!(last.is_some() && last != Some(mrz));
    assert!(f
        .harness
        .get_by_role_and_label(Role::Button, "Save draft")
        .accesskit_node()
        .is_focused());
    f.harness.key_press(Key::Tab);
    f.harness.run();
    assert_eq!(focused(&f), Some(mrz));
}

#[test]
fn enter_in_login_goes_to_the_password_and_the_lock_screen_takes_the_password() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    // The login field has the focus; Enter moves to the password.
    type_and_enter(&mut f, "a.clerk");
    type_and_enter(&mut f, "Clerk12345");
    assert!(
        f.harness.state().state.user.is_some(),
        "logged in by keyboard"
    );
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    f.clock.advance_minutes(6);
    f.harness.run();
    assert!(f.harness.query_by_label("The window is locked").is_some());
    // The password field has the focus; a wrong one is named as such.
    type_and_enter(&mut f, "Wrong12345");
    assert!(f
        .harness
        .query_by_label_contains("Wrong password for a.clerk")
        .is_some());
    type_and_enter(&mut f, "Clerk12345");
    assert!(f.harness.query_by_label("The window is locked").is_none());
}

#[test]
fn after_the_last_required_field_enter_goes_to_the_decision() {
    let mut f = logged_in_clerk();
    reader_types(&mut f, &zone(), "us");
    // The edition of 2024: the visual zone's fields first, in the form's order.
    type_and_enter(&mut f, "15.03.1990");
    type_and_enter(&mut f, "TASHKENT");
    type_and_enter(&mut f, "UZB");
    type_and_enter(&mut f, "15.03.2021");
    type_and_enter(&mut f, "Astana, Kabanbay batyr 1");
    // Nothing handed in yet: the focus is on "All handed in" …
    assert!(f
        .harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .accesskit_node()
        .is_focused());
    f.harness.key_press(Key::Enter);
    f.harness.run();
    // … then on the decision, which Enter takes.
    assert!(f
        .harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .accesskit_node()
        .is_focused());
    f.harness.key_press(Key::Enter);
    f.harness.run();
    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Accepted);
}

/// The edition of 2024, in force today: the zone fills the names and the document, and
/// the clerk types the date of birth, the place of birth and the citizenship from the
/// visual zone — Enter leads through them, then the issue date and the address. Counted
/// by the rule above: the scan, five fields with their Enter, two shortcuts.
#[test]
fn under_the_2024_edition_the_visual_zone_is_typed_and_leads_to_accepted_in_eight_actions() {
    let mut f = logged_in_clerk();
    let mut actions = Actions(0);
    reader_types(&mut f, &zone(), "us");
    actions.act();
    let a = applicant(&f);
    assert_eq!(
        (
            a.surname.as_str(),
            a.birth_date.as_str(),
            a.citizenship.as_str()
        ),
        ("TESTOVA", "", ""),
        "the zone fills the names, not the visual zone's fields"
    );
    for text in [
        "15.03.1990",
        "TASHKENT",
        "UZB",
        "15.03.2021",
        "Astana, Kabanbay batyr 1",
    ] {
        type_and_enter(&mut f, text);
        actions.act();
    }
    let a = applicant(&f);
    assert_eq!(
        (
            a.birth_date.as_str(),
            a.birth_place.as_str(),
            a.citizenship.as_str(),
            a.document_issue_date.as_str(),
            a.address.as_str()
        ),
        (
            "15.03.1990",
            "TASHKENT",
            "UZB",
            "15.03.2021",
            "Astana, Kabanbay batyr 1"
        ),
        "each text went into the field the focus moved to"
    );
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    f.harness.run();
    actions.act();
    f.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    f.harness.run();
    actions.act();
    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Accepted);
    println!(
        "keyboard actions from scan to Accepted (2024): {}",
        actions.0
    );
    assert!(actions.0 <= 8, "a formation takes {} actions", actions.0);
}

#[test]
fn a_typed_date_of_birth_the_zone_reads_otherwise_is_noticed() {
    let mut f = logged_in_clerk();
    reader_types(&mut f, &zone(), "us");
    // Nothing typed yet: nothing to notice.
    assert!(f
        .harness
        .query_by_label_contains("The MRZ reads otherwise")
        .is_none());
    type_and_enter(&mut f, "16.03.1990");
    assert!(f
        .harness
        .query_by_label_contains("The MRZ reads otherwise: 15.03.1990")
        .is_some());
    // The citizenship typed as the zone reads it is no notice of its own.
    type_and_enter(&mut f, "TASHKENT");
    type_and_enter(&mut f, "uzb");
    assert!(f
        .harness
        .query_by_label_contains("The MRZ reads otherwise: UZB")
        .is_none());
}
