//! The live checklist of a form still being typed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::checklist::{
    decide, edition_on, required_documents, Decision, DocumentKind, Facts,
};
use crate::domain::identity::Parameter;
use crate::domain::request::{Channel, RequestKind};

use super::{parse_date, RequestForm};

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
        representative: form.representative.as_ref().and_then(|r| {
            super::representative::basis_of(r, kind == RequestKind::FormationConvicted)
                .ok()
                .flatten()
        }),
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
