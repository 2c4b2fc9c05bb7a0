//! Field-level validation errors; their texts are in the catalogue (`assets/i18n`).
//!
//! Every message names the field (in the reader's language) and says what is expected,
//! so a clerk at the counter and an administrator reading an import report both know
//! what to fix.

use chrono::NaiveDate;
use serde::Serialize;

use super::i18n::{tr, tr_args, Arg, Msg};
use super::identity::Parameter;
use super::iin::IinError;
use super::lang::Lang;

/// A field of a request, as the paper form and the import file name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Field {
    /// Request id.
    Id,
    /// Kind of request.
    Kind,
    /// Channel.
    Channel,
    /// Status.
    Status,
    /// Date and time of submission.
    SubmittedAt,
    /// The office that took the request.
    Office,
    /// The counter that took the request.
    Counter,
    /// The clerk who took the request.
    Clerk,
    /// Latin surname.
    Surname,
    /// Latin name.
    Name,
    /// Latin patronymic.
    Patronymic,
    /// Cyrillic surname.
    SurnameCyrillic,
    /// Cyrillic name.
    NameCyrillic,
    /// Cyrillic patronymic.
    PatronymicCyrillic,
    /// Date of birth.
    BirthDate,
    /// Place of birth.
    BirthPlace,
    /// Citizenship.
    Citizenship,
    /// Sex.
    Sex,
    /// Identity document number.
    DocumentNumber,
    /// Identity document issue date.
    DocumentIssueDate,
    /// Identity document validity date.
    DocumentExpiryDate,
    /// Identity document issuing country.
    IssuingCountry,
    /// Address of stay in Kazakhstan.
    Address,
    /// Phone.
    Phone,
    /// Representative's full name.
    RepresentativeName,
    /// Representative's identity document.
    RepresentativeDocument,
    /// Power of attorney number.
    PowerOfAttorneyNumber,
    /// Power of attorney date.
    PowerOfAttorneyDate,
    /// Notary who certified the power of attorney.
    PowerOfAttorneyNotary,
    /// Power of attorney validity date.
    PowerOfAttorneyValidUntil,
    /// Penal institution's name.
    InstitutionName,
    /// Head of the penal institution.
    InstitutionHead,
    /// The current IIN (correction).
    CurrentIin,
    /// The list of changes (correction).
    Changes,
    /// The new value of one parameter (correction).
    Change(Parameter),
    /// The documents the clerk confirmed.
    Documents,
    /// The result's IIN.
    ResultIin,
    /// The refusal ground.
    RefusalGround,
    /// The result's date.
    DecidedAt,
    /// The operator's comment on the result.
    Comment,
    /// How the representative is entitled to act (legal representative or power of
    /// attorney).
    RepresentativeBasis,
    /// The document that proves a legal representative's authority (a birth certificate,
    /// a guardianship decision).
    LegalRepresentativeDocument,
    /// The electronic queue ticket's number.
    Ticket,
    /// When the queue ticket was taken.
    TicketTakenAt,
    /// When the request was first opened at the counter.
    OpenedAt,
}

impl Field {
    /// Where the field sits in the import/export JSON object.
    pub fn json_path(self) -> String {
        let s = match self {
            Field::Change(p) => return format!("correction.changes.{}", p.key()),
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Channel => "channel",
            Field::Status => "status",
            Field::SubmittedAt => "submitted_at",
            Field::Office => "office",
            Field::Counter => "counter",
            Field::Clerk => "clerk",
            Field::Surname => "applicant.surname",
            Field::Name => "applicant.name",
            Field::Patronymic => "applicant.patronymic",
            Field::SurnameCyrillic => "applicant.surname_cyr",
            Field::NameCyrillic => "applicant.name_cyr",
            Field::PatronymicCyrillic => "applicant.patronymic_cyr",
            Field::BirthDate => "applicant.birth_date",
            Field::BirthPlace => "applicant.birth_place",
            Field::Citizenship => "applicant.citizenship",
            Field::Sex => "applicant.sex",
            Field::DocumentNumber => "applicant.document_number",
            Field::DocumentIssueDate => "applicant.document_issue_date",
            Field::DocumentExpiryDate => "applicant.document_expiry_date",
            Field::IssuingCountry => "applicant.document_issuing_country",
            Field::Address => "applicant.address",
            Field::Phone => "applicant.phone",
            Field::RepresentativeName => "representative.full_name",
            Field::RepresentativeDocument => "representative.document",
            Field::PowerOfAttorneyNumber => "representative.poa_number",
            Field::PowerOfAttorneyDate => "representative.poa_date",
            Field::PowerOfAttorneyNotary => "representative.poa_notary",
            Field::PowerOfAttorneyValidUntil => "representative.poa_valid_until",
            Field::InstitutionName => "institution.name",
            Field::InstitutionHead => "institution.head",
            Field::CurrentIin => "correction.current_iin",
            Field::Changes => "correction.changes",
            Field::Documents => "documents",
            Field::ResultIin => "result.iin",
            Field::RefusalGround => "result.ground",
            Field::DecidedAt => "result.decided_at",
            Field::Comment => "result.comment",
            Field::RepresentativeBasis => "representative.basis",
            Field::LegalRepresentativeDocument => "representative.legal_document",
            Field::Ticket => "ticket",
            Field::TicketTakenAt => "ticket_taken_at",
            Field::OpenedAt => "opened_at",
        };
        s.to_string()
    }

