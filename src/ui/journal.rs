//! The journal: every request in a virtualized table. Rows come from the journal worker a
//! page at a time (a keyset page: an index seek wherever it is), only for the pages on
//! screen, each once per search; rows not arrived yet are drawn as placeholders, and the
//! count shows "counting…" until the worker has it. Nothing here waits for the store.
//! A request set aside (rejected by the central queue) shows "Set aside" in place of its
//! status, the status and the reason on hover; the status filter can list only those.

use egui::{RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::widgets::{is_overdue, short_id, show_time};
use super::{theme, widgets};
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::domain::request::{RequestKind, Status};
use crate::state::{AppState, Command, JournalState, Screen, TableKey};

/// Draws the journal.
pub fn journal_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let now = state.now;
    let mut commands = Vec::new();
    egui::Panel::top("journal-search").show(ui, |ui| {
        search_ui(&mut state.journal, lang, ui, &mut commands);
    });
    state.journal.set_aside.follow_sync(state.sync.as_ref());
    egui::CentralPanel::default_margins().show(ui, |ui| {
        table_ui(&mut state.journal, lang, now, ui, &mut commands);
    });
    for c in commands {
        state.ask(c);
    }
}

fn search_ui(j: &mut JournalState, lang: Lang, ui: &mut Ui, commands: &mut Vec<Command>) {
    let mut submit = false;
    ui.horizontal_wrapped(|ui| {
        let mut field = |ui: &mut Ui,
                         label: &str,
                         text: &mut String,
                         width: f32,
                         first: bool,
                         focus: &mut bool| {
            let l = ui.label(label);
            let r = ui
                .add(TextEdit::singleline(text).desired_width(width))
                .labelled_by(l.id);
            if first && *focus {
                r.request_focus();
                *focus = false;
            }
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                submit = true;
            }
        };
        let mut focus = j.focus_search;
        let fields = [
            ("window-name-filter", &mut j.name, 180.0),
            ("window-iin-filter", &mut j.iin, 120.0),
            ("window-doc-filter", &mut j.doc_number, 110.0),
            ("window-from", &mut j.from, 95.0),
            ("window-to", &mut j.to, 95.0),
            ("window-col-clerk", &mut j.clerk, 90.0),
        ];
        for (i, (key, text, width)) in fields.into_iter().enumerate() {
            field(ui, Msg(key).get(lang), text, width, i == 0, &mut focus);
        }
        j.focus_search = focus;
        status_filter(j, lang, ui);
        if ui.button(Msg("window-search").get(lang)).clicked() {
            submit = true;
        }
        if ui.button(Msg("window-clear").get(lang)).clicked() {
            j.iin.clear();
            j.name.clear();
            j.doc_number.clear();
            j.from.clear();
            j.to.clear();
            j.clerk.clear();
            j.status = None;
            j.set_aside_only = false;
            submit = true;
        }
    });
    if let Some(e) = &j.error {
        ui.label(RichText::new(e).color(theme::ERROR));
    }
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(tr_args(lang, "window-found", &[("n", j.total.into())]))
                .color(theme::TEXT_WEAK),
        );
        if j.counting {
            ui.label(RichText::new(Msg("search-counting").get(lang)).color(theme::TEXT_WEAK));
        }
    });
    if submit {
        commands.push(Command::Search);
    }
}

/// The status filter: any status but draft, or any, or the requests set aside.
fn status_filter(j: &mut JournalState, lang: Lang, ui: &mut Ui) {
    let selected = if j.set_aside_only {
        Msg("set-aside-filter").get(lang)
    } else {
        j.status
            .map_or(Msg("window-any").get(lang), |s| s.label(lang))
    };
    // The label and its list go to the next row together, never one without the other.
    let width = |text: &str| {
        egui::WidgetText::from(text)
            .into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Button,
            )
            .size()
            .x
    };
    let spacing = ui.spacing();
    let needed = width(Msg("window-col-status").get(lang))
        + width(selected)
        + spacing.icon_width
        + 2.0 * spacing.button_padding.x
        + 3.0 * spacing.item_spacing.x;
    if ui.available_size_before_wrap().x < needed {
        ui.end_row();
    }
    let l = ui.label(Msg("window-col-status").get(lang));
    egui::ComboBox::from_id_salt("journal-status")
        .selected_text(selected)
        // Every choice in sight, none behind a scroll bar.
        .height(f32::INFINITY)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(
                    j.status.is_none() && !j.set_aside_only,
                    Msg("window-any").get(lang),
                )
                .clicked()
            {
                j.status = None;
                j.set_aside_only = false;
            }
            if ui
                .selectable_label(j.set_aside_only, Msg("set-aside-filter").get(lang))
                .clicked()
            {
                j.status = None;
                j.set_aside_only = true;
            }
            for s in Status::ALL.into_iter().filter(|s| *s != Status::Draft) {
                if ui
                    .selectable_label(j.status == Some(s) && !j.set_aside_only, s.label(lang))
                    .clicked()
                {
                    j.status = Some(s);
                    j.set_aside_only = false;
                }
            }
        })
        .response
        .labelled_by(l.id);
}

