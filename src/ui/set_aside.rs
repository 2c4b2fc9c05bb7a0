//! The requests the central queue rejected and the sync set aside, with their reasons:
//! a notice under the sync's state on Today, for the clerk and the supervisor (a
//! supervisor sends one again with `iin-desk queue retry ID` once the cause is fixed).

use egui::{RichText, Ui};

use super::theme;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::queue::sync::SyncStatus;

/// Draws the set-aside requests, if there are any.
pub fn set_aside_ui(sync: Option<&SyncStatus>, lang: Lang, ui: &mut Ui) {
    let Some(status) = sync else { return };
    let lines = status.set_aside_lines(lang);
    if lines.is_empty() {
        return;
    }
    theme::banner(ui, theme::WARN_BG, theme::WARN, |ui| {
        ui.label(
            RichText::new(tr_args(
                lang,
                "server-set-aside-title",
                &[("n", lines.len().into())],
            ))
            .color(theme::WARN)
            .strong(),
        );
        for line in &lines {
            ui.label(line);
        }
        ui.label(RichText::new(tr(lang, "server-set-aside-hint")).color(theme::TEXT_WEAK));
    });
}
