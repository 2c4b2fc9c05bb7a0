//! The counter application: owns the store and the screens' state, draws the window,
//! and runs the commands the screens ask for after each frame ("the UI asks, the app
//! acts"). The clock is read through [`Clock`], so tests can pin time.
//!
//! The screens' vocabulary ([`AppState`], [`Command`], [`Screen`], the screens' models)
//! is in `crate::state`, below both the app and `ui`; the app reaches into `ui` only to
//! apply the theme and draw the window (`ui::theme::apply`, `ui::root_ui`).

mod commands;
mod reader;
mod settings;

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::domain::lang::Lang;
use crate::machine_config::MachineConfig;
use crate::settings::{pick, Setting};
use crate::store::journal::worker::JournalWorker;
use crate::store::{RequestFilter, Store};
use crate::ui;

pub use crate::state::{AdminState, AppState, Command, LoginForm, Notice, Screen, Settings};

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
    pub sync: Option<crate::queue::sync_worker::SyncHandle>,
    /// The back office's session on the central file, opened on its screen.
    pub back_office: Option<crate::queue::backoffice::BackOffice>,
    /// This PC's machine-wide configuration (locked keys are read-only in Settings).
    pub machine: MachineConfig,
    /// Run the journal's pages and counts on a thread of their own from each login (the
    /// real window; tests keep them inline, answered in the next frame).
    pub journal_in_background: bool,
    /// The journal's worker (`store::journal::worker`).
    pub journal_worker: JournalWorker,
    /// The serial passport reader's worker, when the settings name a port (`reader.rs`).
    pub reader: Option<crate::reader::ReaderHandle>,
    /// Whether the serial reader's last report was a failure (its reconnection is shown).
    reader_failed: bool,
    /// A login whose store opens on a worker thread (a long migration: the search index).
    pub opening: Option<PendingOpening>,
    /// That opening's outcome, for the login command to finish.
    pub opened: Option<(
        String,
        Result<crate::store::Unlocked, crate::store::AuthError>,
    )>,
}

/// What the thread opening the store after a login reports.
pub enum OpeningNews {
    /// How far the build of the search index is.
    Progress(crate::store::IndexProgress),
    /// The opening ended (a cancelled one with an interrupted store error).
    Done(Box<Result<crate::store::Unlocked, crate::store::AuthError>>),
}

/// The error of an opening whose thread ended without a word (it panicked).
pub(crate) fn opening_lost() -> crate::store::AuthError {
    crate::store::AuthError::Store(crate::store::StoreError::Sqlite(
        rusqlite::Error::InvalidQuery,
    ))
}

