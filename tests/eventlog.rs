//! The event log written during a full day's work at a counter — a failed login, a
//! formation sent through the central queue and formed by the back office, the
//! certificate printed, a submission blocked by an invalid field, a refusal with its
//! receipt — holds request ids and staff logins, and none of the applicants' names, IINs
//! or document numbers.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use iin_desk::app::{Clock, Command, DeskApp};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::request::Status;
use iin_desk::pdf::DocKind;
use iin_desk::queue::backoffice::{BackOffice, BackOfficeOptions};
use iin_desk::queue::central::CentralOptions;
use iin_desk::store::{NewUser, RequestFilter, Store};

struct FixedClock(NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}

fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

fn type_into(h: &mut Harness<'static, DeskApp>, role: Role, label: &str, text: &str) {
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn td3(
    number: &str,
    surname: &str,
    given: &str,
    country: &str,
    birth: (i32, u32, u32),
    expiry: (i32, u32, u32),
) -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: country.into(),
        document_number: number.into(),
        surname: surname.into(),
        given_names: given.into(),
        nationality: country.into(),
        date_of_birth: mrz::MrzDate::Calendar(mrz::Date::new(birth.0, birth.1, birth.2)),
        sex: mrz::Sex::Female,
        date_of_expiry: mrz::MrzDate::Calendar(mrz::Date::new(expiry.0, expiry.1, expiry.2)),
        ..Default::default()
    })
}

fn statuses(h: &Harness<'static, DeskApp>) -> Vec<(String, Status)> {
    let filter = RequestFilter {
        include_drafts: true,
        ..RequestFilter::default()
    };
    h.state()
        .store
        .list_requests(&filter, 0, 100)
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.id, r.status))
        .collect()
}

