//! Notices and drafts: a notice belongs to its request (a second "Draft saved" does not
//! pile up, the previous applicant's notices go), drafts are listed by the applicant's
//! name, *Continue* brings back the MRZ and its verdict and keeps the service time, and a
//! draft can be discarded after a confirmation, audited.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use iin_desk::app::Screen;

use crate::support::*;

fn notices(f: &Fixture) -> Vec<String> {
    f.harness
        .state()
        .state
        .notices
        .iter()
        .map(|n| n.text.clone())
        .collect()
}

#[test]
fn notices_follow_their_request_and_drafts_come_back_whole() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    let first_id = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .unwrap()
        .form
        .id
        .clone();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    f.harness.run();
    for _ in 0..3 {
        f.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
        f.harness.run();
    }
    assert_eq!(notices(&f), ["Draft saved"], "saved three times, said once");

    // Seven minutes later the clerk goes back to Today and continues the draft.
    f.clock.advance_minutes(7);
    f.harness.key_press(Key::Escape);
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
    assert!(
        f.harness.query_by_label("TESTOVA MALIKA").is_some(),
        "listed by name"
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Continue")
        .click();
    f.harness.run();
    let ed = f.harness.state().state.editor.as_ref().unwrap();
    assert_eq!(ed.form.id, first_id);
    assert_eq!(ed.opened_at, start(), "the service timer is not restarted");
    assert!(f.harness.query_by_label_contains("07:").is_some());
    assert!(f
        .harness
        .query_by_label_contains("every check digit is correct")
        .is_some());

    // The next applicant: the previous one's notices go.
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    assert!(notices(&f).is_empty(), "{:?}", notices(&f));
    // Back to the first draft (left for another): its MRZ, verdict and time come back.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    f.clock.advance_minutes(1);
    f.harness
        .get_by_role_and_label(Role::Button, "Continue")
        .click();
    f.harness.run();
    let ed = f.harness.state().state.editor.as_ref().unwrap();
    assert_eq!(ed.form.id, first_id);
    assert_eq!(ed.opened_at, start());
    assert_eq!(ed.mrz_text, zone());
    assert!(f
        .harness
        .query_by_label_contains("every check digit is correct")
        .is_some());

    discard_after_a_confirmation(&mut f, first_id);
}

/// Discarding asks first, naming the applicant; keeping it keeps it; the discarding is
/// audited.
fn discard_after_a_confirmation(f: &mut Fixture, first_id: String) {
    // Discarding asks first, naming the applicant; keeping it keeps it.
    f.harness.key_press(Key::Escape);
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Discard…")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("The draft of TESTOVA MALIKA will be deleted")
        .is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Keep it")
        .click();
    f.harness.run();
    assert_eq!(requests(f).len(), 1);
    f.harness
        .get_by_role_and_label(Role::Button, "Discard…")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Discard the draft")
        .click();
    f.harness.run();
    assert!(requests(f).is_empty());
    assert!(f.harness.state().state.drafts.is_empty());
    assert!(f.harness.query_by_label("Draft discarded").is_some());
    let actions: Vec<String> = f
        .harness
        .state()
        .store
        .audit_entries(&iin_desk::store::AuditQuery {
            request_id: Some(first_id),
            limit: None,
        })
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(
        actions,
        ["request.draft_created", "request.draft_discarded"]
    );
}

#[test]
fn a_notice_naming_a_field_goes_when_the_field_is_fixed() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    type_visual_zone(&mut f, "15.03.1990", "UZB");
    // Ctrl+Enter with the place of birth empty: the notice names it.
    f.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    f.harness.run();
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::Accept);
    f.harness.run();
    let n = f.harness.state().state.notices.clone();
    assert_eq!(n.len(), 1, "{n:?}");
    assert!(n[0].text.contains("Place of birth"), "{n:?}");
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    f.harness.run();
    f.harness.run();
    assert!(f.harness.state().state.notices.is_empty());
}
