//! The machine-wide configuration file: one file that sets up a counter PC for all of its
//! users, read before the per-user settings in the store.
//!
//! The file is `/etc/iin-desk/config.toml` on Linux and `%PROGRAMDATA%\iin-desk\config.toml`
//! on Windows (or the file named by `IIN_DESK_MACHINE_CONFIG`). It is a small subset of
//! TOML, one `key = value` per line:
//!
//! ```toml
//! # Esil district branch, counter 7
//! office_name = "Astana, Esil district branch"
//! counter = "7"
//! queue_path = '\\fileserver\iin-desk\central-queue.sqlite3' # single quotes: backslashes stay
//! idle_lock_minutes = 5
//! locked = ["queue_path"]
//! ```
//!
//! Values are `"basic strings"` (TOML escapes such as `\\` and `\"`), `'literal strings'`
//! (no escapes, the natural way to write a Windows path), integers for `counter` and
//! `idle_lock_minutes`, and one line array of key names for `locked`. Keys listed in
//! `locked` win over what a user saved in the settings screen.
//!
//! Parsing ([`parse_machine_config`]) is pure; [`load_machine_config`] only reads the file.
//! A missing file is an empty configuration. The file may be UTF-8 (with or without a BOM,
//! CRLF or LF) or UTF-16 with a BOM, as Windows tools write it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::domain::lang::Lang;

/// The environment variable that names another machine configuration file.
pub const MACHINE_CONFIG_ENV: &str = "IIN_DESK_MACHINE_CONFIG";

/// Longest accepted value, in characters: a path or an address, never a document.
const MAX_VALUE_CHARS: usize = 1000;

/// Longest idle time before the window locks, in minutes (a working day).
pub const MAX_IDLE_LOCK_MINUTES: u32 = 24 * 60;

/// A key of the machine configuration file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConfigKey {
    /// `office_name`: the office's name printed on documents.
    OfficeName,
    /// `office_address`: the office's address on the refusal receipt.
    OfficeAddress,
    /// `counter`: this PC's counter number.
    Counter,
    /// `queue_path`: the central queue file (usually on a network share).
    QueuePath,
    /// `language`: the window's language, `kk`, `ru` or `en`.
    Language,
    /// `pdf_dir`: where printed PDFs are kept.
    PdfDir,
    /// `idle_lock_minutes`: minutes without input before the window locks.
    IdleLockMinutes,
}

impl ConfigKey {
    /// Every key, in the order the example file lists them.
    pub const ALL: [ConfigKey; 7] = [
        ConfigKey::OfficeName,
        ConfigKey::OfficeAddress,
        ConfigKey::Counter,
        ConfigKey::QueuePath,
        ConfigKey::Language,
        ConfigKey::PdfDir,
        ConfigKey::IdleLockMinutes,
    ];

    /// The key as written in the file.
    pub fn name(self) -> &'static str {
        match self {
            ConfigKey::OfficeName => "office_name",
            ConfigKey::OfficeAddress => "office_address",
            ConfigKey::Counter => "counter",
            ConfigKey::QueuePath => "queue_path",
            ConfigKey::Language => "language",
            ConfigKey::PdfDir => "pdf_dir",
            ConfigKey::IdleLockMinutes => "idle_lock_minutes",
        }
    }

    /// The key of the same setting in the store's `settings` table.
    pub fn store_key(self) -> &'static str {
        match self {
            ConfigKey::OfficeName => "office.name",
            ConfigKey::OfficeAddress => "office.address",
            ConfigKey::Counter => "office.counter",
            ConfigKey::QueuePath => "queue.path",
            ConfigKey::Language => "ui.language",
            ConfigKey::PdfDir => "pdf.dir",
            ConfigKey::IdleLockMinutes => "ui.idle_lock_minutes",
        }
    }

    /// The key written as `name` in the file.
    pub fn from_name(name: &str) -> Option<ConfigKey> {
        ConfigKey::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The key of the store setting `store_key` (e.g. `queue.path`).
    pub fn from_store_key(store_key: &str) -> Option<ConfigKey> {
        ConfigKey::ALL
            .into_iter()
            .find(|k| k.store_key() == store_key)
    }
}

/// What the machine configuration file sets. `None` means "not in the file".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineConfig {
    /// The office's name.
    pub office_name: Option<String>,
    /// The office's address.
    pub office_address: Option<String>,
    /// This PC's counter number.
    pub counter: Option<String>,
    /// The central queue file, an absolute path (drive, UNC or Unix).
    pub queue_path: Option<String>,
    /// The window's language.
    pub language: Option<Lang>,
    /// Where printed PDFs are kept, an absolute path.
    pub pdf_dir: Option<String>,
    /// Minutes without input before the window locks (1 to a day).
    pub idle_lock_minutes: Option<u32>,
    /// Keys whose machine value wins over a user's saved setting.
    pub locked: BTreeSet<ConfigKey>,
}

impl MachineConfig {
    /// Whether the file sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == MachineConfig::default()
    }

    /// The value of `key` as the store keeps it (text), if the file sets it.
    pub fn value(&self, key: ConfigKey) -> Option<String> {
        match key {
            ConfigKey::OfficeName => self.office_name.clone(),
            ConfigKey::OfficeAddress => self.office_address.clone(),
            ConfigKey::Counter => self.counter.clone(),
            ConfigKey::QueuePath => self.queue_path.clone(),
            ConfigKey::Language => self.language.map(|l| l.code().to_string()),
            ConfigKey::PdfDir => self.pdf_dir.clone(),
            ConfigKey::IdleLockMinutes => self.idle_lock_minutes.map(|m| m.to_string()),
        }
    }

    /// Whether `key` is locked: set by the file and listed in `locked`, so the settings
    /// screen should show it read-only.
    pub fn is_locked(&self, key: ConfigKey) -> bool {
        self.locked.contains(&key) && self.value(key).is_some()
    }

    /// The value to use for `key`, given what the user saved in the store (`user`, blank
    /// when never saved): a locked machine value, else the user's value, else the machine
    /// value. `None` means neither: the caller uses its built-in default.
    pub fn resolve(&self, key: ConfigKey, user: Option<&str>) -> Option<String> {
        let machine = self.value(key);
        if self.is_locked(key) {
            return machine;
        }
        match user {
            Some(u) if !u.trim().is_empty() => Some(u.to_string()),
            _ => machine,
        }
    }
}

