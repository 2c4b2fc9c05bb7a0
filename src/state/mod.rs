//! The window's shared vocabulary, below both `app` and `ui`: what the screens draw from
//! ([`AppState`] and each screen's model), what they ask for ([`Command`], [`Screen`]),
//! and the clerk's [`Notice`]s. Screens (`ui`) read and edit it and push commands; the app
//! runs the commands and fills it from the store. The texts are in the message catalogue
//! (`assets/i18n/*/window*.ftl`, read with `crate::domain::i18n`).
//!
//! It imports neither `app` nor `ui`, and calls neither the store nor egui: its models are
//! plain data plus the pure rules of editing them (the rules themselves are in `domain`).

pub mod backoffice;
pub mod editor;
pub mod journal;
pub mod notices;
pub mod recent;
pub mod request_view;

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::domain::lang::Lang;
use crate::pdf::DocKind;
use crate::settings::Setting;
use crate::store::{RequestRow, User};

pub use backoffice::BackOfficeState;
pub use editor::DraftSession;
pub use editor::Editor;
pub use journal::{JournalState, TableKey, PAGE_ROWS};
pub use notices::Notice;
pub use request_view::RequestView;

/// Settings kept in the store, as edited on the settings screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
    /// The passport reader's serial port (empty: none), baud rate, parity and framing
    /// (`crate::reader::ReaderConfig::parse` reads them).
    pub reader_port: String,
    /// The serial reader's baud rate, as typed.
    pub reader_baud: String,
    /// The serial reader's parity key (`none`, `even`, `odd`).
    pub reader_parity: String,
    /// The serial reader's framing key (`crlf`, `stx-etx`).
    pub reader_framing: String,
    /// Keys the machine-wide configuration locks: shown read-only, never saved.
    pub locked: std::collections::BTreeSet<Setting>,
}

impl Settings {
    /// Whether the machine-wide configuration locks `key`.
    pub fn is_locked(&self, key: Setting) -> bool {
        self.locked.contains(&key)
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
    /// Discard a draft (the clerk confirmed it).
    DiscardDraft(String),
    /// Accept the editor's request.
    Accept,
    /// Refuse to accept and print the receipt.
    RefuseToAccept,
    /// Look up the correction's current IIN in local records.
    LookUpIin,
    /// Re-run the journal search.
    Search,
    /// Print a document of a request.
    Print(String, DocKind),
    /// Save a document of a request where the clerk chooses.
    SaveAs(String, DocKind),
    /// Print today's register: this counter (`Some`) or the whole office (`None`).
    PrintRegister(Option<String>),
    /// Open a folder in the system's file manager.
    OpenFolder(std::path::PathBuf),
    /// Save the settings form.
    SaveSettings,
    /// Choose the queue file with a dialog.
    ChooseQueuePath,
    /// Keep the queue server password typed in Settings sealed in the store.
    KeepServerPassword,
    /// Remove the queue server password sealed in the store.
    ClearServerPassword,
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
    /// Send a request set aside (rejected by the central queue) again: back into the
    /// outbox, as `iin-desk queue retry ID` does (a supervisor or an administrator).
    SendAgain(String),
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
    /// The queue server login's password, as typed (cleared once kept sealed).
    pub server_password: String,
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
    /// The reader's keystrokes on the dashboard, until a whole zone has arrived.
    pub dashboard_scan: crate::domain::mrz::ZoneScanner,
    /// Settings, as edited.
    pub settings: Settings,
    /// Administration forms.
    pub admin: AdminState,
    /// The background sync's last status (none when no worker runs).
    pub sync: Option<crate::queue::sync_worker::SyncStatus>,
    /// Cancel was pressed on the sync's progress bar: the app asks the worker to stop the
    /// round after the batch in flight.
    pub cancel_sync: bool,
    /// The store opening after a login while a migration builds the search index.
    pub opening: Option<StoreOpening>,
    /// The back office's screen.
    pub back_office: BackOfficeState,
    /// Whether the About dialog is open.
    pub show_about: bool,
    /// A recovery key to show once (set-up, or the encryption of an old store), as text.
    pub recovery_key: Option<String>,
    /// The request shown on its own screen.
    pub viewed: Option<RequestView>,
    /// Messages for the clerk.
    pub notices: Vec<Notice>,
    /// What the editor held for drafts left during this session (the MRZ text, its
    /// verdict, when the request was first opened), by request id; *Continue* brings it
    /// back. Forgotten at logout.
    pub draft_sessions: BTreeMap<String, DraftSession>,
    /// The draft whose discarding waits for the clerk's confirmation.
    pub confirm_discard: Option<String>,
    /// The current time, refreshed each frame.
    pub now: NaiveDateTime,
    /// Commands asked for during the frame.
    pub commands: Vec<Command>,
}

/// A store opening after a login whose migration builds the search index (long on a big
/// store): the login screen shows its progress and Cancel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreOpening {
    /// Requests indexed so far.
    pub done: u64,
    /// Requests to index.
    pub total: u64,
    /// When the build started.
    pub started: std::time::Instant,
    /// Cancel was pressed: the migration stops at its next step and rolls back.
    pub cancel_requested: bool,
    /// The store is the previous version's, unencrypted: once the index is built, the
    /// login encrypts it (a step of its own that cannot be stopped).
    pub encrypts: bool,
}

