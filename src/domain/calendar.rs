//! The working calendar of Kazakhstan and the time limits of the IIN service.
//!
//! The rules come from the service standard (Order 146 of 2023, Appendix 3)
//! and the law on holidays it refers to:
//!
//! * Saturday and Sunday are weekends.
//! * The fixed public holidays are 1–2 January, 7 January, 8 March,
//!   21–23 March, 1 May, 7 May, 9 May, 6 July, 30 August, 25 October and
//!   16 December (see [`fixed_holidays`]).
//! * A holiday that falls on a Saturday or Sunday gives a day off on the next
//!   working day, except 7 January (Orthodox Christmas) and Kurban Ait, which
//!   are religious holidays and are never moved. Holidays are processed in date
//!   order and a moved day skips every day that is already off, so 21–23 March
//!   2026 (Saturday, Sunday, Monday) also gives Tuesday 24 and Wednesday 25
//!   March.
//! * Everything else changes every year by government decree: the date of
//!   Kurban Ait and the working days moved to other dates (Saturday 4 May 2024
//!   was a working day, Wednesday 8 May 2024 a day off). These come from a
//!   yearly JSON file the administrator imports ([`CalendarFile`],
//!   [`parse_calendar_file`]); its entries override everything computed.
//!
//! The service term is one working day; [`WorkingCalendar::service_deadline`]
//! documents exactly how the deadline is counted. The counter time limits
//! ([`MAX_WAITING_MINUTES`], [`MAX_SERVICE_MINUTES`]) drive the clerk's service
//! timer through [`service_timer_level`].
//!
//! Everything here is pure: no IO and no clock. Times are
//! [`NaiveDateTime`]/[`NaiveDate`] values in local Kazakhstan time, passed in by
//! the caller. No function panics on any date chrono can represent; date
//! arithmetic at the ends of chrono's range saturates instead.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::lang::{Lang, Tr};

/// Maximum time, in minutes, an applicant may wait at the State Corporation
/// counter before handing in documents.
pub const MAX_WAITING_MINUTES: i64 = 15;

/// Maximum time, in minutes, the State Corporation clerk may spend serving one
/// applicant.
pub const MAX_SERVICE_MINUTES: i64 = 20;

/// Minutes after which the service timer warns the clerk. The GUI chose 15 so
/// that the clerk has five minutes left before [`MAX_SERVICE_MINUTES`].
const TIMER_WARNING_MINUTES: i64 = 15;

/// The provider (the police) starts receiving applications at 9:00.
pub const RECEPTION_OPENS: NaiveTime = hm(9, 0);

/// The provider stops receiving applications at 17:30; a submission at 17:30:00
/// or later is received on the next working day.
pub const RECEPTION_CLOSES: NaiveTime = hm(17, 30);

/// The provider works until 18:30, which is therefore the hour of every
/// deadline.
pub const PROVIDER_CLOSES: NaiveTime = hm(18, 30);

/// How many days [`WorkingCalendar::next_working_day`] looks ahead. A whole
/// year is enough for any real calendar; the bound only exists so that a
/// pathological exceptions list cannot make the search endless.
const SEARCH_LIMIT_DAYS: u32 = 366;

/// The smallest and largest year a calendar file may describe.
const MIN_FILE_YEAR: i32 = 2000;
const MAX_FILE_YEAR: i32 = 2100;

/// Builds a time of day in a constant; the fallback is unreachable for the
/// literal hours used here but keeps the constant free of panics.
const fn hm(hour: u32, min: u32) -> NaiveTime {
    match NaiveTime::from_hms_opt(hour, min, 0) {
        Some(time) => time,
        None => NaiveTime::MIN,
    }
}

// ---------------------------------------------------------------------------
// Holidays
// ---------------------------------------------------------------------------

/// A fixed public holiday (a non-working day set by law on the same date every
/// year). Kurban Ait is not here because its date changes every year and only
/// comes from the administrator's calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// New Year, 1 and 2 January.
    NewYear,
    /// Orthodox Christmas, 7 January; never moved off a weekend.
    OrthodoxChristmas,
    /// International Women's Day, 8 March.
    WomensDay,
    /// Nauryz, 21–23 March.
    Nauryz,
    /// Unity Day of the People of Kazakhstan, 1 May.
    UnityDay,
    /// Defender of the Fatherland Day, 7 May.
    DefenderDay,
    /// Victory Day, 9 May.
    VictoryDay,
    /// Capital Day, 6 July.
    CapitalDay,
    /// Constitution Day, 30 August.
    ConstitutionDay,
    /// Republic Day, 25 October.
    RepublicDay,
    /// Independence Day, 16 December.
    IndependenceDay,
}

