//! Printing a stored request: load it as a record, build the print context from the
//! office settings, render the PDF, write it with owner-only permissions and record the
//! printout in the audit log. Shared by the window and the `print` command.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use thiserror::Error;
use uuid::Uuid;

use crate::domain::account::Role;
use crate::domain::field::FieldError;
use crate::domain::form::parse_date_time;
use crate::domain::form::{validate_record, Record};
use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;
use crate::domain::request::RequestKind;
use crate::domain::request::Status;
use crate::files::write_atomically;
use crate::machine_config::MachineConfig;
use crate::pdf::{self, DocKind, PdfError, PrintContext, Register, RegisterRow};
use crate::settings::Setting;
use crate::store::{AuditQuery, RequestFilter};
use crate::store::{Store, StoreError, User};

/// Setting: the office's name as printed ([`Setting::OfficeName`]'s store key).
pub const SETTING_OFFICE_NAME: &str = Setting::OfficeName.store_key();
/// Setting: the office's address ([`Setting::OfficeAddress`]'s store key).
pub const SETTING_OFFICE_ADDRESS: &str = Setting::OfficeAddress.store_key();
/// Setting: the phone printed for the executor ([`Setting::OfficePhone`]'s store key).
pub const SETTING_OFFICE_PHONE: &str = Setting::OfficePhone.store_key();
/// Setting: this workstation's counter number ([`Setting::Counter`]'s store key).
pub const SETTING_COUNTER: &str = Setting::Counter.store_key();

/// Why a document could not be printed. Carries request ids, never personal data.
#[derive(Debug, Error)]
pub enum PrintError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The stored request does not validate (damaged, or rules changed).
    #[error("request {id} does not validate")]
    Invalid {
        /// Request id.
        id: String,
        /// The problems.
        errors: Vec<FieldError>,
    },
    /// The document cannot be made for this request.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The file cannot be written.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl PrintError {
    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PrintError::Store(e) => e.message(lang),
            PrintError::Invalid { id, errors } => format!(
                "{id}: {}",
                errors
                    .iter()
                    .map(|e| e.message(lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            PrintError::Pdf(e) => e.message(lang),
            PrintError::Io { path, source } => tr_args(
                lang,
                "printing-cannot-write-file",
                &[
                    ("path", path.display().to_string().into()),
                    ("source", source.to_string().into()),
                ],
            ),
        }
    }
}

/// The stored request `id` as a validated record (a draft as a printable draft).
pub fn load_record(store: &Store, id: &str, now: NaiveDateTime) -> Result<Record, PrintError> {
    let stored = store.request(id)?;
    let result = if stored.status == Status::Draft {
        let new_id = Uuid::parse_str(id).unwrap_or_else(|_| Uuid::new_v4());
        pdf::draft_record(&stored.form, new_id, now)
    } else {
        validate_record(&stored.form, Uuid::new_v4(), now)
    };
    result.map_err(|errors| PrintError::Invalid {
        id: id.to_string(),
        errors,
    })
}

/// Who prints, where and when: the office settings in force ([`resolve`]), falling back to
/// the office and counter that took the request.
pub fn context(
    store: &Store,
    machine: &MachineConfig,
    record: &Record,
    clerk_name: &str,
    now: NaiveDateTime,
) -> Result<PrintContext, StoreError> {
    Ok(PrintContext {
        office_name: machine
            .value_in_force(store, Setting::OfficeName)?
            .unwrap_or_else(|| record.office.clone()),
        office_address: machine
            .value_in_force(store, Setting::OfficeAddress)?
            .unwrap_or_default(),
        counter: machine
            .value_in_force(store, Setting::Counter)?
            .unwrap_or_else(|| record.counter.clone()),
        clerk_name: clerk_name.to_string(),
        clerk_phone: machine
            .value_in_force(store, Setting::OfficePhone)?
            .unwrap_or_default(),
        printed_at: now,
    })
}

