//! Field-by-field validation of the request part of a form into a [`Request`].

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use uuid::Uuid;

use crate::domain::checklist::{edition_on, DocumentKind};
use crate::domain::field::{Field, FieldError, Problem, Script};
use crate::domain::identity::{Applicant, CyrillicName, Identity, IdentityDocument, Parameter};
use crate::domain::iin::Iin;
use crate::domain::request::{is_cyrillic, Channel, Correction, Institution, Request, RequestKind};

use super::checker::Checker;
use super::representative::validate_representative;
use super::text::{control_character_errors, control_characters_first};
use super::times::validate_times;
use super::{
    parse_date_time, ApplicantForm, CorrectionForm, RequestForm, MAX_ADDRESS_CHARS, MAX_TEXT_CHARS,
};

/// The day the rules are applied on: the submission day.
pub(super) fn application_day(at: NaiveDateTime) -> NaiveDate {
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
pub(super) fn validate_with(
    form: &RequestForm,
    new_id: Uuid,
    now: NaiveDateTime,
    check_expiry: bool,
) -> Result<Request, Vec<FieldError>> {
    let mut c = Checker {
        errors: control_character_errors(form),
    };

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
    let submitted_at = validate_submitted_at(&mut c, &form.submitted_at, now);
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

    // A convicted person's request needs the institution that certifies it and nothing
    // more: no representative, no head's name (the order names neither).
    let representative = form
        .representative
        .as_ref()
        .map(|r| validate_representative(&mut c, r, convicted));
    let institution = match (&form.institution, convicted) {
        (Some(i), true) => Some(Institution {
            name: c.text(Field::InstitutionName, &i.name, MAX_TEXT_CHARS, true),
            head: c.text(Field::InstitutionHead, &i.head, MAX_TEXT_CHARS, false),
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
    let documents = validate_documents(&mut c, &form.documents);
    let (ticket, opened_at) = validate_times(&mut c, form, submitted_at);

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
                ticket,
                opened_at,
            };
            if check_expiry {
                check_document_valid(&request, day).map_err(|e| vec![e])?;
            }
            Ok(request)
        }
        _ => {
            control_characters_first(&mut c.errors);
            Err(c.errors)
        }
    }
}

/// The submission time: required, a date and time, not in the future.
fn validate_submitted_at(c: &mut Checker, text: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
    if text.trim().is_empty() {
        c.push(Field::SubmittedAt, Problem::Required);
        None
    } else {
        match parse_date_time(text) {
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
    }
}

/// The documents handed in, by known document key.
fn validate_documents(
    c: &mut Checker,
    given: &BTreeMap<String, bool>,
) -> BTreeMap<DocumentKind, bool> {
    let mut documents = BTreeMap::new();
    for (key, provided) in given {
        match DocumentKind::from_key(key) {
            Some(d) => {
                documents.insert(d, *provided);
            }
            None => c.push(Field::Documents, Problem::NotOneOf(DocumentKind::KEYS)),
        }
    }
    documents
}

/// The document presented must be valid on the application day; after a correction it
/// is the new document's validity that counts.
fn check_document_valid(request: &Request, day: NaiveDate) -> Result<(), FieldError> {
    if let Some(doc) = request.identity_after().document {
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
            return Err(FieldError::new(
                field,
                Problem::Expired {
                    valid_until: doc.expiry_date,
                    on: day,
                },
            ));
        }
    }
    Ok(())
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
    let citizenship = c.citizenship(Field::Citizenship, &a.citizenship);
    let sex = c.sex(Field::Sex, &a.sex);

    let document = if convicted {
        // The path is for persons without an identity document (Rules, para 3).
        for (field, text) in [
            (Field::DocumentNumber, &a.document_number),
            (Field::DocumentIssueDate, &a.document_issue_date),
            (Field::DocumentExpiryDate, &a.document_expiry_date),
            (Field::IssuingCountry, &a.document_issuing_country),
        ] {
            if !text.trim().is_empty() {
                c.push(field, Problem::NoDocumentExpected);
            }
        }
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
            // A name is corrected in the script it is written in: Latin as in the
            // passport, Cyrillic as in the national registers.
            Parameter::Surname | Parameter::Name | Parameter::Patronymic => {
                let script = if is_cyrillic(value) {
                    Script::Cyrillic
                } else {
                    Script::Latin
                };
                c.name(script, f, value, true)
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
            Parameter::Citizenship => c.citizenship(f, value),
            Parameter::IssuingCountry => c.country(f, value),
            Parameter::Sex => c.sex(f, value).map(|s| s.code().to_string()),
            Parameter::DocumentNumber => c.document_number(f, value),
        };
        if let Some(v) = normalized {
            if current.is_some_and(|id| current_value(param, id, &v) == v) {
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

/// The current value a correction's new value `v` is compared with: for a name in
/// Cyrillic, the Cyrillic spelling.
fn current_value(param: Parameter, id: &Identity, v: &str) -> String {
    let cyr = &id.cyrillic;
    let spelling = match param {
        Parameter::Surname => &cyr.surname,
        Parameter::Name => &cyr.name,
        Parameter::Patronymic => &cyr.patronymic,
        _ => return param.value_of(id),
    };
    if is_cyrillic(v) {
        spelling.clone().unwrap_or_default()
    } else {
        param.value_of(id)
    }
}
