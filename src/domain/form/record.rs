//! Whole records: the checklist's decision on a request, the validation of an imported
//! record (status and outcome included), and the way back from a record to its form.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use uuid::Uuid;

use crate::domain::checklist::{
    decide, edition_on, required_documents, Decision, DocumentKind, Facts,
};
use crate::domain::field::{Field, FieldError, Problem};
use crate::domain::iin::Iin;
use crate::domain::request::{RefusalGround, Request, Status};

use super::validate;
use super::validation::{application_day, validate_with};
use super::{
    parse_date_time, tidy, ApplicantForm, CorrectionForm, InstitutionForm, Outcome, Record,
    RepresentativeForm, RequestForm, ResultForm,
};

/// The documents `request` needs and the checklist's decision on what was handed in.
pub fn decision(request: &Request) -> Option<(Vec<DocumentKind>, Decision)> {
    let day = application_day(request.submitted_at);
    let edition = edition_on(day)?;
    let identity = request.identity_after();
    let facts = Facts {
        kind: request.kind,
        channel: request.channel,
        representative: request.representative.as_ref().and_then(|r| r.basis),
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
    super::text::control_characters_first(&mut errors);
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
                basis: rep.basis.map(|b| b.key().to_string()).unwrap_or_default(),
                legal_document: rep.legal_document.clone(),
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
        ticket: r
            .ticket
            .as_ref()
            .map(|t| t.number.clone())
            .unwrap_or_default(),
        ticket_taken_at: r
            .ticket
            .as_ref()
            .map(|t| super::times::time_text(t.taken_at))
            .unwrap_or_default(),
        opened_at: r
            .opened_at
            .map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .unwrap_or_default(),
        mrz: String::new(),
    }
}