/// The machine configuration file of this PC: `IIN_DESK_MACHINE_CONFIG` when set, else
/// `%PROGRAMDATA%\iin-desk\config.toml` on Windows and `/etc/iin-desk/config.toml` elsewhere.
pub fn machine_config_path() -> PathBuf {
    match std::env::var_os(MACHINE_CONFIG_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => platform_config_path(),
    }
}

#[cfg(windows)]
fn platform_config_path() -> PathBuf {
    // ProgramData is machine-wide and readable by every user; only administrators write it.
    let programdata = std::env::var_os("PROGRAMDATA");
    match programdata.as_deref().and_then(std::ffi::OsStr::to_str) {
        Some(text) => PathBuf::from(windows_config_path(Some(text))),
        // Not Unicode (not seen in practice): joined as the OS spells it.
        None => match programdata {
            Some(p) if !p.is_empty() => PathBuf::from(p).join("iin-desk").join("config.toml"),
            _ => PathBuf::from(windows_config_path(None)),
        },
    }
}

#[cfg(not(windows))]
fn platform_config_path() -> PathBuf {
    PathBuf::from("/etc/iin-desk/config.toml")
}

/// The Windows machine configuration path for a `%PROGRAMDATA%` value, as text: what
/// [`machine_config_path`] uses on Windows, kept apart so it is tested on every OS.
pub fn windows_config_path(programdata: Option<&str>) -> String {
    let base = match programdata.map(str::trim) {
        Some(p) if !p.is_empty() => p.trim_end_matches(['\\', '/']),
        _ => r"C:\ProgramData",
    };
    format!(r"{base}\iin-desk\config.toml")
}

/// Reads and parses the machine configuration file at `path`. A missing file is an empty
/// configuration; anything else that cannot be read, or that does not parse, is an error.
pub fn load_machine_config(path: &Path) -> Result<MachineConfig, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(MachineConfig::default()),
        Err(e) => {
            return Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    let text = decode_text(&bytes).ok_or_else(|| ConfigError::NotText {
        path: path.to_path_buf(),
    })?;
    parse_machine_config(&text).map_err(|e| ConfigError::Line {
        path: path.to_path_buf(),
        line: e.line,
        problem: e.problem,
    })
}

/// Decodes the file's bytes: UTF-8 (an optional BOM is dropped) or UTF-16 with a BOM
/// (Windows PowerShell's `Out-File` and NSIS's `FileWriteUTF16LE` write that).
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        if bytes.len() % 2 != 0 {
            return None;
        }
        let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

/// Why the machine configuration cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but cannot be read.
    #[error("{}: cannot be read: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        reason: String,
    },
    /// The file is not UTF-8 or UTF-16 text.
    #[error("{}: not a text file (UTF-8 expected)", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
    },
    /// A line does not parse.
    #[error("{}, line {line}: {}", path.display(), problem.message(Lang::En))]
    Line {
        /// The file.
        path: PathBuf,
        /// The line number, from 1.
        line: usize,
        /// What is wrong and what is expected.
        problem: LineProblem,
    },
}

impl ConfigError {
    /// The message in `lang`, naming the file, the line and what is expected.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ConfigError::Unreadable { path, reason } => {
                let what = match lang {
                    Lang::Kk => "оқылмайды",
                    Lang::Ru => "не читается",
                    Lang::En => "cannot be read",
                };
                format!("{}: {what}: {reason}", path.display())
            }
            ConfigError::NotText { path } => {
                let what = match lang {
                    Lang::Kk => "мәтіндік файл емес (UTF-8 күтіледі)",
                    Lang::Ru => "не текстовый файл (ожидается UTF-8)",
                    Lang::En => "not a text file (UTF-8 expected)",
                };
                format!("{}: {what}", path.display())
            }
            ConfigError::Line {
                path,
                line,
                problem,
            } => {
                let word = match lang {
                    Lang::Kk => "жол",
                    Lang::Ru => "строка",
                    Lang::En => "line",
                };
                format!(
                    "{}, {word} {line}: {}",
                    path.display(),
                    problem.message(lang)
                )
            }
        }
    }
}

/// A line that does not parse, with its number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The line number, from 1.
    pub line: usize,
    /// What is wrong.
    pub problem: LineProblem,
}

/// What is wrong with a line of the machine configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// Not `key = value`, a comment or blank.
    NotKeyValue,
    /// A `[section]` header: the file has no sections.
    Section,
    /// A key this program does not know (a typo, usually).
    UnknownKey(String),
    /// The key was already set on an earlier line.
    Duplicate {
        /// The key.
        key: String,
        /// Where it was first set.
        first_line: usize,
    },
    /// The value is not quoted (nor an integer where one is allowed).
    Unquoted,
    /// The string's closing quote is missing.
    Unterminated,
    /// A backslash escape TOML does not know, as in `"C:\temp"`.
    BadEscape(String),
    /// Text after the value that is not a `#` comment.
    TrailingText,
    /// An empty value.
    Empty,
    /// A control character (such as a line break from `\n`) in a value.
    ControlCharacter,
    /// A value longer than the limit.
    TooLong,
    /// The value has the wrong form for its key.
    Invalid(ConfigKey),
    /// `locked` is not a one-line array of key names, or names an unknown key.
    BadLockedList,
}

