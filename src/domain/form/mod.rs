//! The request as typed: every field is text, exactly as the clerk (or the import file)
//! gave it, and [`validate`] turns it into a [`Request`] or a list of field errors.
//!
//! The same shape is the JSON schema of `import`/`export` (see README), so a file and
//! the counter's form go through one set of rules.
//!
//! - [`validate`] (in `validation.rs`) checks the request part field by field;
//! - [`validate_record`] and [`record_to_form`] (in `record.rs`) handle whole records;
//! - [`live_checklist`] (in `live.rs`) is the checklist of a form still being typed;
//! - [`fill_from_mrz`] (in `mrz_fill.rs`) fills the identity fields from a read MRZ.

mod live;
mod mrz_fill;
mod record;
mod validation;

pub use live::{live_checklist, ChecklistLine};
pub use mrz_fill::{fill_from_mrz, next_after_mrz, read_mrz_into};
pub use record::{decision, record_to_form, validate_record};
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
    pub surname: String,
    pub name: String,
    pub patronymic: String,
    pub surname_cyr: String,
    pub name_cyr: String,
    pub patronymic_cyr: String,
    pub birth_date: String,
    pub birth_place: String,
    pub citizenship: String,
    pub sex: String,
    pub document_number: String,
    pub document_issue_date: String,
    pub document_expiry_date: String,
    pub document_issuing_country: String,
    /// Whether the document shows the identifying data in Cyrillic or Latin script.
    #[serde(default = "yes")]
    pub document_has_latin_or_cyrillic: bool,
    pub address: String,
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
    pub full_name: String,
    pub document: String,
    pub poa_number: String,
    pub poa_date: String,
    pub poa_notary: String,
    pub poa_valid_until: String,
}

/// The penal institution's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InstitutionForm {
    pub name: String,
    pub head: String,
}

/// A correction as typed: the current IIN and new values by parameter key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CorrectionForm {
    pub current_iin: String,
    pub changes: BTreeMap<String, String>,
}

/// The back office's result as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResultForm {
    pub iin: String,
    pub ground: String,
    pub comment: String,
    pub decided_at: String,
}

/// A whole request as typed; also one element of the import/export JSON array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RequestForm {
    pub id: String,
    pub kind: String,
    pub channel: String,
    pub status: String,
    pub submitted_at: String,
    pub office: String,
    pub counter: String,
    pub clerk: String,
    pub applicant: ApplicantForm,
    pub representative: Option<RepresentativeForm>,
    pub institution: Option<InstitutionForm>,
    pub correction: Option<CorrectionForm>,
    /// Document key → handed in.
    pub documents: BTreeMap<String, bool>,
    pub result: Option<ResultForm>,
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
