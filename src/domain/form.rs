//! The request as typed: every field is text, exactly as the clerk (or the import file)
//! gave it, and [`validate`] turns it into a [`Request`] or a list of field errors.
//!
//! The same shape is the JSON schema of `import`/`export` (see README), so a file and
//! the counter's form go through one set of rules.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::checklist::{decide, edition_on, required_documents, Decision, DocumentKind, Facts};
use super::country;
use super::field::{Field, FieldError, Problem, Script};
use super::identity::{Applicant, CyrillicName, Identity, IdentityDocument, Parameter, Sex};
use super::iin::Iin;
use super::request::{
    Channel, Correction, Institution, PowerOfAttorney, RefusalGround, Representative, Request,
    RequestKind, Status,
};

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

fn is_name_punct(c: char) -> bool {
    matches!(c, ' ' | '-' | '\'' | '’')
}

/// Checks a name in `script`; returns it tidied (Latin upper-cased as in the MRZ).
fn name_in(script: Script, text: &str, field: Field, errors: &mut Vec<FieldError>) -> String {
    let t = tidy(text);
    let ok = t.chars().all(|c| {
        is_name_punct(c)
            || match script {
                Script::Latin => c.is_ascii_alphabetic(),
                Script::Cyrillic => matches!(c, '\u{0400}'..='\u{04FF}'),
            }
    }) && t.chars().any(char::is_alphabetic);
    if !ok {
        errors.push(FieldError::new(field, Problem::WrongScript(script)));
    } else if t.chars().count() > MAX_NAME_CHARS {
        errors.push(FieldError::new(
            field,
            Problem::TooLong {
                max: MAX_NAME_CHARS,
            },
        ));
    }
    match script {
        Script::Latin => t.to_ascii_uppercase(),
        Script::Cyrillic => t,
    }
}

/// A collector of field errors with small helpers for each kind of field.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn push(&mut self, field: Field, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    fn required<'a>(&mut self, field: Field, text: &'a str) -> Option<&'a str> {
        if text.trim().is_empty() {
            self.push(field, Problem::Required);
            None
        } else {
            Some(text)
        }
    }

    fn text(&mut self, field: Field, text: &str, max: usize, required: bool) -> String {
        let t = tidy(text);
        if required && t.is_empty() {
            self.push(field, Problem::Required);
        } else if t.chars().count() > max {
            self.push(field, Problem::TooLong { max });
        }
        t
    }

    fn name(&mut self, script: Script, field: Field, text: &str, required: bool) -> Option<String> {
        if text.trim().is_empty() {
            if required {
                self.push(field, Problem::Required);
            }
            return None;
        }
        Some(name_in(script, text, field, &mut self.errors))
    }

    fn date(&mut self, field: Field, text: &str) -> Option<NaiveDate> {
        let t = self.required(field, text)?;
        let d = parse_date(t);
        if d.is_none() {
            self.push(field, Problem::NotADate);
        }
        d
    }

    fn country(&mut self, field: Field, text: &str) -> Option<String> {
        let t = self.required(field, text)?;
        match country::normalize_code(t) {
            Some(code) => Some(code.to_string()),
            None => {
                self.push(field, Problem::UnknownCountry);
                None
            }
        }
    }

    fn sex(&mut self, field: Field, text: &str) -> Option<Sex> {
        let t = self.required(field, text)?;
        let s = Sex::parse(t);
        if s.is_none() {
            self.push(field, Problem::NotASex);
        }
        s
    }

    fn document_number(&mut self, field: Field, text: &str) -> Option<String> {
        let t = self.required(field, text)?;
        let n: String = t
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if n.chars().all(|c| c.is_ascii_alphanumeric()) && n.len() <= 20 {
            Some(n)
        } else {
            self.push(field, Problem::NotADocumentNumber);
            None
        }
    }

    fn phone(&mut self, text: &str) -> String {
        let t = tidy(text);
        if t.is_empty() {
            return t;
        }
        let digits = t.chars().filter(char::is_ascii_digit).count();
        let allowed = t.chars().enumerate().all(|(i, c)| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
        });
        if !allowed || !(10..=15).contains(&digits) {
            self.push(Field::Phone, Problem::NotAPhone);
        }
        t
    }
}

