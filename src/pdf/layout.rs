//! A small page-layout engine over printpdf's operations: A4 pages with printable
//! margins, the embedded DejaVu Sans font, text measuring and wrapping, bilingual
//! paragraphs, label–value rows, ruled tables with repeated headers, lines and filled
//! rectangles.
//!
//! Coordinates are PDF points with the origin at the bottom left of the page; the
//! [`Writer`] keeps a cursor `y` (the top of the next thing to draw) that moves down the
//! page and starts a new page when the next block does not fit. Every text is drawn as
//! text with the embedded font (printpdf writes a ToUnicode map), so it stays searchable
//! and copyable. Long values are wrapped at spaces, and a word longer than the line is
//! broken between letters, so nothing is ever clipped.

use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, Point, Pt, Rect, TextItem, WindingOrder,
};

use super::PdfError;

/// The regular face of DejaVu Sans (Latin, Cyrillic with every Kazakh letter).
const REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// The bold face of DejaVu Sans.
const BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 width in points.
pub(crate) const PAGE_W: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_H: f32 = 841.89;
/// Points per millimetre.
pub(crate) const MM: f32 = 72.0 / 25.4;
/// Left margin (binding side), 25 mm.
pub(crate) const MARGIN_LEFT: f32 = 25.0 * MM;
/// Right margin, 15 mm.
pub(crate) const MARGIN_RIGHT: f32 = 15.0 * MM;
/// Top margin, 15 mm.
pub(crate) const MARGIN_TOP: f32 = 15.0 * MM;
/// Bottom margin, 15 mm; the page footer sits inside it.
pub(crate) const MARGIN_BOTTOM: f32 = 15.0 * MM;
/// Width between the margins.
pub(crate) const CONTENT_W: f32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// Where the addressee block on the right of a portrait form starts.
pub(crate) const RIGHT_BLOCK_X: f32 = MARGIN_LEFT + CONTENT_W * 0.4;
/// The addressee block's width.
pub(crate) const RIGHT_BLOCK_W: f32 = CONTENT_W * 0.6;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.25;
/// Distance from the top of a line to its baseline, as a multiple of the font size
/// (DejaVu Sans ascends 0.93 em).
const ASCENT: f32 = 0.95;

/// Font weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Weight.
    pub weight: Weight,
    /// Size in points.
    pub size: f32,
    /// Grey instead of black (the Russian translation, captions).
    pub grey: bool,
}

impl Style {
    /// Regular black text of `size` points.
    pub const fn regular(size: f32) -> Style {
        Style {
            weight: Weight::Regular,
            size,
            grey: false,
        }
    }

    /// Bold black text of `size` points.
    pub const fn bold(size: f32) -> Style {
        Style {
            weight: Weight::Bold,
            size,
            grey: false,
        }
    }

    /// The same style in grey.
    pub const fn greyed(self) -> Style {
        Style { grey: true, ..self }
    }

    /// The height of one line.
    pub fn line_h(self) -> f32 {
        self.size * LEADING
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// The two parsed faces of the embedded font.
pub(crate) struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans)")
    }
}

/// The embedded font, parsed once per process.
pub(crate) fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new())?;
            let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut Vec::new())?;
            Some(Fonts { regular, bold })
        })
        .as_ref()
        .ok_or(PdfError::FontUnreadable)
}

impl Fonts {
    /// The regular face, for the subsetting tests.
    #[cfg(test)]
    pub(crate) fn face_for_tests(&self) -> &ParsedFont {
        &self.regular
    }

    fn face(&self, weight: Weight) -> &ParsedFont {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Whether both faces have a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace()
            || (self.regular.lookup_glyph_index(c as u32).is_some()
                && self.bold.lookup_glyph_index(c as u32).is_some())
    }

