//! The counter application: owns the store and the screens' state, draws the window,
//! and runs the commands the screens ask for after each frame ("the UI asks, the app
//! acts"). The clock is read through [`Clock`], so tests can pin time.

mod commands;

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::lang::Lang;
use crate::machine_config::{ConfigKey, MachineConfig};
use crate::store::{RequestFilter, RequestRow, Store, User};
use crate::ui;
use crate::ui::editor::Editor;
use crate::ui::journal::JournalState;

/// Where the time comes from.
pub trait Clock {
    /// The current local time.
    fn now(&self) -> NaiveDateTime;
}

/// The system clock (local time).
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }
}

/// The file in the data folder that remembers the window's last language for the login
/// screen (no personal data).
pub const LANGUAGE_FILE: &str = "language";

/// Settings kept in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Office name, printed on documents.
    pub office_name: String,
    /// Office address, printed on the refusal receipt.
    pub office_address: String,
    /// Counter number.
    pub counter: String,
    /// The executor's phone on the receipt.
    pub clerk_phone: String,
    /// The central queue file.
    pub queue_path: String,
    /// Where printed PDFs are kept.
    pub pdf_dir: String,
    /// Minutes without input before the window locks.
    pub idle_minutes: String,
    /// Keys the machine-wide configuration locks: shown read-only, never saved.
    pub locked: std::collections::BTreeSet<ConfigKey>,
}

impl Settings {
    const KEYS: [&'static str; 7] = [
        crate::printing::SETTING_OFFICE_NAME,
        crate::printing::SETTING_OFFICE_ADDRESS,
        crate::printing::SETTING_COUNTER,
        crate::printing::SETTING_OFFICE_PHONE,
        "queue.path",
        "pdf.dir",
        "ui.idle_lock_minutes",
    ];

    /// The settings: what this PC's users saved in the store, over the machine-wide
    /// configuration, over the defaults; a key the machine configuration locks always
    /// takes the machine's value.
    fn load(store: &Store, data_dir: &std::path::Path, machine: &MachineConfig) -> Settings {
        let pick =
            |key: ConfigKey, stored_key: &str, machine_value: Option<String>, default: String| {
                let machine_value = machine_value.filter(|v| !v.trim().is_empty());
                if machine.locked.contains(&key) {
                    if let Some(v) = machine_value.clone() {
                        return v;
                    }
                }
                let stored = store
                    .setting(stored_key)
                    .ok()
                    .flatten()
                    .filter(|v| !v.trim().is_empty());
                stored.or(machine_value).unwrap_or(default)
            };
        use crate::printing::{
            SETTING_COUNTER, SETTING_OFFICE_ADDRESS, SETTING_OFFICE_NAME, SETTING_OFFICE_PHONE,
        };
        Settings {
            office_name: pick(
                ConfigKey::OfficeName,
                SETTING_OFFICE_NAME,
                machine.office_name.clone(),
                String::new(),
            ),
            office_address: pick(
                ConfigKey::OfficeAddress,
                SETTING_OFFICE_ADDRESS,
                machine.office_address.clone(),
                String::new(),
            ),
            counter: pick(
                ConfigKey::Counter,
                SETTING_COUNTER,
                machine.counter.clone(),
                "1".into(),
            ),
            clerk_phone: store
                .setting(SETTING_OFFICE_PHONE)
                .ok()
                .flatten()
                .unwrap_or_default(),
            queue_path: pick(
                ConfigKey::QueuePath,
                "queue.path",
                machine.queue_path.clone(),
                data_dir.join("central-queue.sqlite3").display().to_string(),
            ),
            pdf_dir: pick(
                ConfigKey::PdfDir,
                "pdf.dir",
                machine.pdf_dir.clone(),
                data_dir.join("documents").display().to_string(),
            ),
            idle_minutes: pick(
                ConfigKey::IdleLockMinutes,
                "ui.idle_lock_minutes",
                machine.idle_lock_minutes.map(|m| m.to_string()),
                "5".into(),
            ),
            locked: ConfigKey::ALL
                .into_iter()
                .filter(|k| machine.is_locked(*k))
                .collect(),
        }
    }

