//! Why a text could not be read as a machine-readable zone, with the clerk's message (texts
//! in `assets/i18n/*/mrz.ftl`).

use super::MrzFormat;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;

/// Why a text could not be read as a machine-readable zone.
///
/// Lines and positions are counted from 1, in characters.
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
pub enum MrzReadError {
    /// The text holds nothing but whitespace.
    #[error("the MRZ text is empty")]
    Empty,
    /// The text does not look like a machine-readable zone at all.
    #[error("the text is not an MRZ")]
    NotAnMrz,
    /// The zone is a visa's, which is not an identity document.
    #[error("a visa MRZ is not accepted")]
    Visa,
    /// A character outside `A`–`Z`, `0`–`9` and `<`.
    #[error("MRZ line {line}, position {position}: character {character:?} is not allowed")]
    BadCharacter {
        /// The line, counted from 1.
        line: usize,
        /// The position within the line, counted from 1.
        position: usize,
        /// The offending character.
        character: char,
    },
    /// A line of the wrong length for the format.
    #[error("MRZ line {line} has {length} characters; {} line has {expected}", .format.document(Lang::En))]
    BadLength {
        /// The format the zone was taken for.
        format: MrzFormat,
        /// The line, counted from 1.
        line: usize,
        /// The number of characters in the line.
        length: usize,
        /// The number of characters the format requires.
        expected: usize,
    },
    /// Fewer lines than the format needs.
    #[error("incomplete {} MRZ: {lines_found} of {lines_expected} lines", .format.name())]
    Incomplete {
        /// The format the zone was taken for.
        format: MrzFormat,
        /// The number of lines that arrived.
        lines_found: usize,
        /// The number of lines the format needs.
        lines_expected: usize,
    },
    /// More lines than the format has.
    #[error("{} MRZ with {lines_found} lines instead of {lines_expected}", .format.name())]
    TooManyLines {
        /// The format the zone was taken for.
        format: MrzFormat,
        /// The number of lines that arrived.
        lines_found: usize,
        /// The number of lines the format has.
        lines_expected: usize,
    },
    /// Line 1 starts with a document code the format does not allow.
    #[error("MRZ line 1 starts with document code {code:?}, not allowed in {}", .format.name())]
    BadDocumentCode {
        /// The format the zone was taken for.
        format: MrzFormat,
        /// The first two characters of line 1.
        code: String,
    },
    /// The document number starts with the filler `<`, so nothing was printed there.
    #[error("MRZ line {line}, position {position}: the document number starts with '<'")]
    LeadingFiller {
        /// The line, counted from 1.
        line: usize,
        /// The position within the line, counted from 1.
        position: usize,
    },
}

impl MrzReadError {
    /// A message for the clerk in `lang`, saying where the problem is and what is expected.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            MrzReadError::Empty => tr(lang, "mrz-error-empty"),
            MrzReadError::NotAnMrz => tr(lang, "mrz-error-not-an-mrz"),
            MrzReadError::Visa => tr(lang, "mrz-error-visa"),
            MrzReadError::BadCharacter {
                line,
                position,
                character,
            } => tr_args(
                lang,
                "mrz-error-bad-character",
                &[
                    ("line", line.to_string().into()),
                    ("position", position.to_string().into()),
                    ("character", character.to_string().into()),
                ],
            ),
            MrzReadError::BadLength {
                format,
                line,
                length,
                expected,
            } => tr_args(
                lang,
                "mrz-error-bad-length",
                &[
                    ("line", line.to_string().into()),
                    ("length", (*length).into()),
                    ("document", format.document(lang).into()),
                    ("expected", (*expected).into()),
                ],
            ),
            MrzReadError::Incomplete {
                format,
                lines_found,
                lines_expected,
            } => tr_args(
                lang,
                "mrz-error-incomplete",
                &[
                    ("found", (*lines_found).into()),
                    ("document", format.document(lang).into()),
                    ("expected", (*lines_expected).into()),
                ],
            ),
            MrzReadError::TooManyLines {
                format,
                lines_found,
                lines_expected,
            } => tr_args(
                lang,
                "mrz-error-too-many-lines",
                &[
                    ("found", (*lines_found).into()),
                    ("document", format.document(lang).into()),
                    ("expected", (*lines_expected).into()),
                ],
            ),
            MrzReadError::BadDocumentCode { format, code } => tr_args(
                lang,
                "mrz-error-bad-document-code",
                &[
                    ("code", code.into()),
                    ("document", format.document(lang).into()),
                    ("codes", format.expected_codes().into()),
                ],
            ),
            MrzReadError::LeadingFiller { line, position } => tr_args(
                lang,
                "mrz-error-leading-filler",
                &[
                    ("line", line.to_string().into()),
                    ("position", position.to_string().into()),
                ],
            ),
        }
    }
}
