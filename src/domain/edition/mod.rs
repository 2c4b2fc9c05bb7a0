//! The editions of the Rules: everything the rules decide and an amendment may change, as
//! one data value per edition — its name and start date, the kinds and channels allowed,
//! the documents required, the wording the printed documents carry and their appendix
//! numbers, the refusal grounds, the time limits and which identity fields the machine-
//! readable zone fills. [`edition_on`] picks the edition in force on an application's
//! date; the checklist, the window, the PDFs and the back office read from it, so a new
//! edition is a new file here and one line in [`EDITIONS`], not code elsewhere.
//!
//! The sources of each edition are in `docs/rules-decisions.md`.

mod amendment_2024;
mod order_146_2023;
mod order_22_2022;

pub use amendment_2024::AMENDMENT_2024;
pub use order_146_2023::ORDER_146_2023;
pub use order_22_2022::ORDER_22_2022;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::calendar::{Deadline, WorkingCalendar, PROVIDER_CLOSES};
use super::document::DocumentKind;
use super::field::Field;
use super::lang::{Lang, Tr};
use super::request::{Channel, RefusalGround, RequestKind};

/// When a document of the table is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Always.
    Always,
    /// When a representative by power of attorney applies on the applicant's behalf.
    IfAttorney,
    /// When a legal representative (a parent, a guardian) applies on the applicant's
    /// behalf.
    IfLegalRepresentative,
    /// When the identity document lacks the identifying data in Cyrillic or Latin.
    IfNoLatinOrCyrillic,
}

/// One row of an edition's table: kind × channel requires document under condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Requirement {
    /// Request kind.
    pub kind: RequestKind,
    /// Channel.
    pub channel: Channel,
    /// The document.
    pub document: DocumentKind,
    /// When it is required.
    pub condition: Condition,
}

/// A text printed on legal papers: Kazakh and Russian side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Printed {
    /// Kazakh.
    pub kk: &'static str,
    /// Russian.
    pub ru: &'static str,
}

/// The wording the printed documents take from the edition and the numbers of the
/// appendices they carry in their corners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintedTexts {
    /// The service's name (the Rules' title).
    pub service: Printed,
    /// The corner of an official form; `{appendix}` and `{service}` are replaced.
    pub corner: Printed,
    /// The number of the correction's application form (its corner is printed), if the
    /// edition has one.
    pub correction_appendix: Option<&'static str>,
    /// The number of the receipt of refusal to accept documents.
    pub receipt_appendix: &'static str,
    /// The receipt's body; `{office}`, `{office_address}` and `{service}` are replaced.
    pub receipt_body: Printed,
    /// The heading above the receipt's list of documents.
    pub receipt_heading: Printed,
    /// The paragraph of the Rules that lists the refusal grounds (15).
    pub refusal_paragraph: u8,
}

/// A ground for refusing the service, as the edition lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ground {
    /// Which ground.
    pub ground: RefusalGround,
    /// Its sub-item of the refusal paragraph.
    pub item: u8,
    /// Its text: Kazakh and Russian as printed, English for the window.
    pub text: Tr,
    /// Whether it applies to formation only (not to a correction).
    pub formation_only: bool,
}

/// The time limits of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The longest an applicant may wait in the queue, in minutes.
    pub max_waiting_minutes: i64,
    /// The longest the service at the counter may take, in minutes.
    pub max_service_minutes: i64,
    /// The result's term in working days after the day of receipt.
    pub result_working_days: u32,
}

impl Limits {
    /// The deadline of an application submitted at `submitted_at`: received on
    /// the day [`WorkingCalendar::service_deadline`] says, due at the provider's closing
    /// time [`Limits::result_working_days`] working days later.
    pub fn result_deadline(
        &self,
        calendar: &WorkingCalendar,
        submitted_at: NaiveDateTime,
    ) -> Deadline {
        let received_on = calendar.service_deadline(submitted_at).received_on;
        let mut due = received_on;
        for _ in 0..self.result_working_days.max(1) {
            due = calendar.next_working_day(due);
        }
        Deadline {
            received_on,
            due: due.and_time(PROVIDER_CLOSES),
        }
    }

    /// Whether a wait of `waited` is over the limit (a wait of exactly the limit is not).
    pub fn waiting_exceeded(&self, waited: Duration) -> bool {
        waited.num_seconds() > self.max_waiting_minutes * 60
    }
}

