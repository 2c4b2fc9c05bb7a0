//! The counter window driven by egui_kittest through accessible labels, with a pinned
//! clock: first start, login, formation from an MRZ, refusal, correction, journal
//! search, language switch, an invalid field, and the idle lock.

#![allow(clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveDateTime};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;
use iin_desk::app::{Clock, DeskApp, Screen};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::request::Status;
use iin_desk::store::{NewUser, RequestFilter, Store, StoreState};
use std::path::Path;

/// A clock the test moves by hand.
#[derive(Clone)]
struct TestClock(Arc<Mutex<NaiveDateTime>>);

impl Clock for TestClock {
    fn now(&self) -> NaiveDateTime {
        self.0.lock().map(|t| *t).unwrap_or_default()
    }
}

impl TestClock {
    fn advance_minutes(&self, minutes: i64) {
        if let Ok(mut t) = self.0.lock() {
            *t += chrono::Duration::minutes(minutes);
        }
    }
}

/// Wednesday 25 November 2026, 10:00.
fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap()
}

struct Fixture {
    harness: Harness<'static, DeskApp>,
    clock: TestClock,
    /// The PDFs the window handed to the system viewer.
    opened: Arc<Mutex<Vec<std::path::PathBuf>>>,
    _dir: tempfile::TempDir,
}

/// The machine configuration of the test PCs: the window speaks English.
fn english() -> iin_desk::machine_config::MachineConfig {
    iin_desk::machine_config::parse_machine_config("language = \"en\"\n").unwrap()
}

/// A window on a new data folder that `setup` prepares (it may set up the store).
fn app_with(setup: impl FnOnce(&Path)) -> Fixture {
    app_with_machine(setup, &english())
}

/// [`app_with`] on a PC with the machine configuration `machine`.
fn app_with_machine(
    setup: impl FnOnce(&Path),
    machine: &iin_desk::machine_config::MachineConfig,
) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let clock = TestClock(Arc::new(Mutex::new(start())));
    let mut app =
        DeskApp::with_machine_config(dir.path().to_path_buf(), Box::new(clock.clone()), machine)
            .unwrap();
    let opened = Arc::new(Mutex::new(Vec::new()));
    let record = opened.clone();
    app.viewer = Box::new(move |path| {
        record.lock().unwrap().push(path.to_path_buf());
        Ok(())
    });
    let harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 2400.0))
        .build_ui_state(|ui, app: &mut DeskApp| app.ui(ui), app);
    Fixture {
        harness,
        clock,
        opened,
        _dir: dir,
    }
}

/// Sets up the store of `dir` with the administrator and a clerk; returns it open.
fn with_clerk_store(dir: &Path) -> Store {
    let now = start();
    let admin = NewUser {
        login: "admin",
        full_name: "Admin",
        role: StaffRole::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (mut store, _recovery) = Store::create_in(dir, &admin, now).unwrap();
    let clerk = NewUser {
        login: "a.clerk",
        full_name: "Aigerim Clerk",
        role: StaffRole::Clerk,
        password: "Clerk12345",
        must_change_password: false,
    };
    store.add_user(&clerk, "admin", now).unwrap();
    store
        .set_setting("ui.language", "en", "admin", now)
        .unwrap();
    store
}

fn with_clerk(dir: &Path) {
    with_clerk_store(dir);
}

fn type_into(h: &mut Harness<'static, DeskApp>, role: Role, label: &str, text: &str) {
    let node = h.get_by_role_and_label(role, label);
    node.focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn log_in(f: &mut Fixture, login: &str, password: &str) {
    type_into(&mut f.harness, Role::TextInput, "Login", login);
    type_into(&mut f.harness, Role::PasswordInput, "Password", password);
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
}

/// A valid TD3 zone for a synthetic passport.
fn zone() -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: "UZB".into(),
        document_number: "FA1234567".into(),
        surname: "TESTOVA".into(),
        given_names: "MALIKA".into(),
        nationality: "UZB".into(),
        date_of_birth: mrz::MrzDate::Calendar(mrz::Date::new(1990, 3, 15)),
        sex: mrz::Sex::Female,
        date_of_expiry: mrz::MrzDate::Calendar(mrz::Date::new(2031, 3, 14)),
        ..Default::default()
    })
}

fn requests(f: &Fixture) -> Vec<(String, Status)> {
    let filter = RequestFilter {
        include_drafts: true,
        ..RequestFilter::default()
    };
    f.harness
        .state()
        .store
        .list_requests(&filter, 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.status))
        .collect()
}

