//! The collector of field errors that validation and its parts (`representative`, `times`)
//! share, with a checker for each kind of field.

use chrono::NaiveDate;

use crate::domain::country;
use crate::domain::field::{Field, FieldError, Problem, Script};
use crate::domain::identity::Sex;

use super::eligibility::applicant_of;
use super::{parse_date, tidy, MAX_NAME_CHARS};

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
pub(super) struct Checker {
    /// The errors found so far.
    pub(super) errors: Vec<FieldError>,
}

impl Checker {
    pub(super) fn push(&mut self, field: Field, problem: Problem) {
        self.errors.push(FieldError::new(field, problem));
    }

    pub(super) fn required<'a>(&mut self, field: Field, text: &'a str) -> Option<&'a str> {
        if text.trim().is_empty() {
            self.push(field, Problem::Required);
            None
        } else {
            Some(text)
        }
    }

    pub(super) fn text(&mut self, field: Field, text: &str, max: usize, required: bool) -> String {
        let t = tidy(text);
        if required && t.is_empty() {
            self.push(field, Problem::Required);
        } else if t.chars().count() > max {
            self.push(field, Problem::TooLong { max });
        }
        t
    }

    pub(super) fn name(
        &mut self,
        script: Script,
        field: Field,
        text: &str,
        required: bool,
    ) -> Option<String> {
        if text.trim().is_empty() {
            if required {
                self.push(field, Problem::Required);
            }
            return None;
        }
        Some(name_in(script, text, field, &mut self.errors))
    }

    pub(super) fn date(&mut self, field: Field, text: &str) -> Option<NaiveDate> {
        let t = self.required(field, text)?;
        let d = parse_date(t);
        if d.is_none() {
            self.push(field, Problem::NotADate);
        }
        d
    }

    pub(super) fn country(&mut self, field: Field, text: &str) -> Option<String> {
        let t = self.required(field, text)?;
        match country::normalize_code(t) {
            Some(code) => Some(code.to_string()),
            None => {
                self.push(field, Problem::UnknownCountry);
                None
            }
        }
    }

    /// A citizenship: a known code whose holder the service is for
    /// ([`eligibility`](super::eligibility)).
    pub(super) fn citizenship(&mut self, field: Field, text: &str) -> Option<String> {
        let code = self.country(field, text)?;
        match applicant_of(&code).refusal() {
            None => Some(code),
            Some(problem) => {
                self.push(field, problem);
                None
            }
        }
    }

    pub(super) fn sex(&mut self, field: Field, text: &str) -> Option<Sex> {
        let t = self.required(field, text)?;
        let s = Sex::parse(t);
        if s.is_none() {
            self.push(field, Problem::NotASex);
        }
        s
    }

    pub(super) fn document_number(&mut self, field: Field, text: &str) -> Option<String> {
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

    pub(super) fn phone(&mut self, text: &str) -> String {
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