    /// The field's name in `lang`.
    pub fn label(self, lang: Lang) -> String {
        let tr = match self {
            Field::Change(p) => {
                return tr_args(lang, "field-change", &[("parameter", p.label(lang).into())]);
            }
            Field::Id => Msg("field-id"),
            Field::Kind => Msg("field-kind"),
            Field::Channel => Msg("field-channel"),
            Field::Status => Msg("field-status"),
            Field::SubmittedAt => Msg("field-submitted-at"),
            Field::Office => Msg("field-office"),
            Field::Counter => Msg("field-counter"),
            Field::Clerk => Msg("field-clerk"),
            Field::Surname => Msg("field-surname"),
            Field::Name => Msg("field-name"),
            Field::Patronymic => Msg("field-patronymic"),
            Field::SurnameCyrillic => Msg("field-surname-cyrillic"),
            Field::NameCyrillic => Msg("field-name-cyrillic"),
            Field::PatronymicCyrillic => Msg("field-patronymic-cyrillic"),
            Field::BirthDate => Msg("field-birth-date"),
            Field::BirthPlace => Msg("field-birth-place"),
            Field::Citizenship => Msg("field-citizenship"),
            Field::Sex => Msg("field-sex"),
            Field::DocumentNumber => Msg("field-document-number"),
            Field::DocumentIssueDate => Msg("field-document-issue-date"),
            Field::DocumentExpiryDate => Msg("field-document-expiry-date"),
            Field::IssuingCountry => Msg("field-issuing-country"),
            Field::Address => Msg("field-address"),
            Field::Phone => Msg("field-phone"),
            Field::RepresentativeName => Msg("field-representative-name"),
            Field::RepresentativeDocument => Msg("field-representative-document"),
            Field::PowerOfAttorneyNumber => Msg("field-power-of-attorney-number"),
            Field::PowerOfAttorneyDate => Msg("field-power-of-attorney-date"),
            Field::PowerOfAttorneyNotary => Msg("field-power-of-attorney-notary"),
            Field::PowerOfAttorneyValidUntil => Msg("field-power-of-attorney-valid-until"),
            Field::InstitutionName => Msg("field-institution-name"),
            Field::InstitutionHead => Msg("field-institution-head"),
            Field::CurrentIin => Msg("field-current-iin"),
            Field::Changes => Msg("field-changes"),
            Field::Documents => Msg("field-documents"),
            Field::ResultIin => Msg("field-result-iin"),
            Field::RefusalGround => Msg("field-refusal-ground"),
            Field::DecidedAt => Msg("field-decided-at"),
            Field::Comment => Msg("field-comment"),
            Field::RepresentativeBasis => Msg("field-representative-basis"),
            Field::LegalRepresentativeDocument => Msg("field-legal-representative-document"),
            Field::Ticket => Msg("field-ticket"),
            Field::TicketTakenAt => Msg("field-ticket-taken-at"),
            Field::OpenedAt => Msg("field-opened-at"),
        };
        tr.get(lang).to_string()
    }
}

