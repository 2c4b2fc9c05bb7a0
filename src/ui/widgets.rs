//! Small building blocks shared by the screens: a labelled form row that keeps the
//! typed text and shows its error, section headings, status colours, the language
//! switch, and how ids, times and deadlines are shown.

use egui::{Response, RichText, TextEdit, Ui};

use super::theme;
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::domain::mrz::{zone_progress, ZoneProgress, ZoneScanner};
use crate::domain::request::Status;
use crate::state::{AppState, Command};
use crate::store::RequestRow;

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
            // Enter and a scan move the focus down the form: keep it in sight.
            if response.gained_focus() {
                response.scroll_to_me(Some(egui::Align::Center));
            }
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

/// The language switch, shown on every screen.
pub fn language_ui(state: &mut AppState, ui: &mut Ui) {
    let label = ui.label(Msg("window-language").get(state.lang));
    language_box(state, ui).labelled_by(label.id);
}

/// The language switch without its label (the top bar): the label is the tooltip.
pub fn language_combo(state: &mut AppState, ui: &mut Ui) {
    let tip = Msg("window-language").get(state.lang);
    language_box(state, ui).on_hover_text(tip);
}

fn language_box(state: &mut AppState, ui: &mut Ui) -> Response {
    egui::ComboBox::from_id_salt("language")
        .selected_text(lang_name(state.lang))
        .show_ui(ui, |ui| {
            for l in Lang::ALL {
                if ui.selectable_label(state.lang == l, lang_name(l)).clicked() && state.lang != l {
                    state.ask(Command::SetLang(l));
                }
            }
        })
        .response
}

/// Each language's name in itself, whatever the window speaks.
fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Kk => Msg("window-lang-kk").get(Lang::Kk),
        Lang::Ru => Msg("window-lang-ru").get(Lang::Ru),
        Lang::En => Msg("window-lang-en").get(Lang::En),
    }
}

/// The first block of a UUID, enough for a clerk to tell requests apart.
pub fn short_id(id: &str) -> &str {
    id.split('-').next().unwrap_or(id)
}

/// Whether a row's deadline has passed while it is still open.
pub fn is_overdue(row: &RequestRow, now: chrono::NaiveDateTime) -> bool {
    let open = !row.status.is_final();
    let due = row
        .due_at
        .as_deref()
        .and_then(|d| chrono::NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok());
    open && due.is_some_and(|d| now > d)
}

/// A time or date-time from the store, as clerks read it.
pub fn show_time(text: Option<&str>) -> String {
    text.and_then(|d| chrono::NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M:%S").ok())
        .map(|d| d.format("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default()
}

/// The window's time for a scan's quiet gap (egui's clock, from the window's start).
pub fn scan_clock(ui: &Ui) -> std::time::Duration {
    std::time::Duration::from_secs_f64(ui.input(|i| i.time).max(0.0))
}

/// Under a scan box: how much of the zone has arrived while it is incomplete, and a
/// frame asked for when a whole zone waits for the reader's quiet gap.
pub fn scan_progress_ui(ui: &mut Ui, scanner: &ZoneScanner, text: &str, lang: Lang) {
    if let Some(wait) = scanner.wake_in(scan_clock(ui)) {
        ui.ctx().request_repaint_after(wait);
    }
    let line = match zone_progress(text) {
        ZoneProgress::Partial {
            lines,
            expected: Some(expected),
        } => tr_args(
            lang,
            "scan-waiting-lines",
            &[("lines", lines.into()), ("expected", expected.into())],
        ),
        ZoneProgress::Partial { expected: None, .. } => Msg("scan-waiting").get(lang).into(),
        ZoneProgress::Empty | ZoneProgress::Complete(_) => return,
    };
    ui.label(RichText::new(line).small().color(theme::TEXT_WEAK));
}

/// A button's tooltip naming its keyboard shortcut.
pub fn shortcut_tip(lang: Lang, keys: &str) -> String {
    tr_args(lang, "scan-shortcut", &[("keys", keys.into())])
}

/// "19 s" or "3 min 5 s" in `lang`.
pub fn time_left_text(lang: Lang, secs: u64) -> String {
    if secs < 60 {
        tr_args(lang, "progress-left-secs", &[("s", secs.into())])
    } else {
        tr_args(
            lang,
            "progress-left-min",
            &[("m", (secs / 60).into()), ("s", (secs % 60).into())],
        )
    }
}

/// A progress bar for long work: `label` above it (the count), the rate and time left
/// under it, and a Cancel button named `cancel` when stopping is safe. Whether Cancel was
/// pressed.
pub fn progress_bar(
    ui: &mut Ui,
    lang: Lang,
    label: &str,
    counts: (u64, u64, std::time::Duration),
    cancel: Option<&str>,
) -> bool {
    use crate::queue::sync_progress::{fraction, grouped, rate, secs_left};
    let (done, total, elapsed) = counts;
    let mut pressed = false;
    ui.vertical(|ui| {
        let text = ui.label(label);
        ui.add(egui::ProgressBar::new(fraction(done, total)).desired_width(theme::FIELD_WIDTH))
            .labelled_by(text.id);
        ui.horizontal(|ui| {
            if done > 0 {
                let left = time_left_text(lang, secs_left(done, total, elapsed));
                ui.label(
                    RichText::new(tr_args(
                        lang,
                        "progress-window-speed",
                        &[
                            ("rate", grouped(lang, rate(done, elapsed)).into()),
                            ("left", left.into()),
                        ],
                    ))
                    .color(theme::TEXT_WEAK),
                );
            }
            if let Some(name) = cancel {
                pressed = ui.button(name).clicked();
            }
        });
    });
    pressed
}