/// An edition of the Rules (see the module's documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edition {
    /// Short id, e.g. `order-146-2023`.
    pub id: &'static str,
    /// The edition's name: Kazakh, Russian, English.
    pub name: Tr,
    /// The day it takes effect.
    pub effective_from: (i32, u32, u32),
    /// Whether that day is confirmed by a published source (else it is to be confirmed;
    /// see `docs/rules-decisions.md`).
    pub start_confirmed: bool,
    /// Which (kind, channel) pairs are allowed.
    pub channels: &'static [(RequestKind, Channel)],
    /// The required documents, in the order the standard lists them.
    pub requirements: &'static [Requirement],
    /// What the printed documents say.
    pub texts: &'static PrintedTexts,
    /// The refusal grounds, in the order of the refusal paragraph.
    pub refusal_grounds: &'static [Ground],
    /// The time limits.
    pub limits: Limits,
    /// The applicant's fields a read machine-readable zone fills (the others the clerk
    /// types from the document's visual zone).
    pub mrz_fills: &'static [Field],
}

impl Edition {
    /// The day it takes effect.
    pub fn effective_date(&self) -> NaiveDate {
        let (y, m, d) = self.effective_from;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// Whether the kind may be requested through the channel.
    pub fn allows(&self, kind: RequestKind, channel: Channel) -> bool {
        self.channels.contains(&(kind, channel))
    }

    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        self.name.get(lang)
    }

    /// The start date as printed and shown: `DD.MM.YYYY`.
    pub fn start_text(&self) -> String {
        self.effective_date().format("%d.%m.%Y").to_string()
    }

    /// The refusal grounds open to a request of `kind`, in the order of the Rules.
    pub fn grounds_for(&self, kind: RequestKind) -> impl Iterator<Item = &'static Ground> {
        let formation = kind.is_formation();
        self.refusal_grounds
            .iter()
            .filter(move |g| formation || !g.formation_only)
    }

    /// The edition's entry for `ground`, if it lists it.
    pub fn ground(&self, ground: RefusalGround) -> Option<&'static Ground> {
        self.refusal_grounds.iter().find(|g| g.ground == ground)
    }

    /// Whether a read zone fills `field`.
    pub fn mrz_fills(&self, field: Field) -> bool {
        self.mrz_fills.contains(&field)
    }
}

/// Every edition this program knows, oldest first.
pub const EDITIONS: &[Edition] = &[ORDER_22_2022, ORDER_146_2023, AMENDMENT_2024];

/// The edition in force on `date`, if any is known.
pub fn edition_on(date: NaiveDate) -> Option<&'static Edition> {
    edition_among(EDITIONS, date)
}

/// The limits in force on `date`: its edition's, or before every known edition the
/// earliest one's.
pub fn limits_on(date: NaiveDate) -> Limits {
    match edition_on(date).or_else(|| EDITIONS.first()) {
        Some(e) => e.limits,
        None => Limits {
            max_waiting_minutes: 15,
            max_service_minutes: 20,
            result_working_days: 1,
        },
    }
}

/// The deadline of an application submitted at `submitted_at`, by the result's term of
/// the edition in force on its day ([`Limits::result_deadline`]).
pub fn result_deadline(calendar: &WorkingCalendar, submitted_at: NaiveDateTime) -> Deadline {
    limits_on(submitted_at.date()).result_deadline(calendar, submitted_at)
}

/// The latest edition of `editions` in force on `date`.
pub fn edition_among(editions: &'static [Edition], date: NaiveDate) -> Option<&'static Edition> {
    editions
        .iter()
        .filter(|e| e.effective_date() <= date)
        .max_by_key(|e| e.effective_date())
}

/// Builds a row of an edition's table.
pub const fn req(
    kind: RequestKind,
    channel: Channel,
    document: DocumentKind,
    condition: Condition,
) -> Requirement {
    Requirement {
        kind,
        channel,
        document,
        condition,
    }
}

/// The zone fills the names, the sex, the document's number, expiry and issuing state,
/// the date of birth and the citizenship (the editions of 2022 and 2023).
pub(crate) const MRZ_ALL: &[Field] = &[
    Field::Surname,
    Field::Name,
    Field::BirthDate,
    Field::Citizenship,
    Field::Sex,
    Field::DocumentNumber,
    Field::DocumentExpiryDate,
    Field::IssuingCountry,
];

#[cfg(test)]
mod tests;