impl LineProblem {
    /// What is wrong and what is expected, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let keys = ConfigKey::ALL.map(ConfigKey::name).join(", ");
        match (self, lang) {
            (LineProblem::NotKeyValue, Lang::Kk) => {
                "`кілт = \"мән\"`, `#` түсініктеме немесе бос жол күтіледі".into()
            }
            (LineProblem::NotKeyValue, Lang::Ru) => {
                "ожидается `ключ = \"значение\"`, комментарий `#` или пустая строка".into()
            }
            (LineProblem::NotKeyValue, Lang::En) => {
                "expected `key = \"value\"`, a `#` comment or a blank line".into()
            }
            (LineProblem::Section, Lang::Kk) => {
                "файлда [бөлімдер] жоқ; `кілт = \"мән\"` жолдарын бөлімсіз жазыңыз".into()
            }
            (LineProblem::Section, Lang::Ru) => {
                "в файле нет [разделов]; пишите строки `ключ = \"значение\"` без раздела".into()
            }
            (LineProblem::Section, Lang::En) => {
                "the file has no [sections]; write `key = \"value\"` lines without one".into()
            }
            (LineProblem::UnknownKey(k), Lang::Kk) => {
                format!("белгісіз кілт «{k}»; күтілетіні: {keys}, locked")
            }
            (LineProblem::UnknownKey(k), Lang::Ru) => {
                format!("неизвестный ключ «{k}»; ожидается: {keys}, locked")
            }
            (LineProblem::UnknownKey(k), Lang::En) => {
                format!("unknown key «{k}»; expected one of: {keys}, locked")
            }
            (LineProblem::Duplicate { key, first_line }, Lang::Kk) => {
                format!("«{key}» {first_line}-жолда берілген; бір кілт бір рет жазылады")
            }
            (LineProblem::Duplicate { key, first_line }, Lang::Ru) => {
                format!("«{key}» уже задан в строке {first_line}; каждый ключ задаётся один раз")
            }
            (LineProblem::Duplicate { key, first_line }, Lang::En) => {
                format!("«{key}» is already set on line {first_line}; set each key once")
            }
            (LineProblem::Unquoted, Lang::Kk) => {
                "мән тырнақшада күтіледі: \"мән\" немесе 'C:\\жол'".into()
            }
            (LineProblem::Unquoted, Lang::Ru) => {
                "ожидается значение в кавычках: \"значение\" или 'C:\\путь'".into()
            }
            (LineProblem::Unquoted, Lang::En) => {
                "expected a quoted value: \"value\" or 'C:\\path'".into()
            }
            (LineProblem::Unterminated, Lang::Kk) => {
                "жабатын тырнақша жоқ; мән бір жолда аяқталуы керек".into()
            }
            (LineProblem::Unterminated, Lang::Ru) => {
                "нет закрывающей кавычки; значение должно закончиться в той же строке".into()
            }
            (LineProblem::Unterminated, Lang::En) => {
                "the closing quote is missing; the value must end on the same line".into()
            }
            (LineProblem::BadEscape(e), Lang::Kk) => format!(
                "«{e}» белгісіз escape; жолдарды 'бір тырнақшаға' алыңыз немесе \\\\ жазыңыз"
            ),
            (LineProblem::BadEscape(e), Lang::Ru) => format!(
                "неизвестная escape-последовательность «{e}»; пути пишите в 'одинарных кавычках' или удваивайте \\\\"
            ),
            (LineProblem::BadEscape(e), Lang::En) => format!(
                "unknown escape «{e}»; write paths in 'single quotes' or double each backslash \\\\"
            ),
            (LineProblem::TrailingText, Lang::Kk) => {
                "мәннен кейін тек `#` түсініктеме болуы мүмкін".into()
            }
            (LineProblem::TrailingText, Lang::Ru) => {
                "после значения допускается только комментарий `#`".into()
            }
            (LineProblem::TrailingText, Lang::En) => {
                "only a `#` comment may follow the value".into()
            }
            (LineProblem::Empty, Lang::Kk) => {
                "мән бос; мән жазыңыз немесе жолды өшіріңіз".into()
            }
            (LineProblem::Empty, Lang::Ru) => {
                "пустое значение; укажите значение или удалите строку".into()
            }
            (LineProblem::Empty, Lang::En) => {
                "the value is empty; give a value or delete the line".into()
            }
            (LineProblem::ControlCharacter, Lang::Kk) => {
                "мәнде басқару таңбасы (мысалы, \\n) болмауы керек".into()
            }
            (LineProblem::ControlCharacter, Lang::Ru) => {
                "значение не должно содержать управляющих символов (например, \\n)".into()
            }
            (LineProblem::ControlCharacter, Lang::En) => {
                "the value must not contain control characters (such as \\n)".into()
            }
            (LineProblem::TooLong, Lang::Kk) => {
                format!("мән тым ұзын; ең көбі {MAX_VALUE_CHARS} таңба")
            }
            (LineProblem::TooLong, Lang::Ru) => {
                format!("значение слишком длинное; не более {MAX_VALUE_CHARS} символов")
            }
            (LineProblem::TooLong, Lang::En) => {
                format!("the value is too long; at most {MAX_VALUE_CHARS} characters")
            }
            (LineProblem::Invalid(key), lang) => invalid_message(*key, lang),
            (LineProblem::BadLockedList, Lang::Kk) => {
                format!("locked: бір жолдағы кілттер тізімі күтіледі, мысалы [\"queue_path\"]; кілттер: {keys}")
            }
            (LineProblem::BadLockedList, Lang::Ru) => {
                format!("locked: ожидается список ключей в одной строке, например [\"queue_path\"]; ключи: {keys}")
            }
            (LineProblem::BadLockedList, Lang::En) => {
                format!("locked: expected a one-line list of keys, such as [\"queue_path\"]; keys: {keys}")
            }
        }
    }
}