impl StoreOpening {
    /// Whether the index is built and the opening is past its last point where Cancel
    /// can stop it: the migration commits, then (an old store) the store is encrypted.
    pub fn finishing(&self) -> bool {
        self.total > 0 && self.done >= self.total
    }
}

impl AppState {
    /// The state before anyone logged in: the dashboard, empty forms, no notices.
    pub fn new(lang: Lang, set_up: bool, settings: Settings, now: NaiveDateTime) -> AppState {
        AppState {
            lang,
            user: None,
            set_up,
            locked: false,
            screen: Screen::Dashboard,
            login: LoginForm::default(),
            editor: None,
            journal: JournalState::default(),
            today: Vec::new(),
            drafts: Vec::new(),
            pending: 0,
            dashboard_mrz: String::new(),
            dashboard_scan: crate::domain::mrz::ZoneScanner::new(),
            settings,
            admin: AdminState {
                role: "clerk".into(),
                ..AdminState::default()
            },
            sync: None,
            cancel_sync: false,
            opening: None,
            back_office: BackOfficeState::default(),
            show_about: false,
            recovery_key: None,
            viewed: None,
            notices: Vec::new(),
            draft_sessions: BTreeMap::new(),
            confirm_discard: None,
            now,
            commands: Vec::new(),
        }
    }

    /// Asks for a command.
    pub fn ask(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// Shows a message not tied to a request.
    pub fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.push_notice(Notice::general(text, is_error));
    }

    /// Shows a message about request `request`, naming `field` when it is about one: it
    /// goes when another request is opened, or when the field is fixed.
    pub fn notify_about(
        &mut self,
        request: &str,
        field: Option<crate::domain::field::Field>,
        text: impl Into<String>,
        is_error: bool,
    ) {
        let mut n = Notice::general(text, is_error);
        n.request = Some(request.to_string());
        n.field = field;
        self.push_notice(n);
    }

    /// Shows a message with an *Open folder* button for `folder` (where a document was
    /// saved that no viewer opened), about `request` when it is about one.
    pub fn notify_with_folder(
        &mut self,
        request: Option<&str>,
        text: impl Into<String>,
        folder: std::path::PathBuf,
    ) {
        let mut n = Notice::general(text, true);
        n.request = request.map(str::to_string);
        n.folder = Some(folder);
        self.push_notice(n);
    }

    fn push_notice(&mut self, n: Notice) {
        if n.is_error {
            // Errors name fields, files and request ids, never an applicant's data.
            log::warn!("{}", n.text);
        }
        notices::push(&mut self.notices, n);
    }

    /// The request on screen: the one being typed, or the one shown.
    pub fn current_request(&self) -> Option<&str> {
        match &self.screen {
            Screen::Editor => self.editor.as_ref().map(|e| e.form.id.as_str()),
            Screen::Request(id) => Some(id.as_str()),
            _ => None,
        }
    }

    /// Drops the notices that no longer apply: those of another request once a request
    /// is on screen, and those naming a field of the request being typed that is fixed.
    /// Runs each frame before the notices are drawn.
    pub fn tidy_notices(&mut self) {
        let current = self.current_request().map(str::to_string);
        let errors: Option<(&str, Vec<crate::domain::field::Field>)> =
            self.editor.as_ref().map(|e| {
                (
                    e.form.id.as_str(),
                    e.errors().iter().map(|x| x.field).collect(),
                )
            });
        notices::tidy(&mut self.notices, current.as_deref(), errors);
    }

    /// Puts the request being typed aside, remembering its MRZ and its start for
    /// *Continue*.
    pub fn park_editor(&mut self) {
        if let Some(ed) = self.editor.take() {
            self.draft_sessions.insert(ed.form.id.clone(), ed.session());
        }
    }
}
