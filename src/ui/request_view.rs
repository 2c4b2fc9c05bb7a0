//! One request: its data, its history from the audit log, and its print actions.

use egui::{RichText, Ui};

use super::widgets::short_id;
use super::{theme, widgets};
use crate::domain::checklist::DocumentKind;
use crate::domain::form::RequestForm;
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::request::{RefusalGround, RequestKind};
use crate::state::journal::set_aside_reason;
use crate::state::request_view::{event_label, show_date};
use crate::state::{AppState, Command, Screen};

/// Draws the request screen.
pub fn request_ui(state: &mut AppState, ui: &mut Ui) {
    let lang = state.lang;
    let mut commands = Vec::new();
    state.journal.set_aside.follow_sync(state.sync.as_ref());
    let may = super::set_aside::may_send_again(state);
    egui::CentralPanel::default_margins().show(ui, |ui| {
        let Some(v) = &state.viewed else {
            ui.label(RichText::new(Msg("window-data-error").get(lang)).color(theme::ERROR));
            return;
        };
        egui::ScrollArea::vertical().show(ui, |ui| {
            if ui
                .button(format!("← {}", Msg("window-back").get(lang)))
                .clicked()
            {
                commands.push(Command::Show(Screen::Journal));
            }
            let kind = RequestKind::from_key(&v.form.kind).map_or("", |k| k.label(lang));
            ui.heading(format!("{kind} · {}", short_id(&v.id)));
            ui.label(
                RichText::new(v.status.label(lang))
                    .strong()
                    .color(widgets::status_color(v.status)),
            );
            if let Some(entry) = state.journal.set_aside.get(&v.id) {
                set_aside_ui(entry, may, lang, ui, &mut commands);
            }
            if !v.form.submitted_at.is_empty() {
                ui.label(format!(
                    "{}: {}",
                    Msg("clerk-submitted-at").get(lang),
                    show_date(&v.form.submitted_at)
                ));
            }
            if let Some(due) = &v.due_at {
                ui.label(format!(
                    "{}: {}",
                    Msg("window-col-due").get(lang),
                    show_date(due)
                ));
            }
            for (text, over) in v.times(lang) {
                if over {
                    ui.label(RichText::new(text).strong().color(theme::ERROR));
                } else {
                    ui.label(text);
                }
            }
            ui.horizontal_wrapped(|ui| {
                for doc in v.documents() {
                    // Each button names its document, for the clerk and for screen readers.
                    if ui
                        .button(format!(
                            "{} {}",
                            Msg("window-print").get(lang),
                            doc.label(lang)
                        ))
                        .clicked()
                    {
                        commands.push(Command::Print(v.id.clone(), doc));
                    }
                    if ui
                        .button(format!(
                            "{} {}",
                            Msg("window-save-as").get(lang),
                            doc.label(lang)
                        ))
                        .clicked()
                    {
                        commands.push(Command::SaveAs(v.id.clone(), doc));
                    }
                    ui.separator();
                }
            });
            data_ui(&v.form, lang, ui);
            widgets::section(ui, Msg("window-history").get(lang));
            egui::Grid::new("history")
                .striped(true)
                .num_columns(3)
                .show(ui, |ui| {
                    for e in &v.history {
                        ui.label(show_date(&e.at));
                        ui.label(&e.actor);
                        ui.label(event_label(&e.action, lang));
                        ui.end_row();
                    }
                });
        });
    });
    for c in commands {
        state.ask(c);
    }
}

/// Why the request is set aside, and *Send again* (disabled for a clerk).
fn set_aside_ui(
    entry: &crate::store::SetAside,
    may: bool,
    lang: Lang,
    ui: &mut Ui,
    commands: &mut Vec<Command>,
) {
    theme::banner(ui, theme::WARN_BG, theme::WARN, |ui| {
        ui.label(
            RichText::new(Msg("set-aside-view-title").get(lang))
                .strong()
                .color(theme::WARN),
        );
        ui.label(set_aside_reason(entry, lang));
        super::set_aside::send_again_button(ui, &entry.id, may, lang, commands);
        ui.label(RichText::new(super::set_aside::hint(may, lang)).color(theme::TEXT_WEAK));
    });
}

