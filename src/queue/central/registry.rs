//! The registry of persons in the central file: registration, corrections as new
//! versions with an append-only history, the name index for duplicates, and the IINs
//! ever issued or named.

use std::collections::HashSet;

use chrono::NaiveDateTime;

use crate::domain::dedup::{self, Match};
use crate::domain::identity::Identity;
use crate::domain::iin::Iin;
use crate::domain::request::Request;
use crate::queue::protocol::{format_ts, PersonRecord};
use crate::queue::server::{self, schema::name_key};
use crate::queue::sql::{vals, Sql};
use crate::queue::QueueError;

/// A registered person.
pub(crate) fn person(tx: &mut dyn Sql, iin: &Iin) -> Result<Option<PersonRecord>, QueueError> {
    let row = tx.query_opt(
        "SELECT identity, version FROM persons WHERE iin = $1",
        vals![iin.as_str()],
    )?;
    let row = match row {
        Some(r) => Some((r.text(0)?, r.int(1)?)),
        None => None,
    };
    row.map(|(data, version)| {
        serde_json::from_str(&data)
            .map(|identity| PersonRecord {
                iin: iin.clone(),
                identity,
                version,
            })
            .map_err(|_| QueueError::Damaged(iin.to_string()))
    })
    .transpose()
}

/// Whether the IIN was ever issued or named here (registered, or a correction's).
pub(crate) fn is_known_iin(tx: &mut dyn Sql, iin: &Iin) -> Result<bool, QueueError> {
    Ok(tx
        .query_opt(
            "SELECT 1 FROM known_iins WHERE iin = $1 UNION ALL SELECT 1 FROM persons WHERE iin = $1 LIMIT 1",
            vals![iin.as_str()],
        )?
        .is_some())
}

/// Remembers an IIN so that it is never generated again.
pub(crate) fn remember_iin(tx: &mut dyn Sql, iin: &Iin, source: &str) -> Result<(), QueueError> {
    tx.execute(
        "INSERT INTO known_iins(iin, source) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        vals![iin.as_str(), source],
    )?;
    Ok(())
}

fn doc_number(identity: &Identity) -> Option<String> {
    identity
        .document
        .as_ref()
        .map(|d| d.number.trim().to_ascii_uppercase())
}

fn index_person(tx: &mut dyn Sql, iin: &Iin, identity: &Identity) -> Result<(), QueueError> {
    if tx.on_server() {
        // The server finds names by its trigram index over this key.
        tx.execute(
            "UPDATE persons SET name_key = $2 WHERE iin = $1",
            vals![iin.as_str(), name_key(identity)],
        )?;
        return Ok(());
    }
    tx.execute(
        "DELETE FROM person_tokens WHERE iin = $1",
        vals![iin.as_str()],
    )?;
    for token in dedup::blocking_tokens(identity) {
        tx.execute(
            "INSERT INTO person_tokens(token, iin) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            vals![token, iin.as_str()],
        )?;
    }
    Ok(())
}

fn history(
    tx: &mut dyn Sql,
    iin: &Iin,
    version: i64,
    data: &str,
    request_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    tx.execute(
        "INSERT INTO person_history(iin, version, identity, request_id, changed_at, changed_by)
         VALUES ($1, $2, $3, $4, $5, $6)",
        vals![
            iin.as_str(),
            version,
            data,
            request_id,
            format_ts(now),
            actor
        ],
    )?;
    Ok(())
}

/// Registers a person under `iin` (version 1), with history and index.
pub(crate) fn register(
    tx: &mut dyn Sql,
    iin: &Iin,
    identity: &Identity,
    request_id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let data =
        serde_json::to_string(identity).map_err(|_| QueueError::Damaged(request_id.to_string()))?;
    tx.execute(
        "INSERT INTO persons(iin, birth_date, doc_number, identity, version, request_id, registered_at, updated_at)
         VALUES ($1, $2, $3, $4, 1, $5, $6, $6)",
        vals![
            iin.as_str(),
            identity.birth_date.to_string(),
            doc_number(identity),
            &data,
            request_id,
            format_ts(now),
        ],
    )?;
    index_person(tx, iin, identity)?;
    history(tx, iin, 1, &data, request_id, actor, now)?;
    remember_iin(tx, iin, "registered")
}

