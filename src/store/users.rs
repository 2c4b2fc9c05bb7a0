//! Staff accounts: argon2id password hashes, roles, activation.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, OptionalExtension};
use thiserror::Error;

use super::{audit, ts, Store, StoreError};
use crate::domain::account::Role;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;

/// A staff account (without its hash).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct User {
    /// Login.
    pub login: String,
    /// Full name, printed on documents as the clerk.
    pub full_name: String,
    /// Role.
    pub role: Role,
    /// Whether the account may log in.
    pub active: bool,
    /// Whether the password must be changed at the next login.
    pub must_change_password: bool,
}

/// An account to create.
#[derive(Debug, Clone, Copy)]
pub struct NewUser<'a> {
    /// Login.
    pub login: &'a str,
    /// Full name.
    pub full_name: &'a str,
    /// Role.
    pub role: Role,
    /// Password, already checked against the policy.
    pub password: &'a str,
    /// Whether it must be changed at the first login.
    pub must_change_password: bool,
}

/// Why a login failed. Deliberately says nothing about which part was wrong.
#[derive(Debug, Error)]
pub enum AuthError {
    /// Unknown login, wrong password or disabled account.
    #[error("wrong login or password, or the account is disabled")]
    Denied,
    /// Too many failed attempts: the account is locked until then.
    #[error("too many failed attempts: the account is locked until {until}")]
    LockedOut {
        /// The end of the lockout.
        until: chrono::NaiveDateTime,
    },
    /// No store in the data folder yet.
    #[error("not set up yet: create the administrator first")]
    NotSetUp,
    /// The store of the previous version is not encrypted; only an administrator's login
    /// encrypts it.
    #[error("the store is not encrypted yet: an administrator must log in first to encrypt it")]
    EncryptionNeedsAdministrator,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<super::VaultError> for AuthError {
    fn from(e: super::VaultError) -> Self {
        AuthError::Store(StoreError::Vault(e))
    }
}

impl AuthError {
    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AuthError::Denied => tr(lang, "auth-denied"),
            AuthError::LockedOut { until } => tr_args(
                lang,
                "auth-locked-out",
                &[("until", until.format("%d.%m.%Y %H:%M").to_string().into())],
            ),
            AuthError::NotSetUp => tr(lang, "auth-not-set-up"),
            AuthError::EncryptionNeedsAdministrator => {
                tr(lang, "auth-encryption-needs-administrator")
            }
            AuthError::Store(e) => e.message(lang),
        }
    }
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Corrupt {
            id: "password".into(),
            detail: e.to_string(),
        })
}

/// A hash of a random password, verified against for unknown logins so that a login
/// attempt takes as long whether or not the account exists.
fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

fn row_to_user(r: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    let role: String = r.get(2)?;
    Ok(User {
        login: r.get(0)?,
        full_name: r.get(1)?,
        // An unknown role (hand-edited row) gets the least privileged one.
        role: Role::from_key(&role).unwrap_or(Role::Clerk),
        active: r.get(3)?,
        must_change_password: r.get(4)?,
    })
}

impl Store {
    /// Creates an account; the password must already satisfy the policy.
    pub fn add_user(
        &mut self,
        new: &NewUser<'_>,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<User, StoreError> {
        let NewUser {
            login,
            full_name,
            role,
            password,
            must_change_password,
        } = *new;
        let hash = hash_password(password)?;
        self.write(|tx| {
            let exists: Option<String> = tx
                .query_row("SELECT login FROM users WHERE login = ?1", [login], |r| r.get(0))
                .optional()?;
            if exists.is_some() {
                return Err(StoreError::DuplicateUser(login.to_string()));
            }
            tx.execute(
                "INSERT INTO users(login, full_name, role, password_hash, active, must_change_password, created_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, ?6)",
                params![login, full_name, role.key(), hash, must_change_password, ts(now)],
            )?;
            audit::append(tx, now, actor, "user.add", None, &format!("login={login} role={}", role.key()))?;
            Ok(User {
                login: login.to_string(),
                full_name: full_name.to_string(),
                role,
                active: true,
                must_change_password,
            })
        })
        .and_then(|user| {
            self.seal_account_slot(login, password, actor, now)?;
            Ok(user)
        })
    }