/// A field's value as the clerk reads it: dates `DD.MM.YYYY` however they were stored.
fn shown(field: crate::domain::field::Field, value: &str) -> String {
    use crate::domain::field::Field as F;
    use crate::domain::identity::Parameter as P;
    match field {
        F::BirthDate
        | F::DocumentIssueDate
        | F::DocumentExpiryDate
        | F::PowerOfAttorneyDate
        | F::PowerOfAttorneyValidUntil
        | F::Change(P::BirthDate | P::DocumentIssueDate | P::DocumentExpiryDate) => {
            show_date(value)
        }
        _ => value.to_string(),
    }
}

fn data_ui(f: &RequestForm, lang: Lang, ui: &mut Ui) {
    use crate::domain::field::Field as F;
    widgets::section(ui, Msg("window-section-applicant").get(lang));
    let a = &f.applicant;
    let rows: [(F, &str); 16] = [
        (F::Surname, &a.surname),
        (F::Name, &a.name),
        (F::Patronymic, &a.patronymic),
        (F::SurnameCyrillic, &a.surname_cyr),
        (F::NameCyrillic, &a.name_cyr),
        (F::PatronymicCyrillic, &a.patronymic_cyr),
        (F::BirthDate, &a.birth_date),
        (F::BirthPlace, &a.birth_place),
        (F::Citizenship, &a.citizenship),
        (F::Sex, &a.sex),
        (F::DocumentNumber, &a.document_number),
        (F::DocumentIssueDate, &a.document_issue_date),
        (F::DocumentExpiryDate, &a.document_expiry_date),
        (F::IssuingCountry, &a.document_issuing_country),
        (F::Address, &a.address),
        (F::Phone, &a.phone),
    ];
    egui::Grid::new("data")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .show(ui, |ui| {
            for (field, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
                ui.label(RichText::new(field.label(lang)).color(theme::TEXT_WEAK));
                ui.label(shown(field, value));
                ui.end_row();
            }
            if let Some(c) = &f.correction {
                ui.label(RichText::new(F::CurrentIin.label(lang)).color(theme::TEXT_WEAK));
                ui.label(&c.current_iin);
                ui.end_row();
                for (k, v) in &c.changes {
                    let param = crate::domain::identity::Parameter::from_key(k);
                    let label = param.map_or(k.clone(), |p| F::Change(p).label(lang));
                    ui.label(RichText::new(label).color(theme::TEXT_WEAK));
                    ui.label(param.map_or(v.clone(), |p| shown(F::Change(p), v)));
                    ui.end_row();
                }
            }
            if let Some(r) = &f.representative {
                for (field, value) in [
                    (F::RepresentativeName, &r.full_name),
                    (F::LegalRepresentativeDocument, &r.legal_document),
                    (F::PowerOfAttorneyNumber, &r.poa_number),
                    (F::PowerOfAttorneyDate, &r.poa_date),
                    (F::PowerOfAttorneyValidUntil, &r.poa_valid_until),
                ] {
                    if !value.is_empty() {
                        ui.label(RichText::new(field.label(lang)).color(theme::TEXT_WEAK));
                        ui.label(shown(field, value));
                        ui.end_row();
                    }
                }
            }
            if let Some(r) = &f.result {
                if !r.iin.is_empty() {
                    ui.label(RichText::new(F::ResultIin.label(lang)).color(theme::TEXT_WEAK));
                    ui.label(RichText::new(&r.iin).strong());
                    ui.end_row();
                }
                if let Some(g) = RefusalGround::from_key(&r.ground) {
                    ui.label(RichText::new(F::RefusalGround.label(lang)).color(theme::TEXT_WEAK));
                    ui.label(format!("15.{}: {}", g.item(), g.text(lang)));
                    ui.end_row();
                }
            }
        });
    widgets::section(ui, Msg("window-section-checklist").get(lang));
    for (k, provided) in &f.documents {
        let name = DocumentKind::from_key(k).map_or(k.as_str(), |d| d.name(lang));
        ui.label(format!("{} {name}", if *provided { "☑" } else { "☐" }));
    }
}
