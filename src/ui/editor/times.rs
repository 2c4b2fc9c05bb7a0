//! The editor's times: the electronic queue ticket (its number and when it was taken),
//! the waiting time it gives, and the service timer, both flagged by the one rule of
//! [`crate::domain::timing`].

use chrono::NaiveDateTime;
use egui::{RichText, Ui};

use super::{field_id, take_focus};
use crate::domain::edition::limits_on;
use crate::domain::field::Field;
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::timing::{level, over_limit, time_text, Level};
use crate::state::editor::Editor;
use crate::ui::{theme, widgets};

/// The queue ticket's fields, after the MRZ box: the number (a scanner may type the
/// time after it) and the time it was taken.
pub(super) fn queue_ui(ed: &mut Editor, lang: Lang, ui: &mut Ui) {
    widgets::section(ui, Msg("times-section").get(lang));
    let ticket_error = ed.error_for(Field::Ticket, lang);
    let time_error = ed.error_for(Field::TicketTakenAt, lang);
    egui::Grid::new("queue-ticket")
        .num_columns(2)
        .min_col_width(theme::LABEL_WIDTH)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            let r = widgets::text_row(
                ui,
                field_id(Field::Ticket),
                &Field::Ticket.label(lang),
                &mut ed.form.ticket,
                ticket_error.as_deref(),
                Msg("times-ticket-hint").get(lang),
            );
            take_focus(ed, Field::Ticket, &r);
            if r.lost_focus() {
                ed.settle_ticket();
                ed.field_left = true;
            }
            let r = widgets::text_row(
                ui,
                field_id(Field::TicketTakenAt),
                &Field::TicketTakenAt.label(lang),
                &mut ed.form.ticket_taken_at,
                time_error.as_deref(),
                Msg("times-time-hint").get(lang),
            );
            take_focus(ed, Field::TicketTakenAt, &r);
            if r.lost_focus() {
                ed.field_left = true;
            }
        });
}

/// The times in the side panel: the service timer and, with a ticket, the waiting
/// time; each red over its limit.
pub(super) fn timer_ui(ed: &Editor, now: NaiveDateTime, lang: Lang, ui: &mut Ui) {
    let elapsed = now - ed.opened_at;
    // The limits of the edition in force on the day the request was first opened.
    let limits = limits_on(ed.opened_at.date());
    let (fill, stroke) = match level(elapsed, limits.max_service_minutes) {
        Level::Normal => (theme::PANEL, theme::TEXT_WEAK),
        Level::Near => (theme::WARN_BG, theme::WARN),
        Level::Over => (theme::ERROR_BG, theme::ERROR),
    };
    theme::banner(ui, fill, stroke, |ui| {
        ui.label(
            RichText::new(time_text(
                Msg("window-service-time").get(lang),
                elapsed,
                limits.max_service_minutes,
                lang,
            ))
            .strong()
            .color(stroke),
        );
    });
    if let Some(waiting) = ed.waiting() {
        let over = over_limit(waiting, limits.max_waiting_minutes);
        let (fill, stroke) = if over {
            (theme::ERROR_BG, theme::ERROR)
        } else {
            (theme::PANEL, theme::TEXT_WEAK)
        };
        theme::banner(ui, fill, stroke, |ui| {
            ui.label(
                RichText::new(time_text(
                    Msg("times-waiting").get(lang),
                    waiting,
                    limits.max_waiting_minutes,
                    lang,
                ))
                .strong()
                .color(stroke),
            );
        });
    }
}
