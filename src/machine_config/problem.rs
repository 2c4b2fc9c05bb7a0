//! Why a machine configuration cannot be used, with messages in the three languages
//! naming the file, the line and what is expected.

use std::path::PathBuf;

use super::{ConfigKey, MAX_IDLE_LOCK_MINUTES, MAX_VALUE_CHARS};
use crate::domain::lang::Lang;
use crate::settings::{Kind, Setting};

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
        let keys = Setting::MACHINE
            .map(|s| s.machine_name().unwrap_or_default())
            .join(", ");
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
    let name = key.machine_name().unwrap_or(key.store_key());
    let expected = match (key.kind(), lang) {
        (Kind::Language, Lang::Kk) => "kk, ru немесе en күтіледі".to_string(),
        (Kind::Language, Lang::Ru) => "ожидается kk, ru или en".to_string(),
        (Kind::Language, Lang::En) => "expected kk, ru or en".to_string(),
        (Kind::Minutes, Lang::Kk) => {
            format!("1-ден {MAX_IDLE_LOCK_MINUTES}-ге дейінгі минут саны күтіледі")
        }
        (Kind::Minutes, Lang::Ru) => {
            format!("ожидается число минут от 1 до {MAX_IDLE_LOCK_MINUTES}")
        }
        (Kind::Minutes, Lang::En) => {
            format!("expected a number of minutes from 1 to {MAX_IDLE_LOCK_MINUTES}")
        }
        (Kind::Path, Lang::Kk) => {
            r"толық жол күтіледі: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' немесе '/mnt/...'"
                .to_string()
        }
        (Kind::Path, Lang::Ru) => {
            r"ожидается полный путь: '\\сервер\ресурс\central-queue.sqlite3', 'D:\iin-desk\...' или '/mnt/...'"
                .to_string()
        }
        (Kind::Path, Lang::En) => {
            r"expected a full path: '\\server\share\central-queue.sqlite3', 'D:\iin-desk\...' or '/mnt/...'"
                .to_string()
        }
        (_, Lang::Kk) => "мәтін күтіледі".to_string(),
        (_, Lang::Ru) => "ожидается текст".to_string(),
        (_, Lang::En) => "expected text".to_string(),
    };
    format!("{name}: {expected}")
}
