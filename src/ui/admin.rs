//! Settings (everyone) and administration (administrators): accounts and the working
//! calendar's exceptions.

use egui::{RichText, TextEdit, Ui};

use super::text as t;
use super::{theme, widgets};
use crate::domain::account::Role;
use crate::domain::calendar::ExceptionKind;
use crate::settings::Setting;
use crate::state::{AppState, Command};
use crate::store::User;

fn row(ui: &mut Ui, label: &str, text: &mut String) -> egui::Response {
    let l = ui.label(label);
    let r = ui
        .add(TextEdit::singleline(text).desired_width(theme::FIELD_WIDTH * 1.4))
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A settings row, read-only with a note when the machine configuration locks it; `extra`
/// draws what follows the field (a Browse button) when it is editable.
fn setting_row(
    ui: &mut Ui,
    lang: crate::domain::lang::Lang,
    label: &str,
    text: &mut String,
    locked: bool,
    extra: impl FnOnce(&mut Ui),
) {
    let l = ui.label(label);
    ui.horizontal(|ui| {
        ui.add_enabled(
            !locked,
            TextEdit::singleline(text).desired_width(theme::FIELD_WIDTH * 1.4),
        )
        .labelled_by(l.id);
        if locked {
            ui.label(RichText::new(t::LOCKED_BY_MACHINE.get(lang)).italics())
                .on_hover_text(
                    crate::machine_config::machine_config_path()
                        .display()
                        .to_string(),
                );
        } else {
            extra(ui);
        }
    });
    ui.end_row();
}

/// Draws settings, and for an administrator the administration sections.
pub fn settings_ui(state: &mut AppState, user: &User, ui: &mut Ui) {
    let lang = state.lang;
    let mut commands = Vec::new();
    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(t::NAV_SETTINGS.get(lang));
            ui.horizontal(|ui| widgets::language_ui(state, ui));
            let s = &mut state.settings;
            egui::Grid::new("settings")
                .num_columns(2)
                .min_col_width(theme::LABEL_WIDTH)
                .show(ui, |ui| {
                    let locked = |k| s.is_locked(k);
                    let (name, address, counter, queue, pdf, idle) = (
                        locked(Setting::OfficeName),
                        locked(Setting::OfficeAddress),
                        locked(Setting::Counter),
                        locked(Setting::QueuePath),
                        locked(Setting::PdfDir),
                        locked(Setting::IdleLockMinutes),
                    );
                    let none = |_: &mut Ui| {};
                    setting_row(
                        ui,
                        lang,
                        t::OFFICE_NAME.get(lang),
                        &mut s.office_name,
                        name,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        t::OFFICE_ADDRESS.get(lang),
                        &mut s.office_address,
                        address,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        t::COUNTER_NUMBER.get(lang),
                        &mut s.counter,
                        counter,
                        none,
                    );
                    row(ui, t::CLERK_PHONE.get(lang), &mut s.clerk_phone);
                    setting_row(
                        ui,
                        lang,
                        t::IDLE_MINUTES.get(lang),
                        &mut s.idle_minutes,
                        idle,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        t::QUEUE_PATH.get(lang),
                        &mut s.queue_path,
                        queue,
                        |ui| {
                            if ui.button(t::BROWSE.get(lang)).clicked() {
                                commands.push(Command::ChooseQueuePath);
                            }
                        },
                    );
                    setting_row(ui, lang, t::PDF_DIR.get(lang), &mut s.pdf_dir, pdf, |ui| {
                        if ui.button(t::BROWSE.get(lang)).clicked() {
                            commands.push(Command::ChoosePdfDir);
                        }
                    });
                });
            if ui.button(t::SAVE.get(lang)).clicked() {
                commands.push(Command::SaveSettings);
            }
            if user.role == Role::Administrator {
                users_ui(state, ui, &mut commands);
                keys_ui(state, ui, &mut commands);
                calendar_ui(state, ui, &mut commands);
            }
        });
    });
    for c in commands {
        state.ask(c);
    }
}

