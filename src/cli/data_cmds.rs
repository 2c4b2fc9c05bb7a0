//! `import` and `export`: requests in and out as JSON in the import schema.

use std::path::Path;

use chrono::NaiveDate;
use uuid::Uuid;

use super::context::{tr, Session};
use super::{exit, CliError};
use crate::domain::form::{validate_record, RequestForm};
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
            match lang {
                Lang::Kk => format!(
                    "{}: {}-жол, {}-баған: JSON өтінімдер массиві күтіледі ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
                Lang::Ru => format!(
                    "{}: строка {}, столбец {}: ожидается JSON-массив заявок ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
                Lang::En => format!(
                    "{}: line {}, column {}: a JSON array of requests is expected ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
            },
        )
    })?;
    let t = s.ctx.now;
    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, form) in forms.iter().enumerate() {
        match validate_record(form, Uuid::new_v4(), t) {
            Ok(r) => {
                let id = r.request.id.to_string();
                let exists = s.store.request(&id).is_ok();
                if exists || !seen.insert(id.clone()) {
                    lines.push(format!(
                        "[{index}] id: {}",
                        match lang {
                            Lang::Kk => format!("{id} өтінімі бұрыннан бар"),
                            Lang::Ru => format!("заявка {id} уже существует"),
                            Lang::En => format!("request {id} already exists"),
                        }
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
        lines.push(match lang {
            Lang::Kk => format!("{}: {n} қате; ештеңе сақталмады", file.display()),
            Lang::Ru => format!("{}: ошибок: {n}; ничего не сохранено", file.display()),
            Lang::En => format!("{}: {n} error(s); nothing was stored", file.display()),
        });
        return Err(CliError {
            code: exit::INVALID_INPUT,
            lines,
        });
    }
    if dry_run {
        println!(
            "{}",
            match lang {
                Lang::Kk => format!(
                    "{} өтінім дұрыс (--dry-run: ештеңе сақталмады)",
                    records.len()
                ),
                Lang::Ru => format!(
                    "заявок без ошибок: {} (--dry-run: ничего не сохранено)",
                    records.len()
                ),
                Lang::En => format!(
                    "{} request(s) valid (--dry-run: nothing stored)",
                    records.len()
                ),
            }
        );
        return Ok(exit::OK);
    }
    let report = s
        .store
        .import_records(&records, &s.user.login, t)
        .map_err(|e| s.ctx.store_error(e))?;
    println!(
        "{}",
        match lang {
            Lang::Kk => format!("{} өтінім сақталды", report.stored),
            Lang::Ru => format!("сохранено заявок: {}", report.stored),
            Lang::En => format!("{} request(s) stored", report.stored),
        }
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
                match lang {
                    Lang::Kk => format!("--{what}: {t:?} күн емес; ЖЖЖЖ-АА-КК күтіледі"),
                    Lang::Ru => format!("--{what}: {t:?} не дата; ожидается ГГГГ-ММ-ДД"),
                    Lang::En => format!("--{what}: {t:?} is not a date; YYYY-MM-DD is expected"),
                },
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
                tr(
                    lang,
                    "файлды жазу мүмкін емес",
                    "не удаётся записать файл",
                    "cannot write the file"
                )
            ),
        )
    })?;
    println!(
        "{}",
        match lang {
            Lang::Kk => format!("{} өтінім {} файлына жазылды. Файлда дербес деректер бар: оны қорғалған жерде сақтаңыз.", forms.len(), out.display()),
            Lang::Ru => format!("заявок записано: {} в {}. Файл содержит персональные данные: храните его в защищённом месте.", forms.len(), out.display()),
            Lang::En => format!("{} request(s) written to {}. The file holds personal data: keep it somewhere protected.", forms.len(), out.display()),
        }
    );
    Ok(exit::OK)
}
