//! `import` and `export`: requests in and out as JSON in the import schema.

use std::path::Path;

use chrono::NaiveDate;
use uuid::Uuid;

use super::context::Session;
use super::{exit, CliError};
use crate::domain::form::{unknown_keys, validate_record, RequestForm};
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::files::write_atomically;

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
    let mut records = Vec::new();
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
    let mut seen = std::collections::HashSet::new();
    for (index, form) in forms.iter().enumerate() {
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
    let report = s
        .store
        .import_records(&records, &s.user.login, t)
        .map_err(|e| s.ctx.store_error(e))?;
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
    let forms = s
        .store
        .export_forms(from, to)
        .map_err(|e| s.ctx.store_error(e))?;
    let text = serde_json::to_string_pretty(&forms)
        .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
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
