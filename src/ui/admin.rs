//! Settings (everyone) and administration (administrators): accounts and the working
//! calendar's exceptions.

use egui::{RichText, TextEdit, Ui};

use super::{theme, widgets};
use crate::domain::account::Role;
use crate::domain::calendar::ExceptionKind;
use crate::domain::i18n::Msg;
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
            ui.label(RichText::new(Msg("window-locked-by-machine").get(lang)).italics())
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
            ui.heading(Msg("window-nav-settings").get(lang));
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
                        Msg("window-office-name").get(lang),
                        &mut s.office_name,
                        name,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        Msg("window-office-address").get(lang),
                        &mut s.office_address,
                        address,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        Msg("window-counter-number").get(lang),
                        &mut s.counter,
                        counter,
                        none,
                    );
                    row(ui, Msg("window-clerk-phone").get(lang), &mut s.clerk_phone);
                    setting_row(
                        ui,
                        lang,
                        Msg("window-idle-minutes").get(lang),
                        &mut s.idle_minutes,
                        idle,
                        none,
                    );
                    setting_row(
                        ui,
                        lang,
                        Msg("window-queue-path").get(lang),
                        &mut s.queue_path,
                        queue,
                        |ui| {
                            if ui.button(Msg("window-browse").get(lang)).clicked() {
                                commands.push(Command::ChooseQueuePath);
                            }
                        },
                    );
                    setting_row(
                        ui,
                        lang,
                        Msg("window-pdf-dir").get(lang),
                        &mut s.pdf_dir,
                        pdf,
                        |ui| {
                            if ui.button(Msg("window-browse").get(lang)).clicked() {
                                commands.push(Command::ChoosePdfDir);
                            }
                        },
                    );
                });
            super::queue_settings::queue_check_ui(state, ui);
            reader_ui(state, ui);
            if ui.button(Msg("window-save").get(lang)).clicked() {
                commands.push(Command::SaveSettings);
            }
            if user.role == Role::Administrator {
                super::queue_settings::server_password_ui(state, ui, &mut commands);
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

/// The serial passport reader: port, baud rate, parity and framing; a wrong value is
/// named under the fields as it is typed (and *Save* refuses it).
fn reader_ui(state: &mut AppState, ui: &mut Ui) {
    use crate::domain::mrz::frame::Framing;
    use crate::reader::{framing_label, Parity, ReaderConfig};
    let lang = state.lang;
    let s = &mut state.settings;
    let locked = [
        Setting::ReaderPort,
        Setting::ReaderBaud,
        Setting::ReaderParity,
        Setting::ReaderFraming,
    ]
    .map(|k| s.is_locked(k));
    widgets::section(ui, Msg("reader-section").get(lang));
    egui::Grid::new("reader-settings")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            let l = ui.label(Msg("reader-port").get(lang));
            ui.add_enabled(
                !locked[0],
                TextEdit::singleline(&mut s.reader_port)
                    .hint_text(Msg("reader-port-hint").get(lang))
                    .desired_width(theme::FIELD_WIDTH * 1.4),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(Msg("reader-baud").get(lang));
            ui.add_enabled(
                !locked[1],
                TextEdit::singleline(&mut s.reader_baud).desired_width(theme::FIELD_WIDTH),
            )
            .labelled_by(l.id);
            ui.end_row();
            let parity = Parity::from_key(&s.reader_parity).unwrap_or_default();
            let l = ui.label(Msg("reader-parity").get(lang));
            ui.add_enabled_ui(!locked[2], |ui| {
                egui::ComboBox::from_id_salt("reader-parity")
                    .selected_text(parity.label(lang))
                    .show_ui(ui, |ui| {
                        for p in Parity::ALL {
                            if ui.selectable_label(p == parity, p.label(lang)).clicked() {
                                s.reader_parity = p.key().to_string();
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.end_row();
            let framing = Framing::from_key(&s.reader_framing).unwrap_or_default();
            let l = ui.label(Msg("reader-framing").get(lang));
            ui.add_enabled_ui(!locked[3], |ui| {
                egui::ComboBox::from_id_salt("reader-framing")
                    .selected_text(framing_label(framing, lang))
                    .show_ui(ui, |ui| {
                        for f in Framing::ALL {
                            if ui
                                .selectable_label(f == framing, framing_label(f, lang))
                                .clicked()
                            {
                                s.reader_framing = f.key().to_string();
                            }
                        }
                    })
                    .response
                    .labelled_by(l.id);
            });
            ui.end_row();
        });
    if let Err(e) = ReaderConfig::parse(
        &s.reader_port,
        &s.reader_baud,
        &s.reader_parity,
        &s.reader_framing,
    ) {
        ui.label(RichText::new(e.message(lang)).color(theme::ERROR));
    }
    if locked.iter().any(|l| *l) {
        ui.label(RichText::new(Msg("window-locked-by-machine").get(lang)).italics());
    }
}

fn users_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, Msg("window-users").get(lang));
    egui::Grid::new("users")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in [
                Msg("window-login"),
                Msg("window-full-name"),
                Msg("window-role"),
                Msg("window-active"),
            ] {
                ui.label(RichText::new(h.get(lang)).strong());
            }
            ui.end_row();
            for u in &state.admin.users {
                ui.label(&u.login);
                ui.label(&u.full_name);
                ui.label(u.role.label(lang));
                if state.admin.without_key.contains(&u.login) {
                    ui.label(
                        RichText::new(Msg("window-needs-password").get(lang)).color(theme::WARN),
                    );
                } else {
                    ui.label(if u.active { "✔" } else { "—" });
                }
                ui.horizontal(|ui| {
                    let (label, active) = if u.active {
                        (Msg("window-disable"), false)
                    } else {
                        (Msg("window-enable"), true)
                    };
                    if ui
                        .button(format!("{} {}", label.get(lang), u.login))
                        .clicked()
                    {
                        commands.push(Command::SetUserActive(u.login.clone(), active));
                    }
                    if ui
                        .button(format!(
                            "{} {}",
                            Msg("window-set-password").get(lang),
                            u.login
                        ))
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
    ui.label(RichText::new(Msg("window-add-user").get(lang)).strong());
    egui::Grid::new("add-user")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            row(ui, Msg("window-login").get(lang), &mut a.login);
            row(ui, Msg("window-full-name").get(lang), &mut a.full_name);
            let l = ui.label(Msg("window-role").get(lang));
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
                Msg("window-password").get(lang),
                Msg("window-new-password").get(lang)
            ));
            ui.add(
                TextEdit::singleline(&mut a.password)
                    .password(true)
                    .desired_width(theme::FIELD_WIDTH),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    if ui.button(Msg("window-add-user").get(lang)).clicked() {
        commands.push(Command::AddUser);
    }
}

/// Keys and logins (administrator): the recovery key, the office's queue key, the lockout.
fn keys_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, Msg("window-keys").get(lang));
    ui.label(Msg("window-keys-help").get(lang));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(Msg("window-new-recovery-key").get(lang))
            .clicked()
        {
            commands.push(Command::NewRecoveryKey);
        }
        if ui
            .button(Msg("window-export-queue-key").get(lang))
            .clicked()
        {
            commands.push(Command::ExportQueueKey);
        }
        if ui
            .button(Msg("window-import-queue-key").get(lang))
            .clicked()
        {
            commands.push(Command::ImportQueueKey);
        }
    });
    ui.add_space(theme::ROW_GAP);
    let a = &mut state.admin;
    egui::Grid::new("lockout")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            row(
                ui,
                Msg("window-lockout-failures").get(lang),
                &mut a.max_failures,
            );
            row(
                ui,
                Msg("window-lockout-minutes").get(lang),
                &mut a.lockout_minutes,
            );
        });
    if ui.button(Msg("window-save-lockout").get(lang)).clicked() {
        commands.push(Command::SaveLockout);
    }
}

fn calendar_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    widgets::section(ui, Msg("window-calendar").get(lang));
    if ui.button(Msg("window-import-calendar").get(lang)).clicked() {
        commands.push(Command::ImportCalendar);
    }
    egui::Grid::new("calendar")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for e in &state.admin.exceptions {
                ui.label(e.date.format("%d.%m.%Y").to_string());
                ui.label(match e.kind {
                    ExceptionKind::Working => Msg("window-working-day").get(lang),
                    ExceptionKind::Holiday => Msg("window-day-off").get(lang),
                });
                ui.label(&e.note);
                ui.end_row();
            }
        });
}
