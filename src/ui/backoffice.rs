//! The back office (MIA operator): incoming requests oldest first with their deadlines;
//! for the claimed one, the data and documents the counter recorded, possible
//! duplicates in the registry, and the actions Form IIN, Correct, Refuse.

use egui::{RichText, TextEdit, Ui};

use super::widgets::{short_id, show_time};
use super::{theme, widgets};
use crate::domain::edition::{edition_on, Edition, Ground};
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::request::{Request, RequestKind};
use crate::state::{AppState, BackOfficeState, Command};

fn time(t: Option<chrono::NaiveDateTime>) -> String {
    show_time(
        t.map(|t| t.format("%Y-%m-%dT%H:%M:%S").to_string())
            .as_deref(),
    )
}

/// Draws the back office.
pub fn backoffice_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let mut commands = Vec::new();
    let bo = &mut state.back_office;
    egui::Panel::left("incoming")
        .resizable(true)
        .default_size(520.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.heading(Msg("window-incoming").get(lang));
                if ui.button(Msg("window-refresh").get(lang)).clicked() {
                    commands.push(Command::BackOfficeRefresh);
                }
            });
            if let Some(e) = &bo.error {
                ui.label(RichText::new(e).color(theme::ERROR));
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("incoming-grid")
                    .striped(true)
                    .num_columns(4)
                    .show(ui, |ui| {
                        for h in [
                            Msg("window-col-time"),
                            Msg("window-col-kind"),
                            Msg("window-col-due"),
                            Msg("window-col-id"),
                        ] {
                            ui.label(RichText::new(h.get(lang)).strong());
                        }
                        ui.end_row();
                        for item in &bo.items {
                            ui.label(time(item.submitted_at));
                            ui.label(item.kind.label(lang));
                            let due = time(item.due_at);
                            ui.label(if item.overdue {
                                RichText::new(due).color(theme::ERROR).strong()
                            } else {
                                RichText::new(due)
                            });
                            let taken = item
                                .claimed_by
                                .as_ref()
                                .map(|o| format!(" ({o})"))
                                .unwrap_or_default();
                            if ui
                                .button(format!(
                                    "{} {}{taken}",
                                    Msg("window-open").get(lang),
                                    short_id(&item.id)
                                ))
                                .clicked()
                            {
                                commands.push(Command::BackOfficeOpen(item.id.clone()));
                            }
                            ui.end_row();
                        }
                    });
            });
        });
    egui::CentralPanel::default_margins().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| case_ui(bo, lang, ui, &mut commands));
    });
    for c in commands {
        state.ask(c);
    }
}

fn case_ui(bo: &mut BackOfficeState, lang: Lang, ui: &mut Ui, commands: &mut Vec<Command>) {
    let Some(case) = &bo.case else {
        ui.label(RichText::new(Msg("window-choose-request").get(lang)).color(theme::TEXT_WEAK));
        return;
    };
    let r = &case.request;
    ui.heading(format!("{} · {}", r.kind.label(lang), short_id(&case.id)));
    ui.label(format!(
        "{}: {}",
        Msg("window-col-due").get(lang),
        time(case.due_at)
    ));
    applicant_ui(r, lang, ui);
    widgets::section(ui, Msg("window-section-checklist").get(lang));
    for (doc, provided) in &r.documents {
        ui.label(format!(
            "{} {}",
            if *provided { "☑" } else { "☐" },
            doc.name(lang)
        ));
    }
    widgets::section(ui, Msg("window-duplicates").get(lang));
    if case.duplicates.is_empty() {
        ui.label(RichText::new(Msg("window-no-duplicates").get(lang)).color(theme::OK));
    }
    for d in &case.duplicates {
        theme::banner(ui, theme::WARN_BG, theme::WARN, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} · {} · {}%",
                    d.person.iin,
                    d.person.identity.display_name(),
                    d.found.score
                ))
                .strong(),
            );
            for reason in &d.found.reasons {
                ui.label(reason.message(lang));
            }
        });
    }
    let (kind, has_duplicates) = (r.kind, !case.duplicates.is_empty());
    // The grounds are those of the edition in force on the application day.
    let edition = edition_on(r.submitted_at.date());
    decision_ui(bo, (kind, edition), has_duplicates, lang, ui, commands);
}

