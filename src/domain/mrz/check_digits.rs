//! Where each format keeps its check digits, and whether a field agrees with its own.

use super::{CheckField, MrzFormat};

/// A run of cells on one line: `(line, start, end)`, zero-based, end exclusive.
pub(super) type Span = (usize, usize, usize);

/// What a field's cells may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Digits only (a date).
    Date,
    /// Letters, digits and fillers (a number).
    Alphanumeric,
}

/// A field with its own check digit.
pub(super) struct CheckedField {
    /// Which check digit this is.
    pub(super) check: CheckField,
    /// The field's cells.
    pub(super) span: Span,
    /// The check digit's cell: `(line, position)`, zero-based.
    pub(super) digit: (usize, usize),
    /// What the field's cells may hold.
    pub(super) kind: Kind,
}

/// Where a format keeps its checked fields.
pub(super) struct Layout {
    /// The fields with their own check digit, in zone order.
    pub(super) fields: Vec<CheckedField>,
    /// The spans the composite check digit covers.
    pub(super) composite: Vec<Span>,
    /// The composite check digit's cell.
    pub(super) composite_digit: (usize, usize),
    /// The birth date's cells.
    pub(super) birth: Span,
    /// The expiry date's cells.
    pub(super) expiry: Span,
}

impl Layout {
    /// The layout of `format` (ICAO 9303 Parts 4, 5 and 6).
    pub(super) fn of(format: MrzFormat) -> Layout {
        let field = |check, span: Span, digit, kind| CheckedField {
            check,
            span,
            digit,
            kind,
        };
        match format {
            MrzFormat::Td3 => Layout {
                fields: vec![
                    field(
                        CheckField::DocumentNumber,
                        (1, 0, 9),
                        (1, 9),
                        Kind::Alphanumeric,
                    ),
                    field(CheckField::BirthDate, (1, 13, 19), (1, 19), Kind::Date),
                    field(CheckField::ExpiryDate, (1, 21, 27), (1, 27), Kind::Date),
                    field(
                        CheckField::PersonalNumber,
                        (1, 28, 42),
                        (1, 42),
                        Kind::Alphanumeric,
                    ),
                ],
                composite: vec![(1, 0, 10), (1, 13, 20), (1, 21, 43)],
                composite_digit: (1, 43),
                birth: (1, 13, 19),
                expiry: (1, 21, 27),
            },
            MrzFormat::Td2 => Layout {
                fields: vec![
                    field(
                        CheckField::DocumentNumber,
                        (1, 0, 9),
                        (1, 9),
                        Kind::Alphanumeric,
                    ),
                    field(CheckField::BirthDate, (1, 13, 19), (1, 19), Kind::Date),
                    field(CheckField::ExpiryDate, (1, 21, 27), (1, 27), Kind::Date),
                ],
                composite: vec![(1, 0, 10), (1, 13, 20), (1, 21, 35)],
                composite_digit: (1, 35),
                birth: (1, 13, 19),
                expiry: (1, 21, 27),
            },
            MrzFormat::Td1 => Layout {
                fields: vec![
                    field(
                        CheckField::DocumentNumber,
                        (0, 5, 14),
                        (0, 14),
                        Kind::Alphanumeric,
                    ),
                    field(CheckField::BirthDate, (1, 0, 6), (1, 6), Kind::Date),
                    field(CheckField::ExpiryDate, (1, 8, 14), (1, 14), Kind::Date),
                ],
                composite: vec![(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)],
                composite_digit: (1, 29),
                birth: (1, 0, 6),
                expiry: (1, 8, 14),
            },
        }
    }
}

/// The text of a span, empty where the zone is shorter.
pub(super) fn slice(cells: &[Vec<char>], (line, start, end): Span) -> String {
    cells
        .get(line)
        .map(|row| {
            row.iter()
                .skip(start)
                .take(end.saturating_sub(start))
                .collect()
        })
        .unwrap_or_default()
}

/// The character in one cell, if the cell exists.
pub(super) fn cell(cells: &[Vec<char>], (line, position): (usize, usize)) -> Option<char> {
    cells.get(line).and_then(|row| row.get(position)).copied()
}

/// Whether a field agrees with its check digit.
pub(super) fn field_verifies(cells: &[Vec<char>], field: &CheckedField) -> bool {
    cell(cells, field.digit).is_some_and(|digit| ::mrz::verify(&slice(cells, field.span), digit))
}
