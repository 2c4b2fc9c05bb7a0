//! The serial passport reader in the window: started from the settings at each login
//! and after they are saved, stopped at logout; each frame its zones are used as a scan
//! on the screen in front. Also the look-up of the same person's recent requests for the
//! editor (`state::recent`).

use crate::domain::i18n::tr;
use crate::reader::{ReaderConfig, ReaderConfigError, ReaderEvent, ReaderHandle};
use crate::state::{Command, Screen};
use crate::store::RECENT_DAYS;

use super::DeskApp;

impl DeskApp {
    /// The serial reader's settings of the form, checked (`None`: no port named).
    pub fn reader_config(&self) -> Result<Option<ReaderConfig>, ReaderConfigError> {
        let s = &self.state.settings;
        ReaderConfig::parse(
            &s.reader_port,
            &s.reader_baud,
            &s.reader_parity,
            &s.reader_framing,
        )
    }

    /// Starts the serial reader the settings name (stopping the one running, unless it
    /// already runs on the same settings); stops it when none is named or the settings
    /// are wrong (then the error is shown).
    pub fn restart_reader(&mut self) {
        match self.reader_config() {
            Ok(Some(config)) => {
                if self.reader.as_ref().is_some_and(|r| *r.config() == config) {
                    return;
                }
                self.reader = None;
                self.reader_failed = false;
                self.reader = Some(ReaderHandle::start(config, self.repaint.clone()));
            }
            Ok(None) => self.reader = None,
            Err(e) => {
                self.reader = None;
                let text = e.message(self.state.lang);
                self.state.notify(text, true);
            }
        }
    }

    /// Takes in what the serial reader sent: zones go to the screen in front, failures
    /// are shown once (and the reconnection after one).
    pub(super) fn poll_reader(&mut self) {
        let Some(events) = self.reader.as_ref().map(ReaderHandle::poll) else {
            return;
        };
        let lang = self.state.lang;
        for event in events {
            match event {
                ReaderEvent::Zone(zone) => self.deliver_zone(zone),
                ReaderEvent::Failed(e) => {
                    self.reader_failed = true;
                    let text = e.message(lang);
                    self.state.notify(text, true);
                }
                ReaderEvent::Connected(port) => {
                    if std::mem::take(&mut self.reader_failed) {
                        let text = crate::domain::i18n::tr_args(
                            lang,
                            "reader-connected",
                            &[("port", port.into())],
                        );
                        self.state.notify(text, false);
                    }
                }
            }
        }
    }

    /// Uses a zone from the serial reader as a scan: on Today it opens a formation, in the
    /// editor it fills the MRZ box and is read; elsewhere (or locked) it is not used.
    pub fn deliver_zone(&mut self, zone: String) {
        let lang = self.state.lang;
        if self.state.user.is_none() || self.state.locked {
            self.state.notify(tr(lang, "reader-zone-unused"), true);
            return;
        }
        let today = self.state.now.date();
        match (&self.state.screen, self.state.editor.as_mut()) {
            (Screen::Editor, Some(ed)) => {
                ed.mrz_text = zone;
                ed.apply_mrz(today);
                ed.last_edit = self.state.now;
            }
            (Screen::Dashboard, _) => self.state.ask(Command::NewFromMrz(zone)),
            _ => self.state.notify(tr(lang, "reader-zone-unused"), true),
        }
    }

    /// Looks up the same person's requests of the last [`RECENT_DAYS`] days when the
    /// editor's document number, birth date or name changed.
    pub(super) fn check_recent(&mut self) {
        let since = self.state.now - chrono::Duration::days(RECENT_DAYS);
        let Some(ed) = self.state.editor.as_mut() else {
            return;
        };
        let Some(probe) = ed.recent.wanted(&ed.form) else {
            return;
        };
        let matches = self
            .store
            .recent_same_person(&probe, since)
            .unwrap_or_else(|e| {
                log::warn!("recent requests not looked up: {e}");
                Vec::new()
            });
        ed.recent.found(probe, matches);
    }
}
