//! Reading the machine-readable zone (MRZ) of a foreigner's passport or ID card.
//!
//! The clerk's document reader "types" the zone into a text box, so the input
//! arrives as keyboard text: one or several lines, any line ending, sometimes
//! lowercase, sometimes with stray spaces, sometimes as one unbroken run, and
//! sometimes in the Russian or Kazakh keyboard layout when the workstation was
//! left in it. [`normalize`] turns that text into MRZ lines, [`zone_complete`]
//! tells whether a whole zone has arrived, [`ZoneScanner`] buffers a reader's
//! keystrokes until it has (whatever Enters come between or after), and
//! [`read_mrz`] validates the zone and decodes it into an [`MrzReading`].
//!
//! The ICAO 9303 layouts TD1 (ID card, 3 × 30), TD2 (2 × 36) and TD3
//! (passport, 2 × 44) are accepted; visas are refused. Field decoding and the
//! check-digit arithmetic come from the `mrz` crate.
//!
//! Two rules shape the result:
//!
//! - A failed check digit is not an error. The reading is returned with a
//!   verdict per printed check digit, so the clerk sees the failure and can
//!   correct the fields by hand.
//! - A character is changed only when a check digit proves the change. Only
//!   letter/digit look-alikes (`O`/`0`, `I`/`1`, `B`/`8`, `S`/`5`, `Z`/`2` …)
//!   are considered, only inside fields a check digit covers, and only when
//!   exactly one such correction makes the check digit agree. Names,
//!   nationality, issuing state and sex are never changed, because no check
//!   digit covers them. Every change is listed in [`MrzReading::repairs`].
//!
//! The module is pure: it does no I/O and never reads the clock; "today" is
//! passed in by the caller.

mod check_digits;
mod error;
pub mod frame;
mod layout;
mod parse;
mod repair;
mod scan;
mod text;

#[cfg(test)]
mod tests;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::i18n::Msg;
use super::identity::Sex;
use super::lang::Lang;

use check_digits::{slice, Layout};
pub use error::MrzReadError;
use parse::{birth_date, composite_lost, naive_date, parse, verdicts};
use repair::repaired;
pub use scan::{zone_progress, ZoneProgress, ZoneScanner, QUIET_GAP};
use text::{normalize_text, validate_shape};

/// An ICAO 9303 machine-readable zone layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MrzFormat {
    /// ID card size: three lines of 30 characters.
    Td1,
    /// Official travel document or ID card: two lines of 36 characters.
    Td2,
    /// Passport: two lines of 44 characters.
    Td3,
}

impl MrzFormat {
    /// The ICAO name of the layout (`"TD1"`, `"TD2"`, `"TD3"`).
    pub fn name(self) -> &'static str {
        match self {
            MrzFormat::Td1 => "TD1",
            MrzFormat::Td2 => "TD2",
            MrzFormat::Td3 => "TD3",
        }
    }

    /// The number of characters in each line of the zone.
    pub fn line_width(self) -> usize {
        match self {
            MrzFormat::Td1 => 30,
            MrzFormat::Td2 => 36,
            MrzFormat::Td3 => 44,
        }
    }

    /// The number of lines in the zone.
    pub fn line_count(self) -> usize {
        match self {
            MrzFormat::Td1 => 3,
            MrzFormat::Td2 | MrzFormat::Td3 => 2,
        }
    }

    /// The layout with a document noun, as used in messages ("TD3 passport").
    fn document(self, lang: Lang) -> &'static str {
        let msg = match self {
            MrzFormat::Td1 => Msg("mrz-document-td1"),
            MrzFormat::Td2 => Msg("mrz-document-td2"),
            MrzFormat::Td3 => Msg("mrz-document-td3"),
        };
        msg.get(lang)
    }

    /// The document codes line 1 may start with, for messages.
    fn expected_codes(self) -> &'static str {
        match self {
            MrzFormat::Td3 => "P",
            MrzFormat::Td1 | MrzFormat::Td2 => "I, A, C",
        }
    }
}

/// A field protected by a check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CheckField {
    /// The document number.
    DocumentNumber,
    /// The date of birth.
    BirthDate,
    /// The date of expiry.
    ExpiryDate,
    /// The personal number (TD3 only).
    PersonalNumber,
    /// The composite check digit over the whole zone.
    Composite,
}

impl CheckField {
    /// The field's name for the clerk, in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let msg = match self {
            CheckField::DocumentNumber => Msg("mrz-field-document-number"),
            CheckField::BirthDate => Msg("mrz-field-birth-date"),
            CheckField::ExpiryDate => Msg("mrz-field-expiry-date"),
            CheckField::PersonalNumber => Msg("mrz-field-personal-number"),
            CheckField::Composite => Msg("mrz-field-composite"),
        };
        msg.get(lang)
    }
}

/// The verdict of one printed check digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CheckVerdict {
    /// The field the check digit protects.
    pub field: CheckField,
    /// Whether the printed check digit agrees with the field.
    pub ok: bool,
}

/// One character changed because a check digit proved the reader misread it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Repair {
    /// The zone line, counted from 1.
    pub line: usize,
    /// The character position within the line, counted from 1.
    pub position: usize,
    /// The character the reader typed.
    pub read: char,
    /// The character the check digit proved.
    pub corrected: char,
}

