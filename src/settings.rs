//! The settings registry: every setting of a counter PC declared once — its key in the
//! store's `settings` table, its name in the machine configuration file (when an
//! administrator may set, and lock, it there), the form of its value and its default — and
//! the one rule that picks the value in force:
//!
//! a locked machine value > what a user saved > the machine value > the default.
//!
//! [`resolve`] reads the store and applies the rule; printing, the CLI and the queue sync
//! use it (the window through [`resolve_or_default`]). [`pick`] is the rule itself, pure.

use std::path::Path;

/// The central queue file's name in the data folder when no queue is set.
pub const DEFAULT_QUEUE_FILE_NAME: &str = "central-queue.sqlite3";

/// One setting of a counter PC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Setting {
    /// `office.name` / `office_name`: the office's name printed on documents.
    OfficeName,
    /// `office.address` / `office_address`: the office's address on the refusal receipt.
    OfficeAddress,
    /// `office.counter` / `counter`: this PC's counter number.
    Counter,
    /// `queue.path` / `queue_path`: the central queue file (usually on a network share).
    QueuePath,
    /// `ui.language` / `language`: the window's language, `kk`, `ru` or `en`.
    Language,
    /// `pdf.dir` / `pdf_dir`: where printed PDFs are kept.
    PdfDir,
    /// `ui.idle_lock_minutes` / `idle_lock_minutes`: minutes without input before the
    /// window locks.
    IdleLockMinutes,
    /// `office.phone`: the executor's phone printed on the receipt (per user, not in the
    /// machine configuration).
    OfficePhone,
    /// `reader.port` / `reader_port`: the serial port of a passport reader (`COM3`, `/dev/ttyUSB0`);
    /// empty when the reader types like a keyboard.
    ReaderPort,
    /// `reader.baud` / `reader_baud`: the serial reader's baud rate.
    ReaderBaud,
    /// `reader.parity` / `reader_parity`: the serial reader's parity, `none`, `even` or `odd`.
    ReaderParity,
    /// `reader.framing` / `reader_framing`: how the serial reader marks a zone, `crlf` or `stx-etx`.
    ReaderFraming,
}

/// The form of a setting's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text on one line.
    Text,
    /// Text; the machine file may also write it as an integer (`counter = 7`).
    TextOrInteger,
    /// A path; the machine file must give it absolute (drive, UNC or Unix).
    Path,
    /// A language code: `kk`, `ru` or `en`.
    Language,
    /// Whole minutes from 1 to the machine configuration's `MAX_IDLE_LOCK_MINUTES`, as an
    /// integer or its text.
    Minutes,
    /// A serial line's baud rate (the range the reader accepts), as an integer or its text.
    Baud,
    /// A serial line's parity: `none`, `even` or `odd`.
    Parity,
    /// How a serial reader marks a zone: `crlf` or `stx-etx`.
    Framing,
}

/// What a setting is when nobody set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// Empty: the caller uses what it has (printing: the office that took the request).
    Empty,
    /// This text.
    Text(&'static str),
    /// A file or folder of this name in the data folder.
    InDataDir(&'static str),
}

/// The declaration of one setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The setting.
    pub setting: Setting,
    /// Its key in the store's `settings` table.
    pub store_key: &'static str,
    /// Its name in the machine configuration file; `None` when the file cannot set it.
    /// Every setting the file can set, the file can also lock (`locked = [...]`).
    pub machine_name: Option<&'static str>,
    /// The form of its value.
    pub kind: Kind,
    /// Its value when nobody set it.
    pub fallback: Fallback,
}

/// Every setting, declared once, in the order of [`Setting`].
const SPECS: [Spec; 12] = [
    Spec {
        setting: Setting::OfficeName,
        store_key: "office.name",
        machine_name: Some("office_name"),
        kind: Kind::Text,
        fallback: Fallback::Empty,
    },
    Spec {
        setting: Setting::OfficeAddress,
        store_key: "office.address",
        machine_name: Some("office_address"),
        kind: Kind::Text,
        fallback: Fallback::Empty,
    },
    Spec {
        setting: Setting::Counter,
        store_key: "office.counter",
        machine_name: Some("counter"),
        kind: Kind::TextOrInteger,
        fallback: Fallback::Text("1"),
    },
    Spec {
        setting: Setting::QueuePath,
        store_key: "queue.path",
        machine_name: Some("queue_path"),
        kind: Kind::Path,
        fallback: Fallback::InDataDir(DEFAULT_QUEUE_FILE_NAME),
    },
    Spec {
        setting: Setting::Language,
        store_key: "ui.language",
        machine_name: Some("language"),
        kind: Kind::Language,
        fallback: Fallback::Text("kk"),
    },
    Spec {
        setting: Setting::PdfDir,
        store_key: "pdf.dir",
        machine_name: Some("pdf_dir"),
        kind: Kind::Path,
        fallback: Fallback::InDataDir("documents"),
    },
    Spec {
        setting: Setting::IdleLockMinutes,
        store_key: "ui.idle_lock_minutes",
        machine_name: Some("idle_lock_minutes"),
        kind: Kind::Minutes,
        fallback: Fallback::Text("5"),
    },
    Spec {
        setting: Setting::OfficePhone,
        store_key: "office.phone",
        machine_name: None,
        kind: Kind::Text,
        fallback: Fallback::Empty,
    },
    Spec {
        setting: Setting::ReaderPort,
        store_key: "reader.port",
        machine_name: Some("reader_port"),
        kind: Kind::Text,
        fallback: Fallback::Empty,
    },
    Spec {
        setting: Setting::ReaderBaud,
        store_key: "reader.baud",
        machine_name: Some("reader_baud"),
        kind: Kind::Baud,
        fallback: Fallback::Text("9600"),
    },
    Spec {
        setting: Setting::ReaderParity,
        store_key: "reader.parity",
        machine_name: Some("reader_parity"),
        kind: Kind::Parity,
        fallback: Fallback::Text("none"),
    },
    Spec {
        setting: Setting::ReaderFraming,
        store_key: "reader.framing",
        machine_name: Some("reader_framing"),
        kind: Kind::Framing,
        fallback: Fallback::Text("crlf"),
    },
];

