//! The editor's right-hand column: the live checklist, the decision and the actions, with
//! their keyboard shortcuts (Ctrl+D, Ctrl+Enter, Ctrl+R, Ctrl+S, Esc), the refusal's
//! confirmation, and the Tab order that runs form → checklist → actions and back.

use chrono::NaiveDateTime;
use egui::{Color32, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::super::{theme, widgets};
use crate::domain::checklist::Decision;
use crate::domain::field::Problem;
use crate::domain::form::{live_checklist, ChecklistLine};
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::state::editor::Editor;
use crate::state::{Command, Screen};

const ALL_HANDED_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
const ACCEPT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);
const REFUSE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);

/// Where egui keeps the id of the last action button (the end of the Tab order).
fn last_action_key() -> egui::Id {
    egui::Id::unique("iin-desk-editor-last-action")
}

/// Ticks every document of the checklist and sends the focus to the decision.
fn tick_all(ed: &mut Editor, lines: &[ChecklistLine]) {
    for line in lines {
        ed.form
            .documents
            .insert(line.document.key().to_string(), true);
    }
    ed.focus_decision = true;
}

/// The editor's shortcuts, read before any field sees the keys.
pub(super) fn shortcuts(
    ed: &mut Editor,
    now: NaiveDateTime,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let pressed = |ui: &mut Ui, s: &KeyboardShortcut| ui.input_mut(|i| i.consume_shortcut(s));
    let checklist = live_checklist(&ed.form, now.date());
    if pressed(ui, &ALL_HANDED_IN) {
        if let Some((lines, _)) = &checklist {
            tick_all(ed, lines);
        }
    }
    let accepts = live_checklist(&ed.form, now.date()).is_some_and(|(_, d)| d.is_accept());
    if pressed(ui, &ACCEPT) {
        ed.submit_tried = true;
        if accepts {
            commands.push(Command::Accept);
        }
    }
    if pressed(ui, &REFUSE) && !accepts {
        ed.confirm_refuse = true;
    }
    if pressed(ui, &SAVE) {
        commands.push(Command::SaveDraft);
    }
    if ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
        if ed.confirm_refuse {
            ed.confirm_refuse = false;
        } else {
            // Back to Today; the draft is saved first and listed there.
            commands.push(Command::SaveDraft);
            commands.push(Command::Show(Screen::Dashboard));
        }
    }
}

/// Keeps Tab inside the request: from nothing or the last action to the MRZ box, and
/// Shift+Tab from the MRZ box to the last action, so the top bar is never next. Runs
/// before the top bar is drawn.
pub fn tab_order(ui: &mut Ui) {
    let (tab, back) = ui.input(|i| {
        let tab = i.key_pressed(Key::Tab);
        (
            tab && i.modifiers.is_none(),
            tab && i.modifiers.shift_only(),
        )
    });
    if !tab && !back {
        return;
    }
    let first = super::mrz_id();
    let last: Option<egui::Id> = ui.data(|d| d.get_temp(last_action_key()));
    let focused = ui.memory(|m| m.focused());
    let target = if tab && (focused.is_none() || focused == last) {
        Some(first)
    } else if back && (focused.is_none() || focused == Some(first)) {
        last
    } else {
        None
    };
    if let Some(target) = target {
        ui.memory_mut(|m| {
            m.request_focus(target);
            m.move_focus(egui::FocusDirection::None);
        });
    }
}

/// The checklist, the decision and the actions.
pub(super) fn checklist_ui(
    ed: &mut Editor,
    now: NaiveDateTime,
    lang: Lang,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    widgets::section(ui, Msg("window-section-checklist").get(lang));
    let Some((lines, decision)) = live_checklist(&ed.form, now.date()) else {
        return;
    };
    // Taken before the buttons: a tick below asks again, for the next frame's decision.
    let focus_decision = std::mem::take(&mut ed.focus_decision);
    for line in &lines {
        checklist_line_ui(ed, line, lang, ui);
    }
    let all = ui
        .button(Msg("window-all-handed-in").get(lang))
        .on_hover_text(widgets::shortcut_tip(lang, "Ctrl+D"));
    if all.clicked() {
        tick_all(ed, &lines);
        ui.ctx().request_repaint();
    }
    ui.add_space(theme::SECTION_GAP);
    decision_ui(ed, &decision, lang, ui);
    ui.add_space(theme::SECTION_GAP);
    let accept = ui
        .add_enabled(
            decision.is_accept(),
            egui::Button::new(RichText::new(Msg("window-accept").get(lang)).strong())
                .fill(accept_fill(decision.is_accept())),
        )
        .on_hover_text(widgets::shortcut_tip(lang, "Ctrl+Enter"))
        .on_disabled_hover_text(widgets::shortcut_tip(lang, "Ctrl+Enter"));
    if accept.clicked() {
        ed.submit_tried = true;
        commands.push(Command::Accept);
    }
    let refuse = ui
        .add_enabled(
            !decision.is_accept(),
            egui::Button::new(Msg("window-refuse").get(lang)),
        )
        .on_hover_text(widgets::shortcut_tip(lang, "Ctrl+R"))
        .on_disabled_hover_text(widgets::shortcut_tip(lang, "Ctrl+R"));
    // A refusal prints a receipt: a click, Enter or Space on the button asks first,
    // naming the missing documents, as Ctrl+R does.
    if refuse.clicked() {
        ed.confirm_refuse = true;
    }
    let save = ui
        .button(Msg("window-save-draft").get(lang))
        .on_hover_text(widgets::shortcut_tip(lang, "Ctrl+S"));
    if save.clicked() {
        commands.push(Command::SaveDraft);
    }
    ui.data_mut(|d| d.insert_temp(last_action_key(), save.id));
    if focus_decision {
        let unticked = lines.iter().any(|l| !l.provided);
        let target = if decision.is_accept() {
            &accept
        } else if unticked {
            &all
        } else {
            &refuse
        };
        target.request_focus();
        target.scroll_to_me(Some(egui::Align::Center));
    }
    if ed.confirm_refuse {
        refuse_confirmation(ed, &decision, lang, ui, commands);
    }
}

