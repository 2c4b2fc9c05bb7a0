//! Issue 14's counter cases: a serial passport reader (a socat pty pair plays it) whose
//! zone opens a formation on Today, its settings checked on the Settings screen; and the
//! same person twice: the earlier request shown, with a link, before accepting.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui::Event;
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::app::{Command, Screen};
use iin_desk::domain::request::Status;

use crate::support::*;

/// A pty pair played by socat: `port` for the window, `device` for the reader.
struct Pty {
    child: Child,
    port: PathBuf,
    device: PathBuf,
}

impl Pty {
    fn start(dir: &Path) -> Pty {
        let port = dir.join("reader");
        let device = dir.join("device");
        let child = std::process::Command::new("socat")
            .arg(format!("pty,raw,echo=0,link={}", port.display()))
            .arg(format!("pty,raw,echo=0,link={}", device.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while !(port.exists() && device.exists()) {
            assert!(Instant::now() < deadline, "socat made no pty pair");
            std::thread::sleep(Duration::from_millis(20));
        }
        Pty {
            child,
            port,
            device,
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs frames until `done` holds (the reader's thread needs real time).
fn run_until(f: &mut Fixture, what: &str, done: impl Fn(&Fixture) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(f) {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(30));
        f.harness.run();
    }
}

/// Names `port` on the Settings screen: a wrong baud rate is named and not saved; then
/// saved, the reader starts.
fn configure_reader(f: &mut Fixture, port: &Path) {
    // Settings: a wrong baud rate is named and not saved.
    f.harness
        .state_mut()
        .state
        .ask(Command::Show(Screen::Settings));
    f.harness.run();
    let port = port.display().to_string();
    type_into(&mut f.harness, Role::TextInput, "Serial port", &port);
    let baud = f
        .harness
        .get_by_role_and_label(Role::TextInput, "Baud rate");
    baud.focus();
    f.harness.run();
    f.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    f.harness
        .get_by_role_and_label(Role::TextInput, "Baud rate")
        .type_text("96OO");
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("Baud rate: \"96OO\" is not a whole number")
        .is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Save")
        .click();
    f.harness.run();
    assert!(f.harness.state().reader.is_none());
    assert_eq!(
        f.harness.state().store.setting("reader.port").unwrap(),
        None
    );
    f.harness.state_mut().state.settings.reader_baud = "9600".into();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Save")
        .click();
    f.harness.run();
    assert_eq!(
        f.harness
            .state()
            .store
            .setting("reader.port")
            .unwrap()
            .as_deref(),
        Some(port.as_str())
    );
    assert!(f.harness.state().reader.is_some());
}

#[test]
fn a_zone_from_the_serial_reader_opens_a_formation_on_today() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    let pty = Pty::start(f._dir.path());

    configure_reader(&mut f, &pty.port);
    let mut device = std::fs::OpenOptions::new()
        .write(true)
        .open(&pty.device)
        .unwrap();
    let text = zone();
    let mut lines = text.lines();
    let (line1, line2) = (lines.next().unwrap(), lines.next().unwrap());

    // In a new request's editor, the zone fills the MRZ box and is read.
    f.harness
        .state_mut()
        .state
        .ask(Command::Show(Screen::Dashboard));
    f.harness.run();
    f.harness
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    let blank = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.id.clone());
    device
        .write_all(format!("{line1}\r\n{line2}\r\n").as_bytes())
        .unwrap();
    run_until(&mut f, "the MRZ box filled", |f| {
        f.harness
            .state()
            .state
            .editor
            .as_ref()
            .is_some_and(|e| e.form.applicant.surname == "TESTOVA")
    });
    let ed = f.harness.state().state.editor.as_ref().unwrap();
    assert_eq!(Some(ed.form.id.clone()), blank);
    assert_eq!(ed.mrz_text, text);

    // On Today, the reader sends the zone line by line, with noise before it: a new
    // formation opens.
    f.harness
        .state_mut()
        .state
        .ask(Command::Show(Screen::Dashboard));
    f.harness.run();
    device.write_all(b"\x00READY\r\n").unwrap();
    device.write_all(format!("{line1}\r\n").as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(100));
    device.write_all(format!("{line2}\r\n").as_bytes()).unwrap();
    run_until(&mut f, "the formation", |f| {
        f.harness.state().state.screen == Screen::Editor
    });
    let ed = f.harness.state().state.editor.as_ref().unwrap();
    assert_ne!(Some(ed.form.id.clone()), blank);
    assert_eq!(ed.form.applicant.surname, "TESTOVA");
    assert_eq!(ed.form.applicant.document_number, "FA1234567");
    assert!(f
        .harness
        .query_by_label_contains("every check digit is correct")
        .is_some());
    // Logging out stops the reader.
    f.harness.state_mut().state.ask(Command::Logout);
    f.harness.run();
    assert!(f.harness.state().reader.is_none());
}

/// Takes the formation just scanned to *Accepted*.
fn finish_formation(f: &mut Fixture) {
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    // The edition in force (2024): the clerk types these from the visual zone.
    type_visual_zone(f, "15.03.1990", "UZB");
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Place of birth",
        "TASHKENT",
    );
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Document issue date",
        "15.03.2021",
    );
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Astana, Kabanbay batyr 1",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "All handed in")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Dashboard);
}

#[test]
fn the_same_person_twice_is_shown_before_accepting() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    // A first request: no warning.
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("already has a request in the last 30 days")
        .is_none());
    finish_formation(&mut f);
    let first = requests(&f)
        .into_iter()
        .find(|(_, s)| *s == Status::Accepted)
        .map(|(id, _)| id)
        .unwrap();

    // The same passport an hour later: the earlier request is shown with its status.
    f.clock.advance_minutes(60);
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Editor);
    // The same document number already matches; with the date of birth typed from the
    // visual zone, the name and date of birth match too.
    type_visual_zone(&mut f, "15.03.1990", "UZB");
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("already has a request in the last 30 days")
        .is_some());
    assert!(f
        .harness
        .query_by_label_contains(
            "25.11.2026 10:00: Accepted (same document number; same name and date of birth)"
        )
        .is_some());
    // Its link opens it.
    f.harness.get_by_role_and_label(Role::Link, "Open").click();
    f.harness.run();
    assert_eq!(f.harness.state().state.screen, Screen::Request(first));
}

#[test]
fn a_port_the_machine_sets_is_locked_and_named_when_it_cannot_be_opened() {
    let machine = iin_desk::machine_config::parse_machine_config(
        "language = \"en\"\nreader_port = '/dev/iin-desk-no-such-reader'\nlocked = ['reader_port']\n",
    )
    .unwrap();
    let mut f = app_with_machine(with_clerk, &machine);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert!(f.harness.state().reader.is_some());
    run_until(&mut f, "the error", |f| {
        f.harness
            .query_by_label_contains(
                "Cannot open the passport reader's port /dev/iin-desk-no-such-reader",
            )
            .is_some()
    });
    f.harness
        .state_mut()
        .state
        .ask(Command::Show(Screen::Settings));
    f.harness.run();
    assert!(f
        .harness
        .get_by_role_and_label(Role::TextInput, "Serial port")
        .accesskit_node()
        .is_disabled());
    assert!(!f
        .harness
        .get_by_role_and_label(Role::TextInput, "Baud rate")
        .accesskit_node()
        .is_disabled());
}
