//! The commands without a store: `check-iin` and `mrz`.

use std::io::Read;

use chrono::NaiveDate;
use serde_json::json;

use super::context::CliContext;
use super::{exit, CliError};
use crate::domain::i18n::tr;
use crate::domain::iin::Iin;
use crate::domain::mrz::read_mrz;

/// `check-iin IIN…`: exit 0 only if every IIN is valid.
pub(super) fn check_iin(ctx: &CliContext, iins: &[String], as_json: bool) -> Result<u8, CliError> {
    let lang = ctx.lang;
    let mut all_valid = true;
    let mut out = Vec::new();
    for text in iins {
        match Iin::parse(text) {
            Ok(iin) => {
                let hint = iin.hint();
                if as_json {
                    out.push(json!({
                        "input": text, "valid": true,
                        "birth_date_hint": hint.birth_date.map(|d| d.to_string()),
                        "sex_hint": hint.sex.map(|s| s.code()),
                    }));
                } else {
                    let extra = match (hint.birth_date, hint.sex) {
                        (Some(d), Some(s)) => format!(
                            " ({}: {}, {})",
                            tr(lang, "cli-iin-hint"),
                            d.format("%d.%m.%Y"),
                            s.label(lang)
                        ),
                        _ => String::new(),
                    };
                    println!("{iin}: {}{extra}", tr(lang, "cli-iin-valid"));
                }
            }
            Err(e) => {
                all_valid = false;
                if as_json {
                    out.push(json!({ "input": text, "valid": false, "error": e.message(lang) }));
                } else {
                    println!(
                        "{text}: {} — {}",
                        tr(lang, "cli-iin-invalid"),
                        e.message(lang)
                    );
                }
            }
        }
    }
    if as_json {
        println!("{}", serde_json::Value::Array(out));
    }
    Ok(if all_valid {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

/// `mrz`: reads the MRZ from stdin; exit 1 if a check digit fails.
pub(super) fn mrz(ctx: &CliContext, as_json: bool) -> Result<u8, CliError> {
    let lang = ctx.lang;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
    // A reader in a legacy code page sends bytes that are not UTF-8; they become
    // replacement characters, which the MRZ reader reports with their position.
    let text = String::from_utf8_lossy(&bytes);
    let reading = read_mrz(&text, ctx.now.date())
        .map_err(|e| CliError::new(exit::INVALID_INPUT, format!("MRZ: {}", e.message(lang))))?;
    if as_json {
        let v = serde_json::to_string_pretty(&reading)
            .map_err(|e| CliError::new(exit::INVALID_INPUT, e.to_string()))?;
        println!("{v}");
    } else {
        let date = |d: Option<NaiveDate>, raw: &str| {
            d.map_or_else(|| raw.to_string(), |d| d.format("%d.%m.%Y").to_string())
        };
        println!("{}: {}", tr(lang, "cli-mrz-format"), reading.format.name());
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-document-code"),
            reading.document_code
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-issuing-country"),
            reading.issuing_country
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-document-number"),
            reading.document_number
        );
        println!("{}: {}", tr(lang, "cli-mrz-surname"), reading.surname);
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-given-names"),
            reading.given_names
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-nationality"),
            reading.nationality
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-birth-date"),
            date(reading.birth_date, &reading.birth_date_raw)
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-sex"),
            reading.sex.map_or("—", |s| s.label(lang))
        );
        println!(
            "{}: {}",
            tr(lang, "cli-mrz-expiry-date"),
            date(reading.expiry_date, &reading.expiry_date_raw)
        );
        for c in &reading.checks {
            let verdict = if c.ok {
                tr(lang, "cli-mrz-check-ok")
            } else {
                tr(lang, "cli-mrz-check-failed")
            };
            println!(
                "{} {}: {verdict}",
                tr(lang, "cli-mrz-check-digit"),
                c.field.label(lang)
            );
        }
        for r in &reading.repairs {
            println!(
                "{} {}:{}: {} → {}",
                tr(lang, "cli-mrz-repaired"),
                r.line,
                r.position,
                r.read,
                r.corrected
            );
        }
    }
    Ok(if reading.all_checks_pass() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}
