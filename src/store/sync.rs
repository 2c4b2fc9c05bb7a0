//! The counter's side of the round trip: what is waiting to be pushed, what waits for a
//! result, and the bookkeeping of the sync (station id, the central file last used).
//!
//! Every method is one transaction, so a sync killed at any moment leaves each request
//! either pushed and marked sent, or not marked and pushed again next time (the central
//! file ignores the second copy).

use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension};

use super::{audit, ts, Store, StoreError};
use crate::domain::form::RequestForm;
use crate::domain::request::{transition, Event, RequestKind, Status};

/// `sync_state` key: this installation's station id (a UUID, made on first use).
pub const SYNC_STATION_ID: &str = "station_id";
/// `sync_state` key: the id of the central file this installation last synced with.
pub const SYNC_CENTRAL_FILE_ID: &str = "central_file_id";
/// `sync_state` key: when the last sync round succeeded.
pub const SYNC_LAST_SUCCESS: &str = "last_success_at";
/// `sync_state` key: the last round's error text (English; for support), empty after a
/// success.
pub const SYNC_LAST_ERROR: &str = "last_error";

/// `sync_state` key prefix of a pending *due update*: a request whose due date a calendar
/// import changed, to be sent to the central queue (the value is the new due date).
pub(super) const DUE_UPDATE_PREFIX: &str = "due_update:";

/// A request to push: its id, status, form as stored and deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxItem {
    /// Id.
    pub id: String,
    /// Local status.
    pub status: Status,
    /// The form as stored (normalized).
    pub form: RequestForm,
    /// The service deadline.
    pub due_at: Option<String>,
}

/// The page cache of the store's connection during a sync round, in KiB (SQLite's
/// default is 2 MiB): the round reads the whole outbox and then marks it sent in
/// transactions of up to 10,000 requests, whose pages (the requests' rows, several
/// indexes, the audit log) would not fit the default cache and be written out and read
/// back (and decrypted) in the middle of the transaction.
const SYNC_PAGE_CACHE_KIB: i64 = 32_768;

/// How much the sync still has to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncCounts {
    /// Accepted (or sent elsewhere), not yet pushed from here.
    pub to_push: u64,
    /// Pushed, waiting for the back office's result.
    pub awaiting_result: u64,
}