    /// Whether the machine-wide configuration locks `key`.
    pub fn is_locked(&self, key: ConfigKey) -> bool {
        self.locked.contains(&key)
    }

    fn values(&self) -> [&str; 7] {
        [
            &self.office_name,
            &self.office_address,
            &self.counter,
            &self.clerk_phone,
            &self.queue_path,
            &self.pdf_dir,
            &self.idle_minutes,
        ]
    }

    /// The idle limit in minutes (at least 1).
    pub fn idle_limit_minutes(&self) -> i64 {
        self.idle_minutes.trim().parse::<i64>().unwrap_or(5).max(1)
    }
}

/// Which screen is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Screen {
    /// Today at this counter.
    Dashboard,
    /// The request being typed.
    Editor,
    /// All requests.
    Journal,
    /// One request.
    Request(String),
    /// Settings.
    Settings,
    /// Accounts and calendar.
    Admin,
    /// The back office's incoming requests.
    BackOffice,
}

/// What a screen asked for; run by the app after the frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Create the first administrator.
    CreateAdmin,
    /// Log in with the login form.
    Login,
    /// Log out.
    Logout,
    /// Lock the window now.
    Lock,
    /// Unlock with the lock form.
    Unlock,
    /// Change the UI language (and remember it).
    SetLang(Lang),
    /// Go to a screen.
    Show(Screen),
    /// Start a new request of a kind.
    NewRequest(crate::domain::request::RequestKind),
    /// Start a new formation from a zone the passport reader typed on the dashboard.
    NewFromMrz(String),
    /// Continue a draft.
    OpenDraft(String),
    /// Save the editor's draft.
    SaveDraft,
    /// Accept the editor's request.
    Accept,
    /// Refuse to accept and print the receipt.
    RefuseToAccept,
    /// Look up the correction's current IIN in local records.
    LookUpIin,
    /// Re-run the journal search.
    Search,
    /// Print a document of a request.
    Print(String, ui::DocKind),
    /// Save a document of a request where the clerk chooses.
    SaveAs(String, ui::DocKind),
    /// Print today's register: this counter (`Some`) or the whole office (`None`).
    PrintRegister(Option<String>),
    /// Save the settings form.
    SaveSettings,
    /// Choose the queue file with a dialog.
    ChooseQueuePath,
    /// Choose the PDF folder with a dialog.
    ChoosePdfDir,
    /// Add the account in the admin form.
    AddUser,
    /// Enable or disable an account.
    SetUserActive(String, bool),
    /// Set the password typed in the admin form for an account.
    ResetPassword(String),
    /// Import a calendar file chosen with a dialog.
    ImportCalendar,
    /// Make a new recovery key and show it once.
    NewRecoveryKey,
    /// Import the office's queue key from a file chosen with a dialog.
    ImportQueueKey,
    /// Export the office's queue key to a file chosen with a dialog.
    ExportQueueKey,
    /// Save the lockout policy typed in the admin form.
    SaveLockout,
    /// Ask the sync worker for a round now.
    SyncNow,
    /// Reload the back office's incoming list.
    BackOfficeRefresh,
    /// Claim a request and show its case.
    BackOfficeOpen(String),
    /// Form the IIN of the open case.
    BackOfficeForm,
    /// Apply the open correction.
    BackOfficeCorrect,
    /// Refuse the open case on the chosen ground.
    BackOfficeRefuse,
}

/// A message shown to the clerk at the bottom of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text, already in the clerk's language.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
}

/// Forms of the login, set-up and lock screens.
#[derive(Debug, Clone, Default)]
pub struct LoginForm {
    /// Login.
    pub login: String,
    /// Full name (set-up only).
    pub full_name: String,
    /// Password.
    pub password: String,
    /// Password again (set-up only).
    pub password_again: String,
    /// The last error.
    pub error: Option<String>,
}

