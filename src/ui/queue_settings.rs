//! The Settings screen's queue server part: whether the queue setting as typed is usable
//! (any path is a file; a `postgresql://` URL must parse and hold no password), and, for
//! the administrator, the server login's password, kept sealed in the encrypted store —
//! never in the configuration file, on a command line or in the event log.

use egui::{RichText, Ui};

use super::{theme, widgets};
use crate::domain::i18n::tr;
use crate::queue::QueueLocation;
use crate::state::{AppState, Command};

/// Under the settings: what is wrong with the queue setting as typed, if anything.
pub fn queue_check_ui(state: &AppState, ui: &mut Ui) {
    if let Err(e) = QueueLocation::check_setting(&state.settings.queue_path) {
        ui.label(RichText::new(e.message(state.lang)).color(theme::ERROR));
    }
}

/// The queue server password (administrator), when the queue setting is a server.
pub fn server_password_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    if !QueueLocation::parse(&state.settings.queue_path).is_server() {
        return;
    }
    widgets::section(ui, &tr(lang, "server-settings-title"));
    ui.label(RichText::new(tr(lang, "server-settings-hint")).color(theme::TEXT_WEAK));
    ui.horizontal(|ui| {
        let label = ui.label(tr(lang, "server-settings-password"));
        ui.add(
            egui::TextEdit::singleline(&mut state.admin.server_password)
                .password(true)
                .desired_width(240.0),
        )
        .labelled_by(label.id);
        if ui.button(tr(lang, "server-settings-keep")).clicked() {
            commands.push(Command::KeepServerPassword);
        }
        if ui.button(tr(lang, "server-settings-clear")).clicked() {
            commands.push(Command::ClearServerPassword);
        }
    });
}
