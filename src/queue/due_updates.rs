//! Due dates that change after a request was sent: a calendar import (a new holiday, a
//! moved working day) recomputes the due date of every open request in the local store,
//! which keeps each change as a pending *due update*
//! ([`crate::store::Store::pending_due_updates`]). The sync round sends them here, after
//! the push, so the back office's listing shows the new due date and flags a request
//! overdue neither too early nor too late.
//!
//! The central queue takes an update only for a request that is still waiting for a
//! decision (pending or claimed), has the same content hash (the same request, not
//! another with its id) and, on a server, belongs to the caller's own office (a
//! `SECURITY DEFINER` function, [`crate::queue::server::schema`], so a counter's login
//! needs no right to update rows). An update is marked done locally only after the
//! central transaction committed: a connection fault keeps it pending for the next
//! round. Sending twice has the effect of sending once.

use chrono::NaiveDateTime;
use serde::Serialize;
use uuid::Uuid;

use super::central::audit;
use super::location::Queue;
use super::protocol::{content_hash, format_ts, parse_ts};
use super::sql::{vals, Sql};
use super::QueueError;
use crate::store::Store;

/// A new due date for a request in the central queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueUpdate {
    /// The request.
    pub id: Uuid,
    /// Its content hash as pushed: the update applies to this request only.
    pub content_hash: String,
    /// The new due date.
    pub due_at: NaiveDateTime,
}

/// The due updates of a sync round, for its report (`iin-desk sync --json`): how many
/// the round sent (the central queue committed them; each is done locally) and how many
/// the store still has to send.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DueCounts {
    /// Sent in the round.
    pub sent: usize,
    /// Still pending after it.
    pub pending: usize,
}

impl DueCounts {
    /// How many due updates the store has yet to send.
    pub fn pending_in(store: &Store) -> Result<usize, QueueError> {
        Ok(store.pending_due_updates()?.len())
    }

    /// The counts of a round that started with `pending_before` updates pending: what
    /// left the store's pending list was sent (a round marks an update done only once the
    /// central queue committed it; an update changed again meanwhile stays pending).
    pub fn after_round(pending_before: usize, store: &Store) -> Result<DueCounts, QueueError> {
        let pending = DueCounts::pending_in(store)?;
        Ok(DueCounts {
            sent: pending_before.saturating_sub(pending),
            pending,
        })
    }
}

impl Queue {
    /// Sets the due dates of `updates` in one transaction (on a server, one statement:
    /// one round trip), for requests still waiting for a decision whose content hash
    /// matches (and, on a server, of the caller's own office); audited per request as
    /// `queue.due` for `station`. Returns, per update, whether the central due date
    /// changed (`false`: already so, decided, not there, or not this office's).
    pub fn update_due(
        &mut self,
        updates: &[DueUpdate],
        station: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<bool>, QueueError> {
        if updates.is_empty() {
            return Ok(Vec::new());
        }
        if let Queue::Server(p) = self {
            return p.update_due(updates, station, now);
        }
        self.write(|tx| {
            updates
                .iter()
                .map(|u| update_one(tx, u, station, now))
                .collect()
        })
    }
}

/// One due update in the file's transaction.
fn update_one(
    tx: &mut dyn Sql,
    u: &DueUpdate,
    station: &str,
    now: NaiveDateTime,
) -> Result<bool, QueueError> {
    let id = u.id.to_string();
    let new_due = format_ts(u.due_at);
    let Some(row) = tx.query_opt(
        "SELECT due_at FROM requests WHERE id = $1 AND content_hash = $2 AND state = 'pending'",
        vals![&id, &u.content_hash],
    )?
    else {
        return Ok(false);
    };
    let old = row.opt_text(0)?;
    if old.as_deref() == Some(new_due.as_str()) {
        return Ok(false);
    }
    tx.execute(
        "UPDATE requests SET due_at = $2 WHERE id = $1",
        vals![&id, &new_due],
    )?;
    let details = format!("due={}->{new_due}", old.unwrap_or_default());
    audit(
        tx,
        now,
        &format!("station:{station}"),
        "queue.due",
        Some(&id),
        &details,
    )?;
    Ok(true)
}

/// Sends the store's pending due updates in batches of `batch_size` (one central
/// transaction, on a server one round trip, each) and marks each batch done once the
/// central committed it. Returns how many were done. An error leaves the rest pending.
pub(crate) fn send_pending(
    store: &mut Store,
    central: &mut Queue,
    station: &str,
    batch_size: usize,
    clock: &dyn Fn() -> NaiveDateTime,
) -> Result<usize, QueueError> {
    let pending = store.pending_due_updates()?;
    let mut done = 0;
    for chunk in pending.chunks(batch_size.max(1)) {
        let mut updates = Vec::with_capacity(chunk.len());
        let mut sent = Vec::with_capacity(chunk.len());
        for item in chunk {
            let Some(due_text) = item.due_at.clone() else {
                continue;
            };
            match (Uuid::parse_str(&item.id), parse_ts(&due_text)) {
                (Ok(id), Some(due_at)) => updates.push(DueUpdate {
                    id,
                    content_hash: content_hash(&item.form),
                    due_at,
                }),
                // A row edited by hand: nothing the central queue could take.
                _ => log::warn!("sync: the due update of request {} is dropped", item.id),
            }
            sent.push((item.id.clone(), due_text));
        }
        let changed = central.update_due(&updates, station, clock())?;
        let n = changed.iter().filter(|c| **c).count();
        if n > 0 {
            log::info!("sync: {n} due date(s) updated in the central queue");
        }
        done += store.mark_due_updates_sent(&sent)?;
    }
    Ok(done)
}
