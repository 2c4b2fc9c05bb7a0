//! Why a machine configuration cannot be used, with messages in the three languages
//! naming the file, the line and what is expected.

use std::path::PathBuf;

use super::{ConfigKey, MAX_IDLE_LOCK_MINUTES, MAX_VALUE_CHARS};
use crate::domain::i18n::{tr, tr_args};
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
            ConfigError::Unreadable { path, reason } => tr_args(
                lang,
                "config-unreadable",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", reason.into()),
                ],
            ),
            ConfigError::NotText { path } => tr_args(
                lang,
                "config-not-text",
                &[("path", path.display().to_string().into())],
            ),
            ConfigError::Line {
                path,
                line,
                problem,
            } => tr_args(
                lang,
                "config-line-problem",
                &[
                    ("path", path.display().to_string().into()),
                    ("line", line.to_string().into()),
                    ("problem", problem.message(lang).into()),
                ],
            ),
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
    /// A control character (such as a line break from `\n`) in the value of the named key.
    ControlCharacter(String),
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
        match self {
            LineProblem::NotKeyValue => tr(lang, "config-not-key-value"),
            LineProblem::Section => tr(lang, "config-section"),
            LineProblem::UnknownKey(k) => tr_args(
                lang,
                "config-unknown-key",
                &[("k", k.into()), ("keys", keys.as_str().into())],
            ),
            LineProblem::Duplicate { key, first_line } => tr_args(
                lang,
                "config-duplicate-key",
                &[
                    ("first_line", first_line.to_string().into()),
                    ("key", key.into()),
                ],
            ),
            LineProblem::Unquoted => tr(lang, "config-unquoted"),
            LineProblem::Unterminated => tr(lang, "config-unterminated"),
            LineProblem::BadEscape(e) => tr_args(lang, "config-bad-escape", &[("e", e.into())]),
            LineProblem::TrailingText => tr(lang, "config-trailing-text"),
            LineProblem::Empty => tr(lang, "config-empty"),
            LineProblem::ControlCharacter(key) if key.is_empty() => {
                tr(lang, "config-control-character")
            }
            LineProblem::ControlCharacter(key) => tr_args(
                lang,
                "config-value-of",
                &[
                    ("key", key.into()),
                    ("problem", tr(lang, "config-control-character").into()),
                ],
            ),
            LineProblem::TooLong => {
                tr_args(lang, "config-too-long", &[("max", MAX_VALUE_CHARS.into())])
            }
            LineProblem::Invalid(key) => invalid_message(*key, lang),
            LineProblem::BadLockedList => tr_args(
                lang,
                "config-bad-locked-list",
                &[("keys", keys.as_str().into())],
            ),
        }
    }
}

fn invalid_message(key: ConfigKey, lang: Lang) -> String {
    let name = key.machine_name().unwrap_or(key.store_key());
    let expected = match key.kind() {
        Kind::Language => tr(lang, "config-expected-language"),
        Kind::Minutes => tr_args(
            lang,
            "config-expected-minutes",
            &[("max", MAX_IDLE_LOCK_MINUTES.into())],
        ),
        Kind::Path if key == ConfigKey::QueuePath => tr(lang, "config-expected-queue"),
        Kind::Path => tr(lang, "config-expected-path"),
        Kind::Baud => tr_args(
            lang,
            "reader-expected-baud",
            &[
                ("min", crate::reader::BAUD_RANGE.start().to_string().into()),
                ("max", crate::reader::BAUD_RANGE.end().to_string().into()),
            ],
        ),
        Kind::Parity => tr(lang, "reader-expected-parity"),
        Kind::Framing => tr(lang, "reader-expected-framing"),
        _ => tr(lang, "config-expected-text"),
    };
    tr_args(
        lang,
        "config-invalid-value",
        &[("name", name.into()), ("expected", expected.into())],
    )
}
