//! The new-request screen: the MRZ box, the fields in the paper form's order with
//! inline errors, the representative, the correction table, the live checklist and the
//! actions. The editor keeps every typed text; the domain parses it.

mod checklist;
mod recent;
mod representative;
mod times;

pub use checklist::tab_order;

use chrono::NaiveDateTime;
use egui::{RichText, TextEdit, Ui};

use super::widgets::short_id;
use super::{theme, widgets};
use crate::domain::field::Field;
use crate::domain::form::{mrz_disagreements, CorrectionForm, InstitutionForm};
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::identity::{Parameter, Sex};
use crate::domain::lang::Lang;
use crate::domain::mrz::MrzReading;
use crate::domain::request::RequestKind;
use crate::state::editor::{applicant_text, raw_value, Editor, ORDER};
use crate::state::{AppState, Command, Screen};

pub(super) fn field_id(field: Field) -> egui::Id {
    egui::Id::unique(("iin-desk-field", field.json_path()))
}

/// The MRZ box's id, focused when a request opens.
pub fn mrz_id() -> egui::Id {
    egui::Id::unique("iin-desk-mrz")
}

fn hint(field: Field, lang: Lang) -> String {
    match field {
        Field::BirthDate | Field::DocumentIssueDate | Field::DocumentExpiryDate => {
            Msg("window-date-hint").get(lang).into()
        }
        Field::Citizenship | Field::IssuingCountry => "UZB, RUS, CHN, XXA…".into(),
        Field::Sex => "M / F".into(),
        Field::Phone => "+7 7xx xxx xx xx".into(),
        _ => String::new(),
    }
}

/// Draws the editor.
pub fn editor_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let now = state.now;
    let Some(ed) = state.editor.as_mut() else {
        state.ask(Command::Show(Screen::Dashboard));
        return;
    };
    if std::mem::take(&mut ed.focus_mrz) {
        ui.memory_mut(|m| m.request_focus(mrz_id()));
    }
    ed.refresh(now);
    let mut commands = Vec::new();
    checklist::shortcuts(ed, now, ui, &mut commands);

    // The form first, then the checklist and the actions: drawn in that order, so Tab
    // runs the same way (a side panel would come first).
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let rect = ui.available_rect_before_wrap();
        let side = (rect.width() * 0.3).clamp(300.0, 380.0);
        let gap = theme::SECTION_GAP;
        let form_rect =
            egui::Rect::from_min_max(rect.min, egui::pos2(rect.max.x - side - gap, rect.max.y));
        let side_rect =
            egui::Rect::from_min_max(egui::pos2(rect.max.x - side, rect.min.y), rect.max);
        let top = std::mem::take(&mut ed.scroll_top);
        ui.scope_builder(egui::UiBuilder::new().max_rect(form_rect), |ui| {
            // A request or a draft opens at the top of its form.
            let mut area = egui::ScrollArea::vertical()
                .id_salt(("editor-scroll", ed.form.id.as_str()))
                .auto_shrink([false, false]);
            if top {
                area = area.vertical_scroll_offset(0.0);
            }
            area.show(ui, |ui| {
                kind_ui(ed, lang, ui);
                // The convicted person's path is for a person without an identity
                // document: there is no zone to read.
                if ed.kind() != RequestKind::FormationConvicted {
                    mrz_ui(ed, now, lang, ui);
                }
                times::queue_ui(ed, lang, ui);
                fields_ui(ed, lang, ui);
                match ed.kind() {
                    RequestKind::FormationConvicted => institution_ui(ed, lang, ui),
                    RequestKind::Correction => correction_ui(ed, lang, ui, &mut commands),
                    RequestKind::Formation => {}
                }
                representative::representative_ui(ed, lang, ui);
                ui.add_space(40.0);
            });
        });
        let x = side_rect.min.x - gap / 2.0;
        ui.painter().vline(
            x,
            side_rect.y_range(),
            egui::Stroke::new(1.0, theme::TEXT_WEAK.gamma_multiply(0.4)),
        );
        ui.scope_builder(egui::UiBuilder::new().max_rect(side_rect), |ui| {
            egui::ScrollArea::vertical()
                .id_salt(("editor-actions-scroll", ed.form.id.as_str()))
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    times::timer_ui(ed, now, lang, ui);
                    recent::recent_ui(ed, lang, ui, &mut commands);
                    checklist::checklist_ui(ed, now, lang, ui, &mut commands);
                });
        });
    });
    if let Some(field) = ed.focus.take() {
        ui.memory_mut(|m| m.request_focus(field_id(field)));
    }
    for c in commands {
        state.ask(c);
    }
}