fn decision_ui(ed: &Editor, decision: &Decision, lang: Lang, ui: &mut Ui) {
    match decision {
        Decision::Accept => theme::banner(ui, theme::OK_BG, theme::OK, |ui| {
            ui.label(
                RichText::new(Msg("window-decision-accept").get(lang))
                    .color(theme::OK)
                    .strong(),
            );
        }),
        Decision::RefuseToAccept { .. } => theme::banner(ui, theme::ERROR_BG, theme::ERROR, |ui| {
            ui.label(
                RichText::new(Msg("window-decision-refuse").get(lang))
                    .color(theme::ERROR)
                    .strong(),
            );
            for (i, l) in decision.receipt_lines(lang).iter().enumerate() {
                ui.label(RichText::new(format!("{}) {l}", i + 1)).color(theme::ERROR));
            }
        }),
    }
    let n = ed
        .errors()
        .iter()
        .filter(|e| !matches!(e.problem, Problem::Expired { .. }))
        .count();
    if n > 0 {
        ui.label(
            RichText::new(tr_args(lang, "window-fix-fields-count", &[("n", n.into())]))
                .color(theme::WARN),
        );
    }
}

/// Refusing to accept prints a receipt: it is confirmed first, naming what the receipt
/// will list. Esc or *Back to the form* cancels.
fn refuse_confirmation(
    ed: &mut Editor,
    decision: &Decision,
    lang: Lang,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let mut close = false;
    egui::Modal::new(egui::Id::unique("iin-desk-refuse-confirmation")).show(ui.ctx(), |ui| {
        ui.set_max_width(560.0);
        ui.heading(Msg("scan-refuse-title").get(lang));
        ui.label(Msg("scan-refuse-missing").get(lang));
        for (i, l) in decision.receipt_lines(lang).iter().enumerate() {
            ui.label(RichText::new(format!("{}) {l}", i + 1)).color(theme::ERROR));
        }
        ui.add_space(theme::SECTION_GAP);
        ui.horizontal(|ui| {
            let confirm = ui.button(RichText::new(Msg("scan-refuse-confirm").get(lang)).strong());
            let cancel = ui.button(Msg("scan-refuse-cancel").get(lang));
            if !ui.memory(|m| m.has_focus(confirm.id) || m.has_focus(cancel.id)) {
                confirm.request_focus();
            }
            if confirm.clicked() {
                ed.submit_tried = true;
                commands.push(Command::RefuseToAccept);
                close = true;
            }
            if cancel.clicked() {
                close = true;
            }
        });
    });
    if close {
        ed.confirm_refuse = false;
    }
}

fn accept_fill(enabled: bool) -> Color32 {
    if enabled {
        Color32::from_rgb(0xd6, 0xec, 0xda)
    } else {
        Color32::TRANSPARENT
    }
}

fn checklist_line_ui(ed: &mut Editor, line: &ChecklistLine, lang: Lang, ui: &mut Ui) {
    let mut provided = line.provided;
    let name = line.document.name(lang);
    if ui.checkbox(&mut provided, name).changed() {
        ed.form
            .documents
            .insert(line.document.key().to_string(), provided);
    }
    if let Some(until) = line.valid_until {
        let (text, color) = if line.expired {
            (
                format!(
                    "    ✖ {} {}",
                    Msg("window-expired").get(lang),
                    until.format("%d.%m.%Y")
                ),
                theme::ERROR,
            )
        } else {
            (
                format!(
                    "    {} {}",
                    Msg("window-valid-until").get(lang),
                    until.format("%d.%m.%Y")
                ),
                theme::TEXT_WEAK,
            )
        };
        ui.label(RichText::new(text).small().color(color));
    }
}
