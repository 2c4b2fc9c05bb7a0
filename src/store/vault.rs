//! Encryption at rest: the store's data key and its key slots.
//!
//! The local database is a SQLCipher file encrypted with a random 256-bit *data key*. The
//! key is never stored in the clear: the key file next to the database
//! (`iin-desk.keys.json`) holds *slots*, each the data key sealed with ChaCha20-Poly1305
//! under a key derived by argon2id from one secret:
//!
//! - one slot per active staff account (its password), so changing a password or
//!   disabling an account re-seals or removes one slot and never re-encrypts the data;
//! - the recovery key, shown once to the administrator at set-up;
//! - optionally one machine key (a random secret in a file only the scheduled sync's
//!   service user can read).
//!
//! The key file also keeps what must be known before the database can be opened: the
//! lockout policy, failed-attempt counters, and the audit events of failed attempts
//! (written into the audit log at the next successful unlock). It holds no personal data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use thiserror::Error;
use zeroize::{Zeroize, Zeroizing};

use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;

/// The key file's name, next to the database.
pub const KEY_FILE_NAME: &str = "iin-desk.keys.json";
/// The format this program writes.
const FORMAT: u32 = 1;

/// Why a key operation failed. Never carries a secret.
#[derive(Debug, Error)]
pub enum VaultError {
    /// The key file cannot be read or written.
    #[error("cannot use the key file {path}: {reason}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        reason: String,
    },
    /// The key file is not one this program wrote (damaged or edited by hand).
    #[error("the key file {path} is damaged: {reason}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What failed.
        reason: String,
    },
    /// The secret does not open any slot of this kind.
    #[error("the key does not open this store")]
    WrongSecret,
    /// Text that is not a key (recovery, machine or queue key).
    #[error("not a key: 64 hexadecimal digits are expected (dashes and spaces are ignored)")]
    NotAKey,
    /// The key derivation failed (parameters out of range).
    #[error("key derivation failed: {0}")]
    Kdf(String),
    /// The key file of an encrypted store is missing.
    #[error("the key file {path} is missing: restore it (with the database) from the backup")]
    Missing {
        /// The file.
        path: PathBuf,
    },
}

impl VaultError {
    /// The error in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            VaultError::Io { path, reason } => tr_args(
                lang,
                "store-key-file-io",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", reason.into()),
                ],
            ),
            VaultError::Damaged { path, reason } => tr_args(
                lang,
                "store-key-file-damaged",
                &[
                    ("path", path.display().to_string().into()),
                    ("reason", reason.into()),
                ],
            ),
            VaultError::WrongSecret => tr(lang, "store-wrong-secret"),
            VaultError::NotAKey => tr(lang, "store-not-a-key"),
            VaultError::Kdf(e) => tr_args(lang, "store-kdf-failed", &[("error", e.into())]),
            VaultError::Missing { path } => tr_args(
                lang,
                "store-key-file-missing",
                &[("path", path.display().to_string().into())],
            ),
        }
    }
}

/// A 256-bit key (the store's data key, the central queue file's key, a recovery or machine
/// secret). Wiped from memory when dropped; never printed by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretKey(Zeroizing<[u8; 32]>);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretKey(…)")
    }
}

impl SecretKey {
    /// A new random key from the operating system's generator.
    pub fn random() -> SecretKey {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        SecretKey(bytes)
    }

    /// The key's bytes.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The key as text for a person to keep: 64 hex digits in eight groups of eight.
    pub fn to_text(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.0.as_ref()));
        let groups: Vec<&str> = (0..8).map(|i| &hex[i * 8..i * 8 + 8]).collect();
        Zeroizing::new(groups.join("-"))
    }

    /// Reads a key written by [`SecretKey::to_text`] (or plain hex): dashes, spaces and
    /// line breaks are ignored, case does not matter.
    pub fn parse(text: &str) -> Result<SecretKey, VaultError> {
        let digits: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect(),
        );
        let mut bytes = Zeroizing::new([0u8; 32]);
        hex::decode_to_slice(digits.as_bytes(), bytes.as_mut()).map_err(|_| VaultError::NotAKey)?;
        Ok(SecretKey(bytes))
    }

    /// The SQLCipher key pragma's value: a raw key (`x'…'`), so no key derivation runs at
    /// every open.
    pub(crate) fn sqlcipher_value(&self) -> Zeroizing<String> {
        let hex = Zeroizing::new(hex::encode(self.0.as_ref()));
        Zeroizing::new(format!("x'{}'", hex.as_str()))
    }
}

