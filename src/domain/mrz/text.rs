//! From keyboard text to MRZ lines: line breaks, stray characters, the Russian and
//! Kazakh keyboard layouts (see `layout`), and the shape of a whole zone.

use super::layout::from_cyrillic_layout;
use super::{MrzFormat, MrzReadError};

/// Normalizes `text` and says whether a single unbroken run was split.
pub(super) fn normalize_text(text: &str) -> (Vec<String>, bool) {
    let russian_layout =
        text.chars().any(is_cyrillic) && !text.chars().any(|c| c.is_ascii_alphabetic());
    let mut lines = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if is_line_break(c) {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            continue;
        }
        match c {
            '«' | '≪' => current.push_str("<<"),
            '‹' => current.push('<'),
            c if russian_layout => current.push(from_cyrillic_layout(c).unwrap_or(c)),
            c => current.push(c.to_ascii_uppercase()),
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }

    if let [single] = lines.as_slice() {
        let chars: Vec<char> = single.chars().collect();
        let width = match chars.len() {
            88 => Some(44),
            72 => Some(36),
            90 => Some(30),
            _ => None,
        };
        if let Some(width) = width {
            let split = chars
                .chunks(width)
                .map(|chunk| chunk.iter().collect())
                .collect();
            return (split, true);
        }
    }
    (lines, false)
}

/// Whether `c` ends a line.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether `c` is an invisible formatting character a paste can carry.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Whether `c` is a Cyrillic letter.
fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Whether `c` belongs to the MRZ alphabet.
fn is_mrz_char(c: char) -> bool {
    matches!(c, 'A'..='Z' | '0'..='9' | '<')
}

/// The format whose exact shape the lines have, if any.
pub(super) fn exact_shape(lines: &[String]) -> Option<MrzFormat> {
    let width = lines.first()?.chars().count();
    let format = [MrzFormat::Td1, MrzFormat::Td2, MrzFormat::Td3]
        .into_iter()
        .find(|format| format.line_width() == width && format.line_count() == lines.len())?;
    lines
        .iter()
        .all(|line| line.chars().count() == width && line.chars().all(is_mrz_char))
        .then_some(format)
}

/// Checks that the lines form one whole zone and says which format it is.
pub(super) fn validate_shape(lines: &[String]) -> Result<MrzFormat, MrzReadError> {
    let Some(first) = lines.first() else {
        return Err(MrzReadError::Empty);
    };
    let lead = first.chars().next();
    if !matches!(lead, Some('P' | 'I' | 'A' | 'C' | 'V')) || !lines.iter().any(|l| l.contains('<'))
    {
        return Err(MrzReadError::NotAnMrz);
    }
    if lead == Some('V') {
        return Err(MrzReadError::Visa);
    }
    for (line_index, line) in lines.iter().enumerate() {
        if let Some((position, character)) =
            line.chars().enumerate().find(|(_, c)| !is_mrz_char(*c))
        {
            return Err(MrzReadError::BadCharacter {
                line: line_index + 1,
                position: position + 1,
                character,
            });
        }
    }

    let width = first.chars().count();
    let format = match width {
        // A passport code means a passport, whatever the width.
        _ if lead == Some('P') => MrzFormat::Td3,
        44 => MrzFormat::Td3,
        36 => MrzFormat::Td2,
        30 => MrzFormat::Td1,
        _ if width <= 33 => MrzFormat::Td1,
        _ => MrzFormat::Td2,
    };
    for (line_index, line) in lines.iter().enumerate() {
        let length = line.chars().count();
        if length != format.line_width() {
            return Err(MrzReadError::BadLength {
                format,
                line: line_index + 1,
                length,
                expected: format.line_width(),
            });
        }
    }
    if lines.len() < format.line_count() {
        return Err(MrzReadError::Incomplete {
            format,
            lines_found: lines.len(),
            lines_expected: format.line_count(),
        });
    }
    if lines.len() > format.line_count() {
        return Err(MrzReadError::TooManyLines {
            format,
            lines_found: lines.len(),
            lines_expected: format.line_count(),
        });
    }
    let code_fits = match format {
        MrzFormat::Td3 => lead == Some('P'),
        MrzFormat::Td1 | MrzFormat::Td2 => matches!(lead, Some('I' | 'A' | 'C')),
    };
    if !code_fits {
        return Err(MrzReadError::BadDocumentCode {
            format,
            code: first.chars().take(2).collect(),
        });
    }
    Ok(format)
}