fn kind_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(ed.kind().label(lang)).heading());
        ui.label(
            RichText::new(format!("№ {}", short_id(&ed.form.id)))
                .color(theme::TEXT_WEAK)
                .small(),
        );
    });
}

fn mrz_ui(ed: &mut Editor, now: NaiveDateTime, lang: Lang, ui: &mut Ui) {
    widgets::section(ui, Msg("window-mrz-box").get(lang));
    let label = ui.label(Msg("window-mrz-box").get(lang));
    ui.add(
        TextEdit::multiline(&mut ed.mrz_text)
            .id(mrz_id())
            .font(egui::TextStyle::Monospace)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    // A scan is read once its whole zone has arrived; the Enters between its lines are
    // line breaks, never the end.
    let arrived = ed
        .mrz_scan
        .observe(&ed.mrz_text, widgets::scan_clock(ui))
        .is_some();
    if !arrived {
        widgets::scan_progress_ui(ui, &ed.mrz_scan, &ed.mrz_text, lang);
    }
    let clicked = ui.button(Msg("window-read-mrz").get(lang)).clicked();
    if (arrived || clicked) && ed.mrz_unread() {
        ed.apply_mrz(now.date());
    }
    match &ed.mrz {
        Some(Ok(r)) if r.all_checks_pass() => theme::banner(ui, theme::OK_BG, theme::OK, |ui| {
            ui.label(
                RichText::new(format!("✔ {}", Msg("window-mrz-ok").get(lang))).color(theme::OK),
            );
            verdicts_ui(r, lang, ui);
        }),
        Some(Ok(r)) => theme::banner(ui, theme::ERROR_BG, theme::ERROR, |ui| {
            ui.label(
                RichText::new(format!("✖ {}", Msg("window-mrz-failed").get(lang)))
                    .strong()
                    .size(17.0)
                    .color(theme::ERROR),
            );
            verdicts_ui(r, lang, ui);
        }),
        Some(Err(e)) => theme::banner(ui, theme::ERROR_BG, theme::ERROR, |ui| {
            ui.label(RichText::new(e.message(lang)).color(theme::ERROR));
        }),
        None => {}
    }
}

fn verdicts_ui(r: &MrzReading, lang: Lang, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        for c in &r.checks {
            let (mark, color) = if c.ok {
                ("✔", theme::OK)
            } else {
                ("✖", theme::ERROR)
            };
            ui.label(RichText::new(format!("{mark} {}", c.field.label(lang))).color(color));
        }
    });
    for rep in &r.repairs {
        ui.label(
            RichText::new(format!(
                "{} {}:{} {} → {}",
                Msg("window-mrz-repaired").get(lang),
                rep.line,
                rep.position,
                rep.read,
                rep.corrected
            ))
            .color(theme::WARN),
        );
    }
}

fn fields_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    let sections: [(&str, &[Field]); 3] = [
        (Msg("window-section-applicant").get(lang), &ORDER[..10]),
        (Msg("window-section-document").get(lang), &ORDER[10..14]),
        (Msg("window-section-contact").get(lang), &ORDER[14..]),
    ];
    let convicted = ed.kind() == RequestKind::FormationConvicted;
    let documents = ed.shows_document_fields();
    for (i, (title, fields)) in sections.into_iter().enumerate() {
        // A convicted person's request is for a person without an identity document.
        if i == 1 && !documents {
            continue;
        }
        widgets::section(ui, title);
        egui::Grid::new(("fields", i))
            .num_columns(2)
            .min_col_width(theme::LABEL_WIDTH)
            .spacing([12.0, 4.0])
            .show(ui, |ui| {
                for &field in fields {
                    let error = ed.error_for(field, lang);
                    let label = field.label(lang);
                    let h = hint(field, lang);
                    let Some(text) = applicant_text(&mut ed.form, field) else {
                        continue;
                    };
                    let response =
                        widgets::text_row(ui, field_id(field), &label, text, error.as_deref(), &h);
                    take_focus(ed, field, &response);
                    if response.lost_focus() {
                        ed.field_left = true;
                        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            // The next required field still empty, else the decision.
                            ed.focus = ed.next_required(field);
                            ed.focus_decision = ed.focus.is_none();
                        }
                    }
                }
            });
        if i == 0 {
            mrz_notices(ed, lang, ui);
        }
        if i == 1 {
            ui.checkbox(
                &mut ed.form.applicant.document_has_latin_or_cyrillic,
                Msg("window-has-latin").get(lang),
            );
        }
    }
    if convicted {
        ui.label(
            RichText::new(sex_hint(lang))
                .small()
                .color(theme::TEXT_WEAK),
        );
    }
}

