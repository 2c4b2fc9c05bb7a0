//! The keys of an import file: a key the schema does not know is refused, not dropped
//! (a misspelt optional field would vanish without a word). The known keys are the
//! form's own: [`RequestForm`] serialised with every part present, so a field added to
//! the form is known here without a list to keep in step.

use serde_json::{Map, Value};

use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;

use super::{CorrectionForm, InstitutionForm, RepresentativeForm, RequestForm, ResultForm};

/// A key of an import file that the schema does not know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// Where the object that holds it sits (`applicant`, `representative`; empty at the
    /// top of a record).
    pub parent: String,
    /// The key as written.
    pub key: String,
    /// The known key nearest to it (by edit distance).
    pub nearest: String,
}

impl UnknownKey {
    /// The key with its place: `applicant.surnam`.
    pub fn path(&self) -> String {
        if self.parent.is_empty() {
            self.key.clone()
        } else {
            format!("{}.{}", self.parent, self.key)
        }
    }

    /// "unknown key «applicant.surnam»; did you mean «surname»?", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "import-unknown-key",
            &[
                ("key", self.path().into()),
                ("nearest", self.nearest.clone().into()),
            ],
        )
    }
}

/// The schema: a form with every optional part present, as JSON. The times' keys are
/// written only when they hold something, so they hold something here; a draft's zone
/// (`mrz`) is not part of it: an import file may not carry one.
fn schema() -> Value {
    let full = RequestForm {
        representative: Some(RepresentativeForm::default()),
        institution: Some(InstitutionForm::default()),
        correction: Some(CorrectionForm::default()),
        result: Some(ResultForm::default()),
        ticket: "A1".into(),
        ticket_taken_at: "00:00".into(),
        opened_at: "2000-01-01T00:00:00".into(),
        ..RequestForm::default()
    };
    serde_json::to_value(full).unwrap_or(Value::Null)
}

/// The unknown keys of one record of an import file, in the order of their keys. An
/// object the schema holds empty (`documents`, `correction.changes`) is a map whose keys
/// are checked against their own lists by the validation.
pub fn unknown_keys(record: &Value) -> Vec<UnknownKey> {
    let mut out = Vec::new();
    if let (Value::Object(given), Value::Object(known)) = (record, &schema()) {
        walk("", given, known, &mut out);
    }
    out
}

fn walk(
    parent: &str,
    given: &Map<String, Value>,
    known: &Map<String, Value>,
    out: &mut Vec<UnknownKey>,
) {
    for (key, value) in given {
        match known.get(key) {
            None => out.push(UnknownKey {
                parent: parent.to_string(),
                key: key.clone(),
                nearest: nearest(key, known.keys()),
            }),
            Some(Value::Object(inner)) if !inner.is_empty() => {
                if let Value::Object(given_inner) = value {
                    let path = if parent.is_empty() {
                        key.clone()
                    } else {
                        format!("{parent}.{key}")
                    };
                    walk(&path, given_inner, inner, out);
                }
            }
            Some(_) => {}
        }
    }
}

/// The known key nearest to `key`: the fewest edits (a swap of two neighbours is one),
/// then the most alike by Jaro–Winkler (which favours a shared beginning).
fn nearest<'a>(key: &str, known: impl Iterator<Item = &'a String>) -> String {
    let lower = key.to_lowercase();
    known
        .map(|k| {
            let alike = (strsim::jaro_winkler(&lower, k) * 1000.0).round() as i64;
            (strsim::osa_distance(&lower, k), -alike, k)
        })
        .min()
        .map(|(_, _, k)| k.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(json: &str, expected: &[(&str, &str)]) {
        let value: Value = serde_json::from_str(json).unwrap_or(Value::Null);
        let got: Vec<(String, String)> = unknown_keys(&value)
            .iter()
            .map(|u| (u.path(), u.nearest.clone()))
            .collect();
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, expected, "{json}");
    }

    #[test]
    fn unknown_keys_and_their_nearest() {
        check(
            r#"{"kind": "formation", "applicant": {"surname": "A"}}"#,
            &[],
        );
        check(r#"{"knid": "formation"}"#, &[("knid", "kind")]);
        // The queue ticket and the first opening are known keys; a draft's zone is not.
        check(
            r#"{"ticket": "A042", "ticket_taken_at": "09:40", "opened_at": "2026-03-02T10:00:00"}"#,
            &[],
        );
        check(r#"{"tiket": "A042"}"#, &[("tiket", "ticket")]);
        let zone: Value = serde_json::from_str(r#"{"mrz": "P<UTO"}"#).unwrap_or(Value::Null);
        let unknown: Vec<String> = unknown_keys(&zone).iter().map(UnknownKey::path).collect();
        assert_eq!(unknown, ["mrz"]);
        check(
            r#"{"applicant": {"surnam": "A", "patronimic": "B"}}"#,
            &[
                ("applicant.patronimic", "patronymic"),
                ("applicant.surnam", "surname"),
            ],
        );
        check(
            r#"{"representative": {"poa_numbr": "1"}, "institution": {"nam": "x"}}"#,
            &[
                ("institution.nam", "name"),
                ("representative.poa_numbr", "poa_number"),
            ],
        );
        check(
            r#"{"result": {"coment": "x"}, "correction": {"curent_iin": "1"}}"#,
            &[
                ("correction.curent_iin", "current_iin"),
                ("result.coment", "comment"),
            ],
        );
        // Case counts: a key is written as the schema writes it.
        check(r#"{"Kind": "formation"}"#, &[("Kind", "kind")]);
        // The maps' keys are the validation's to check; null parts are fine.
        check(
            r#"{"documents": {"pasport": true}, "correction": {"changes": {"surnam": "B"}}, "result": null}"#,
            &[],
        );
    }

    #[test]
    fn the_message_names_the_key_and_the_nearest() {
        let u = UnknownKey {
            parent: "applicant".into(),
            key: "surnam".into(),
            nearest: "surname".into(),
        };
        for lang in Lang::ALL {
            let m = u.message(lang);
            assert!(
                m.contains("applicant.surnam") && m.contains("surname"),
                "{m}"
            );
        }
    }
}