/// The administration screen's forms.
#[derive(Debug, Clone, Default)]
pub struct AdminState {
    /// Accounts, loaded when the screen opens.
    pub users: Vec<User>,
    /// The new account's login.
    pub login: String,
    /// Its full name.
    pub full_name: String,
    /// Its role key.
    pub role: String,
    /// Its password.
    pub password: String,
    /// Calendar exceptions, loaded when the screen opens.
    pub exceptions: Vec<crate::domain::calendar::CalendarException>,
    /// Active accounts without a key slot (they need a new password to log in).
    pub without_key: Vec<String>,
    /// The lockout policy's failed attempts, as typed.
    pub max_failures: String,
    /// The lockout policy's minutes, as typed.
    pub lockout_minutes: String,
}

/// Everything the screens draw from and write into.
pub struct AppState {
    /// UI language.
    pub lang: Lang,
    /// The logged-in account.
    pub user: Option<User>,
    /// Whether an administrator exists (else the set-up screen shows).
    pub set_up: bool,
    /// Whether the window is locked.
    pub locked: bool,
    /// Current screen.
    pub screen: Screen,
    /// Login / set-up / unlock form.
    pub login: LoginForm,
    /// The request being typed.
    pub editor: Option<Editor>,
    /// The journal.
    pub journal: JournalState,
    /// Today's requests at this counter.
    pub today: Vec<RequestRow>,
    /// Drafts of this clerk.
    pub drafts: Vec<RequestRow>,
    /// Requests waiting to be sent.
    pub pending: u64,
    /// What the passport reader typed on the dashboard.
    pub dashboard_mrz: String,
    /// Settings, as edited.
    pub settings: Settings,
    /// Administration forms.
    pub admin: AdminState,
    /// The background sync's last status (none when no worker runs).
    pub sync: Option<crate::queue::sync::SyncStatus>,
    /// The back office's screen.
    pub back_office: crate::ui::backoffice::BackOfficeState,
    /// Whether the About dialog is open.
    pub show_about: bool,
    /// A recovery key to show once (set-up, or the encryption of an old store), as text.
    pub recovery_key: Option<String>,
    /// The request shown on its own screen.
    pub viewed: Option<ui::request_view::RequestView>,
    /// Messages for the clerk.
    pub notices: Vec<Notice>,
    /// The current time, refreshed each frame.
    pub now: NaiveDateTime,
    /// Commands asked for during the frame.
    pub commands: Vec<Command>,
}

impl AppState {
    /// Asks for a command.
    pub fn ask(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// Shows a message.
    pub fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        let text = text.into();
        if is_error {
            // Errors name fields, files and request ids, never an applicant's data.
            log::warn!("{text}");
        }
        self.notices.push(Notice { text, is_error });
        if self.notices.len() > 3 {
            self.notices.remove(0);
        }
    }
}

/// Opens a file in the system's viewer.
pub type Viewer = Box<dyn FnMut(&std::path::Path) -> std::io::Result<()>>;

/// The eframe application.
pub struct DeskApp {
    /// The local store once someone logged in. Until then (and after logging out) an
    /// empty store in memory stands in: the encrypted file stays closed and its key
    /// unknown, and nothing can be typed before a login but the login itself.
    pub store: Store,
    /// Start the background sync at each login (the real window; tests start it by hand).
    pub sync_on_login: bool,
    /// Wakes the window when the sync worker has news.
    pub repaint: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    /// Where the data live.
    pub data_dir: PathBuf,
    /// The screens' state.
    pub state: AppState,
    clock: Box<dyn Clock>,
    last_input: NaiveDateTime,
    styled: bool,
    /// Opens a printed PDF for printing (the system's viewer; replaced in tests).
    pub viewer: Viewer,
    /// The background sync with the central queue file, when started.
    pub sync: Option<crate::queue::sync::SyncHandle>,
    /// The back office's session on the central file, opened on its screen.
    pub back_office: Option<crate::queue::backoffice::BackOffice>,
    /// This PC's machine-wide configuration (locked keys are read-only in Settings).
    pub machine: MachineConfig,
}

impl DeskApp {
    /// A new application on the data folder `data_dir`, locked until someone logs in.
    pub fn new(
        data_dir: PathBuf,
        clock: Box<dyn Clock>,
    ) -> Result<DeskApp, crate::store::StoreError> {
        DeskApp::with_machine_config(data_dir, clock, &MachineConfig::default())
    }

