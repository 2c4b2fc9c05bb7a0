//! Loading and saving the window's [`Settings`]: what this PC's users saved in the store,
//! over the machine-wide configuration, over the defaults.

use crate::machine_config::{ConfigKey, MachineConfig};
use crate::printing::{
    SETTING_COUNTER, SETTING_OFFICE_ADDRESS, SETTING_OFFICE_NAME, SETTING_OFFICE_PHONE,
};
use crate::state::Settings;
use crate::store::Store;

use super::DeskApp;

/// The store keys of the settings, in the order of [`values`].
const KEYS: [&str; 7] = [
    SETTING_OFFICE_NAME,
    SETTING_OFFICE_ADDRESS,
    SETTING_COUNTER,
    SETTING_OFFICE_PHONE,
    "queue.path",
    "pdf.dir",
    "ui.idle_lock_minutes",
];

/// The settings' values, in the order of [`KEYS`].
fn values(s: &Settings) -> [&str; 7] {
    [
        &s.office_name,
        &s.office_address,
        &s.counter,
        &s.clerk_phone,
        &s.queue_path,
        &s.pdf_dir,
        &s.idle_minutes,
    ]
}

/// The settings: what this PC's users saved in the store, over the machine-wide
/// configuration, over the defaults; a key the machine configuration locks always
/// takes the machine's value.
pub(super) fn load(store: &Store, data_dir: &std::path::Path, machine: &MachineConfig) -> Settings {
    let pick =
        |key: ConfigKey, stored_key: &str, machine_value: Option<String>, default: String| {
            let machine_value = machine_value.filter(|v| !v.trim().is_empty());
            if machine.locked.contains(&key) {
                if let Some(v) = machine_value.clone() {
                    return v;
                }
            }
            let stored = store
                .setting(stored_key)
                .ok()
                .flatten()
                .filter(|v| !v.trim().is_empty());
            stored.or(machine_value).unwrap_or(default)
        };
    Settings {
        office_name: pick(
            ConfigKey::OfficeName,
            SETTING_OFFICE_NAME,
            machine.office_name.clone(),
            String::new(),
        ),
        office_address: pick(
            ConfigKey::OfficeAddress,
            SETTING_OFFICE_ADDRESS,
            machine.office_address.clone(),
            String::new(),
        ),
        counter: pick(
            ConfigKey::Counter,
            SETTING_COUNTER,
            machine.counter.clone(),
            "1".into(),
        ),
        clerk_phone: store
            .setting(SETTING_OFFICE_PHONE)
            .ok()
            .flatten()
            .unwrap_or_default(),
        queue_path: pick(
            ConfigKey::QueuePath,
            "queue.path",
            machine.queue_path.clone(),
            data_dir.join("central-queue.sqlite3").display().to_string(),
        ),
        pdf_dir: pick(
            ConfigKey::PdfDir,
            "pdf.dir",
            machine.pdf_dir.clone(),
            data_dir.join("documents").display().to_string(),
        ),
        idle_minutes: pick(
            ConfigKey::IdleLockMinutes,
            "ui.idle_lock_minutes",
            machine.idle_lock_minutes.map(|m| m.to_string()),
            "5".into(),
        ),
        locked: ConfigKey::ALL
            .into_iter()
            .filter(|k| machine.is_locked(*k))
            .collect(),
    }
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
        let values = values(&self.state.settings).map(str::to_string);
        for (k, v) in KEYS.iter().zip(values) {
            // A locked key keeps the machine's value; the store's copy stays untouched.
            if ConfigKey::from_store_key(k).is_some_and(|c| self.state.settings.is_locked(c)) {
                continue;
            }
            if self.store.setting(k)?.as_deref() != Some(v.as_str()) {
                self.store.set_setting(k, &v, &actor, now)?;
            }
        }
        Ok(())
    }
}