/// Prints `doc` of request `id` into `out` and records it in the audit log as done by
/// `clerk`. If the audit entry cannot be written, the file is removed: every printed
/// document is in the log.
pub fn print_to(
    store: &mut Store,
    machine: &MachineConfig,
    clerk: &User,
    id: &str,
    doc: DocKind,
    out: &Path,
    now: NaiveDateTime,
) -> Result<Record, PrintError> {
    let record = load_record(store, id, now)?;
    let request_id = record.request.id.to_string();
    let bytes = if doc == DocKind::Certificate {
        // A reprint names the State Corporation operator who issued it first, and the
        // MIA operator who decided: never the clerk who happens to reprint it.
        let issuer = first_issuer(store, &request_id)?;
        let issuer = issuer.as_deref().unwrap_or(&clerk.full_name);
        let ctx = context(store, machine, &record, issuer, now)?;
        let decided_by = store.decided_by(&request_id)?;
        pdf::certificate_decided_by(&record, &ctx, decided_by.as_deref())?
    } else {
        let ctx = context(store, machine, &record, &clerk.full_name, now)?;
        pdf::render(doc, &record, &ctx)?
    };
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| PrintError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    write_atomically(out, &bytes).map_err(|source| PrintError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    if let Err(e) = store.audit(
        now,
        &clerk.login,
        &doc.audit_action(),
        Some(&request_id),
        "",
    ) {
        let _ = std::fs::remove_file(out);
        return Err(e.into());
    }
    Ok(record)
}

/// Who first printed request `id`'s certificate (full name, or login when the account is
/// gone), from the audit log; `None` before its first print.
pub fn first_issuer(store: &Store, id: &str) -> Result<Option<String>, StoreError> {
    let action = DocKind::Certificate.audit_action();
    let entries = store.audit_entries(&AuditQuery {
        request_id: Some(id.to_string()),
        limit: None,
    })?;
    let Some(login) = entries
        .into_iter()
        .find(|e| e.action == action)
        .map(|e| e.actor)
    else {
        return Ok(None);
    };
    Ok(Some(
        store.user(&login)?.map(|u| u.full_name).unwrap_or(login),
    ))
}

/// Where the window keeps a printed document: `<pdf dir>/<date>/<doc>-<id>-<time>.pdf`.
pub fn output_path(pdf_dir: &Path, id: &str, doc: DocKind, now: NaiveDateTime) -> PathBuf {
    let short = id.split('-').next().unwrap_or(id);
    pdf_dir
        .join(now.format("%Y-%m-%d").to_string())
        .join(format!(
            "{}-{short}-{}.pdf",
            doc.key(),
            now.format("%H%M%S")
        ))
}

/// Most requests a register lists.
const MAX_REGISTER_ROWS: u64 = 10_000;

/// From opening the request at the counter (its draft) to the clerk's decision, from
/// the audit log: the service time of a request stored before the first opening was
/// stored with it; `None` for requests that did not start as a draft here.
fn service_from_audit(store: &Store, id: &str) -> Result<Option<chrono::Duration>, StoreError> {
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
        (Some(a), Some(b)) if b >= a => Some(b - a),
        _ => None,
    })
}

/// The day's register at one counter (or the whole office when `counter` is `None`),
/// oldest first, with each clerk's full name and the service time.
pub fn build_register(
    store: &Store,
    day: chrono::NaiveDate,
    counter: Option<&str>,
) -> Result<Register, StoreError> {
    let filter = RequestFilter {
        from: Some(day),
        to: Some(day),
        ..RequestFilter::default()
    };
    let mut listed = store.list_requests(&filter, 0, MAX_REGISTER_ROWS)?;
    listed.retain(|r| counter.is_none_or(|c| r.counter.trim() == c));
    listed.reverse();
    let mut names: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    let mut rows = Vec::with_capacity(listed.len());
    for r in &listed {
        let clerk = match names.get(&r.clerk) {
            Some(n) => n.clone(),
            None => {
                let name = store
                    .user(&r.clerk)?
                    .map(|u| u.full_name)
                    .unwrap_or_else(|| r.clerk.clone());
                names.insert(r.clerk.clone(), name.clone());
                name
            }
        };
        let times = r.times();
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
            waiting: times.waiting,
            service: match times.service {
                Some(s) => Some(s),
                None => service_from_audit(store, &r.id)?,
            },
        });
    }
    Ok(Register {
        date: day,
        counter: counter.map(str::to_string),
        rows,
    })
}

/// Who the register names as its supervisor when `user` prints it: the user, if a
/// supervisor or an administrator; nobody (a blank for the signature) otherwise.
pub fn signing_supervisor(user: &User) -> Option<String> {
    matches!(user.role, Role::Supervisor | Role::Administrator).then(|| user.full_name.clone())
}

/// Prints the day's register into `out` and records it; returns how many requests it lists.
pub fn print_register_to(
    store: &mut Store,
    machine: &MachineConfig,
    clerk: &User,
    day: chrono::NaiveDate,
    counter: Option<&str>,
    out: &Path,
    now: NaiveDateTime,
) -> Result<usize, PrintError> {
    let register = build_register(store, day, counter)?;
    let office_name = match machine.value_in_force(store, Setting::OfficeName)? {
        Some(n) => n,
        None => match register.rows.first() {
            Some(r) => store.request(&r.request_id)?.form.office,
            None => String::new(),
        },
    };
    let ctx = PrintContext {
        office_name,
        office_address: machine
            .value_in_force(store, Setting::OfficeAddress)?
            .unwrap_or_default(),
        counter: counter.unwrap_or_default().to_string(),
        clerk_name: clerk.full_name.clone(),
        clerk_phone: machine
            .value_in_force(store, Setting::OfficePhone)?
            .unwrap_or_default(),
        printed_at: now,
    };
    let supervisor = signing_supervisor(clerk);
    let bytes = pdf::daily_register_signed(&register, &ctx, supervisor.as_deref())?;
    if let Some(dir) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| PrintError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    write_atomically(out, &bytes).map_err(|source| PrintError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let details = format!(
        "date={day};counter={};rows={}",
        counter.unwrap_or("all"),
        register.rows.len()
    );
    if let Err(e) = store.audit(now, &clerk.login, "print.register", None, &details) {
        let _ = std::fs::remove_file(out);
        return Err(e.into());
    }
    Ok(register.rows.len())
}
