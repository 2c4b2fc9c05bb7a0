//! The round trip with the back office through one **central queue file**: a SQLite
//! database on a shared folder that every counter and the back office open in turn.
//!
//! - [`protocol`] — the file's version and the message shapes (pure).
//! - [`central`] — opening the file safely and its transactions (the edge).
//! - [`sync`] — the counter's sync round and its background worker.
//! - [`backoffice`] — what the back office does: list, claim, form, correct, refuse.
//!
//! Every error is a [`QueueError`], which names files and request ids, never personal
//! data; the counter shows it and carries on offline.

pub mod backoffice;
pub mod central;
pub mod location;
pub mod protocol;
pub mod server;
pub(crate) mod sql;
pub mod sync;

pub use location::{Queue, QueueLocation};

use std::path::PathBuf;

use thiserror::Error;

use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;
use crate::store::StoreError;

/// Errors of the queue. None of them carries personal data: paths, ids and codes only.
#[derive(Debug, Error)]
pub enum QueueError {
    /// The central file (or the folder it should be in) is not there, or is empty.
    #[error("the central queue file {path} is missing or empty; check the shared folder, or rebuild it with `iin-desk sync --repush-all`")]
    Missing {
        /// The file.
        path: PathBuf,
    },
    /// The file is not an iin-desk central queue file (another program's file, garbage).
    #[error("{path} is not an iin-desk central queue file; it was left untouched")]
    NotAQueueFile {
        /// The file.
        path: PathBuf,
    },
    /// The file is damaged (truncated, overwritten in part).
    #[error("the central queue file {path} is damaged; it was left untouched — rebuild it into a fresh file with `iin-desk sync --repush-all`")]
    Corrupt {
        /// The file.
        path: PathBuf,
    },
    /// The file was written by a newer program.
    #[error("the central queue file {path} has protocol version {found}, newer than this program's {supported}; update iin-desk — the file was left untouched")]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// This installation has no key for the central file yet.
    #[error("this installation has no key for the central queue file {path}: the administrator imports the office's queue key (iin-desk key queue-import FILE); nothing was sent")]
    NoKey {
        /// The file.
        path: PathBuf,
    },
    /// The installation's queue key does not open the file (another office's key, or a
    /// file that is not an iin-desk queue file).
    #[error("{path} cannot be opened with this installation's queue key (a wrong key, another office's file, or not a queue file); it was left untouched")]
    WrongKey {
        /// The file.
        path: PathBuf,
    },
    /// The file is an unencrypted queue file of the previous version.
    #[error("{path} is not encrypted (made by the previous version): once every counter has synced, the administrator moves it aside and the counters rebuild an encrypted one with `iin-desk sync --repush-all`; it was left untouched")]
    NotEncrypted {
        /// The file.
        path: PathBuf,
    },
    /// The file or its folder cannot be written.
    #[error("the central queue file {path} is read-only; nothing was sent")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Another program holds the file locked for longer than the busy timeout.
    #[error(
        "the central queue file {path} is locked by another program for too long; will try again"
    )]
    Busy {
        /// The file.
        path: PathBuf,
    },
    /// Reading or writing the file failed (a network share that went away).
    #[error("cannot use the central queue file {path}: {detail}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What failed (no personal data: an OS or SQLite message).
        detail: String,
    },
    /// The same id arrived with different content: the central copy was kept.
    #[error("request {0} is already in the central queue with different data; it was not changed")]
    Conflict(String),
    /// A message or a stored record does not parse.
    #[error("request {0}: the data in the central queue are damaged")]
    Damaged(String),
    /// No such request in the central file.
    #[error("request {0} is not in the central queue")]
    NotFound(String),
    /// Another operator holds the request.
    #[error("request {0} is being handled by another operator")]
    ClaimedByOther(String),
    /// The operator acted on a request without claiming it (or lost the claim).
    #[error("request {0} is not claimed by you; claim it first")]
    NotClaimed(String),
    /// The request already has a result.
    #[error("request {0} has already been decided")]
    AlreadyDecided(String),
    /// The action does not fit the request's kind or the rules.
    #[error("{0}")]
    Transition(#[from] crate::domain::request::TransitionError),
    /// Forming an IIN for someone who may already have one needs the operator's
    /// override with a reason (otherwise refuse on para 15.3).
    #[error("request {id}: {candidates} registered person(s) may be the applicant; refuse on para 15.3 or override with a reason")]
    PossiblyRegistered {
        /// The request.
        id: String,
        /// How many candidates reach the threshold.
        candidates: usize,
    },
    /// An override was asked for without a reason.
    #[error("an override needs a reason")]
    ReasonRequired,
    /// A correction's current IIN is not in the registry.
    #[error("request {0}: the IIN to correct is not in the registry")]
    NotRegistered(String),
    /// No free IIN is left for the birth date and sex (or the year cannot be encoded).
    #[error("request {0}: no IIN can be generated for this birth date and sex")]
    NoFreeIin(String),
    /// The queue server cannot be reached or used (down, unreachable, wrong password or
    /// database, no rights, the connection lost).
    #[error("cannot use the queue server {location}: {detail}")]
    Server {
        /// The server, without user or password.
        location: String,
        /// What failed (the server's message or the network's; no personal data).
        detail: String,
    },
    /// The server has no iin-desk queue (the administrator runs `queue init-server`).
    #[error("the server {location} has no iin-desk queue: the administrator creates it with `iin-desk queue init-server`; nothing was sent")]
    ServerNoSchema {
        /// The server.
        location: String,
    },
    /// The server's queue was made by a newer program.
    #[error("the queue on the server {location} has schema version {found}, newer than this program's {supported}; update iin-desk — nothing was changed")]
    ServerTooNew {
        /// The server.
        location: String,
        /// Its version.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// The queue setting's URL holds a password.
    #[error("the queue server URL for {location} contains a password: remove it and set PGPASSWORD or ~/.pgpass instead")]
    ServerPasswordInUrl {
        /// The server.
        location: String,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl QueueError {
    /// The error in `lang`, for a clerk or an operator.
    pub fn message(&self, lang: Lang) -> String {
        use QueueError as E;
        match (self, lang) {
            (E::Missing { path }, Lang::Kk) => format!("орталық кезек файлы {} жоқ немесе бос; ортақ қалтаны тексеріңіз немесе `iin-desk sync --repush-all` арқылы қайта жасаңыз. Өтінімдер осы компьютерде сақталады", path.display()),
            (E::Missing { path }, Lang::Ru) => format!("файл центральной очереди {} отсутствует или пуст; проверьте общую папку или восстановите его командой `iin-desk sync --repush-all`. Заявки сохраняются на этом компьютере", path.display()),
            (E::NotAQueueFile { path }, Lang::Kk) => format!("{} файлы iin-desk орталық кезек файлы емес; файл өзгертілмеді", path.display()),
            (E::NotAQueueFile { path }, Lang::Ru) => format!("{} не является файлом центральной очереди iin-desk; файл не изменён", path.display()),
            (E::Corrupt { path }, Lang::Kk) => format!("орталық кезек файлы {} бүлінген; файл өзгертілмеді — жаңа файлға `iin-desk sync --repush-all` арқылы қайта жасаңыз. Өтінімдер осы компьютерде сақталады", path.display()),
            (E::Corrupt { path }, Lang::Ru) => format!("файл центральной очереди {} повреждён; файл не изменён — восстановите очередь в новый файл командой `iin-desk sync --repush-all`. Заявки сохраняются на этом компьютере", path.display()),
            (E::TooNew { path, found, supported }, Lang::Kk) => format!("орталық кезек файлының {} нұсқасы {found} бағдарламаның нұсқасынан ({supported}) жаңа; iin-desk-ті жаңартыңыз, файл өзгертілмеді", path.display()),
            (E::TooNew { path, found, supported }, Lang::Ru) => format!("версия файла центральной очереди {} ({found}) новее версии программы ({supported}); обновите iin-desk, файл не изменён", path.display()),
            (E::ReadOnly { path }, Lang::Kk) => format!("орталық кезек файлына {} жазу мүмкін емес (тек оқуға); ештеңе жіберілмеді, өтінімдер осы компьютерде сақталады", path.display()),
            (E::ReadOnly { path }, Lang::Ru) => format!("файл центральной очереди {} доступен только для чтения; ничего не отправлено, заявки сохраняются на этом компьютере", path.display()),
            (E::Busy { path }, Lang::Kk) => format!("орталық кезек файлын {} басқа бағдарлама ұзақ бұғаттап тұр; кейінірек өзі қайталайды", path.display()),
            (E::Busy { path }, Lang::Ru) => format!("файл центральной очереди {} долго заблокирован другой программой; попытка будет повторена", path.display()),
            (E::Io { path, detail }, Lang::Kk) => format!("орталық кезек файлын {} пайдалану мүмкін емес: {detail}; өтінімдер осы компьютерде сақталады", path.display()),
            (E::Io { path, detail }, Lang::Ru) => format!("не удаётся использовать файл центральной очереди {}: {detail}; заявки сохраняются на этом компьютере", path.display()),
            (E::Conflict(id), Lang::Kk) => format!("{id} өтінімі орталық кезекте басқа деректермен бар; ол өзгертілмеді"),
            (E::Conflict(id), Lang::Ru) => format!("заявка {id} уже есть в центральной очереди с другими данными; она не изменена"),
            (E::Damaged(id), Lang::Kk) => format!("{id} өтінімі: орталық кезектегі деректер бүлінген"),
            (E::Damaged(id), Lang::Ru) => format!("заявка {id}: данные в центральной очереди повреждены"),
            (E::NotFound(id), Lang::Kk) => format!("{id} өтінімі орталық кезекте жоқ"),
            (E::NotFound(id), Lang::Ru) => format!("заявки {id} нет в центральной очереди"),
            (E::ClaimedByOther(id), Lang::Kk) => format!("{id} өтінімін басқа оператор қарап жатыр"),
            (E::ClaimedByOther(id), Lang::Ru) => format!("заявку {id} обрабатывает другой оператор"),
            (E::NotClaimed(id), Lang::Kk) => format!("{id} өтінімі сізге бекітілмеген; алдымен оны алыңыз"),
            (E::NotClaimed(id), Lang::Ru) => format!("заявка {id} не закреплена за вами; сначала возьмите её в работу"),
            (E::AlreadyDecided(id), Lang::Kk) => format!("{id} өтінімі бойынша шешім бұрыннан бар"),
            (E::AlreadyDecided(id), Lang::Ru) => format!("по заявке {id} решение уже принято"),
            (E::Transition(e), lang) => e.message(lang),
            (E::PossiblyRegistered { id, candidates }, Lang::Kk) => format!("{id} өтінімі: тізілімде өтініш берушіге ұқсас {candidates} адам бар; 15-тармақтың 3) тармақшасы бойынша бас тартыңыз немесе себебін көрсетіп, ЖСН қалыптастырыңыз"),
            (E::PossiblyRegistered { id, candidates }, Lang::Ru) => format!("заявка {id}: в реестре {candidates} лиц(а), похожих на заявителя; откажите по подпункту 3) пункта 15 или сформируйте ИИН, указав причину"),
            (E::ReasonRequired, Lang::Kk) => "шешімді өзгерту үшін себебін жазыңыз".into(),
            (E::ReasonRequired, Lang::Ru) => "для этого решения укажите причину".into(),
            (E::NotRegistered(id), Lang::Kk) => format!("{id} өтінімі: түзетілетін ЖСН тізілімде жоқ"),
            (E::NotRegistered(id), Lang::Ru) => format!("заявка {id}: корректируемого ИИН нет в реестре"),
            (E::NoFreeIin(id), Lang::Kk) => format!("{id} өтінімі: осы туған күн мен жынысқа ЖСН жасау мүмкін емес"),
            (E::NoFreeIin(id), Lang::Ru) => format!("заявка {id}: для этой даты рождения и пола нельзя сформировать ИИН"),
            (E::NoKey { path }, Lang::Kk) => format!("бұл компьютерде орталық кезек файлының {} кілті жоқ: әкімші кеңсенің кезек кілтін импорттайды (iin-desk key queue-import ФАЙЛ); ештеңе жіберілмеді", path.display()),
            (E::NoKey { path }, Lang::Ru) => format!("на этом компьютере нет ключа файла центральной очереди {}: администратор импортирует ключ очереди офиса (iin-desk key queue-import ФАЙЛ); ничего не отправлено", path.display()),
            (E::WrongKey { path }, Lang::Kk) => format!("{} файлын осы компьютердің кезек кілтімен ашу мүмкін емес (кілт қате, басқа кеңсенің файлы немесе кезек файлы емес); файл өзгертілмеді", path.display()),
            (E::WrongKey { path }, Lang::Ru) => format!("файл {} не открывается ключом очереди этого компьютера (неверный ключ, файл другого офиса или не файл очереди); файл не изменён", path.display()),
            (E::NotEncrypted { path }, Lang::Kk) => format!("{} шифрланбаған (алдыңғы нұсқа жасаған): барлық терезе синхрондалғаннан кейін әкімші оны бөлек қояды, терезелер `iin-desk sync --repush-all` арқылы шифрланған файлды қайта жасайды; файл өзгертілмеді", path.display()),
            (E::NotEncrypted { path }, Lang::Ru) => format!("файл {} не зашифрован (создан прежней версией): когда все окна синхронизируются, администратор убирает его, и окна создают зашифрованный командой `iin-desk sync --repush-all`; файл не изменён", path.display()),
            (E::Store(e), lang) => e.message(lang),
            (E::Server { location, detail }, lang) => tr_args(
                lang,
                "queue-server-unusable",
                &[("server", location.into()), ("detail", detail.into())],
            ),
            (E::ServerNoSchema { location }, lang) => tr_args(
                lang,
                "queue-server-no-schema",
                &[("server", location.into())],
            ),
            (E::ServerTooNew { location, found, supported }, lang) => tr_args(
                lang,
                "queue-server-schema-newer",
                &[
                    ("server", location.into()),
                    ("found", (*found).into()),
                    ("supported", (*supported).into()),
                ],
            ),
            (E::ServerPasswordInUrl { location }, lang) => tr_args(
                lang,
                "queue-server-password-in-url",
                &[("server", location.into())],
            ),
            (e, Lang::En) => e.to_string(),
        }
    }

    /// Whether the error is about the central file as a whole (the counter is offline),
    /// as opposed to one request.
    pub fn is_offline(&self) -> bool {
        matches!(
            self,
            QueueError::Missing { .. }
                | QueueError::NotAQueueFile { .. }
                | QueueError::NoKey { .. }
                | QueueError::WrongKey { .. }
                | QueueError::NotEncrypted { .. }
                | QueueError::Corrupt { .. }
                | QueueError::TooNew { .. }
                | QueueError::ReadOnly { .. }
                | QueueError::Busy { .. }
                | QueueError::Io { .. }
                | QueueError::Server { .. }
                | QueueError::ServerNoSchema { .. }
                | QueueError::ServerTooNew { .. }
                | QueueError::ServerPasswordInUrl { .. }
        )
    }
}
