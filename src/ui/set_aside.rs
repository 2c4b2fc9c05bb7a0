//! The requests the central queue rejected and the sync set aside, with their reasons:
//! a box under the sync's state on Today, for the clerk and the supervisor. A supervisor
//! or an administrator sends one again with *Send again* (as `iin-desk queue retry ID`)
//! once the cause is fixed; a clerk sees the button disabled, told to call the supervisor.

use egui::{RichText, Ui};

use super::theme;
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::queue::reject::{may_retry, set_aside_line};
use crate::state::{AppState, Command};

/// Whether the logged-in account may send a set-aside request again.
pub fn may_send_again(state: &AppState) -> bool {
    state.user.as_ref().is_some_and(|u| may_retry(u.role))
}

/// The *Send again* button of the request `id`: enabled for a supervisor or an
/// administrator (`may`), else disabled, its tooltip saying why. Pushes
/// [`Command::SendAgain`] when clicked.
pub fn send_again_button(
    ui: &mut Ui,
    id: &str,
    may: bool,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let button = egui::Button::new(Msg("set-aside-send-again").get(lang));
    let r = ui
        .add_enabled(may, button)
        .on_disabled_hover_text(Msg("set-aside-clerk-cannot").get(lang));
    if r.clicked() {
        commands.push(Command::SendAgain(id.to_string()));
    }
}

/// The hint under the requests set aside: what the supervisor does, or whom the clerk
/// calls.
pub fn hint(may: bool, lang: Lang) -> &'static str {
    if may {
        Msg("set-aside-supervisor-hint").get(lang)
    } else {
        Msg("server-set-aside-hint").get(lang)
    }
}

/// Draws the set-aside requests, if there are any, each with *Send again*.
pub fn set_aside_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    state.journal.set_aside.follow_sync(state.sync.as_ref());
    if state.journal.set_aside.is_empty() {
        return;
    }
    let may = may_send_again(state);
    let list = state.journal.set_aside.list();
    theme::banner(ui, theme::WARN_BG, theme::WARN, |ui| {
        ui.label(
            RichText::new(tr_args(
                lang,
                "server-set-aside-title",
                &[("n", list.len().into())],
            ))
            .color(theme::WARN)
            .strong(),
        );
        for entry in &list {
            ui.horizontal_wrapped(|ui| {
                send_again_button(ui, &entry.id, may, lang, commands);
                ui.label(set_aside_line(entry, lang));
            });
        }
        ui.label(RichText::new(hint(may, lang)).color(theme::TEXT_WEAK));
    });
}
