//! A request for the service and its life: kinds, channels, the representative, the
//! correction's changes, statuses and the legal transitions between them.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use uuid::Uuid;

use super::document::DocumentKind;
use super::i18n::{tr_args, Msg};
use super::identity::{Applicant, Identity, Parameter};
use super::iin::Iin;
use super::lang::{Lang, Tr};
use super::timing::QueueTicket;

/// The three kinds of request (Rules, para 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestKind {
    /// Formation of an IIN, application on Appendix 1's form.
    Formation,
    /// Formation for a person sentenced to imprisonment who has no identity document,
    /// application on Appendix 2's form certified by the penal institution.
    FormationConvicted,
    /// Correction of identifying data, application on Appendix 2-1's form.
    Correction,
}

impl RequestKind {
    /// All kinds.
    pub const ALL: [RequestKind; 3] = [
        RequestKind::Formation,
        RequestKind::FormationConvicted,
        RequestKind::Correction,
    ];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            RequestKind::Formation => "formation",
            RequestKind::FormationConvicted => "formation_convicted",
            RequestKind::Correction => "correction",
        }
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// The kind's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RequestKind::Formation => Msg("kind-formation"),
            RequestKind::FormationConvicted => Msg("kind-formation-convicted"),
            RequestKind::Correction => Msg("kind-correction"),
        }
        .get(lang)
    }

    /// Whether the request forms a new IIN (as opposed to correcting one).
    pub fn is_formation(self) -> bool {
        !matches!(self, RequestKind::Correction)
    }
}

/// Where the request was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// At a State Corporation counter.
    Counter,
    /// On the portal www.egov.kz; such requests arrive by import.
    Portal,
}

impl Channel {
    /// All channels.
    pub const ALL: [Channel; 2] = [Channel::Counter, Channel::Portal];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            Channel::Counter => "counter",
            Channel::Portal => "portal",
        }
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// The channel's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Channel::Counter => Msg("channel-counter"),
            Channel::Portal => Msg("channel-portal"),
        }
        .get(lang)
    }
}

/// A notarized power of attorney.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PowerOfAttorney {
    /// Registry number.
    pub number: String,
    /// Date it was certified.
    pub date: chrono::NaiveDate,
    /// The notary who certified it.
    pub notary: String,
    /// Last day of validity, when the document states one.
    pub valid_until: Option<chrono::NaiveDate>,
}

/// On what ground a representative acts for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepresentativeBasis {
    /// A legal representative (a parent, an adoptive parent, a guardian or trustee):
    /// acts by law, proven by a document (a birth certificate, a guardianship decision),
    /// with no power of attorney (the Rules' para 3: "or their legal representative").
    LegalRepresentative,
    /// A representative by a notarized power of attorney (Appendix 3, item 8).
    PowerOfAttorney,
}

impl RepresentativeBasis {
    /// Both, in the order the form offers them.
    pub const ALL: [RepresentativeBasis; 2] = [
        RepresentativeBasis::LegalRepresentative,
        RepresentativeBasis::PowerOfAttorney,
    ];

    /// The keys used in files.
    pub const KEYS: &'static [&'static str] = &["legal_representative", "power_of_attorney"];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            RepresentativeBasis::LegalRepresentative => "legal_representative",
            RepresentativeBasis::PowerOfAttorney => "power_of_attorney",
        }
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.key() == key.trim())
    }
}

/// The applicant's representative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Representative {
    /// Full name.
    pub full_name: String,
    /// Identity document (type and number) as presented.
    pub document: String,
    /// On what ground they act; `None` for the penal institution's officer, who brings
    /// the institution's certified application (Appendix 2) and needs neither.
    #[serde(default)]
    pub basis: Option<RepresentativeBasis>,
    /// The document that proves a legal representative's authority, as presented; empty
    /// for any other representative.
    #[serde(default)]
    pub legal_document: String,
    /// The power of attorney of a representative by power of attorney.
    pub power_of_attorney: Option<PowerOfAttorney>,
}

/// The penal institution that certifies an Appendix 2 application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Institution {
    /// The institution's name.
    pub name: String,
    /// Full name of its head, who certifies the application; empty when not given (the
    /// order asks for the certification, not for a name).
    pub head: String,
}

