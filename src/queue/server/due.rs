//! The server's side of due updates ([`crate::queue::due_updates`]): one call of the
//! schema's `update_due` function per batch (one round trip), which changes only the
//! caller's own office's requests that still wait for a decision.

use chrono::NaiveDateTime;

use super::{pg_error, schema, PgQueue};
use crate::queue::due_updates::DueUpdate;
use crate::queue::protocol::format_ts;
use crate::queue::QueueError;

impl PgQueue {
    /// [`crate::queue::Queue::update_due`] on the server: per update, whether the due
    /// date changed.
    pub(crate) fn update_due(
        &mut self,
        updates: &[DueUpdate],
        station: &str,
        now: NaiveDateTime,
    ) -> Result<Vec<bool>, QueueError> {
        self.reconnect_if_closed()?;
        let url = self.url.clone();
        let stmt = match self.statements.get(schema::UPDATE_DUE) {
            Some(s) => s.clone(),
            None => {
                self.round_trips += 1;
                let s = self
                    .client
                    .prepare(schema::UPDATE_DUE)
                    .map_err(|e| pg_error(&url, &e))?;
                self.statements
                    .insert(schema::UPDATE_DUE.to_string(), s.clone());
                s
            }
        };
        let ids: Vec<String> = updates.iter().map(|u| u.id.to_string()).collect();
        let hashes: Vec<&str> = updates.iter().map(|u| u.content_hash.as_str()).collect();
        let dues: Vec<String> = updates.iter().map(|u| format_ts(u.due_at)).collect();
        let now = format_ts(now);
        self.round_trips += 1;
        let rows = self
            .client
            .query(&stmt, &[&ids, &hashes, &dues, &now, &station])
            .map_err(|e| pg_error(&url, &e))?;
        let mut changed = std::collections::HashMap::with_capacity(rows.len());
        for row in rows {
            let id: String = row.try_get(0).map_err(|e| pg_error(&url, &e))?;
            let updated: bool = row.try_get(1).map_err(|e| pg_error(&url, &e))?;
            changed.insert(id, updated);
        }
        Ok(ids
            .iter()
            .map(|id| changed.get(id).copied().unwrap_or(false))
            .collect())
    }
}