/// The header line of a machine key file.
pub const MACHINE_KEY_TAG: &str = "IIN-DESK-MACHINE-KEY 1";
/// The header line of a queue key file.
pub const QUEUE_KEY_TAG: &str = "IIN-DESK-QUEUE-KEY 1";

/// The comment of an exported queue key file.
pub const QUEUE_KEY_WARNING: &str = "iin-desk central queue key of the office: a secret. Import it on each counter and the back office (iin-desk key queue-import FILE, or Administration), then delete this file.";

/// The text of a key file: the header `tag`, a comment `warning`, the key.
pub fn key_file_text(tag: &str, warning: &str, key: &SecretKey) -> Zeroizing<String> {
    Zeroizing::new(format!("{tag}\n# {warning}\n{}\n", key.to_text().as_str()))
}

/// Reads a key file's text written by [`key_file_text`] with the header `tag`; `None` when
/// it is not such a file.
pub fn parse_key_file(text: &str, tag: &str) -> Result<SecretKey, KeyFileProblem> {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    if lines.next() != Some(tag) {
        return Err(KeyFileProblem::NotAKeyFile);
    }
    let body: Zeroizing<String> = Zeroizing::new(lines.collect());
    SecretKey::parse(&body).map_err(|_| KeyFileProblem::BadKey)
}

/// Why a key file does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileProblem {
    /// The first line is not the expected header.
    NotAKeyFile,
    /// The key is not 64 hex digits.
    BadKey,
}

impl KeyFileProblem {
    /// The problem in `lang`; `tag` is the expected header.
    pub fn message(self, tag: &str, lang: Lang) -> String {
        match self {
            KeyFileProblem::NotAKeyFile => {
                tr_args(lang, "store-not-a-key-file", &[("tag", tag.into())])
            }
            KeyFileProblem::BadKey => VaultError::NotAKey.message(lang),
        }
    }
}

/// Lower-case hex, as the key file and the slots have always stored it.
fn to_hex(bytes: &[u8]) -> String {
    hex::encode(bytes)
}

/// Hex in either case; `None` for anything else (an odd length, a sign, a space).
fn from_hex(text: &str) -> Option<Vec<u8>> {
    hex::decode(text).ok()
}

/// What a slot's secret is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotKind {
    /// A staff account's password.
    Account,
    /// The recovery key shown once at set-up.
    Recovery,
    /// The machine key file of the scheduled sync.
    Machine,
}

impl SlotKind {
    fn key(self) -> &'static str {
        match self {
            SlotKind::Account => "account",
            SlotKind::Recovery => "recovery",
            SlotKind::Machine => "machine",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Slot {
    kind: SlotKind,
    /// The account's login (account slots only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    login: Option<String>,
    /// argon2id parameters: memory in KiB, passes, lanes.
    m_kib: u32,
    t: u32,
    p: u32,
    salt: String,
    nonce: String,
    sealed: String,
    created_at: String,
}

/// How many failed logins lock an account, and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockoutPolicy {
    /// Failed attempts in a row that lock the account (1 to 100).
    pub max_failures: u32,
    /// Minutes the account stays locked (1 to a day).
    pub minutes: u32,
}

impl Default for LockoutPolicy {
    fn default() -> Self {
        LockoutPolicy {
            max_failures: 5,
            minutes: 15,
        }
    }
}

/// Failed attempts of one login.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Attempts {
    failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locked_until: Option<String>,
}

/// An audit event that happened while the store was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingEvent {
    /// When (local time, `YYYY-MM-DDTHH:MM:SS`).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What (`login.failed`, `login.lockout`, …).
    pub action: String,
    /// Details (a login, never a secret).
    pub details: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct KeyFileData {
    format: u32,
    /// Names the store these slots open (a key file copied next to another database is
    /// recognised as foreign).
    store_id: String,
    #[serde(default)]
    policy: LockoutPolicy,
    slots: Vec<Slot>,
    #[serde(default)]
    attempts: BTreeMap<String, Attempts>,
    #[serde(default)]
    pending_audit: Vec<PendingEvent>,
}

/// The key file: slots, lockout policy and counters, pending audit events.
#[derive(Debug, Clone)]
pub struct KeyFile {
    path: PathBuf,
    data: KeyFileData,
}

