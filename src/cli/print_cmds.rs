//! The printing commands: `print` (a request's document to a PDF file), `register` (the
//! supervisor's daily register) and `verify` (is a certificate PDF genuine?).
//!
//! The caller (`commands::run`) logs the user in and reads the clock; these functions
//! gather the data from the store, let [`crate::pdf`] make the bytes, write the file and
//! record every printout in the audit log (ids and codes only).
//!
//! The printing office comes from the store's settings when they are set: `office.name`,
//! `office.address`, `office.phone` (printed as the executor's phone) and
//! `office.counter`; otherwise from the request (office and counter that took it).

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use uuid::Uuid;

use super::{exit, CliError};
use crate::domain::form::{parse_date, parse_date_time, Record};
use crate::domain::lang::{Lang, Tr};
use crate::domain::request::RequestKind;
use crate::files::write_atomically;
use crate::pdf::{self, DocKind, PrintContext, Register, RegisterRow};
use crate::store::{AuditQuery, RequestFilter, Store, StoreError, User};

use crate::printing::{SETTING_OFFICE_ADDRESS, SETTING_OFFICE_NAME, SETTING_OFFICE_PHONE};

/// Most requests a register lists.
const MAX_REGISTER_ROWS: u64 = 10_000;

fn tr(lang: Lang, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    Tr::new(kk, ru, en).get(lang)
}

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

fn setting(store: &Store, key: &str, lang: Lang) -> Result<Option<String>, CliError> {
    Ok(store
        .setting(key)
        .map_err(|e| store_error(e, lang))?
        .filter(|v| !v.trim().is_empty()))
}

