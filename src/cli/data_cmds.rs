//! `import` and `export`: requests in and out as JSON in the import schema.

use std::cell::RefCell;
use std::path::Path;

use chrono::NaiveDate;
use serde::ser::{Serialize, SerializeSeq, Serializer};
use uuid::Uuid;

use super::context::Session;
use super::progress::{Progress, Unit, QUIET_UP_TO};
use super::{exit, CliError};
use crate::domain::form::{unknown_keys, validate_record, Record, RequestForm};
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::files::write_atomically;

/// Requests between two progress updates while checking or writing a file.
const PROGRESS_STEP: usize = 1_000;

/// Validates the forms and looks their ids up in the store (the long part of a big
/// file's import, shown as progress), adding a line per problem to `lines`.
fn check_forms(s: &Session, forms: &[RequestForm], lines: &mut Vec<String>) -> Vec<Record> {
    let (lang, t) = (s.ctx.lang, s.ctx.now);
    let mut records = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut progress = Progress::start(lang, Unit::Requests, forms.len() as u64);
    for (index, form) in forms.iter().enumerate() {
        if index % PROGRESS_STEP == 0 {
            progress.set(index as u64);
        }
        match validate_record(form, Uuid::new_v4(), t) {
            Ok(r) => {
                let id = r.request.id.to_string();
                let exists = s.store.request(&id).is_ok();
                if exists || !seen.insert(id.clone()) {
                    lines.push(format!(
                        "[{index}] id: {}",
                        tr_args(
                            lang,
                            "cli-import-duplicate",
                            &[("id", id.to_string().into())]
                        )
                    ));
                }
                records.push(r);
            }
            Err(errors) => {
                for e in errors {
                    lines.push(format!(
                        "[{index}] {}: {}",
                        e.field.json_path(),
                        e.message(lang)
                    ));
                }
            }
        }
    }
    progress.set(forms.len() as u64);
    progress.finish();
    records
}

/// `import FILE [--dry-run]`: every request valid and new, all stored in one
/// transaction, or none.
pub(super) fn import(s: &mut Session, file: &Path, dry_run: bool) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let text = s.ctx.read_file(file)?;
    let forms: Vec<RequestForm> = serde_json::from_str(&text).map_err(|e| {
        CliError::new(
            exit::INVALID_INPUT,
            tr_args(
                lang,
                "cli-import-not-json",
                &[
                    ("column", e.column().to_string().into()),
                    ("e", e.to_string().into()),
                    ("file", file.display().to_string().into()),
                    ("line", e.line().to_string().into()),
                ],
            ),
        )
    })?;
    let t = s.ctx.now;
    // A key the schema does not know is refused, not dropped: the file parsed as forms,
    // so it parses as values too.
    let values: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    let mut lines: Vec<String> = values
        .iter()
        .enumerate()
        .flat_map(|(index, value)| {
            unknown_keys(value)
                .into_iter()
                .map(move |u| format!("[{index}] {}: {}", u.path(), u.message(lang)))
        })
        .collect();
    let records = check_forms(s, &forms, &mut lines);
    if !lines.is_empty() {
        let n = lines.len();
        lines.push(tr_args(
            lang,
            "cli-import-errors",
            &[("file", file.display().to_string().into()), ("n", n.into())],
        ));
        return Err(CliError {
            code: exit::INVALID_INPUT,
            lines,
        });
    }
    if dry_run {
        println!(
            "{}",
            tr_args(
                lang,
                "cli-import-dry-run",
                &[("records", records.len().into())]
            )
        );
        return Ok(exit::OK);
    }
    if records.len() as u64 > QUIET_UP_TO {
        eprintln!(
            "{}",
            tr_args(
                lang,
                "progress-import-storing",
                &[("n", records.len().into())]
            )
        );
    }
    let mut progress = Progress::start(lang, Unit::Requests, records.len() as u64);
    let report = s
        .store
        .import_records_with_progress(&records, &s.user.login, t, &mut |n| progress.set(n))
        .map_err(|e| s.ctx.store_error(e));
    match report {
        Ok(_) => progress.finish(),
        Err(_) => progress.clear(),
    }
    let report = report?;
    println!(
        "{}",
        tr_args(
            lang,
            "cli-import-stored",
            &[("stored", report.stored.into())]
        )
    );
    Ok(exit::OK)
}

