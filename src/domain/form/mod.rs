//! The request as typed: every field is text, exactly as the clerk (or the import file)
//! gave it, and [`validate`] turns it into a [`Request`] or a list of field errors.
//!
//! The same shape is the JSON schema of `import`/`export` (see README), so a file and
//! the counter's form go through one set of rules.
//!
//! - [`validate`] (in `validation.rs`) checks the request part field by field;
//! - [`validate_record`] and [`record_to_form`] (in `record.rs`) handle whole records;
//! - [`live_checklist`] (in `live.rs`) is the checklist of a form still being typed;
//! - [`fill_from_mrz`] (in `mrz_fill.rs`) fills the identity fields from a read MRZ;
//! - [`eligibility`] is who may apply (by citizenship), `text.rs` the control characters
//!   no text field takes, and [`unknown_keys`] (in `keys.rs`) the keys an import file may
//!   not hold.

mod checker;
pub mod eligibility;
mod keys;
mod live;
mod mrz_fill;
mod record;
mod representative;
mod text;
mod times;
mod validation;

pub use keys::{unknown_keys, UnknownKey};
pub use live::{live_checklist, ChecklistLine};
pub use mrz_fill::{fill_from_mrz, mrz_disagreements, next_after_mrz, read_mrz_into};
pub use record::{decision, record_to_form, validate_record};
pub use text::{control_character, Lines};
pub use times::ticket_parts;
pub use validation::validate;

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::checklist::Decision;
use super::iin::Iin;
use super::request::{Channel, RefusalGround, Request, RequestKind, Status};

/// Longest name component accepted (the longest real surnames run to about 40).
pub const MAX_NAME_CHARS: usize = 64;
/// Longest place of birth, institution name or notary.
pub const MAX_TEXT_CHARS: usize = 120;
/// Longest address.
pub const MAX_ADDRESS_CHARS: usize = 200;

fn yes() -> bool {
    true
}

/// The applicant's fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ApplicantForm {
    /// Surname in Latin script as typed.
    pub surname: String,
    /// Given name in Latin script as typed.
    pub name: String,
    /// Patronymic in Latin script as typed; may be empty.
    pub patronymic: String,
    /// Surname in Cyrillic script as typed; may be empty.
    pub surname_cyr: String,
    /// Given name in Cyrillic script as typed; may be empty.
    pub name_cyr: String,
    /// Patronymic in Cyrillic script as typed; may be empty.
    pub patronymic_cyr: String,
    /// Date of birth as typed: `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub birth_date: String,
    /// Place of birth as free text, at most [`MAX_TEXT_CHARS`] characters.
    pub birth_place: String,
    /// Citizenship as an alpha-3 country code in any case (e.g. `KAZ`).
    pub citizenship: String,
    /// Sex as typed: `M`/`F`, or the word in English, Kazakh or Russian.
    pub sex: String,
    /// Identity document number: letters and digits, spaces ignored, at most 20.
    pub document_number: String,
    /// Identity document's issue date: `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub document_issue_date: String,
    /// Identity document's expiry date: `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub document_expiry_date: String,
    /// Country that issued the identity document: an alpha-3 code in any case.
    pub document_issuing_country: String,
    /// Whether the document shows the identifying data in Cyrillic or Latin script.
    #[serde(default = "yes")]
    pub document_has_latin_or_cyrillic: bool,
    /// Address as free text, at most [`MAX_ADDRESS_CHARS`] characters.
    pub address: String,
    /// Contact phone: 10 to 15 digits, optional leading `+`, spaces, `-`, `(`, `)`; may be empty.
    pub phone: String,
}

impl Default for ApplicantForm {
    fn default() -> Self {
        ApplicantForm {
            surname: String::new(),
            name: String::new(),
            patronymic: String::new(),
            surname_cyr: String::new(),
            name_cyr: String::new(),
            patronymic_cyr: String::new(),
            birth_date: String::new(),
            birth_place: String::new(),
            citizenship: String::new(),
            sex: String::new(),
            document_number: String::new(),
            document_issue_date: String::new(),
            document_expiry_date: String::new(),
            document_issuing_country: String::new(),
            document_has_latin_or_cyrillic: true,
            address: String::new(),
            phone: String::new(),
        }
    }
}

/// The representative's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RepresentativeForm {
    /// Representative's full name as free text.
    pub full_name: String,
    /// Representative's identity document as free text.
    pub document: String,
    /// On what ground the representative acts: `legal_representative` (a parent or
    /// guardian) or `power_of_attorney`; empty: a legal representative when only
    /// `legal_document` is filled in, the penal institution's officer on a convicted
    /// person's request when nothing is, else by power of attorney.
    pub basis: String,
    /// A legal representative's proof of authority (a birth certificate, a guardianship
    /// decision) as free text.
    pub legal_document: String,
    /// Power of attorney's registration number as typed.
    pub poa_number: String,
    /// Power of attorney's date: `DD.MM.YYYY` or `YYYY-MM-DD`.
    pub poa_date: String,
    /// Notary who certified the power of attorney, as free text.
    pub poa_notary: String,
    /// Last day the power of attorney is valid: `DD.MM.YYYY` or `YYYY-MM-DD`; empty if unlimited.
    pub poa_valid_until: String,
}