/// Under the identity fields: each field typed from the visual zone that the read zone
/// reads otherwise, with the zone's value (a notice, not an error: the clerk checks).
fn mrz_notices(ed: &Editor, lang: Lang, ui: &mut Ui) {
    let Some(Ok(reading)) = &ed.mrz else {
        return;
    };
    for (field, value) in mrz_disagreements(&ed.form.applicant, reading) {
        let notice = tr_args(lang, "edition-mrz-differs", &[("value", value.into())]);
        ui.label(RichText::new(format!("⚠ {}: {notice}", field.label(lang))).color(theme::WARN));
    }
}

/// Gives `field` the focus it was promised (after a scan, or Enter in a field above),
/// in the frame it is drawn, and scrolls it into view.
pub(super) fn take_focus(ed: &mut Editor, field: Field, response: &egui::Response) {
    if ed.focus == Some(field) {
        ed.focus = None;
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
}

fn sex_hint(lang: Lang) -> String {
    format!(
        "M = {}, F = {}",
        Sex::Male.label(lang),
        Sex::Female.label(lang)
    )
}

fn institution_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    widgets::section(ui, Msg("window-section-institution").get(lang));
    let name_error = ed.error_for(Field::InstitutionName, lang);
    let head_error = ed.error_for(Field::InstitutionHead, lang);
    let inst = ed
        .form
        .institution
        .get_or_insert_with(InstitutionForm::default);
    egui::Grid::new("institution")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            widgets::text_row(
                ui,
                field_id(Field::InstitutionName),
                &Field::InstitutionName.label(lang),
                &mut inst.name,
                name_error.as_deref(),
                "",
            );
            widgets::text_row(
                ui,
                field_id(Field::InstitutionHead),
                &Field::InstitutionHead.label(lang),
                &mut inst.head,
                head_error.as_deref(),
                "",
            );
        });
}

fn correction_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui, commands: &mut Vec<Command>) {
    widgets::section(ui, Msg("window-section-correction").get(lang));
    let iin_error = ed.error_for(Field::CurrentIin, lang);
    let changes_error = ed.error_for(Field::Changes, lang);
    let param_errors: Vec<Option<String>> = Parameter::ALL
        .iter()
        .map(|p| ed.error_for(Field::Change(*p), lang))
        .collect();
    let lookup = ed.lookup;
    let current: Vec<String> = {
        let mut f = ed.form.clone();
        Parameter::ALL
            .iter()
            .map(|p| raw_value(&mut f, *p))
            .collect()
    };
    let corr = ed
        .form
        .correction
        .get_or_insert_with(CorrectionForm::default);
    egui::Grid::new("current-iin")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let r = widgets::text_row(
                ui,
                field_id(Field::CurrentIin),
                &Field::CurrentIin.label(lang),
                &mut corr.current_iin,
                iin_error.as_deref(),
                "",
            );
            if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                commands.push(Command::LookUpIin);
            }
        });
    ui.horizontal(|ui| {
        if ui.button(Msg("window-find-by-iin").get(lang)).clicked() {
            commands.push(Command::LookUpIin);
        }
        match lookup {
            Some(true) => {
                ui.label(RichText::new(Msg("window-found-locally").get(lang)).color(theme::OK))
            }
            Some(false) => ui
                .label(RichText::new(Msg("window-not-found-locally").get(lang)).color(theme::WARN)),
            None => ui.label(""),
        };
    });
    if let Some(e) = changes_error {
        ui.label(RichText::new(e).color(theme::ERROR));
    }
    ui.add_space(theme::ROW_GAP);
    egui::Grid::new("changes")
        .num_columns(4)
        .striped(true)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            ui.label(RichText::new("№").strong());
            ui.label(RichText::new(Msg("window-col-parameter").get(lang)).strong());
            ui.label(RichText::new(Msg("window-col-current").get(lang)).strong());
            ui.label(RichText::new(Msg("window-col-change").get(lang)).strong());
            ui.end_row();
            for (i, p) in Parameter::ALL.iter().enumerate() {
                ui.label(p.number().to_string());
                let label = ui.label(p.label(lang));
                ui.label(current.get(i).cloned().unwrap_or_default());
                let value = corr.changes.entry(p.key().to_string()).or_default();
                ui.vertical(|ui| {
                    let id = field_id(Field::Change(*p));
                    ui.add(TextEdit::singleline(value).id(id).desired_width(220.0))
                        .labelled_by(label.id);
                    if let Some(Some(e)) = param_errors.get(i) {
                        ui.label(RichText::new(e).color(theme::ERROR).small());
                    }
                });
                ui.end_row();
            }
        });
    // Empty change cells are not changes; keep the saved form tidy.
    corr.changes.retain(|_, v| !v.is_empty());
}
