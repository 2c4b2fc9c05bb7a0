//! The same person's requests of the last 30 days, next to the decision: each with its
//! name, submission date, status, why it matched, and a link that opens it.

use egui::{RichText, Ui};

use super::super::theme;
use super::super::widgets::show_time;
use crate::domain::i18n::{tr, tr_args, Msg};
use crate::domain::lang::Lang;
use crate::state::{Command, Editor, Screen};

/// Draws the warning when the request's person has recent requests.
pub fn recent_ui(ed: &Editor, lang: Lang, ui: &mut Ui, commands: &mut Vec<Command>) {
    if ed.recent.matches.is_empty() {
        return;
    }
    theme::banner(ui, theme::WARN_BG, theme::WARN, |ui| {
        ui.label(
            RichText::new(Msg("recent-title").get(lang))
                .strong()
                .color(theme::WARN),
        );
        for m in &ed.recent.matches {
            let why = match (m.same_document, m.same_name_and_birth) {
                (true, true) => format!(
                    "{}; {}",
                    tr(lang, "recent-same-document"),
                    tr(lang, "recent-same-name-birth")
                ),
                (true, false) => tr(lang, "recent-same-document"),
                _ => tr(lang, "recent-same-name-birth"),
            };
            let date = show_time(Some(&m.submitted_at));
            ui.horizontal_wrapped(|ui| {
                ui.label(tr_args(
                    lang,
                    "recent-row",
                    &[
                        ("name", m.name.clone().into()),
                        ("date", date.into()),
                        ("status", m.status.label(lang).into()),
                        ("why", why.into()),
                    ],
                ));
                if ui.link(Msg("recent-open").get(lang)).clicked() {
                    commands.push(Command::Show(Screen::Request(m.id.clone())));
                }
            });
        }
    });
}
