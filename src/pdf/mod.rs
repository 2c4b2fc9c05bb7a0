//! Printed documents: domain values in, PDF bytes out.
//!
//! - [`certificate`] — the registration certificate (Appendix 7) with its QR seal;
//! - [`refusal_receipt`] — the receipt of refusal to accept documents (Appendix 5 of the
//!   Rules, Appendix 3 of Order No. 146), two identical copies;
//! - [`application`] — the application for signature (Appendix 1, 2 or 2-1 by kind);
//! - [`reasoned_refusal`] — the reasoned refusal of the service (para 15);
//! - [`daily_register`] — the supervisor's register of a day's requests;
//! - [`read_certificate`] and [`verify`] — reading a certificate back and checking it
//!   against the stored request.
//!
//! The wording an amendment may change comes from the edition of the Rules in force on
//! the request's application day ([`crate::domain::edition`]); [`render_under`] prints
//! under a given edition.
//!
//! Legal text is bilingual whatever the UI language: Kazakh first (the seed's words),
//! Russian below it. This module touches no files, no clock and no database: the
//! printing office, clerk and time come in a [`PrintContext`], and the caller writes the
//! bytes where it wants (the CLI's `print`, later the GUI's Print…/Save as…).

mod application;
mod certificate;
mod layout;
mod qr;
mod receipt;
mod refusal;
mod register;
mod seal;
mod subset;
mod wording;

use chrono::NaiveDateTime;
use printpdf::{PdfDocument, PdfSaveOptions};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::edition::{edition_on, Edition};
use crate::domain::field::{FieldError, Problem};
use crate::domain::form::{self, Record, RequestForm};
use crate::domain::i18n::{tr, tr_args, Msg};
use crate::domain::lang::Lang;
use crate::domain::request::Status;

pub use application::application;
pub use certificate::{certificate, certificate_decided_by};
pub use receipt::refusal_receipt;
pub use refusal::reasoned_refusal;
pub use register::{daily_register, daily_register_signed, Register, RegisterRow};
pub use seal::{
    check_value, issued_iin, read_certificate, verify, CertificateReading, NotGenuine, Seal,
    PAYLOAD_PREFIX, PAYLOAD_VERSION,
};

/// Who prints, where and when: what a document needs besides the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintContext {
    /// The State Corporation office (branch) name.
    pub office_name: String,
    /// The office's address.
    pub office_address: String,
    /// The counter (window) number.
    pub counter: String,
    /// The clerk's full name.
    pub clerk_name: String,
    /// The clerk's (or office's) phone, printed for the executor.
    pub clerk_phone: String,
    /// When the document is printed (local time of Kazakhstan).
    pub printed_at: NaiveDateTime,
}

/// The documents printed for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    /// Registration certificate (Appendix 7).
    Certificate,
    /// Receipt of refusal to accept documents (Appendix 5).
    Receipt,
    /// Application for signature (Appendix 1, 2 or 2-1).
    Application,
    /// Reasoned refusal of the service (para 15).
    Refusal,
}

impl DocKind {
    /// All kinds.
    pub const ALL: [DocKind; 4] = [
        DocKind::Certificate,
        DocKind::Receipt,
        DocKind::Application,
        DocKind::Refusal,
    ];

    /// The key used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Certificate => "certificate",
            DocKind::Receipt => "receipt",
            DocKind::Application => "application",
            DocKind::Refusal => "refusal",
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// The audit log's action code: `print.certificate`, `print.receipt`, ….
    pub fn audit_action(self) -> String {
        format!("print.{}", self.key())
    }

    /// The document's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            DocKind::Certificate => Msg("document-certificate"),
            DocKind::Receipt => Msg("document-receipt"),
            DocKind::Application => Msg("document-application"),
            DocKind::Refusal => Msg("document-refusal"),
        }
        .get(lang)
    }
}

/// Why a document cannot be printed. No variant carries personal data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    /// The embedded font does not parse (a build defect).
    #[error("the embedded font cannot be read")]
    FontUnreadable,
    /// A value has a character the embedded font cannot show.
    #[error("character U+{:04X} cannot be printed with the embedded font", u32::from(*.0))]
    UnprintableCharacter(char),
    /// The request's status does not allow this document.
    #[error("a {} cannot be printed for a request in status {}", .document.key(), .status.key())]
    WrongStatus {
        /// The document asked for.
        document: DocKind,
        /// The request's status.
        status: Status,
    },
    /// A formed request without a recorded IIN.
    #[error("no IIN is recorded for the request")]
    NoIin,
    /// A refused request without a recorded ground.
    #[error("no refusal ground is recorded for the request")]
    NoRefusalGround,
    /// The QR code cannot hold the payload.
    #[error("the QR code cannot be made: {0}")]
    QrCode(String),
    /// The bytes are not a readable PDF.
    #[error("not a readable PDF: {0}")]
    NotAPdf(String),
    /// No edition of the Rules was in force on the request's application day.
    #[error("no edition of the rules was in force on the application day")]
    NoEdition,
}