impl Holiday {
    /// The official name of the holiday in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let tr = match self {
            Holiday::NewYear => Tr::new("Жаңа жыл", "Новый год", "New Year"),
            Holiday::OrthodoxChristmas => Tr::new(
                "Православиелік Рождество",
                "Православное Рождество",
                "Orthodox Christmas",
            ),
            Holiday::WomensDay => Tr::new(
                "Халықаралық әйелдер күні",
                "Международный женский день",
                "International Women's Day",
            ),
            Holiday::Nauryz => Tr::new("Наурыз мейрамы", "Наурыз мейрамы", "Nauryz"),
            Holiday::UnityDay => Tr::new(
                "Қазақстан халқының бірлігі мерекесі",
                "Праздник единства народа Казахстана",
                "Unity Day of the People of Kazakhstan",
            ),
            Holiday::DefenderDay => Tr::new(
                "Отан қорғаушы күні",
                "День защитника Отечества",
                "Defender of the Fatherland Day",
            ),
            Holiday::VictoryDay => Tr::new("Жеңіс күні", "День Победы", "Victory Day"),
            Holiday::CapitalDay => Tr::new("Астана күні", "День Столицы", "Capital Day"),
            Holiday::ConstitutionDay => Tr::new(
                "Қазақстан Республикасының Конституциясы күні",
                "День Конституции Республики Казахстан",
                "Constitution Day",
            ),
            Holiday::RepublicDay => Tr::new("Республика күні", "День Республики", "Republic Day"),
            Holiday::IndependenceDay => {
                Tr::new("Тәуелсіздік күні", "День Независимости", "Independence Day")
            }
        };
        tr.get(lang)
    }

    /// Whether a day off lost to a weekend is given back on a working day.
    /// Religious holidays are excluded by law.
    fn moves_off_weekend(self) -> bool {
        self != Holiday::OrthodoxChristmas
    }
}

/// The fixed holidays by (month, day), in date order.
const FIXED_HOLIDAYS: [(u32, u32, Holiday); 14] = [
    (1, 1, Holiday::NewYear),
    (1, 2, Holiday::NewYear),
    (1, 7, Holiday::OrthodoxChristmas),
    (3, 8, Holiday::WomensDay),
    (3, 21, Holiday::Nauryz),
    (3, 22, Holiday::Nauryz),
    (3, 23, Holiday::Nauryz),
    (5, 1, Holiday::UnityDay),
    (5, 7, Holiday::DefenderDay),
    (5, 9, Holiday::VictoryDay),
    (7, 6, Holiday::CapitalDay),
    (8, 30, Holiday::ConstitutionDay),
    (10, 25, Holiday::RepublicDay),
    (12, 16, Holiday::IndependenceDay),
];

/// The fixed public holidays of `year`, in date order.
///
/// Dates chrono cannot represent (years beyond its range) are left out, so a
/// far-away year simply yields fewer or no holidays.
pub fn fixed_holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    FIXED_HOLIDAYS
        .iter()
        .filter_map(|&(month, day, holiday)| {
            NaiveDate::from_ymd_opt(year, month, day).map(|date| (date, holiday))
        })
        .collect()
}

/// Whether `date` is a Saturday or Sunday.
fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off given in place of the holidays in `fixed` (one year's
/// [`fixed_holidays`]) that fell on a weekend, as (day off, holiday it
/// replaces), in date order.
///
/// Only the computed rules are used here; the administrator's exceptions are
/// applied afterwards and win, because the government decree they come from
/// already accounts for the moves. The latest fixed holiday is 16 December, so
/// a moved day never crosses into the next year and each year can be computed
/// on its own.
fn moved_holidays(fixed: &[(NaiveDate, Holiday)]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut moved: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &(date, holiday) in fixed {
        if !holiday.moves_off_weekend() || !is_weekend(date) {
            continue;
        }
        let already_off = |day: NaiveDate, moved: &[(NaiveDate, NaiveDate)]| {
            is_weekend(day)
                || fixed.iter().any(|&(d, _)| d == day)
                || moved.iter().any(|&(d, _)| d == day)
        };
        // Two weeks is far more than any run of days off can take; the bound
        // keeps the loop finite, and running off the end of chrono's range
        // simply drops the moved day.
        let mut candidate = date.succ_opt();
        for _ in 0..14 {
            match candidate {
                Some(day) if already_off(day, &moved) => candidate = day.succ_opt(),
                Some(day) => {
                    moved.push((day, date));
                    break;
                }
                None => break,
            }
        }
    }
    moved
}

// ---------------------------------------------------------------------------
// Calendar file
// ---------------------------------------------------------------------------

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
    /// and what was expected instead.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let kk = lang == Lang::Kk;
        match self {
            CalendarError::Json {
                line,
                column,
                detail,
            } => {
                // The expected shape is the same JSON in every language.
                let shape = "{\"year\": 2025, \"days\": [{\"date\": \"YYYY-MM-DD\", \"kind\": \
                             \"working\" | \"holiday\", \"note\": \"...\"}]}";
                if kk {
                    format!(
                        "күнтізбе файлы күтілген түрдегі JSON емес ({line}-жол, {column}-баған: \
                         {detail}); күтілетін түрі: {shape}"
                    )
                } else {
                    format!(
                        "файл календаря не является JSON ожидаемого вида (строка {line}, столбец \
                         {column}: {detail}); ожидается: {shape}"
                    )
                }
            }
            CalendarError::YearOutOfRange { year } => {
                if kk {
                    format!(
                        "күнтізбе файлы {year} жылға арналған; {MIN_FILE_YEAR} бен \
                         {MAX_FILE_YEAR} аралығындағы жыл күтіледі"
                    )
                } else {
                    format!(
                        "файл календаря составлен на {year} год; ожидается год от \
                         {MIN_FILE_YEAR} до {MAX_FILE_YEAR}"
                    )
                }
            }
            CalendarError::DateOutsideYear { index, date, year } => {
                let n = index.saturating_add(1);
                if kk {
                    format!(
                        "«days» тізіміндегі № {n} жазбаның {date} күні {year} жылға жатпайды; \
                         {year}-01-01 мен {year}-12-31 аралығындағы күн күтіледі"
                    )
                } else {
                    format!(
                        "в записи № {n} списка «days» дата {date} не относится к {year} году; \
                         ожидается дата с {year}-01-01 по {year}-12-31"
                    )
                }
            }
            CalendarError::DuplicateDate {
                index,
                first_index,
                date,
            } => {
                let n = index.saturating_add(1);
                let first = first_index.saturating_add(1);
                if kk {
                    format!(
                        "«days» тізіміндегі № {n} жазба {date} күнін қайталайды, ол № {first} \
                         жазбада бұрыннан бар; әр күн тек бір рет көрсетілуі тиіс"
                    )
                } else {
                    format!(
                        "запись № {n} списка «days» повторяет дату {date}, уже указанную в \
                         записи № {first}; каждая дата должна встречаться не более одного раза"
                    )
                }
            }
        }
    }
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

