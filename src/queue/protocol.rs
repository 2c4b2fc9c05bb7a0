//! The central queue file's protocol: its version and the shapes of what travels through
//! it. Pure: no file access, no clock.
//!
//! A counter *pushes* a [`PushMessage`] per accepted request: the client-generated id, the
//! counter's station id, the request as the clerk recorded it (the import/export schema,
//! normalized, always with status `accepted` and no result) and a SHA-256 of that form.
//! The id and the hash make a push idempotent: the same id with the same hash is the same
//! request, however often it arrives; the same id with another hash is a conflict. On a
//! rebuild (`sync --repush-all`) a request the counter already has a result for carries
//! it as `known_result`, so the rebuilt file learns the result instead of deciding again.
//!
//! The back office writes a [`ResultMessage`] into the request's row; a counter *pulls*
//! the results of the ids it has sent, so it only ever sees its own.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::form::{parse_date_time, Outcome, RequestForm, ResultForm};
use crate::domain::identity::Identity;
use crate::domain::iin::Iin;
use crate::domain::request::{Event, RefusalGround, Status};

/// The schema version of the central file (`PRAGMA user_version`). A file with a higher
/// number was written by a newer program and is refused, never modified; an older one is
/// upgraded when it is opened. 2: the audit log has no index by request.
pub const PROTOCOL_VERSION: i64 = 2;

/// `PRAGMA application_id` of a central queue file ("IINQ"): tells it apart from any other
/// SQLite file, such as a counter's own store given by mistake.
pub const APPLICATION_ID: i32 = 0x4949_4E51;

/// The central file's name in the data folder when no path is configured.
pub const DEFAULT_FILE_NAME: &str = crate::settings::DEFAULT_QUEUE_FILE_NAME;

/// Formats a timestamp as the central file stores it (local time of Kazakhstan).
pub fn format_ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Parses a timestamp stored by [`format_ts`] (or typed in the import schema).
pub fn parse_ts(text: &str) -> Option<NaiveDateTime> {
    parse_date_time(text)
}

/// Why a message is malformed. Carries no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ProtocolError {
    /// The request id is not a UUID.
    #[error("the request id is not a UUID")]
    BadId,
    /// The hash does not match the form: the message was damaged on the way.
    #[error("request {0}: the content hash does not match the data")]
    HashMismatch(Uuid),
    /// A result without the status it needs (an IIN for formed or corrected, a ground
    /// for refused), or with an unknown status.
    #[error("request {0}: the result is incomplete or unknown")]
    BadResult(Uuid),
    /// A stored form or identity does not parse.
    #[error("request {0}: the stored data do not parse")]
    BadData(Uuid),
}

/// The form as it travels: normalized to status `accepted` and without a result, so that
/// the same request always has the same hash, whatever happened to it locally since.
pub fn wire_form(form: &RequestForm) -> RequestForm {
    let mut f = form.clone();
    f.status = Status::Accepted.key().into();
    f.result = None;
    f
}

/// Whether `form` is already in wire form (status `accepted`, no result).
fn is_wire(form: &RequestForm) -> bool {
    form.status == Status::Accepted.key() && form.result.is_none()
}

/// The wire form's JSON: struct fields serialize in declaration order and maps are
/// sorted, so the same request always gives the same bytes. A form already in wire form
/// is serialized as it is, without a copy.
fn wire_json(form: &RequestForm) -> String {
    let json = if is_wire(form) {
        serde_json::to_string(form)
    } else {
        serde_json::to_string(&wire_form(form))
    };
    json.unwrap_or_default()
}

/// SHA-256 of `bytes`, in lower-case hex.
fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The SHA-256 (hex) of the wire form's JSON. Struct fields serialize in declaration
/// order and maps are sorted, so the hash is stable.
pub fn content_hash(form: &RequestForm) -> String {
    sha256_hex(wire_json(form).as_bytes())
}

/// What a counter sends for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushMessage {
    /// The client-generated request id.
    pub id: Uuid,
    /// The counter installation that sent it (a UUID kept in its store).
    pub station: String,
    /// [`content_hash`] of `form`.
    pub content_hash: String,
    /// The service deadline the counter computed with its working calendar.
    pub due_at: Option<NaiveDateTime>,
    /// The request as recorded, in wire form.
    pub form: RequestForm,
    /// The result the counter already has (rebuilding a lost central file only).
    pub known_result: Option<ResultMessage>,
}

impl PushMessage {
    /// The message for a stored request. `with_result` includes a final local result
    /// (for a rebuild); otherwise any result is left out.
    pub fn from_local(
        form: &RequestForm,
        due_at: Option<&str>,
        station: &str,
        with_result: bool,
    ) -> Result<PushMessage, ProtocolError> {
        let id = Uuid::parse_str(form.id.trim()).map_err(|_| ProtocolError::BadId)?;
        let known_result = if with_result {
            ResultMessage::from_form(id, form)?
        } else {
            None
        };
        // One copy of the form, serialized and hashed once.
        let form = wire_form(form);
        Ok(PushMessage {
            id,
            station: station.to_string(),
            content_hash: sha256_hex(wire_json(&form).as_bytes()),
            due_at: due_at.and_then(parse_ts),
            form,
            known_result,
        })
    }