impl PdfError {
    /// The error in `lang`, one line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            PdfError::FontUnreadable => tr(lang, "pdf-font-unreadable"),
            PdfError::UnprintableCharacter(c) => tr_args(
                lang,
                "pdf-unprintable-character",
                &[("code", format!("{:04X}", u32::from(*c)).into())],
            ),
            PdfError::WrongStatus { document, status } => tr_args(
                lang,
                "pdf-wrong-status",
                &[
                    ("document", document.label(lang).into()),
                    ("status", status.label(lang).into()),
                ],
            ),
            PdfError::NoIin => tr(lang, "pdf-no-iin"),
            PdfError::NoRefusalGround => tr(lang, "pdf-no-refusal-ground"),
            PdfError::QrCode(e) => tr_args(lang, "pdf-qr-code", &[("reason", e.into())]),
            PdfError::NotAPdf(e) => tr_args(lang, "pdf-not-a-pdf", &[("reason", e.into())]),
            PdfError::NoEdition => tr(lang, "edition-pdf-none-in-force"),
        }
    }
}

/// Prints `kind` for `record` under the edition in force on its application day.
pub fn render(kind: DocKind, record: &Record, ctx: &PrintContext) -> Result<Vec<u8>, PdfError> {
    render_under(kind, record, ctx, edition_of(record)?)
}

/// Prints `kind` for `record` under `edition`: its wording, appendix numbers and
/// refusal grounds.
pub fn render_under(
    kind: DocKind,
    record: &Record,
    ctx: &PrintContext,
    edition: &Edition,
) -> Result<Vec<u8>, PdfError> {
    match kind {
        DocKind::Certificate => certificate::certificate_under(record, ctx, None, edition),
        DocKind::Receipt => receipt::receipt_under(record, ctx, edition),
        DocKind::Application => application::application_under(record, ctx, edition),
        DocKind::Refusal => refusal::refusal_under(record, ctx, edition),
    }
}

/// The edition of the Rules in force on the day `record` was submitted.
fn edition_of(record: &Record) -> Result<&'static Edition, PdfError> {
    edition_on(record.request.submitted_at.date()).ok_or(PdfError::NoEdition)
}

/// A record for printing a draft (the application is printed before the package is
/// accepted): the form validated as a request, its checklist decision, status draft.
/// An empty submission time is taken as `now`. An expired identity document is not an
/// error here (the receipt lists it); every other rule of [`form::validate`] applies.
pub fn draft_record(
    form: &RequestForm,
    new_id: Uuid,
    now: NaiveDateTime,
) -> Result<Record, Vec<FieldError>> {
    let mut f = form.clone();
    if f.submitted_at.trim().is_empty() {
        f.submitted_at = now.format("%Y-%m-%dT%H:%M:%S").to_string();
    }
    let request = match form::validate(&f, new_id, now) {
        Ok(r) => r,
        Err(errors)
            if errors
                .iter()
                .all(|e| matches!(e.problem, Problem::Expired { .. })) =>
        {
            // validate_record waives the expiry rule for a refusal to accept: reuse it.
            f.status = Status::RefusedToAccept.key().into();
            f.result = None;
            let mut record = form::validate_record(&f, new_id, now)?;
            record.status = Status::Draft;
            return Ok(record);
        }
        Err(errors) => return Err(errors),
    };
    let decision = form::decision(&request).map(|(_, d)| d).ok_or_else(|| {
        vec![FieldError::new(
            crate::domain::field::Field::SubmittedAt,
            Problem::NoEdition,
        )]
    })?;
    Ok(Record {
        request,
        status: Status::Draft,
        office: f.office.split_whitespace().collect::<Vec<_>>().join(" "),
        counter: f.counter.trim().to_string(),
        clerk: f.clerk.trim().to_string(),
        outcome: None,
        decision,
    })
}

/// The footer every page carries: the document's name in Kazakh and Russian, the request
/// id and the printing time; no program name and no English on a legal paper.
fn footer(title: &str, request_id: &str, ctx: &PrintContext) -> String {
    format!(
        "{title} · {request_id} · {}",
        wording::date_time(ctx.printed_at)
    )
}

/// Sets the metadata and saves `pages` of `doc`.
fn save(
    mut doc: PdfDocument,
    pages: Vec<printpdf::PdfPage>,
    subject: &str,
    keywords: Vec<String>,
    ctx: &PrintContext,
) -> Vec<u8> {
    doc.metadata.info.subject = subject.to_string();
    doc.metadata.info.keywords = keywords;
    doc.metadata.info.creator = "iin-desk".to_string();
    doc.metadata.info.producer = format!("iin-desk {}", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.author = ctx.office_name.clone();
    // printpdf writes the stamp as UTC; Kazakhstan keeps UTC+5 all year.
    let utc = ctx.printed_at - chrono::TimeDelta::hours(5);
    let stamp = utc.format("D:%Y%m%d%H%M%S+00'00'").to_string();
    if let Ok(t) = printpdf::parse_pdf_date(&stamp) {
        doc.metadata.info.creation_date = t;
        doc.metadata.info.modification_date = t;
        doc.metadata.info.metadata_date = t;
    }
    subset::subset_fonts(&mut doc, &pages);
    doc.with_pages(pages);
    doc.save(&PdfSaveOptions::default(), &mut Vec::new())
}