/// The day the rules are applied on: the submission day.
fn application_day(at: NaiveDateTime) -> NaiveDate {
    at.date()
}

/// Validates the request part of a form. `new_id` is used when the form has no id yet;
/// `now` is the current local time (a submission may not be in the future).
///
/// The identity document's validity on the application day is checked here too
/// ([`Problem::Expired`]); the caller decides whether an expired document is an error
/// (it is not for a request refused to accept, whose receipt lists it).
pub fn validate(
    form: &RequestForm,
    new_id: Uuid,
    now: NaiveDateTime,
) -> Result<Request, Vec<FieldError>> {
    validate_with(form, new_id, now, true)
}

/// [`validate`], with or without the rule that the identity document is valid on the
/// application day.
fn validate_with(
    form: &RequestForm,
    new_id: Uuid,
    now: NaiveDateTime,
    check_expiry: bool,
) -> Result<Request, Vec<FieldError>> {
    let mut c = Checker { errors: Vec::new() };

    let id = if form.id.trim().is_empty() {
        Some(new_id)
    } else {
        let id = Uuid::parse_str(form.id.trim()).ok();
        if id.is_none() {
            c.push(Field::Id, Problem::NotAnId);
        }
        id
    };
    let kind = RequestKind::from_key(&form.kind);
    if kind.is_none() {
        c.push(
            Field::Kind,
            Problem::NotOneOf(&["formation", "formation_convicted", "correction"]),
        );
    }
    let channel = Channel::from_key(&form.channel);
    if channel.is_none() {
        c.push(Field::Channel, Problem::NotOneOf(&["counter", "portal"]));
    }
    let submitted_at = if form.submitted_at.trim().is_empty() {
        c.push(Field::SubmittedAt, Problem::Required);
        None
    } else {
        match parse_date_time(&form.submitted_at) {
            Some(t) if t > now => {
                c.push(Field::SubmittedAt, Problem::InFuture);
                None
            }
            Some(t) => Some(t),
            None => {
                c.push(Field::SubmittedAt, Problem::NotADateTime);
                None
            }
        }
    };
    let day = submitted_at.map(application_day).unwrap_or(now.date());
    if let (Some(k), Some(ch)) = (kind, channel) {
        match edition_on(day) {
            None => c.push(Field::SubmittedAt, Problem::NoEdition),
            Some(e) if !e.allows(k, ch) => c.push(Field::Channel, Problem::NotAllowed),
            Some(_) => {}
        }
    }
    let convicted = kind == Some(RequestKind::FormationConvicted);

    let identity = validate_identity(&mut c, &form.applicant, day, convicted);
    let a = &form.applicant;
    let address = c.text(Field::Address, &a.address, MAX_ADDRESS_CHARS, !convicted);
    let phone = c.phone(&a.phone);

    let representative = match (&form.representative, convicted) {
        (Some(r), _) => Some(validate_representative(&mut c, r, convicted)),
        (None, true) => {
            c.push(Field::RepresentativeName, Problem::Required);
            None
        }
        (None, false) => None,
    };
    let institution = match (&form.institution, convicted) {
        (Some(i), true) => Some(Institution {
            name: c.text(Field::InstitutionName, &i.name, MAX_TEXT_CHARS, true),
            head: c.text(Field::InstitutionHead, &i.head, MAX_TEXT_CHARS, true),
        }),
        (None, true) => {
            c.push(Field::InstitutionName, Problem::Required);
            None
        }
        (_, false) => None,
    };
    let correction = match (&form.correction, kind) {
        (Some(corr), Some(RequestKind::Correction)) => {
            validate_correction(&mut c, corr, identity.as_ref(), day)
        }
        (None, Some(RequestKind::Correction)) => {
            c.push(Field::CurrentIin, Problem::Required);
            None
        }
        _ => None,
    };
    let mut documents = BTreeMap::new();
    for (key, provided) in &form.documents {
        match DocumentKind::from_key(key) {
            Some(d) => {
                documents.insert(d, *provided);
            }
            None => c.push(Field::Documents, Problem::NotOneOf(DocumentKind::KEYS)),
        }
    }

    match (id, kind, channel, submitted_at, identity) {
        (Some(id), Some(kind), Some(channel), Some(submitted_at), Some(identity))
            if c.errors.is_empty() =>
        {
            let request = Request {
                id,
                kind,
                channel,
                submitted_at,
                applicant: Applicant {
                    identity,
                    address,
                    phone,
                },
                representative,
                institution,
                correction,
                documents,
            };
            // The document presented must be valid on the application day; after a
            // correction it is the new document's validity that counts.
            if let Some(doc) = request.identity_after().document.filter(|_| check_expiry) {
                if doc.expiry_date < day {
                    let field = if request
                        .correction
                        .as_ref()
                        .is_some_and(|c| c.changes.contains_key(&Parameter::DocumentExpiryDate))
                    {
                        Field::Change(Parameter::DocumentExpiryDate)
                    } else {
                        Field::DocumentExpiryDate
                    };
                    return Err(vec![FieldError::new(
                        field,
                        Problem::Expired {
                            valid_until: doc.expiry_date,
                            on: day,
                        },
                    )]);
                }
            }
            Ok(request)
        }
        _ => Err(c.errors),
    }
}

