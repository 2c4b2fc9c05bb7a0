//! The append-only audit log: who did what, when, to which request.
//!
//! Details hold ids, codes and counts only — never names, IINs or document numbers.

use rusqlite::params;

use super::{ts, Store, StoreError};

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    /// Sequence number (increasing).
    pub seq: i64,
    /// When (local time).
    pub at: String,
    /// The staff login, or `system`.
    pub actor: String,
    /// What, as a code (`request.accept`, `user.add`, …).
    pub action: String,
    /// The request concerned, if any.
    pub request_id: Option<String>,
    /// Codes and counts.
    pub details: String,
}

/// Which entries to read.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Only this request's.
    pub request_id: Option<String>,
    /// At most this many, newest last.
    pub limit: Option<u32>,
}

/// Appends one entry inside the caller's transaction.
pub(crate) fn append(
    tx: &rusqlite::Transaction<'_>,
    at: chrono::NaiveDateTime,
    actor: &str,
    action: &str,
    request_id: Option<&str>,
    details: &str,
) -> Result<(), StoreError> {
    append_at(tx, &ts(at), actor, action, request_id, details)
}

/// Appends one entry with a timestamp already formatted (events recorded while the
/// store was closed).
pub(crate) fn append_at(
    tx: &rusqlite::Transaction<'_>,
    at: &str,
    actor: &str,
    action: &str,
    request_id: Option<&str>,
    details: &str,
) -> Result<(), StoreError> {
    // Prepared once per connection: a sync appends one entry per request.
    tx.prepare_cached(
        "INSERT INTO audit_log(at, actor, action, request_id, details) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![at, actor, action, request_id, details])?;
    Ok(())
}

impl Store {
    /// Records an action that changes nothing else (a printout, a login).
    pub fn audit(
        &mut self,
        at: chrono::NaiveDateTime,
        actor: &str,
        action: &str,
        request_id: Option<&str>,
        details: &str,
    ) -> Result<(), StoreError> {
        self.write(|tx| append(tx, at, actor, action, request_id, details))
    }

    /// Reads the audit log, oldest first.
    pub fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let limit = query.limit.map_or(-1, i64::from);
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, request_id, details FROM (
                 SELECT * FROM audit_log WHERE (?1 IS NULL OR request_id = ?1)
                 ORDER BY seq DESC LIMIT ?2
             ) ORDER BY seq",
        )?;
        let rows = stmt.query_map(params![query.request_id, limit], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                action: r.get(3)?,
                request_id: r.get(4)?,
                details: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}