/// The applicant's identifying data (after the correction, for a correction).
fn applicant_ui(r: &Request, lang: Lang, ui: &mut Ui) {
    widgets::section(ui, Msg("window-section-applicant").get(lang));
    let id = r.identity_after();
    egui::Grid::new("case-data")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            let mut row = |label: &str, value: String| {
                ui.label(RichText::new(label).color(theme::TEXT_WEAK));
                ui.label(value);
                ui.end_row();
            };
            row(Msg("window-full-name").get(lang), id.full_name_latin());
            if let Some(c) = id.full_name_cyrillic() {
                row(Msg("window-full-name").get(lang), c);
            }
            row(
                &crate::domain::field::Field::BirthDate.label(lang),
                id.birth_date.format("%d.%m.%Y").to_string(),
            );
            row(
                &crate::domain::field::Field::BirthPlace.label(lang),
                id.birth_place.clone(),
            );
            row(
                &crate::domain::field::Field::Citizenship.label(lang),
                id.citizenship.clone(),
            );
            row(
                &crate::domain::field::Field::Sex.label(lang),
                id.sex.label(lang).to_string(),
            );
            if let Some(d) = &id.document {
                row(
                    &crate::domain::field::Field::DocumentNumber.label(lang),
                    format!("{} ({})", d.number, d.issuing_country),
                );
            }
            if let Some(c) = &r.correction {
                row(
                    &crate::domain::field::Field::CurrentIin.label(lang),
                    c.current_iin.to_string(),
                );
            }
        });
}

/// The decision: comment, Form IIN or Correct, or Refuse with a ground of the edition.
fn decision_ui(
    bo: &mut BackOfficeState,
    (kind, edition): (RequestKind, Option<&Edition>),
    has_duplicates: bool,
    lang: Lang,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    widgets::section(ui, Msg("window-decision").get(lang));
    let l = ui.label(Msg("window-comment").get(lang));
    ui.add(
        TextEdit::multiline(&mut bo.comment)
            .desired_rows(2)
            .desired_width(500.0),
    )
    .labelled_by(l.id);
    if kind == RequestKind::Correction {
        if ui.button(Msg("window-correct").get(lang)).clicked() {
            commands.push(Command::BackOfficeCorrect);
        }
    } else {
        if has_duplicates {
            let l = ui.label(Msg("window-override-reason").get(lang));
            ui.add(TextEdit::singleline(&mut bo.override_reason).desired_width(500.0))
                .labelled_by(l.id);
        }
        if ui.button(Msg("window-form-iin").get(lang)).clicked() {
            commands.push(Command::BackOfficeForm);
        }
    }
    ui.add_space(theme::ROW_GAP);
    let grounds: Vec<&Ground> = edition
        .map(|e| e.grounds_for(kind).collect())
        .unwrap_or_default();
    let paragraph = edition.map_or(15, |e| e.texts.refusal_paragraph);
    let chosen = grounds.iter().find(|g| g.ground == bo.ground).copied();
    ui.horizontal(|ui| {
        let l = ui.label(Msg("window-refusal-ground").get(lang));
        egui::ComboBox::from_id_salt("ground")
            .selected_text(chosen.map_or_else(String::new, |g| format!("{paragraph}.{}", g.item)))
            .show_ui(ui, |ui| {
                for g in &grounds {
                    ui.selectable_value(
                        &mut bo.ground,
                        g.ground,
                        format!("{paragraph}.{} {}", g.item, g.text.get(lang)),
                    );
                }
            })
            .response
            .labelled_by(l.id);
        if ui.button(Msg("window-refuse-service").get(lang)).clicked() {
            commands.push(Command::BackOfficeRefuse);
        }
    });
    ui.label(
        RichText::new(chosen.map_or("", |g| g.text.get(lang)))
            .small()
            .color(theme::TEXT_WEAK),
    );
}