fn validate_identity(
    c: &mut Checker,
    a: &ApplicantForm,
    day: NaiveDate,
    convicted: bool,
) -> Option<Identity> {
    // A convicted person without documents may be known by a Cyrillic name only.
    let has_cyrillic = !a.surname_cyr.trim().is_empty();
    let latin_required = !(convicted && has_cyrillic);
    let surname = c.name(Script::Latin, Field::Surname, &a.surname, latin_required);
    let name = c.name(Script::Latin, Field::Name, &a.name, latin_required);
    let patronymic = c.name(Script::Latin, Field::Patronymic, &a.patronymic, false);
    let cyrillic = CyrillicName {
        surname: c.name(
            Script::Cyrillic,
            Field::SurnameCyrillic,
            &a.surname_cyr,
            false,
        ),
        name: c.name(Script::Cyrillic, Field::NameCyrillic, &a.name_cyr, false),
        patronymic: c.name(
            Script::Cyrillic,
            Field::PatronymicCyrillic,
            &a.patronymic_cyr,
            false,
        ),
    };
    let birth_date = c.date(Field::BirthDate, &a.birth_date).and_then(|d| {
        if d > day {
            c.push(Field::BirthDate, Problem::InFuture);
            None
        } else if d < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
            c.push(Field::BirthDate, Problem::BirthBefore1900);
            None
        } else {
            Some(d)
        }
    });
    let birth_place = c.text(Field::BirthPlace, &a.birth_place, MAX_TEXT_CHARS, true);
    let citizenship = c.country(Field::Citizenship, &a.citizenship);
    let sex = c.sex(Field::Sex, &a.sex);

    let any_document = [
        &a.document_number,
        &a.document_issue_date,
        &a.document_expiry_date,
        &a.document_issuing_country,
    ]
    .iter()
    .any(|t| !t.trim().is_empty());
    let document = if convicted && !any_document {
        Some(None)
    } else {
        let number = c.document_number(Field::DocumentNumber, &a.document_number);
        let issue = c.date(Field::DocumentIssueDate, &a.document_issue_date);
        let expiry = c.date(Field::DocumentExpiryDate, &a.document_expiry_date);
        let country = c.country(Field::IssuingCountry, &a.document_issuing_country);
        if let Some(i) = issue {
            if i > day {
                c.push(Field::DocumentIssueDate, Problem::InFuture);
            } else if expiry.is_some_and(|e| i >= e) {
                c.push(Field::DocumentIssueDate, Problem::IssueNotBeforeExpiry);
            }
        }
        match (number, issue, expiry, country) {
            (Some(number), Some(issue_date), Some(expiry_date), Some(issuing_country)) => {
                Some(Some(IdentityDocument {
                    number,
                    issue_date,
                    expiry_date,
                    issuing_country,
                    has_latin_or_cyrillic: a.document_has_latin_or_cyrillic,
                }))
            }
            _ => None,
        }
    };
    Some(Identity {
        surname: surname.unwrap_or_default(),
        name: name.unwrap_or_default(),
        patronymic,
        cyrillic,
        birth_date: birth_date?,
        birth_place,
        citizenship: citizenship?,
        sex: sex?,
        document: document?,
    })
}

