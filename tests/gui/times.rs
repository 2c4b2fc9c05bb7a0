//! The times the order counts, in the window: a ticket typed (or scanned) into the
//! editor gives the waiting time, flagged over 15 minutes; the service timer is red only
//! over 20:00; the accepted request keeps its ticket and first opening, and its screen
//! shows both times; a draft reopened after the program restarts keeps its zone, its
//! verdict and the first opening.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use iin_desk::app::{DeskApp, Screen};
use iin_desk::domain::request::Status;

use crate::support::*;

/// Moves the clock to `at` as a clerk at work does: a little at a time, with the mouse
/// moving (so the idle lock stays away).
fn work_until(f: &mut Fixture, at: chrono::NaiveDateTime) {
    loop {
        let now = *f.clock.0.lock().unwrap();
        if now >= at {
            break;
        }
        let next = (now + chrono::Duration::minutes(3)).min(at);
        *f.clock.0.lock().unwrap() = next;
        f.harness.event(Event::PointerMoved(egui::pos2(
            5.0,
            5.0 + (next - now).num_seconds() as f32 / 60.0,
        )));
        f.harness.run();
    }
}

fn has_label(f: &Fixture, text: &str) -> bool {
    f.harness.query_by_label_contains(text).is_some()
}

/// The clerk corrects the ticket's time.
fn set_ticket_time(f: &mut Fixture, time: &str) {
    if let Some(ed) = f.harness.state_mut().state.editor.as_mut() {
        ed.form.ticket_taken_at = time.into();
    }
    f.harness.run();
}

fn type_and_enter(f: &mut Fixture, text: &str) {
    f.harness.event(Event::Text(text.into()));
    f.harness.key_press(Key::Enter);
    f.harness.run();
}

#[test]
fn a_scanned_ticket_shows_the_waiting_time_flagged_and_the_request_keeps_it() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);

    // The ticket scanner types the number and the time into the ticket field; the
    // request was opened at 10:00, so the applicant waited 16 minutes.
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Queue ticket",
        "A042 09:44",
    );
    assert!(
        has_label(&f, "Waiting in the queue: 16:00 — over 15 min"),
        "the waiting time is shown and flagged"
    );
    // Leaving the field puts the time in its own field.
    f.harness.key_press(Key::Tab);
    f.harness.run();
    {
        let ed = f.harness.state().state.editor.as_ref().unwrap();
        assert_eq!(
            (ed.form.ticket.as_str(), ed.form.ticket_taken_at.as_str()),
            ("A042", "09:44")
        );
    }
    assert!(has_label(&f, "Waiting in the queue: 16:00 — over 15 min"));

    // Exactly 15 minutes is within the limit.
    set_ticket_time(&mut f, "09:45");
    assert!(has_label(&f, "Waiting in the queue: 15:00"));
    assert!(!has_label(&f, "over 15 min"));
    // A time that cannot be right is refused, naming the field.
    set_ticket_time(&mut f, "10:30");
    assert!(has_label(
        &f,
        "the ticket cannot have been taken after the request was opened at 10:00"
    ));
    set_ticket_time(&mut f, "09:44");

    // The service timer: 20:00 is within 20 minutes, 20:01 over.
    work_until(&mut f, start() + chrono::Duration::minutes(20));
    f.harness.run();
    assert!(has_label(&f, "Service time: 20:00"));
    assert!(!has_label(&f, "over 20 min"));
    work_until(&mut f, start() + chrono::Duration::seconds(20 * 60 + 1));
    f.harness.run();
    assert!(has_label(&f, "Service time: 20:01 — over 20 min"));

    // The clerk finishes and accepts: the request keeps the ticket and the opening. (The
    // edition in force, 2024: the date of birth and the citizenship come from the visual zone.)
    type_visual_zone(&mut f, "15.03.1990", "UZB");
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    f.harness.run();
    type_and_enter(&mut f, "TASHKENT");
    type_and_enter(&mut f, "15.03.2021");
    type_and_enter(&mut f, "Astana, Kabanbay batyr 1");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    f.harness.run();
    f.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    f.harness.run();
    let all = requests(&f);
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].1, Status::Accepted);
    let id = all[0].0.clone();
    let stored = f.harness.state().store.request(&id).unwrap().form;
    assert_eq!(
        (
            stored.ticket.as_str(),
            stored.ticket_taken_at.as_str(),
            stored.opened_at.as_str()
        ),
        ("A042", "09:44", "2026-11-25T10:00:00")
    );
    assert!(stored.mrz.is_empty(), "the zone is kept only in a draft");

    // Its screen shows both times, flagged by the same rule.
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::state::Command::Show(Screen::Request(id.clone())));
    f.harness.run();
    f.harness.run();
    assert!(has_label(&f, "Queue ticket: A042 · 09:44"));
    assert!(has_label(&f, "Waiting in the queue: 16:00 — over 15 min"));
    assert!(has_label(&f, "Service time: 20:01 — over 20 min"));
}

/// A window over the data folder `dir` with the clock `clock` (the program started
/// again).
fn restart(dir: &std::path::Path, clock: &TestClock) -> Harness<'static, DeskApp> {
    let app = DeskApp::with_machine_config(dir.to_path_buf(), Box::new(clock.clone()), &english())
        .unwrap();
    Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        .build_ui_state(|ui, app: &mut DeskApp| app.ui(ui), app)
}

#[test]
fn a_draft_continued_after_a_restart_keeps_its_zone_its_verdict_and_its_time() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    // (Under the edition in force the focus is on the date of birth, from the visual zone.)
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    f.harness.run();
    let id = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .unwrap()
        .form
        .id
        .clone();

    // The program closes; half an hour later it starts again over the same store.
    let Fixture {
        harness,
        clock,
        _dir: dir,
        ..
    } = f;
    drop(harness);
    clock.advance_minutes(30);
    let harness = restart(dir.path(), &clock);
    let mut f = Fixture {
        harness,
        clock,
        opened: Default::default(),
        _dir: dir,
    };
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert!(
        f.harness.state().state.draft_sessions.is_empty(),
        "a new session"
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Continue")
        .click();
    f.harness.run();
    let ed = f.harness.state().state.editor.as_ref().unwrap();
    assert_eq!(ed.form.id, id);
    assert_eq!(
        ed.opened_at,
        start(),
        "the service time runs from the first opening"
    );
    assert_eq!(ed.mrz_text, zone(), "the zone comes back");
    assert!(matches!(&ed.mrz, Some(Ok(r)) if r.all_checks_pass()));
    assert_eq!(ed.form.applicant.birth_place, "TASHKENT");
    assert!(
        has_label(&f, "every check digit is correct"),
        "and its verdict"
    );
    assert!(has_label(&f, "Service time: 30:00 — over 20 min"));
}