    /// A new application whose settings start from the machine-wide configuration.
    pub fn with_machine_config(
        data_dir: PathBuf,
        clock: Box<dyn Clock>,
        machine: &MachineConfig,
    ) -> Result<DeskApp, crate::store::StoreError> {
        let now = clock.now();
        let store = Store::open_in_memory()?;
        // The login screen speaks the language last chosen on this PC (a plain file: the
        // settings are in the encrypted store), unless the machine configuration locks it.
        let last = std::fs::read_to_string(data_dir.join(LANGUAGE_FILE))
            .ok()
            .and_then(|t| Lang::parse(t.trim()));
        let lang = if machine.is_locked(ConfigKey::Language) {
            machine.language
        } else {
            last.or(machine.language)
        }
        .unwrap_or_default();
        let (set_up, problem) = match Store::state_in(&data_dir) {
            Ok(state) => (state != crate::store::StoreState::New, None),
            Err(e) => (true, Some(e.message(lang))),
        };
        let settings = Settings::load(&store, &data_dir, machine);
        let login = LoginForm {
            error: problem,
            ..LoginForm::default()
        };
        Ok(DeskApp {
            store,
            sync_on_login: false,
            repaint: None,
            data_dir,
            state: AppState {
                lang,
                user: None,
                set_up,
                locked: false,
                screen: Screen::Dashboard,
                login,
                editor: None,
                journal: JournalState::default(),
                today: Vec::new(),
                drafts: Vec::new(),
                pending: 0,
                dashboard_mrz: String::new(),
                settings,
                admin: AdminState {
                    role: "clerk".into(),
                    ..AdminState::default()
                },
                sync: None,
                back_office: Default::default(),
                show_about: false,
                recovery_key: None,
                viewed: None,
                notices: Vec::new(),
                now,
                commands: Vec::new(),
            },
            clock,
            last_input: now,
            styled: false,
            viewer: Box::new(|path| open::that_detached(path)),
            sync: None,
            back_office: None,
            machine: machine.clone(),
        })
    }

    /// Takes over a store just unlocked by `user`: the settings and the language saved in
    /// it apply, and the background sync starts when the window asked for it.
    pub fn open_store(&mut self, store: Store) {
        self.store = store;
        self.state.settings = Settings::load(&self.store, &self.data_dir, &self.machine);
        let stored_lang = self
            .store
            .setting("ui.language")
            .ok()
            .flatten()
            .and_then(|l| Lang::parse(&l));
        if !self.machine.is_locked(ConfigKey::Language) {
            if let Some(l) = stored_lang {
                self.state.lang = l;
            }
        }
        if self.sync_on_login && self.sync.is_none() {
            let repaint = self.repaint.clone();
            if let Err(e) = self.start_sync(repaint) {
                let text = e.message(self.state.lang);
                self.state.notify(text, true);
            }
        }
    }

    /// Closes the store (logout): the sync stops, the key is forgotten, an empty store in
    /// memory stands in until the next login.
    pub fn close_store(&mut self) {
        if let Some(h) = self.sync.take() {
            h.stop();
        }
        self.back_office = None;
        if let Ok(empty) = Store::open_in_memory() {
            self.store = empty;
        }
        self.state.settings = Settings::load(&self.store, &self.data_dir, &self.machine);
    }

    /// The current time.
    pub fn now(&self) -> NaiveDateTime {
        self.clock.now()
    }

    /// The central queue file: the setting, else the default in the data folder.
    pub fn queue_path(&self) -> PathBuf {
        crate::queue::sync::resolve_queue_path(
            None,
            Some(&self.state.settings.queue_path),
            &self.data_dir,
        )
    }

