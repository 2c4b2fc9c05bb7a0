//! The representative as typed: on what ground they act, and what each ground needs. A
//! legal representative (a parent, a guardian) acts by law and shows the document that
//! proves it; any other representative shows a notarized power of attorney (Appendix 3,
//! item 8). On a convicted person's request the penal institution's officer brings the
//! certified application and needs neither.

use crate::domain::field::{Field, Problem};
use crate::domain::request::{PowerOfAttorney, Representative, RepresentativeBasis};

use super::checker::Checker;
use super::{RepresentativeForm, MAX_NAME_CHARS, MAX_TEXT_CHARS};

/// Whether any of the power of attorney's fields is filled in.
fn poa_given(r: &RepresentativeForm) -> bool {
    [
        &r.poa_number,
        &r.poa_date,
        &r.poa_notary,
        &r.poa_valid_until,
    ]
    .iter()
    .any(|t| !t.trim().is_empty())
}

/// The ground `r` acts on: `Ok(None)` for the institution's officer (a convicted person's
/// request with neither a proof nor a power of attorney), `Err` for an unknown key.
pub(super) fn basis_of(
    r: &RepresentativeForm,
    convicted: bool,
) -> Result<Option<RepresentativeBasis>, Problem> {
    if r.basis.trim().is_empty() {
        let legal = !r.legal_document.trim().is_empty();
        return Ok(match (legal, poa_given(r)) {
            (true, false) => Some(RepresentativeBasis::LegalRepresentative),
            (false, false) if convicted => None,
            _ => Some(RepresentativeBasis::PowerOfAttorney),
        });
    }
    RepresentativeBasis::from_key(&r.basis)
        .map(Some)
        .ok_or(Problem::NotOneOf(RepresentativeBasis::KEYS))
}

/// Validates the representative's fields for their ground.
pub(super) fn validate_representative(
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
    let basis = match basis_of(r, convicted) {
        Ok(basis) => basis,
        // The rest depends on the ground: nothing more to say until it is known.
        Err(problem) => {
            c.push(Field::RepresentativeBasis, problem);
            return Representative {
                full_name,
                document,
                basis: None,
                legal_document: String::new(),
                power_of_attorney: None,
            };
        }
    };
    let legal = basis == Some(RepresentativeBasis::LegalRepresentative);
    let legal_document = if legal {
        c.text(
            Field::LegalRepresentativeDocument,
            &r.legal_document,
            MAX_TEXT_CHARS,
            true,
        )
    } else {
        if !r.legal_document.trim().is_empty() {
            c.push(Field::LegalRepresentativeDocument, Problem::NotAllowed);
        }
        String::new()
    };
    let power_of_attorney = match basis {
        Some(RepresentativeBasis::PowerOfAttorney) => power_of_attorney(c, r),
        _ => {
            // A legal representative acts by law; what was typed for a power of
            // attorney is not dropped without a word.
            if poa_given(r) {
                c.push(Field::PowerOfAttorneyNumber, Problem::NotAllowed);
            }
            None
        }
    };
    Representative {
        full_name,
        document,
        basis,
        legal_document,
        power_of_attorney,
    }
}

/// The notarized power of attorney: number, date and notary required, validity optional.
fn power_of_attorney(c: &mut Checker, r: &RepresentativeForm) -> Option<PowerOfAttorney> {
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
}