/// A correction: the current IIN and the parameters that change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// The IIN whose data change.
    pub current_iin: Iin,
    /// New values, normalized (dates ISO, sex `M`/`F`, codes alpha-3), at least one.
    pub changes: BTreeMap<Parameter, String>,
}

/// A validated request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// Client-generated id; the same id everywhere, so a request is never duplicated.
    pub id: Uuid,
    /// Kind.
    pub kind: RequestKind,
    /// Channel.
    pub channel: Channel,
    /// When the applicant handed in the package (local time of Kazakhstan).
    pub submitted_at: NaiveDateTime,
    /// The applicant; for a correction, with the data as they are now.
    pub applicant: Applicant,
    /// The representative, if one applies.
    pub representative: Option<Representative>,
    /// The penal institution (formation for a convicted person only).
    pub institution: Option<Institution>,
    /// The correction (correction only).
    pub correction: Option<Correction>,
    /// The documents the clerk confirmed as handed in.
    pub documents: BTreeMap<DocumentKind, bool>,
    /// The electronic queue ticket, when one was entered (none for an import or the
    /// portal: then no waiting time).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<QueueTicket>,
    /// When the request was first opened at the counter (the service time runs from
    /// here); none for an import or the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened_at: Option<NaiveDateTime>,
}

impl Request {
    /// The applicant's identity after the correction's changes (the identity itself for
    /// a formation). Values that do not parse are left as they were; validation has
    /// already rejected such requests.
    pub fn identity_after(&self) -> Identity {
        let mut id = self.applicant.identity.clone();
        let Some(c) = &self.correction else {
            return id;
        };
        for (param, value) in &c.changes {
            let date = || chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok();
            match param {
                // A name in Cyrillic corrects the Cyrillic spelling (the national
                // registers'), one in Latin the passport's.
                Parameter::Surname if is_cyrillic(value) => {
                    id.cyrillic.surname = Some(value.clone())
                }
                Parameter::Name if is_cyrillic(value) => id.cyrillic.name = Some(value.clone()),
                Parameter::Patronymic if is_cyrillic(value) => {
                    id.cyrillic.patronymic = Some(value.clone())
                }
                Parameter::Surname => id.surname = value.clone(),
                Parameter::Name => id.name = value.clone(),
                Parameter::Patronymic => {
                    id.patronymic = Some(value.clone()).filter(|v| !v.is_empty())
                }
                Parameter::BirthDate => id.birth_date = date().unwrap_or(id.birth_date),
                Parameter::BirthPlace => id.birth_place = value.clone(),
                Parameter::Citizenship => id.citizenship = value.clone(),
                Parameter::Sex => id.sex = super::identity::Sex::parse(value).unwrap_or(id.sex),
                Parameter::DocumentNumber => {
                    if let Some(d) = id.document.as_mut() {
                        d.number = value.clone();
                    }
                }
                Parameter::DocumentIssueDate => {
                    if let (Some(d), Some(v)) = (id.document.as_mut(), date()) {
                        d.issue_date = v;
                    }
                }
                Parameter::DocumentExpiryDate => {
                    if let (Some(d), Some(v)) = (id.document.as_mut(), date()) {
                        d.expiry_date = v;
                    }
                }
                Parameter::IssuingCountry => {
                    if let Some(d) = id.document.as_mut() {
                        d.issuing_country = value.clone();
                    }
                }
            }
        }
        id
    }
}

/// Whether a (validated) name is written in Cyrillic: it holds a Cyrillic letter.
pub fn is_cyrillic(name: &str) -> bool {
    name.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// Grounds for refusing the service itself (Rules, para 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalGround {
    /// 15.1: documents or data found unreliable (false).
    UnreliableDocuments,
    /// 15.2: the applicant's data do not meet the Rules' requirements.
    DataNotCompliant,
    /// 15.3: an IIN is already registered for the applicant (not for corrections).
    IinAlreadyRegistered,
}