fn users_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, t::USERS.get(lang));
    egui::Grid::new("users")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [t::LOGIN, t::FULL_NAME, t::ROLE, t::ACTIVE] {
                ui.label(RichText::new(h.get(lang)).strong());
            }
            ui.end_row();
            for u in &state.admin.users {
                ui.label(&u.login);
                ui.label(&u.full_name);
                ui.label(u.role.label(lang));
                if state.admin.without_key.contains(&u.login) {
                    ui.label(RichText::new(t::NEEDS_PASSWORD.get(lang)).color(theme::WARN));
                } else {
                    ui.label(if u.active { "✔" } else { "—" });
                }
                ui.horizontal(|ui| {
                    let (label, active) = if u.active {
                        (t::DISABLE, false)
                    } else {
                        (t::ENABLE, true)
                    };
                    if ui
                        .button(format!("{} {}", label.get(lang), u.login))
                        .clicked()
                    {
                        commands.push(Command::SetUserActive(u.login.clone(), active));
                    }
                    if ui
                        .button(format!("{} {}", t::SET_PASSWORD.get(lang), u.login))
                        .clicked()
                    {
                        commands.push(Command::ResetPassword(u.login.clone()));
                    }
                });
                ui.end_row();
            }
        });
    ui.add_space(theme::ROW_GAP);
    let a = &mut state.admin;
    ui.label(RichText::new(t::ADD_USER.get(lang)).strong());
    egui::Grid::new("add-user")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            row(ui, t::LOGIN.get(lang), &mut a.login);
            row(ui, t::FULL_NAME.get(lang), &mut a.full_name);
            let l = ui.label(t::ROLE.get(lang));
            egui::ComboBox::from_id_salt("new-user-role")
                .selected_text(Role::from_key(&a.role).map_or("", |r| r.label(lang)))
                .show_ui(ui, |ui| {
                    for r in Role::ALL {
                        if ui
                            .selectable_label(a.role == r.key(), r.label(lang))
                            .clicked()
                        {
                            a.role = r.key().into();
                        }
                    }
                })
                .response
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(format!(
                "{} / {}",
                t::PASSWORD.get(lang),
                t::NEW_PASSWORD.get(lang)
            ));
            ui.add(
                TextEdit::singleline(&mut a.password)
                    .password(true)
                    .desired_width(theme::FIELD_WIDTH),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    if ui.button(t::ADD_USER.get(lang)).clicked() {
        commands.push(Command::AddUser);
    }
}

/// Keys and logins (administrator): the recovery key, the office's queue key, the lockout.
fn keys_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, t::KEYS.get(lang));
    ui.label(t::KEYS_HELP.get(lang));
    ui.horizontal_wrapped(|ui| {
        if ui.button(t::NEW_RECOVERY_KEY.get(lang)).clicked() {
            commands.push(Command::NewRecoveryKey);
        }
        if ui.button(t::EXPORT_QUEUE_KEY.get(lang)).clicked() {
            commands.push(Command::ExportQueueKey);
        }
        if ui.button(t::IMPORT_QUEUE_KEY.get(lang)).clicked() {
            commands.push(Command::ImportQueueKey);
        }
    });
    ui.add_space(theme::ROW_GAP);
    let a = &mut state.admin;
    egui::Grid::new("lockout")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            row(ui, t::LOCKOUT_FAILURES.get(lang), &mut a.max_failures);
            row(ui, t::LOCKOUT_MINUTES.get(lang), &mut a.lockout_minutes);
        });
    if ui.button(t::SAVE_LOCKOUT.get(lang)).clicked() {
        commands.push(Command::SaveLockout);
    }
}

fn calendar_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, t::CALENDAR.get(lang));
    if ui.button(t::IMPORT_CALENDAR.get(lang)).clicked() {
        commands.push(Command::ImportCalendar);
    }
    egui::Grid::new("calendar")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for e in &state.admin.exceptions {
                ui.label(e.date.format("%d.%m.%Y").to_string());
                ui.label(match e.kind {
                    ExceptionKind::Working => t::WORKING_DAY.get(lang),
                    ExceptionKind::Holiday => t::DAY_OFF.get(lang),
                });
                ui.label(&e.note);
                ui.end_row();
            }
        });
}
