//! QR codes drawn as vector rectangles (the `qrcode` crate without its image
//! renderers): each run of dark modules in a row becomes one filled rectangle.

use qrcode::{Color as Module, EcLevel, QrCode};

use super::layout::Writer;
use super::PdfError;

/// The modules of `data` as rows of booleans (dark = true), error correction level M.
pub(crate) fn modules(data: &str) -> Result<Vec<Vec<bool>>, PdfError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|e| PdfError::QrCode(e.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width.max(1))
        .map(|row| row.iter().map(|m| *m == Module::Dark).collect())
        .collect())
}

/// Draws the QR code of `data` with its top left corner at `(x, top)`, `size` points
/// square (the quiet zone of four modules included); returns nothing but rectangles.
pub(crate) fn draw(
    w: &mut Writer,
    data: &str,
    x: f32,
    top: f32,
    size: f32,
) -> Result<(), PdfError> {
    let rows = modules(data)?;
    let n = rows.len() + 8;
    let module = size / n as f32;
    for (r, row) in rows.iter().enumerate() {
        let y = top - (r + 4 + 1) as f32 * module;
        let mut c = 0;
        while c < row.len() {
            if !row[c] {
                c += 1;
                continue;
            }
            let start = c;
            while c < row.len() && row[c] {
                c += 1;
            }
            let rx = x + (start + 4) as f32 * module;
            // A hair wider and taller, so adjacent rectangles leave no white seams.
            w.fill_rect(
                rx,
                y - 0.05,
                (c - start) as f32 * module + 0.05,
                module + 0.1,
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_fits_a_small_code() {
        let rows =
            modules("KZIIN|v1|740812400014|0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001|0123456789abcdef")
                .unwrap_or_else(|e| panic!("{e}"));
        assert!(rows.len() <= 41, "{}", rows.len());
        assert!(rows.iter().all(|r| r.len() == rows.len()));
    }
}
