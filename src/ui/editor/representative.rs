//! The representative's block: whether one applies, on what ground (a legal
//! representative with the document that proves it, or a notarized power of attorney),
//! and the fields that ground needs, each with its error.

use egui::{RichText, Ui};

use super::super::{theme, widgets};
use super::field_id;
use crate::domain::field::Field;
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::request::RepresentativeBasis;
use crate::state::editor::Editor;

/// The label of a ground on the form.
fn basis_label(basis: RepresentativeBasis, lang: Lang) -> &'static str {
    match basis {
        RepresentativeBasis::LegalRepresentative => Msg("clerk-basis-legal").get(lang),
        RepresentativeBasis::PowerOfAttorney => Msg("clerk-basis-power-of-attorney").get(lang),
    }
}

/// The power of attorney's fields, in the paper form's order.
const POA: [Field; 4] = [
    Field::PowerOfAttorneyNumber,
    Field::PowerOfAttorneyDate,
    Field::PowerOfAttorneyNotary,
    Field::PowerOfAttorneyValidUntil,
];

/// Draws the block.
pub(super) fn representative_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    ui.add_space(theme::SECTION_GAP);
    let mut on = ed.form.representative.is_some();
    if ui
        .checkbox(&mut on, Msg("window-has-representative").get(lang))
        .changed()
    {
        ed.set_representative(on);
    }
    if ed.form.representative.is_none() {
        return;
    }
    widgets::section(ui, Msg("window-section-representative").get(lang));
    basis_ui(ed, lang, ui);
    let basis = ed.representative_basis();
    let Some(r) = ed.form.representative.as_ref() else {
        return;
    };
    // A field of the other ground stays visible while it holds text, with its error.
    let poa_typed = [
        &r.poa_number,
        &r.poa_date,
        &r.poa_notary,
        &r.poa_valid_until,
    ]
    .iter()
    .any(|t| !t.trim().is_empty());
    let legal_typed = !r.legal_document.trim().is_empty();
    let mut fields = vec![Field::RepresentativeName, Field::RepresentativeDocument];
    if basis == Some(RepresentativeBasis::LegalRepresentative) || legal_typed {
        fields.push(Field::LegalRepresentativeDocument);
    }
    if basis == Some(RepresentativeBasis::PowerOfAttorney) || poa_typed {
        fields.extend(POA);
    }
    let errors: Vec<(Field, Option<String>)> = fields
        .into_iter()
        .map(|f| (f, ed.error_for(f, lang)))
        .collect();
    let Some(r) = ed.form.representative.as_mut() else {
        return;
    };
    egui::Grid::new("representative")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (field, error) in errors {
                let text = match field {
                    Field::RepresentativeName => &mut r.full_name,
                    Field::RepresentativeDocument => &mut r.document,
                    Field::LegalRepresentativeDocument => &mut r.legal_document,
                    Field::PowerOfAttorneyNumber => &mut r.poa_number,
                    Field::PowerOfAttorneyDate => &mut r.poa_date,
                    Field::PowerOfAttorneyNotary => &mut r.poa_notary,
                    _ => &mut r.poa_valid_until,
                };
                let h = if matches!(
                    field,
                    Field::PowerOfAttorneyDate | Field::PowerOfAttorneyValidUntil
                ) {
                    Msg("window-date-hint").get(lang)
                } else {
                    ""
                };
                widgets::text_row(
                    ui,
                    field_id(field),
                    &field.label(lang),
                    text,
                    error.as_deref(),
                    h,
                );
            }
        });
}

/// The choice of ground, with its error (an unknown key from an imported file).
fn basis_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    let current = ed.representative_basis();
    let error = ed.error_for(Field::RepresentativeBasis, lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(Field::RepresentativeBasis.label(lang));
        for basis in RepresentativeBasis::ALL {
            if ui
                .radio(current == Some(basis), basis_label(basis, lang))
                .clicked()
            {
                ed.set_representative_basis(basis);
            }
        }
    });
    if let Some(e) = error {
        ui.label(RichText::new(e).color(theme::ERROR).small());
    }
}
