//! The times the order counts at the counter (Appendix 3, item 3): how long the
//! applicant waited in the queue, from taking the electronic queue ticket to the clerk
//! opening the request, and how long the clerk served them, from the first opening of
//! the request to the decision. Both have a limit in minutes (15 and 20 in the order);
//! the limits are parameters here, so the edition in force can carry them.
//!
//! One rule decides whether a time is over its limit, for the timer, the journal and
//! the register alike ([`over_limit`]): a time is over when it is longer than the limit
//! to the second, so 20:00 is within 20 minutes and 20:01 is over.
//!
//! The ticket is entered as a number (`A042`: up to three letters, then one to four
//! digits, [`parse_ticket_number`]) and the time it was taken on the application day
//! (`HH:MM`, [`parse_time_of_day`]). A ticket scanner may type both into the ticket
//! field at once; [`split_ticket_entry`] documents how they are told apart.
//!
//! Pure: no clock; every time is passed in.

use chrono::{Duration, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use super::i18n::tr_args;
use super::lang::Lang;

/// How far a ticket's time may lie after the opening of the request and still be
/// believed (the ticket machine's clock and the desk's may differ a little); such a
/// ticket counts as no waiting at all. A later time is a typing error.
pub const CLOCK_TOLERANCE_MINUTES: i64 = 5;

/// How many minutes before its limit the service timer turns to a warning.
pub const WARNING_BEFORE_MINUTES: i64 = 5;

/// Most letters before a ticket's digits.
const MAX_TICKET_LETTERS: usize = 3;
/// Most digits of a ticket.
const MAX_TICKET_DIGITS: usize = 4;

/// The electronic queue ticket the applicant took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueTicket {
    /// The ticket's number, normalized (`A042`).
    pub number: String,
    /// The time of day it was taken, on the application day.
    pub taken_at: NaiveTime,
}

/// How a time stands against its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Well within the limit.
    Normal,
    /// Within the limit, less than [`WARNING_BEFORE_MINUTES`] left.
    Near,
    /// Over the limit ([`over_limit`]).
    Over,
}

/// Whether `elapsed` is over a limit of `limit_minutes`: longer than the limit, to the
/// second (20:00 is not over 20 minutes, 20:01 is). The one rule of the timer, the
/// journal and the register.
pub fn over_limit(elapsed: Duration, limit_minutes: i64) -> bool {
    elapsed.num_seconds() > limit_minutes.saturating_mul(60)
}

/// How the service timer shows `elapsed` against `limit_minutes`: over it by
/// [`over_limit`], near it from [`WARNING_BEFORE_MINUTES`] before, else normal.
pub fn level(elapsed: Duration, limit_minutes: i64) -> Level {
    let warn = limit_minutes.saturating_sub(WARNING_BEFORE_MINUTES).max(0);
    if over_limit(elapsed, limit_minutes) {
        Level::Over
    } else if elapsed.num_seconds() >= warn.saturating_mul(60) {
        Level::Near
    } else {
        Level::Normal
    }
}

/// A duration as minutes and seconds, `MM:SS` (`125:03` past 99 minutes); a negative
/// one (a clock set back) as `00:00`.
pub fn mm_ss(d: Duration) -> String {
    let secs = d.num_seconds().max(0);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// "Label: MM:SS", with " — over N min" in `lang` when over `limit` minutes: how the
/// timer, the request and the journal name a time.
pub fn time_text(label: &str, elapsed: Duration, limit: i64, lang: Lang) -> String {
    let mut text = format!("{label}: {}", mm_ss(elapsed));
    if over_limit(elapsed, limit) {
        text.push_str(" — ");
        text.push_str(&tr_args(lang, "times-over", &[("minutes", limit.into())]));
    }
    text
}

/// The service time: from the first opening of the request to the clerk's decision;
/// never negative (a clock set back counts as no time).
pub fn service_time(opened_at: NaiveDateTime, decided_at: NaiveDateTime) -> Duration {
    (decided_at - opened_at).max(Duration::zero())
}

/// Why a ticket's time cannot be right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TakenAfterOpening {
    /// When the request was opened.
    pub opened_at: NaiveDateTime,
}

