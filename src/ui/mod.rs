//! The counter window's screens, widgets and theme. Screens draw from [`AppState`] and
//! its screens' models and ask for [`Command`]s (all in `crate::state`, as are the texts);
//! they never touch the store, and never import `app`: the app drives them through
//! [`root_ui`].

pub mod admin;
pub mod backoffice;
pub mod dashboard;
pub mod editor;
pub mod journal;
pub mod login;
pub mod queue_settings;
pub mod request_view;
pub mod set_aside;
pub mod theme;
pub mod widgets;

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::domain::account::Role;
use crate::domain::i18n::Msg;
use crate::domain::request::RequestKind;
use crate::state::{AppState, Command, Screen};

pub use crate::pdf::DocKind;

const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
const PRINT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::P);

/// Draws the whole window.
pub fn root_ui(state: &mut AppState, ui: &mut Ui) {
    if !state.set_up {
        login::setup_ui(state, ui);
        return;
    }
    let Some(user) = state.user.clone() else {
        login::login_ui(state, ui);
        return;
    };
    if state.locked {
        login::lock_ui(state, &user, ui);
        return;
    }
    if state.show_about {
        about_ui(state, ui);
    }
    if state.recovery_key.is_some() {
        recovery_key_ui(state, ui);
    }
    swallow_scan_enters(state, ui);
    if state.screen == Screen::Editor {
        editor::tab_order(ui);
    }
    shortcuts(state, ui);
    top_bar(state, &user, ui);
    state.tidy_notices();
    notices_ui(state, ui);
    match state.screen.clone() {
        Screen::Dashboard => dashboard::dashboard_ui(state, ui),
        Screen::Editor => editor::editor_ui(state, ui),
        Screen::Journal => journal::journal_ui(state, ui),
        Screen::Request(_) => request_view::request_ui(state, ui),
        Screen::Settings | Screen::Admin => admin::settings_ui(state, &user, ui),
        Screen::BackOffice => backoffice::backoffice_ui(state, ui),
    }
}

fn shortcuts(state: &mut AppState, ui: &mut Ui) {
    if ui.input_mut(|i| i.consume_shortcut(&NEW)) {
        state.ask(Command::NewRequest(RequestKind::Formation));
    }
    if ui.input_mut(|i| i.consume_shortcut(&FIND)) {
        state.ask(Command::Show(Screen::Journal));
        state.journal.focus_search = true;
    }
    if ui.input_mut(|i| i.consume_shortcut(&PRINT)) {
        if let (Screen::Request(id), Some(v)) = (&state.screen, &state.viewed) {
            if let Some(doc) = v.primary_document() {
                let id = id.clone();
                state.ask(Command::Print(id, doc));
            }
        }
    }
    if ui.input(|i| i.key_pressed(Key::Escape)) {
        match state.screen {
            Screen::Request(_) => state.ask(Command::Show(Screen::Journal)),
            Screen::Journal | Screen::Settings | Screen::Admin | Screen::BackOffice => {
                state.ask(Command::Show(Screen::Dashboard))
            }
            Screen::Dashboard => state.notices.clear(),
            // The editor reads Esc itself (a confirmation first, else back to Today).
            Screen::Editor => {}
        }
    }
}

/// Enters that trail a scan just read (a reader's final Enter, or CR and LF as two) are
/// part of the scan: they never reach the field or button the scan moved the focus to.
fn swallow_scan_enters(state: &AppState, ui: &mut Ui) {
    let now = widgets::scan_clock(ui);
    let scanning = state.dashboard_scan.swallows_enter(now)
        || state
            .editor
            .as_ref()
            .is_some_and(|e| e.mrz_scan.swallows_enter(now));
    if scanning {
        ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter));
    }
}

