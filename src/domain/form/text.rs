//! Control characters in the typed text: every text field of a form, whether it is one
//! line or may hold several, and the first control character each holds. A NUL, an
//! escape or a form feed is never text a clerk means; a line break or a tab is refused in
//! a one-line field (it would be stored, then printed as a box or a broken line).

use crate::domain::field::{Field, FieldError, Problem};
use crate::domain::identity::Parameter;

use super::RequestForm;

/// How much text a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: no control character at all.
    One,
    /// Several lines: line breaks (`\n`, `\r`) and tabs are allowed, no other control
    /// character.
    Several,
}

/// The first character of `text` a field of `lines` does not take.
pub fn control_character(text: &str, lines: Lines) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !(lines == Lines::Several && matches!(c, '\n' | '\r' | '\t')))
}

/// Every text field of `form` with its text and how many lines it holds. The keys of the
/// documents map and of the correction's changes are checked against their lists
/// elsewhere (a control character there is no known key).
fn text_fields(form: &RequestForm) -> Vec<(Field, &str, Lines)> {
    use Lines::{One, Several};
    let a = &form.applicant;
    let mut fields = vec![
        (Field::Id, form.id.as_str(), One),
        (Field::Kind, &form.kind, One),
        (Field::Channel, &form.channel, One),
        (Field::Status, &form.status, One),
        (Field::SubmittedAt, &form.submitted_at, One),
        (Field::Office, &form.office, One),
        (Field::Counter, &form.counter, One),
        (Field::Clerk, &form.clerk, One),
        (Field::Surname, &a.surname, One),
        (Field::Name, &a.name, One),
        (Field::Patronymic, &a.patronymic, One),
        (Field::SurnameCyrillic, &a.surname_cyr, One),
        (Field::NameCyrillic, &a.name_cyr, One),
        (Field::PatronymicCyrillic, &a.patronymic_cyr, One),
        (Field::BirthDate, &a.birth_date, One),
        (Field::BirthPlace, &a.birth_place, One),
        (Field::Citizenship, &a.citizenship, One),
        (Field::Sex, &a.sex, One),
        (Field::DocumentNumber, &a.document_number, One),
        (Field::DocumentIssueDate, &a.document_issue_date, One),
        (Field::DocumentExpiryDate, &a.document_expiry_date, One),
        (Field::IssuingCountry, &a.document_issuing_country, One),
        (Field::Address, &a.address, One),
        (Field::Phone, &a.phone, One),
        (Field::Ticket, &form.ticket, One),
        (Field::TicketTakenAt, &form.ticket_taken_at, One),
        (Field::OpenedAt, &form.opened_at, One),
    ];
    if let Some(r) = &form.representative {
        fields.extend([
            (Field::RepresentativeName, r.full_name.as_str(), One),
            (Field::RepresentativeDocument, &r.document, One),
            (Field::RepresentativeBasis, &r.basis, One),
            (Field::LegalRepresentativeDocument, &r.legal_document, One),
            (Field::PowerOfAttorneyNumber, &r.poa_number, One),
            (Field::PowerOfAttorneyDate, &r.poa_date, One),
            (Field::PowerOfAttorneyNotary, &r.poa_notary, One),
            (Field::PowerOfAttorneyValidUntil, &r.poa_valid_until, One),
        ]);
    }
    if let Some(i) = &form.institution {
        fields.extend([
            (Field::InstitutionName, i.name.as_str(), One),
            (Field::InstitutionHead, &i.head, One),
        ]);
    }
    if let Some(c) = &form.correction {
        fields.push((Field::CurrentIin, &c.current_iin, One));
        for (key, value) in &c.changes {
            let field = Parameter::from_key(key).map_or(Field::Changes, Field::Change);
            fields.push((field, value, One));
        }
    }
    if let Some(r) = &form.result {
        fields.extend([
            (Field::ResultIin, r.iin.as_str(), One),
            (Field::RefusalGround, &r.ground, One),
            (Field::DecidedAt, &r.decided_at, One),
            (Field::Comment, &r.comment, Several),
        ]);
    }
    fields
}

/// One error per text field of `form` that holds a control character it does not take.
pub fn control_character_errors(form: &RequestForm) -> Vec<FieldError> {
    text_fields(form)
        .into_iter()
        .filter_map(|(field, text, lines)| {
            control_character(text, lines)
                .map(|c| FieldError::new(field, Problem::ControlCharacter(c)))
        })
        .collect()
}

/// Keeps, for a field with a control character, only that error: what else its text
/// breaks (a script, a date) follows from it.
pub fn control_characters_first(errors: &mut Vec<FieldError>) {
    let flagged: Vec<Field> = errors
        .iter()
        .filter(|e| matches!(e.problem, Problem::ControlCharacter(_)))
        .map(|e| e.field)
        .collect();
    errors.retain(|e| {
        matches!(e.problem, Problem::ControlCharacter(_)) || !flagged.contains(&e.field)
    });
    let mut seen = Vec::new();
    errors.retain(|e| {
        !seen.contains(e) && {
            seen.push(e.clone());
            true
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_by_kind_of_field() {
        use Lines::{One, Several};
        let table = [
            ("Astana", One, None),
            ("Astana\u{0}", One, Some('\u{0}')),
            ("Ast\tana", One, Some('\t')),
            ("Astana\n", One, Some('\n')),
            ("Astana\r\n", One, Some('\r')),
            ("a\u{1b}[0m", One, Some('\u{1b}')),
            ("a\u{7f}", One, Some('\u{7f}')),
            ("a\u{85}", One, Some('\u{85}')),
            ("line one\nline two\twith a tab\r\n", Several, None),
            ("line\u{0}", Several, Some('\u{0}')),
            ("bell\u{7}", Several, Some('\u{7}')),
            // Not control characters: letters of every script, a no-break space.
            ("Әбілқайырова-Ғалымжанқызы\u{a0}O'NEIL", One, None),
        ];
        for (text, lines, expected) in table {
            assert_eq!(control_character(text, lines), expected, "{text:?}");
        }
    }
}
