//! The request screen's model: one stored request with its history, loaded once when
//! the screen opens, which documents it can print, and how its history and its dates
//! read for a clerk (event names in the clerk's language, dates `DD.MM.YYYY`).

use crate::domain::form::{parse_date, parse_date_time, RequestForm};
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::request::Status;
use crate::pdf::DocKind;
use crate::store::AuditEntry;

/// What the request screen shows, loaded once when it opens.
#[derive(Debug, Clone)]
pub struct RequestView {
    /// Id.
    pub id: String,
    /// Status.
    pub status: Status,
    /// Data.
    pub form: RequestForm,
    /// Deadline.
    pub due_at: Option<String>,
    /// History.
    pub history: Vec<AuditEntry>,
}

impl RequestView {
    /// The documents that can be printed in this status.
    pub fn documents(&self) -> Vec<DocKind> {
        let mut docs = vec![DocKind::Application];
        match self.status {
            Status::Formed | Status::Corrected => docs.insert(0, DocKind::Certificate),
            Status::RefusedToAccept => docs.insert(0, DocKind::Receipt),
            Status::Refused => docs.insert(0, DocKind::Refusal),
            _ => {}
        }
        docs
    }

    /// The request's times as the request screen shows them, each with whether it is
    /// over its limit: the queue ticket, the waiting time and the service time (from
    /// the first opening to the decision), by the one rule of [`crate::domain::timing`].
    /// A request that was not opened at the counter (imported, portal) shows its service
    /// time as not measured; one without a ticket shows no waiting time.
    pub fn times(&self, lang: Lang) -> Vec<(String, bool)> {
        use crate::domain::form::ticket_parts;
        use crate::domain::timing::{over_limit, parse_time_of_day, time_text, Times};
        let f = &self.form;
        let (number, taken) = ticket_parts(f);
        let decided = (self.status != Status::Draft)
            .then(|| parse_date_time(&f.submitted_at))
            .flatten();
        let times = Times::of(
            parse_time_of_day(&taken),
            parse_date_time(&f.opened_at),
            decided,
        );
        // The limits of the edition in force on the day it was opened (or submitted).
        let limits =
            crate::domain::edition::limits_on(times_day(f).unwrap_or(chrono::NaiveDate::MAX));
        let (max_waiting, max_service) = (limits.max_waiting_minutes, limits.max_service_minutes);
        let mut lines = Vec::new();
        if !number.trim().is_empty() {
            lines.push((
                format!("{}: {number} · {taken}", Msg("field-ticket").get(lang)),
                false,
            ));
        }
        if let Some(w) = times.waiting {
            lines.push((
                time_text(Msg("times-waiting").get(lang), w, max_waiting, lang),
                over_limit(w, max_waiting),
            ));
        }
        let service = Msg("times-service").get(lang);
        match times.service {
            Some(s) => lines.push((
                time_text(service, s, max_service, lang),
                over_limit(s, max_service),
            )),
            None if self.status != Status::Draft => lines.push((
                format!("{service}: {}", Msg("times-unknown").get(lang)),
                false,
            )),
            None => {}
        }
        lines
    }

    /// The document Ctrl+P prints.
    pub fn primary_document(&self) -> Option<DocKind> {
        self.documents().first().copied()
    }
}

/// The audit log's codes of a request's events and their names for the clerk.
pub const EVENTS: [(&str, Msg); 15] = [
    ("request.draft_created", Msg("clerk-event-draft-created")),
    (
        "request.draft_discarded",
        Msg("clerk-event-draft-discarded"),
    ),
    ("request.import", Msg("clerk-event-imported")),
    ("request.accepted", Msg("clerk-event-accepted")),
    (
        "request.refused_to_accept",
        Msg("clerk-event-refused-to-accept"),
    ),
    ("request.sent", Msg("clerk-event-sent")),
    ("request.formed", Msg("clerk-event-formed")),
    ("request.corrected", Msg("clerk-event-corrected")),
    ("request.refused", Msg("clerk-event-refused")),
    ("request.set_aside", Msg("set-aside-event")),
    ("request.set_aside_retry", Msg("set-aside-event-retry")),
    ("print.certificate", Msg("clerk-event-certificate-printed")),
    ("print.receipt", Msg("clerk-event-receipt-printed")),
    ("print.application", Msg("clerk-event-application-printed")),
    ("print.refusal", Msg("clerk-event-refusal-printed")),
];