    /// Starts the background sync on a second connection to the local store. `repaint`
    /// wakes the window when something changed.
    pub fn start_sync(
        &mut self,
        repaint: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    ) -> Result<(), crate::store::StoreError> {
        use crate::queue::sync::{start_worker, SyncConfig, WorkerConfig};
        if self.store.path().is_none() {
            return Ok(());
        }
        let store = self.store.reopen()?;
        let mut config = WorkerConfig::new(SyncConfig::new(self.queue_path(), "sync"));
        config.on_change = repaint;
        let clock: crate::queue::sync::Clock =
            std::sync::Arc::new(|| chrono::Local::now().naive_local());
        self.sync = Some(start_worker(store, config, clock));
        Ok(())
    }

    /// Takes in what the sync worker reports: its status, and results that arrived.
    fn poll_sync(&mut self) {
        let Some(h) = &self.sync else { return };
        self.state.sync = Some(h.status());
        let events = h.poll_events();
        let mut arrived = 0;
        for crate::queue::sync::SyncEvent::ResultsArrived(results) in events {
            arrived += results.len();
        }
        if arrived > 0 {
            log::info!("sync: {arrived} result(s) arrived");
            let text = match self.state.lang {
                Lang::Kk => {
                    format!("Нәтижелер келді: {arrived}. Тіркеу куәліктерін басып шығаруға болады.")
                }
                Lang::Ru => format!(
                    "Пришли результаты: {arrived}. Регистрационные свидетельства можно печатать."
                ),
                Lang::En => {
                    format!("{arrived} result(s) arrived: the certificates are ready to print.")
                }
            };
            self.state.notify(text, false);
            self.refresh_dashboard();
            let filter = self.state.journal.filter.clone();
            let total = self.state.journal.total;
            self.state.journal.reset(filter, total);
        }
    }

    /// Draws one frame and runs what it asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            ui::theme::apply(ui.ctx());
            self.styled = true;
        }
        self.state.now = self.clock.now();
        self.poll_sync();
        self.track_idle(ui.ctx());
        ui::root_ui(&mut self.state, ui);
        let commands = std::mem::take(&mut self.state.commands);
        if !commands.is_empty() {
            // Show the outcome at once rather than on the next input.
            ui.ctx().request_repaint();
        }
        for c in commands {
            self.run(c, ui.ctx());
        }
        self.after_frame();
        // Timers (service time, idle lock) move without input.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
    }

    fn track_idle(&mut self, ctx: &egui::Context) {
        let active = ctx.input(|i| !i.events.is_empty() || i.pointer.any_down());
        if active {
            self.last_input = self.state.now;
        }
        if self.state.user.is_some() && !self.state.locked {
            let idle = self.state.now - self.last_input;
            if idle >= chrono::Duration::minutes(self.state.settings.idle_limit_minutes()) {
                self.lock();
            }
        }
    }

    fn lock(&mut self) {
        // Keep what was typed before locking.
        self.autosave(true);
        self.state.locked = true;
        self.state.login.password.clear();
        self.state.login.error = None;
        if let Some(u) = &self.state.user {
            let login = u.login.clone();
            let _ = self
                .store
                .audit(self.state.now, &login, "session.lock", None, "");
        }
    }

    /// Work done after every frame: autosave and journal pages.
    fn after_frame(&mut self) {
        self.autosave(false);
        let pages = self.state.journal.take_missing_pages();
        if !pages.is_empty() {
            commands::load_journal_pages(self, pages);
        }
    }

    /// Saves the editor's draft when it changed and the clerk paused (or at once when
    /// `now` is set): a crash loses at most the field being typed.
    pub fn autosave(&mut self, force: bool) {
        let Some(user) = self.state.user.as_ref().map(|u| u.login.clone()) else {
            return;
        };
        let now = self.state.now;
        let Some(ed) = self.state.editor.as_mut() else {
            return;
        };
        if !ed.is_dirty() {
            return;
        }
        if !force && now - ed.last_edit < chrono::Duration::milliseconds(1500) && !ed.field_left {
            return;
        }
        ed.field_left = false;
        let form = ed.form_for_save();
        let result = self.store.save_draft(&form, &user, now);
        // On failure too: do not retry every frame; the next edit tries again.
        ed.mark_saved(form);
        if let Err(e) = result {
            let text = e.message(self.state.lang);
            self.state.notify(text, true);
        }
    }

    fn run(&mut self, command: Command, ctx: &egui::Context) {
        commands::run(self, command, ctx);
    }

    /// Reloads today's list, drafts and the pending count.
    pub fn refresh_dashboard(&mut self) {
        let today = self.state.now.date();
        let counter = self.state.settings.counter.clone();
        let filter = RequestFilter {
            from: Some(today),
            to: Some(today),
            ..RequestFilter::default()
        };
        let rows = self
            .store
            .list_requests(&filter, 0, 500)
            .unwrap_or_default();
        self.state.today = rows.into_iter().filter(|r| r.counter == counter).collect();
        let clerk = self.state.user.as_ref().map(|u| u.login.clone());
        let drafts = RequestFilter {
            status: Some(crate::domain::request::Status::Draft),
            include_drafts: true,
            clerk,
            ..RequestFilter::default()
        };
        self.state.drafts = self.store.list_requests(&drafts, 0, 50).unwrap_or_default();
        let pending = RequestFilter {
            status: Some(crate::domain::request::Status::Accepted),
            ..RequestFilter::default()
        };
        self.state.pending = self.store.count_requests(&pending).unwrap_or(0);
    }

    /// Saves every setting of the form.
    pub fn save_settings(&mut self) -> Result<(), crate::store::StoreError> {
        let actor = self
            .state
            .user
            .as_ref()
            .map_or("system".to_string(), |u| u.login.clone());
        let now = self.state.now;
        let values = self.state.settings.values().map(str::to_string);
        for (k, v) in Settings::KEYS.iter().zip(values) {
            // A locked key keeps the machine's value; the store's copy stays untouched.
            if ConfigKey::from_store_key(k).is_some_and(|c| self.state.settings.is_locked(c)) {
                continue;
            }
            if self.store.setting(k)?.as_deref() != Some(v.as_str()) {
                self.store.set_setting(k, &v, &actor, now)?;
            }
        }
        Ok(())
    }
}

