//! Key–value settings kept in the store (UI language, office, counter, paths).

use rusqlite::{params, OptionalExtension};

use super::{audit, Store, StoreError};

impl Store {
    /// A setting's value, if set.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Sets a setting, with an audit entry.
    pub fn set_setting(
        &mut self,
        key: &str,
        value: &str,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )?;
            audit::append(tx, now, actor, "settings.set", None, key)
        })
    }
}