// ---------------------------------------------------------------------------
// Working calendar
// ---------------------------------------------------------------------------

/// What kind of day a date is, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DayStatus {
    /// An ordinary working day (Monday to Friday, no holiday).
    Working,
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// A fixed public holiday (also when it falls on a weekend).
    Holiday(Holiday),
    /// A day off given in place of the holiday on `of`, which fell on a
    /// weekend.
    MovedHoliday {
        /// The date of the holiday that was moved.
        of: NaiveDate,
    },
    /// A working day set by the administrator's calendar file.
    ExceptionWorking {
        /// The note from the file.
        note: String,
    },
    /// A day off set by the administrator's calendar file (a moved day off or
    /// Kurban Ait).
    ExceptionHoliday {
        /// The note from the file.
        note: String,
    },
}

impl DayStatus {
    /// Whether the provider works and receives applications on this day.
    pub fn is_working(&self) -> bool {
        matches!(
            self,
            DayStatus::Working | DayStatus::ExceptionWorking { .. }
        )
    }
}

/// The working calendar: the computed rules plus the administrator's
/// exceptions.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    exceptions: BTreeMap<NaiveDate, CalendarException>,
}

/// When an application is received and by when the service must be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The working day on which the provider receives the application.
    pub received_on: NaiveDate,
    /// The end of the service term: 18:30 on the first working day after
    /// `received_on`.
    pub due: NaiveDateTime,
}

impl Deadline {
    /// Whether the deadline has passed at `now`. The instant of the deadline
    /// itself (18:30:00) is still in time; one second later is overdue.
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        now > self.due
    }
}

impl WorkingCalendar {
    /// A calendar with the given exceptions, typically the `days` of one or
    /// more [`CalendarFile`]s. If a date is given twice the later entry wins,
    /// so importing a corrected file over an older one replaces its dates.
    pub fn new(exceptions: impl IntoIterator<Item = CalendarException>) -> Self {
        let exceptions = exceptions
            .into_iter()
            .map(|exception| (exception.date, exception))
            .collect();
        WorkingCalendar { exceptions }
    }

    /// The status of `date`. An exception from the administrator's file
    /// decides first; otherwise a fixed holiday, then a day off moved from a
    /// holiday on a weekend, then Saturday/Sunday; everything else is working.
    pub fn day_status(&self, date: NaiveDate) -> DayStatus {
        if let Some(exception) = self.exceptions.get(&date) {
            let note = exception.note.clone();
            return match exception.kind {
                ExceptionKind::Working => DayStatus::ExceptionWorking { note },
                ExceptionKind::Holiday => DayStatus::ExceptionHoliday { note },
            };
        }
        let fixed = fixed_holidays(date.year());
        if let Some(&(_, holiday)) = fixed.iter().find(|&&(d, _)| d == date) {
            return DayStatus::Holiday(holiday);
        }
        if let Some(&(_, of)) = moved_holidays(&fixed).iter().find(|&&(d, _)| d == date) {
            return DayStatus::MovedHoliday { of };
        }
        if is_weekend(date) {
            DayStatus::Weekend
        } else {
            DayStatus::Working
        }
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.day_status(date).is_working()
    }