/// The keys of the table's keyboard path, when no text field has the focus: arrows,
/// PageUp/PageDown, Home/End move the selection; Enter opens the selected request.
fn keys_ui(j: &mut JournalState, page: u64, ui: &mut Ui, commands: &mut Vec<Command>) {
    if ui.memory(|m| m.focused().is_some()) {
        return;
    }
    let keys = [
        (egui::Key::ArrowUp, TableKey::Up),
        (egui::Key::ArrowDown, TableKey::Down),
        (egui::Key::PageUp, TableKey::PageUp),
        (egui::Key::PageDown, TableKey::PageDown),
        (egui::Key::Home, TableKey::Home),
        (egui::Key::End, TableKey::End),
    ];
    for (key, step) in keys {
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
            j.select(step, page);
        }
    }
    if ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter)) {
        if let Some(id) = j.selected_id() {
            commands.push(Command::Show(Screen::Request(id)));
        }
    }
}

/// The widest the kind column gets: every column then fits a 1366-pixel screen.
const KIND_MAX_W: f32 = 240.0;

/// The width of the longest of `texts` in the body font, plus the cell's padding.
fn column_width<'a>(ui: &Ui, texts: impl Iterator<Item = &'a str>) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = texts
        .map(|t| {
            ui.painter()
                .layout_no_wrap(t.to_string(), font.clone(), egui::Color32::PLACEHOLDER)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    widest + 2.0 * ui.spacing().item_spacing.x + 4.0
}

fn table_ui(
    j: &mut JournalState,
    lang: Lang,
    now: chrono::NaiveDateTime,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    let total = usize::try_from(j.total).unwrap_or(usize::MAX);
    let visible = (ui.available_height() / theme::ROW_HEIGHT).floor().max(1.0) as u64;
    keys_ui(j, visible.saturating_sub(1), ui, commands);
    // A click anywhere on a row opens it: the cells' labels must not take the click for
    // text selection.
    ui.style_mut().interaction.selectable_labels = false;
    let headers = [
        Msg("window-col-time"),
        Msg("window-col-id"),
        Msg("window-col-applicant"),
        Msg("window-col-kind"),
        Msg("window-col-status"),
        Msg("window-col-iin"),
        Msg("window-col-due"),
        Msg("window-col-clerk"),
    ];
    // The kind is as wide as its longest label up to KIND_MAX_W (the convicted person's kind
    // is long in Kazakh and Russian; it ends in "…" and shows whole on hover).
    let kind_w = column_width(
        ui,
        RequestKind::ALL
            .iter()
            .map(|k| k.label(lang))
            .chain([headers[3].get(lang)]),
    )
    .min(KIND_MAX_W);
    let status_w = column_width(
        ui,
        Status::ALL
            .iter()
            .map(|s| s.label(lang))
            .chain([headers[4].get(lang), Msg("set-aside-badge").get(lang)]),
    );
    let selected = j.selected;
    let scroll_to = j.scroll_to.take();
    // Narrow windows scroll sideways rather than cut a column.
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .column(Column::exact(130.0))
            .column(Column::exact(80.0))
            .column(Column::remainder().at_least(190.0))
            .column(Column::exact(kind_w))
            .column(Column::exact(status_w))
            .column(Column::exact(110.0))
            .column(Column::exact(130.0))
            .column(Column::exact(90.0));
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(usize::try_from(row).unwrap_or(0), None);
        }
        table
            .header(theme::ROW_HEIGHT, |mut h| {
                for c in headers {
                    h.col(|ui| {
                        ui.label(RichText::new(c.get(lang)).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(theme::ROW_HEIGHT, total, |mut row| {
                    let i = row.index() as u64;
                    row.set_selected(selected == Some(i));
                    let Some(r) = j.row(i).cloned() else {
                        row.col(|ui| {
                            ui.label("…");
                        });
                        return;
                    };
                    let aside = j
                        .set_aside
                        .get(&r.id)
                        .map(|s| crate::state::journal::set_aside_reason(s, lang));
                    row_ui(&mut row, &r, aside.as_deref(), lang, now);
                    if row.response().clicked() {
                        commands.push(Command::Show(Screen::Request(r.id.clone())));
                    }
                });
            });
    });
}

/// The cells of one loaded row; `aside` is why it is set aside, when it is.
fn row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &crate::store::RequestRow,
    aside: Option<&str>,
    lang: Lang,
    now: chrono::NaiveDateTime,
) {
    row.col(|ui| {
        ui.label(show_time(r.submitted_at.as_deref()));
        // A time over its limit, as the clerk's timer and the register mark it.
        if let Some(over) = crate::state::journal::over_limits(r, lang) {
            ui.label(RichText::new("!").strong().color(theme::ERROR))
                .on_hover_text(over);
        }
    });
    row.col(|ui| {
        ui.label(short_id(&r.id));
    });
    row.col(|ui| {
        ui.label(&r.name);
    });
    row.col(|ui| {
        let kind = RequestKind::from_key(&r.kind).map_or("", |k| k.label(lang));
        ui.add(egui::Label::new(kind).truncate())
            .on_hover_text(kind);
    });
    row.col(|ui| match aside {
        // Set aside: the mark in place of its status (still "accepted"), the status
        // and the reason on hover.
        Some(reason) => {
            ui.label(
                RichText::new(Msg("set-aside-badge").get(lang))
                    .strong()
                    .color(theme::WARN),
            )
            .on_hover_text(format!("{} · {reason}", r.status.label(lang)));
        }
        None => {
            ui.label(RichText::new(r.status.label(lang)).color(widgets::status_color(r.status)));
        }
    });
    row.col(|ui| {
        ui.label(r.iin.clone().unwrap_or_default());
    });
    row.col(|ui| {
        let due = show_time(r.due_at.as_deref());
        if is_overdue(r, now) {
            ui.label(RichText::new(due).color(theme::ERROR).strong());
        } else {
            ui.label(due);
        }
    });
    row.col(|ui| {
        ui.label(&r.clerk);
    });
}