fn run_until(h: &mut Harness<'static, DeskApp>, done: impl Fn(&DeskApp) -> bool) -> bool {
    let until = Instant::now() + Duration::from_secs(30);
    while Instant::now() < until {
        h.run();
        if done(h.state()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn the_log_of_a_formation_and_a_refusal_names_no_applicant() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().to_path_buf();
    iin_desk::eventlog::init(&data);
    let mut h = open_desk(&data);
    log_in(&mut h);
    let id = accept_formation(&mut h);
    let iin = form_in_back_office(&mut h, &data, &id);
    refuse_expired_passport(&mut h);
    h.get_by_role_and_label(Role::Button, "Log out").click();
    h.run();
    drop(h);
    log::logger().flush();

    let text = std::fs::read_to_string(data.join(iin_desk::eventlog::LOG_FILE_NAME))
        .unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    owner_only(&data);
    // The log tells what happened, by request id and login …
    for expected in [
        "login failed: a.clerk",
        "login: a.clerk",
        &format!("request {id}: accepted by a.clerk"),
        &format!("request {id}: print.certificate printed"),
        "refused_to_accept by a.clerk",
        "print.receipt printed",
        "sync: pushed 1",
        "result(s) arrived",
        "logout: a.clerk",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in the log:\n{text}"
        );
    }
    // … and names no applicant.
    for personal in [
        "TESTOVA",
        "MALIKA",
        "FA1234567",
        "SAMPLEOVA",
        "JOHANNA",
        "120000004",
        "TASHKENT",
        "LONDON",
        "Kabanbay",
        "Mangilik",
        &iin,
    ] {
        assert!(
            !text.to_lowercase().contains(&personal.to_lowercase()),
            "the log holds {personal:?}:\n{text}"
        );
    }
}

/// A fresh data folder with an administrator, a clerk and a back-office operator, and the
/// desk on it in English.
fn open_desk(data: &std::path::Path) -> Harness<'static, DeskApp> {
    let admin = NewUser {
        login: "admin",
        full_name: "Admin",
        role: StaffRole::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (mut store, _recovery) =
        Store::create_in(data, &admin, start()).unwrap_or_else(|e| panic!("{e}"));
    for (login, role, password) in [
        ("a.clerk", StaffRole::Clerk, "Clerk12345"),
        ("op", StaffRole::BackOffice, "Operator123"),
    ] {
        let user = NewUser {
            login,
            full_name: login,
            role,
            password,
            must_change_password: false,
        };
        store
            .add_user(&user, "admin", start())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    drop(store);

    let machine = iin_desk::machine_config::parse_machine_config("language = \"en\"\n")
        .unwrap_or_else(|e| panic!("{e:?}"));
    let mut app =
        DeskApp::with_machine_config(data.to_path_buf(), Box::new(FixedClock(start())), &machine)
            .unwrap_or_else(|e| panic!("{e}"));
    app.viewer = Box::new(|_| Ok(()));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        .build_ui_state(|ui, app: &mut DeskApp| app.ui(ui), app);
    h.run();

    h
}

/// A mistyped password, then the clerk's own; then the sync worker starts.
fn log_in(h: &mut Harness<'static, DeskApp>) {
    // A mistyped password, then the clerk's own.
    type_into(h, Role::TextInput, "Login", "a.clerk");
    type_into(h, Role::PasswordInput, "Password", "Clerk-typo-1");
    h.get_by_role_and_label(Role::Button, "Log in").click();
    h.run();
    type_into(h, Role::PasswordInput, "Password", "Clerk12345");
    h.get_by_role_and_label(Role::Button, "Log in").click();
    h.run();
    assert!(h.state().state.user.is_some(), "logged in");
    h.state_mut()
        .start_sync(None)
        .unwrap_or_else(|e| panic!("{e}"));
}

/// A formation from the passport's zone, first blocked by an impossible issue date, then
/// accepted and pushed to the central queue. Returns its request id.
fn accept_formation(h: &mut Harness<'static, DeskApp>) -> String {
    // A formation from the passport's zone.
    h.event(Event::Paste(td3(
        "FA1234567",
        "TESTOVA",
        "MALIKA",
        "UZB",
        (1990, 3, 15),
        (2031, 3, 14),
    )));
    h.run();
    // The edition of 2024: the date of birth and the citizenship from the visual zone.
    type_into(h, Role::TextInput, "Date of birth", "15.03.1990");
    type_into(h, Role::TextInput, "Citizenship", "UZB");
    // First an impossible issue date: the submission is blocked with a field error.
    type_into(h, Role::TextInput, "Place of birth", "TASHKENT");
    type_into(h, Role::TextInput, "Document issue date", "31.02.2021");
    type_into(
        h,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Astana, Kabanbay batyr 1",
    );
    h.get_by_role_and_label(Role::Button, "All handed in")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    h.run();
    assert!(statuses(h).iter().all(|(_, s)| *s == Status::Draft));
    let field = h.get_by_role_and_label(Role::TextInput, "Document issue date");
    field.focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_role_and_label(Role::TextInput, "Document issue date")
        .type_text("15.03.2021");
    h.run();
    h.get_by_role_and_label(Role::Button, "Accept and queue")
        .click();
    h.run();
    let accepted: Vec<String> = statuses(h)
        .into_iter()
        // The worker may have sent it already.
        .filter(|(_, s)| matches!(s, Status::Accepted | Status::Sent))
        .map(|(id, _)| id)
        .collect();
    assert_eq!(accepted.len(), 1, "{:?}", statuses(h));
    let id = accepted[0].clone();
    assert!(
        run_until(h, |app| app
            .state
            .sync
            .as_ref()
            .is_some_and(|s| s.awaiting_result == 1)),
        "the request reached the central queue"
    );

    id
}

/// The back office forms the IIN; the counter pulls it and prints the certificate.
/// Returns the IIN.
fn form_in_back_office(
    h: &mut Harness<'static, DeskApp>,
    data: &std::path::Path,
    id: &str,
) -> String {
    // The back office forms the IIN; the counter pulls it and prints the certificate.
    let mut office_store = Store::unlock_in(data, "op", "Operator123", start())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    let queue = h.state().queue_path();
    let mut office = BackOffice::open_for_installation(
        &mut office_store,
        &queue,
        CentralOptions::default(),
        "op",
        BackOfficeOptions::default(),
        start(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = office
        .run_auto(&start, 10)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.formed, 1);
    if let Some(s) = &h.state().sync {
        s.sync_now();
    }
    assert!(
        run_until(h, |app| app
            .store
            .request(id)
            .is_ok_and(|r| r.status == Status::Formed)),
        "the result arrived"
    );
    let iin = h
        .state()
        .store
        .request(id)
        .ok()
        .and_then(|r| r.form.result.map(|r| r.iin))
        .unwrap_or_default();
    assert_eq!(iin.len(), 12);
    h.state_mut()
        .state
        .ask(Command::Print(id.to_string(), DocKind::Certificate));
    h.run();

    iin
}

/// A refusal: an expired passport, the receipt printed.
fn refuse_expired_passport(h: &mut Harness<'static, DeskApp>) {
    // A refusal: an expired passport, the receipt printed.
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.event(Event::Paste(td3(
        "120000004",
        "SAMPLEOVA",
        "JOHANNA",
        "GBR",
        (1985, 3, 15),
        (2026, 5, 1),
    )));
    h.run();
    type_into(h, Role::TextInput, "Date of birth", "15.03.1985");
    type_into(h, Role::TextInput, "Citizenship", "GBR");
    type_into(h, Role::TextInput, "Place of birth", "LONDON");
    type_into(h, Role::TextInput, "Document issue date", "01.05.2016");
    type_into(
        h,
        Role::TextInput,
        "Address of stay in Kazakhstan",
        "Astana, Mangilik El 5",
    );
    h.get_by_label("Application on the form of Appendix 1 to the Rules")
        .click();
    h.run();
    h.get_by_label("Identity document (a valid foreign passport)")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Refuse to accept — print receipt…")
        .click();
    h.run();
    // The click asks first; the confirmation's button refuses.
    h.get_by_role_and_label(Role::Button, "Refuse to accept and print the receipt")
        .click();
    h.run();
    assert!(statuses(h)
        .iter()
        .any(|(_, s)| *s == Status::RefusedToAccept));
}

/// The store, its key file, the log and every printed PDF are the owner's alone.
#[cfg(unix)]
fn owner_only(data: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                files(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut all = Vec::new();
    files(data, &mut all);
    let pdfs = all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .count();
    assert!(
        pdfs >= 2,
        "the certificate and the receipt were kept: {all:?}"
    );
    for p in &all {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The central file is shared by every counter's account on the share (and
        // encrypted); the login screen's language is no secret.
        if name == "language" || name.starts_with("central-queue.sqlite3") {
            continue;
        }
        let mode = std::fs::metadata(p)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode & 0o077, 0, "{} is mode {mode:o}", p.display());
    }
}