fn validate_representative(
    c: &mut Checker,
    r: &RepresentativeForm,
    convicted: bool,
) -> Representative {
    let full_name = c.text(
        Field::RepresentativeName,
        &r.full_name,
        MAX_NAME_CHARS * 3,
        true,
    );
    let document = c.text(
        Field::RepresentativeDocument,
        &r.document,
        MAX_TEXT_CHARS,
        true,
    );
    let poa_given = [
        &r.poa_number,
        &r.poa_date,
        &r.poa_notary,
        &r.poa_valid_until,
    ]
    .iter()
    .any(|t| !t.trim().is_empty());
    // The penal institution's officer acts by the institution's certified application.
    let power_of_attorney = if convicted && !poa_given {
        None
    } else {
        let number = c.text(
            Field::PowerOfAttorneyNumber,
            &r.poa_number,
            MAX_TEXT_CHARS,
            true,
        );
        let date = c.date(Field::PowerOfAttorneyDate, &r.poa_date);
        let notary = c.text(
            Field::PowerOfAttorneyNotary,
            &r.poa_notary,
            MAX_TEXT_CHARS,
            true,
        );
        let valid_until = if r.poa_valid_until.trim().is_empty() {
            None
        } else {
            c.date(Field::PowerOfAttorneyValidUntil, &r.poa_valid_until)
        };
        date.map(|date| PowerOfAttorney {
            number,
            date,
            notary,
            valid_until,
        })
    };
    Representative {
        full_name,
        document,
        power_of_attorney,
    }
}

fn validate_correction(
    c: &mut Checker,
    form: &CorrectionForm,
    current: Option<&Identity>,
    day: NaiveDate,
) -> Option<Correction> {
    let iin = c
        .required(Field::CurrentIin, &form.current_iin)
        .and_then(|t| match Iin::parse(t) {
            Ok(i) => Some(i),
            Err(e) => {
                c.push(Field::CurrentIin, Problem::Iin(e));
                None
            }
        });
    let mut changes = BTreeMap::new();
    for (key, value) in &form.changes {
        if value.trim().is_empty() {
            continue;
        }
        let Some(param) = Parameter::from_key(key) else {
            c.push(
                Field::Changes,
                Problem::NotOneOf(&[
                    "surname",
                    "name",
                    "patronymic",
                    "birth_date",
                    "birth_place",
                    "citizenship",
                    "sex",
                    "document_number",
                    "document_issue_date",
                    "document_expiry_date",
                    "issuing_country",
                ]),
            );
            continue;
        };
        let f = Field::Change(param);
        let normalized = match param {
            Parameter::Surname | Parameter::Name | Parameter::Patronymic => {
                c.name(Script::Latin, f, value, true)
            }
            Parameter::BirthDate => c.date(f, value).and_then(|d| {
                if d > day {
                    c.push(f, Problem::InFuture);
                    None
                } else {
                    Some(d.to_string())
                }
            }),
            Parameter::DocumentIssueDate | Parameter::DocumentExpiryDate => {
                c.date(f, value).map(|d| d.to_string())
            }
            Parameter::BirthPlace => Some(c.text(f, value, MAX_TEXT_CHARS, true)),
            Parameter::Citizenship | Parameter::IssuingCountry => c.country(f, value),
            Parameter::Sex => c.sex(f, value).map(|s| s.code().to_string()),
            Parameter::DocumentNumber => c.document_number(f, value),
        };
        if let Some(v) = normalized {
            if current.is_some_and(|id| param.value_of(id) == v) {
                c.push(f, Problem::SameAsCurrent);
            } else {
                changes.insert(param, v);
            }
        }
    }
    if changes.is_empty() && !c.errors.iter().any(|e| matches!(e.field, Field::Change(_))) {
        c.push(Field::Changes, Problem::NoChange);
    }
    Some(Correction {
        current_iin: iin?,
        changes,
    })
}