impl Setting {
    /// Every setting.
    pub const ALL: [Setting; 12] = [
        Setting::OfficeName,
        Setting::OfficeAddress,
        Setting::Counter,
        Setting::QueuePath,
        Setting::Language,
        Setting::PdfDir,
        Setting::IdleLockMinutes,
        Setting::OfficePhone,
        Setting::ReaderPort,
        Setting::ReaderBaud,
        Setting::ReaderParity,
        Setting::ReaderFraming,
    ];

    /// The settings the machine configuration file may set and lock, in the order the
    /// example file lists them.
    pub const MACHINE: [Setting; 11] = [
        Setting::OfficeName,
        Setting::OfficeAddress,
        Setting::Counter,
        Setting::QueuePath,
        Setting::Language,
        Setting::PdfDir,
        Setting::IdleLockMinutes,
        Setting::ReaderPort,
        Setting::ReaderBaud,
        Setting::ReaderParity,
        Setting::ReaderFraming,
    ];

    /// The setting's declaration.
    pub const fn spec(self) -> &'static Spec {
        &SPECS[self as usize]
    }

    /// The key of the setting in the store's `settings` table (e.g. `queue.path`).
    pub const fn store_key(self) -> &'static str {
        self.spec().store_key
    }

    /// The key in the machine configuration file (e.g. `queue_path`), if the file may
    /// set it.
    pub const fn machine_name(self) -> Option<&'static str> {
        self.spec().machine_name
    }

    /// The form of the value.
    pub const fn kind(self) -> Kind {
        self.spec().kind
    }

    /// The setting written as `name` in the machine configuration file.
    pub fn from_machine_name(name: &str) -> Option<Setting> {
        Setting::ALL
            .into_iter()
            .find(|s| s.machine_name() == Some(name))
    }

    /// The setting kept under `store_key` in the store (e.g. `queue.path`).
    pub fn from_store_key(store_key: &str) -> Option<Setting> {
        Setting::ALL
            .into_iter()
            .find(|s| s.store_key() == store_key)
    }

    /// The value when nobody set it, for the data folder `data_dir`.
    pub fn default_value(self, data_dir: &Path) -> String {
        match self.spec().fallback {
            Fallback::Empty => String::new(),
            Fallback::Text(t) => t.to_string(),
            Fallback::InDataDir(name) => data_dir.join(name).display().to_string(),
        }
    }
}

/// The precedence rule, pure: a locked `machine` value, else the user's `stored` value,
/// else the `machine` value. Blank values count as unset. `None`: nobody set it.
pub fn pick(machine: Option<&str>, locked: bool, stored: Option<&str>) -> Option<String> {
    let set = |v: Option<&str>| v.filter(|v| !v.trim().is_empty()).map(str::to_string);
    let machine = set(machine);
    if locked && machine.is_some() {
        return machine;
    }
    set(stored).or(machine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_setting_is_declared_once_in_its_place() {
        for (i, setting) in Setting::ALL.into_iter().enumerate() {
            assert_eq!(setting.spec().setting, setting);
            assert_eq!(setting as usize, i);
            assert_eq!(Setting::from_store_key(setting.store_key()), Some(setting));
            if let Some(name) = setting.machine_name() {
                assert_eq!(Setting::from_machine_name(name), Some(setting));
            }
        }
        let machine: Vec<Setting> = Setting::ALL
            .into_iter()
            .filter(|s| s.machine_name().is_some())
            .collect();
        assert_eq!(machine, Setting::MACHINE);
        assert_eq!(Setting::from_store_key("queue.key"), None);
        assert_eq!(Setting::from_machine_name("office_phone"), None);
    }

    #[test]
    fn defaults_and_the_data_folder() {
        let dir = Path::new("data");
        assert_eq!(
            Setting::QueuePath.default_value(dir),
            dir.join("central-queue.sqlite3").display().to_string()
        );
        assert_eq!(
            Setting::PdfDir.default_value(dir),
            dir.join("documents").display().to_string()
        );
        assert_eq!(Setting::Counter.default_value(dir), "1");
        assert_eq!(Setting::IdleLockMinutes.default_value(dir), "5");
        assert_eq!(Setting::Language.default_value(dir), "kk");
        assert_eq!(Setting::OfficeName.default_value(dir), "");
        assert_eq!(Setting::ReaderPort.default_value(dir), "");
        assert_eq!(Setting::ReaderBaud.default_value(dir), "9600");
        assert_eq!(Setting::ReaderParity.default_value(dir), "none");
        assert_eq!(Setting::ReaderFraming.default_value(dir), "crlf");
    }

    #[test]
    fn the_rule_locked_machine_then_user_then_machine() {
        for (machine, locked, stored, expected) in [
            (Some("m"), false, Some("u"), Some("u")),
            (Some("m"), true, Some("u"), Some("m")),
            (Some("m"), false, None, Some("m")),
            (Some("m"), false, Some("  "), Some("m")),
            (None, true, Some("u"), Some("u")),
            (Some(" "), true, Some("u"), Some("u")),
            (None, false, Some(""), None),
            (None, false, None, None),
        ] {
            assert_eq!(
                pick(machine, locked, stored).as_deref(),
                expected,
                "{machine:?} {locked} {stored:?}"
            );
        }
    }
}
