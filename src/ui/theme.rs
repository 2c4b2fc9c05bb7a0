//! Colours, spacing and text sizes: the one place the look is decided.
//!
//! Calm and high-contrast for long counter days: dark text on a light warm-grey
//! background, one accent colour, and loud colours only for what needs attention.

use egui::{Color32, CornerRadius, FontId, Margin, Stroke, TextStyle, Visuals};

/// The accent (buttons, focus).
pub const ACCENT: Color32 = Color32::from_rgb(0x00, 0x5a, 0x9c);
/// Text.
pub const TEXT: Color32 = Color32::from_rgb(0x1a, 0x1a, 0x1a);
/// Secondary text (hints, captions).
pub const TEXT_WEAK: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);
/// Page background.
pub const BACKGROUND: Color32 = Color32::from_rgb(0xf4, 0xf3, 0xf0);
/// Panel background.
pub const PANEL: Color32 = Color32::from_rgb(0xfb, 0xfb, 0xf9);
/// Success (accept, check digit ok).
pub const OK: Color32 = Color32::from_rgb(0x1e, 0x7b, 0x34);
/// Warning (timer at 15 minutes, pending).
pub const WARN: Color32 = Color32::from_rgb(0xa6, 0x5e, 0x00);
/// Error (invalid field, failed check digit, overdue).
pub const ERROR: Color32 = Color32::from_rgb(0xb0, 0x1c, 0x1c);
/// Background of an error banner.
pub const ERROR_BG: Color32 = Color32::from_rgb(0xfb, 0xe4, 0xe4);
/// Background of a success banner.
pub const OK_BG: Color32 = Color32::from_rgb(0xe3, 0xf3, 0xe6);
/// Background of a warning banner.
pub const WARN_BG: Color32 = Color32::from_rgb(0xfd, 0xf0, 0xd9);

/// Space between form rows.
pub const ROW_GAP: f32 = 6.0;
/// Space between sections.
pub const SECTION_GAP: f32 = 14.0;
/// Width of the label column in forms.
pub const LABEL_WIDTH: f32 = 230.0;
/// Width of a text field in forms.
pub const FIELD_WIDTH: f32 = 320.0;
/// Height of a journal row.
pub const ROW_HEIGHT: f32 = 24.0;

/// DejaVu Sans, the font the printed documents use; here it backs up egui's own font
/// for symbols (✔ ✖ ← →) that font lacks.
const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Installs egui's fonts with DejaVu Sans as the fallback.
fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".into(),
        std::sync::Arc::new(egui::FontData::from_static(DEJAVU_SANS)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-sans".into());
    }
    ctx.set_fonts(fonts);
}

/// Applies the theme to a context.
pub fn apply(ctx: &egui::Context) {
    install_fonts(ctx);
    let mut visuals = Visuals::light();
    visuals.override_text_color = Some(TEXT);
    visuals.panel_fill = PANEL;
    visuals.window_fill = PANEL;
    visuals.extreme_bg_color = Color32::WHITE;
    visuals.selection.bg_fill = Color32::from_rgb(0xc7, 0xdd, 0xf2);
    visuals.selection.stroke = Stroke::new(1.5, ACCENT);
    // Text fields and buttons need a visible edge on the light background.
    visuals.widgets.inactive.bg_stroke = Stroke::new(1.0, Color32::from_rgb(0x8a, 0x8a, 0x8a));
    visuals.widgets.noninteractive.bg_stroke =
        Stroke::new(1.0, Color32::from_rgb(0xc8, 0xc6, 0xc0));
    visuals.widgets.inactive.corner_radius = CornerRadius::same(4);
    visuals.widgets.hovered.corner_radius = CornerRadius::same(4);
    visuals.widgets.active.corner_radius = CornerRadius::same(4);
    ctx.set_visuals(visuals);
    ctx.global_style_mut(|style| {
        style.spacing.item_spacing = egui::vec2(8.0, ROW_GAP);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.window_margin = Margin::same(14);
        style
            .text_styles
            .insert(TextStyle::Body, FontId::proportional(15.0));
        style
            .text_styles
            .insert(TextStyle::Button, FontId::proportional(15.0));
        style
            .text_styles
            .insert(TextStyle::Heading, FontId::proportional(21.0));
        style
            .text_styles
            .insert(TextStyle::Small, FontId::proportional(12.5));
        style
            .text_styles
            .insert(TextStyle::Monospace, FontId::monospace(14.0));
    });
}

/// A framed banner in the given colours.
pub fn banner(ui: &mut egui::Ui, fill: Color32, stroke: Color32, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(fill)
        .stroke(Stroke::new(1.0, stroke))
        .corner_radius(CornerRadius::same(4))
        .inner_margin(Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}
