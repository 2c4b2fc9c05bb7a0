//! Small building blocks shared by the screens: a labelled form row that keeps the
//! typed text and shows its error, section headings, status colours.

use egui::{Response, RichText, TextEdit, Ui};

use super::theme;
use crate::domain::request::Status;

/// A form row in a two-column grid: the label, then the field with its error under it.
/// The field is named by its label for screen readers and tests.
pub fn text_row(
    ui: &mut Ui,
    id: egui::Id,
    label: &str,
    text: &mut String,
    error: Option<&str>,
    hint: &str,
) -> Response {
    let label_response = ui.label(label);
    let response = ui
        .vertical(|ui| {
            let mut edit = TextEdit::singleline(text)
                .id(id)
                .desired_width(theme::FIELD_WIDTH)
                .hint_text(hint);
            if error.is_some() {
                edit = edit.text_color(theme::ERROR);
            }
            let response = ui.add(edit).labelled_by(label_response.id);
            if let Some(e) = error {
                ui.label(RichText::new(e).color(theme::ERROR).small());
            }
            response
        })
        .inner;
    ui.end_row();
    response
}

/// A section heading with space above it.
pub fn section(ui: &mut Ui, title: &str) {
    ui.add_space(theme::SECTION_GAP);
    ui.label(
        RichText::new(title)
            .strong()
            .size(17.0)
            .color(theme::ACCENT),
    );
    ui.separator();
}

/// The colour a status is shown in.
pub fn status_color(status: Status) -> egui::Color32 {
    match status {
        Status::Draft => theme::TEXT_WEAK,
        Status::Accepted | Status::Sent => theme::WARN,
        Status::Formed | Status::Corrected => theme::OK,
        Status::Refused | Status::RefusedToAccept => theme::ERROR,
    }
}