/// A store opening on its own thread while the window shows its progress.
pub struct PendingOpening {
    /// The thread's reports.
    pub news: std::sync::mpsc::Receiver<OpeningNews>,
    /// Set to cancel: the migration stops at its next step and rolls back.
    pub cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Who logs in.
    pub login: String,
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
        let lang = machine
            .resolve(Setting::Language, last.map(Lang::code))
            .and_then(|code| Lang::parse(&code))
            .unwrap_or_default();
        let (set_up, problem) = match Store::state_in(&data_dir) {
            Ok(state) => (state != crate::store::StoreState::New, None),
            Err(e) => (true, Some(e.message(lang))),
        };
        let settings = settings::load(&store, &data_dir, machine);
        let mut state = AppState::new(lang, set_up, settings, now);
        state.login.error = problem;
        Ok(DeskApp {
            store,
            sync_on_login: false,
            repaint: None,
            data_dir,
            state,
            clock,
            last_input: now,
            styled: false,
            viewer: Box::new(|path| open::that_detached(path)),
            sync: None,
            back_office: None,
            machine: machine.clone(),
            journal_in_background: false,
            journal_worker: JournalWorker::inline(crate::state::PAGE_ROWS),
            reader: None,
            reader_failed: false,
            opening: None,
            opened: None,
        })
    }

    /// Takes over a store just unlocked by `user`: the settings and the language saved in
    /// it apply, and the background sync starts when the window asked for it.
    pub fn open_store(&mut self, store: Store) {
        self.store = store;
        self.state.settings = settings::load(&self.store, &self.data_dir, &self.machine);
        // The settings' rule, with the window's language in the machine value's place (a
        // locked machine language is already the window's): the language saved in the
        // store unless the machine configuration locks it, else the window keeps its own.
        let stored = self
            .store
            .setting(Setting::Language.store_key())
            .ok()
            .flatten();
        let locked = self.machine.is_locked(Setting::Language);
        if let Some(l) = pick(Some(self.state.lang.code()), locked, stored.as_deref())
            .and_then(|code| Lang::parse(&code))
        {
            self.state.lang = l;
        }
        self.journal_worker = JournalWorker::inline(crate::state::PAGE_ROWS);
        if self.journal_in_background && self.store.path().is_some() {
            let started = self.store.reopen().and_then(|s| {
                JournalWorker::start(s, crate::state::PAGE_ROWS, self.repaint.clone())
            });
            match started {
                Ok(w) => self.journal_worker = w,
                Err(e) => log::warn!("journal worker not started: {e}"),
            }
        }
        self.restart_reader();
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
        self.reader = None;
        self.journal_worker = JournalWorker::inline(crate::state::PAGE_ROWS);
        if let Ok(empty) = Store::open_in_memory() {
            self.store = empty;
        }
        self.state.settings = settings::load(&self.store, &self.data_dir, &self.machine);
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
        use crate::queue::sync::SyncConfig;
        use crate::queue::sync_worker::{start_worker, WorkerConfig};
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

    /// Takes in what the sync worker reports: its status, and results that arrived; when a
    /// round ended, the open request, Today and the set-aside marks are read again.
    fn poll_sync(&mut self) {
        let cancel = std::mem::take(&mut self.state.cancel_sync);
        let Some(h) = &self.sync else { return };
        if cancel {
            log::info!("sync: the round cancelled from the window");
            h.cancel_round();
        }
        let status = h.status();
        let events = h.poll_events();
        let seen = self.state.sync.as_ref().map_or(0, |s| s.rounds);
        let round_ended = status.rounds != seen;
        self.state.sync = Some(status);
        if round_ended {
            // The round may have sent, set aside or decided what the window shows.
            commands::after_sync_round(self);
        }
        let mut arrived = 0;
        for crate::queue::sync_worker::SyncEvent::ResultsArrived(results) in events {
            arrived += results.len();
        }
        if arrived > 0 {
            log::info!("sync: {arrived} result(s) arrived");
            let text = crate::domain::i18n::tr_args(
                self.state.lang,
                "window-results-arrived",
                &[("n", arrived.into())],
            );
            self.state.notify(text, false);
            self.refresh_dashboard();
            let filter = self.state.journal.filter.clone();
            let total = self.state.journal.total;
            self.state.journal.reset(filter, total);
        }
    }

    /// Takes in how the store opening after a login goes; when it ended, the login
    /// command finishes the login (or says it was cancelled).
    fn poll_opening(&mut self) {
        use std::sync::atomic::Ordering;
        let Some(o) = &self.opening else { return };
        if self
            .state
            .opening
            .as_ref()
            .is_some_and(|v| v.cancel_requested)
        {
            o.cancel.store(true, Ordering::Relaxed);
        }
        let mut ended = None;
        loop {
            match o.news.try_recv() {
                Ok(OpeningNews::Progress(p)) => {
                    if let Some(v) = self.state.opening.as_mut() {
                        v.done = p.done;
                        v.total = p.total;
                    }
                }
                Ok(OpeningNews::Done(result)) => {
                    ended = Some(*result);
                    break;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => break,
                Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    // The thread died without a word: the store stays closed.
                    ended = Some(Err(opening_lost()));
                    break;
                }
            }
        }
        if let Some(result) = ended {
            let login = o.login.clone();
            self.opening = None;
            self.opened = Some((login, result));
            self.run(Command::Login);
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
        self.poll_opening();
        self.poll_reader();
        self.check_recent();
        for news in self.journal_worker.poll(&self.store) {
            self.state.journal.take_news(news, self.state.lang);
        }
        self.track_idle(ui.ctx());
        ui::root_ui(&mut self.state, ui);
        let commands = std::mem::take(&mut self.state.commands);
        if !commands.is_empty() {
            // Show the outcome at once rather than on the next input.
            ui.ctx().request_repaint();
        }
        for c in commands {
            self.run(c);
        }
        if self.after_frame() && !self.journal_worker.is_threaded() {
            // Inline, the pages asked for arrive in the next frame.
            ui.ctx().request_repaint();
        }
        if self.opening.is_some() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(100));
        }
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

    /// Work done after every frame: autosave, and the journal pages asked of the worker
    /// (whether any were).
    fn after_frame(&mut self) -> bool {
        self.autosave(false);
        let pages = self.state.journal.take_missing_pages();
        let asked = !pages.is_empty();
        if asked {
            commands::load_journal_pages(self, pages);
        }
        asked
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

    fn run(&mut self, command: Command) {
        commands::run(self, command);
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
            // Fits a 1366×768 counter screen with a title bar and a taskbar.
            .with_inner_size([1340.0, 680.0])
            .with_min_inner_size([900.0, 560.0]),
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
            app.journal_in_background = true;
            app.repaint = Some(std::sync::Arc::new(move || ctx.request_repaint()));
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