/// The waiting time: from `taken_at` on the day of `opened_at` to `opened_at`. A time up
/// to [`CLOCK_TOLERANCE_MINUTES`] after the opening counts as no waiting; a later one is
/// an error.
pub fn waiting_time(
    taken_at: NaiveTime,
    opened_at: NaiveDateTime,
) -> Result<Duration, TakenAfterOpening> {
    let taken = opened_at.date().and_time(taken_at);
    let latest = opened_at
        .checked_add_signed(Duration::minutes(CLOCK_TOLERANCE_MINUTES))
        .unwrap_or(opened_at);
    if taken > latest {
        return Err(TakenAfterOpening { opened_at });
    }
    Ok((opened_at - taken).max(Duration::zero()))
}

/// The times a request was measured by, as far as they are known: a request imported
/// or made on the portal has neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    /// Waiting in the queue, when a ticket and the opening are known.
    pub waiting: Option<Duration>,
    /// Serving, when the opening and the decision are known.
    pub service: Option<Duration>,
}

/// The counter's limits: those of the edition in force ([`crate::domain::edition::Limits`]).
pub use crate::domain::edition::Limits;

impl Times {
    /// The times of a request from what it stores: the ticket's time, the first opening
    /// and the decision (each when known). A ticket's time that cannot be right gives no
    /// waiting time.
    pub fn of(
        taken_at: Option<NaiveTime>,
        opened_at: Option<NaiveDateTime>,
        decided_at: Option<NaiveDateTime>,
    ) -> Times {
        Times {
            waiting: taken_at
                .zip(opened_at)
                .and_then(|(t, o)| waiting_time(t, o).ok()),
            service: opened_at.zip(decided_at).map(|(o, d)| service_time(o, d)),
        }
    }

    /// Whether the waiting time is over its limit (unknown: not over).
    pub fn waiting_over(&self, limits: Limits) -> bool {
        self.waiting
            .is_some_and(|w| over_limit(w, limits.max_waiting_minutes))
    }

    /// Whether the service time is over its limit (unknown: not over).
    pub fn service_over(&self, limits: Limits) -> bool {
        self.service
            .is_some_and(|s| over_limit(s, limits.max_service_minutes))
    }
}

/// A ticket's number as typed, normalized: spaces and one hyphen between the letters and
/// the digits dropped, letters upper-cased. Up to three letters (Latin or Cyrillic, as
/// ticket machines print them), then one to four digits: `A042`, `a-42`, `БК 7`, `105`.
/// `None` when the text is not such a number.
pub fn parse_ticket_number(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect();
    let letters: String = compact.chars().take_while(|c| is_letter(*c)).collect();
    let rest = &compact[letters.len()..];
    let digits = if letters.is_empty() {
        rest
    } else {
        rest.strip_prefix('-').unwrap_or(rest)
    };
    let ok = letters.chars().count() <= MAX_TICKET_LETTERS
        && (1..=MAX_TICKET_DIGITS).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit());
    ok.then(|| format!("{letters}{digits}"))
}

fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{0400}'..='\u{04FF}')
}

/// A time of day as typed: `H:MM`, `HH:MM` or `HH:MM:SS` (a `.` instead of `:` too).
pub fn parse_time_of_day(text: &str) -> Option<NaiveTime> {
    let t = text.trim().replace('.', ":");
    if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit() || c == ':') {
        return None;
    }
    ["%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(&t, f).ok())
        .filter(|_| t.split(':').skip(1).all(|part| part.len() == 2))
}

