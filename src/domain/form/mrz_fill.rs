//! Filling a form from a machine-readable zone: the identity fields the zone carries are
//! written as a clerk would type them, the others are left alone.

use chrono::NaiveDate;

use super::ApplicantForm;
use crate::domain::field::Field;
use crate::domain::mrz::{read_mrz, MrzReadError, MrzReading};

/// Copies what `reading` carries into the applicant's fields: names, birth date and sex
/// (when the zone holds them), nationality, document number, expiry and issuing state.
/// Dates are written `DD.MM.YYYY`, as clerks type them.
pub fn fill_from_mrz(applicant: &mut ApplicantForm, reading: &MrzReading) {
    let a = applicant;
    a.surname = reading.surname.clone();
    a.name = reading.given_names.clone();
    if let Some(d) = reading.birth_date {
        a.birth_date = d.format("%d.%m.%Y").to_string();
    }
    if let Some(s) = reading.sex {
        a.sex = s.code().into();
    }
    a.citizenship = reading.nationality.clone();
    a.document_number = reading.document_number.clone();
    if let Some(d) = reading.expiry_date {
        a.document_expiry_date = d.format("%d.%m.%Y").to_string();
    }
    a.document_issuing_country = reading.issuing_country.clone();
}

/// The field the clerk types after the zone filled the form: the zone carries neither the
/// place of birth nor the document's issue date, so the first of them still empty.
pub fn next_after_mrz(applicant: &ApplicantForm) -> Field {
    if applicant.birth_place.trim().is_empty() {
        Field::BirthPlace
    } else {
        Field::DocumentIssueDate
    }
}

/// Reads `zone` as on `today` and, when it reads, fills `applicant` from it
/// ([`fill_from_mrz`]). Returns the reading (with its check-digit verdicts) or why the
/// zone could not be read; on an error the form is unchanged.
pub fn read_mrz_into(
    applicant: &mut ApplicantForm,
    zone: &str,
    today: NaiveDate,
) -> Result<MrzReading, MrzReadError> {
    let reading = read_mrz(zone, today);
    if let Ok(r) = &reading {
        fill_from_mrz(applicant, r);
    }
    reading
}

#[cfg(test)]
mod tests {
    use super::*;

    const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                       L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    }

    #[test]
    fn a_read_zone_fills_the_identity_fields_as_typed() {
        let mut a = ApplicantForm {
            address: "Almaty".into(),
            ..ApplicantForm::default()
        };
        let reading = read_mrz_into(&mut a, TD3, today()).unwrap();
        assert!(reading.all_checks_pass());
        assert_eq!(a.surname, "ERIKSSON");
        assert_eq!(a.name, "ANNA MARIA");
        assert_eq!(a.birth_date, "12.08.1974");
        assert_eq!(a.sex, "F");
        assert_eq!(a.citizenship, "UTO");
        assert_eq!(a.document_number, "L898902C3");
        assert_eq!(a.document_expiry_date, "15.04.2012");
        assert_eq!(a.document_issuing_country, "UTO");
        // What the zone does not carry stays as typed.
        assert_eq!(a.address, "Almaty");
        assert!(a.birth_place.is_empty());
        assert_eq!(next_after_mrz(&a), Field::BirthPlace);
        a.birth_place = "Tashkent".into();
        assert_eq!(next_after_mrz(&a), Field::DocumentIssueDate);
    }

    #[test]
    fn an_unreadable_zone_leaves_the_form_unchanged() {
        let mut a = ApplicantForm {
            surname: "TYPED".into(),
            ..ApplicantForm::default()
        };
        let before = a.clone();
        assert!(read_mrz_into(&mut a, "P<UTO", today()).is_err());
        assert_eq!(a, before);
    }
}