    /// The first working day strictly after `after`.
    ///
    /// The search looks at most 366 days ahead. If it finds no working day
    /// (only possible with an exceptions list that closes a whole year, or at
    /// the end of chrono's date range) it falls back to the day after `after`,
    /// or to `after` itself when that is [`NaiveDate::MAX`], so that the call
    /// always returns.
    pub fn next_working_day(&self, after: NaiveDate) -> NaiveDate {
        let fallback = after.succ_opt().unwrap_or(after);
        let mut day = after;
        for _ in 0..SEARCH_LIMIT_DAYS {
            match day.succ_opt() {
                Some(next) => day = next,
                None => return fallback,
            }
            if self.is_working_day(day) {
                return day;
            }
        }
        fallback
    }

    /// The deadline of an application submitted at `submitted_at`.
    ///
    /// The service term is one working day. This module reads the standard
    /// as follows:
    ///
    /// * The provider receives applications on working days from 9:00 until
    ///   17:30 (17:30:00 itself is too late) and works until 18:30. The
    ///   standard says Monday to Friday; a Saturday the government declared a
    ///   working day counts as a working day like any other.
    /// * A submission on a working day before 17:30 is received that day. One
    ///   made before 9:00 is received when reception opens at 9:00 the same
    ///   day, which changes nothing about the date.
    /// * A submission at or after 17:30, or on a weekend or day off, is
    ///   received at 9:00 on the next working day.
    /// * The deadline is 18:30 on the first working day after the day of
    ///   receipt: Monday 10:00 is due Tuesday 18:30, Monday 17:45 Wednesday
    ///   18:30, Friday 19:00 and Saturday 11:00 both Tuesday 18:30.
    pub fn service_deadline(&self, submitted_at: NaiveDateTime) -> Deadline {
        let date = submitted_at.date();
        let received_on = if self.is_working_day(date) && submitted_at.time() < RECEPTION_CLOSES {
            date
        } else {
            self.next_working_day(date)
        };
        let due = self.next_working_day(received_on).and_time(PROVIDER_CLOSES);
        Deadline { received_on, due }
    }
}

// ---------------------------------------------------------------------------
// Service timer
// ---------------------------------------------------------------------------

/// How the clerk's service timer is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerLevel {
    /// Under 15 minutes: nothing to signal.
    Normal,
    /// From 15 minutes up to 20: a warning that the limit is near.
    Warning,
    /// 20 minutes or more: the maximum service time is exceeded (red).
    Exceeded,
}

