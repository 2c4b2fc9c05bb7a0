//! The round trip counter → back office → certificate over the shared central file.

use std::sync::{Arc, Mutex};

use egui::accesskit::Role;
use egui::{Event, Key};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use iin_desk::app::{DeskApp, Screen};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::request::Status;
use iin_desk::store::NewUser;

use crate::support::*;

/// Runs frames until `done` holds, for at most 20 seconds (the sync worker is a real
/// thread on real files).
fn run_until(h: &mut Harness<'static, DeskApp>, mut done: impl FnMut(&DeskApp) -> bool) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        h.run();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    false
}

/// The back office, on the same machine and central file, forms the IIN of request `id`
/// (taken at `counter`) and returns it.
fn form_iin_in_back_office(counter: &Fixture, id: &str) -> String {
    let clock = TestClock(Arc::new(Mutex::new(start())));
    let app = DeskApp::with_machine_config(
        counter._dir.path().to_path_buf(),
        Box::new(clock),
        &english(),
    )
    .unwrap();
    let mut office = Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        .build_ui_state(|ui, app: &mut DeskApp| app.ui(ui), app);
    office.run();
    type_into(&mut office, Role::TextInput, "Login", "op");
    type_into(&mut office, Role::PasswordInput, "Password", "Operator123");
    office.get_by_role_and_label(Role::Button, "Log in").click();
    office.run();
    assert_eq!(office.state().state.screen, Screen::BackOffice);
    let short = id.split('-').next().unwrap().to_string();
    office
        .get_by_label_contains(&format!("Open {short}"))
        .click();
    office.run();
    assert!(office.query_by_label("No possible duplicates").is_some());
    office
        .get_by_role_and_label(Role::Button, "Form IIN")
        .click();
    office.run();
    let notice = office
        .state()
        .state
        .notices
        .last()
        .map(|n| n.text.clone())
        .unwrap_or_default();
    assert!(notice.starts_with("Form IIN: "), "{notice}");
    let iin = notice.trim_start_matches("Form IIN: ").to_string();
    assert!(iin_desk::domain::iin::Iin::parse(&iin).is_ok());
    iin
}

#[test]
fn round_trip_counter_back_office_certificate() {
    let mut counter = app_with(|dir| {
        let mut s = with_clerk_store(dir);
        let op = NewUser {
            login: "op",
            full_name: "Operator",
            role: StaffRole::BackOffice,
            password: "Operator123",
            must_change_password: false,
        };
        s.add_user(&op, "admin", start()).unwrap();
    });
    counter.harness.run();
    log_in(&mut counter, "a.clerk", "Clerk12345");
    counter.harness.state_mut().start_sync(None).unwrap();
    counter.harness.event(Event::Paste(zone()));
    counter.harness.run();
    type_visual_zone(&mut counter, "15.03.1990", "UZB");
    counter
        .harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .focus();
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::TextInput, "Place of birth")
        .type_text("TASHKENT");
    counter.harness.key_press(Key::Enter);
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::TextInput, "Document issue date")
        .type_text("15.03.2021");
    counter.harness.key_press(Key::Enter);
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::TextInput, "Address of stay in Kazakhstan")
        .type_text("Astana, Kabanbay batyr 1");
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .click();
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    counter.harness.run();
    let id = requests(&counter)[0].0.clone();
    assert!(
        run_until(&mut counter.harness, |app| app
            .state
            .sync
            .as_ref()
            .is_some_and(|s| s.awaiting_result == 1)),
        "the request reached the central queue"
    );
    assert!(counter
        .harness
        .query_by_label("Awaiting a result: 1")
        .is_some());

    let iin = form_iin_in_back_office(&counter, &id);

    // The counter pulls the result and prints the certificate.
    counter
        .harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::SyncNow);
    assert!(
        run_until(&mut counter.harness, |app| app
            .state
            .notices
            .iter()
            .any(|n| n.text.contains("1 result arrived"))),
        "the result came back"
    );
    assert_eq!(requests(&counter)[0].1, Status::Formed);
    counter
        .harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::Show(Screen::Request(id.clone())));
    counter.harness.run();
    counter
        .harness
        .get_by_role_and_label(Role::Button, "Print: Registration certificate")
        .click();
    counter.harness.run();
    let opened = counter.opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1);
    let reading = iin_desk::pdf::read_certificate(&std::fs::read(&opened[0]).unwrap()).unwrap();
    let text = format!("{reading:?}");
    assert!(
        text.contains(&iin),
        "the certificate carries the formed IIN"
    );
}
