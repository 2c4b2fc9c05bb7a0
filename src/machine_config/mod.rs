//! The machine-wide configuration file: one file that sets up a counter PC for all of its
//! users, read before the per-user settings in the store.
//!
//! The file is `/etc/iin-desk/config.toml` on Linux and `%PROGRAMDATA%\iin-desk\config.toml`
//! on Windows (or the file named by `IIN_DESK_MACHINE_CONFIG`). It is a small subset of
//! TOML, one `key = value` per line:
//!
//! ```toml
//! # Esil district branch, counter 7
//! office_name = "Astana, Esil district branch"
//! counter = "7"
//! queue_path = '\\fileserver\iin-desk\central-queue.sqlite3' # single quotes: backslashes stay
//! idle_lock_minutes = 5
//! reader_port = "COM3"   # a serial passport reader; also reader_baud, reader_parity, reader_framing
//! locked = ["queue_path"]
//! ```
//!
//! Values are `"basic strings"` (TOML escapes such as `\\` and `\"`), `'literal strings'`
//! (no escapes, the natural way to write a Windows path), integers for `counter`,
//! `idle_lock_minutes` and `reader_baud`, the keys `none`/`even`/`odd` for `reader_parity` and
//! `crlf`/`stx-etx` for `reader_framing`, and one line array of key names for `locked`. Keys listed in
//! `locked` win over what a user saved in the settings screen.
//!
//! Parsing ([`parse_machine_config`]) is pure: the `toml` crate reads each line (the subset
//! has one key-value per line, no sections), then one typed pass checks the value against
//! the setting's declaration in [`crate::settings`]; a mistake names its line.
//! [`load_machine_config`] only reads the file. A missing file is an empty configuration.
//! The file may be UTF-8 (with or without a BOM, CRLF or LF) or UTF-16 with a BOM, as
//! Windows tools write it.

mod parse;
mod paths;
mod problem;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::domain::lang::Lang;
use crate::settings::Setting;
use crate::store::{Store, StoreError};

pub use parse::parse_machine_config;
pub use paths::{classify_path, PathKind};
pub use problem::{ConfigError, LineError, LineProblem};

/// A key of the machine configuration file: a setting of the registry
/// ([`crate::settings::Setting`]) whose declaration has a `machine_name`.
pub use crate::settings::Setting as ConfigKey;

/// The environment variable that names another machine configuration file.
pub const MACHINE_CONFIG_ENV: &str = "IIN_DESK_MACHINE_CONFIG";

/// Longest accepted value, in characters: a path or an address, never a document.
const MAX_VALUE_CHARS: usize = 1000;

/// Longest idle time before the window locks, in minutes (a working day).
pub const MAX_IDLE_LOCK_MINUTES: u32 = 24 * 60;

/// What the machine configuration file sets. `None` means "not in the file".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MachineConfig {
    /// The office's name.
    pub office_name: Option<String>,
    /// The office's address.
    pub office_address: Option<String>,
    /// This PC's counter number.
    pub counter: Option<String>,
    /// The central queue file, an absolute path (drive, UNC or Unix).
    pub queue_path: Option<String>,
    /// The window's language.
    pub language: Option<Lang>,
    /// Where printed PDFs are kept, an absolute path.
    pub pdf_dir: Option<String>,
    /// Minutes without input before the window locks (1 to a day).
    pub idle_lock_minutes: Option<u32>,
    /// The serial passport reader's port (`COM3`, `/dev/ttyUSB0`).
    pub reader_port: Option<String>,
    /// The serial reader's baud rate.
    pub reader_baud: Option<u32>,
    /// The serial reader's parity key (`none`, `even`, `odd`).
    pub reader_parity: Option<String>,
    /// The serial reader's framing key (`crlf`, `stx-etx`).
    pub reader_framing: Option<String>,
    /// Keys whose machine value wins over a user's saved setting.
    pub locked: BTreeSet<ConfigKey>,
}