/// The ticket field as a scanner may type it: the number, then the time it was taken,
/// with a run of spaces, tabs, `;`, `,` or `|` between (`A042 16:05`, `A042;16:05`).
/// Returns the number's text and the time's text, when there is one. The split is at the
/// first separator; what follows it is the time's text as typed (validated as a time).
pub fn split_ticket_entry(text: &str) -> (String, Option<String>) {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, ';' | ',' | '|');
    let t = text.trim_matches(is_sep);
    // A hyphen or a space inside the number (`A 042`) is not the separator: the split
    // is at the last separator run before a part holding `:` or `.` (the time).
    let Some(time_start) = t.rfind(is_sep).map(|i| i + 1) else {
        return (t.to_string(), None);
    };
    let time = &t[time_start..];
    if !time.contains([':', '.']) {
        return (t.to_string(), None);
    }
    let number = t[..time_start].trim_end_matches(is_sep);
    (number.to_string(), Some(time.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(h, m, s))
            .unwrap_or_default()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or_default()
    }

    fn ms(m: i64, s: i64) -> Duration {
        Duration::minutes(m) + Duration::seconds(s)
    }

    #[test]
    fn over_a_limit_is_longer_than_it_to_the_second() {
        let table = [
            (ms(0, 0), 20, false),
            (ms(19, 59), 20, false),
            (ms(20, 0), 20, false),
            (ms(20, 1), 20, true),
            (ms(15, 0), 15, false),
            (ms(15, 1), 15, true),
            (ms(-5, 0), 20, false),
            (Duration::MAX, 20, true),
            (Duration::MIN, 20, false),
            (ms(0, 1), 0, true),
        ];
        for (elapsed, limit, over) in table {
            assert_eq!(over_limit(elapsed, limit), over, "{elapsed} vs {limit}");
        }
    }

    #[test]
    fn the_timer_warns_five_minutes_before_and_turns_red_over_the_limit() {
        let table = [
            (ms(0, 0), 20, Level::Normal),
            (ms(14, 59), 20, Level::Normal),
            (ms(15, 0), 20, Level::Near),
            (ms(20, 0), 20, Level::Near),
            (ms(20, 1), 20, Level::Over),
            (ms(9, 59), 15, Level::Normal),
            (ms(10, 0), 15, Level::Near),
            (ms(2, 0), 3, Level::Near),
            (ms(-1, 0), 20, Level::Normal),
        ];
        for (elapsed, limit, expected) in table {
            assert_eq!(level(elapsed, limit), expected, "{elapsed} vs {limit}");
        }
    }

    #[test]
    fn a_time_is_named_with_its_flag() {
        let table = [
            (ms(20, 0), Lang::En, "Service time: 20:00"),
            (ms(20, 1), Lang::En, "Service time: 20:01 — over 20 min"),
            (ms(20, 1), Lang::Ru, "Service time: 20:01 — больше 20 мин"),
        ];
        for (d, lang, text) in table {
            assert_eq!(time_text("Service time", d, 20, lang), text);
        }
    }

    #[test]
    fn durations_read_as_minutes_and_seconds() {
        let table = [
            (ms(0, 0), "00:00"),
            (ms(0, 59), "00:59"),
            (ms(20, 0), "20:00"),
            (ms(125, 3), "125:03"),
            (ms(-3, 0), "00:00"),
        ];
        for (d, text) in table {
            assert_eq!(mm_ss(d), text);
        }
    }

    #[test]
    fn waiting_runs_from_the_ticket_to_the_opening() {
        let table = [
            (hm(9, 40), at(10, 0, 0), Ok(ms(20, 0))),
            (hm(9, 45), at(10, 0, 0), Ok(ms(15, 0))),
            (hm(9, 44), at(10, 0, 30), Ok(ms(16, 30))),
            (hm(10, 0), at(10, 0, 0), Ok(ms(0, 0))),
            // The ticket machine's clock a little ahead: no waiting.
            (hm(10, 3), at(10, 0, 0), Ok(ms(0, 0))),
            (hm(10, 5), at(10, 0, 0), Ok(ms(0, 0))),
            // Later than that: mistyped.
            (
                hm(10, 6),
                at(10, 0, 0),
                Err(TakenAfterOpening {
                    opened_at: at(10, 0, 0),
                }),
            ),
        ];
        for (taken, opened, expected) in table {
            assert_eq!(waiting_time(taken, opened), expected, "{taken} → {opened}");
        }
    }

    #[test]
    fn the_times_of_a_request_and_their_flags() {
        let limits = Limits {
            max_waiting_minutes: 15,
            max_service_minutes: 20,
            result_working_days: 1,
        };
        let table = [
            // ticket, opened, decided → waiting, service, waiting over, service over
            (
                Some(hm(9, 40)),
                Some(at(10, 0, 0)),
                Some(at(10, 20, 1)),
                (Some(ms(20, 0)), Some(ms(20, 1)), true, true),
            ),
            (
                Some(hm(9, 45)),
                Some(at(10, 0, 0)),
                Some(at(10, 20, 0)),
                (Some(ms(15, 0)), Some(ms(20, 0)), false, false),
            ),
            // An import: nothing known.
            (None, None, Some(at(10, 0, 0)), (None, None, false, false)),
            // No ticket: service only.
            (
                None,
                Some(at(10, 0, 0)),
                Some(at(10, 5, 0)),
                (None, Some(ms(5, 0)), false, false),
            ),
            // A draft not decided yet: waiting only.
            (
                Some(hm(9, 0)),
                Some(at(10, 0, 0)),
                None,
                (Some(ms(60, 0)), None, true, false),
            ),
            // A ticket time that cannot be right: no waiting.
            (
                Some(hm(11, 0)),
                Some(at(10, 0, 0)),
                Some(at(10, 5, 0)),
                (None, Some(ms(5, 0)), false, false),
            ),
            // A clock set back: no service time, not negative.
            (
                None,
                Some(at(10, 0, 0)),
                Some(at(9, 0, 0)),
                (None, Some(ms(0, 0)), false, false),
            ),
        ];
        for (taken, opened, decided, (waiting, service, w_over, s_over)) in table {
            let t = Times::of(taken, opened, decided);
            assert_eq!((t.waiting, t.service), (waiting, service), "{t:?}");
            assert_eq!(t.waiting_over(limits), w_over, "{t:?}");
            assert_eq!(t.service_over(limits), s_over, "{t:?}");
        }
    }

    #[test]
    fn ticket_numbers_are_letters_then_digits() {
        let table = [
            ("A042", Some("A042")),
            (" a042 ", Some("A042")),
            ("A 042", Some("A042")),
            ("A-042", Some("A042")),
            ("AB12", Some("AB12")),
            ("ABC1234", Some("ABC1234")),
            ("105", Some("105")),
            ("бк7", Some("БК7")),
            ("А042", Some("А042")),
            ("", None),
            ("A", None),
            ("ABCD12", None),
            ("A12345", None),
            ("42A", None),
            ("A0-42", None),
            ("-42", None),
            ("A042 16:05", None),
            ("A\u{0}42", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_ticket_number(text).as_deref(), expected, "{text:?}");
        }
    }

    #[test]
    fn times_of_day_as_typed() {
        let table = [
            ("16:05", Some(hm(16, 5))),
            ("9:05", Some(hm(9, 5))),
            ("09:05", Some(hm(9, 5))),
            (" 16.05 ", Some(hm(16, 5))),
            ("16:05:30", NaiveTime::from_hms_opt(16, 5, 30)),
            ("24:00", None),
            ("16:60", None),
            ("16:5", None),
            ("1605", None),
            ("16:05pm", None),
            ("", None),
            ("+16:05", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_time_of_day(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_scanned_ticket_splits_into_the_number_and_the_time() {
        let table = [
            ("A042 16:05", ("A042", Some("16:05"))),
            ("A042;16:05", ("A042", Some("16:05"))),
            ("A042,16:05", ("A042", Some("16:05"))),
            ("A042|16:05", ("A042", Some("16:05"))),
            ("A042 ;\t16:05\n", ("A042", Some("16:05"))),
            ("A 042 16:05", ("A 042", Some("16:05"))),
            ("A042 16.05", ("A042", Some("16.05"))),
            // Without a time, the text is the number (spaces inside it stay).
            ("A042", ("A042", None)),
            ("A 042", ("A 042", None)),
            ("A042;", ("A042", None)),
            ("", ("", None)),
        ];
        for (text, (number, time)) in table {
            let (n, t) = split_ticket_entry(text);
            assert_eq!((n.as_str(), t.as_deref()), (number, time), "{text:?}");
        }
    }
}
