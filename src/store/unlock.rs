//! Opening the store of a data folder: set-up, unlocking with an account's password, the
//! recovery key or the machine key, and the in-place encryption of a plaintext store left
//! by the previous version.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;
use rusqlite::Connection;

use super::vault::{KeyFile, LockoutPolicy, PendingEvent, SecretKey, SlotKind, VaultError};
use super::{apply_key, audit, ts, AuthError, NewUser, Store, StoreError, User, DB_FILE_NAME};
use crate::domain::account::Role;
use crate::sqlite_file::is_plaintext;

/// The audit actor of a scheduled sync unlocked with the machine key.
pub const MACHINE_ACTOR: &str = "machine";

/// What the data folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreState {
    /// Nothing yet: the program must be set up.
    New,
    /// An unencrypted database of the previous version: an administrator's login
    /// encrypts it in place.
    Plaintext,
    /// An encrypted database and its key file.
    Encrypted,
}

/// A store opened by a staff login.
#[derive(Debug)]
pub struct Unlocked {
    /// The open store.
    pub store: Store,
    /// Who logged in.
    pub user: User,
    /// When this login encrypted a plaintext store: the new recovery key, to show once.
    pub recovery_key: Option<SecretKey>,
}

fn key_file_missing(path: PathBuf) -> StoreError {
    StoreError::Vault(VaultError::Missing { path })
}