/// The documents `request` needs and the checklist's decision on what was handed in.
pub fn decision(request: &Request) -> Option<(Vec<DocumentKind>, Decision)> {
    let day = application_day(request.submitted_at);
    let edition = edition_on(day)?;
    let identity = request.identity_after();
    let facts = Facts {
        kind: request.kind,
        channel: request.channel,
        has_representative: request.representative.is_some()
            && request.kind != RequestKind::FormationConvicted,
        has_latin_or_cyrillic: identity
            .document
            .as_ref()
            .is_none_or(|d| d.has_latin_or_cyrillic),
    };
    let required = required_documents(edition, &facts);
    let mut valid_until = BTreeMap::new();
    if let Some(d) = &identity.document {
        valid_until.insert(DocumentKind::IdentityDocument, d.expiry_date);
        valid_until.insert(DocumentKind::IdentityDocumentCopy, d.expiry_date);
    }
    if let Some(until) = request
        .representative
        .as_ref()
        .and_then(|r| r.power_of_attorney.as_ref())
        .and_then(|p| p.valid_until)
    {
        valid_until.insert(DocumentKind::PowerOfAttorney, until);
    }
    let d = decide(&required, &request.documents, &valid_until, day);
    Some((required, d))
}

/// Validates a whole record as imported: the request, its status and outcome, and that
/// the status agrees with the checklist (an accepted request needs a complete package;
/// a refused-to-accept one needs something missing or expired).
pub fn validate_record(
    form: &RequestForm,
    new_id: Uuid,
    now: NaiveDateTime,
) -> Result<Record, Vec<FieldError>> {
    let status = Status::from_key(&form.status);
    let mut errors = Vec::new();
    match status {
        None | Some(Status::Draft) => errors.push(FieldError::new(
            Field::Status,
            Problem::NotOneOf(&[
                "accepted",
                "sent",
                "formed",
                "corrected",
                "refused",
                "refused_to_accept",
            ]),
        )),
        Some(_) => {}
    }
    let request = match validate(form, new_id, now) {
        Ok(r) => Some(r),
        // An expired document is what a refusal to accept is about: validate the rest.
        Err(e)
            if status == Some(Status::RefusedToAccept)
                && e.iter()
                    .all(|e| matches!(e.problem, Problem::Expired { .. })) =>
        {
            match validate_with(form, new_id, now, false) {
                Ok(r) => Some(r),
                Err(mut e) => {
                    errors.append(&mut e);
                    None
                }
            }
        }
        Err(mut e) => {
            errors.append(&mut e);
            None
        }
    };
    let outcome = form
        .result
        .as_ref()
        .map(|r| validate_outcome(r, &mut errors));
    let (Some(request), Some(status)) = (request, status) else {
        return Err(errors);
    };
    let Some((_, decision)) = decision(&request) else {
        errors.push(FieldError::new(Field::SubmittedAt, Problem::NoEdition));
        return Err(errors);
    };
    let kind = request.kind;
    match status {
        Status::RefusedToAccept if decision.is_accept() => {
            errors.push(FieldError::new(Field::Documents, Problem::NothingToRefuse));
        }
        Status::Accepted | Status::Sent | Status::Formed | Status::Corrected | Status::Refused
            if !decision.is_accept() =>
        {
            errors.push(FieldError::new(Field::Documents, Problem::ChecklistRefuses));
        }
        _ => {}
    }
    match status {
        Status::Formed if !kind.is_formation() => {
            errors.push(FieldError::new(Field::Status, Problem::NotAllowed))
        }
        Status::Corrected if kind.is_formation() => {
            errors.push(FieldError::new(Field::Status, Problem::NotAllowed))
        }
        Status::Formed if outcome.as_ref().and_then(|o| o.iin.as_ref()).is_none() => {
            errors.push(FieldError::new(Field::ResultIin, Problem::Required))
        }
        Status::Refused => match outcome.as_ref().and_then(|o| o.ground) {
            None => errors.push(FieldError::new(Field::RefusalGround, Problem::Required)),
            Some(RefusalGround::IinAlreadyRegistered) if !kind.is_formation() => {
                errors.push(FieldError::new(Field::RefusalGround, Problem::NotAllowed))
            }
            Some(_) => {}
        },
        _ => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Record {
        request,
        status,
        office: tidy(&form.office),
        counter: tidy(&form.counter),
        clerk: tidy(&form.clerk),
        outcome,
        decision,
    })
}

