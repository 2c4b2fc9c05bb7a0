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

/// Setting: the office's key of the central queue file (hex), kept in the encrypted store.
pub const QUEUE_KEY_SETTING: &str = "queue.key";

impl Store {
    /// This installation's key of the central queue file, if it has one.
    pub fn queue_key(&self) -> Result<Option<super::SecretKey>, StoreError> {
        match self.setting(QUEUE_KEY_SETTING)? {
            None => Ok(None),
            Some(text) if text.trim().is_empty() => Ok(None),
            Some(text) => Ok(Some(super::SecretKey::parse(&text)?)),
        }
    }

    /// This installation's queue key, made now (and recorded as `key.queue.create`) when it
    /// has none: what the administrator exports to the office's other PCs.
    pub fn queue_key_or_new(
        &mut self,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<super::SecretKey, StoreError> {
        if let Some(key) = self.queue_key()? {
            return Ok(key);
        }
        let key = super::SecretKey::random();
        self.set_queue_key(&key, "key.queue.create", actor, now)?;
        Ok(key)
    }

    /// Keeps the key of the central queue file; `action` names the key operation in the
    /// audit log (`key.queue.create`, `key.queue.import`). The key itself is never logged.
    pub fn set_queue_key(
        &mut self,
        key: &super::SecretKey,
        action: &str,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        if !self.is_encrypted() && self.path().is_some() {
            return Err(StoreError::NotEncrypted);
        }
        let text = key.to_text();
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![QUEUE_KEY_SETTING, text.as_str()],
            )?;
            audit::append(tx, now, actor, action, None, "")
        })
    }
}

/// Setting: the password of this installation's login on the queue server, kept sealed
/// in the encrypted store (never in the configuration file, the command line or the
/// event log). Used when neither `PGPASSWORD` nor the password file has one.
pub const SERVER_PASSWORD_SETTING: &str = "queue.server_password";

impl Store {
    /// The sealed password of the queue server login, if one is kept.
    pub fn server_password(&self) -> Result<Option<zeroize::Zeroizing<String>>, StoreError> {
        Ok(self
            .setting(SERVER_PASSWORD_SETTING)?
            .filter(|p| !p.is_empty())
            .map(zeroize::Zeroizing::new))
    }

    /// Keeps the queue server login's password sealed in the store (an empty one
    /// removes it). Refused by a store that is not encrypted. The audit entry
    /// (`queue.server_password.set` or `.clear`) never holds the password.
    pub fn set_server_password(
        &mut self,
        password: &str,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        if !self.is_encrypted() && self.path().is_some() {
            return Err(StoreError::NotEncrypted);
        }
        self.write(|tx| {
            if password.is_empty() {
                tx.execute(
                    "DELETE FROM settings WHERE key = ?1",
                    [SERVER_PASSWORD_SETTING],
                )?;
                return audit::append(tx, now, actor, "queue.server_password.clear", None, "");
            }
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![SERVER_PASSWORD_SETTING, password],
            )?;
            audit::append(tx, now, actor, "queue.server_password.set", None, "")
        })
    }
}
