//! The first-start, login and lock screens.

use egui::{RichText, TextEdit, Ui};

use super::{theme, widgets};
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::state::{AppState, Command, StoreOpening};
use crate::store::User;

fn centered(ui: &mut Ui, add: impl FnOnce(&mut Ui)) {
    egui::CentralPanel::default_margins().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(80.0);
            ui.set_max_width(460.0);
            add(ui);
        });
    });
}

fn field(ui: &mut Ui, label: &str, text: &mut String, password: bool) -> egui::Response {
    let l = ui.label(label);
    ui.add(
        TextEdit::singleline(text)
            .password(password)
            .desired_width(320.0),
    )
    .labelled_by(l.id)
}

fn error_ui(ui: &mut Ui, error: &Option<String>) {
    if let Some(e) = error {
        ui.label(RichText::new(e).color(theme::ERROR));
    }
}

/// First start: create the administrator.
pub fn setup_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    centered(ui, |ui| {
        ui.horizontal(|ui| widgets::language_ui(state, ui));
        ui.heading(Msg("window-setup-title").get(lang));
        ui.add_space(theme::SECTION_GAP);
        let f = &mut state.login;
        field(ui, Msg("window-login").get(lang), &mut f.login, false);
        field(
            ui,
            Msg("window-full-name").get(lang),
            &mut f.full_name,
            false,
        );
        field(ui, Msg("window-password").get(lang), &mut f.password, true);
        let r = field(
            ui,
            Msg("window-password-again").get(lang),
            &mut f.password_again,
            true,
        );
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        error_ui(ui, &f.error);
        if ui.button(Msg("window-create-admin").get(lang)).clicked() || enter {
            state.ask(Command::CreateAdmin);
        }
    });
}

/// The login screen.
pub fn login_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    centered(ui, |ui| {
        ui.horizontal(|ui| widgets::language_ui(state, ui));
        ui.heading(Msg("window-login-title").get(lang));
        ui.add_space(theme::SECTION_GAP);
        if let Some(opening) = state.opening.as_mut() {
            opening_ui(opening, lang, ui);
            return;
        }
        let f = &mut state.login;
        let login = field(ui, Msg("window-login").get(lang), &mut f.login, false);
        if f.login.is_empty()
            && !ui.memory(|m| m.has_focus(login.id))
            && ui.memory(|m| m.focused().is_none())
        {
            login.request_focus();
        }
        let r = field(ui, Msg("window-password").get(lang), &mut f.password, true);
        // Enter in the login goes on to the password.
        if login.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            r.request_focus();
            ui.ctx().request_repaint();
        }
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        error_ui(ui, &f.error);
        if ui.button(Msg("window-log-in").get(lang)).clicked() || enter {
            state.ask(Command::Login);
        }
    });
}

/// The store opening after the login while its migration builds the search index: the
/// count, rate and time left, and Cancel (the migration rolls back; the user is logged
/// out).
fn opening_ui(opening: &mut StoreOpening, lang: Lang, ui: &mut Ui) {
    use crate::queue::sync_progress::grouped;
    if opening.finishing() {
        finishing_ui(opening, lang, ui);
        return;
    }
    let label = tr_args(
        lang,
        "progress-window-index",
        &[
            ("done", grouped(lang, opening.done).into()),
            ("total", grouped(lang, opening.total).into()),
        ],
    );
    let counts = (opening.done, opening.total, opening.started.elapsed());
    let cancel = (!opening.cancel_requested).then(|| Msg("progress-window-index-cancel").get(lang));
    if widgets::progress_bar(ui, lang, &label, counts, cancel) {
        opening.cancel_requested = true;
        ui.ctx().request_repaint();
    }
}

/// The opening past the index build: the migration commits and an old store is
/// encrypted, which nothing can stop safely any more — said in words with a spinner (no
/// count, no time left), and Cancel greyed out.
fn finishing_ui(opening: &StoreOpening, lang: Lang, ui: &mut Ui) {
    let step = if opening.encrypts {
        "fixes-opening-encrypting"
    } else {
        "fixes-opening-finishing"
    };
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.add(egui::Spinner::new());
            ui.label(Msg(step).get(lang));
        });
        ui.label(RichText::new(Msg("fixes-opening-no-cancel").get(lang)).color(theme::TEXT_WEAK));
        ui.add_enabled(
            false,
            egui::Button::new(Msg("progress-window-index-cancel").get(lang)),
        );
    });
}

/// The lock screen: only the same account's password unlocks it.
pub fn lock_ui(state: &mut AppState, user: &User, ui: &mut Ui) {
    let lang = state.lang;
    centered(ui, |ui| {
        ui.heading(Msg("window-locked-title").get(lang));
        ui.label(format!("{} ({})", user.full_name, user.login));
        ui.add_space(theme::SECTION_GAP);
        let f = &mut state.login;
        let r = field(ui, Msg("window-password").get(lang), &mut f.password, true);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        error_ui(ui, &f.error);
        let (unlock, log_out) = ui
            .horizontal(|ui| {
                (
                    ui.button(Msg("window-unlock").get(lang)),
                    ui.button(Msg("window-log-out").get(lang)),
                )
            })
            .inner;
        if unlock.clicked() || enter {
            state.ask(Command::Unlock);
        }
        if log_out.clicked() {
            state.ask(Command::Logout);
        }
        // The only thing to type here is the password: its field has the focus unless
        // the clerk moved to a button (the screen that was locked had its own focus).
        let ours = [r.id, unlock.id, log_out.id];
        if !ui.memory(|m| m.focused().is_some_and(|id| ours.contains(&id))) {
            r.request_focus();
            ui.ctx().request_repaint();
        }
    });
}