/// The timer level after `elapsed` of service: under 15 minutes
/// [`TimerLevel::Normal`], from 15 up to 20 [`TimerLevel::Warning`], from 20
/// ([`MAX_SERVICE_MINUTES`]) on [`TimerLevel::Exceeded`]. A negative duration
/// (a clock set back) counts as no time at all.
pub fn service_timer_level(elapsed: chrono::Duration) -> TimerLevel {
    // Whole seconds truncate towards zero, so 14:59.999 stays below 15:00;
    // comparing seconds also avoids constructing durations that could
    // overflow.
    let seconds = elapsed.num_seconds();
    if seconds >= MAX_SERVICE_MINUTES * 60 {
        TimerLevel::Exceeded
    } else if seconds >= TIMER_WARNING_MINUTES * 60 {
        TimerLevel::Warning
    } else {
        TimerLevel::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;
    use proptest::prelude::*;

    fn minutes_seconds(minutes: i64, seconds: i64) -> TimeDelta {
        TimeDelta::seconds(minutes * 60 + seconds)
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn dt(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
        d(y, m, day)
            .and_hms_opt(h, min, s)
            .expect("valid test time")
    }

    /// The exceptions the administrator would import for 2024–2026.
    fn test_calendar() -> WorkingCalendar {
        let file_2024 = r#"{ "year": 2024, "days": [
            { "date": "2024-05-04", "kind": "working", "note": "moved to 8 May" },
            { "date": "2024-05-08", "kind": "holiday", "note": "moved from 4 May" },
            { "date": "2024-06-16", "kind": "holiday", "note": "Kurban Ait" },
            { "date": "2024-07-08", "kind": "working", "note": "override" }
        ] }"#;
        let file_2025 = r#"{ "year": 2025, "days": [
            { "date": "2025-06-06", "kind": "holiday", "note": "Kurban Ait" }
        ] }"#;
        let days = [file_2024, file_2025]
            .into_iter()
            .flat_map(|text| parse_calendar_file(text).expect("good file").days);
        WorkingCalendar::new(days)
    }

    #[track_caller]
    fn check_status(cal: &WorkingCalendar, date: NaiveDate, expected: DayStatus) {
        let actual = cal.day_status(date);
        assert_eq!(actual, expected, "status of {date} ({})", date.weekday());
        assert_eq!(cal.is_working_day(date), expected.is_working(), "{date}");
    }

    #[test]
    fn day_statuses() {
        use DayStatus as S;
        let note = |s: &str| s.to_owned();
        let table = [
            // Ordinary days.
            (d(2025, 2, 3), S::Working),
            (d(2025, 2, 8), S::Weekend),
            (d(2025, 2, 9), S::Weekend),
            // New Year on weekdays, and on a weekend outside the table years.
            (d(2024, 1, 1), S::Holiday(Holiday::NewYear)),
            (d(2024, 1, 2), S::Holiday(Holiday::NewYear)),
            (d(2028, 1, 1), S::Holiday(Holiday::NewYear)),
            (d(2028, 1, 3), S::MovedHoliday { of: d(2028, 1, 1) }),
            (d(2028, 1, 4), S::MovedHoliday { of: d(2028, 1, 2) }),
            (d(2028, 1, 5), S::Working),
            // 7 January on a Sunday is not moved.
            (d(2024, 1, 7), S::Holiday(Holiday::OrthodoxChristmas)),
            (d(2024, 1, 8), S::Working),
            // 8 March 2025 is a Saturday: Monday 10 March is off.
            (d(2025, 3, 8), S::Holiday(Holiday::WomensDay)),
            (d(2025, 3, 9), S::Weekend),
            (d(2025, 3, 10), S::MovedHoliday { of: d(2025, 3, 8) }),
            (d(2025, 3, 11), S::Working),
            // Nauryz 2025: Fri, Sat, Sun, moved to Mon and Tue.
            (d(2025, 3, 21), S::Holiday(Holiday::Nauryz)),
            (d(2025, 3, 24), S::MovedHoliday { of: d(2025, 3, 22) }),
            (d(2025, 3, 25), S::MovedHoliday { of: d(2025, 3, 23) }),
            (d(2025, 3, 26), S::Working),
            // Nauryz 2026: Sat, Sun, Mon; the moved days skip Monday.
            (d(2026, 3, 8), S::Holiday(Holiday::WomensDay)),
            (d(2026, 3, 9), S::MovedHoliday { of: d(2026, 3, 8) }),
            (d(2026, 3, 21), S::Holiday(Holiday::Nauryz)),
            (d(2026, 3, 22), S::Holiday(Holiday::Nauryz)),
            (d(2026, 3, 23), S::Holiday(Holiday::Nauryz)),
            (d(2026, 3, 24), S::MovedHoliday { of: d(2026, 3, 21) }),
            (d(2026, 3, 25), S::MovedHoliday { of: d(2026, 3, 22) }),
            (d(2026, 3, 26), S::Working),
            // Nauryz 2024: Thu, Fri, Sat → Monday 25 March.
            (d(2024, 3, 23), S::Holiday(Holiday::Nauryz)),
            (d(2024, 3, 25), S::MovedHoliday { of: d(2024, 3, 23) }),
            // May 2024 with the moved working day from the file.
            (d(2024, 5, 1), S::Holiday(Holiday::UnityDay)),
            (
                d(2024, 5, 4),
                S::ExceptionWorking {
                    note: note("moved to 8 May"),
                },
            ),
            (d(2024, 5, 7), S::Holiday(Holiday::DefenderDay)),
            (
                d(2024, 5, 8),
                S::ExceptionHoliday {
                    note: note("moved from 4 May"),
                },
            ),
            (d(2024, 5, 9), S::Holiday(Holiday::VictoryDay)),
            // Kurban Ait from the file: a Sunday (not moved) and a Friday.
            (
                d(2024, 6, 16),
                S::ExceptionHoliday {
                    note: note("Kurban Ait"),
                },
            ),
            (d(2024, 6, 17), S::Working),
            (
                d(2025, 6, 6),
                S::ExceptionHoliday {
                    note: note("Kurban Ait"),
                },
            ),
            // Capital Day 2024 is a Saturday; the file overrides its moved day.
            (d(2024, 7, 6), S::Holiday(Holiday::CapitalDay)),
            (
                d(2024, 7, 8),
                S::ExceptionWorking {
                    note: note("override"),
                },
            ),
            // Other weekend holidays of 2025.
            (d(2025, 7, 7), S::MovedHoliday { of: d(2025, 7, 6) }),
            (d(2025, 9, 1), S::MovedHoliday { of: d(2025, 8, 30) }),
            (
                d(2025, 10, 27),
                S::MovedHoliday {
                    of: d(2025, 10, 25),
                },
            ),
            (d(2025, 12, 16), S::Holiday(Holiday::IndependenceDay)),
        ];
        let cal = test_calendar();
        for (date, expected) in table {
            check_status(&cal, date, expected);
        }
    }

    #[test]
    fn without_exceptions_the_computed_calendar_applies() {
        let cal = WorkingCalendar::default();
        check_status(&cal, d(2024, 5, 4), DayStatus::Weekend);
        check_status(&cal, d(2024, 5, 8), DayStatus::Working);
        check_status(
            &cal,
            d(2024, 7, 8),
            DayStatus::MovedHoliday { of: d(2024, 7, 6) },
        );
        check_status(&cal, d(2024, 6, 16), DayStatus::Weekend);
    }

    #[test]
    fn later_exception_for_the_same_date_wins() {
        let exception = |kind| CalendarException {
            date: d(2025, 2, 3),
            kind,
            note: String::new(),
        };
        let cal = WorkingCalendar::new([
            exception(ExceptionKind::Working),
            exception(ExceptionKind::Holiday),
        ]);
        assert!(!cal.is_working_day(d(2025, 2, 3)));
    }

    #[test]
    fn fixed_holidays_are_sorted_and_complete() {
        let list = fixed_holidays(2025);
        assert_eq!(list.len(), 14);
        assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(fixed_holidays(i32::MAX).is_empty());
        assert!(fixed_holidays(i32::MIN).is_empty());
    }

    #[test]
    fn holiday_names_exist_in_every_language() {
        let all = [
            Holiday::NewYear,
            Holiday::OrthodoxChristmas,
            Holiday::WomensDay,
            Holiday::Nauryz,
            Holiday::UnityDay,
            Holiday::DefenderDay,
            Holiday::VictoryDay,
            Holiday::CapitalDay,
            Holiday::ConstitutionDay,
            Holiday::RepublicDay,
            Holiday::IndependenceDay,
        ];
        for holiday in all {
            for lang in Lang::ALL {
                assert!(!holiday.name(lang).is_empty(), "{holiday:?} {lang:?}");
            }
        }
    }

    #[track_caller]
    fn check_deadline(
        cal: &WorkingCalendar,
        submitted: NaiveDateTime,
        received_on: NaiveDate,
        due: NaiveDateTime,
    ) {
        let deadline = cal.service_deadline(submitted);
        assert_eq!(
            deadline,
            Deadline { received_on, due },
            "submitted {submitted} ({})",
            submitted.weekday()
        );
    }

    #[test]
    fn deadlines() {
        let table = [
            // Monday during reception: received that day, due Tuesday.
            (
                dt(2025, 2, 3, 10, 0, 0),
                d(2025, 2, 3),
                dt(2025, 2, 4, 18, 30, 0),
            ),
            // Before opening: received at 9:00 the same day.
            (
                dt(2025, 2, 3, 8, 30, 0),
                d(2025, 2, 3),
                dt(2025, 2, 4, 18, 30, 0),
            ),
            // The last second of reception and the closing time itself.
            (
                dt(2025, 2, 3, 17, 29, 59),
                d(2025, 2, 3),
                dt(2025, 2, 4, 18, 30, 0),
            ),
            (
                dt(2025, 2, 3, 17, 30, 0),
                d(2025, 2, 4),
                dt(2025, 2, 5, 18, 30, 0),
            ),
            // Monday after hours: received Tuesday, due Wednesday.
            (
                dt(2025, 2, 3, 17, 45, 0),
                d(2025, 2, 4),
                dt(2025, 2, 5, 18, 30, 0),
            ),
            // Friday evening and Saturday: received Monday, due Tuesday.
            (
                dt(2025, 2, 7, 19, 0, 0),
                d(2025, 2, 10),
                dt(2025, 2, 11, 18, 30, 0),
            ),
            (
                dt(2025, 2, 8, 11, 0, 0),
                d(2025, 2, 10),
                dt(2025, 2, 11, 18, 30, 0),
            ),
            // The day before a holiday weekend (8 March 2025 moved to 10 March).
            (
                dt(2025, 3, 7, 10, 0, 0),
                d(2025, 3, 7),
                dt(2025, 3, 11, 18, 30, 0),
            ),
            // The day before Kurban Ait 2025 (Friday 6 June).
            (
                dt(2025, 6, 5, 10, 0, 0),
                d(2025, 6, 5),
                dt(2025, 6, 9, 18, 30, 0),
            ),
            // On a holiday: Nauryz 2026 runs to Wednesday 25 March.
            (
                dt(2026, 3, 23, 10, 0, 0),
                d(2026, 3, 26),
                dt(2026, 3, 27, 18, 30, 0),
            ),
            // Due on the moved working Saturday 4 May 2024.
            (
                dt(2024, 5, 3, 12, 0, 0),
                d(2024, 5, 3),
                dt(2024, 5, 4, 18, 30, 0),
            ),
            // On Defender Day 2024: 8 and 9 May are off too.
            (
                dt(2024, 5, 7, 10, 0, 0),
                d(2024, 5, 10),
                dt(2024, 5, 13, 18, 30, 0),
            ),
        ];
        let cal = test_calendar();
        for (submitted, received_on, due) in table {
            check_deadline(&cal, submitted, received_on, due);
        }
    }

    #[test]
    fn overdue_boundary() {
        let deadline = test_calendar().service_deadline(dt(2025, 2, 3, 10, 0, 0));
        let table = [
            (dt(2025, 2, 4, 18, 29, 59), false),
            (dt(2025, 2, 4, 18, 30, 0), false),
            (dt(2025, 2, 4, 18, 30, 1), true),
            (dt(2025, 2, 5, 9, 0, 0), true),
        ];
        for (now, expected) in table {
            assert_eq!(deadline.is_overdue(now), expected, "at {now}");
        }
    }

    #[track_caller]
    fn check_timer(elapsed: TimeDelta, expected: TimerLevel) {
        assert_eq!(service_timer_level(elapsed), expected, "after {elapsed}");
    }

    #[test]
    fn timer_levels() {
        let table = [
            (minutes_seconds(0, 0), TimerLevel::Normal),
            (minutes_seconds(-5, 0), TimerLevel::Normal),
            (minutes_seconds(14, 59), TimerLevel::Normal),
            (
                minutes_seconds(14, 59) + TimeDelta::milliseconds(999),
                TimerLevel::Normal,
            ),
            (minutes_seconds(15, 0), TimerLevel::Warning),
            (minutes_seconds(19, 59), TimerLevel::Warning),
            (minutes_seconds(20, 0), TimerLevel::Exceeded),
            (TimeDelta::MAX, TimerLevel::Exceeded),
            (TimeDelta::MIN, TimerLevel::Normal),
        ];
        for (elapsed, expected) in table {
            check_timer(elapsed, expected);
        }
    }

    #[test]
    fn parses_a_good_file() {
        let file = parse_calendar_file(
            r#"{"year": 2024, "days": [
                {"date": "2024-05-04", "kind": "working", "note": "moved"},
                {"date": "2024-05-08", "kind": "holiday"}
            ]}"#,
        )
        .expect("good file");
        assert_eq!(file.year, 2024);
        assert_eq!(
            file.days,
            vec![
                CalendarException {
                    date: d(2024, 5, 4),
                    kind: ExceptionKind::Working,
                    note: "moved".to_owned(),
                },
                CalendarException {
                    date: d(2024, 5, 8),
                    kind: ExceptionKind::Holiday,
                    note: String::new(),
                },
            ]
        );
        // Writing the file back gives the same JSON shape the parser reads.
        let written = serde_json::to_string(&file).expect("serializable");
        assert_eq!(parse_calendar_file(&written), Ok(file));
        assert!(
            parse_calendar_file(r#"{"year": 2100, "days": []}"#).is_ok(),
            "an empty year is fine"
        );
    }

    #[track_caller]
    fn check_error(json: &str, expected: &CalendarError) {
        match parse_calendar_file(json) {
            Err(err) => assert_eq!(&err, expected, "for {json}"),
            Ok(file) => panic!("accepted {json}: {file:?}"),
        }
    }

    #[test]
    fn rejects_bad_files() {
        check_error(
            r#"{"year": 1999, "days": []}"#,
            &CalendarError::YearOutOfRange { year: 1999 },
        );
        check_error(
            r#"{"year": 2101, "days": []}"#,
            &CalendarError::YearOutOfRange { year: 2101 },
        );
        check_error(
            r#"{"year": 2024, "days": [
                {"date": "2024-05-04", "kind": "working"},
                {"date": "2025-05-08", "kind": "holiday"}]}"#,
            &CalendarError::DateOutsideYear {
                index: 1,
                date: d(2025, 5, 8),
                year: 2024,
            },
        );
        check_error(
            r#"{"year": 2024, "days": [
                {"date": "2024-05-04", "kind": "working"},
                {"date": "2024-05-08", "kind": "holiday"},
                {"date": "2024-05-04", "kind": "holiday"}]}"#,
            &CalendarError::DuplicateDate {
                index: 2,
                first_index: 0,
                date: d(2024, 5, 4),
            },
        );
    }

    #[track_caller]
    fn check_json_error(json: &str, line: usize, detail_contains: &str) {
        match parse_calendar_file(json) {
            Err(CalendarError::Json {
                line: l,
                column,
                detail,
            }) => {
                assert_eq!(l, line, "line of {detail}");
                assert!(column > 0, "column of {detail}");
                assert!(detail.contains(detail_contains), "{detail}");
                assert!(!detail.contains(" at line "), "{detail}");
            }
            other => panic!("expected a JSON error for {json}, got {other:?}"),
        }
    }

    #[test]
    fn reports_json_errors_with_position() {
        check_json_error("{\"year\": 2024,\n \"days\": [,]}", 2, "expected value");
        check_json_error(
            "{\"year\": 2024, \"days\": [\n {\"date\": \"2024-05-04\", \"kind\": \"workday\"}]}",
            2,
            "unknown variant `workday`",
        );
        check_json_error(
            "{\"year\": 2024, \"days\": [\n {\"date\": \"2024-02-30\", \"kind\": \"working\"}]}",
            2,
            "",
        );
        check_json_error("{\"year\": 2024}", 1, "missing field `days`");
        check_json_error("{\"year\": 2024, \"days\": [", 1, "EOF");
        // An empty file has no column to point at, but is still a JSON error.
        assert!(matches!(
            parse_calendar_file(""),
            Err(CalendarError::Json { line: 1, .. })
        ));
    }

    #[test]
    fn messages_in_every_language() {
        let errors = [
            parse_calendar_file("{\"year\": 2024,\n \"days\": [,]}").expect_err("bad JSON"),
            CalendarError::YearOutOfRange { year: 1999 },
            CalendarError::DateOutsideYear {
                index: 1,
                date: d(2025, 5, 8),
                year: 2024,
            },
            CalendarError::DuplicateDate {
                index: 2,
                first_index: 0,
                date: d(2024, 5, 4),
            },
        ];
        for err in &errors {
            let texts = Lang::ALL.map(|lang| err.message(lang));
            for text in &texts {
                assert!(!text.trim().is_empty(), "{err:?}");
            }
            assert_ne!(texts[0], texts[1], "{err:?}");
            assert_ne!(texts[0], texts[2], "{err:?}");
            assert_ne!(texts[1], texts[2], "{err:?}");
            assert_eq!(texts[2], err.to_string());
        }
        // The messages name the entry (counting from 1) and its date.
        for lang in Lang::ALL {
            let text = errors[3].message(lang);
            assert!(text.contains("3") && text.contains("1"), "{text}");
            assert!(text.contains("2024-05-04"), "{text}");
            let text = errors[2].message(lang);
            assert!(
                text.contains("2025-05-08") && text.contains("2024"),
                "{text}"
            );
            let text = errors[0].message(lang);
            assert!(
                text.contains('2') && text.contains("expected value"),
                "{text}"
            );
        }
    }

    #[test]
    fn extremes_of_chronos_range() {
        let cal = test_calendar();
        assert_eq!(cal.next_working_day(NaiveDate::MAX), NaiveDate::MAX);
        let deadline = cal.service_deadline(NaiveDate::MAX.and_time(hm(23, 59)));
        assert_eq!(deadline.received_on, NaiveDate::MAX);
        let first = cal.next_working_day(NaiveDate::MIN);
        assert!(first > NaiveDate::MIN && cal.is_working_day(first));
    }

    #[test]
    fn a_closed_year_still_terminates() {
        let start = d(2025, 1, 1);
        let closed = start.iter_days().take(400).map(|date| CalendarException {
            date,
            kind: ExceptionKind::Holiday,
            note: String::new(),
        });
        let cal = WorkingCalendar::new(closed);
        assert_eq!(cal.next_working_day(start), d(2025, 1, 2));
    }

    /// Any date chrono can represent, with the ends of the range weighted in.
    fn any_date() -> impl Strategy<Value = NaiveDate> {
        let min = NaiveDate::MIN.num_days_from_ce();
        let max = NaiveDate::MAX.num_days_from_ce();
        let edge = 30;
        prop_oneof![
            min..=max,
            min..=min + edge,
            max - edge..=max,
            // The years the product is used in.
            d(2000, 1, 1).num_days_from_ce()..=d(2100, 12, 31).num_days_from_ce(),
        ]
        .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in range"))
    }

    fn any_date_time() -> impl Strategy<Value = NaiveDateTime> {
        (any_date(), 0u32..86_400).prop_map(|(date, secs)| {
            date.and_time(
                NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).expect("valid second"),
            )
        })
    }

    proptest! {
        #[test]
        fn next_working_day_is_the_first_working_day_after(date in any_date()) {
            let cal = test_calendar();
            let _ = cal.day_status(date);
            let next = cal.next_working_day(date);
            // A working day is always within a fortnight except at the very
            // end of chrono's range, where the result saturates.
            let room = date.checked_add_days(chrono::Days::new(14)).is_some();
            if room {
                prop_assert!(next > date);
                prop_assert!(cal.is_working_day(next));
                for day in date.iter_days().skip(1).take_while(|&day| day < next) {
                    prop_assert!(!cal.is_working_day(day), "{} skipped", day);
                }
            } else {
                prop_assert!(next >= date);
            }
        }

        #[test]
        fn service_deadline_never_panics(at in any_date_time()) {
            let cal = test_calendar();
            let deadline = cal.service_deadline(at);
            prop_assert!(deadline.received_on >= at.date());
            prop_assert!(deadline.due.date() >= deadline.received_on);
            if at.date().checked_add_days(chrono::Days::new(14)).is_some() {
                prop_assert!(deadline.due.date() > deadline.received_on);
                prop_assert!(cal.is_working_day(deadline.received_on));
                prop_assert!(!deadline.is_overdue(at));
            }
        }

        #[test]
        fn parse_never_panics(text in any::<String>()) {
            let _ = parse_calendar_file(&text);
        }

        #[test]
        fn parse_never_panics_on_near_json(
            year in any::<i64>(),
            date in "[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}",
            kind in "working|holiday|[a-z]{0,8}",
            tail in ".{0,20}",
        ) {
            let text = format!(
                r#"{{"year": {year}, "days": [{{"date": "{date}", "kind": "{kind}"}}{tail}]}}"#
            );
            if let Err(err) = parse_calendar_file(&text) {
                for lang in Lang::ALL {
                    prop_assert!(!err.message(lang).is_empty());
                }
            }
        }
    }
}
