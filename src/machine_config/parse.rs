//! Reading the text of a machine configuration file.
//!
//! The file is this program's subset of TOML: one `key = value` per line, no sections, no
//! dotted or quoted keys, no value that runs on to the next line. So each line is read on
//! its own as a TOML document by the `toml` crate (strings and their escapes, integers,
//! arrays); then one typed pass checks the value against the setting's declaration
//! ([`crate::settings::Spec`]). A mistake names its line and what is expected.

use std::collections::BTreeSet;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::{
    classify_path, ConfigKey, LineError, LineProblem, MachineConfig, MAX_IDLE_LOCK_MINUTES,
    MAX_VALUE_CHARS,
};
use crate::domain::lang::Lang;
use crate::domain::mrz::frame::Framing;
use crate::reader::{Parity, BAUD_RANGE};
use crate::settings::Kind;

/// A value as written after `=`, in the forms the file accepts.
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
        // The key as written: one bare word before the `=`.
        let Some((key, written)) = trimmed.split_once('=') else {
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
        let target = match ConfigKey::from_machine_name(key) {
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
        let list = written.trim_start().starts_with('[');
        let value = line_value(trimmed).map_err(|problem| {
            fail(match (target, problem) {
                // `locked` with a control character is no list of key names, and a list
                // is no value for another key, whatever its items hold.
                (None, LineProblem::ControlCharacter(_)) => LineProblem::BadLockedList,
                (Some(k), LineProblem::ControlCharacter(_)) if list => LineProblem::Invalid(k),
                // The message names the key whose value holds it.
                (Some(_), LineProblem::ControlCharacter(_)) => {
                    LineProblem::ControlCharacter(key.to_string())
                }
                (_, problem) => problem,
            })
        })?;
        match target {
            Some(k) => set(&mut config, k, value).map_err(fail)?,
            None => config.locked = locked_keys(value).map_err(fail)?,
        }
    }
    Ok(config)
}

/// The value of a `key = value` line (trimmed; its key already checked), read by toml.
fn line_value(line: &str) -> Result<Value, LineProblem> {
    let mut raw = line;
    let table = loop {
        match first_error(raw) {
            Ok(table) => break table,
            // TOML refuses control characters in a comment; this file never read comments.
            Err(e) if e.message().contains("comment") => {
                let at = e.span().map_or(0, |s| s.start);
                match raw.get(..at).and_then(|r| r.rfind('#')) {
                    Some(hash) => raw = &raw[..hash],
                    None => return Err(toml_problem(raw, &e)),
                }
            }
            Err(e) => return leading_zeros(raw, &e).unwrap_or_else(|| Err(toml_problem(raw, &e))),
        }
    };
    // One bare key on the line: one entry.
    let (_, value) = table.iter().next().ok_or(LineProblem::NotKeyValue)?;
    let written = |v: &Spanned<DeValue<'_>>| raw.get(v.span()).unwrap_or_default();
    match value.get_ref() {
        DeValue::String(s) => {
            check_string(written(value))?;
            Ok(Value::Str(s.to_string()))
        }
        DeValue::Integer(_) => {
            let digits = written(value);
            if digits.chars().all(|c| c.is_ascii_digit()) {
                digits
                    .parse()
                    .map(Value::Int)
                    .map_err(|_| LineProblem::TooLong)
            } else {
                Err(not_a_value(digits))
            }
        }
        DeValue::Array(items) => items
            .iter()
            .map(|item| match item.get_ref() {
                DeValue::String(s) => {
                    check_string(written(item))?;
                    Ok(s.to_string())
                }
                _ => Err(LineProblem::BadLockedList),
            })
            .collect::<Result<_, _>>()
            .map(Value::List),
        DeValue::Float(_) | DeValue::Datetime(_) | DeValue::Boolean(_) | DeValue::Table(_) => {
            Err(not_a_value(written(value)))
        }
    }
}

/// The line as toml reads it, or the complaint nearest its start (toml reports some after
/// others that they follow from); at one place a string's own complaint comes first.
fn first_error(raw: &str) -> Result<DeTable<'_>, toml::de::Error> {
    let (table, errors) = DeTable::parse_recoverable(raw);
    let about_a_string = |e: &toml::de::Error| {
        let m = e.message();
        m.contains("string") || m.contains("escape") || m.contains("unicode")
    };
    match errors
        .into_iter()
        .min_by_key(|e| (e.span().map_or(raw.len(), |s| s.start), !about_a_string(e)))
    {
        Some(e) => Err(e),
        None => Ok(table.into_inner()),
    }
}

