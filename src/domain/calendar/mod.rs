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
//! documents exactly how the deadline is counted. The counter's time limits (waiting,
//! service) belong to the edition of the Rules ([`crate::domain::edition::Limits`]).
//!
//! Everything here is pure: no IO and no clock. Times are
//! [`NaiveDateTime`](chrono::NaiveDateTime)/[`NaiveDate`](chrono::NaiveDate)
//! values in local Kazakhstan time, passed in by the caller. No function
//! panics on any date chrono can represent; date arithmetic at the ends of
//! chrono's range saturates instead.

mod deadlines;
mod errors;
mod holidays;
mod import;
mod working_days;

#[cfg(test)]
mod deadline_tests;
#[cfg(test)]
mod tests;

use chrono::NaiveTime;

pub use deadlines::Deadline;
pub use errors::CalendarError;
pub use holidays::{fixed_holidays, Holiday};
pub use import::{parse_calendar_file, CalendarException, CalendarFile, ExceptionKind};
pub use working_days::{DayStatus, WorkingCalendar};

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
