//! The working calendar: the computed rules plus the administrator's exceptions.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::holidays::{fixed_holidays, is_weekend, moved_holidays, Holiday};
use super::import::{CalendarException, ExceptionKind};
use super::SEARCH_LIMIT_DAYS;

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

impl WorkingCalendar {
    /// A calendar with the given exceptions, typically the `days` of one or
    /// more [`CalendarFile`](super::CalendarFile)s. If a date is given twice
    /// the later entry wins, so importing a corrected file over an older one
    /// replaces its dates.
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
}