fn top_bar(state: &mut AppState, user: &crate::store::User, ui: &mut Ui) {
    let lang = state.lang;
    egui::Panel::top("top-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            // One line at 1366 px in every language; wraps only on narrower windows.
            ui.spacing_mut().item_spacing.x = 6.0;
            ui.label(
                RichText::new(Msg("window-app-title").get(lang))
                    .strong()
                    .color(theme::ACCENT),
            );
            ui.separator();
            let nav: [(Msg, Screen); 2] = [
                (Msg("window-nav-dashboard"), Screen::Dashboard),
                (Msg("window-nav-journal"), Screen::Journal),
            ];
            // A request opened from the journal is part of the journal.
            let current = match &state.screen {
                Screen::Request(_) => Screen::Journal,
                other => other.clone(),
            };
            for (label, screen) in nav {
                if ui
                    .selectable_label(current == screen, label.get(lang))
                    .clicked()
                {
                    state.ask(Command::Show(screen));
                }
            }
            if matches!(
                user.role,
                Role::Clerk | Role::Supervisor | Role::Administrator
            ) {
                // Marked while a request is being typed, as the other screens are.
                let new = egui::Button::selectable(
                    state.screen == Screen::Editor,
                    format!("+ {}", Msg("window-nav-new").get(lang)),
                );
                egui::containers::menu::MenuButton::from_button(new).ui(ui, |ui| {
                    for kind in RequestKind::ALL {
                        if ui.button(kind.label(lang)).clicked() {
                            state.ask(Command::NewRequest(kind));
                        }
                    }
                });
            }
            if matches!(user.role, Role::BackOffice | Role::Administrator)
                && ui
                    .selectable_label(
                        state.screen == Screen::BackOffice,
                        Msg("window-nav-back-office").get(lang),
                    )
                    .clicked()
            {
                state.ask(Command::Show(Screen::BackOffice));
            }
            let settings_label = if user.role == Role::Administrator {
                Msg("window-nav-admin")
            } else {
                Msg("window-nav-settings")
            };
            if ui
                .selectable_label(
                    matches!(state.screen, Screen::Settings | Screen::Admin),
                    settings_label.get(lang),
                )
                .clicked()
            {
                state.ask(Command::Show(Screen::Settings));
            }
            ui.separator();
            // The combo shows the language's own name; "Language" is its tooltip.
            widgets::language_combo(state, ui);
            ui.separator();

            if ui.button(Msg("window-about").get(lang)).clicked() {
                state.show_about = true;
            }
            // Who is logged in is the Lock and Log out buttons' tooltip (and the lock
            // screen's line): the bar stays one line at 1366 px in every language.
            let who = format!("{} · {}", user.full_name, user.role.label(lang));
            if ui
                .button(Msg("window-lock").get(lang))
                .on_hover_text(&who)
                .clicked()
            {
                state.ask(Command::Lock);
            }
            if ui
                .button(Msg("window-log-out").get(lang))
                .on_hover_text(&who)
                .clicked()
            {
                state.ask(Command::Logout);
            }
        });
    });
}

/// The About dialog: version, the edition of the Rules, and the bundled licences.
/// The recovery key, shown once: after set-up, or after a login encrypted an old store.
fn recovery_key_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let Some(key) = state.recovery_key.clone() else {
        return;
    };
    let mut done = false;
    egui::Modal::new(egui::Id::unique("recovery-key")).show(ui.ctx(), |ui| {
        ui.set_max_width(640.0);
        ui.heading(Msg("window-recovery-key").get(lang));
        ui.label(Msg("window-recovery-key-help").get(lang));
        ui.add_space(theme::ROW_GAP);
        ui.label(RichText::new(&key).monospace().size(18.0).strong());
        ui.add_space(theme::ROW_GAP);
        if ui
            .button(Msg("window-recovery-key-done").get(lang))
            .clicked()
        {
            done = true;
        }
    });
    if done {
        state.recovery_key = None;
    }
}

fn about_ui(state: &mut AppState, ui: &mut Ui) {
    let about = crate::about::about_text(state.lang, state.now.date());
    let lang = state.lang;
    let mut close = ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
    egui::Modal::new(egui::Id::unique("about")).show(ui.ctx(), |ui| {
        ui.set_max_width(640.0);
        ui.heading(about.title);
        ui.label(RichText::new(about.name).strong());
        ui.label(about.summary);
        egui::Grid::new("about-rows").num_columns(2).show(ui, |ui| {
            for (label, value) in &about.rows {
                ui.label(RichText::new(*label).color(theme::TEXT_WEAK));
                ui.label(value);
                ui.end_row();
            }
        });
        ui.label(RichText::new(about.third_party_heading).strong());
        licences_ui(ui);
        if ui.button(Msg("window-close").get(lang)).clicked() {
            close = true;
        }
    });
    if close {
        state.show_about = false;
    }
}

/// The third-party licences: the crates as a table, then the fonts and data as text.
fn licences_ui(ui: &mut Ui) {
    let crates = crate::licences::crates();
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            egui::Grid::new("about-crates")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for c in crates {
                        ui.label(RichText::new(&c.name).small());
                        ui.label(RichText::new(&c.version).small().color(theme::TEXT_WEAK));
                        ui.label(RichText::new(&c.licence).small());
                        ui.end_row();
                    }
                });
            for n in crate::licences::notices() {
                ui.add_space(6.0);
                ui.label(RichText::new(&n.heading).small().strong());
                ui.label(RichText::new(&n.text).small());
            }
        });
}

fn notices_ui(state: &mut AppState, ui: &mut Ui) {
    if state.notices.is_empty() {
        return;
    }
    let mut close = false;
    let mut commands = Vec::new();
    egui::Panel::bottom("notices").show(ui, |ui| {
        for n in &state.notices {
            let (fill, color) = if n.is_error {
                (theme::ERROR_BG, theme::ERROR)
            } else {
                (theme::OK_BG, theme::OK)
            };
            theme::banner(ui, fill, color, |ui| {
                ui.label(RichText::new(&n.text).color(color));
                if let Some(dir) = &n.folder {
                    if ui
                        .button(Msg("clerk-open-folder").get(state.lang))
                        .clicked()
                    {
                        commands.push(Command::OpenFolder(dir.clone()));
                    }
                }
            });
        }
        if ui
            .small_button(Msg("window-close").get(state.lang))
            .clicked()
        {
            close = true;
        }
    });
    if close {
        state.notices.clear();
    }
    for c in commands {
        state.ask(c);
    }
}