/// A script a name may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Script {
    /// Latin letters as in the MRZ.
    Latin,
    /// Cyrillic letters, including the Kazakh ones.
    Cyrillic,
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Problem {
    /// Required but empty.
    Required,
    /// Not a date, or a date that does not exist.
    NotADate,
    /// Not a date and time.
    NotADateTime,
    /// A date after the reference day (application day, or today).
    InFuture,
    /// A birth date before 1900.
    BirthBefore1900,
    /// The document's validity ended before the application day.
    Expired {
        /// Last day of validity.
        valid_until: NaiveDate,
        /// The application day.
        on: NaiveDate,
    },
    /// Issue date not before the validity date.
    IssueNotBeforeExpiry,
    /// Letters outside the allowed script.
    WrongScript(Script),
    /// Longer than allowed.
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// Not a known ISO 3166-1 alpha-3 code.
    UnknownCountry,
    /// Not `M` or `F`.
    NotASex,
    /// Not a document number (Latin letters and digits).
    NotADocumentNumber,
    /// Not a phone number.
    NotAPhone,
    /// Not a valid IIN.
    Iin(IinError),
    /// A correction that changes nothing.
    NoChange,
    /// A "change" equal to the current value.
    SameAsCurrent,
    /// Not one of the listed values.
    NotOneOf(&'static [&'static str]),
    /// Not allowed for this kind of request in the edition in force.
    NotAllowed,
    /// The documents do not allow acceptance (the checklist refuses).
    ChecklistRefuses,
    /// A refusal to accept with a complete package in date: nothing to refuse.
    NothingToRefuse,
    /// The rules in force on the date are not known to this program.
    NoEdition,
    /// Not a UUID.
    NotAnId,
    /// A control character (NUL, a line break, a tab in a one-line field, …).
    ControlCharacter(char),
    /// A citizen of Kazakhstan: the service is for foreigners and stateless persons.
    CitizenOfKazakhstan,
    /// An identity document entered for a convicted person's request, which is for
    /// persons without one.
    NoDocumentExpected,
    /// Not a queue ticket's number (letters, then digits).
    NotATicket,
    /// Not a time of day (`HH:MM`).
    NotATimeOfDay,
    /// A queue ticket taken after the request was opened.
    TakenAfterOpening {
        /// When the request was opened.
        opened: chrono::NaiveTime,
    },
    /// A request opened after it was handed in.
    OpenedAfterSubmission,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// A new error.
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    /// "«Field»: what is wrong; what is expected", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "field-error",
            &[
                ("field", self.field.label(lang).into()),
                ("problem", self.problem.message(lang).into()),
            ],
        )
    }
}

impl Problem {
    /// The problem and what is expected, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Problem::Required => tr(lang, "problem-required"),
            Problem::NotADate => tr(lang, "problem-not-a-date"),
            Problem::NotADateTime => tr(lang, "problem-not-a-date-time"),
            Problem::InFuture => tr(lang, "problem-in-future"),
            Problem::BirthBefore1900 => tr(lang, "problem-birth-before1900"),
            Problem::Expired { valid_until, on } => {
                let date = |d: &NaiveDate| Arg::from(d.format("%d.%m.%Y").to_string());
                tr_args(
                    lang,
                    "problem-expired",
                    &[("valid_until", date(valid_until)), ("on", date(on))],
                )
            }
            Problem::IssueNotBeforeExpiry => tr(lang, "problem-issue-not-before-expiry"),
            Problem::WrongScript(Script::Latin) => tr(lang, "problem-wrong-script-latin"),
            Problem::WrongScript(Script::Cyrillic) => tr(lang, "problem-wrong-script-cyrillic"),
            Problem::TooLong { max } => {
                tr_args(lang, "problem-too-long", &[("max", (*max).into())])
            }
            Problem::UnknownCountry => tr(lang, "problem-unknown-country"),
            Problem::NotASex => tr(lang, "problem-not-a-sex"),
            Problem::NotADocumentNumber => tr(lang, "problem-not-a-document-number"),
            Problem::NotAPhone => tr(lang, "problem-not-a-phone"),
            Problem::Iin(e) => e.message(lang),
            Problem::NoChange => tr(lang, "problem-no-change"),
            Problem::SameAsCurrent => tr(lang, "problem-same-as-current"),
            Problem::NotOneOf(values) => tr_args(
                lang,
                "problem-not-one-of",
                &[("values", values.join(", ").into())],
            ),
            Problem::NotAllowed => tr(lang, "problem-not-allowed"),
            Problem::ChecklistRefuses => tr(lang, "problem-checklist-refuses"),
            Problem::NothingToRefuse => tr(lang, "problem-nothing-to-refuse"),
            Problem::NoEdition => tr(lang, "problem-no-edition"),
            Problem::NotAnId => tr(lang, "problem-not-an-id"),
            Problem::ControlCharacter(c) => tr_args(
                lang,
                "problem-control-character",
                &[("code", format!("U+{:04X}", u32::from(*c)).into())],
            ),
            Problem::CitizenOfKazakhstan => tr(lang, "problem-citizen-of-kazakhstan"),
            Problem::NoDocumentExpected => tr(lang, "problem-no-document-expected"),
            Problem::NotATicket => tr(lang, "problem-not-a-ticket"),
            Problem::NotATimeOfDay => tr(lang, "problem-not-a-time-of-day"),
            Problem::TakenAfterOpening { opened } => tr_args(
                lang,
                "problem-taken-after-opening",
                &[("opened", opened.format("%H:%M").to_string().into())],
            ),
            Problem::OpenedAfterSubmission => tr(lang, "problem-opened-after-submission"),
        }
    }
}