#[test]
fn first_start_creates_the_administrator() {
    let mut f = app_with(|_| {});
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("First start: create the administrator")
        .is_some());
    type_into(&mut f.harness, Role::TextInput, "Login", "admin");
    type_into(&mut f.harness, Role::TextInput, "Full name", "Asel Admin");
    type_into(&mut f.harness, Role::PasswordInput, "Password", "short");
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Repeat the password",
        "short",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Create administrator")
        .click();
    f.harness.run();
    assert!(
        f.harness.query_by_label_contains("too short").is_some(),
        "the policy is enforced"
    );
    assert_eq!(
        Store::state_in(f._dir.path()).unwrap(),
        StoreState::New,
        "nothing was set up"
    );
}

#[test]
fn a_wrong_password_does_not_log_in() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "wrong-password1");
    assert!(f
        .harness
        .query_by_label_contains("wrong login or password")
        .is_some());
    assert!(f.harness.state().state.user.is_none());
    // The login stays typed; only the password is asked again.
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Today's requests at this counter")
        .is_some());
}

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

fn fixture_forms() -> Vec<RequestForm> {
    serde_json::from_str(include_str!("fixtures/requests.json")).unwrap()
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
    // The formed portal request in the fixture holds IIN 850315300029.
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
fn the_language_switch_changes_every_label() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    let english = [
        "Today's requests at this counter",
        "Journal",
        "Log out",
        "Lock",
    ];
    for l in english {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::SetLang(
            iin_desk::domain::lang::Lang::Kk,
        ));
    f.harness.run();
    for l in english {
        assert!(
            f.harness.query_by_label(l).is_none(),
            "{l} is still in English"
        );
    }
    for l in [
        "Осы терезедегі бүгінгі өтінімдер",
        "Журнал",
        "Шығу",
        "Бұғаттау",
    ] {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::SetLang(
            iin_desk::domain::lang::Lang::Ru,
        ));
    f.harness.run();
    for l in ["Заявки этого окна за сегодня", "Выйти", "Заблокировать"]
    {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    assert_eq!(
        f.harness
            .state()
            .store
            .setting("ui.language")
            .unwrap()
            .as_deref(),
        Some("ru")
    );
}

/// The clerk logged in, typed a request from the passport's zone and left the window
/// idle for six minutes: it is locked.
fn locked_with_a_draft() -> Fixture {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    f.clock.advance_minutes(6);
    f.harness.run();
    assert!(f.harness.query_by_label("The window is locked").is_some());
    f
}

#[test]
fn the_window_locks_when_idle_and_unlocks_with_the_same_password() {
    let mut f = locked_with_a_draft();
    // What was typed is saved before locking.
    assert_eq!(requests(&f).len(), 1);
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Admin12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Unlock")
        .click();
    f.harness.run();
    assert!(
        f.harness.query_by_label("The window is locked").is_some(),
        "another account's password does not unlock"
    );
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Unlock")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label("The window is locked").is_none());
    let surname = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.surname.clone());
    assert_eq!(
        surname.as_deref(),
        Some("TESTOVA"),
        "the request is still open"
    );
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

#[test]
fn the_about_dialog_shows_the_version_and_the_rules_edition() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness
        .get_by_role_and_label(Role::Button, "About")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label(env!("CARGO_PKG_VERSION"))
        .is_some());
    assert!(f
        .harness
        .query_by_label_contains("order-146-2023")
        .is_some());
    f.harness.key_press(Key::Escape);
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("order-146-2023")
        .is_none());
    assert_eq!(
        f.harness.state().state.screen,
        Screen::Dashboard,
        "Esc closed only the dialog"
    );
}

#[test]
fn the_machine_configuration_comes_before_the_defaults_and_locks_what_it_locks() {
    let machine = iin_desk::machine_config::parse_machine_config(
        "language = \"en\"\noffice_name = \"Astana, Esil branch\"\ncounter = 7\nqueue_path = '\\\\server\\share\\queue.sqlite3'\nlocked = [\"counter\", \"queue_path\"]\n",
    )
    .unwrap();
    let mut f = app_with_machine(
        |dir| {
            let mut store = with_clerk_store(dir);
            for (key, value) in [
                ("office.counter", "3"),
                ("office.name", "Saved by the user"),
            ] {
                store.set_setting(key, value, "admin", start()).unwrap();
            }
        },
        &machine,
    );
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    let s = &f.harness.state().state.settings;
    assert_eq!(s.counter, "7", "locked by the machine");
    assert_eq!(
        s.office_name, "Saved by the user",
        "the user's setting wins where not locked"
    );
    assert_eq!(s.queue_path, r"\\server\share\queue.sqlite3");
}