/// The penal institution's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstitutionForm {
    /// Penal institution's name as free text.
    pub name: String,
    /// Head of the institution who signed the application, as free text; may be empty
    /// (the order asks for the institution's certification, not for a name).
    pub head: String,
}

/// A correction as typed: the current IIN and new values by parameter key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CorrectionForm {
    /// The IIN to correct: 12 digits as typed.
    pub current_iin: String,
    /// New value by parameter key (`surname`, `birth_date`, `sex`, …), each value in
    /// that field's format.
    pub changes: BTreeMap<String, String>,
}

/// The back office's result as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResultForm {
    /// The formed or corrected IIN: 12 digits; empty for a refusal.
    pub iin: String,
    /// Refusal ground key (`unreliable_documents`, `data_not_compliant`,
    /// `iin_already_registered`); empty unless refused.
    pub ground: String,
    /// Operator's comment as free text; may be empty.
    pub comment: String,
    /// When the decision was taken: `YYYY-MM-DDTHH:MM[:SS]`; may be empty.
    pub decided_at: String,
}

/// A whole request as typed; also one element of the import/export JSON array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    /// Request id as a UUID; empty for a new request (one is assigned).
    pub id: String,
    /// Request kind key: `formation`, `formation_convicted` or `correction`.
    pub kind: String,
    /// Channel key: `counter` or `portal`.
    pub channel: String,
    /// Status key: `draft`, `accepted`, `sent`, `formed`, `corrected`, `refused` or
    /// `refused_to_accept`.
    pub status: String,
    /// Local submission time: `YYYY-MM-DDTHH:MM[:SS]` (a space instead of `T` too).
    pub submitted_at: String,
    /// Office that took the request, as free text.
    pub office: String,
    /// Counter number that took the request, as typed.
    pub counter: String,
    /// Login of the clerk who took the request.
    pub clerk: String,
    /// The applicant's fields.
    pub applicant: ApplicantForm,
    /// The representative's fields, if someone acts for the applicant.
    pub representative: Option<RepresentativeForm>,
    /// The penal institution's fields, for a convicted applicant.
    pub institution: Option<InstitutionForm>,
    /// The correction's fields, for a correction request.
    pub correction: Option<CorrectionForm>,
    /// Document key → handed in.
    pub documents: BTreeMap<String, bool>,
    /// The back office's result, once one is recorded.
    pub result: Option<ResultForm>,
    /// The electronic queue ticket's number as typed (`A042`: up to three letters, then
    /// one to four digits); empty without a ticket (an import, the portal). A scanner
    /// that types `A042 16:05` or `A042;16:05` here gives the time too
    /// ([`crate::domain::timing::split_ticket_entry`]).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ticket: String,
    /// When the ticket was taken: `HH:MM` on the application day; empty without a ticket.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ticket_taken_at: String,
    /// When the request was first opened at the counter, `YYYY-MM-DDTHH:MM:SS`; empty
    /// when it was not (an import, the portal). The service time runs from here and the
    /// waiting time ends here. The three times' keys are written only when they hold
    /// something, so a request stored before they existed keeps its JSON and its hash.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub opened_at: String,
    /// A draft's machine-readable zone as the reader typed it and the clerk read it, so
    /// *Continue* brings back the zone and its verdict. Kept only while the request is a
    /// draft, and never written when empty: an import file may not carry it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mrz: String,
}

impl Default for RequestForm {
    fn default() -> Self {
        RequestForm {
            id: String::new(),
            kind: RequestKind::Formation.key().into(),
            channel: Channel::Counter.key().into(),
            status: Status::Draft.key().into(),
            submitted_at: String::new(),
            office: String::new(),
            counter: String::new(),
            clerk: String::new(),
            applicant: ApplicantForm::default(),
            representative: None,
            institution: None,
            correction: None,
            documents: BTreeMap::new(),
            result: None,
            ticket: String::new(),
            ticket_taken_at: String::new(),
            opened_at: String::new(),
            mrz: String::new(),
        }
    }
}

/// The back office's outcome, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The formed or corrected IIN.
    pub iin: Option<Iin>,
    /// The refusal ground.
    pub ground: Option<RefusalGround>,
    /// The operator's comment.
    pub comment: String,
    /// When the decision was taken.
    pub decided_at: Option<NaiveDateTime>,
}

/// A validated record: the request, where it is in its life, and the checklist decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The request.
    pub request: Request,
    /// Its status.
    pub status: Status,
    /// Office, counter and clerk that took it.
    pub office: String,
    /// Counter number.
    pub counter: String,
    /// Clerk's login.
    pub clerk: String,
    /// The back office's outcome, for final statuses.
    pub outcome: Option<Outcome>,
    /// The checklist's decision on the package.
    pub decision: Decision,
}

/// Parses a date as clerks type it: `DD.MM.YYYY`, or ISO `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .ok()
        .filter(|d| {
            // chrono accepts years with more or fewer digits; a typed date has four.
            (1000..=9999).contains(&chrono::Datelike::year(d))
        })
}

/// Parses a local date and time: `YYYY-MM-DDTHH:MM[:SS]` (a space instead of `T` too).
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().replacen(' ', "T", 1);
    [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S%.f",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
}

/// Collapses runs of whitespace and trims.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