/// The name of the history's event `action` in `lang`; an event this version does not
/// know (written by a newer one) is named as "Other event (code)".
pub fn event_label(action: &str, lang: Lang) -> String {
    EVENTS.iter().find(|(code, _)| *code == action).map_or_else(
        || {
            crate::domain::i18n::tr_args(
                lang,
                "clerk-event-other",
                &[("code", action.to_string().into())],
            )
        },
        |(_, m)| m.get(lang).to_string(),
    )
}

/// A stored or typed date or time as the clerk reads it: `DD.MM.YYYY`, with `HH:MM` for
/// a time; text that is neither is shown as it is.
pub fn show_date(text: &str) -> String {
    let t = text.trim();
    if let Some(d) = parse_date(t) {
        return d.format("%d.%m.%Y").to_string();
    }
    parse_date_time(t).map_or_else(
        || text.to_string(),
        |d| d.format("%d.%m.%Y %H:%M").to_string(),
    )
}

/// The day whose edition's limits apply to a request's times: the day it was first
/// opened, else the day it was submitted.
fn times_day(f: &crate::domain::form::RequestForm) -> Option<chrono::NaiveDate> {
    parse_date_time(&f.opened_at)
        .or_else(|| parse_date_time(&f.submitted_at))
        .map(|t| t.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_a_request_reaches_has_a_named_event() {
        for s in [
            Status::Accepted,
            Status::RefusedToAccept,
            Status::Sent,
            Status::Formed,
            Status::Corrected,
            Status::Refused,
        ] {
            let code = format!("request.{}", s.key());
            assert!(EVENTS.iter().any(|(c, _)| *c == code), "{code}");
        }
        for d in DocKind::ALL {
            assert!(EVENTS.iter().any(|(c, _)| *c == d.audit_action()), "{d:?}");
        }
    }

    #[test]
    fn events_read_in_the_clerks_language() {
        let table = [
            ("request.refused_to_accept", Lang::En, "Refused to accept"),
            ("print.receipt", Lang::En, "Receipt printed"),
            ("request.accepted", Lang::Ru, "Документы приняты"),
            (
                "request.future_thing",
                Lang::En,
                "Other event (request.future_thing)",
            ),
        ];
        for (code, lang, expected) in table {
            assert_eq!(event_label(code, lang), expected);
        }
        for lang in Lang::ALL {
            for (code, _) in EVENTS {
                assert!(!event_label(code, lang).contains('.'), "{code} in {lang:?}");
            }
        }
    }

    #[test]
    fn the_request_shows_its_times_flagged_by_the_one_rule() {
        let view = |ticket: &str, taken: &str, opened: &str, submitted: &str| RequestView {
            id: "id".into(),
            status: Status::Accepted,
            form: RequestForm {
                ticket: ticket.into(),
                ticket_taken_at: taken.into(),
                opened_at: opened.into(),
                submitted_at: submitted.into(),
                ..RequestForm::default()
            },
            due_at: None,
            history: Vec::new(),
        };
        let table = [
            (
                view(
                    "A042",
                    "09:44",
                    "2026-11-25T10:00:00",
                    "2026-11-25T10:20:01",
                ),
                vec![
                    ("Queue ticket: A042 · 09:44", false),
                    ("Waiting in the queue: 16:00 — over 15 min", true),
                    ("Service time: 20:01 — over 20 min", true),
                ],
            ),
            (
                view("", "", "2026-11-25T10:00:00", "2026-11-25T10:20:00"),
                vec![("Service time: 20:00", false)],
            ),
            (
                view("", "", "", "2026-11-25T10:20:00"),
                vec![("Service time: not measured", false)],
            ),
        ];
        for (v, expected) in table {
            let got = v.times(Lang::En);
            let got: Vec<(&str, bool)> = got.iter().map(|(t, f)| (t.as_str(), *f)).collect();
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn dates_read_day_month_year() {
        let table = [
            ("1990-03-15", "15.03.1990"),
            ("15.03.1990", "15.03.1990"),
            ("2026-11-25T10:00:00", "25.11.2026 10:00"),
            ("2026-11-25 10:05", "25.11.2026 10:05"),
            ("", ""),
            ("Tashkent", "Tashkent"),
        ];
        for (text, shown) in table {
            assert_eq!(show_date(text), shown, "{text}");
        }
    }
}