/// argon2id as the `argon2` crate recommends by default (19 MiB, 2 passes, 1 lane).
fn default_params() -> (u32, u32, u32) {
    (
        Params::DEFAULT_M_COST,
        Params::DEFAULT_T_COST,
        Params::DEFAULT_P_COST,
    )
}

fn derive(
    secret: &[u8],
    salt: &[u8],
    (m, t, p): (u32, u32, u32),
) -> Result<Zeroizing<[u8; 32]>, VaultError> {
    let params = Params::new(m, t, p, Some(32)).map_err(|e| VaultError::Kdf(e.to_string()))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|e| VaultError::Kdf(e.to_string()))?;
    Ok(out)
}

/// Binds a slot's seal to the store, its kind and its login: a slot moved to another
/// store, kind or account does not open.
fn aad(store_id: &str, kind: SlotKind, login: Option<&str>) -> Vec<u8> {
    format!(
        "iin-desk key slot v1|{store_id}|{}|{}",
        kind.key(),
        login.unwrap_or("")
    )
    .into_bytes()
}

fn ts(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

impl KeyFile {
    /// The key file of the database at `db_path`.
    pub fn path_for(db_path: &Path) -> PathBuf {
        db_path.with_file_name(KEY_FILE_NAME)
    }

    /// A new, empty key file (not yet saved) for a new store.
    pub fn new(path: &Path) -> KeyFile {
        KeyFile {
            path: path.to_path_buf(),
            data: KeyFileData {
                format: FORMAT,
                store_id: uuid::Uuid::new_v4().to_string(),
                policy: LockoutPolicy::default(),
                slots: Vec::new(),
                attempts: BTreeMap::new(),
                pending_audit: Vec::new(),
            },
        }
    }

    /// Reads the key file; `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<KeyFile>, VaultError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(VaultError::Io {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })
            }
        };
        let data: KeyFileData =
            serde_json::from_slice(&bytes).map_err(|e| VaultError::Damaged {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        if data.format != FORMAT {
            return Err(VaultError::Damaged {
                path: path.to_path_buf(),
                reason: format!("format {} (this program reads {FORMAT})", data.format),
            });
        }
        Ok(Some(KeyFile {
            path: path.to_path_buf(),
            data,
        }))
    }

    /// Writes the key file atomically, readable by its owner only.
    pub fn save(&self) -> Result<(), VaultError> {
        let io = |e: String| VaultError::Io {
            path: self.path.clone(),
            reason: e,
        };
        let text = serde_json::to_vec_pretty(&self.data).map_err(|e| io(e.to_string()))?;
        crate::files::write_atomically(&self.path, &text).map_err(|e| io(e.to_string()))
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Seals `key` under `secret` in a slot of `kind` (for `login`), replacing the slot
    /// that kind and login had.
    pub fn add_slot(
        &mut self,
        kind: SlotKind,
        login: Option<&str>,
        secret: &[u8],
        key: &SecretKey,
        now: NaiveDateTime,
    ) -> Result<(), VaultError> {
        let mut salt = [0u8; 16];
        OsRng.fill_bytes(&mut salt);
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let params = default_params();
        let kek = derive(secret, &salt, params)?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let sealed = cipher
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: key.bytes(),
                    aad: &aad(&self.data.store_id, kind, login),
                },
            )
            .map_err(|_| VaultError::Kdf("sealing failed".into()))?;
        self.remove_slots(kind, login);
        self.data.slots.push(Slot {
            kind,
            login: login.map(str::to_string),
            m_kib: params.0,
            t: params.1,
            p: params.2,
            salt: to_hex(&salt),
            nonce: to_hex(&nonce),
            sealed: to_hex(&sealed),
            created_at: ts(now),
        });
        Ok(())
    }

    /// Removes the slots of `kind` (for `login`); returns how many.
    pub fn remove_slots(&mut self, kind: SlotKind, login: Option<&str>) -> usize {
        let before = self.data.slots.len();
        self.data
            .slots
            .retain(|s| !(s.kind == kind && s.login.as_deref() == login));
        before - self.data.slots.len()
    }

    /// Whether a slot of `kind` exists (for `login`).
    pub fn has_slot(&self, kind: SlotKind, login: Option<&str>) -> bool {
        self.data
            .slots
            .iter()
            .any(|s| s.kind == kind && s.login.as_deref() == login)
    }

    /// The logins that have an account slot.
    pub fn account_logins(&self) -> Vec<String> {
        self.data
            .slots
            .iter()
            .filter(|s| s.kind == SlotKind::Account)
            .filter_map(|s| s.login.clone())
            .collect()
    }

    /// Opens the slot of `kind` (for `login`) with `secret`. With no such slot the same
    /// derivation still runs, so timing does not tell which logins have one.
    pub fn open(
        &self,
        kind: SlotKind,
        login: Option<&str>,
        secret: &[u8],
    ) -> Result<SecretKey, VaultError> {
        let Some(slot) = self
            .data
            .slots
            .iter()
            .find(|s| s.kind == kind && s.login.as_deref() == login)
        else {
            let _ = derive(secret, &[0u8; 16], default_params());
            return Err(VaultError::WrongSecret);
        };
        let damaged = |what: &str| VaultError::Damaged {
            path: self.path.clone(),
            reason: format!("slot {}: {what}", kind.key()),
        };
        let salt = from_hex(&slot.salt).ok_or_else(|| damaged("salt"))?;
        let nonce = from_hex(&slot.nonce)
            .filter(|n| n.len() == 12)
            .ok_or_else(|| damaged("nonce"))?;
        let sealed = from_hex(&slot.sealed).ok_or_else(|| damaged("sealed key"))?;
        let kek = derive(secret, &salt, (slot.m_kib, slot.t, slot.p))?;
        let cipher = ChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
        let mut plain = cipher
            .decrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: &sealed,
                    aad: &aad(&self.data.store_id, kind, login),
                },
            )
            .map_err(|_| VaultError::WrongSecret)?;
        let array: Result<[u8; 32], _> = plain.as_slice().try_into();
        plain.zeroize();
        let array = array.map_err(|_| damaged("key length"))?;
        Ok(SecretKey(Zeroizing::new(array)))
    }

    /// The lockout policy.
    pub fn policy(&self) -> LockoutPolicy {
        self.data.policy
    }

    /// Sets the lockout policy (values are clamped to 1–100 attempts, 1–1440 minutes).
    pub fn set_policy(&mut self, policy: LockoutPolicy) {
        self.data.policy = LockoutPolicy {
            max_failures: policy.max_failures.clamp(1, 100),
            minutes: policy.minutes.clamp(1, 1440),
        };
    }

    /// Until when `login` is locked out, if it is at `now`.
    pub fn locked_until(&self, login: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
        let until = self.data.attempts.get(login)?.locked_until.as_deref()?;
        let until = NaiveDateTime::parse_from_str(until, "%Y-%m-%dT%H:%M:%S").ok()?;
        (until > now).then_some(until)
    }

    /// Counts a failed attempt of `login` (recorded for the audit log); returns the end
    /// of the lockout when this attempt locked the account.
    pub fn record_failure(&mut self, login: &str, now: NaiveDateTime) -> Option<NaiveDateTime> {
        // Unknown logins are counted too (under a bounded name), so probing is slowed alike.
        let login: String = login.chars().take(32).collect();
        let policy = self.data.policy;
        let entry = self.data.attempts.entry(login.clone()).or_default();
        entry.failures += 1;
        self.data.pending_audit.push(PendingEvent {
            at: ts(now),
            actor: "system".into(),
            action: "login.failed".into(),
            details: format!("login={login}"),
        });
        if entry.failures >= policy.max_failures {
            let until = now + chrono::Duration::minutes(i64::from(policy.minutes));
            entry.failures = 0;
            entry.locked_until = Some(ts(until));
            self.data.pending_audit.push(PendingEvent {
                at: ts(now),
                actor: "system".into(),
                action: "login.lockout".into(),
                details: format!("login={login} until={}", ts(until)),
            });
            return Some(until);
        }
        None
    }

    /// Records a refused attempt on a locked-out account.
    pub fn record_refused(&mut self, login: &str, now: NaiveDateTime) {
        let login: String = login.chars().take(32).collect();
        self.data.pending_audit.push(PendingEvent {
            at: ts(now),
            actor: "system".into(),
            action: "login.locked".into(),
            details: format!("login={login}"),
        });
    }

    /// Clears the failed attempts of `login` (a successful login, a password reset).
    pub fn clear_failures(&mut self, login: &str) {
        self.data.attempts.remove(login);
    }

    /// Takes the audit events recorded while the store was closed.
    pub fn take_pending_audit(&mut self) -> Vec<PendingEvent> {
        std::mem::take(&mut self.data.pending_audit)
    }

    /// Records a key operation done while the store was closed (e.g. a recovery unlock
    /// that failed).
    pub fn push_pending(&mut self, event: PendingEvent) {
        // Bounded: a flood of attempts cannot grow the file without end.
        if self.data.pending_audit.len() < 10_000 {
            self.data.pending_audit.push(event);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn a_slot_opens_with_its_secret_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = KeyFile::new(&dir.path().join(KEY_FILE_NAME));
        let key = SecretKey::random();
        file.add_slot(SlotKind::Account, Some("a"), b"Password-1", &key, now())
            .unwrap();
        file.save().unwrap();
        let file = KeyFile::load(&dir.path().join(KEY_FILE_NAME))
            .unwrap()
            .unwrap();
        assert_eq!(
            file.open(SlotKind::Account, Some("a"), b"Password-1")
                .unwrap(),
            key
        );
        for (kind, login, secret) in [
            (SlotKind::Account, Some("a"), &b"Password-2"[..]),
            (SlotKind::Account, Some("b"), b"Password-1"),
            (SlotKind::Recovery, None, b"Password-1"),
        ] {
            assert!(matches!(
                file.open(kind, login, secret),
                Err(VaultError::WrongSecret)
            ));
        }
        let text = std::fs::read_to_string(file.path()).unwrap();
        assert!(!text.contains(&to_hex(key.bytes())), "the key is sealed");
    }

    #[test]
    fn keys_round_trip_as_text_and_bad_text_is_refused() {
        let key = SecretKey::random();
        let text = key.to_text();
        assert_eq!(text.len(), 71);
        assert_eq!(SecretKey::parse(&text).unwrap(), key);
        assert_eq!(
            SecretKey::parse(&format!(" {}\n", text.to_uppercase())).unwrap(),
            key
        );
        for bad in ["", "abc", &"g".repeat(64), &"a".repeat(62), "ключ"] {
            assert!(
                matches!(SecretKey::parse(bad), Err(VaultError::NotAKey)),
                "{bad}"
            );
        }
        assert_eq!(format!("{key:?}"), "SecretKey(…)");
        // The text form is pinned: lower-case hex in dashed groups of eight.
        let bytes: [u8; 32] = std::array::from_fn(|i| (i * 8 + 0x0A) as u8);
        let fixed = SecretKey(Zeroizing::new(bytes));
        assert_eq!(
            fixed.to_text().as_str(),
            "0a121a22-2a323a42-4a525a62-6a727a82-8a929aa2-aab2bac2-cad2dae2-eaf2fa02"
        );
        assert_eq!(
            fixed.sqlcipher_value().as_str(),
            "x'0a121a222a323a424a525a626a727a828a929aa2aab2bac2cad2dae2eaf2fa02'"
        );
        assert_eq!(to_hex(&[0x00, 0xAB, 0xFF]), "00abff");
        assert_eq!(from_hex("00ABff"), Some(vec![0x00, 0xAB, 0xFF]));
        for bad in ["0", "+f", "0g", " 00"] {
            assert_eq!(from_hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn lockout_after_the_policys_failures_and_pending_audit() {
        let dir = tempfile::tempdir().unwrap();
        let mut file = KeyFile::new(&dir.path().join(KEY_FILE_NAME));
        file.set_policy(LockoutPolicy {
            max_failures: 3,
            minutes: 10,
        });
        assert_eq!(file.record_failure("a", now()), None);
        assert_eq!(file.record_failure("a", now()), None);
        let until = file.record_failure("a", now()).unwrap();
        assert_eq!(until, now() + chrono::Duration::minutes(10));
        assert_eq!(file.locked_until("a", now()), Some(until));
        assert_eq!(file.locked_until("a", until), None, "over at the end");
        assert_eq!(file.locked_until("b", now()), None);
        let events: Vec<String> = file
            .take_pending_audit()
            .into_iter()
            .map(|e| e.action)
            .collect();
        assert_eq!(
            events,
            [
                "login.failed",
                "login.failed",
                "login.failed",
                "login.lockout"
            ]
        );
        assert!(file.take_pending_audit().is_empty());
    }

    #[test]
    fn a_damaged_key_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(KEY_FILE_NAME);
        for body in [
            &b"{"[..],
            b"[]",
            b"{\"format\":9,\"store_id\":\"x\",\"slots\":[]}",
            b"\xff\xfe",
        ] {
            std::fs::write(&path, body).unwrap();
            assert!(matches!(
                KeyFile::load(&path),
                Err(VaultError::Damaged { .. })
            ));
        }
        assert!(KeyFile::load(&dir.path().join("none.json"))
            .unwrap()
            .is_none());
    }
}