/// The stored request `id` as a validated record (drafts as printable drafts).
fn load_record(
    store: &Store,
    id: &str,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<Record, CliError> {
    crate::printing::load_record(store, id, now).map_err(|e| match e {
        crate::printing::PrintError::Invalid { id, errors } => CliError {
            code: exit::INVALID_INPUT,
            lines: errors
                .iter()
                .map(|e| format!("{id}: {}: {}", e.field.json_path(), e.message(lang)))
                .collect(),
        },
        crate::printing::PrintError::Store(e) => store_error(e, lang),
        e => CliError::new(exit::INVALID_INPUT, e.message(lang)),
    })
}

fn write_pdf(out: &Path, bytes: &[u8], lang: Lang) -> Result<(), CliError> {
    write_atomically(out, bytes).map_err(|e| {
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
    })
}

/// Records a printout written to `out`; if that fails the file is removed, so that
/// every printed document is in the audit log.
fn audit_print(
    store: &mut Store,
    out: &Path,
    now: NaiveDateTime,
    actor: &str,
    action: &str,
    request_id: Option<&str>,
    details: &str,
) -> Result<(), StoreError> {
    store
        .audit(now, actor, action, request_id, details)
        .inspect_err(|_| {
            let _ = std::fs::remove_file(out);
        })
}

/// `print ID --doc KIND --out FILE`.
pub(super) fn print(
    store: &mut Store,
    user: &User,
    id: &str,
    doc: DocKind,
    out: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<u8, CliError> {
    let record = load_record(store, id, now, lang)?;
    let ctx = crate::printing::context(store, &record, &user.full_name, now)
        .map_err(|e| store_error(e, lang))?;
    let bytes = pdf::render(doc, &record, &ctx)
        .map_err(|e| CliError::new(exit::INVALID_INPUT, format!("{id}: {}", e.message(lang))))?;
    write_pdf(out, &bytes, lang)?;
    let request_id = record.request.id.to_string();
    audit_print(
        store,
        out,
        now,
        &user.login,
        &doc.audit_action(),
        Some(&request_id),
        "",
    )
    .map_err(|e| store_error(e, lang))?;
    println!("{}: {} → {}", doc.label(lang), request_id, out.display());
    Ok(exit::OK)
}

/// Minutes from opening the request at the counter (its draft) to the clerk's decision,
/// from the audit log; `None` for requests that did not start as a draft here.
fn service_minutes(store: &Store, id: &str) -> Result<Option<i64>, StoreError> {
    let entries = store.audit_entries(&AuditQuery {
        request_id: Some(id.to_string()),
        limit: None,
    })?;
    let time_of = |actions: &[&str]| {
        entries
            .iter()
            .find(|e| actions.contains(&e.action.as_str()))
            .and_then(|e| parse_date_time(&e.at))
    };
    let opened = time_of(&["request.draft_created"]);
    let decided = time_of(&["request.accepted", "request.refused_to_accept"]);
    Ok(match (opened, decided) {
        (Some(a), Some(b)) if b >= a => Some((b - a).num_minutes()),
        _ => None,
    })
}

/// `register --date DATE [--counter N] --out FILE`.
pub(super) fn register(
    store: &mut Store,
    user: &User,
    date: &str,
    counter: Option<&str>,
    out: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<u8, CliError> {
    let day: NaiveDate = parse_date(date).ok_or_else(|| {
        CliError::new(
            exit::INVALID_INPUT,
            match lang {
                Lang::Kk => format!("--date: {date:?} күн емес; ЖЖЖЖ-АА-КК күтіледі"),
                Lang::Ru => format!("--date: {date:?} не дата; ожидается ГГГГ-ММ-ДД"),
                Lang::En => format!("--date: {date:?} is not a date; YYYY-MM-DD is expected"),
            },
        )
    })?;
    let counter = counter.map(str::trim).filter(|c| !c.is_empty());
    let filter = RequestFilter {
        from: Some(day),
        to: Some(day),
        ..RequestFilter::default()
    };
    let mut listed = store
        .list_requests(&filter, 0, MAX_REGISTER_ROWS)
        .map_err(|e| store_error(e, lang))?;
    listed.retain(|r| counter.is_none_or(|c| r.counter.trim() == c));
    listed.reverse();
    let mut names: HashMap<String, String> = HashMap::new();
    let mut rows = Vec::with_capacity(listed.len());
    for r in &listed {
        let clerk = match names.get(&r.clerk) {
            Some(n) => n.clone(),
            None => {
                let name = store
                    .user(&r.clerk)
                    .map_err(|e| store_error(e, lang))?
                    .map(|u| u.full_name)
                    .unwrap_or_else(|| r.clerk.clone());
                names.insert(r.clerk.clone(), name.clone());
                name
            }
        };
        rows.push(RegisterRow {
            request_id: r.id.clone(),
            submitted_at: r
                .submitted_at
                .as_deref()
                .and_then(parse_date_time)
                .unwrap_or_else(|| day.and_time(chrono::NaiveTime::MIN)),
            kind: RequestKind::from_key(&r.kind).unwrap_or(RequestKind::Formation),
            status: r.status,
            counter: r.counter.clone(),
            clerk,
            service_minutes: service_minutes(store, &r.id).map_err(|e| store_error(e, lang))?,
        });
    }
    let office_name = match setting(store, SETTING_OFFICE_NAME, lang)? {
        Some(n) => n,
        None => match listed.first() {
            Some(r) => store
                .request(&r.id)
                .map(|s| s.form.office)
                .map_err(|e| store_error(e, lang))?,
            None => String::new(),
        },
    };
    let ctx = PrintContext {
        office_name,
        office_address: setting(store, SETTING_OFFICE_ADDRESS, lang)?.unwrap_or_default(),
        counter: counter.unwrap_or_default().to_string(),
        clerk_name: user.full_name.clone(),
        clerk_phone: setting(store, SETTING_OFFICE_PHONE, lang)?.unwrap_or_default(),
        printed_at: now,
    };
    let register = Register {
        date: day,
        counter: counter.map(str::to_string),
        rows,
    };
    let bytes = pdf::daily_register(&register, &ctx)
        .map_err(|e| CliError::new(exit::INVALID_INPUT, e.message(lang)))?;
    write_pdf(out, &bytes, lang)?;
    let details = format!(
        "date={day};counter={};rows={}",
        counter.unwrap_or("all"),
        register.rows.len()
    );
    audit_print(
        store,
        out,
        now,
        &user.login,
        "print.register",
        None,
        &details,
    )
    .map_err(|e| store_error(e, lang))?;
    println!(
        "{}",
        match lang {
            Lang::Kk => format!(
                "{day} тізілімі ({} өтінім) → {}",
                register.rows.len(),
                out.display()
            ),
            Lang::Ru => format!(
                "реестр за {day} (заявок: {}) → {}",
                register.rows.len(),
                out.display()
            ),
            Lang::En => format!(
                "register of {day} ({} request(s)) → {}",
                register.rows.len(),
                out.display()
            ),
        }
    );
    Ok(exit::OK)
}

/// `verify FILE`: exit 0 when the certificate is genuine, 1 with a one-line reason when
/// it is not.
pub(super) fn verify(
    store: &mut Store,
    user: &User,
    file: &Path,
    now: NaiveDateTime,
    lang: Lang,
) -> Result<u8, CliError> {
    let bytes = std::fs::read(file).map_err(|e| {
        CliError::new(
            exit::FILE,
            format!(
                "{}: {} ({e})",
                file.display(),
                tr(
                    lang,
                    "файлды оқу мүмкін емес",
                    "не удаётся прочитать файл",
                    "cannot read the file"
                )
            ),
        )
    })?;
    let not_genuine = tr(lang, "ТҮПНҰСҚА ЕМЕС", "НЕ ПОДЛИННИК", "NOT GENUINE");
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
            Ok(_) => Some(load_record(store, id, now, lang)?),
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
                tr(lang, "түпнұсқа", "подлинное", "genuine"),
                match lang {
                    Lang::Kk => format!("{id} өтінімінің тіркеу куәлігі"),
                    Lang::Ru => format!("регистрационное свидетельство по заявке {id}"),
                    Lang::En => format!("registration certificate of request {id}"),
                }
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
