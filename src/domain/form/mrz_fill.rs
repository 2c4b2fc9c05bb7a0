//! Filling a form from a machine-readable zone: the identity fields the zone carries and
//! the edition in force lets it fill are written as a clerk would type them, the others
//! are left alone. Under the edition of 2024 the date of birth and the citizenship come
//! from the passport's visual zone: the clerk types them, and [`mrz_disagreements`] says
//! where what was typed differs from the zone.

use chrono::NaiveDate;

use super::{parse_date, ApplicantForm};
use crate::domain::edition::{edition_on, Edition, EDITIONS};
use crate::domain::field::Field;
use crate::domain::mrz::{read_mrz, MrzReadError, MrzReading};

/// Copies what `reading` carries into the applicant's fields that `edition` lets the zone
/// fill ([`Edition::mrz_fills`]): names, birth date and sex (when the zone holds them),
/// nationality, document number, expiry and issuing state. Dates are written
/// `DD.MM.YYYY`, as clerks type them.
pub fn fill_from_mrz(applicant: &mut ApplicantForm, reading: &MrzReading, edition: &Edition) {
    let a = applicant;
    let fills = |f: Field| edition.mrz_fills(f);
    if fills(Field::Surname) {
        a.surname = reading.surname.clone();
    }
    if fills(Field::Name) {
        a.name = reading.given_names.clone();
    }
    if let Some(d) = reading.birth_date.filter(|_| fills(Field::BirthDate)) {
        a.birth_date = d.format("%d.%m.%Y").to_string();
    }
    if let Some(s) = reading.sex.filter(|_| fills(Field::Sex)) {
        a.sex = s.code().into();
    }
    if fills(Field::Citizenship) {
        a.citizenship = reading.nationality.clone();
    }
    if fills(Field::DocumentNumber) {
        a.document_number = reading.document_number.clone();
    }
    if let Some(d) = reading
        .expiry_date
        .filter(|_| fills(Field::DocumentExpiryDate))
    {
        a.document_expiry_date = d.format("%d.%m.%Y").to_string();
    }
    if fills(Field::IssuingCountry) {
        a.document_issuing_country = reading.issuing_country.clone();
    }
}

/// The field the clerk types after the zone filled the form: the first still empty of
/// those no zone fills (the place of birth) or the edition keeps for the visual zone
/// (the date of birth and the citizenship in 2024), in the form's order; else the
/// document's issue date, which no zone carries.
pub fn next_after_mrz(applicant: &ApplicantForm) -> Field {
    [
        (Field::BirthDate, &applicant.birth_date),
        (Field::BirthPlace, &applicant.birth_place),
        (Field::Citizenship, &applicant.citizenship),
    ]
    .into_iter()
    .find(|(_, text)| text.trim().is_empty())
    .map_or(Field::DocumentIssueDate, |(f, _)| f)
}

/// The fields the clerk typed from the visual zone whose value differs from what the
/// zone reads, each with the zone's value as a clerk types it: the date of birth
/// (compared as a date) and the citizenship (as a code, in any case). An empty or
/// unparsed value, or one the zone does not hold, is no disagreement: the field's own
/// check speaks for it.
pub fn mrz_disagreements(applicant: &ApplicantForm, reading: &MrzReading) -> Vec<(Field, String)> {
    let mut fields = Vec::new();
    if let (Some(typed), Some(read)) = (parse_date(&applicant.birth_date), reading.birth_date) {
        if typed != read {
            fields.push((Field::BirthDate, read.format("%d.%m.%Y").to_string()));
        }
    }
    let typed = applicant.citizenship.trim();
    let read = reading.nationality.trim();
    if !typed.is_empty() && !read.is_empty() && !typed.eq_ignore_ascii_case(read) {
        fields.push((Field::Citizenship, read.to_string()));
    }
    fields
}

/// Reads `zone` as on `today` and, when it reads, fills `applicant` from it
/// ([`fill_from_mrz`]) as the edition in force on `today` says (before any edition: as
/// the first one). Returns the reading (with its check-digit verdicts) or why the
/// zone could not be read; on an error the form is unchanged.
pub fn read_mrz_into(
    applicant: &mut ApplicantForm,
    zone: &str,
    today: NaiveDate,
) -> Result<MrzReading, MrzReadError> {
    let reading = read_mrz(zone, today);
    if let (Ok(r), Some(edition)) = (&reading, edition_on(today).or(EDITIONS.first())) {
        fill_from_mrz(applicant, r, edition);
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

    /// A day under Order No. 146 (2023), whose zone fills the birth date too.
    fn in_2023() -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, 6, 1).unwrap()
    }

    #[test]
    fn a_read_zone_fills_the_identity_fields_as_typed() {
        let mut a = ApplicantForm {
            address: "Almaty".into(),
            ..ApplicantForm::default()
        };
        let reading = read_mrz_into(&mut a, TD3, in_2023()).unwrap();
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
    fn under_the_2024_edition_the_birth_date_and_citizenship_are_typed() {
        let mut a = ApplicantForm::default();
        let reading = read_mrz_into(&mut a, TD3, today()).unwrap();
        assert_eq!(
            (a.surname.as_str(), a.name.as_str(), a.sex.as_str()),
            ("ERIKSSON", "ANNA MARIA", "F")
        );
        assert_eq!(
            (
                a.document_number.as_str(),
                a.document_expiry_date.as_str(),
                a.document_issuing_country.as_str()
            ),
            ("L898902C3", "15.04.2012", "UTO")
        );
        // The visual zone's fields are the clerk's: left empty, the first focused.
        assert_eq!((a.birth_date.as_str(), a.citizenship.as_str()), ("", ""));
        assert_eq!(next_after_mrz(&a), Field::BirthDate);
        assert!(mrz_disagreements(&a, &reading).is_empty());
        // Typed as the zone reads (a code in any case): no notice.
        a.birth_date = "1974-08-12".into();
        a.citizenship = "uto".into();
        assert_eq!(next_after_mrz(&a), Field::BirthPlace);
        assert!(mrz_disagreements(&a, &reading).is_empty());
        // Typed otherwise: both named.
        a.birth_date = "21.08.1974".into();
        a.citizenship = "UZB".into();
        assert_eq!(
            mrz_disagreements(&a, &reading),
            [
                (Field::BirthDate, "12.08.1974".to_string()),
                (Field::Citizenship, "UTO".to_string())
            ]
        );
        // A date not yet typed whole is no disagreement.
        a.birth_date = "21.08".into();
        assert_eq!(
            mrz_disagreements(&a, &reading),
            [(Field::Citizenship, "UTO".to_string())]
        );
        a.birth_place = "Stockholm".into();
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
