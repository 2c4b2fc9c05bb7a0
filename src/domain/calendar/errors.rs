//! Why a calendar file was rejected, and the administrator's message for it (texts in
//! `assets/i18n/*/calendar.ftl`).

use chrono::NaiveDate;

use super::{MAX_FILE_YEAR, MIN_FILE_YEAR};
use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;

/// Why a calendar file was rejected.
///
/// The [`std::fmt::Display`] text is the English message; use
/// [`CalendarError::message`] for the clerk's language. Entry numbers in the
/// messages count from 1, while the `index` fields count from 0.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// The text is not JSON, or not of the expected shape (a missing field, a
    /// malformed date, an unknown `kind`, ...).
    #[error(
        "the calendar file is not valid JSON of the expected shape (line {line}, column \
         {column}: {detail}); expected {{\"year\": 2025, \"days\": [{{\"date\": \"YYYY-MM-DD\", \
         \"kind\": \"working\" or \"holiday\", \"note\": \"...\"}}]}}"
    )]
    Json {
        /// Line of the error, counting from 1 (0 if unknown).
        line: usize,
        /// Column of the error, counting from 1 (0 if unknown).
        column: usize,
        /// The parser's own description, in English.
        detail: String,
    },
    /// `year` is outside 2000..=2100.
    #[error(
        "the calendar file is for the year {year}; expected a year from {MIN_FILE_YEAR} to \
         {MAX_FILE_YEAR}"
    )]
    YearOutOfRange {
        /// The year found in the file.
        year: i32,
    },
    /// An entry's date is not in the file's year.
    #[error(
        "entry {} in \"days\" has the date {date}, which is not in the year {year}; expected a \
         date from {year}-01-01 to {year}-12-31",
        index + 1
    )]
    DateOutsideYear {
        /// Position of the entry in `days`, counting from 0.
        index: usize,
        /// The entry's date.
        date: NaiveDate,
        /// The file's year.
        year: i32,
    },
    /// A date is listed twice.
    #[error(
        "entry {} in \"days\" repeats the date {date}, already listed in entry {}; expected each \
         date at most once",
        index + 1,
        first_index + 1
    )]
    DuplicateDate {
        /// Position of the repeated entry in `days`, counting from 0.
        index: usize,
        /// Position of the first entry with the same date, counting from 0.
        first_index: usize,
        /// The repeated date.
        date: NaiveDate,
    },
}

impl CalendarError {
    /// The message for the administrator in `lang`, naming the faulty entry
    /// and what was expected instead (entries counted from 1).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            CalendarError::Json {
                line,
                column,
                detail,
            } => tr_args(
                lang,
                "calendar-error-json",
                &[
                    ("line", line.to_string().into()),
                    ("column", column.to_string().into()),
                    ("detail", detail.into()),
                ],
            ),
            CalendarError::YearOutOfRange { year } => tr_args(
                lang,
                "calendar-error-year-out-of-range",
                &[
                    ("year", year.to_string().into()),
                    ("min", MIN_FILE_YEAR.to_string().into()),
                    ("max", MAX_FILE_YEAR.to_string().into()),
                ],
            ),
            CalendarError::DateOutsideYear { index, date, year } => tr_args(
                lang,
                "calendar-error-date-outside-year",
                &[
                    ("entry", index.saturating_add(1).to_string().into()),
                    ("date", date.to_string().into()),
                    ("year", year.to_string().into()),
                ],
            ),
            CalendarError::DuplicateDate {
                index,
                first_index,
                date,
            } => tr_args(
                lang,
                "calendar-error-duplicate-date",
                &[
                    ("entry", index.saturating_add(1).to_string().into()),
                    ("first", first_index.saturating_add(1).to_string().into()),
                    ("date", date.to_string().into()),
                ],
            ),
        }
    }
}