    /// Seals the data key under `login`'s password (replacing its slot), and records it.
    fn seal_account_slot(
        &mut self,
        login: &str,
        password: &str,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        let sealed = self.with_key_file(|keys, key| {
            keys.clear_failures(login);
            keys.add_slot(
                super::SlotKind::Account,
                Some(login),
                password.as_bytes(),
                key,
                now,
            )
        })?;
        if sealed.is_some() {
            self.audit(now, actor, "key.slot.add", None, &format!("login={login}"))?;
        }
        Ok(())
    }

    /// All accounts, by login.
    pub fn users(&self) -> Result<Vec<User>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT login, full_name, role, active, must_change_password FROM users ORDER BY login",
        )?;
        let rows = stmt.query_map([], row_to_user)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One account.
    pub fn user(&self, login: &str) -> Result<Option<User>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT login, full_name, role, active, must_change_password FROM users WHERE login = ?1",
                [login],
                row_to_user,
            )
            .optional()?)
    }

    /// Whether an active administrator exists (else the program must be set up).
    pub fn has_active_admin(&self) -> Result<bool, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1",
            [],
            |r| r.get(0),
        )?;
        Ok(n > 0)
    }

    /// Enables or disables an account.
    pub fn set_user_active(
        &mut self,
        login: &str,
        active: bool,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        if !active {
            // The key slot goes first: a disabled account never opens the store again,
            // even if the database update below fails.
            let removed = self.with_key_file(|keys, _| {
                Ok(keys.remove_slots(super::SlotKind::Account, Some(login)))
            })?;
            if removed.is_some_and(|n| n > 0) {
                self.audit(
                    now,
                    actor,
                    "key.slot.remove",
                    None,
                    &format!("login={login}"),
                )?;
            }
        }
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE users SET active = ?2 WHERE login = ?1",
                params![login, active],
            )?;
            if n == 0 {
                return Err(StoreError::UserNotFound(login.to_string()));
            }
            let action = if active {
                "user.enable"
            } else {
                "user.disable"
            };
            audit::append(tx, now, actor, action, None, &format!("login={login}"))
        })
    }

    /// Sets a new password (already checked against the policy).
    pub fn set_password(
        &mut self,
        login: &str,
        password: &str,
        must_change_password: bool,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
        let hash = hash_password(password)?;
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE users SET password_hash = ?2, must_change_password = ?3, failed_logins = 0 WHERE login = ?1",
                params![login, hash, must_change_password],
            )?;
            if n == 0 {
                return Err(StoreError::UserNotFound(login.to_string()));
            }
            audit::append(tx, now, actor, "user.passwd", None, &format!("login={login}"))
        })?;
        self.seal_account_slot(login, password, actor, now)
    }

    /// Checks a login and password; records the attempt in the audit log.
    pub fn authenticate(
        &mut self,
        login: &str,
        password: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<User, AuthError> {
        let row: Option<(String, bool)> = self
            .conn
            .query_row(
                "SELECT password_hash, active FROM users WHERE login = ?1",
                [login],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(StoreError::from)?;
        // Verify even for unknown logins so that timing does not reveal which exist.
        let (hash, active) = row.unwrap_or_else(|| (dummy_hash().to_string(), false));
        let ok = verify_password(password, &hash) && active;
        self.write(|tx| {
            if ok {
                tx.execute(
                    "UPDATE users SET failed_logins = 0 WHERE login = ?1",
                    [login],
                )?;
                audit::append(tx, now, login, "login.ok", None, "")
            } else {
                tx.execute(
                    "UPDATE users SET failed_logins = failed_logins + 1 WHERE login = ?1",
                    [login],
                )?;
                audit::append(
                    tx,
                    now,
                    "system",
                    "login.failed",
                    None,
                    &format!("login={}", login.chars().take(32).collect::<String>()),
                )
            }
        })?;
        if !ok {
            return Err(AuthError::Denied);
        }
        self.user(login)?.ok_or(AuthError::Denied)
    }
}