/// `counter = 07`: TOML refuses the leading zero, this file has always read the number 7.
fn leading_zeros(raw: &str, error: &toml::de::Error) -> Option<Result<Value, LineProblem>> {
    if !error.message().starts_with("unexpected leading zero") {
        return None;
    }
    let value = raw.split_once('=')?.1;
    let value = value.split_once('#').map_or(value, |(v, _)| v).trim();
    let digits = !value.is_empty() && value.chars().all(|c| c.is_ascii_digit());
    digits.then(|| {
        value
            .parse()
            .map(Value::Int)
            .map_err(|_| LineProblem::TooLong)
    })
}

/// A TOML value this file does not take: `5.5` or a date reads as a number with text after
/// it; `true`, `-1` or an inline table as a value without quotes.
fn not_a_value(written: &str) -> LineProblem {
    if written.starts_with(|c: char| c.is_ascii_digit()) {
        LineProblem::TrailingText
    } else {
        LineProblem::Unquoted
    }
}

/// What the file does not take in a string toml accepts: a multi-line string (`"""`,
/// `'''`), and the TOML 1.1 escapes `\x` and `\e` (for a path such as `"C:\xml"` they are
/// more likely a mistake than meant).
fn check_string(written: &str) -> Result<(), LineProblem> {
    if written.starts_with("\"\"\"") || written.starts_with("'''") {
        return Err(LineProblem::Unterminated);
    }
    if !written.starts_with('"') {
        return Ok(());
    }
    let mut chars = written.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(e @ ('x' | 'e')) => return Err(LineProblem::BadEscape(format!("\\{e}"))),
                _ => continue,
            }
        }
    }
    Ok(())
}

/// What toml's complaint about the line `raw` means in this file's terms. The file's rules
/// decide in the order a line is read: the value's first character (a quote, `[` or a
/// digit, else it is unquoted), then the string (closed on the line, its escapes, its
/// characters), then what follows it.
fn toml_problem(raw: &str, error: &toml::de::Error) -> LineProblem {
    let at = error.span().map_or(raw.len(), |s| s.start).min(raw.len());
    let message = error.message();
    let value = raw
        .split_once('=')
        .map_or("", |(_, v)| v.trim_start())
        .trim_end();
    match value.chars().next() {
        Some('"' | '\'' | '[') => {}
        Some(c) if c.is_ascii_digit() => {}
        _ => return LineProblem::Unquoted,
    }
    // A list's first item: a string, or the list is not one of key names.
    let first = value.strip_prefix('[').map(str::trim_start);
    match first.and_then(|f| f.chars().next()) {
        Some('"' | '\'' | ']') | None => {}
        Some(_) => return LineProblem::BadLockedList,
    }
    let string = first.unwrap_or(value);
    if string.starts_with("\"\"\"") || string.starts_with("'''") {
        return LineProblem::Unterminated;
    }
    if message.contains("escape") || message.contains("unicode") {
        return LineProblem::BadEscape(escape_at(raw, at));
    }
    let rest = raw.get(at..).unwrap_or_default();
    if message.starts_with("invalid") && message.contains("string") {
        // A raw control character inside the quotes, or no closing quote on the line.
        let quote = if message.contains("literal") {
            '\''
        } else {
            '"'
        };
        return match (rest.chars().next(), after_closing(rest, quote)) {
            // Unclosed: all the rest is the string, whose `\x` or `\e` came first.
            (_, None) => check_string(string)
                .err()
                .unwrap_or(LineProblem::Unterminated),
            (Some(c), Some(after)) if c.is_control() => {
                let after = after.trim_start();
                if first.is_some() || after.is_empty() || after.starts_with('#') {
                    // The key is put in by the caller, who knows it.
                    LineProblem::ControlCharacter(String::new())
                } else {
                    LineProblem::TrailingText
                }
            }
            _ => LineProblem::Unterminated,
        };
    }
    if message.starts_with("unexpected key or value") || message.starts_with("carriage return") {
        return LineProblem::TrailingText;
    }
    match value.chars().next() {
        Some('[') => LineProblem::BadLockedList,
        Some('"' | '\'') => check_string(string)
            .err()
            .unwrap_or(LineProblem::Unterminated),
        _ => LineProblem::TrailingText,
    }
}

/// The text after the closing `quote` of a string whose remaining text is `rest`; `None`
/// when the string does not close on the line.
fn after_closing(rest: &str, quote: char) -> Option<&str> {
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            c if c == quote => return rest.get(i + c.len_utf8()..),
            _ => {}
        }
    }
    None
}

