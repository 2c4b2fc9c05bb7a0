//! The window's shared test kit: a pinned clock, a window on a temporary data folder
//! ([`Fixture`]), a store with a clerk, typing, logging in, a passport zone and the
//! requests in the store.

use std::sync::{Arc, Mutex};

use chrono::{NaiveDate, NaiveDateTime};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use iin_desk::app::{Clock, DeskApp};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::request::Status;
use iin_desk::store::{NewUser, RequestFilter, Store};
use std::path::Path;

/// A clock the test moves by hand.
#[derive(Clone)]
pub struct TestClock(pub Arc<Mutex<NaiveDateTime>>);

impl Clock for TestClock {
    fn now(&self) -> NaiveDateTime {
        self.0.lock().map(|t| *t).unwrap_or_default()
    }
}

impl TestClock {
    pub fn advance_minutes(&self, minutes: i64) {
        if let Ok(mut t) = self.0.lock() {
            *t += chrono::Duration::minutes(minutes);
        }
    }
}

/// Wednesday 25 November 2026, 10:00.
pub fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap()
}

pub struct Fixture {
    pub harness: Harness<'static, DeskApp>,
    pub clock: TestClock,
    /// The PDFs the window handed to the system viewer.
    pub opened: Arc<Mutex<Vec<std::path::PathBuf>>>,
    pub _dir: tempfile::TempDir,
}

/// The machine configuration of the test PCs: the window speaks English.
pub fn english() -> iin_desk::machine_config::MachineConfig {
    iin_desk::machine_config::parse_machine_config("language = \"en\"\n").unwrap()
}

/// A window on a new data folder that `setup` prepares (it may set up the store).
pub fn app_with(setup: impl FnOnce(&Path)) -> Fixture {
    app_with_machine(setup, &english())
}

/// [`app_with`] on a PC with the machine configuration `machine`.
pub fn app_with_machine(
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
pub fn with_clerk_store(dir: &Path) -> Store {
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

pub fn with_clerk(dir: &Path) {
    with_clerk_store(dir);
}

pub fn type_into(h: &mut Harness<'static, DeskApp>, role: Role, label: &str, text: &str) {
    let node = h.get_by_role_and_label(role, label);
    node.focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

pub fn log_in(f: &mut Fixture, login: &str, password: &str) {
    type_into(&mut f.harness, Role::TextInput, "Login", login);
    type_into(&mut f.harness, Role::PasswordInput, "Password", password);
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
}

/// A valid TD3 zone for a synthetic passport.
pub fn zone() -> String {
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

pub fn requests(f: &Fixture) -> Vec<(String, Status)> {
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

/// Under the edition of 2024 (in force on the fixture's day) the clerk types the date of
/// birth and the citizenship from the passport's visual zone: the MRZ fills neither.
pub fn type_visual_zone(f: &mut Fixture, birth_date: &str, citizenship: &str) {
    type_into(&mut f.harness, Role::TextInput, "Date of birth", birth_date);
    type_into(&mut f.harness, Role::TextInput, "Citizenship", citizenship);
}

/// Sets the clock to Monday 4 March 2024, 10:00: a day under Order No. 146 (2023), whose
/// MRZ fills the date of birth and the citizenship too.
pub fn under_the_2023_edition(f: &Fixture) {
    if let (Ok(mut t), Some(day)) = (
        f.clock.0.lock(),
        NaiveDate::from_ymd_opt(2024, 3, 4).and_then(|d| d.and_hms_opt(10, 0, 0)),
    ) {
        *t = day;
    }
}