impl Store {
    /// A value of the sync bookkeeping.
    pub fn sync_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Runs `f` (a sync round) with this connection's page cache at
    /// [`SYNC_PAGE_CACHE_KIB`] and puts the previous size back, which frees the pages
    /// beyond it, whatever `f` returned.
    pub fn with_sync_page_cache<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let previous: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(StoreError::from)?;
        self.conn
            .pragma_update(None, "cache_size", -SYNC_PAGE_CACHE_KIB)
            .map_err(StoreError::from)?;
        let out = f(self);
        let restored = self.conn.pragma_update(None, "cache_size", previous);
        let out = out?;
        restored.map_err(StoreError::from)?;
        Ok(out)
    }

    /// Sets a value of the sync bookkeeping (no audit entry: it records no decision).
    pub fn set_sync_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO sync_state(key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            Ok(())
        })
    }

    /// This installation's station id; `new_id` is stored and returned on first use.
    pub fn station_id(&mut self, new_id: &str) -> Result<String, StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO sync_state(key, value) VALUES (?1, ?2)",
                params![SYNC_STATION_ID, new_id],
            )?;
            Ok(tx.query_row(
                "SELECT value FROM sync_state WHERE key = ?1",
                [SYNC_STATION_ID],
                |r| r.get(0),
            )?)
        })
    }

    /// Requests to push, oldest first (never synthetic ones): accepted ones, and sent ones never pushed from
    /// here (imported as sent, or sent before the sync existed); with `everything`,
    /// every request that left the counter (all but drafts and refusals to accept), for
    /// a rebuild of the central file.
    pub fn outbox(&self, everything: bool, limit: u64) -> Result<Vec<OutboxItem>, StoreError> {
        // Synthetic requests (`demo-data`) never leave the counter.
        let which = if everything {
            "status NOT IN ('draft', 'refused_to_accept') AND synthetic = 0"
        } else {
            "(status = 'accepted' OR (status = 'sent' AND pushed_at IS NULL)) AND synthetic = 0"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, status, data, due_at FROM requests WHERE {which}
             ORDER BY submitted_at, id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([i64::try_from(limit).unwrap_or(i64::MAX)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, data, due_at) = row?;
            let corrupt = |detail: String| StoreError::Corrupt {
                id: id.clone(),
                detail,
            };
            out.push(OutboxItem {
                status: Status::from_key(&status)
                    .ok_or_else(|| corrupt(format!("unknown status {status}")))?,
                form: serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?,
                id,
                due_at,
            });
        }
        Ok(out)
    }

    /// Ids of the requests sent and waiting for a result (never synthetic ones).
    pub fn awaiting_results(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id FROM requests WHERE status = 'sent' AND synthetic = 0
             ORDER BY submitted_at, id",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many requests wait to be pushed and for a result (synthetic ones never do).
    pub fn sync_counts(&self) -> Result<SyncCounts, StoreError> {
        let (to_push, awaiting): (i64, i64) = self.conn.query_row(
            "SELECT coalesce(sum(status = 'accepted' OR (status = 'sent' AND pushed_at IS NULL)), 0),
                    coalesce(sum(status = 'sent' AND pushed_at IS NOT NULL), 0)
             FROM requests WHERE synthetic = 0",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok(SyncCounts {
            to_push: u64::try_from(to_push).unwrap_or(0),
            awaiting_result: u64::try_from(awaiting).unwrap_or(0),
        })
    }

    /// Records that the central file holds these requests (id, content hash): in one
    /// transaction, an accepted one becomes sent (through `transition`, with an audit
    /// entry) and each gets its push time and hash. Returns how many became sent.
    ///
    /// The statements are prepared once for the transaction, and the stored form's status
    /// is changed where it lies (`json_set`), without reading the form into the program.
    pub fn mark_pushed(
        &mut self,
        pushed: &[(String, String)],
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        let at = ts(now);
        self.write(|tx| {
            let mut select =
                tx.prepare_cached("SELECT status, kind FROM requests WHERE id = ?1")?;
            let mut send = tx.prepare_cached(
                "UPDATE requests SET status = ?2, data = json_set(data, '$.status', ?2),
                        updated_at = ?3, pushed_at = ?3, content_hash = ?4
                 WHERE id = ?1",
            )?;
            let mut mark = tx.prepare_cached(
                "UPDATE requests SET pushed_at = ?2, content_hash = ?3 WHERE id = ?1",
            )?;
            let mut sent = 0;
            for (id, hash) in pushed {
                let row: Option<(String, String)> = select
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?;
                let Some((status, kind)) = row else {
                    return Err(StoreError::RequestNotFound(id.clone()));
                };
                if status == Status::Accepted.key() {
                    let kind = RequestKind::from_key(&kind).ok_or_else(|| StoreError::Corrupt {
                        id: id.clone(),
                        detail: "unknown kind".into(),
                    })?;
                    let to = transition(kind, Status::Accepted, Event::Send)?;
                    send.execute(params![id, to.key(), at, hash])?;
                    audit::append_at(tx, &at, actor, "request.sent", Some(id), "queue")?;
                    sent += 1;
                } else {
                    mark.execute(params![id, at, hash])?;
                }
            }
            Ok(sent)
        })
    }

    /// The due dates a calendar import changed that the central queue has not yet
    /// confirmed, oldest request first (never synthetic ones): each with its form and
    /// the new due date in `due_at`.
    pub fn pending_due_updates(&self) -> Result<Vec<OutboxItem>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT r.id, r.status, r.data, s.value FROM sync_state s
             JOIN requests r ON r.id = substr(s.key, ?1)
             WHERE substr(s.key, 1, ?2) = ?3 AND r.synthetic = 0
             ORDER BY r.submitted_at, r.id",
        )?;
        let prefix_len = DUE_UPDATE_PREFIX.len() as i64;
        let rows = stmt.query_map(
            params![prefix_len + 1, prefix_len, DUE_UPDATE_PREFIX],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, status, data, due_at) = row?;
            let corrupt = |detail: String| StoreError::Corrupt {
                id: id.clone(),
                detail,
            };
            out.push(OutboxItem {
                status: Status::from_key(&status)
                    .ok_or_else(|| corrupt(format!("unknown status {status}")))?,
                form: serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?,
                id,
                due_at: Some(due_at),
            });
        }
        Ok(out)
    }

    /// Records that the central queue took these due updates (id, due date sent), in one
    /// transaction. An update whose due date changed again since it was read stays
    /// pending. Returns how many were done.
    pub fn mark_due_updates_sent(
        &mut self,
        sent: &[(String, String)],
    ) -> Result<usize, StoreError> {
        self.write(|tx| {
            let mut done = 0;
            let mut delete =
                tx.prepare_cached("DELETE FROM sync_state WHERE key = ?1 AND value = ?2")?;
            for (id, due) in sent {
                done += delete.execute(params![format!("{DUE_UPDATE_PREFIX}{id}"), due])?;
            }
            Ok(done)
        })
    }

    /// Fills in when the result of each decided request arrived relative to its
    /// deadline (`result_at`, `overdue`) where not yet done. Idempotent, so a sync
    /// killed between a result and this step repairs it on the next round.
    pub fn record_result_deadlines(&mut self) -> Result<usize, StoreError> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE requests
                 SET result_at = json_extract(data, '$.result.decided_at'),
                     overdue = CASE WHEN due_at IS NULL THEN 0
                                    ELSE json_extract(data, '$.result.decided_at') > due_at END
                 WHERE result_at IS NULL AND status IN ('formed', 'corrected', 'refused')
                   AND json_extract(data, '$.result.decided_at') IS NOT NULL
                   AND json_extract(data, '$.result.decided_at') <> ''",
                [],
            )?)
        })
    }

    /// Keeps the MIA operator who decided request `id`, as its result brought it (no
    /// audit entry: the result's arrival is audited where it is applied). A blank
    /// operator is not kept.
    pub fn set_decided_by(&mut self, id: &str, operator: &str) -> Result<(), StoreError> {
        let operator = operator.trim();
        if operator.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE requests SET decided_by = ?2 WHERE id = ?1",
                params![id, operator],
            )?;
            if n == 0 {
                return Err(StoreError::RequestNotFound(id.to_string()));
            }
            Ok(())
        })
    }

    /// The MIA operator who decided request `id`, when its result said so.
    pub fn decided_by(&self, id: &str) -> Result<Option<String>, StoreError> {
        let v: Option<Option<String>> = self
            .conn
            .query_row("SELECT decided_by FROM requests WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(v.flatten().filter(|s| !s.trim().is_empty()))
    }

    /// Whether a decided request's result came after its deadline (`None` while unknown).
    pub fn result_overdue(&self, id: &str) -> Result<Option<bool>, StoreError> {
        let v: Option<Option<i64>> = self
            .conn
            .query_row("SELECT overdue FROM requests WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(v.flatten().map(|o| o != 0))
    }
}