    /// Checks that the hash matches the form and the id is the form's.
    pub fn verify(&self) -> Result<(), ProtocolError> {
        self.checked_wire_json().map(|_| ())
    }

    /// Checks the message as [`PushMessage::verify`] does and returns the form's JSON as
    /// the receiver stores it, from the one serialization the check needed.
    pub fn verified_json(&self) -> Result<String, ProtocolError> {
        let json = self.checked_wire_json()?;
        if is_wire(&self.form) {
            Ok(json)
        } else {
            serde_json::to_string(&self.form).map_err(|_| ProtocolError::BadData(self.id))
        }
    }

    /// The wire form's JSON, once its id and hash are checked.
    fn checked_wire_json(&self) -> Result<String, ProtocolError> {
        let json = wire_json(&self.form);
        if self.form.id.trim() != self.id.to_string()
            || sha256_hex(json.as_bytes()) != self.content_hash
        {
            return Err(ProtocolError::HashMismatch(self.id));
        }
        Ok(json)
    }
}

/// The back office's decision, as the counter receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultStatus {
    /// An IIN was formed.
    Formed,
    /// The registered data were corrected.
    Corrected,
    /// The service was refused on a para 15 ground.
    Refused,
}

impl ResultStatus {
    /// The key stored in the central file (the same as the local status key).
    pub fn key(self) -> &'static str {
        match self {
            ResultStatus::Formed => "formed",
            ResultStatus::Corrected => "corrected",
            ResultStatus::Refused => "refused",
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<Self> {
        match key.trim() {
            "formed" => Some(ResultStatus::Formed),
            "corrected" => Some(ResultStatus::Corrected),
            "refused" => Some(ResultStatus::Refused),
            _ => None,
        }
    }

    /// The local status the result leads to.
    pub fn status(self) -> Status {
        match self {
            ResultStatus::Formed => Status::Formed,
            ResultStatus::Corrected => Status::Corrected,
            ResultStatus::Refused => Status::Refused,
        }
    }
}

/// A result: which request, what was decided, by when. Built only through
/// [`ResultMessage::new`], which keeps the fields consistent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultMessage {
    /// The request.
    pub id: Uuid,
    /// The decision.
    pub status: ResultStatus,
    /// The formed or corrected IIN.
    pub iin: Option<Iin>,
    /// The refusal ground.
    pub ground: Option<RefusalGround>,
    /// The operator's comment.
    pub comment: String,
    /// When it was decided.
    pub decided_at: NaiveDateTime,
    /// The MIA operator who decided (printed on the certificate); empty when not known.
    #[serde(default)]
    pub decided_by: String,
}

impl ResultMessage {
    /// A consistent result: formed and corrected need an IIN, refused a ground.
    pub fn new(
        id: Uuid,
        status: ResultStatus,
        iin: Option<Iin>,
        ground: Option<RefusalGround>,
        comment: String,
        decided_at: NaiveDateTime,
    ) -> Result<ResultMessage, ProtocolError> {
        let ok = match status {
            ResultStatus::Formed | ResultStatus::Corrected => iin.is_some(),
            ResultStatus::Refused => ground.is_some(),
        };
        if !ok {
            return Err(ProtocolError::BadResult(id));
        }
        Ok(ResultMessage {
            id,
            status,
            iin,
            ground: if status == ResultStatus::Refused {
                ground
            } else {
                None
            },
            comment,
            decided_at,
            decided_by: String::new(),
        })
    }

    /// Parses the text columns of a stored result.
    pub fn from_columns(
        id: Uuid,
        status: &str,
        iin: Option<&str>,
        ground: Option<&str>,
        comment: &str,
        decided_at: Option<&str>,
    ) -> Result<ResultMessage, ProtocolError> {
        let bad = || ProtocolError::BadResult(id);
        let status = ResultStatus::from_key(status).ok_or_else(bad)?;
        let iin = match iin.filter(|s| !s.trim().is_empty()) {
            Some(t) => Some(Iin::parse(t).map_err(|_| bad())?),
            None => None,
        };
        let ground = match ground.filter(|s| !s.trim().is_empty()) {
            Some(g) => Some(RefusalGround::from_key(g).ok_or_else(bad)?),
            None => None,
        };
        let decided_at = decided_at.and_then(parse_ts).ok_or_else(bad)?;
        ResultMessage::new(id, status, iin, ground, comment.to_string(), decided_at)
    }

    /// The result a stored final form holds, if its status is formed, corrected or
    /// refused; `None` for any other status. An imported record may leave out what the
    /// import schema does not require: a missing decision time is taken as the
    /// submission time, a correction's missing IIN as the IIN it corrected (a
    /// correction keeps the IIN).
    pub fn from_form(id: Uuid, form: &RequestForm) -> Result<Option<ResultMessage>, ProtocolError> {
        let Some(status) = ResultStatus::from_key(&form.status) else {
            return Ok(None);
        };
        let r = form.result.clone().unwrap_or_default();
        let decided = [r.decided_at.as_str(), form.submitted_at.as_str()]
            .into_iter()
            .find(|t| !t.trim().is_empty());
        let corrected_iin = form.correction.as_ref().map(|c| c.current_iin.as_str());
        let iin = match (status, r.iin.trim()) {
            (ResultStatus::Corrected, "") => corrected_iin,
            (_, iin) => Some(iin),
        };
        ResultMessage::from_columns(id, status.key(), iin, Some(&r.ground), &r.comment, decided)
            .map(Some)
    }