impl MachineConfig {
    /// Whether the file sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == MachineConfig::default()
    }

    /// The value of `key` as the store keeps it (text), if the file sets it.
    pub fn value(&self, key: ConfigKey) -> Option<String> {
        match key {
            ConfigKey::OfficeName => self.office_name.clone(),
            ConfigKey::OfficeAddress => self.office_address.clone(),
            ConfigKey::Counter => self.counter.clone(),
            ConfigKey::QueuePath => self.queue_path.clone(),
            ConfigKey::Language => self.language.map(|l| l.code().to_string()),
            ConfigKey::PdfDir => self.pdf_dir.clone(),
            ConfigKey::IdleLockMinutes => self.idle_lock_minutes.map(|m| m.to_string()),
            ConfigKey::ReaderPort => self.reader_port.clone(),
            ConfigKey::ReaderBaud => self.reader_baud.map(|b| b.to_string()),
            ConfigKey::ReaderParity => self.reader_parity.clone(),
            ConfigKey::ReaderFraming => self.reader_framing.clone(),
            ConfigKey::OfficePhone => None,
        }
    }

    /// Whether `key` is locked: set by the file and listed in `locked`, so the settings
    /// screen should show it read-only.
    pub fn is_locked(&self, key: ConfigKey) -> bool {
        self.locked.contains(&key) && self.value(key).is_some()
    }

    /// The value to use for `key`, given what the user saved in the store (`user`, blank
    /// when never saved): a locked machine value, else the user's value, else the machine
    /// value. `None` means neither: the caller uses its built-in default. The rule is
    /// [`crate::settings::pick`]; [`MachineConfig::value_in_force`] reads `user` from the store.
    pub fn resolve(&self, key: ConfigKey, user: Option<&str>) -> Option<String> {
        crate::settings::pick(self.value(key).as_deref(), self.is_locked(key), user)
    }

    /// The value in force of `setting`: what `store` keeps, under this configuration (see
    /// [`crate::settings::pick`]); `None` when neither sets it.
    pub fn value_in_force(
        &self,
        store: &Store,
        setting: Setting,
    ) -> Result<Option<String>, StoreError> {
        let stored = store.setting(setting.store_key())?;
        Ok(self.resolve(setting, stored.as_deref()))
    }

    /// [`MachineConfig::value_in_force`], else the setting's default for the data folder
    /// `data_dir`.
    pub fn value_in_force_or_default(
        &self,
        store: &Store,
        setting: Setting,
        data_dir: &Path,
    ) -> Result<String, StoreError> {
        Ok(self
            .value_in_force(store, setting)?
            .unwrap_or_else(|| setting.default_value(data_dir)))
    }
}

/// The machine configuration file of this PC: `IIN_DESK_MACHINE_CONFIG` when set, else
/// `%PROGRAMDATA%\iin-desk\config.toml` on Windows and `/etc/iin-desk/config.toml` elsewhere.
pub fn machine_config_path() -> PathBuf {
    match std::env::var_os(MACHINE_CONFIG_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => platform_config_path(),
    }
}

#[cfg(windows)]
fn platform_config_path() -> PathBuf {
    // ProgramData is machine-wide and readable by every user; only administrators write it.
    let programdata = std::env::var_os("PROGRAMDATA");
    match programdata.as_deref().and_then(std::ffi::OsStr::to_str) {
        Some(text) => PathBuf::from(windows_config_path(Some(text))),
        // Not Unicode (not seen in practice): joined as the OS spells it.
        None => match programdata {
            Some(p) if !p.is_empty() => PathBuf::from(p).join("iin-desk").join("config.toml"),
            _ => PathBuf::from(windows_config_path(None)),
        },
    }
}

#[cfg(not(windows))]
fn platform_config_path() -> PathBuf {
    PathBuf::from("/etc/iin-desk/config.toml")
}

/// The Windows machine configuration path for a `%PROGRAMDATA%` value, as text: what
/// [`machine_config_path`] uses on Windows, kept apart so it is tested on every OS.
pub fn windows_config_path(programdata: Option<&str>) -> String {
    let base = match programdata.map(str::trim) {
        Some(p) if !p.is_empty() => p.trim_end_matches(['\\', '/']),
        _ => r"C:\ProgramData",
    };
    format!(r"{base}\iin-desk\config.toml")
}

/// Reads and parses the machine configuration file at `path`. A missing file is an empty
/// configuration; anything else that cannot be read, or that does not parse, is an error.
pub fn load_machine_config(path: &Path) -> Result<MachineConfig, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(MachineConfig::default()),
        Err(e) => {
            return Err(ConfigError::Unreadable {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })
        }
    };
    let text = decode_text(&bytes).ok_or_else(|| ConfigError::NotText {
        path: path.to_path_buf(),
    })?;
    parse_machine_config(&text).map_err(|e| ConfigError::Line {
        path: path.to_path_buf(),
        line: e.line,
        problem: e.problem,
    })
}

/// Decodes the file's bytes: UTF-8 (an optional BOM is dropped) or UTF-16 with a BOM
/// (Windows PowerShell's `Out-File` and NSIS's `FileWriteUTF16LE` write that).
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |bytes: &[u8], from: fn([u8; 2]) -> u16| {
        if bytes.len() % 2 != 0 {
            return None;
        }
        let units = bytes.chunks_exact(2).map(|c| from([c[0], c[1]]));
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).ok(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}