fn invalid_message(key: ConfigKey, lang: Lang) -> String {
    let name = key.name();
    let expected = match (key, lang) {
        (ConfigKey::Language, Lang::Kk) => "kk, ru немесе en күтіледі".to_string(),
        (ConfigKey::Language, Lang::Ru) => "ожидается kk, ru или en".to_string(),
        (ConfigKey::Language, Lang::En) => "expected kk, ru or en".to_string(),
        (ConfigKey::IdleLockMinutes, Lang::Kk) => {
            format!("1-ден {MAX_IDLE_LOCK_MINUTES}-ге дейінгі минут саны күтіледі")
        }
        (ConfigKey::IdleLockMinutes, Lang::Ru) => {
            format!("ожидается число минут от 1 до {MAX_IDLE_LOCK_MINUTES}")
        }
        (ConfigKey::IdleLockMinutes, Lang::En) => {
            format!("expected a number of minutes from 1 to {MAX_IDLE_LOCK_MINUTES}")
        }
        (ConfigKey::QueuePath | ConfigKey::PdfDir, Lang::Kk) => {
            r"толық жол күтіледі: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' немесе '/mnt/...'"
                .to_string()
        }
        (ConfigKey::QueuePath | ConfigKey::PdfDir, Lang::Ru) => {
            r"ожидается полный путь: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' или '/mnt/...'"
                .to_string()
        }
        (ConfigKey::QueuePath | ConfigKey::PdfDir, Lang::En) => {
            r"expected a full path: '\\server\share\central-queue.sqlite3', 'D:\iin-desk\...' or '/mnt/...'"
                .to_string()
        }
        (_, Lang::Kk) => "мәтін күтіледі".to_string(),
        (_, Lang::Ru) => "ожидается текст".to_string(),
        (_, Lang::En) => "expected text".to_string(),
    };
    format!("{name}: {expected}")
}

/// How a path written in the configuration is anchored. Classified by text, the same on
/// every OS, because a file written for Windows counters is also read in tests on Linux.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind<'a> {
    /// `\\server\share\…` or `//server/share/…` (also `\\?\UNC\server\share\…`).
    Unc {
        /// The server's name.
        server: &'a str,
        /// The share's name.
        share: &'a str,
    },
    /// `C:\…` or `C:/…` (also `\\?\C:\…`).
    Drive(char),
    /// `/…`: a Unix absolute path.
    Unix,
    /// Anything else: relative to a working folder nobody controls on a counter.
    Relative,
}

impl PathKind<'_> {
    /// Whether the path names the same file whatever the working folder.
    pub fn is_absolute(&self) -> bool {
        !matches!(self, PathKind::Relative)
    }
}

/// Classifies a path written as text (see [`PathKind`]).
pub fn classify_path(path: &str) -> PathKind<'_> {
    let is_sep = |c: char| c == '\\' || c == '/';
    // Win32 "verbatim" prefixes: \\?\C:\… and \\?\UNC\server\share\….
    let verbatim = path
        .strip_prefix(r"\\?\")
        .or_else(|| path.strip_prefix(r"\\.\"));
    if let Some(rest) = verbatim {
        let unc = rest
            .get(..4)
            .filter(|p| p[..3].eq_ignore_ascii_case("UNC") && p.ends_with(is_sep));
        return match unc {
            Some(_) => unc_parts(&rest[4..]),
            None => drive(rest),
        };
    }
    let mut chars = path.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if is_sep(a) && is_sep(b) => unc_parts(&path[2..]),
        (Some('/'), _) => PathKind::Unix,
        _ => drive(path),
    }
}

/// `server\share\rest` after the leading `\\`.
fn unc_parts(rest: &str) -> PathKind<'_> {
    let mut parts = rest.split(['\\', '/']);
    match (parts.next(), parts.next()) {
        (Some(server), Some(share)) if valid_unc_name(server) && valid_unc_name(share) => {
            PathKind::Unc { server, share }
        }
        _ => PathKind::Relative,
    }
}

fn valid_unc_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(':')
}

/// `C:\rest` or `C:/rest`; `C:rest` is relative to the drive's current folder.
fn drive(path: &str) -> PathKind<'_> {
    let b = path.as_bytes();
    match b {
        [d, b':', sep, ..] if d.is_ascii_alphabetic() && (*sep == b'\\' || *sep == b'/') => {
            PathKind::Drive(char::from(d.to_ascii_uppercase()))
        }
        _ => PathKind::Relative,
    }
}

/// A value as written after `=`.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Value {
    Str(String),
    Int(u64),
    List(Vec<String>),
}

/// Parses the text of a machine configuration file.
pub fn parse_machine_config(text: &str) -> Result<MachineConfig, LineError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut config = MachineConfig::default();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let fail = |problem| LineError { line, problem };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('[') {
            return Err(fail(LineProblem::Section));
        }
        let Some((key, rest)) = trimmed.split_once('=') else {
            return Err(fail(LineProblem::NotKeyValue));
        };
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err(fail(LineProblem::NotKeyValue));
        }
        let target = match ConfigKey::from_name(key) {
            Some(k) => Some(k),
            None if key == "locked" => None,
            None => return Err(fail(LineProblem::UnknownKey(key.to_string()))),
        };
        if let Some((_, first_line)) = seen.iter().find(|(k, _)| k == key) {
            return Err(fail(LineProblem::Duplicate {
                key: key.to_string(),
                first_line: *first_line,
            }));
        }
        seen.push((key.to_string(), line));
        let (value, after) = parse_value(rest.trim_start()).map_err(fail)?;
        let after = after.trim_start();
        if !(after.is_empty() || after.starts_with('#')) {
            return Err(fail(LineProblem::TrailingText));
        }
        match target {
            Some(k) => set(&mut config, k, value).map_err(fail)?,
            None => config.locked = locked_keys(value).map_err(fail)?,
        }
    }
    Ok(config)
}