#[test]
fn settings_show_machine_locked_keys_read_only_and_never_save_them() {
    let machine = iin_desk::machine_config::parse_machine_config(
        "language = \"en\"\ncounter = 7\nqueue_path = '\\\\server\\share\\queue.sqlite3'\nlocked = [\"counter\", \"queue_path\"]\n",
    )
    .unwrap();
    let mut f = app_with_machine(
        |dir| {
            let mut store = with_clerk_store(dir);
            store
                .set_setting("office.counter", "3", "admin", start())
                .unwrap();
        },
        &machine,
    );
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    let harness = &mut f.harness;
    harness
        .get_by_role_and_label(Role::Button, "Administration")
        .click();
    harness.run();
    assert!(harness
        .get_by_role_and_label(Role::TextInput, "Central queue file")
        .accesskit_node()
        .is_disabled());
    assert!(harness
        .get_by_role_and_label(Role::TextInput, "Counter number")
        .accesskit_node()
        .is_disabled());
    assert!(!harness
        .get_by_role_and_label(Role::TextInput, "Office name")
        .accesskit_node()
        .is_disabled());
    assert_eq!(
        harness
            .query_all_by_label("set by this PC's configuration")
            .count(),
        2,
        "one note for each locked key"
    );
    type_into(harness, Role::TextInput, "Office name", "Esil branch");
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    let store = &harness.state().store;
    assert_eq!(
        store.setting("office.name").unwrap().as_deref(),
        Some("Esil branch")
    );
    assert_eq!(
        store.setting("office.counter").unwrap().as_deref(),
        Some("3"),
        "a locked key is not written over the user's saved value"
    );
    assert_eq!(store.setting("queue.path").unwrap(), None);
}

#[test]
fn first_start_shows_the_recovery_key_once_and_it_opens_the_store() {
    let mut f = app_with(|_| {});
    f.harness.run();
    type_into(&mut f.harness, Role::TextInput, "Login", "admin");
    type_into(&mut f.harness, Role::TextInput, "Full name", "Asel Admin");
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Admin12345",
    );
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Repeat the password",
        "Admin12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Create administrator")
        .click();
    f.harness.run();
    let shown = f.harness.state().state.recovery_key.clone().unwrap();
    assert!(
        f.harness.query_by_label(&shown).is_some(),
        "the key is on screen"
    );
    f.harness
        .get_by_role_and_label(Role::Button, "I have written it down")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label(&shown).is_none(), "shown once");
    assert_eq!(
        Store::state_in(f._dir.path()).unwrap(),
        StoreState::Encrypted
    );
    let key = iin_desk::store::SecretKey::parse(&shown).unwrap();
    assert!(Store::unlock_with_recovery_in(f._dir.path(), &key, start()).is_ok());
}

#[test]
fn the_administrator_makes_a_new_recovery_key_and_sets_the_lockout() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    f.harness
        .get_by_role_and_label(Role::Button, "Administration")
        .click();
    f.harness.run();
    // Disabling removes the clerk's key slot: enabled again, the account needs a password.
    f.harness
        .get_by_role_and_label(Role::Button, "Disable a.clerk")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Enable a.clerk")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label("needs a new password").is_some());

    f.harness
        .get_by_role_and_label(Role::Button, "New recovery key")
        .click();
    f.harness.run();
    let shown = f.harness.state().state.recovery_key.clone().unwrap();
    f.harness
        .get_by_role_and_label(Role::Button, "I have written it down")
        .click();
    f.harness.run();

    let failures = f
        .harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout");
    failures.focus();
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .type_text("0");
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Save the lockout")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("1 to 100").is_some());
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .focus();
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .type_text("3");
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Save the lockout")
        .click();
    f.harness.run();
    assert_eq!(
        f.harness
            .state()
            .store
            .lockout_policy()
            .unwrap()
            .max_failures,
        3
    );
    let key = iin_desk::store::SecretKey::parse(&shown).unwrap();
    assert!(Store::unlock_with_recovery_in(f._dir.path(), &key, start()).is_ok());
}

#[test]
fn wrong_passwords_on_the_lock_screen_lock_the_account_out() {
    let mut f = locked_with_a_draft();
    // The default policy: the fifth wrong password in a row locks the account out.
    for _ in 0..5 {
        type_into(
            &mut f.harness,
            Role::PasswordInput,
            "Password",
            "Wrong-guess-1",
        );
        f.harness
            .get_by_role_and_label(Role::Button, "Unlock")
            .click();
        f.harness.run();
    }
    assert!(f.harness.state().state.user.is_none(), "the session ended");
    assert!(f
        .harness
        .query_by_label_contains("too many failed attempts")
        .is_some());
    // Even the right password waits for the end of the lockout …
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert!(f.harness.state().state.user.is_none());
    // … after which the clerk finds the draft that was being typed.
    f.clock.advance_minutes(16);
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
    assert!(f.harness.state().state.user.is_some());
    assert_eq!(requests(&f).len(), 1, "the draft was kept");
}