impl eframe::App for DeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        exit_after_first_frame(ui.ctx());
        DeskApp::ui(self, ui);
    }
}

/// For `benches/run.sh`: with `IIN_DESK_EXIT_AFTER_FIRST_FRAME=1` the process exits as
/// soon as the first frame is on screen (when the second one starts).
fn exit_after_first_frame(ctx: &egui::Context) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    static FRAMES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    if *ON.get_or_init(|| std::env::var_os("IIN_DESK_EXIT_AFTER_FIRST_FRAME").is_some()) {
        if FRAMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) > 0 {
            std::process::exit(0);
        }
        ctx.request_repaint();
    }
}

/// Opens the window on the store in `data_dir`.
pub fn run_native(data_dir: PathBuf) -> anyhow::Result<()> {
    std::fs::create_dir_all(&data_dir)
        .map_err(|e| anyhow::anyhow!("cannot use the data folder {}: {e}", data_dir.display()))?;
    crate::eventlog::init(&data_dir);
    log::info!("window started: iin-desk {}", env!("CARGO_PKG_VERSION"));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("iin-desk")
        // Matches the desktop entry's StartupWMClass, so the taskbar groups and labels it.
        .with_app_id("iin-desk");
    // The taskbar and title-bar icon (the .exe's own icon comes from build.rs).
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icons/iin-desk-256.png"))
    {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 860.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "iin-desk",
        options,
        Box::new(move |cc| {
            // A damaged machine configuration is reported, and the defaults apply.
            let path = crate::machine_config::machine_config_path();
            let (machine, problem) = match crate::machine_config::load_machine_config(&path) {
                Ok(m) => (m, None),
                Err(e) => (MachineConfig::default(), Some(e)),
            };
            let mut app = DeskApp::with_machine_config(data_dir, Box::new(SystemClock), &machine)?;
            if let Some(e) = problem {
                let text = e.message(app.state.lang);
                app.state.notify(text, true);
            }
            let ctx = cc.egui_ctx.clone();
            // The sync starts at each login (it needs the unlocked store); a failure to
            // start it leaves the counter working offline.
            app.sync_on_login = true;
            app.repaint = Some(std::sync::Arc::new(move || ctx.request_repaint()));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