/// A decoded machine-readable zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MrzReading {
    /// The zone layout.
    pub format: MrzFormat,
    /// The document code with trailing fillers removed (`"P"`, `"PD"`, `"I"`, `"ID"` …).
    pub document_code: String,
    /// The issuing state's ICAO code, trailing fillers removed (Germany reads `"D"`).
    pub issuing_country: String,
    /// The full document number, including any part that overflowed into the optional data.
    pub document_number: String,
    /// The surname in Latin letters, with spaces between its components.
    pub surname: String,
    /// The given names in Latin letters, with spaces between them.
    pub given_names: String,
    /// The holder's nationality as an ICAO code, trailing fillers removed.
    pub nationality: String,
    /// The date of birth, when the zone holds a real calendar date.
    pub birth_date: Option<NaiveDate>,
    /// The date of birth as printed in the zone (`YYMMDD`, possibly with `<`).
    pub birth_date_raw: String,
    /// The holder's sex; `None` when the zone says `<` or `X`.
    pub sex: Option<Sex>,
    /// The date of expiry, when the zone holds a real calendar date.
    pub expiry_date: Option<NaiveDate>,
    /// The date of expiry as printed in the zone (`YYMMDD`, possibly with `<`).
    pub expiry_date_raw: String,
    /// The optional data (TD3 personal number); TD1's two optional fields are joined by a space.
    pub optional_data: Option<String>,
    /// The verdict of every check digit the format prints, in zone order.
    pub checks: Vec<CheckVerdict>,
    /// The characters changed because a check digit proved them misread.
    pub repairs: Vec<Repair>,
    /// The zone as validated, after repairs.
    pub lines: Vec<String>,
}

impl MrzReading {
    /// Whether every printed check digit agrees with its field.
    pub fn all_checks_pass(&self) -> bool {
        self.checks.iter().all(|check| check.ok)
    }

    /// The fields whose check digit disagrees, in zone order.
    pub fn failed_checks(&self) -> Vec<CheckField> {
        self.checks
            .iter()
            .filter(|check| !check.ok)
            .map(|check| check.field)
            .collect()
    }
}

/// Turns reader-typed text into MRZ lines.
///
/// Line breaks may be LF, CR or CRLF; blank lines are dropped; spaces, tabs
/// and other whitespace inside a line are removed; ASCII letters are
/// uppercased; `«` becomes `<<` and `‹` becomes `<`. Text typed with the
/// Russian or Kazakh keyboard layout active (Cyrillic letters and no Latin
/// ones) is mapped back to the keys that were pressed, so `З<` arrives as `P<`,
/// `Б` as `<`, and the Kazakh digit row's `"әің` as `1234`. A single line of exactly 88, 72 or 90 characters is split into
/// 2 × 44, 2 × 36 or 3 × 30. Characters outside the MRZ alphabet are kept, so
/// [`read_mrz`] can point at them.
pub fn normalize(text: &str) -> Vec<String> {
    normalize_text(text).0
}

/// Whether a whole TD1, TD2 or TD3 zone has arrived, so the GUI can read it
/// without waiting for Enter.
///
/// It is true when the normalized text has exactly the lines of one format,
/// each of the right width, in the MRZ alphabet, and line 1 starts with a
/// code that format uses. One unbroken run of 72 characters is also where a
/// TD1 zone typed without line breaks passes on its way to 90, so it counts
/// as a TD2 zone only when the TD2 date check digits agree.
pub fn zone_complete(text: &str) -> bool {
    let (lines, split) = normalize_text(text);
    scan::is_whole_zone(&lines, split)
}

/// Reads a machine-readable zone typed by a document reader.
///
/// `today` fixes the century of the birth date: a two-digit year after
/// today's is the previous century, and a birth date that would still fall
/// after `today` is moved to the previous century too, so it is never in the
/// future. Expiry dates are always 20xx.
///
/// A failed check digit is not an error: the reading comes back with its
/// verdicts in [`MrzReading::checks`]. An error means the text is not a
/// complete, well-formed zone.
pub fn read_mrz(text: &str, today: NaiveDate) -> Result<MrzReading, MrzReadError> {
    let lines = normalize(text);
    let format = validate_shape(&lines)?;
    let original: Vec<Vec<char>> = lines.iter().map(|line| line.chars().collect()).collect();

    let pivot = u32::try_from(today.year().rem_euclid(100)).unwrap_or(0);
    let options = ::mrz::ParseOptions::default().with_pivot_yy(pivot);

    let original_data = parse(format, &original, &options)?;
    let (cells, repairs) = match repaired(format, &original) {
        Some((cells, repairs)) => match parse(format, &cells, &options) {
            Ok(data) if !composite_lost(&original_data.checks, &data.checks) => (cells, repairs),
            _ => (original.clone(), Vec::new()),
        },
        None => (original.clone(), Vec::new()),
    };
    let data = if repairs.is_empty() {
        original_data
    } else {
        parse(format, &cells, &options)?
    };

    let layout = Layout::of(format);
    let birth_date_raw = slice(&cells, layout.birth);
    let expiry_date_raw = slice(&cells, layout.expiry);
    let optional_data = match (data.optional_data_1.clone(), data.optional_data_2.clone()) {
        (Some(first), Some(second)) => Some(format!("{first} {second}")),
        (first, second) => first.or(second),
    };

    Ok(MrzReading {
        format,
        document_code: data.document_type.clone(),
        issuing_country: data.issuing_country.clone(),
        document_number: data.full_document_number().to_string(),
        surname: data.surname.clone(),
        given_names: data.given_names.clone(),
        nationality: data.nationality.clone(),
        birth_date: birth_date(data.date_of_birth, today),
        birth_date_raw,
        sex: match data.sex {
            ::mrz::Sex::Male => Some(Sex::Male),
            ::mrz::Sex::Female => Some(Sex::Female),
            _ => None,
        },
        expiry_date: data.date_of_expiry.calendar().and_then(naive_date),
        expiry_date_raw,
        optional_data,
        checks: verdicts(&data.checks),
        repairs,
        lines: cells.iter().map(|line| line.iter().collect()).collect(),
    })
}
