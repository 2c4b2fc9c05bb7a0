//! Today at this counter: the day's requests with status and deadline (overdue ones
//! highlighted), the clerk's unfinished drafts, and the state of the sync.

use egui::{RichText, Ui};

use super::widgets::{is_overdue, short_id, show_time};
use super::{theme, widgets};
use crate::domain::account::Role;
use crate::domain::i18n::{tr, tr_args, Msg};
use crate::domain::lang::Lang;
use crate::domain::request::{RequestKind, Status};
use crate::state::{AppState, Command, Screen};
use crate::store::RequestRow;

fn kind_label(key: &str, lang: Lang) -> &'static str {
    RequestKind::from_key(key).map_or("", |k| k.label(lang))
}

/// Draws the dashboard.
pub fn dashboard_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let now = state.now;
    let mut commands = Vec::new();
    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(Msg("window-today-at-counter").get(lang));
                ui.label(
                    RichText::new(format!("№ {}", state.settings.counter)).color(theme::TEXT_WEAK),
                );
            });
            if sync_ui(state, ui, &mut commands) {
                state.cancel_sync = true;
                ui.ctx().request_repaint();
            }
            super::set_aside::set_aside_ui(state, ui, &mut commands);
            ui.horizontal(|ui| {
                if ui
                    .button(Msg("window-register-counter").get(lang))
                    .clicked()
                {
                    commands.push(Command::PrintRegister(Some(state.settings.counter.clone())));
                }
                let supervises = state
                    .user
                    .as_ref()
                    .is_some_and(|u| matches!(u.role, Role::Supervisor | Role::Administrator));
                if supervises && ui.button(Msg("window-register-office").get(lang)).clicked() {
                    commands.push(Command::PrintRegister(None));
                }
            });
            ui.add_space(theme::SECTION_GAP);
            scan_ui(state, ui, &mut commands);
            ui.add_space(theme::SECTION_GAP);
            if state.today.is_empty() {
                ui.label(
                    RichText::new(Msg("window-no-requests-today").get(lang))
                        .color(theme::TEXT_WEAK),
                );
            } else {
                rows_table(ui, &state.today, lang, now, &mut commands);
            }
            drafts_ui(state, ui, &mut commands);
        });
    });
    for c in commands {
        state.ask(c);
    }
}

/// The clerk's drafts: the applicant's name, the kind, *Continue* and *Discard…* (with
/// a confirmation naming the applicant).
fn drafts_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    if state.drafts.is_empty() {
        return;
    }
    widgets::section(ui, Msg("window-drafts").get(lang));
    for d in &state.drafts {
        ui.horizontal(|ui| {
            ui.label(RichText::new(draft_name(d, lang)).strong());
            ui.label(
                RichText::new(format!(
                    "{} · № {}",
                    kind_label(&d.kind, lang),
                    short_id(&d.id)
                ))
                .color(theme::TEXT_WEAK),
            );
            if ui.button(Msg("window-continue").get(lang)).clicked() {
                commands.push(Command::OpenDraft(d.id.clone()));
            }
            if ui.button(Msg("clerk-discard-draft").get(lang)).clicked() {
                state.confirm_discard = Some(d.id.clone());
            }
        });
    }
    let Some(id) = state.confirm_discard.clone() else {
        return;
    };
    let Some(d) = state.drafts.iter().find(|d| d.id == id) else {
        state.confirm_discard = None;
        return;
    };
    let name = draft_name(d, lang);
    let mut close = false;
    egui::Modal::new(egui::Id::unique("iin-desk-discard-draft")).show(ui.ctx(), |ui| {
        ui.set_max_width(520.0);
        ui.heading(Msg("clerk-discard-title").get(lang));
        ui.label(tr_args(
            lang,
            "clerk-discard-question",
            &[("name", name.into())],
        ));
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal(|ui| {
            let keep = ui.button(Msg("clerk-discard-keep").get(lang));
            if !ui.memory(|m| m.focused().is_some()) {
                keep.request_focus();
            }
            if ui
                .button(RichText::new(Msg("clerk-discard-confirm").get(lang)).color(theme::ERROR))
                .clicked()
            {
                commands.push(Command::DiscardDraft(id.clone()));
                close = true;
            }
            if keep.clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                close = true;
            }
        });
    });
    if close {
        state.confirm_discard = None;
    }
}

/// A draft's applicant as the list shows it: the name typed so far, else a placeholder.
fn draft_name(d: &RequestRow, lang: Lang) -> String {
    if d.name.trim().is_empty() {
        Msg("clerk-draft-no-name").get(lang).to_string()
    } else {
        d.name.clone()
    }
}