/// Applies a correction request to the registered person `iin`: the request's changes
/// on top of the registered data, as a new version (the old ones stay in the history).
/// A person not in the registry is registered with the corrected data. Applying the
/// same correction twice changes nothing the second time.
pub(crate) fn apply_correction(
    tx: &mut dyn Sql,
    iin: &Iin,
    request: &Request,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    let request_id = request.id.to_string();
    remember_iin(tx, iin, "correction")?;
    let Some(current) = person(&mut *tx, iin)? else {
        return register(tx, iin, &request.identity_after(), &request_id, actor, now);
    };
    let mut on_registry = request.clone();
    on_registry.applicant.identity = current.identity.clone();
    let corrected = on_registry.identity_after();
    if corrected == current.identity {
        return Ok(());
    }
    let version = current.version + 1;
    let data =
        serde_json::to_string(&corrected).map_err(|_| QueueError::Damaged(request_id.clone()))?;
    tx.execute(
        "UPDATE persons SET birth_date = $2, doc_number = $3, identity = $4, version = $5,
                request_id = $6, updated_at = $7 WHERE iin = $1",
        vals![
            iin.as_str(),
            corrected.birth_date.to_string(),
            doc_number(&corrected),
            &data,
            version,
            &request_id,
            format_ts(now),
        ],
    )?;
    index_person(tx, iin, &corrected)?;
    history(tx, iin, version, &data, &request_id, actor, now)
}

/// Registered persons who may be the person `identity` describes, best first, scored by
/// [`dedup::compare`] and kept from [`dedup::CANDIDATE_SCORE`] on. Fetched are those
/// with the same birth date or document number and, in the file, those sharing a name
/// skeleton; on a server, by its indexes: see [`crate::queue::server::candidates`].
pub(crate) fn candidates(
    tx: &mut dyn Sql,
    identity: &Identity,
) -> Result<Vec<(PersonRecord, Match)>, QueueError> {
    let mut found = if tx.on_server() {
        let sql = server::candidates::sql();
        let rows = tx.query(&sql, &server::candidates::params(identity))?;
        let mut persons = Vec::with_capacity(rows.len());
        for r in rows {
            let iin = r.text(0)?;
            let Ok(parsed) = Iin::parse(&iin) else {
                continue;
            };
            let identity =
                serde_json::from_str(&r.text(1)?).map_err(|_| QueueError::Damaged(iin.clone()))?;
            persons.push(PersonRecord {
                iin: parsed,
                identity,
                version: r.int(2)?,
            });
        }
        persons
    } else {
        file_candidates(tx, identity)?
    };
    let mut out: Vec<(PersonRecord, Match)> = found
        .drain(..)
        .filter_map(|p| {
            let m = dedup::compare(identity, &p.identity);
            m.is_candidate().then_some((p, m))
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.score
            .cmp(&a.1.score)
            .then_with(|| a.0.iin.cmp(&b.0.iin))
    });
    Ok(out)
}

/// The file's candidates before scoring: the same birth date, document number or a
/// shared name skeleton.
fn file_candidates(tx: &mut dyn Sql, identity: &Identity) -> Result<Vec<PersonRecord>, QueueError> {
    let mut iins: HashSet<String> = HashSet::new();
    let birth = identity.birth_date.to_string();
    for r in tx.query(
        "SELECT iin FROM persons WHERE birth_date = $1",
        vals![birth],
    )? {
        iins.insert(r.text(0)?);
    }
    if let Some(doc) = doc_number(identity).filter(|d| !d.is_empty()) {
        for r in tx.query("SELECT iin FROM persons WHERE doc_number = $1", vals![doc])? {
            iins.insert(r.text(0)?);
        }
    }
    for token in dedup::blocking_tokens(identity) {
        for r in tx.query(
            "SELECT iin FROM person_tokens WHERE token = $1",
            vals![token],
        )? {
            iins.insert(r.text(0)?);
        }
    }
    let mut out = Vec::new();
    for text in iins {
        let Ok(iin) = Iin::parse(&text) else {
            continue;
        };
        if let Some(p) = person(tx, &iin)? {
            out.push(p);
        }
    }
    Ok(out)
}