impl Store {
    /// What the data folder holds.
    pub fn state_in(data_dir: &Path) -> Result<StoreState, StoreError> {
        let db = Store::db_path(data_dir);
        let keys = KeyFile::path_for(&db);
        let size = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);
        if size > 0 && is_plaintext(&db) {
            // Also after an interrupted encryption: the plaintext file is still the store.
            return Ok(StoreState::Plaintext);
        }
        if keys.exists() {
            return Ok(StoreState::Encrypted);
        }
        if size > 0 {
            // Damaged, or encrypted with its key file lost: either way unreadable.
            return Err(StoreError::NoKeyFile { path: db, keys });
        }
        Ok(StoreState::New)
    }

    /// Sets up a new encrypted store in `data_dir` with its first administrator. Returns
    /// the store and the recovery key, to be shown once.
    pub fn create_in(
        data_dir: &Path,
        admin: &NewUser<'_>,
        now: NaiveDateTime,
    ) -> Result<(Store, SecretKey), StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|source| StoreError::Io {
            path: data_dir.to_path_buf(),
            source,
        })?;
        if Store::state_in(data_dir)? != StoreState::New {
            return Err(StoreError::AlreadySetUp);
        }
        let db = Store::db_path(data_dir);
        let result = (|| {
            let key = SecretKey::random();
            let recovery = SecretKey::random();
            let mut keys = KeyFile::new(&KeyFile::path_for(&db));
            keys.add_slot(SlotKind::Recovery, None, recovery.bytes(), &key, now)?;
            keys.save()?;
            let mut store = Store::open_encrypted(&db, &key)?;
            store.audit(now, "system", "key.store.create", None, "")?;
            store.audit(now, "system", "key.recovery.create", None, "")?;
            store.add_user(admin, "system", now)?;
            Ok((store, recovery))
        })();
        if result.is_err() {
            // Nothing half made stays behind: the next set-up starts clean.
            for f in [db.clone(), KeyFile::path_for(&db)] {
                let _ = std::fs::remove_file(f);
            }
            for suffix in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(with_suffix(&db, suffix));
            }
        }
        result
    }

    /// Opens the store of `data_dir` as `login`. On an encrypted store the password opens
    /// the account's key slot (failures count towards the lockout); on a plaintext store an
    /// administrator's login first encrypts it in place.
    pub fn unlock_in(
        data_dir: &Path,
        login: &str,
        password: &str,
        now: NaiveDateTime,
    ) -> Result<Unlocked, AuthError> {
        let db = Store::db_path(data_dir);
        match Store::state_in(data_dir)? {
            StoreState::New => Err(AuthError::NotSetUp),
            StoreState::Plaintext => {
                let mut plain = Store::open_plaintext(&db)?;
                let user = plain.authenticate(login, password, now)?;
                if user.role != Role::Administrator {
                    return Err(AuthError::EncryptionNeedsAdministrator);
                }
                let (store, recovery_key) = encrypt_in_place(plain, &db, &user, password, now)?;
                Ok(Unlocked {
                    store,
                    user,
                    recovery_key: Some(recovery_key),
                })
            }
            StoreState::Encrypted => {
                let keys_path = KeyFile::path_for(&db);
                let mut keys =
                    KeyFile::load(&keys_path)?.ok_or_else(|| key_file_missing(keys_path))?;
                if let Some(until) = keys.locked_until(login, now) {
                    keys.record_refused(login, now);
                    keys.save()?;
                    return Err(AuthError::LockedOut { until });
                }
                let key = match keys.open(SlotKind::Account, Some(login), password.as_bytes()) {
                    Ok(k) => k,
                    Err(VaultError::WrongSecret) => {
                        let locked = keys.record_failure(login, now);
                        keys.save()?;
                        return Err(match locked {
                            Some(until) => AuthError::LockedOut { until },
                            None => AuthError::Denied,
                        });
                    }
                    Err(e) => return Err(StoreError::from(e).into()),
                };
                let mut store = Store::open_encrypted(&db, &key)?;
                store.flush_pending(&mut keys, login)?;
                let user = store.authenticate(login, password, now)?;
                remove_plaintext_backups(&db);
                Ok(Unlocked {
                    store,
                    user,
                    recovery_key: None,
                })
            }
        }
    }

    /// Opens the store with the recovery key (an administrator who lost every password).
    pub fn unlock_with_recovery_in(
        data_dir: &Path,
        recovery: &SecretKey,
        now: NaiveDateTime,
    ) -> Result<Store, AuthError> {
        Store::unlock_with_secret(data_dir, SlotKind::Recovery, recovery, "recovery", now)
    }

    /// Opens the store with the machine key (the scheduled `iin-desk sync`).
    pub fn unlock_with_machine_key_in(
        data_dir: &Path,
        machine: &SecretKey,
        now: NaiveDateTime,
    ) -> Result<Store, AuthError> {
        Store::unlock_with_secret(data_dir, SlotKind::Machine, machine, MACHINE_ACTOR, now)
    }

    fn unlock_with_secret(
        data_dir: &Path,
        kind: SlotKind,
        secret: &SecretKey,
        who: &str,
        now: NaiveDateTime,
    ) -> Result<Store, AuthError> {
        let db = Store::db_path(data_dir);
        if Store::state_in(data_dir)? != StoreState::Encrypted {
            return Err(AuthError::NotSetUp);
        }
        let keys_path = KeyFile::path_for(&db);
        let mut keys = KeyFile::load(&keys_path)?.ok_or_else(|| key_file_missing(keys_path))?;
        let key = match keys.open(kind, None, secret.bytes()) {
            Ok(k) => k,
            Err(VaultError::WrongSecret) => {
                keys.push_pending(PendingEvent {
                    at: ts(now),
                    actor: "system".into(),
                    action: format!("login.{who}.failed"),
                    details: String::new(),
                });
                keys.save()?;
                return Err(AuthError::Denied);
            }
            Err(e) => return Err(StoreError::from(e).into()),
        };
        let mut store = Store::open_encrypted(&db, &key)?;
        store.flush_pending(&mut keys, "")?;
        store.audit(now, who, &format!("login.{who}"), None, "")?;
        Ok(store)
    }

    /// Writes the audit events recorded while the store was closed, and clears the failed
    /// attempts of `login`.
    fn flush_pending(&mut self, keys: &mut KeyFile, login: &str) -> Result<(), StoreError> {
        let pending = keys.take_pending_audit();
        if !login.is_empty() {
            keys.clear_failures(login);
        }
        if pending.is_empty() && login.is_empty() {
            return Ok(());
        }
        self.append_pending(&pending)?;
        keys.save()?;
        Ok(())
    }

    /// Writes audit events recorded outside the database, with their own times.
    fn append_pending(&mut self, pending: &[PendingEvent]) -> Result<(), StoreError> {
        if pending.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            for e in pending {
                audit::append_at(tx, &e.at, &e.actor, &e.action, None, &e.details)?;
            }
            Ok(())
        })
    }

    /// Runs `f` on this store's key file and saves it; `None` for a store without one
    /// (plaintext or in memory).
    pub(crate) fn with_key_file<T>(
        &self,
        f: impl FnOnce(&mut KeyFile, &SecretKey) -> Result<T, VaultError>,
    ) -> Result<Option<T>, StoreError> {
        let (Some(path), Some(key)) = (&self.path, &self.key) else {
            return Ok(None);
        };
        let keys_path = KeyFile::path_for(path);
        let mut keys =
            KeyFile::load(&keys_path)?.ok_or_else(|| key_file_missing(keys_path.clone()))?;
        let value = f(&mut keys, key)?;
        keys.save()?;
        Ok(Some(value))
    }

    /// Counts a failed password for `login` while the store is open (the window's lock
    /// screen) towards the same lockout as a login; returns the end of the lockout when
    /// this attempt locked the account. The attempt is in the audit log at once.
    pub fn record_failed_password(
        &mut self,
        login: &str,
        now: NaiveDateTime,
    ) -> Result<Option<NaiveDateTime>, StoreError> {
        let mut pending = Vec::new();
        let locked = self
            .with_key_file(|keys, _| {
                let locked = keys.record_failure(login, now);
                pending = keys.take_pending_audit();
                Ok(locked)
            })?
            .flatten();
        self.append_pending(&pending)?;
        Ok(locked)
    }

    /// Whether `login` is locked out at `now` (the lock screen checks it too).
    pub fn locked_until(
        &self,
        login: &str,
        now: NaiveDateTime,
    ) -> Result<Option<NaiveDateTime>, StoreError> {
        Ok(self
            .with_key_file(|keys, _| Ok(keys.locked_until(login, now)))?
            .flatten())
    }

    /// Makes a new recovery key (the old one stops working); returns it, to be shown once.
    pub fn create_recovery_key(
        &mut self,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<SecretKey, StoreError> {
        self.create_secret_slot(SlotKind::Recovery, "key.recovery.create", actor, now)
    }

    /// Makes the machine key of the scheduled sync (a previous one stops working); returns
    /// it, to be written to a file only the sync's service user can read.
    pub fn create_machine_key(
        &mut self,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<SecretKey, StoreError> {
        self.create_secret_slot(SlotKind::Machine, "key.machine.create", actor, now)
    }

    /// Removes the machine key's slot.
    pub fn remove_machine_key(
        &mut self,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<bool, StoreError> {
        let removed = self
            .with_key_file(|keys, _| Ok(keys.remove_slots(SlotKind::Machine, None) > 0))?
            .unwrap_or(false);
        self.audit(now, actor, "key.machine.remove", None, "")?;
        Ok(removed)
    }

    fn create_secret_slot(
        &mut self,
        kind: SlotKind,
        action: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<SecretKey, StoreError> {
        let secret = SecretKey::random();
        let made =
            self.with_key_file(|keys, key| keys.add_slot(kind, None, secret.bytes(), key, now))?;
        if made.is_none() {
            return Err(StoreError::NotEncrypted);
        }
        self.audit(now, actor, action, None, "")?;
        Ok(secret)
    }

    /// The lockout policy (the default for a store without a key file).
    pub fn lockout_policy(&self) -> Result<LockoutPolicy, StoreError> {
        Ok(self
            .with_key_file(|keys, _| Ok(keys.policy()))?
            .unwrap_or_default())
    }

    /// Sets the lockout policy.
    pub fn set_lockout_policy(
        &mut self,
        policy: LockoutPolicy,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<LockoutPolicy, StoreError> {
        let set = self
            .with_key_file(|keys, _| {
                keys.set_policy(policy);
                Ok(keys.policy())
            })?
            .ok_or(StoreError::NotEncrypted)?;
        let details = format!("max_failures={} minutes={}", set.max_failures, set.minutes);
        self.audit(now, actor, "key.lockout.policy", None, &details)?;
        Ok(set)
    }

    /// Logins of active accounts without a key slot (after the encryption of a plaintext
    /// store, or an account enabled again): they log in once an administrator sets a
    /// password.
    pub fn accounts_without_key(&self) -> Result<Vec<String>, StoreError> {
        let with_slot = self
            .with_key_file(|keys, _| Ok(keys.account_logins()))?
            .unwrap_or_default();
        Ok(self
            .users()?
            .into_iter()
            .filter(|u| u.active && !with_slot.contains(&u.login))
            .map(|u| u.login)
            .collect())
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// Copies the database of `conn` into a new encrypted file `target` (SQLCipher's
/// `sqlcipher_export`), with the schema version `version`.
pub(crate) fn export_encrypted(
    conn: &Connection,
    target: &Path,
    key: &SecretKey,
    version: i64,
) -> Result<(), rusqlite::Error> {
    let value = key.sqlcipher_value();
    conn.execute(
        "ATTACH DATABASE ?1 AS enc KEY ?2",
        rusqlite::params![target.to_string_lossy(), value.as_str()],
    )?;
    let result = conn
        .query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))
        .and_then(|()| conn.pragma_update(Some("enc"), "user_version", version));
    let detached = conn.execute_batch("DETACH DATABASE enc");
    result.and(detached)
}

/// Row counts of every table, to prove a copy holds the same data.
fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>, rusqlite::Error> {
    let names: Vec<String> = {
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<Result<_, _>>()?
    };
    names
        .into_iter()
        .map(|name| {
            let quoted = name.replace('"', "\"\"");
            let count: i64 =
                conn.query_row(&format!("SELECT count(*) FROM \"{quoted}\""), [], |r| {
                    r.get(0)
                })?;
            Ok((name, count))
        })
        .collect()
}

/// Encrypts the plaintext store at `db` in place: an encrypted copy first, verified table
/// by table, then the key file, then the copy replaces the original. If anything fails
/// before the swap, the plaintext store is exactly as it was.
fn encrypt_in_place(
    plain: Store,
    db: &Path,
    admin: &User,
    password: &str,
    now: NaiveDateTime,
) -> Result<(Store, SecretKey), StoreError> {
    let io = |path: &Path, e: std::io::Error| StoreError::Io {
        path: path.to_path_buf(),
        source: e,
    };
    let copy = with_suffix(db, ".encrypting");
    let _ = std::fs::remove_file(&copy);
    plain
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    let version = plain.schema_version()?;
    let key = SecretKey::random();
    let made = (|| {
        export_encrypted(&plain.conn, &copy, &key, version)?;
        let check = Connection::open(&copy)?;
        apply_key(&check, "main", &key)?;
        let ok: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let same = table_counts(&plain.conn)? == table_counts(&check)?;
        Ok::<bool, rusqlite::Error>(ok == "ok" && same)
    })();
    match made {
        Ok(true) => {}
        Ok(false) | Err(_) => {
            let _ = std::fs::remove_file(&copy);
            return Err(StoreError::EncryptionCheck);
        }
    }
    let recovery = SecretKey::random();
    let mut keys = KeyFile::new(&KeyFile::path_for(db));
    keys.add_slot(SlotKind::Recovery, None, recovery.bytes(), &key, now)?;
    keys.add_slot(
        SlotKind::Account,
        Some(&admin.login),
        password.as_bytes(),
        &key,
        now,
    )?;
    keys.save()?;
    drop(plain);
    std::fs::rename(&copy, db).map_err(|e| io(db, e))?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(db, suffix));
    }
    let backups = remove_plaintext_backups(db);
    let mut store = Store::open_encrypted(db, &key)?;
    let others = store.accounts_without_key()?.join(",");
    store.audit(
        now,
        &admin.login,
        "store.encrypt",
        None,
        &format!("plaintext_backups_removed={backups} accounts_without_key={others}"),
    )?;
    store.audit(now, &admin.login, "key.recovery.create", None, "")?;
    store.audit(
        now,
        &admin.login,
        "key.slot.add",
        None,
        &format!("login={}", admin.login),
    )?;
    store.audit(now, &admin.login, "login.ok", None, "")?;
    Ok((store, recovery))
}

/// Removes unencrypted copies of the database (`iin-desk.sqlite3.vN.bak` made before a
/// schema migration by the previous version); returns how many.
fn remove_plaintext_backups(db: &Path) -> usize {
    let Some(dir) = db.parent() else { return 0 };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(DB_FILE_NAME) && n.ends_with(".bak"))
        })
        .filter(|p| is_plaintext(p))
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}