/// The state of the round trip: what waits to be sent, what waits for a result, the last
/// successful sync and the last error (the counter keeps working offline meanwhile); a
/// long round's progress bar. Whether its Cancel was pressed.
fn sync_ui(state: &AppState, ui: &mut Ui, commands: &mut Vec<Command>) -> bool {
    let mut cancel = false;
    let lang = state.lang;
    let (fill, stroke) = match &state.sync {
        Some(s) if s.is_offline() => (theme::ERROR_BG, theme::ERROR),
        _ => (theme::PANEL, theme::TEXT_WEAK),
    };
    theme::banner(ui, fill, stroke, |ui| {
        ui.horizontal_wrapped(|ui| {
            let (to_push, awaiting) = state
                .sync
                .as_ref()
                .map_or((state.pending, 0), |s| (s.to_push, s.awaiting_result));
            ui.label(tr_args(
                lang,
                "window-pending-sync",
                &[("n", to_push.into())],
            ));
            ui.separator();
            ui.label(tr_args(
                lang,
                "window-awaiting-result",
                &[("n", awaiting.into())],
            ));
            ui.separator();
            let last = state
                .sync
                .as_ref()
                .and_then(|s| s.last_success_at)
                .map_or_else(
                    || tr(lang, "window-never"),
                    |t| t.format("%d.%m.%Y %H:%M:%S").to_string(),
                );
            ui.label(tr_args(lang, "window-last-sync", &[("when", last.into())]));
            if state.sync.is_some() && ui.button(Msg("window-sync-now").get(lang)).clicked() {
                commands.push(Command::SyncNow);
            }
        });
        if let Some(error) = state.sync.as_ref().and_then(|s| s.last_error_text(lang)) {
            ui.label(
                RichText::new(tr_args(lang, "window-offline", &[("error", error.into())]))
                    .color(theme::ERROR),
            );
        }
        let round = state.sync.as_ref().and_then(|s| s.progress.as_ref());
        if let Some(r) = round.filter(|r| r.worth_showing()) {
            cancel = round_ui(r, lang, ui);
        }
    });
    cancel
}

/// A long sync round: its count, rate and time left, and Cancel (stopping between two
/// batches is safe: the rest stays queued). Whether Cancel was pressed.
fn round_ui(r: &crate::queue::sync::RoundProgress, lang: Lang, ui: &mut Ui) -> bool {
    use crate::queue::sync::Phase;
    use crate::queue::sync_progress::grouped;
    let p = r.progress;
    let label = match p.phase {
        Phase::Push => tr_args(
            lang,
            "progress-window-sync-push",
            &[
                ("done", grouped(lang, p.done).into()),
                ("total", grouped(lang, p.total).into()),
                ("n", p.total.into()),
            ],
        ),
        Phase::Pull => tr_args(
            lang,
            "progress-window-sync-pull",
            &[
                ("done", grouped(lang, p.done).into()),
                ("total", grouped(lang, p.total).into()),
                ("n", p.total.into()),
            ],
        ),
    };
    let elapsed = r.started.elapsed();
    if r.cancel_requested {
        widgets::progress_bar(ui, lang, &label, (p.done, p.total, elapsed), None);
        ui.label(Msg("progress-window-cancelling").get(lang));
        return false;
    }
    let cancel = Msg("progress-window-cancel-sync").get(lang);
    widgets::progress_bar(ui, lang, &label, (p.done, p.total, elapsed), Some(cancel))
}

/// A box the passport reader can type into straight away: once a whole zone has arrived
/// (whatever Enters came between its lines), a new formation opens with the fields filled.
fn scan_ui(state: &mut AppState, ui: &mut Ui, commands: &mut Vec<Command>) {
    let lang = state.lang;
    let label = ui.label(Msg("window-scan-to-start").get(lang));
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.dashboard_mrz)
                .font(egui::TextStyle::Monospace)
                .desired_rows(3)
                .desired_width(560.0),
        )
        .labelled_by(label.id);
    if ui.memory(|m| m.focused().is_none()) {
        response.request_focus();
    }
    let now = widgets::scan_clock(ui);
    if let Some(zone) = state.dashboard_scan.observe(&state.dashboard_mrz, now) {
        commands.push(Command::NewFromMrz(zone));
    } else {
        widgets::scan_progress_ui(ui, &state.dashboard_scan, &state.dashboard_mrz, lang);
    }
}

fn rows_table(
    ui: &mut Ui,
    rows: &[RequestRow],
    lang: Lang,
    now: chrono::NaiveDateTime,
    commands: &mut Vec<Command>,
) {
    egui::Grid::new("today")
        .num_columns(6)
        .striped(true)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            for h in [
                Msg("window-col-time"),
                Msg("window-col-id"),
                Msg("window-col-applicant"),
                Msg("window-col-kind"),
                Msg("window-col-status"),
                Msg("window-col-due"),
            ] {
                ui.label(RichText::new(h.get(lang)).strong());
            }
            ui.end_row();
            for r in rows {
                let time = r
                    .submitted_at
                    .as_deref()
                    .map_or(String::new(), |s| s.get(11..16).unwrap_or("").to_string());
                ui.label(time);
                if ui.link(short_id(&r.id)).clicked() {
                    commands.push(Command::Show(Screen::Request(r.id.clone())));
                }
                ui.label(&r.name);
                ui.label(kind_label(&r.kind, lang));
                ui.label(
                    RichText::new(r.status.label(lang)).color(widgets::status_color(r.status)),
                );
                let due = show_time(r.due_at.as_deref());
                if is_overdue(r, now) {
                    ui.label(
                        RichText::new(format!("{due} — {}", Msg("window-overdue").get(lang)))
                            .strong()
                            .color(theme::ERROR),
                    );
                } else if r.status == Status::RefusedToAccept {
                    ui.label("—");
                } else {
                    ui.label(due);
                }
                ui.end_row();
            }
        });
}