    /// The advance width of `text` in points.
    pub fn width(&self, text: &str, style: Style) -> f32 {
        let face = self.face(style.weight);
        let upem = f32::from(face.pdf_font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = face.lookup_glyph_index(c as u32).unwrap_or(0);
                u32::from(face.get_glyph_width(gid).unwrap_or(0))
            })
            .sum();
        units as f32 * style.size / upem
    }

    /// `style` made smaller, in half-point steps down to `min_size`, until `text` fits
    /// on one line of `width` (a long surname on one line rather than broken mid-word).
    pub fn fit(&self, text: &str, style: Style, width: f32, min_size: f32) -> Style {
        let mut s = style;
        while s.size > min_size && self.width(text, s) > width {
            s.size -= 0.5;
        }
        s
    }

    /// `style` made smaller, down to `min_size`, until the longest word of `text` fits
    /// on a line of `width`, so that wrapping happens between words.
    pub fn fit_words(&self, text: &str, style: Style, width: f32, min_size: f32) -> Style {
        let longest = text
            .split_whitespace()
            .max_by(|a, b| self.width(a, style).total_cmp(&self.width(b, style)))
            .unwrap_or("");
        self.fit(longest, style, width, min_size)
    }

    /// `text` broken into lines no wider than `width`: at spaces where possible, and
    /// between letters inside a word that is wider than a line. Explicit newlines are
    /// kept. An empty text gives one empty line.
    pub fn wrap(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, style) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                // The word alone: break it between letters while it is too wide.
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && self.width(&next, style) > width {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
}

/// Draws pages: a cursor that moves down, page breaks, text and rules.
pub(crate) struct Writer {
    /// The font, for measuring.
    pub fonts: &'static Fonts,
    regular_id: FontId,
    bold_id: FontId,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// The top of the next block, in points from the bottom of the page.
    pub y: f32,
    unprintable: Option<char>,
    footer: String,
    page_w: f32,
    page_h: f32,
}

impl Writer {
    /// A portrait writer for `doc` whose pages carry `footer` (no personal data) and
    /// page numbers.
    pub fn new(doc: &mut PdfDocument, footer: String) -> Result<Writer, PdfError> {
        Writer::with_orientation(doc, footer, Orientation::Portrait)
    }

    /// A writer with pages turned `orientation`.
    pub fn with_orientation(
        doc: &mut PdfDocument,
        footer: String,
        orientation: Orientation,
    ) -> Result<Writer, PdfError> {
        let (page_w, page_h) = match orientation {
            Orientation::Portrait => (PAGE_W, PAGE_H),
            Orientation::Landscape => (PAGE_H, PAGE_W),
        };
        let fonts = fonts()?;
        let regular_id = doc.add_font(&fonts.regular);
        let bold_id = doc.add_font(&fonts.bold);
        Ok(Writer {
            fonts,
            regular_id,
            bold_id,
            pages: Vec::new(),
            ops: Vec::new(),
            y: page_h - MARGIN_TOP,
            unprintable: None,
            footer,
            page_w,
            page_h,
        })
    }

    /// The width between the margins.
    pub fn content_w(&self) -> f32 {
        self.page_w - MARGIN_LEFT - MARGIN_RIGHT
    }

    /// The bottom limit of the content area.
    pub fn bottom(&self) -> f32 {
        MARGIN_BOTTOM + 6.0
    }

    /// The space left on the page below the cursor.
    pub fn room(&self) -> f32 {
        self.y - self.bottom()
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.y = self.page_h - MARGIN_TOP;
    }

