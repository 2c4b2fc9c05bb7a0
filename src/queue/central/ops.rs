//! The queue operations on an open central file: push, the results of sent requests,
//! counts, and the stored rows the back office reads.

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::registry::{apply_correction, person, register};
use super::{Central, CentralCounts, Pulled};
use crate::domain::form::{validate_record, RequestForm};
use crate::domain::identity::Identity;
use crate::domain::iin::Iin;
use crate::domain::request::Request;
use crate::queue::protocol::{
    format_ts, parse_ts, PersonRecord, ProtocolError, PushMessage, PushOutcome, ResultMessage,
    ResultStatus,
};
use crate::queue::sql::{marks, vals, Lite, Sql, Val};
use crate::queue::QueueError;

/// How ids are looked up in one statement (SQLite allows many more; this keeps
/// statements short on a slow share).
const IDS_PER_QUERY: usize = 200;

impl Central {
    /// Stores pushed requests in one transaction; a request already there (same id and
    /// hash) is left as it is, so pushing twice has the effect of pushing once.
    pub fn push(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<PushOutcome>, QueueError> {
        self.write(|tx| {
            let tx = &mut Lite(tx);
            messages
                .iter()
                .map(|m| push_one(tx, m, now))
                .collect::<Result<Vec<_>, _>>()
        })
    }

    /// The results of those of `ids` that have one.
    pub fn results_for(&mut self, ids: &[Uuid]) -> Result<Pulled, QueueError> {
        self.read(|tx| results_for(&mut Lite(tx), ids))
    }

    /// How many requests are pending and done, and how many persons are registered.
    pub fn counts(&mut self) -> Result<CentralCounts, QueueError> {
        self.read(|tx| counts(&mut Lite(tx)))
    }

    /// A registered person, if the IIN is in the registry.
    pub fn person(&mut self, iin: &Iin) -> Result<Option<PersonRecord>, QueueError> {
        self.read(|tx| person(&mut Lite(tx), iin))
    }

    /// A registered person's earlier versions, oldest first (the current one last).
    pub fn person_history(&mut self, iin: &Iin) -> Result<Vec<PersonRecord>, QueueError> {
        self.read(|tx| person_history(&mut Lite(tx), iin))
    }
}

/// The results of those of `ids` that have one.
pub(crate) fn results_for(tx: &mut dyn Sql, ids: &[Uuid]) -> Result<Pulled, QueueError> {
    let mut pulled = Pulled::default();
    for chunk in ids.chunks(IDS_PER_QUERY) {
        let keys: Vec<Val> = chunk.iter().map(|u| Val::Text(u.to_string())).collect();
        let rows = tx.query(
            &format!(
                "SELECT id, result_status, result_iin, result_ground, result_comment, decided_at,
                        decided_by
                 FROM requests WHERE state = 'done' AND id IN ({})",
                marks(1, chunk.len())
            ),
            &keys,
        )?;
        for row in rows {
            let Ok(id) = Uuid::parse_str(&row.text(0)?) else {
                continue;
            };
            let status = row.opt_text(1)?;
            let iin = row.opt_text(2)?;
            let ground = row.opt_text(3)?;
            let comment = row.text(4)?;
            let decided = row.opt_text(5)?;
            let decided_by = row.opt_text(6)?.unwrap_or_default();
            match ResultMessage::from_columns(
                id,
                status.as_deref().unwrap_or(""),
                iin.as_deref(),
                ground.as_deref(),
                &comment,
                decided.as_deref(),
            ) {
                Ok(r) => pulled.results.push(ResultMessage { decided_by, ..r }),
                Err(_) => pulled.damaged.push(id),
            }
        }
    }
    Ok(pulled)
}

/// How many requests are pending and done, and how many persons are registered.
pub(crate) fn counts(tx: &mut dyn Sql) -> Result<CentralCounts, QueueError> {
    let mut n = |sql: &str| -> Result<u64, QueueError> {
        let v = tx.query_opt(sql, &[])?.map(|r| r.int(0)).transpose()?;
        Ok(v.and_then(|v| u64::try_from(v).ok()).unwrap_or(0))
    };
    Ok(CentralCounts {
        pending: n("SELECT count(*) FROM requests WHERE state = 'pending'")?,
        needs_person: n(
            "SELECT count(*) FROM requests WHERE state = 'pending' AND needs_person = 1",
        )?,
        done: n("SELECT count(*) FROM requests WHERE state = 'done'")?,
        persons: n("SELECT count(*) FROM persons")?,
    })
}

/// A registered person's earlier versions, oldest first (the current one last).
pub(crate) fn person_history(tx: &mut dyn Sql, iin: &Iin) -> Result<Vec<PersonRecord>, QueueError> {
    let rows = tx.query(
        "SELECT version, identity FROM person_history WHERE iin = $1 ORDER BY version, seq",
        vals![iin.as_str()],
    )?;
    let mut out = Vec::new();
    for row in rows {
        let version = row.int(0)?;
        let identity: Identity = serde_json::from_str(&row.text(1)?)
            .map_err(|_| QueueError::Damaged(iin.to_string()))?;
        out.push(PersonRecord {
            iin: iin.clone(),
            identity,
            version,
        });
    }
    Ok(out)
}

/// Validates a stored or pushed form back into a request. The time check is waived
/// (`now` far in the future): the counter validated the request on its own clock.
pub(crate) fn parse_request(id: Uuid, form: &RequestForm) -> Result<Request, ProtocolError> {
    validate_record(form, id, NaiveDateTime::MAX)
        .map(|r| r.request)
        .map_err(|_| ProtocolError::BadData(id))
}

pub(crate) fn push_one(
    tx: &mut dyn Sql,
    m: &PushMessage,
    now: NaiveDateTime,
) -> Result<PushOutcome, QueueError> {
    // The hash is checked once, on the JSON that is then stored.
    let Ok(form) = m.verified_json() else {
        return Ok(PushOutcome::Damaged);
    };
    let Ok(request) = parse_request(m.id, &m.form) else {
        return Ok(PushOutcome::Damaged);
    };
    let id = m.id.to_string();
    let inserted = tx.execute(
        "INSERT INTO requests(id, content_hash, kind, station, submitted_at, due_at, pushed_at, form, state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') ON CONFLICT DO NOTHING",
        vals![
            &id,
            &m.content_hash,
            request.kind.key(),
            &m.station,
            format_ts(request.submitted_at),
            m.due_at.map(format_ts),
            format_ts(now),
            &form,
        ],
    )?;
    let actor = format!("station:{}", m.station);
    if inserted == 1 {
        audit(tx, now, &actor, "queue.push", Some(&id), "")?;
        if let Some(r) = &m.known_result {
            adopt_result(tx, &request, r, &actor, now)?;
        }
        return Ok(PushOutcome::Inserted);
    }
    let row = tx.query_opt(
        "SELECT content_hash, state FROM requests WHERE id = $1",
        vals![&id],
    )?;
    // On a server, another office's request with this id is there but not visible.
    let Some(row) = row else {
        audit(tx, now, &actor, "queue.conflict", Some(&id), "hidden")?;
        return Ok(PushOutcome::Conflict);
    };
    let (hash, state) = (row.text(0)?, row.text(1)?);
    if hash != m.content_hash {
        audit(tx, now, &actor, "queue.conflict", Some(&id), "hash")?;
        return Ok(PushOutcome::Conflict);
    }
    match (&m.known_result, state.as_str()) {
        (Some(r), "pending") => {
            adopt_result(tx, &request, r, &actor, now)?;
            Ok(PushOutcome::ResultAdopted)
        }
        _ => Ok(PushOutcome::AlreadyThere),
    }
}

/// Takes a result a counter already has into a (rebuilt) central file, with its effect
/// on the registry, so the request is never decided a second time.
pub(crate) fn adopt_result(
    tx: &mut dyn Sql,
    request: &Request,
    r: &ResultMessage,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let id = request.id.to_string();
    match r.status {
        ResultStatus::Formed => {
            if let Some(iin) = &r.iin {
                if person(&mut *tx, iin)?.is_none() {
                    register(tx, iin, &request.applicant.identity, &id, actor, now)?;
                }
            }
        }
        ResultStatus::Corrected => {
            if let Some(iin) = &r.iin {
                apply_correction(tx, iin, request, actor, now)?;
            }
        }
        ResultStatus::Refused => {}
    }
    write_result(tx, &id, r, actor, None)?;
    audit(
        tx,
        now,
        actor,
        "queue.result_adopted",
        Some(&id),
        &format!("status={}", r.status.key()),
    )
}

/// Writes a decision into the request's row and releases any claim.
pub(crate) fn write_result(
    tx: &mut dyn Sql,
    id: &str,
    r: &ResultMessage,
    decided_by: &str,
    override_reason: Option<&str>,
) -> Result<(), QueueError> {
    tx.execute(
        "UPDATE requests SET state = 'done', result_status = $2, result_iin = $3, result_ground = $4,
                result_comment = $5, decided_at = $6, decided_by = $7, override_reason = $8,
                claimed_by = NULL, claim_until = NULL
         WHERE id = $1",
        vals![
            id,
            r.status.key(),
            r.iin.as_ref().map(Iin::as_str),
            r.ground.map(|g| g.key()),
            &r.comment,
            format_ts(r.decided_at),
            decided_by,
            override_reason,
        ],
    )?;
    Ok(())
}

/// Appends an entry to the central audit log: ids and codes only.
pub(crate) fn audit(
    tx: &mut dyn Sql,
    at: NaiveDateTime,
    actor: &str,
    action: &str,
    request_id: Option<&str>,
    details: &str,
) -> Result<(), QueueError> {
    tx.execute(
        "INSERT INTO audit_log(at, actor, action, request_id, details) VALUES ($1, $2, $3, $4, $5)",
        vals![format_ts(at), actor, action, request_id, details],
    )?;
    Ok(())
}

/// A stored request row's form and its parsed request.
pub(crate) fn stored_request(
    tx: &mut dyn Sql,
    id: &str,
) -> Result<Option<(RequestForm, Request)>, QueueError> {
    let data = tx
        .query_opt("SELECT form FROM requests WHERE id = $1", vals![id])?
        .map(|r| r.text(0))
        .transpose()?;
    let Some(data) = data else {
        return Ok(None);
    };
    let damaged = || QueueError::Damaged(id.to_string());
    let uuid = Uuid::parse_str(id).map_err(|_| damaged())?;
    let form: RequestForm = serde_json::from_str(&data).map_err(|_| damaged())?;
    let request = parse_request(uuid, &form).map_err(|_| damaged())?;
    Ok(Some((form, request)))
}

/// Parses an optional stored timestamp.
pub(crate) fn ts_opt(text: Option<String>) -> Option<NaiveDateTime> {
    text.as_deref().and_then(parse_ts)
}