fn parse_cli_date(
    text: Option<&str>,
    what: &str,
    lang: Lang,
) -> Result<Option<NaiveDate>, CliError> {
    text.map(|t| {
        crate::domain::form::parse_date(t).ok_or_else(|| {
            CliError::new(
                exit::INVALID_INPUT,
                tr_args(
                    lang,
                    "cli-bad-date",
                    &[("option", what.into()), ("value", format!("{t:?}").into())],
                ),
            )
        })
    })
    .transpose()
}

/// The forms as a JSON array, exactly as the `Vec` would be written, with the progress
/// set every [`PROGRESS_STEP`] forms.
struct Counted<'a> {
    forms: &'a [RequestForm],
    progress: &'a RefCell<Progress>,
}

impl Serialize for Counted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.forms.len()))?;
        for (index, form) in self.forms.iter().enumerate() {
            if index % PROGRESS_STEP == 0 {
                self.progress.borrow_mut().set(index as u64);
            }
            seq.serialize_element(form)?;
        }
        seq.end()
    }
}

/// `export --out FILE [--from DATE] [--to DATE]`.
pub(super) fn export(
    s: &Session,
    out: &Path,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let from = parse_cli_date(from, "from", lang)?;
    let to = parse_cli_date(to, "to", lang)?;
    // Reading from the store, then writing the file: each step shows its count (the
    // reading's without a last line; the writing's ends the job).
    let mut reading: Option<Progress> = None;
    let forms = s
        .store
        .export_forms_with_progress(from, to, &mut |n, total| {
            reading
                .get_or_insert_with(|| Progress::start(lang, Unit::Requests, total))
                .set(n);
        })
        .map_err(|e| s.ctx.store_error(e));
    if let Some(p) = reading.as_mut() {
        p.clear();
    }
    let forms = forms?;
    let progress = RefCell::new(Progress::start(lang, Unit::Requests, forms.len() as u64));
    let text = serde_json::to_string_pretty(&Counted {
        forms: &forms,
        progress: &progress,
    })
    .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
    progress.borrow_mut().set(forms.len() as u64);
    progress.borrow_mut().finish();
    write_atomically(out, text.as_bytes()).map_err(|e| {
        CliError::new(
            exit::FILE,
            format!(
                "{}: {} ({e})",
                out.display(),
                tr(lang, "cli-cannot-write-file")
            ),
        )
    })?;
    println!(
        "{}",
        tr_args(
            lang,
            "cli-export-written",
            &[
                ("forms", forms.len().into()),
                ("out", out.display().to_string().into())
            ]
        )
    );
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_forms_are_written_exactly_as_the_plain_array() {
        let form = |id: &str, surname: &str| {
            let mut f = RequestForm {
                id: id.into(),
                ..RequestForm::default()
            };
            f.applicant.surname = surname.into();
            f
        };
        let cases: Vec<Vec<RequestForm>> = vec![
            vec![],
            vec![form("a", "ERIKSSON")],
            (0..2_500)
                .map(|i| form(&i.to_string(), "НҰРЛАНОВА"))
                .collect(),
        ];
        for forms in cases {
            let progress = RefCell::new(Progress::start(Lang::En, Unit::Requests, 0));
            let counted = serde_json::to_string_pretty(&Counted {
                forms: &forms,
                progress: &progress,
            })
            .unwrap();
            assert_eq!(counted, serde_json::to_string_pretty(&forms).unwrap());
        }
    }
}