    /// Starts a new page unless `height` fits below the cursor.
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y < self.page_h - MARGIN_TOP - 1.0 {
            self.new_page();
        }
    }

    /// Moves the cursor down by `pt`.
    pub fn gap(&mut self, pt: f32) {
        self.y -= pt;
    }

    fn remember_unprintable(&mut self, text: &str) {
        if self.unprintable.is_none() {
            self.unprintable = text.chars().find(|c| !self.fonts.covers(*c));
        }
    }

    /// Draws one line of text with its baseline at `baseline`, starting at `x`.
    pub fn text_at(&mut self, x: f32, baseline: f32, text: &str, style: Style) {
        if text.is_empty() {
            return;
        }
        self.remember_unprintable(text);
        let font = match style.weight {
            Weight::Regular => self.regular_id.clone(),
            Weight::Bold => self.bold_id.clone(),
        };
        let grey = if style.grey { 0.3 } else { 0.0 };
        self.ops.extend([
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(grey, None)),
            },
            Op::StartTextSection,
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(style.size),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(baseline),
                },
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    /// Draws already wrapped `lines` from the top `top` down, aligned in the column
    /// `x..x + width`; returns the height used.
    pub fn lines_at(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        lines: &[String],
        style: Style,
        align: Align,
    ) -> f32 {
        let mut baseline = top - style.size * ASCENT;
        for line in lines {
            let dx = match align {
                Align::Left => 0.0,
                Align::Center => ((width - self.fonts.width(line, style)) / 2.0).max(0.0),
                Align::Right => (width - self.fonts.width(line, style)).max(0.0),
            };
            self.text_at(x + dx, baseline, line, style);
            baseline -= style.line_h();
        }
        lines.len() as f32 * style.line_h()
    }

    /// A paragraph in the column `x..x + width` at the cursor, wrapped, breaking pages
    /// between lines; the cursor moves below it.
    pub fn para(&mut self, x: f32, width: f32, text: &str, style: Style, align: Align) {
        let lines = self.fonts.wrap(text, style, width);
        for line in lines {
            self.ensure(style.line_h());
            let top = self.y;
            self.lines_at(x, top, width, &[line], style, align);
            self.y -= style.line_h();
        }
    }

    /// A paragraph across the content width.
    pub fn para_full(&mut self, text: &str, style: Style, align: Align) {
        self.para(MARGIN_LEFT, self.content_w(), text, style, align);
    }

    /// Kazakh, then the Russian translation below it in grey, across `x..x + width`.
    pub fn bilingual(
        &mut self,
        x: f32,
        width: f32,
        kk: &str,
        ru: &str,
        style: Style,
        align: Align,
    ) {
        self.para(x, width, kk, style, align);
        let ru_style = Style {
            size: (style.size - 0.5).max(6.0),
            ..style
        }
        .greyed();
        self.para(x, width, ru, ru_style, align);
    }

    /// Kazakh in the left half of the content width and Russian beside it in the right
    /// half, kept together on one page (stacked instead if taller than a page).
    pub fn side_by_side(&mut self, kk: &str, ru: &str, style: Style) {
        let gutter = 12.0;
        let col_w = (self.content_w() - gutter) / 2.0;
        let ru_style = style.greyed();
        let kk_lines = self.fonts.wrap(kk, style, col_w);
        let ru_lines = self.fonts.wrap(ru, ru_style, col_w);
        let height = kk_lines.len().max(ru_lines.len()) as f32 * style.line_h();
        if height > self.page_h - MARGIN_TOP - self.bottom() {
            self.bilingual(MARGIN_LEFT, self.content_w(), kk, ru, style, Align::Left);
            return;
        }
        self.ensure(height);
        let top = self.y;
        self.lines_at(MARGIN_LEFT, top, col_w, &kk_lines, style, Align::Left);
        self.lines_at(
            MARGIN_LEFT + col_w + gutter,
            top,
            col_w,
            &ru_lines,
            ru_style,
            Align::Left,
        );
        self.y -= height;
    }

    /// A straight line from `(x1, y1)` to `(x2, y2)`.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32, dashed: bool) {
        let point = |x: f32, y: f32| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::SetLineDashPattern {
                dash: if dashed {
                    LineDashPattern::new(0.0, &[4.0, 3.0])
                } else {
                    LineDashPattern::solid()
                },
            },
            Op::DrawLine {
                line: Line {
                    points: vec![point(x1, y1), point(x2, y2)],
                    is_closed: false,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// A black filled rectangle with its lower left corner at `(x, y)`.
    pub fn fill_rect(&mut self, x: f32, y: f32, width: f32, height: f32) {
        self.ops.extend([
            Op::SetFillColor {
                col: Color::Greyscale(Greyscale::new(0.0, None)),
            },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: Pt(x),
                    y: Pt(y),
                    width: Pt(width),
                    height: Pt(height),
                    mode: Some(PaintMode::Fill),
                    winding_order: Some(WindingOrder::NonZero),
                },
            },
        ]);
    }

    /// The width of the value column of [`Writer::field`] rows with labels `label_w` wide.
    pub fn value_width(&self, label_w: f32) -> f32 {
        self.content_w() - label_w - 6.0
    }

    /// A label–value row: the Kazakh label with the Russian one below it on the left
    /// (`label_w` wide), the value lines on the right, a thin rule below. Kept on one
    /// page.
    pub fn field(&mut self, label_w: f32, kk: &str, ru: &str, values: &[(String, Style)]) {
        let label_style = Style::regular(8.5);
        let ru_style = Style::regular(8.0).greyed();
        let value_x = MARGIN_LEFT + label_w + 6.0;
        let value_w = self.value_width(label_w);
        let kk_lines = self.fonts.wrap(kk, label_style, label_w);
        let ru_lines = self.fonts.wrap(ru, ru_style, label_w);
        let label_h = kk_lines.len() as f32 * label_style.line_h()
            + ru_lines.len() as f32 * ru_style.line_h();
        let wrapped: Vec<(Vec<String>, Style)> = values
            .iter()
            .map(|(v, s)| (self.fonts.wrap(v, *s, value_w), *s))
            .collect();
        let value_h: f32 = wrapped
            .iter()
            .map(|(lines, s)| lines.len() as f32 * s.line_h())
            .sum();
        let pad = 2.5;
        let height = label_h.max(value_h) + 2.0 * pad;
        self.ensure(height);
        let top = self.y - pad;
        let used = self.lines_at(
            MARGIN_LEFT,
            top,
            label_w,
            &kk_lines,
            label_style,
            Align::Left,
        );
        self.lines_at(
            MARGIN_LEFT,
            top - used,
            label_w,
            &ru_lines,
            ru_style,
            Align::Left,
        );
        let mut value_top = top;
        for (lines, style) in &wrapped {
            value_top -= self.lines_at(value_x, value_top, value_w, lines, *style, Align::Left);
        }
        self.y -= height;
        self.line(
            MARGIN_LEFT,
            self.y,
            self.page_w - MARGIN_RIGHT,
            self.y,
            0.3,
            false,
        );
    }

    /// A ruled table: `widths` of the columns (they should add up to the content
    /// width), a header row repeated on every page, and rows of cells; a cell is a list
    /// of paragraphs, each with its style. A row is never split across pages.
    pub fn table(&mut self, widths: &[f32], header: &[Cell], rows: &[Vec<Cell>]) {
        let pad = 2.5;
        let layout = |fonts: &Fonts, row: &[Cell]| -> LaidOutRow {
            let cells: Vec<Vec<WrappedPara>> = row
                .iter()
                .zip(widths)
                .map(|(cell, w)| {
                    cell.iter()
                        .map(|(text, style)| (fonts.wrap(text, *style, w - 2.0 * pad), *style))
                        .collect()
                })
                .collect();
            let height = cells
                .iter()
                .map(|c| {
                    c.iter()
                        .map(|(lines, s)| lines.len() as f32 * s.line_h())
                        .sum::<f32>()
                })
                .fold(0.0, f32::max)
                + 2.0 * pad;
            (cells, height)
        };
        let head = layout(self.fonts, header);
        let mut header_drawn = false;
        for row in rows {
            let body = layout(self.fonts, row);
            if !header_drawn || body.1 > self.room() {
                self.ensure(head.1 + body.1);
                self.table_row(widths, &head, pad);
                header_drawn = true;
            }
            self.table_row(widths, &body, pad);
        }
        if !header_drawn {
            self.ensure(head.1);
            self.table_row(widths, &head, pad);
        }
    }

    fn table_row(&mut self, widths: &[f32], row: &LaidOutRow, pad: f32) {
        let (cells, height) = row;
        let top = self.y;
        let bottom = top - height;
        let mut x = MARGIN_LEFT;
        self.line(x, top, x + widths.iter().sum::<f32>(), top, 0.5, false);
        for (cell, w) in cells.iter().zip(widths) {
            self.line(x, top, x, bottom, 0.5, false);
            let mut cell_top = top - pad;
            for (lines, style) in cell {
                cell_top -=
                    self.lines_at(x + pad, cell_top, w - 2.0 * pad, lines, *style, Align::Left);
            }
            x += w;
        }
        self.line(x, top, x, bottom, 0.5, false);
        self.line(MARGIN_LEFT, bottom, x, bottom, 0.5, false);
        self.y = bottom;
    }

    /// Closes the last page, adds the footer and page numbers, and returns the pages;
    /// fails if some text has a character the font cannot show.
    pub fn finish(mut self) -> Result<Vec<PdfPage>, PdfError> {
        if let Some(c) = self.unprintable {
            return Err(PdfError::UnprintableCharacter(c));
        }
        self.pages.push(std::mem::take(&mut self.ops));
        let total = self.pages.len();
        let style = Style::regular(7.0).greyed();
        let pages = std::mem::take(&mut self.pages);
        let mut out = Vec::with_capacity(total);
        for (i, mut ops) in pages.into_iter().enumerate() {
            let number = format!("{} / {total}", i + 1);
            std::mem::swap(&mut self.ops, &mut ops);
            let baseline = MARGIN_BOTTOM - 8.0;
            let footer = self.footer.clone();
            self.text_at(MARGIN_LEFT, baseline, &footer, style);
            let w = self.fonts.width(&number, style);
            self.text_at(self.page_w - MARGIN_RIGHT - w, baseline, &number, style);
            std::mem::swap(&mut self.ops, &mut ops);
            out.push(PdfPage::new(
                Mm(self.page_w / MM),
                Mm(self.page_h / MM),
                ops,
            ));
        }
        if let Some(c) = self.unprintable {
            return Err(PdfError::UnprintableCharacter(c));
        }
        Ok(out)
    }
}