impl RefusalGround {
    /// All grounds, in the order of para 15.
    pub const ALL: [RefusalGround; 3] = [
        RefusalGround::UnreliableDocuments,
        RefusalGround::DataNotCompliant,
        RefusalGround::IinAlreadyRegistered,
    ];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            RefusalGround::UnreliableDocuments => "unreliable_documents",
            RefusalGround::DataNotCompliant => "data_not_compliant",
            RefusalGround::IinAlreadyRegistered => "iin_already_registered",
        }
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == key.trim())
    }

    /// The sub-item number of para 15 (1–3).
    pub fn item(self) -> u8 {
        match self {
            RefusalGround::UnreliableDocuments => 1,
            RefusalGround::DataNotCompliant => 2,
            RefusalGround::IinAlreadyRegistered => 3,
        }
    }

    /// The ground in the order's words (Kazakh from the seed; Russian our translation).
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            RefusalGround::UnreliableDocuments => Tr::new(
                "көрсетілетін қызметті алушының мемлекеттік қызметті алу үшін ұсынған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) шынайы еместігінің анықталуы",
                "установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них",
                "the documents submitted by the applicant to receive the service and/or the data (information) in them are found to be unreliable",
            ),
            RefusalGround::DataNotCompliant => Tr::new(
                "көрсетілетін қызметті алушының мемлекеттік қызметтер көрсету үшін қажетті деректер мен мәліметтердің осы Қағидалардың талаптарына сәйкес келмеуі",
                "несоответствие услугополучателя и (или) представленных данных и сведений, необходимых для оказания государственной услуги, требованиям настоящих Правил",
                "the applicant's data and information required for the service do not meet the requirements of these Rules",
            ),
            RefusalGround::IinAlreadyRegistered => Tr::new(
                "көрсетілетін қызметті алушыда бұрын тіркелген ЖСН анықталған жағдайда (ЖСН түзету жағдайларын қоспағанда)",
                "выявление ранее зарегистрированного ИИН у услугополучателя (за исключением случаев корректировки ИИН)",
                "an IIN already registered for the applicant is found (except for IIN correction)",
            ),
        }
        .get(lang)
    }
}

/// Where a request is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being filled in at the counter; autosaved.
    Draft,
    /// Accepted and queued locally, waiting to be sent.
    Accepted,
    /// Sent to the back office.
    Sent,
    /// The IIN was formed.
    Formed,
    /// The IIN's data were corrected.
    Corrected,
    /// The service was refused on a para 15 ground.
    Refused,
    /// The clerk refused to accept the package and printed the receipt.
    RefusedToAccept,
}

impl Status {
    /// All statuses.
    pub const ALL: [Status; 7] = [
        Status::Draft,
        Status::Accepted,
        Status::Sent,
        Status::Formed,
        Status::Corrected,
        Status::Refused,
        Status::RefusedToAccept,
    ];

    /// The key used in files and the database.
    pub fn key(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Accepted => "accepted",
            Status::Sent => "sent",
            Status::Formed => "formed",
            Status::Corrected => "corrected",
            Status::Refused => "refused",
            Status::RefusedToAccept => "refused_to_accept",
        }
    }

    /// The keys of all statuses, for messages.
    pub const KEYS: &'static [&'static str] = &[
        "draft",
        "accepted",
        "sent",
        "formed",
        "corrected",
        "refused",
        "refused_to_accept",
    ];

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == key.trim())
    }

    /// Whether the request's life is over.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Formed | Status::Corrected | Status::Refused | Status::RefusedToAccept
        )
    }

    /// The status's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Draft => Msg("status-draft"),
            Status::Accepted => Msg("status-accepted"),
            Status::Sent => Msg("status-sent"),
            Status::Formed => Msg("status-formed"),
            Status::Corrected => Msg("status-corrected"),
            Status::Refused => Msg("status-refused"),
            Status::RefusedToAccept => Msg("status-refused-to-accept"),
        }
        .get(lang)
    }
}

/// Something that happens to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The clerk accepts the package.
    Accept,
    /// The clerk refuses to accept the package.
    RefuseToAccept,
    /// The request reached the back office.
    Send,
    /// The back office formed the IIN.
    Form,
    /// The back office corrected the data.
    Correct,
    /// The back office refused on a ground.
    Refuse(RefusalGround),
}

/// An event that is not allowed in the request's state.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("a {kind:?} request in status {from:?} cannot take event {event:?}")]
pub struct TransitionError {
    /// The request's kind.
    pub kind: RequestKind,
    /// Its status.
    pub from: Status,
    /// The refused event.
    pub event: Event,
}

