//! The times of a request as typed: the queue ticket (its number and when it was taken)
//! and when the request was first opened at the counter. Both are optional (an import
//! or a portal request has neither); the rules on the times themselves are in
//! [`crate::domain::timing`].

use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

use crate::domain::field::{Field, Problem};
use crate::domain::timing::{
    parse_ticket_number, parse_time_of_day, split_ticket_entry, waiting_time, QueueTicket,
    CLOCK_TOLERANCE_MINUTES,
};

use super::checker::Checker;
use super::parse_date_time;
use super::RequestForm;

/// A time of day as the form writes it: `HH:MM`, with the seconds only when there are
/// some.
pub(super) fn time_text(t: NaiveTime) -> String {
    if t.second() == 0 {
        t.format("%H:%M").to_string()
    } else {
        t.format("%H:%M:%S").to_string()
    }
}

/// The ticket's number and time as typed: the time field, else the time a scanner typed
/// after the number in the ticket field.
pub fn ticket_parts(form: &RequestForm) -> (String, String) {
    let (number, scanned) = split_ticket_entry(&form.ticket);
    let time = if form.ticket_taken_at.trim().is_empty() {
        scanned.unwrap_or_default()
    } else {
        form.ticket_taken_at.trim().to_string()
    };
    (number, time)
}

/// Checks when the request was opened and the ticket; `submitted_at` is the submission
/// (the opening may not follow it by more than the clocks' tolerance).
pub(super) fn validate_times(
    c: &mut Checker,
    form: &RequestForm,
    submitted_at: Option<NaiveDateTime>,
) -> (Option<QueueTicket>, Option<NaiveDateTime>) {
    let opened_at = if form.opened_at.trim().is_empty() {
        None
    } else {
        match parse_date_time(&form.opened_at) {
            Some(t)
                if submitted_at.is_some_and(|s| {
                    t > s
                        .checked_add_signed(Duration::minutes(CLOCK_TOLERANCE_MINUTES))
                        .unwrap_or(s)
                }) =>
            {
                c.push(Field::OpenedAt, Problem::OpenedAfterSubmission);
                None
            }
            Some(t) => Some(t),
            None => {
                c.push(Field::OpenedAt, Problem::NotADateTime);
                None
            }
        }
    };
    let (number_text, time_text) = ticket_parts(form);
    if number_text.trim().is_empty() && time_text.is_empty() {
        return (None, opened_at);
    }
    let number = if number_text.trim().is_empty() {
        c.push(Field::Ticket, Problem::Required);
        None
    } else {
        let n = parse_ticket_number(&number_text);
        if n.is_none() {
            c.push(Field::Ticket, Problem::NotATicket);
        }
        n
    };
    let taken_at = if time_text.is_empty() {
        c.push(Field::TicketTakenAt, Problem::Required);
        None
    } else {
        let t = parse_time_of_day(&time_text);
        if t.is_none() {
            c.push(Field::TicketTakenAt, Problem::NotATimeOfDay);
        }
        t
    };
    // The ticket is taken before the request is opened (or, without an opening, before
    // it is handed in).
    if let (Some(t), Some(reference)) = (taken_at, opened_at.or(submitted_at)) {
        if let Err(e) = waiting_time(t, reference) {
            c.push(
                Field::TicketTakenAt,
                Problem::TakenAfterOpening {
                    opened: e.opened_at.time(),
                },
            );
            return (None, opened_at);
        }
    }
    let ticket = number
        .zip(taken_at)
        .map(|(number, taken_at)| QueueTicket { number, taken_at });
    (ticket, opened_at)
}