/// Which way the page is turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    /// A4 upright (all forms).
    Portrait,
    /// A4 on its side (the register's wide table).
    Landscape,
}

/// A table cell: paragraphs with their styles.
pub(crate) type Cell = Vec<(String, Style)>;

/// A paragraph wrapped into lines, with its style.
type WrappedPara = (Vec<String>, Style);

/// A table row laid out: each cell's wrapped paragraphs, and the row's height.
type LaidOutRow = (Vec<Vec<WrappedPara>>, f32);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_every_kazakh_letter() {
        let fonts = fonts().unwrap_or_else(|e| panic!("{e}"));
        for c in "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯаәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя№«»–—".chars() {
            assert!(fonts.covers(c), "{c}");
        }
        assert!(!fonts.covers('\u{4E2D}'));
    }

    #[test]
    fn wrapping_never_exceeds_the_width_and_loses_nothing() {
        let fonts = fonts().unwrap_or_else(|e| panic!("{e}"));
        let style = Style::bold(12.0);
        let long = "WOLFESCHLEGELSTEINHAUSENBERGERDORFFVORALTERN MARIA-JOSEFINA ANNA";
        for width in [40.0, 80.0, 200.0] {
            let lines = fonts.wrap(long, style, width);
            for l in &lines {
                assert!(
                    fonts.width(l, style) <= width + 0.01 || l.chars().count() == 1,
                    "{l}"
                );
            }
            let joined: String = lines.concat().split_whitespace().collect();
            let expected: String = long.split_whitespace().collect();
            assert_eq!(joined, expected);
        }
        assert_eq!(fonts.wrap("", style, 100.0), vec![String::new()]);
    }
}
