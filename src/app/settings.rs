//! Loading and saving the window's [`Settings`] through the settings registry
//! (`crate::settings`): each value is the one in force — a locked machine value, else what
//! this PC's users saved in the store, else the machine value, else the default.

use std::path::Path;

use crate::machine_config::MachineConfig;
use crate::settings::Setting;
use crate::state::Settings;
use crate::store::Store;

use super::DeskApp;

/// The settings the form edits, in the order it shows them.
const EDITED: [Setting; 11] = [
    Setting::OfficeName,
    Setting::OfficeAddress,
    Setting::Counter,
    Setting::OfficePhone,
    Setting::QueuePath,
    Setting::PdfDir,
    Setting::IdleLockMinutes,
    Setting::ReaderPort,
    Setting::ReaderBaud,
    Setting::ReaderParity,
    Setting::ReaderFraming,
];

/// The form's field for `setting`; `None` for the language, which the window's language
/// switch sets rather than the form.
fn field(s: &mut Settings, setting: Setting) -> Option<&mut String> {
    match setting {
        Setting::OfficeName => Some(&mut s.office_name),
        Setting::OfficeAddress => Some(&mut s.office_address),
        Setting::Counter => Some(&mut s.counter),
        Setting::OfficePhone => Some(&mut s.clerk_phone),
        Setting::QueuePath => Some(&mut s.queue_path),
        Setting::PdfDir => Some(&mut s.pdf_dir),
        Setting::IdleLockMinutes => Some(&mut s.idle_minutes),
        Setting::ReaderPort => Some(&mut s.reader_port),
        Setting::ReaderBaud => Some(&mut s.reader_baud),
        Setting::ReaderParity => Some(&mut s.reader_parity),
        Setting::ReaderFraming => Some(&mut s.reader_framing),
        Setting::Language => None,
    }
}

/// The settings in force (see [`crate::settings::pick`]); a store that cannot be read
/// counts as one where nobody saved anything.
pub(super) fn load(store: &Store, data_dir: &Path, machine: &MachineConfig) -> Settings {
    let mut settings = Settings {
        locked: Setting::ALL
            .into_iter()
            .filter(|s| machine.is_locked(*s))
            .collect(),
        ..Settings::default()
    };
    for setting in EDITED {
        let value = machine
            .value_in_force_or_default(store, setting, data_dir)
            .unwrap_or_else(|_| {
                machine
                    .resolve(setting, None)
                    .unwrap_or_else(|| setting.default_value(data_dir))
            });
        if let Some(f) = field(&mut settings, setting) {
            *f = value;
        }
    }
    settings
}

impl DeskApp {
    /// Saves every setting of the form.
    pub fn save_settings(&mut self) -> Result<(), crate::store::StoreError> {
        let actor = self
            .state
            .user
            .as_ref()
            .map_or("system".to_string(), |u| u.login.clone());
        let now = self.state.now;
        let mut form = self.state.settings.clone();
        for setting in EDITED {
            // A locked setting keeps the machine's value; the store's copy stays untouched.
            if form.is_locked(setting) {
                continue;
            }
            let Some(value) = field(&mut form, setting) else {
                continue;
            };
            let key = setting.store_key();
            if self.store.setting(key)?.as_deref() != Some(value.as_str()) {
                self.store.set_setting(key, value, &actor, now)?;
            }
        }
        Ok(())
    }
}
