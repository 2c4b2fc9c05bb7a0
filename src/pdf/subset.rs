//! Font subsetting at save time: each embedded face is cut down to the glyphs the document
//! shows, so a one-page PDF carries tens of kilobytes of font, not the whole of DejaVu Sans.
//!
//! printpdf subsets only with its `text_layout` feature, which pulls in a whole layout engine
//! (azul) that this program does not use and that was a fifth of the build. Here the faces are
//! subset with `allsorts` (the crate printpdf itself parses fonts with), keeping a Unicode
//! `cmap`, and the small face replaces the whole one in the document under the same id, so
//! the text already written keeps its font.

use std::collections::{BTreeMap, BTreeSet};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, TextItem};

/// Replaces every external font of `doc` by its subset to the characters `pages` show with
/// it. A face that cannot be subset stays whole (a larger file, never a broken one).
pub(crate) fn subset_fonts(doc: &mut PdfDocument, pages: &[PdfPage]) {
    let used = characters_by_font(pages);
    for (id, font) in &mut doc.resources.fonts.map {
        let chars = used.get(id).cloned().unwrap_or_default();
        if let Some(small) = subset_face(&font.parsed_font, &chars) {
            font.parsed_font = small;
        }
    }
}

/// The characters each font shows on `pages`.
fn characters_by_font(pages: &[PdfPage]) -> BTreeMap<FontId, BTreeSet<char>> {
    let mut used: BTreeMap<FontId, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        let mut current: Option<FontId> = None;
        for op in &page.ops {
            match op {
                Op::SetFont {
                    font: PdfFontHandle::External(id),
                    ..
                } => current = Some(id.clone()),
                Op::SetFont { .. } => current = None,
                Op::ShowText { items } => {
                    if let Some(id) = &current {
                        let set = used.entry(id.clone()).or_default();
                        for item in items {
                            if let TextItem::Text(text) = item {
                                set.extend(text.chars());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    used
}

/// `face` cut down to `chars` (glyph 0 always kept), parsed again; `None` when the face has
/// no source bytes or allsorts cannot subset it.
fn subset_face(face: &ParsedFont, chars: &BTreeSet<char>) -> Option<ParsedFont> {
    let bytes = face.source_bytes()?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::from([0]);
    glyphs.extend(
        chars
            .iter()
            .filter_map(|c| face.lookup_glyph_index(u32::from(*c))),
    );
    let glyphs: Vec<u16> = glyphs.into_iter().collect();
    let file = ReadScope::new(&bytes).read::<FontData<'_>>().ok()?;
    let provider = file.table_provider(0).ok()?;
    let small =
        allsorts::subset::subset(&provider, &glyphs, &SubsetProfile::Pdf, CmapTarget::Unicode)
            .ok()?;
    let mut parsed = ParsedFont::from_bytes(&small, 0, &mut Vec::new())?;
    parsed.font_name = face.font_name.clone();
    Some(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::layout::fonts;

    #[test]
    fn a_subset_keeps_the_characters_and_their_widths() {
        let Ok(fonts) = fonts() else {
            panic!("the embedded font parses");
        };
        let face = fonts.face_for_tests();
        let chars: BTreeSet<char> = "Қазақстан Россия IIN 0123".chars().collect();
        let Some(small) = subset_face(face, &chars) else {
            panic!("DejaVu Sans subsets");
        };
        assert!(small.original_bytes.len() * 10 < face.original_bytes.len());
        for c in &chars {
            let whole = face
                .lookup_glyph_index(u32::from(*c))
                .and_then(|g| face.get_glyph_width(g));
            let cut = small
                .lookup_glyph_index(u32::from(*c))
                .and_then(|g| small.get_glyph_width(g));
            assert!(whole.is_some(), "{c} is in DejaVu Sans");
            assert_eq!(whole, cut, "the width of {c}");
        }
        assert_eq!(small.lookup_glyph_index(u32::from('Ж')), None);
    }
}