/// Stores one value in the configuration after checking its form.
fn set(config: &mut MachineConfig, key: ConfigKey, value: Value) -> Result<(), LineProblem> {
    let text = match value {
        Value::Str(s) => s,
        // `counter = 7` and `idle_lock_minutes = 5` read naturally without quotes.
        Value::Int(n) if matches!(key, ConfigKey::Counter | ConfigKey::IdleLockMinutes) => {
            n.to_string()
        }
        Value::Int(_) | Value::List(_) => return Err(LineProblem::Invalid(key)),
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(LineProblem::Empty);
    }
    if text.chars().any(char::is_control) {
        return Err(LineProblem::ControlCharacter);
    }
    if text.chars().count() > MAX_VALUE_CHARS {
        return Err(LineProblem::TooLong);
    }
    let owned = Some(text.to_string());
    match key {
        ConfigKey::OfficeName => config.office_name = owned,
        ConfigKey::OfficeAddress => config.office_address = owned,
        ConfigKey::Counter => config.counter = owned,
        ConfigKey::QueuePath | ConfigKey::PdfDir => {
            if !classify_path(text).is_absolute() {
                return Err(LineProblem::Invalid(key));
            }
            if key == ConfigKey::QueuePath {
                config.queue_path = owned;
            } else {
                config.pdf_dir = owned;
            }
        }
        ConfigKey::Language => {
            config.language = Some(Lang::parse(text).ok_or(LineProblem::Invalid(key))?);
        }
        ConfigKey::IdleLockMinutes => {
            let minutes = text
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=MAX_IDLE_LOCK_MINUTES).contains(m))
                .ok_or(LineProblem::Invalid(key))?;
            config.idle_lock_minutes = Some(minutes);
        }
    }
    Ok(())
}

fn locked_keys(value: Value) -> Result<BTreeSet<ConfigKey>, LineProblem> {
    let Value::List(names) = value else {
        return Err(LineProblem::BadLockedList);
    };
    names
        .iter()
        .map(|n| ConfigKey::from_name(n.trim()).ok_or(LineProblem::BadLockedList))
        .collect()
}

/// Parses the value at the start of `s`; returns it and the rest of the line.
fn parse_value(s: &str) -> Result<(Value, &str), LineProblem> {
    match s.chars().next() {
        Some('"') | Some('\'') => {
            let (text, rest) = parse_string(s)?;
            Ok((Value::Str(text), rest))
        }
        Some('[') => parse_list(&s[1..]),
        Some(c) if c.is_ascii_digit() => {
            let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let n = s[..end].parse().map_err(|_| LineProblem::TooLong)?;
            Ok((Value::Int(n), &s[end..]))
        }
        _ => Err(LineProblem::Unquoted),
    }
}

/// A one-line array of strings, after its `[`.
fn parse_list(mut s: &str) -> Result<(Value, &str), LineProblem> {
    let mut items = Vec::new();
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix(']') {
            return Ok((Value::List(items), rest));
        }
        if !(s.starts_with('"') || s.starts_with('\'')) {
            return Err(LineProblem::BadLockedList);
        }
        let (item, rest) = parse_string(s)?;
        items.push(item);
        s = rest.trim_start();
        if let Some(rest) = s.strip_prefix(',') {
            s = rest;
        } else if !s.starts_with(']') {
            return Err(LineProblem::BadLockedList);
        }
    }
}

