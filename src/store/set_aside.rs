//! Requests the central queue rejected, set aside with their reason: the sync skips
//! them (so they never hold up the rest of the outbox), the clerk and the supervisor see
//! them, and a supervisor sends one again once its cause is fixed.
//!
//! They are kept in the sync bookkeeping (`sync_state`), one row per request under the
//! key `set_aside:ID` holding the reason and when it was set aside — no schema change,
//! and gone with nothing else when the request is sent again. Setting aside and sending
//! again are both in the audit log.

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{audit, ts, Store, StoreError, SyncCounts};

/// The `sync_state` key prefix of a set-aside request (the journal's set-aside filter
/// reads the same keys).
pub(super) const PREFIX: &str = "set_aside:";
/// Its length, for SQL's `substr`.
const PREFIX_LEN: i64 = PREFIX.len() as i64;

/// A request set aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// The request.
    pub id: String,
    /// Why, as the queue said it (see `crate::queue::reject::RejectReason::to_stored`).
    pub reason: String,
    /// When it was set aside.
    pub at: String,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    reason: String,
    at: String,
}

impl Store {
    /// Sets the request `id` aside with `reason` (audited as `request.set_aside`). Setting
    /// it aside again keeps the first time and takes the new reason.
    pub fn set_aside(
        &mut self,
        id: &str,
        reason: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let key = format!("{PREFIX}{id}");
        self.write(|tx| {
            let exists: bool = tx
                .query_row("SELECT 1 FROM requests WHERE id = ?1", [id], |_| Ok(true))
                .optional()?
                .unwrap_or(false);
            if !exists {
                return Err(StoreError::RequestNotFound(id.to_string()));
            }
            let earlier: Option<String> = tx
                .query_row("SELECT value FROM sync_state WHERE key = ?1", [&key], |r| {
                    r.get(0)
                })
                .optional()?;
            let at = earlier
                .and_then(|v| serde_json::from_str::<Stored>(&v).ok())
                .map_or_else(|| ts(now), |s| s.at);
            let value = serde_json::to_string(&Stored {
                reason: reason.to_string(),
                at,
            })
            .map_err(|e| StoreError::Corrupt {
                id: id.to_string(),
                detail: e.to_string(),
            })?;
            tx.execute(
                "INSERT INTO sync_state(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            audit::append(tx, now, actor, "request.set_aside", Some(id), reason)
        })
    }

    /// The requests set aside, oldest first.
    pub fn set_aside_requests(&self) -> Result<Vec<SetAside>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT substr(key, ?2), value FROM sync_state WHERE substr(key, 1, ?1) = ?3",
        )?;
        let rows = stmt.query_map(params![PREFIX_LEN, PREFIX_LEN + 1, PREFIX], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, value) = row?;
            let stored: Stored = serde_json::from_str(&value).map_err(|e| StoreError::Corrupt {
                id: id.clone(),
                detail: e.to_string(),
            })?;
            out.push(SetAside {
                id,
                reason: stored.reason,
                at: stored.at,
            });
        }
        out.sort_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)));
        Ok(out)
    }

    /// The request `id`'s entry, if it is set aside.
    pub fn set_aside_entry(&self, id: &str) -> Result<Option<SetAside>, StoreError> {
        Ok(self.set_aside_requests()?.into_iter().find(|s| s.id == id))
    }

    /// Puts a set-aside request back into the outbox (audited as
    /// `request.set_aside_retry`): the next round sends it again. Returns whether it was
    /// set aside.
    pub fn retry_set_aside(
        &mut self,
        id: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        let key = format!("{PREFIX}{id}");
        self.write(|tx| {
            let removed = tx.execute("DELETE FROM sync_state WHERE key = ?1", [&key])?;
            if removed == 0 {
                return Ok(false);
            }
            audit::append(tx, now, actor, "request.set_aside_retry", Some(id), "")?;
            Ok(true)
        })
    }

    /// [`Store::sync_counts`] without the requests set aside: what the sync will still
    /// send, and what waits for a result.
    pub fn sync_counts_net(&self) -> Result<SyncCounts, StoreError> {
        let mut counts = self.sync_counts()?;
        let aside: i64 = self.conn.query_row(
            "SELECT count(*) FROM sync_state s JOIN requests r ON r.id = substr(s.key, ?2)
             WHERE substr(s.key, 1, ?1) = ?3 AND r.synthetic = 0
               AND (r.status = 'accepted' OR (r.status = 'sent' AND r.pushed_at IS NULL))",
            params![PREFIX_LEN, PREFIX_LEN + 1, PREFIX],
            |r| r.get(0),
        )?;
        counts.to_push = counts
            .to_push
            .saturating_sub(u64::try_from(aside).unwrap_or(0));
        Ok(counts)
    }
}
