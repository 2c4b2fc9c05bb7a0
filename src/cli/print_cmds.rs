//! The printing commands: `print` (a request's document to a PDF file), `register` (the
//! supervisor's daily register) and `verify` (is a certificate PDF genuine?).
//!
//! The caller ([`super::run`]) logs the user in and reads the clock; these functions
//! gather the data from the store, let [`crate::pdf`] make the bytes, write the file and
//! record every printout in the audit log (ids and codes only).
//!
//! The printing office comes from the store's settings when they are set: `office.name`,
//! `office.address`, `office.phone` (printed as the executor's phone) and
//! `office.counter`; otherwise from the request (office and counter that took it).

use std::path::Path;

use chrono::NaiveDate;
use uuid::Uuid;

use super::context::Session;
use super::{exit, CliError};
use crate::domain::form::parse_date;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::pdf::{self, DocKind};
use crate::store::StoreError;

/// Parses `--doc`.
pub(super) fn parse_doc(text: &str) -> Result<DocKind, String> {
    DocKind::from_key(text).ok_or_else(|| {
        format!("unknown document {text:?}: use certificate, receipt, application or refusal")
    })
}

fn store_error(e: StoreError, lang: Lang) -> CliError {
    let code = match e {
        StoreError::RequestNotFound(_) => exit::INVALID_INPUT,
        _ => exit::STORE,
    };
    CliError::new(code, e.message(lang))
}

/// The CLI's exit code and lines for a printing failure.
fn print_error(e: crate::printing::PrintError, lang: Lang) -> CliError {
    use crate::printing::PrintError;
    match e {
        PrintError::Invalid { id, errors } => CliError {
            code: exit::INVALID_INPUT,
            lines: errors
                .iter()
                .map(|e| format!("{id}: {}: {}", e.field.json_path(), e.message(lang)))
                .collect(),
        },
        PrintError::Store(e) => store_error(e, lang),
        e @ PrintError::Io { .. } => CliError::new(exit::FILE, e.message(lang)),
        e @ PrintError::Pdf(_) => CliError::new(exit::INVALID_INPUT, e.message(lang)),
    }
}

/// `print ID --doc KIND --out FILE`.
pub(super) fn print(s: &mut Session, id: &str, doc: DocKind, out: &Path) -> Result<u8, CliError> {
    let (ctx, lang) = (s.ctx, s.ctx.lang);
    let machine = ctx.machine()?;
    let record = crate::printing::print_to(&mut s.store, machine, &s.user, id, doc, out, ctx.now)
        .map_err(|e| print_error(e, lang))?;
    println!(
        "{}: {} → {}",
        doc.label(lang),
        record.request.id,
        out.display()
    );
    Ok(exit::OK)
}

/// `register --date DATE [--counter N] --out FILE`.
pub(super) fn register(
    s: &mut Session,
    date: &str,
    counter: Option<&str>,
    out: &Path,
) -> Result<u8, CliError> {
    let (ctx, lang) = (s.ctx, s.ctx.lang);
    let machine = ctx.machine()?;
    let day: NaiveDate = parse_date(date).ok_or_else(|| {
        CliError::new(
            exit::INVALID_INPUT,
            tr_args(
                lang,
                "cli-bad-date",
                &[
                    ("option", "date".into()),
                    ("value", format!("{date:?}").into()),
                ],
            ),
        )
    })?;
    let counter = counter.map(str::trim).filter(|c| !c.is_empty());
    let rows = crate::printing::print_register_to(
        &mut s.store,
        machine,
        &s.user,
        day,
        counter,
        out,
        ctx.now,
    )
    .map_err(|e| print_error(e, lang))?;
    println!(
        "{}",
        tr_args(
            lang,
            "cli-register-written",
            &[
                ("day", day.to_string().into()),
                ("out", out.display().to_string().into()),
                ("rows", rows.into())
            ]
        )
    );
    Ok(exit::OK)
}

/// `verify FILE`: exit 0 when the certificate is genuine, 1 with a one-line reason when
/// it is not.
pub(super) fn verify(s: &mut Session, file: &Path) -> Result<u8, CliError> {
    let (lang, now) = (s.ctx.lang, s.ctx.now);
    let (store, user) = (&mut s.store, &s.user);
    let bytes = std::fs::read(file).map_err(|e| {
        CliError::new(
            exit::FILE,
            format!(
                "{}: {} ({e})",
                file.display(),
                tr(lang, "cli-cannot-read-file")
            ),
        )
    })?;
    let not_genuine = tr(lang, "cli-not-genuine");
    let reading = pdf::read_certificate(&bytes).map_err(|e| {
        CliError::new(
            exit::CHECK_FAILED,
            format!("{}: {not_genuine}: {}", file.display(), e.message(lang)),
        )
    })?;
    // Only a well-formed id goes to the store and the audit log.
    let request_id = reading
        .request_id()
        .and_then(|id| Uuid::parse_str(id).ok())
        .map(|id| id.to_string());
    let stored = match &request_id {
        Some(id) => match store.request(id) {
            Ok(_) => Some(
                crate::printing::load_record(store, id, now).map_err(|e| print_error(e, lang))?,
            ),
            Err(StoreError::RequestNotFound(_)) => None,
            Err(e) => return Err(store_error(e, lang)),
        },
        None => None,
    };
    let verdict = pdf::verify(&reading, stored.as_ref());
    let details = match &verdict {
        Ok(()) => "result=genuine".to_string(),
        Err(reason) => format!("result={}", reason.code()),
    };
    store
        .audit(
            now,
            &user.login,
            "verify.certificate",
            request_id.as_deref(),
            &details,
        )
        .map_err(|e| store_error(e, lang))?;
    match verdict {
        Ok(()) => {
            let id = request_id.unwrap_or_default();
            println!(
                "{}: {} — {}",
                file.display(),
                tr(lang, "cli-genuine"),
                tr_args(
                    lang,
                    "cli-verify-certificate-of",
                    &[("id", id.to_string().into())]
                )
            );
            Ok(exit::OK)
        }
        Err(reason) => Err(CliError::new(
            exit::CHECK_FAILED,
            format!(
                "{}: {not_genuine}: {}",
                file.display(),
                reason.message(lang)
            ),
        )),
    }
}