/// A `"basic"` (with TOML escapes) or `'literal'` string at the start of `s`; returns it
/// and the rest of the line. Multi-line strings (`"""`, `'''`) are not accepted.
fn parse_string(s: &str) -> Result<(String, &str), LineProblem> {
    let quote = s.chars().next().ok_or(LineProblem::Unquoted)?;
    let body = &s[1..];
    if body.starts_with(quote) && body[1..].starts_with(quote) {
        return Err(LineProblem::Unterminated);
    }
    if quote == '\'' {
        let end = body.find('\'').ok_or(LineProblem::Unterminated)?;
        return Ok((body[..end].to_string(), &body[end + 1..]));
    }
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or(LineProblem::Unterminated)?;
                let simple = match e {
                    '\\' => Some('\\'),
                    '"' => Some('"'),
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    continue;
                }
                let digits = match e {
                    'u' => 4,
                    'U' => 8,
                    _ => return Err(LineProblem::BadEscape(format!("\\{e}"))),
                };
                let start = i + 2;
                let hex: String = body[start..].chars().take(digits).collect();
                let decoded = (hex.len() == digits && hex.chars().all(|h| h.is_ascii_hexdigit()))
                    .then(|| u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32))
                    .flatten()
                    .ok_or_else(|| LineProblem::BadEscape(format!("\\{e}{hex}")))?;
                out.push(decoded);
                for _ in 0..digits {
                    chars.next();
                }
            }
            _ => out.push(c),
        }
    }
    Err(LineProblem::Unterminated)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn parse(text: &str) -> MachineConfig {
        match parse_machine_config(text) {
            Ok(c) => c,
            Err(e) => panic!("{text:?}: line {}: {}", e.line, e.problem.message(Lang::En)),
        }
    }

    #[track_caller]
    fn fails(text: &str, line: usize, problem: LineProblem) {
        assert_eq!(
            parse_machine_config(text),
            Err(LineError { line, problem }),
            "{text:?}"
        );
    }

    #[track_caller]
    fn queue(text: &str) -> String {
        parse(text).queue_path.unwrap_or_default()
    }

    #[test]
    fn a_whole_file_with_comments_and_every_key() {
        let text = r#"
# Astana, Esil district branch — counter 7
office_name = "Астана қ., Есіл ауданы бөлімі"   # printed on documents
office_address = "Astana, Kabanbay batyr ave 1"
counter = 7
queue_path = '\\fileserver\iin-desk\queue.sqlite'
language = "ru"
pdf_dir = 'D:\iin-desk\documents'
idle_lock_minutes = 10
locked = ["queue_path", "counter"]
"#;
        let c = parse(text);
        assert_eq!(
            c.office_name.as_deref(),
            Some("Астана қ., Есіл ауданы бөлімі")
        );
        assert_eq!(
            c.office_address.as_deref(),
            Some("Astana, Kabanbay batyr ave 1")
        );
        assert_eq!(c.counter.as_deref(), Some("7"));
        assert_eq!(
            c.queue_path.as_deref(),
            Some(r"\\fileserver\iin-desk\queue.sqlite")
        );
        assert_eq!(c.language, Some(Lang::Ru));
        assert_eq!(c.pdf_dir.as_deref(), Some(r"D:\iin-desk\documents"));
        assert_eq!(c.idle_lock_minutes, Some(10));
        assert_eq!(
            c.locked,
            BTreeSet::from([ConfigKey::QueuePath, ConfigKey::Counter])
        );
    }

    #[test]
    fn blank_and_comment_only_files_are_empty() {
        for text in [
            "",
            "\n\n",
            "# nothing yet\n   # indented\n",
            "\u{feff}# BOM\r\n",
        ] {
            assert!(parse(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn windows_paths_in_each_spelling() {
        let unc = r"\\server\share\queue.sqlite";
        for (text, expected) in [
            (r"queue_path = '\\server\share\queue.sqlite'", unc),
            (r#"queue_path = "\\\\server\\share\\queue.sqlite""#, unc),
            (
                r#"queue_path = "//server/share/queue.sqlite""#,
                "//server/share/queue.sqlite",
            ),
            (
                r"queue_path = 'C:\iin-desk\queue.sqlite'",
                r"C:\iin-desk\queue.sqlite",
            ),
            (
                r"queue_path = 'c:/iin-desk/queue.sqlite'",
                "c:/iin-desk/queue.sqlite",
            ),
            (
                r"queue_path = '\\?\UNC\server\share\queue.sqlite'",
                r"\\?\UNC\server\share\queue.sqlite",
            ),
            (
                r"queue_path = '\\srv-01.gov4c.local\IIN Queue$\Астана\queue.sqlite'",
                r"\\srv-01.gov4c.local\IIN Queue$\Астана\queue.sqlite",
            ),
            (
                "queue_path = '/mnt/iin-desk/queue.sqlite'",
                "/mnt/iin-desk/queue.sqlite",
            ),
        ] {
            assert_eq!(queue(text), expected, "{text}");
        }
    }

    #[test]
    fn a_windows_path_in_double_quotes_says_how_to_write_it() {
        // `\s` is not a TOML escape: the message points to single quotes.
        fails(
            r#"queue_path = "\\server\share\queue.sqlite""#,
            1,
            LineProblem::BadEscape(r"\s".into()),
        );
        let message = LineProblem::BadEscape(r"\s".into()).message(Lang::En);
        assert!(message.contains("single quotes"), "{message}");
        // `\t` is an escape, so "C:\temp" would hide a tab: refused as a control character.
        fails(r#"pdf_dir = "C:\temp""#, 1, LineProblem::ControlCharacter);
    }

    #[test]
    fn relative_paths_are_refused() {
        for path in [
            "queue.sqlite",
            r"share\queue.sqlite",
            r"C:queue.sqlite",
            r"\\server",
            r"\\server\\queue.sqlite",
            r"%PROGRAMDATA%\iin-desk\queue.sqlite",
            "~/queue.sqlite",
        ] {
            fails(
                &format!("queue_path = '{path}'"),
                1,
                LineProblem::Invalid(ConfigKey::QueuePath),
            );
        }
    }

    #[test]
    fn paths_are_classified_like_windows_does() {
        let unc = |server, share| PathKind::Unc { server, share };
        for (path, kind) in [
            (r"\\server\share\queue.sqlite", unc("server", "share")),
            (r"\\server\share", unc("server", "share")),
            ("//server/share/q.sqlite", unc("server", "share")),
            (r"\\10.0.0.5\iin$\q.sqlite", unc("10.0.0.5", "iin$")),
            (r"\\?\UNC\server\share\q.sqlite", unc("server", "share")),
            (r"\\?\unc\server\share\q.sqlite", unc("server", "share")),
            (r"\\?\D:\iin\q.sqlite", PathKind::Drive('D')),
            (r"d:\iin\q.sqlite", PathKind::Drive('D')),
            ("Z:/iin/q.sqlite", PathKind::Drive('Z')),
            ("/srv/iin/q.sqlite", PathKind::Unix),
            (r"\\server", PathKind::Relative),
            (r"\\server\", PathKind::Relative),
            (r"\\.\..\x", PathKind::Relative),
            (r"\iin\q.sqlite", PathKind::Relative),
            ("C:q.sqlite", PathKind::Relative),
            ("1:/q.sqlite", PathKind::Relative),
            ("", PathKind::Relative),
            ("Қ:\\q", PathKind::Relative),
        ] {
            assert_eq!(classify_path(path), kind, "{path}");
        }
    }

    #[test]
    fn string_escapes() {
        let office = |text: &str| parse(text).office_name.unwrap_or_default();
        assert_eq!(
            office(r#"office_name = "Branch \"Esil\"""#),
            r#"Branch "Esil""#
        );
        assert_eq!(office(r#"office_name = "\u0410\U0001F600""#), "А😀");
        assert_eq!(
            office(r#"office_name = 'say "hi" # not a comment'"#),
            r#"say "hi" # not a comment"#
        );
        assert_eq!(office("office_name=\"tight\""), "tight");
        assert_eq!(office("  office_name =   '  padded  '  "), "padded");
        fails(
            r#"office_name = "\u00""#,
            1,
            LineProblem::BadEscape(r#"\u00""#.into()),
        );
        fails(
            r#"office_name = "\uD800""#,
            1,
            LineProblem::BadEscape(r"\uD800".into()),
        );
        fails(
            r#"office_name = "\x41""#,
            1,
            LineProblem::BadEscape(r"\x".into()),
        );
        fails(r#"office_name = "a\nb""#, 1, LineProblem::ControlCharacter);
    }

    #[test]
    fn each_mistake_names_its_line() {
        for (text, line, problem) in [
            ("office_name \"x\"", 1, LineProblem::NotKeyValue),
            ("\n\n= \"x\"", 3, LineProblem::NotKeyValue),
            ("office name = \"x\"", 1, LineProblem::NotKeyValue),
            ("[iin-desk]\ncounter = 1", 1, LineProblem::Section),
            (
                "# ok\nqueue = '/q'",
                2,
                LineProblem::UnknownKey("queue".into()),
            ),
            (
                "counter = 1\n\ncounter = 2",
                3,
                LineProblem::Duplicate {
                    key: "counter".into(),
                    first_line: 1,
                },
            ),
            ("office_name = Esil", 1, LineProblem::Unquoted),
            ("office_name =", 1, LineProblem::Unquoted),
            ("office_name = \"Esil", 1, LineProblem::Unterminated),
            ("office_name = 'Esil", 1, LineProblem::Unterminated),
            ("office_name = \"\"\"x\"\"\"", 1, LineProblem::Unterminated),
            ("office_name = \"x\\", 1, LineProblem::Unterminated),
            ("office_name = \"x\" y", 1, LineProblem::TrailingText),
            ("office_name = \"x\" \"y\"", 1, LineProblem::TrailingText),
            ("office_name = \"\"", 1, LineProblem::Empty),
            ("office_name = '   '", 1, LineProblem::Empty),
            (
                "office_name = 7",
                1,
                LineProblem::Invalid(ConfigKey::OfficeName),
            ),
            (
                "language = \"de\"",
                1,
                LineProblem::Invalid(ConfigKey::Language),
            ),
            (
                "language = [\"kk\"]",
                1,
                LineProblem::Invalid(ConfigKey::Language),
            ),
            (
                "idle_lock_minutes = 0",
                1,
                LineProblem::Invalid(ConfigKey::IdleLockMinutes),
            ),
            (
                "idle_lock_minutes = 1441",
                1,
                LineProblem::Invalid(ConfigKey::IdleLockMinutes),
            ),
            (
                "idle_lock_minutes = \"five\"",
                1,
                LineProblem::Invalid(ConfigKey::IdleLockMinutes),
            ),
            (
                "idle_lock_minutes = 99999999999999999999999",
                1,
                LineProblem::TooLong,
            ),
            ("idle_lock_minutes = 5.5", 1, LineProblem::TrailingText),
            ("locked = \"queue_path\"", 1, LineProblem::BadLockedList),
            ("locked = [\"queue\"]", 1, LineProblem::BadLockedList),
            ("locked = [\"locked\"]", 1, LineProblem::BadLockedList),
            ("locked = [queue_path]", 1, LineProblem::BadLockedList),
            (
                "locked = [\"counter\" \"language\"]",
                1,
                LineProblem::BadLockedList,
            ),
            ("locked = [\"counter\",", 1, LineProblem::BadLockedList),
        ] {
            fails(text, line, problem);
        }
        let long = format!("office_name = '{}'", "я".repeat(MAX_VALUE_CHARS + 1));
        fails(&long, 1, LineProblem::TooLong);
    }

    #[test]
    fn numbers_and_lists_in_their_forms() {
        let c = parse(
            "counter = \"12A\"\nidle_lock_minutes = \"15\"\nlocked = [ 'language' , \"pdf_dir\", ]",
        );
        assert_eq!(c.counter.as_deref(), Some("12A"));
        assert_eq!(c.idle_lock_minutes, Some(15));
        assert_eq!(
            c.locked,
            BTreeSet::from([ConfigKey::Language, ConfigKey::PdfDir])
        );
        assert!(parse("locked = []").locked.is_empty());
        assert_eq!(parse("language = 'KZ'").language, Some(Lang::Kk));
    }

    #[test]
    fn crlf_and_utf16_files_as_windows_writes_them() {
        let text = "\u{feff}counter = \"3\"\r\nqueue_path = '\\\\srv\\q\\queue.sqlite'\r\n";
        let c = parse(text);
        assert_eq!(c.counter.as_deref(), Some("3"));
        assert_eq!(c.queue_path.as_deref(), Some(r"\\srv\q\queue.sqlite"));

        let plain = "office_name = 'Есіл'\r\n";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in plain.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend(plain.as_bytes());
        for bytes in [le, be, bom8, plain.as_bytes().to_vec()] {
            assert_eq!(decode_text(&bytes).as_deref(), Some(plain));
        }
        assert_eq!(decode_text(&[0xFF, 0xFE, 0x41]), None);
        assert_eq!(decode_text(&[0xC0, 0x41]), None);
    }

    #[test]
    fn precedence_machine_then_user_then_locked_machine() {
        let c = parse("counter = 7\nqueue_path = '/srv/q.sqlite'\nlocked = ['queue_path']");
        // Not locked: the user's saved value wins, the machine value fills a blank.
        assert_eq!(
            c.resolve(ConfigKey::Counter, Some("9")).as_deref(),
            Some("9")
        );
        assert_eq!(
            c.resolve(ConfigKey::Counter, Some("  ")).as_deref(),
            Some("7")
        );
        assert_eq!(c.resolve(ConfigKey::Counter, None).as_deref(), Some("7"));
        // Locked: the machine value wins.
        assert_eq!(
            c.resolve(ConfigKey::QueuePath, Some("/home/me/q.sqlite"))
                .as_deref(),
            Some("/srv/q.sqlite")
        );
        assert!(c.is_locked(ConfigKey::QueuePath));
        // Neither sets it: the caller's default.
        assert_eq!(c.resolve(ConfigKey::PdfDir, None), None);
        // Locking a key the file does not set locks nothing.
        let c = parse("locked = ['language']");
        assert!(!c.is_locked(ConfigKey::Language));
        assert_eq!(
            c.resolve(ConfigKey::Language, Some("en")).as_deref(),
            Some("en")
        );
    }

    #[test]
    fn keys_map_to_the_store_settings() {
        for key in ConfigKey::ALL {
            assert_eq!(ConfigKey::from_name(key.name()), Some(key));
            assert_eq!(ConfigKey::from_store_key(key.store_key()), Some(key));
        }
        let c = parse("language = 'en'\nidle_lock_minutes = 3");
        assert_eq!(c.value(ConfigKey::Language).as_deref(), Some("en"));
        assert_eq!(c.value(ConfigKey::IdleLockMinutes).as_deref(), Some("3"));
    }

    #[test]
    fn the_windows_path_comes_from_programdata() {
        for (programdata, expected) in [
            (
                Some(r"C:\ProgramData"),
                r"C:\ProgramData\iin-desk\config.toml",
            ),
            (
                Some(r"D:\ProgramData\"),
                r"D:\ProgramData\iin-desk\config.toml",
            ),
            (None, r"C:\ProgramData\iin-desk\config.toml"),
            (Some("  "), r"C:\ProgramData\iin-desk\config.toml"),
        ] {
            assert_eq!(windows_config_path(programdata), expected);
        }
    }

    #[cfg(not(windows))]
    #[test]
    fn the_platform_path_is_in_etc() {
        assert_eq!(
            platform_config_path(),
            PathBuf::from("/etc/iin-desk/config.toml")
        );
    }

    #[test]
    fn loading_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let missing = dir.path().join("config.toml");
        assert_eq!(load_machine_config(&missing), Ok(MachineConfig::default()));

        std::fs::write(&missing, "counter = 4\n").expect("write");
        assert_eq!(
            load_machine_config(&missing).map(|c| c.counter),
            Ok(Some("4".into()))
        );

        std::fs::write(&missing, "counter = 4\nlanguage = 'fr'\n").expect("write");
        let err = load_machine_config(&missing).expect_err("fr is not a language");
        assert_eq!(
            err,
            ConfigError::Line {
                path: missing.clone(),
                line: 2,
                problem: LineProblem::Invalid(ConfigKey::Language),
            }
        );
        let ru = err.message(Lang::Ru);
        assert!(
            ru.contains("строка 2") && ru.contains("kk, ru или en"),
            "{ru}"
        );
        assert!(err.message(Lang::Kk).contains("жол 2"));
        assert!(err
            .to_string()
            .contains("line 2: language: expected kk, ru or en"));

        std::fs::write(&missing, [0xC0, 0xC1]).expect("write");
        assert!(matches!(
            load_machine_config(&missing),
            Err(ConfigError::NotText { .. })
        ));
        // A folder where the file should be cannot be read.
        let folder = dir.path().join("folder.toml");
        std::fs::create_dir(&folder).expect("mkdir");
        assert!(matches!(
            load_machine_config(&folder),
            Err(ConfigError::Unreadable { .. })
        ));
    }

    #[test]
    fn every_problem_has_three_different_messages() {
        let problems = [
            LineProblem::NotKeyValue,
            LineProblem::Section,
            LineProblem::UnknownKey("x".into()),
            LineProblem::Duplicate {
                key: "x".into(),
                first_line: 1,
            },
            LineProblem::Unquoted,
            LineProblem::Unterminated,
            LineProblem::BadEscape(r"\q".into()),
            LineProblem::TrailingText,
            LineProblem::Empty,
            LineProblem::ControlCharacter,
            LineProblem::TooLong,
            LineProblem::Invalid(ConfigKey::QueuePath),
            LineProblem::Invalid(ConfigKey::OfficeName),
            LineProblem::BadLockedList,
        ];
        for p in problems {
            let [kk, ru, en] = Lang::ALL.map(|l| p.message(l));
            assert!(kk != ru && ru != en && kk != en, "{p:?}");
        }
    }

    #[test]
    fn the_file_the_windows_installer_writes_parses() {
        // The lines packaging/windows/iin-desk.nsi writes, with its variables filled in,
        // encoded as the installer encodes them (UTF-16LE with a BOM, CRLF).
        let nsi = include_str!("../packaging/windows/iin-desk.nsi");
        let queue = r"\\srv-01\IIN Queue$\Астана\queue.sqlite";
        let text: String = nsi
            .lines()
            .filter(|l| l.trim_start().starts_with("FileWriteUTF16LE"))
            .filter_map(|l| Some(l.split_once(" \"")?.1.strip_suffix('"')?.to_string()))
            .map(|l| {
                l.replace("$\\r$\\n", "\r\n")
                    .replace("$\\\"", "\"")
                    .replace("${VERSION}", "0.1.0")
                    .replace("$INSTDIR", r"C:\Program Files\iin-desk")
                    .replace("$Counter", "7")
                    .replace("$QueuePath", queue)
            })
            .collect();
        assert!(text.contains("queue_path"), "{text}");
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let c = parse(&decode_text(&bytes).expect("UTF-16"));
        assert_eq!(c.counter.as_deref(), Some("7"));
        assert_eq!(c.queue_path.as_deref(), Some(queue));
        assert!(c.is_locked(ConfigKey::QueuePath));
    }

    #[test]
    fn the_example_file_parses() {
        let text = include_str!("../packaging/config.example.toml");
        let c = parse(text);
        assert!(c.queue_path.is_some(), "the example sets the queue");
    }
}
