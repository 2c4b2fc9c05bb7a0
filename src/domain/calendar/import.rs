//! The administrator's yearly calendar file: its shape and its checks.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{CalendarError, MAX_FILE_YEAR, MIN_FILE_YEAR};

/// What a calendar exception makes of its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// A working day, even if it would otherwise be a weekend or holiday.
    Working,
    /// A day off, even if it would otherwise be a working day.
    Holiday,
}

/// One date the government has set differently from the computed calendar:
/// a moved working day, a moved day off, or the first day of Kurban Ait.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CalendarException {
    /// The date concerned.
    pub date: NaiveDate,
    /// Whether the date is a working day or a day off.
    pub kind: ExceptionKind,
    /// A free-text reason shown to clerks, e.g. "Құрбан айт" or the decree.
    #[serde(default)]
    pub note: String,
}

/// The administrator's yearly calendar file, in JSON:
///
/// ```json
/// { "year": 2024,
///   "days": [ { "date": "2024-05-04", "kind": "working", "note": "moved from 8 May" },
///             { "date": "2024-05-08", "kind": "holiday" } ] }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CalendarFile {
    /// The year the file describes, from 2000 to 2100.
    pub year: i32,
    /// The exceptions of that year; every date lies in `year` and appears once.
    pub days: Vec<CalendarException>,
}

/// Parses and checks the administrator's yearly calendar file.
///
/// Rejects text that is not JSON of the [`CalendarFile`] shape (reporting the
/// line and column), a `year` outside 2000..=2100, an entry dated outside
/// `year` and a date listed twice. Entries are checked in order and the first
/// problem is reported.
pub fn parse_calendar_file(json: &str) -> Result<CalendarFile, CalendarError> {
    let file: CalendarFile = serde_json::from_str(json).map_err(|err| {
        let (line, column) = (err.line(), err.column());
        // serde_json appends the position to its text; it is reported in
        // separate fields, so the suffix is dropped to avoid saying it twice.
        let text = err.to_string();
        let suffix = format!(" at line {line} column {column}");
        let detail = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
        CalendarError::Json {
            line,
            column,
            detail,
        }
    })?;
    if !(MIN_FILE_YEAR..=MAX_FILE_YEAR).contains(&file.year) {
        return Err(CalendarError::YearOutOfRange { year: file.year });
    }
    let mut seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for (index, entry) in file.days.iter().enumerate() {
        if entry.date.year() != file.year {
            return Err(CalendarError::DateOutsideYear {
                index,
                date: entry.date,
                year: file.year,
            });
        }
        if let Some(&first_index) = seen.get(&entry.date) {
            return Err(CalendarError::DuplicateDate {
                index,
                first_index,
                date: entry.date,
            });
        }
        seen.insert(entry.date, index);
    }
    Ok(file)
}