impl TransitionError {
    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(
            lang,
            "request-transition-not-allowed",
            &[("status", self.from.label(lang).into())],
        )
    }
}

/// The status after `event`, or an error if the rules do not allow it.
pub fn transition(
    kind: RequestKind,
    from: Status,
    event: Event,
) -> Result<Status, TransitionError> {
    let to = match (from, event) {
        (Status::Draft, Event::Accept) => Some(Status::Accepted),
        (Status::Draft, Event::RefuseToAccept) => Some(Status::RefusedToAccept),
        (Status::Accepted, Event::Send) => Some(Status::Sent),
        (Status::Sent, Event::Form) if kind.is_formation() => Some(Status::Formed),
        (Status::Sent, Event::Correct) if kind == RequestKind::Correction => {
            Some(Status::Corrected)
        }
        // An IIN already registered is no ground to refuse a correction (para 15.3).
        (Status::Sent, Event::Refuse(RefusalGround::IinAlreadyRegistered))
            if kind == RequestKind::Correction =>
        {
            None
        }
        (Status::Sent, Event::Refuse(_)) => Some(Status::Refused),
        _ => None,
    };
    to.ok_or(TransitionError { kind, from, event })
}

/// The documents a refusal receipt lists, built by the checklist.
pub type MissingDocuments = Vec<DocumentKind>;

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(kind: RequestKind, from: Status, event: Event, expected: Option<Status>) {
        assert_eq!(
            transition(kind, from, event).ok(),
            expected,
            "{kind:?} {from:?} {event:?}"
        );
    }

    #[test]
    fn transitions_table() {
        use Event as E;
        use RequestKind as K;
        use Status as S;
        let g = RefusalGround::DataNotCompliant;
        let dup = RefusalGround::IinAlreadyRegistered;
        let table = [
            (K::Formation, S::Draft, E::Accept, Some(S::Accepted)),
            (
                K::Formation,
                S::Draft,
                E::RefuseToAccept,
                Some(S::RefusedToAccept),
            ),
            (K::Formation, S::Draft, E::Send, None),
            (K::Formation, S::Draft, E::Form, None),
            (K::Formation, S::Accepted, E::Send, Some(S::Sent)),
            (K::Formation, S::Accepted, E::Accept, None),
            (K::Formation, S::Accepted, E::Form, None),
            (K::Formation, S::Sent, E::Form, Some(S::Formed)),
            (K::Formation, S::Sent, E::Correct, None),
            (K::Formation, S::Sent, E::Refuse(g), Some(S::Refused)),
            (K::Formation, S::Sent, E::Refuse(dup), Some(S::Refused)),
            (K::FormationConvicted, S::Sent, E::Form, Some(S::Formed)),
            (K::Correction, S::Sent, E::Correct, Some(S::Corrected)),
            (K::Correction, S::Sent, E::Form, None),
            (K::Correction, S::Sent, E::Refuse(g), Some(S::Refused)),
            (K::Correction, S::Sent, E::Refuse(dup), None),
            (K::Formation, S::Formed, E::Refuse(g), None),
            (K::Formation, S::RefusedToAccept, E::Accept, None),
            (K::Formation, S::Refused, E::Form, None),
            (K::Correction, S::Corrected, E::Correct, None),
        ];
        for (kind, from, event, to) in table {
            check(kind, from, event, to);
        }
    }

    #[test]
    fn final_states_take_no_event() {
        let events = [
            Event::Accept,
            Event::RefuseToAccept,
            Event::Send,
            Event::Form,
            Event::Correct,
            Event::Refuse(RefusalGround::UnreliableDocuments),
        ];
        for status in Status::ALL.into_iter().filter(|s| s.is_final()) {
            for kind in RequestKind::ALL {
                for event in events {
                    check(kind, status, event, None);
                }
            }
        }
    }

    #[test]
    fn keys_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_key(s.key()), Some(s));
            assert!(Status::KEYS.contains(&s.key()));
        }
        for k in RequestKind::ALL {
            assert_eq!(RequestKind::from_key(k.key()), Some(k));
        }
        for g in RefusalGround::ALL {
            assert_eq!(RefusalGround::from_key(g.key()), Some(g));
            assert!(g.text(Lang::Kk).contains("көрсетілетін қызметті алушы"));
        }
    }
}