/// The escape sequence toml refused near byte `at` of `raw`, as written: the backslash,
/// its letter and for `\u`/`\U` up to four or eight characters after it.
fn escape_at(raw: &str, at: usize) -> String {
    let upto = raw
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .find(|end| *end > at)
        .unwrap_or(raw.len());
    let start = raw.get(..upto).and_then(|s| s.rfind('\\')).unwrap_or(at);
    let mut chars = raw.get(start..).unwrap_or_default().chars();
    let mut escape: String = chars.by_ref().take(2).collect();
    let digits = match escape.chars().nth(1) {
        Some('u') => 4,
        Some('U') => 8,
        _ => 0,
    };
    escape.extend(chars.take(digits));
    escape
}

/// Whether a queue setting names a PostgreSQL server (`postgresql://…`, `postgres://…`).
fn is_server_url(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.starts_with("postgresql://") || lower.starts_with("postgres://")
}

/// Whether a server URL carries a password (`user:password@host`).
fn url_has_password(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority
        .rsplit_once('@')
        .is_some_and(|(user, _)| user.contains(':'))
}

/// Stores one value in the configuration after checking its form.
fn set(config: &mut MachineConfig, key: ConfigKey, value: Value) -> Result<(), LineProblem> {
    let kind = key.kind();
    let text = match value {
        Value::Str(s) => s,
        // `counter = 7` and `idle_lock_minutes = 5` read naturally without quotes.
        Value::Int(n) if matches!(kind, Kind::TextOrInteger | Kind::Minutes | Kind::Baud) => {
            n.to_string()
        }
        Value::Int(_) | Value::List(_) => return Err(LineProblem::Invalid(key)),
    };
    // Before trimming: a tab or line break at the end is no more text than one inside.
    if text.chars().any(char::is_control) {
        let name = key.machine_name().unwrap_or(key.store_key());
        return Err(LineProblem::ControlCharacter(name.to_string()));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(LineProblem::Empty);
    }
    if text.chars().count() > MAX_VALUE_CHARS {
        return Err(LineProblem::TooLong);
    }
    let owned = Some(text.to_string());
    match kind {
        // The queue may be a PostgreSQL server; its password never stands in this file.
        Kind::Path if key == ConfigKey::QueuePath && is_server_url(text) => {
            if url_has_password(text) {
                return Err(LineProblem::Invalid(key));
            }
        }
        Kind::Path if !classify_path(text).is_absolute() => {
            return Err(LineProblem::Invalid(key));
        }
        Kind::Language => {
            config.language = Some(Lang::parse(text).ok_or(LineProblem::Invalid(key))?);
            return Ok(());
        }
        Kind::Minutes => {
            let minutes = text
                .parse::<u32>()
                .ok()
                .filter(|m| (1..=MAX_IDLE_LOCK_MINUTES).contains(m))
                .ok_or(LineProblem::Invalid(key))?;
            config.idle_lock_minutes = Some(minutes);
            return Ok(());
        }
        Kind::Baud => {
            config.reader_baud = Some(
                text.parse::<u32>()
                    .ok()
                    .filter(|b| BAUD_RANGE.contains(b) && text.chars().all(|c| c.is_ascii_digit()))
                    .ok_or(LineProblem::Invalid(key))?,
            );
            return Ok(());
        }
        Kind::Parity => {
            let parity = Parity::from_key(text).ok_or(LineProblem::Invalid(key))?;
            config.reader_parity = Some(parity.key().to_string());
            return Ok(());
        }
        Kind::Framing => {
            let framing = Framing::from_key(text).ok_or(LineProblem::Invalid(key))?;
            config.reader_framing = Some(framing.key().to_string());
            return Ok(());
        }
        Kind::Text | Kind::TextOrInteger | Kind::Path => {}
    }
    let slot = match key {
        ConfigKey::OfficeName => &mut config.office_name,
        ConfigKey::OfficeAddress => &mut config.office_address,
        ConfigKey::Counter => &mut config.counter,
        ConfigKey::QueuePath => &mut config.queue_path,
        ConfigKey::PdfDir => &mut config.pdf_dir,
        ConfigKey::ReaderPort => &mut config.reader_port,
        // Not in the file (from_machine_name never gives them) or stored above.
        ConfigKey::Language
        | ConfigKey::IdleLockMinutes
        | ConfigKey::OfficePhone
        | ConfigKey::ReaderBaud
        | ConfigKey::ReaderParity
        | ConfigKey::ReaderFraming => {
            return Err(LineProblem::Invalid(key));
        }
    };
    *slot = owned;
    Ok(())
}

fn locked_keys(value: Value) -> Result<BTreeSet<ConfigKey>, LineProblem> {
    let Value::List(names) = value else {
        return Err(LineProblem::BadLockedList);
    };
    names
        .iter()
        .map(|n| ConfigKey::from_machine_name(n.trim()).ok_or(LineProblem::BadLockedList))
        .collect()
}