fn validate_outcome(r: &ResultForm, errors: &mut Vec<FieldError>) -> Outcome {
    let iin = if r.iin.trim().is_empty() {
        None
    } else {
        match Iin::parse(&r.iin) {
            Ok(i) => Some(i),
            Err(e) => {
                errors.push(FieldError::new(Field::ResultIin, Problem::Iin(e)));
                None
            }
        }
    };
    let ground = if r.ground.trim().is_empty() {
        None
    } else {
        let g = RefusalGround::from_key(&r.ground);
        if g.is_none() {
            errors.push(FieldError::new(
                Field::RefusalGround,
                Problem::NotOneOf(&[
                    "unreliable_documents",
                    "data_not_compliant",
                    "iin_already_registered",
                ]),
            ));
        }
        g
    };
    let decided_at = if r.decided_at.trim().is_empty() {
        None
    } else {
        let t = parse_date_time(&r.decided_at);
        if t.is_none() {
            errors.push(FieldError::new(Field::DecidedAt, Problem::NotADateTime));
        }
        t
    };
    Outcome {
        iin,
        ground,
        comment: tidy(&r.comment),
        decided_at,
    }
}

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The form that [`validate_record`] turns back into `record`: what `export` writes.
pub fn record_to_form(record: &Record) -> RequestForm {
    let r = &record.request;
    let id = &r.applicant.identity;
    let doc = id.document.as_ref();
    RequestForm {
        id: r.id.to_string(),
        kind: r.kind.key().into(),
        channel: r.channel.key().into(),
        status: record.status.key().into(),
        submitted_at: r.submitted_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        office: record.office.clone(),
        counter: record.counter.clone(),
        clerk: record.clerk.clone(),
        applicant: ApplicantForm {
            surname: id.surname.clone(),
            name: id.name.clone(),
            patronymic: id.patronymic.clone().unwrap_or_default(),
            surname_cyr: id.cyrillic.surname.clone().unwrap_or_default(),
            name_cyr: id.cyrillic.name.clone().unwrap_or_default(),
            patronymic_cyr: id.cyrillic.patronymic.clone().unwrap_or_default(),
            birth_date: date_text(id.birth_date),
            birth_place: id.birth_place.clone(),
            citizenship: id.citizenship.clone(),
            sex: id.sex.code().into(),
            document_number: doc.map(|d| d.number.clone()).unwrap_or_default(),
            document_issue_date: doc.map(|d| date_text(d.issue_date)).unwrap_or_default(),
            document_expiry_date: doc.map(|d| date_text(d.expiry_date)).unwrap_or_default(),
            document_issuing_country: doc.map(|d| d.issuing_country.clone()).unwrap_or_default(),
            document_has_latin_or_cyrillic: doc.is_none_or(|d| d.has_latin_or_cyrillic),
            address: r.applicant.address.clone(),
            phone: r.applicant.phone.clone(),
        },
        representative: r.representative.as_ref().map(|rep| {
            let poa = rep.power_of_attorney.as_ref();
            RepresentativeForm {
                full_name: rep.full_name.clone(),
                document: rep.document.clone(),
                poa_number: poa.map(|p| p.number.clone()).unwrap_or_default(),
                poa_date: poa.map(|p| date_text(p.date)).unwrap_or_default(),
                poa_notary: poa.map(|p| p.notary.clone()).unwrap_or_default(),
                poa_valid_until: poa
                    .and_then(|p| p.valid_until)
                    .map(date_text)
                    .unwrap_or_default(),
            }
        }),
        institution: r.institution.as_ref().map(|i| InstitutionForm {
            name: i.name.clone(),
            head: i.head.clone(),
        }),
        correction: r.correction.as_ref().map(|c| CorrectionForm {
            current_iin: c.current_iin.to_string(),
            changes: c
                .changes
                .iter()
                .map(|(p, v)| (p.key().to_string(), v.clone()))
                .collect(),
        }),
        documents: r
            .documents
            .iter()
            .map(|(d, p)| (d.key().to_string(), *p))
            .collect(),
        result: record.outcome.as_ref().map(|o| ResultForm {
            iin: o.iin.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            ground: o.ground.map(|g| g.key().to_string()).unwrap_or_default(),
            comment: o.comment.clone(),
            decided_at: o
                .decided_at
                .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
                .unwrap_or_default(),
        }),
    }
}