    /// The life event the result is for the local request.
    pub fn event(&self) -> Event {
        match (self.status, self.ground) {
            (ResultStatus::Formed, _) => Event::Form,
            (ResultStatus::Corrected, _) => Event::Correct,
            (ResultStatus::Refused, Some(g)) => Event::Refuse(g),
            // `new` guarantees a ground; the most general one is the safe reading.
            (ResultStatus::Refused, None) => Event::Refuse(RefusalGround::DataNotCompliant),
        }
    }

    /// The outcome to record locally.
    pub fn outcome(&self) -> Outcome {
        Outcome {
            iin: self.iin.clone(),
            ground: self.ground,
            comment: self.comment.clone(),
            decided_at: Some(self.decided_at),
        }
    }

    /// The result as the import/export schema writes it.
    pub fn result_form(&self) -> ResultForm {
        ResultForm {
            iin: self.iin.as_ref().map(|i| i.to_string()).unwrap_or_default(),
            ground: self.ground.map(|g| g.key().to_string()).unwrap_or_default(),
            comment: self.comment.clone(),
            decided_at: format_ts(self.decided_at),
        }
    }
}

/// What a push did to one request in the central file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PushOutcome {
    /// The request is new to the central file.
    Inserted,
    /// The same request was already there: nothing changed.
    AlreadyThere,
    /// The request was there without a result, and the counter's known result was taken.
    ResultAdopted,
    /// Another request with the same id is there: nothing changed.
    Conflict,
    /// The message was damaged (hash or data): nothing changed.
    Damaged,
}

impl PushOutcome {
    /// Whether the request is in the central file after the push.
    pub fn is_delivered(self) -> bool {
        matches!(
            self,
            PushOutcome::Inserted | PushOutcome::AlreadyThere | PushOutcome::ResultAdopted
        )
    }
}

/// One person of the back office's registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// The person's IIN.
    pub iin: Iin,
    /// The identifying data as registered now.
    pub identity: Identity,
    /// 1 at registration, one more with each correction.
    pub version: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RequestForm {
        RequestForm {
            id: "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001".into(),
            status: "sent".into(),
            ..RequestForm::default()
        }
    }

    #[test]
    fn the_hash_ignores_status_and_result() {
        let a = form();
        let mut b = form();
        b.status = "formed".into();
        b.result = Some(ResultForm {
            iin: "740812300018".into(),
            ..ResultForm::default()
        });
        assert_eq!(content_hash(&a), content_hash(&b));
        let mut c = form();
        c.office = "another".into();
        assert_ne!(content_hash(&a), content_hash(&c));
        assert_eq!(content_hash(&a).len(), 64);
        // Lower-case hex, as stored in the central file since version 1.
        let json = serde_json::to_string(&wire_form(&a)).unwrap_or_default();
        let expected: String = Sha256::digest(json.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(content_hash(&a), expected);
    }

    #[test]
    fn push_messages_verify() {
        let m = PushMessage::from_local(&form(), None, "station", false);
        let Ok(mut m) = m else {
            panic!("{m:?}");
        };
        assert_eq!(m.verify(), Ok(()));
        // The receiver stores the JSON its check serialized: the wire form's.
        assert_eq!(
            m.verified_json().ok(),
            serde_json::to_string(&wire_form(&form())).ok()
        );
        assert_eq!(m.content_hash, content_hash(&form()));
        m.form.office = "changed".into();
        assert_eq!(m.verified_json(), Err(ProtocolError::HashMismatch(m.id)));
        assert_eq!(m.verify(), Err(ProtocolError::HashMismatch(m.id)));
        let mut bad = form();
        bad.id = "nope".into();
        assert_eq!(
            PushMessage::from_local(&bad, None, "s", false),
            Err(ProtocolError::BadId)
        );
    }

    #[test]
    fn results_need_their_fields() {
        let id = Uuid::nil();
        let t = parse_ts("2026-11-20T10:00:00").unwrap_or_default();
        assert!(
            ResultMessage::new(id, ResultStatus::Formed, None, None, String::new(), t).is_err()
        );
        assert!(
            ResultMessage::new(id, ResultStatus::Refused, None, None, String::new(), t).is_err()
        );
        let r = ResultMessage::from_columns(
            id,
            "refused",
            None,
            Some("data_not_compliant"),
            "",
            Some("2026-11-20T10:00:00"),
        );
        assert_eq!(
            r.map(|r| r.event()),
            Ok(Event::Refuse(RefusalGround::DataNotCompliant))
        );
        assert!(ResultMessage::from_columns(
            id,
            "sent",
            None,
            None,
            "",
            Some("2026-11-20T10:00:00")
        )
        .is_err());
    }
}