/// One line of the live checklist the counter shows while the request is typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistLine {
    /// The document.
    pub document: DocumentKind,
    /// Whether the clerk ticked it as handed in.
    pub provided: bool,
    /// Its validity date, when it has one and it parses.
    pub valid_until: Option<NaiveDate>,
    /// Whether that date is before the application day.
    pub expired: bool,
}

/// The checklist for a form still being typed: the documents its kind, channel,
/// representative and translation need under the rules in force on `day`, and the
/// decision on what is ticked. Works on half-typed forms: an unparsed date simply has
/// no validity yet. `None` when the kind or channel is unknown or not allowed.
pub fn live_checklist(
    form: &RequestForm,
    day: NaiveDate,
) -> Option<(Vec<ChecklistLine>, Decision)> {
    let kind = RequestKind::from_key(&form.kind)?;
    let channel = Channel::from_key(&form.channel)?;
    let edition = edition_on(day)?;
    if !edition.allows(kind, channel) {
        return None;
    }
    let corrected = |key: Parameter, fallback: &str| -> Option<NaiveDate> {
        form.correction
            .as_ref()
            .and_then(|c| c.changes.get(key.key()))
            .filter(|v| !v.trim().is_empty())
            .map_or_else(|| parse_date(fallback), |v| parse_date(v))
    };
    let expiry = corrected(
        Parameter::DocumentExpiryDate,
        &form.applicant.document_expiry_date,
    );
    let facts = Facts {
        kind,
        channel,
        has_representative: form.representative.is_some()
            && kind != RequestKind::FormationConvicted,
        has_latin_or_cyrillic: form.applicant.document_has_latin_or_cyrillic,
    };
    let required = required_documents(edition, &facts);
    let provided: BTreeMap<DocumentKind, bool> = form
        .documents
        .iter()
        .filter_map(|(k, v)| DocumentKind::from_key(k).map(|d| (d, *v)))
        .collect();
    let mut validity = BTreeMap::new();
    if let Some(e) = expiry {
        validity.insert(DocumentKind::IdentityDocument, e);
        validity.insert(DocumentKind::IdentityDocumentCopy, e);
    }
    if let Some(p) = form
        .representative
        .as_ref()
        .and_then(|r| parse_date(&r.poa_valid_until))
    {
        validity.insert(DocumentKind::PowerOfAttorney, p);
    }
    let lines = required
        .iter()
        .map(|d| {
            let valid_until = validity.get(d).copied();
            ChecklistLine {
                document: *d,
                provided: provided.get(d).copied().unwrap_or(false),
                valid_until,
                expired: valid_until.is_some_and(|u| u < day),
            }
        })
        .collect();
    let decision = decide(&required, &provided, &validity, day);
    Some((lines, decision))
}
