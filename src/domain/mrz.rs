//! Reading the machine-readable zone (MRZ) of a foreigner's passport or ID card.
//!
//! The clerk's document reader "types" the zone into a text box, so the input
//! arrives as keyboard text: one or several lines, any line ending, sometimes
//! lowercase, sometimes with stray spaces, sometimes as one unbroken run, and
//! sometimes in the Russian keyboard layout when the workstation was left in
//! it. [`normalize`] turns that text into MRZ lines, [`zone_complete`] tells
//! the GUI when a whole zone has arrived, and [`read_mrz`] validates the zone
//! and decodes it into an [`MrzReading`].
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

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::identity::Sex;
use super::lang::{Lang, Tr};

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
        let text = match self {
            MrzFormat::Td1 => Tr::new("TD1 куәлігінің", "удостоверения TD1", "a TD1 card"),
            MrzFormat::Td2 => Tr::new("TD2 құжатының", "документа TD2", "a TD2 document"),
            MrzFormat::Td3 => Tr::new("TD3 паспортының", "паспорта TD3", "a TD3 passport"),
        };
        text.get(lang)
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
        let text = match self {
            CheckField::DocumentNumber => {
                Tr::new("Құжат нөмірі", "Номер документа", "Document number")
            }
            CheckField::BirthDate => Tr::new("Туған күні", "Дата рождения", "Date of birth"),
            CheckField::ExpiryDate => {
                Tr::new("Жарамдылық мерзімі", "Срок действия", "Date of expiry")
            }
            CheckField::PersonalNumber => Tr::new("Жеке нөмір", "Личный номер", "Personal number"),
            CheckField::Composite => Tr::new(
                "Жалпы бақылау цифры",
                "Общая контрольная цифра",
                "Composite check digit",
            ),
        };
        text.get(lang)
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
            MrzReadError::Empty => Tr::new(
                "MRZ мәтіні бос. Құжатты оқу құрылғысынан қайта өткізіңіз.",
                "Текст MRZ пуст. Проведите документ через считыватель ещё раз.",
                "The MRZ text is empty. Pass the document through the reader again.",
            )
            .get(lang)
            .to_string(),
            MrzReadError::NotAnMrz => Tr::new(
                "Мәтін MRZ-ге ұқсамайды: бірінші жол P, I, A немесе C әрпінен басталып, «<» белгілерін қамтуы керек.",
                "Текст не похож на MRZ: первая строка должна начинаться с буквы P, I, A или C и содержать знаки «<».",
                "The text is not an MRZ: line 1 must start with P, I, A or C and contain '<' fillers.",
            )
            .get(lang)
            .to_string(),
            MrzReadError::Visa => Tr::new(
                "Бұл визаның MRZ-і. Паспортты немесе жеке куәлікті өткізіңіз.",
                "Это MRZ визы. Проведите паспорт или удостоверение личности.",
                "This is a visa's MRZ. Pass the passport or identity card instead.",
            )
            .get(lang)
            .to_string(),
            MrzReadError::BadCharacter {
                line,
                position,
                character,
            } => match lang {
                Lang::Kk => format!(
                    "MRZ {line}-жолының {position}-позициясында рұқсат етілмеген «{character}» таңбасы бар; тек A–Z латын әріптері, 0–9 цифрлары және «<» болуы керек."
                ),
                Lang::Ru => format!(
                    "В строке {line} MRZ, позиция {position}, недопустимый символ «{character}»; допускаются только латинские буквы A–Z, цифры 0–9 и «<»."
                ),
                Lang::En => format!(
                    "MRZ line {line}, position {position}: the character '{character}' is not allowed; only Latin letters A–Z, digits 0–9 and '<' are."
                ),
            },
            MrzReadError::BadLength {
                format,
                line,
                length,
                expected,
            } => {
                let document = format.document(lang);
                match lang {
                    Lang::Kk => format!(
                        "MRZ {line}-жолында {length} таңба бар; {document} жолында {expected} таңба болуы керек."
                    ),
                    Lang::Ru => format!(
                        "В строке {line} MRZ символов: {length}; строка {document} содержит {expected}."
                    ),
                    Lang::En => format!(
                        "MRZ line {line} has {length} characters; {document} line has {expected}."
                    ),
                }
            }
            MrzReadError::Incomplete {
                format,
                lines_found,
                lines_expected,
            } => {
                let document = format.document(lang);
                match lang {
                    Lang::Kk => format!(
                        "MRZ толық емес: {lines_found} жол келді, {document} аймағында {lines_expected} жол болады. Құжатты қайта өткізіңіз."
                    ),
                    Lang::Ru => format!(
                        "MRZ неполная: получено строк — {lines_found}, в зоне {document} их {lines_expected}. Проведите документ ещё раз."
                    ),
                    Lang::En => format!(
                        "The MRZ is incomplete: {lines_found} line(s) arrived; the zone of {document} has {lines_expected}. Pass the document again."
                    ),
                }
            }
            MrzReadError::TooManyLines {
                format,
                lines_found,
                lines_expected,
            } => {
                let document = format.document(lang);
                match lang {
                    Lang::Kk => format!(
                        "MRZ-де артық жолдар бар: {lines_found} жол келді, {document} аймағында {lines_expected} жол болады. Өрісті тазалап, құжатты қайта өткізіңіз."
                    ),
                    Lang::Ru => format!(
                        "В MRZ лишние строки: получено строк — {lines_found}, в зоне {document} их {lines_expected}. Очистите поле и проведите документ ещё раз."
                    ),
                    Lang::En => format!(
                        "The MRZ has extra lines: {lines_found} arrived; the zone of {document} has {lines_expected}. Clear the box and pass the document again."
                    ),
                }
            }
            MrzReadError::BadDocumentCode { format, code } => {
                let document = format.document(lang);
                let expected = format.expected_codes();
                match lang {
                    Lang::Kk => format!(
                        "MRZ 1-жолы «{code}» кодымен басталады; {document} 1-жолы {expected} әрпінен басталуы керек."
                    ),
                    Lang::Ru => format!(
                        "Строка 1 MRZ начинается с кода «{code}»; строка 1 {document} должна начинаться с буквы {expected}."
                    ),
                    Lang::En => format!(
                        "MRZ line 1 starts with the code '{code}'; line 1 of {document} starts with {expected}."
                    ),
                }
            }
            MrzReadError::LeadingFiller { line, position } => match lang {
                Lang::Kk => format!(
                    "MRZ {line}-жолындағы құжат нөмірі {position}-позицияда «<» белгісінен басталады; нөмір әріптен немесе цифрдан басталуы керек."
                ),
                Lang::Ru => format!(
                    "Номер документа в строке {line} MRZ начинается со знака «<» (позиция {position}); номер должен начинаться с буквы или цифры."
                ),
                Lang::En => format!(
                    "The document number on MRZ line {line} starts with '<' at position {position}; it must start with a letter or digit."
                ),
            },
        }
    }
}

/// Turns reader-typed text into MRZ lines.
///
/// Line breaks may be LF, CR or CRLF; blank lines are dropped; spaces, tabs
/// and other whitespace inside a line are removed; ASCII letters are
/// uppercased; `«` becomes `<<` and `‹` becomes `<`. Text typed with the
/// Russian keyboard layout active (Cyrillic letters and no Latin ones) is
/// mapped back to the keys that were pressed, so `З<` arrives as `P<` and `Б`
/// as `<`. A single line of exactly 88, 72 or 90 characters is split into
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
    let Some(format) = exact_shape(&lines) else {
        return false;
    };
    let first = lines.first().and_then(|line| line.chars().next());
    let code_fits = match format {
        MrzFormat::Td3 => matches!(first, Some('P' | 'V')),
        MrzFormat::Td2 => matches!(first, Some('I' | 'A' | 'C' | 'V')),
        MrzFormat::Td1 => matches!(first, Some('I' | 'A' | 'C')),
    };
    if !code_fits {
        return false;
    }
    if split && format == MrzFormat::Td2 {
        let cells: Vec<Vec<char>> = lines.iter().map(|line| line.chars().collect()).collect();
        let layout = Layout::of(format);
        return layout
            .fields
            .iter()
            .filter(|field| matches!(field.check, CheckField::BirthDate | CheckField::ExpiryDate))
            .all(|field| field_verifies(&cells, field));
    }
    true
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

/// Normalizes `text` and says whether a single unbroken run was split.
fn normalize_text(text: &str) -> (Vec<String>, bool) {
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
            c if russian_layout => current.push(from_russian_layout(c).unwrap_or(c)),
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

/// The key a letter of the Russian (ЙЦУКЕН) layout sits on, as the MRZ
/// character a reader meant to type; `Б` is the `<` key.
fn from_russian_layout(c: char) -> Option<char> {
    const KEYS: [(char, char); 27] = [
        ('Й', 'Q'),
        ('Ц', 'W'),
        ('У', 'E'),
        ('К', 'R'),
        ('Е', 'T'),
        ('Н', 'Y'),
        ('Г', 'U'),
        ('Ш', 'I'),
        ('Щ', 'O'),
        ('З', 'P'),
        ('Ф', 'A'),
        ('Ы', 'S'),
        ('В', 'D'),
        ('А', 'F'),
        ('П', 'G'),
        ('Р', 'H'),
        ('О', 'J'),
        ('Л', 'K'),
        ('Д', 'L'),
        ('Я', 'Z'),
        ('Ч', 'X'),
        ('С', 'C'),
        ('М', 'V'),
        ('И', 'B'),
        ('Т', 'N'),
        ('Ь', 'M'),
        ('Б', '<'),
    ];
    let upper = c.to_uppercase().next()?;
    KEYS.iter()
        .find(|(cyrillic, _)| *cyrillic == upper)
        .map(|(_, key)| *key)
}

/// Whether `c` belongs to the MRZ alphabet.
fn is_mrz_char(c: char) -> bool {
    matches!(c, 'A'..='Z' | '0'..='9' | '<')
}

/// The format whose exact shape the lines have, if any.
fn exact_shape(lines: &[String]) -> Option<MrzFormat> {
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
fn validate_shape(lines: &[String]) -> Result<MrzFormat, MrzReadError> {
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

/// Parses the zone with the `mrz` crate, translating its refusals.
fn parse(
    format: MrzFormat,
    cells: &[Vec<char>],
    options: &::mrz::ParseOptions,
) -> Result<::mrz::MrzData, MrzReadError> {
    let lines: Vec<String> = cells.iter().map(|line| line.iter().collect()).collect();
    let result = match (format, lines.as_slice()) {
        (MrzFormat::Td3, [first, second]) => ::mrz::parse_td3_with(first, second, options),
        (MrzFormat::Td2, [first, second]) => ::mrz::parse_td2_with(first, second, options),
        (MrzFormat::Td1, [first, second, third]) => {
            ::mrz::parse_td1_with(first, second, third, options)
        }
        _ => {
            return Err(MrzReadError::Incomplete {
                format,
                lines_found: lines.len(),
                lines_expected: format.line_count(),
            })
        }
    };
    result.map_err(|error| match error {
        ::mrz::MrzError::BadLength { expected, got } => MrzReadError::BadLength {
            format,
            line: 1,
            length: got,
            expected,
        },
        ::mrz::MrzError::BadCharacter {
            character,
            line,
            position,
        } => MrzReadError::BadCharacter {
            line: line.unwrap_or(0) + 1,
            position: position + 1,
            character,
        },
        ::mrz::MrzError::BadDocumentCode(code) => MrzReadError::BadDocumentCode { format, code },
        ::mrz::MrzError::LeadingFiller { line, position, .. } => MrzReadError::LeadingFiller {
            line: line + 1,
            position: position + 1,
        },
        _ => MrzReadError::NotAnMrz,
    })
}

/// The crate's check results as verdicts, in zone order.
fn verdicts(checks: &::mrz::Checks) -> Vec<CheckVerdict> {
    [
        (CheckField::DocumentNumber, checks.document_number),
        (CheckField::BirthDate, checks.date_of_birth),
        (CheckField::ExpiryDate, checks.date_of_expiry),
        (CheckField::PersonalNumber, checks.personal_number),
        (CheckField::Composite, checks.composite),
    ]
    .into_iter()
    .filter_map(|(field, ok)| ok.map(|ok| CheckVerdict { field, ok }))
    .collect()
}

/// Whether repairs turned a passing composite check into a failing one.
fn composite_lost(before: &::mrz::Checks, after: &::mrz::Checks) -> bool {
    before.composite == Some(true) && after.composite != Some(true)
}

/// Converts a crate date into a chrono date.
fn naive_date(date: ::mrz::Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(date.year, date.month, date.day)
}

/// The birth date, moved to the previous century if it would be after `today`.
fn birth_date(date: ::mrz::MrzDate, today: NaiveDate) -> Option<NaiveDate> {
    let date = date.calendar()?;
    let candidate = naive_date(date)?;
    if candidate <= today {
        Some(candidate)
    } else {
        NaiveDate::from_ymd_opt(date.year - 100, date.month, date.day)
    }
}

/// A run of cells on one line: `(line, start, end)`, zero-based, end exclusive.
type Span = (usize, usize, usize);

/// What a field's cells may hold.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Digits only (a date).
    Date,
    /// Letters, digits and fillers (a number).
    Alphanumeric,
}

/// A field with its own check digit.
struct CheckedField {
    /// Which check digit this is.
    check: CheckField,
    /// The field's cells.
    span: Span,
    /// The check digit's cell: `(line, position)`, zero-based.
    digit: (usize, usize),
    /// What the field's cells may hold.
    kind: Kind,
}

/// Where a format keeps its checked fields.
struct Layout {
    /// The fields with their own check digit, in zone order.
    fields: Vec<CheckedField>,
    /// The spans the composite check digit covers.
    composite: Vec<Span>,
    /// The composite check digit's cell.
    composite_digit: (usize, usize),
    /// The birth date's cells.
    birth: Span,
    /// The expiry date's cells.
    expiry: Span,
}

impl Layout {
    /// The layout of `format` (ICAO 9303 Parts 4, 5 and 6).
    fn of(format: MrzFormat) -> Layout {
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
fn slice(cells: &[Vec<char>], (line, start, end): Span) -> String {
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
fn cell(cells: &[Vec<char>], (line, position): (usize, usize)) -> Option<char> {
    cells.get(line).and_then(|row| row.get(position)).copied()
}

/// Whether a field agrees with its check digit.
fn field_verifies(cells: &[Vec<char>], field: &CheckedField) -> bool {
    cell(cells, field.digit).is_some_and(|digit| ::mrz::verify(&slice(cells, field.span), digit))
}

/// The digits a letter can be a misread of.
fn digits_like(c: char) -> &'static [char] {
    match c {
        'O' | 'D' | 'Q' => &['0'],
        'I' | 'L' => &['1'],
        'T' => &['1', '7'],
        'Z' => &['2'],
        'A' => &['4'],
        'S' => &['5'],
        'G' => &['6', '9'],
        'B' => &['8'],
        _ => &[],
    }
}

/// The letters a digit can be a misread of.
fn letters_like(c: char) -> &'static [char] {
    match c {
        '0' => &['O', 'D', 'Q'],
        '1' => &['I', 'L', 'T'],
        '2' => &['Z'],
        '4' => &['A'],
        '5' => &['S'],
        '6' => &['G'],
        '7' => &['T'],
        '8' => &['B'],
        '9' => &['G'],
        _ => &[],
    }
}

/// Whether a six-character date field names a real calendar day.
fn is_calendar_date(field: &[char]) -> bool {
    let digits: Option<Vec<u32>> = field.iter().map(|c| c.to_digit(10)).collect();
    match digits.as_deref() {
        Some([y1, y2, m1, m2, d1, d2]) => {
            let year = 2000 + i32::try_from(y1 * 10 + y2).unwrap_or(0);
            NaiveDate::from_ymd_opt(year, m1 * 10 + m2, d1 * 10 + d2).is_some()
        }
        _ => false,
    }
}

/// Most combinations tried for one field; more means too much damage to prove anything.
const MAX_CANDIDATES: usize = 512;

/// The one correction that makes `field` agree with its check digit, as
/// `(position in the field's cells plus check digit, corrected character)`
/// pairs, or `None` when there is no such correction or more than one.
///
/// Letters in cells that must be digits (a date, a check digit) are replaced
/// by the digits they look like. Only when that proves nothing, one more
/// look-alike swap is tried inside a number, and only where both neighbours
/// are of the kind the swap produces (a letter between digits becomes a
/// digit, a digit between letters a letter), because a swap at the edge of a
/// number would too often satisfy the check digit by coincidence.
fn prove_field(cells: &[Vec<char>], field: &CheckedField) -> Option<Vec<(usize, char)>> {
    let (line, start, end) = field.span;
    let row = cells.get(line)?;
    let mut values: Vec<char> = row.get(start..end)?.to_vec();
    values.push(cell(cells, field.digit)?);
    let digit_index = values.len() - 1;
    let must_be_digit = |index: usize| index == digit_index || field.kind == Kind::Date;

    let forced: Vec<usize> = (0..values.len())
        .filter(|&index| must_be_digit(index) && values[index].is_ascii_alphabetic())
        .collect();
    if forced.is_empty() && field_verifies(cells, field) {
        return None;
    }
    if values[digit_index] == '<'
        && field.kind == Kind::Alphanumeric
        && field.check == CheckField::DocumentNumber
    {
        // A filler check digit marks a long number that overflows into the optional data.
        return None;
    }

    let mut combinations: Vec<Vec<(usize, char)>> = vec![Vec::new()];
    for &index in &forced {
        let options = digits_like(values[index]);
        if options.is_empty() {
            return None;
        }
        combinations = combinations
            .into_iter()
            .flat_map(|combination| {
                options.iter().map(move |&digit| {
                    let mut next = combination.clone();
                    next.push((index, digit));
                    next
                })
            })
            .collect();
        if combinations.len() > MAX_CANDIDATES {
            return None;
        }
    }

    let mut swaps: Vec<Option<(usize, char)>> = vec![None];
    if field.kind == Kind::Alphanumeric {
        for index in 0..digit_index {
            let read = values[index];
            // Both neighbours must exist inside the field and show the kind of character the swap produces.
            let neighbours: Vec<char> = [index.checked_sub(1), Some(index + 1)]
                .into_iter()
                .flatten()
                .filter(|&n| n < digit_index)
                .map(|n| values[n])
                .filter(|&c| c != '<')
                .collect();
            if neighbours.len() < 2 {
                continue;
            }
            let options = if read.is_ascii_alphabetic()
                && neighbours.iter().all(char::is_ascii_digit)
            {
                digits_like(read)
            } else if read.is_ascii_digit() && neighbours.iter().all(char::is_ascii_alphabetic) {
                letters_like(read)
            } else {
                &[]
            };
            swaps.extend(options.iter().map(|&c| Some((index, c))));
        }
    }

    // The fewest changes win: swaps are tried only when the forced digits alone prove nothing.
    let (plain, swapped) = swaps.split_at(1);
    for level in [plain, swapped] {
        let mut found: Option<Vec<(usize, char)>> = None;
        for combination in &combinations {
            for swap in level {
                let mut changes = combination.clone();
                if let Some(swap) = swap {
                    changes.push(*swap);
                }
                if changes.is_empty() {
                    continue;
                }
                let mut candidate = values.clone();
                for &(index, c) in &changes {
                    if let Some(slot) = candidate.get_mut(index) {
                        *slot = c;
                    }
                }
                let body: String = candidate[..digit_index].iter().collect();
                let agrees = ::mrz::verify(&body, candidate[digit_index]);
                let shaped = match field.kind {
                    Kind::Date => is_calendar_date(&candidate[..digit_index]),
                    Kind::Alphanumeric => {
                        field.check != CheckField::DocumentNumber || candidate.first() != Some(&'<')
                    }
                };
                if agrees && shaped {
                    if found.is_some() {
                        // Two corrections agree equally well, so neither is proven.
                        return None;
                    }
                    found = Some(changes);
                }
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The zone with every proven correction applied, and the corrections made;
/// `None` when nothing could be proven.
fn repaired(format: MrzFormat, original: &[Vec<char>]) -> Option<(Vec<Vec<char>>, Vec<Repair>)> {
    let layout = Layout::of(format);
    let mut cells = original.to_vec();
    for field in &layout.fields {
        let Some(changes) = prove_field(&cells, field) else {
            continue;
        };
        let (line, start, end) = field.span;
        for (index, corrected) in changes {
            let position = if start + index < end {
                (line, start + index)
            } else {
                field.digit
            };
            if let Some(slot) = cells
                .get_mut(position.0)
                .and_then(|row| row.get_mut(position.1))
            {
                *slot = corrected;
            }
        }
    }

    // A composite check digit read as a look-alike letter is corrected when exactly one digit agrees.
    if let Some(read) = cell(&cells, layout.composite_digit).filter(char::is_ascii_alphabetic) {
        let data: String = layout
            .composite
            .iter()
            .map(|&span| slice(&cells, span))
            .collect();
        let agreeing: Vec<char> = digits_like(read)
            .iter()
            .copied()
            .filter(|&digit| ::mrz::verify(&data, digit))
            .collect();
        if let [digit] = agreeing.as_slice() {
            let (line, position) = layout.composite_digit;
            if let Some(slot) = cells.get_mut(line).and_then(|row| row.get_mut(position)) {
                *slot = *digit;
            }
        }
    }

    let repairs: Vec<Repair> = original
        .iter()
        .zip(&cells)
        .enumerate()
        .flat_map(|(line, (before, after))| {
            before
                .iter()
                .zip(after)
                .enumerate()
                .filter(|(_, (read, corrected))| read != corrected)
                .map(move |(position, (&read, &corrected))| Repair {
                    line: line + 1,
                    position: position + 1,
                    read,
                    corrected,
                })
        })
        .collect();
    (!repairs.is_empty()).then_some((cells, repairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TD3: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];
    const TD2: [&str; 2] = [
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
        "D231458907UTO7408122F1204159<<<<<<<6",
    ];
    const TD1: [&str; 3] = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];

    use CheckField::{BirthDate, Composite, DocumentNumber, ExpiryDate, PersonalNumber};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn specimen(format: MrzFormat) -> Vec<String> {
        let lines: &[&str] = match format {
            MrzFormat::Td1 => &TD1,
            MrzFormat::Td2 => &TD2,
            MrzFormat::Td3 => &TD3,
        };
        lines.iter().map(|line| line.to_string()).collect()
    }

    /// The specimen of `format` with the character at (line, position), both 1-based, replaced.
    fn mutated(format: MrzFormat, line: usize, position: usize, c: char) -> Vec<String> {
        let mut lines = specimen(format);
        let mut chars: Vec<char> = lines[line - 1].chars().collect();
        chars[position - 1] = c;
        lines[line - 1] = chars.into_iter().collect();
        lines
    }

    #[track_caller]
    fn read_ok(text: &str) -> MrzReading {
        match read_mrz(text, today()) {
            Ok(reading) => reading,
            Err(error) => panic!("{text:?} did not read: {error:?}"),
        }
    }

    fn all_pass(format: MrzFormat) -> Vec<CheckVerdict> {
        let fields: &[CheckField] = match format {
            MrzFormat::Td3 => &[
                DocumentNumber,
                BirthDate,
                ExpiryDate,
                PersonalNumber,
                Composite,
            ],
            _ => &[DocumentNumber, BirthDate, ExpiryDate, Composite],
        };
        fields
            .iter()
            .map(|&field| CheckVerdict { field, ok: true })
            .collect()
    }

    struct Expected {
        format: MrzFormat,
        code: &'static str,
        number: &'static str,
        optional: Option<&'static str>,
    }

    #[track_caller]
    fn check_specimen(expected: &Expected) {
        let lines = specimen(expected.format);
        let reading = read_ok(&lines.join("\n"));
        assert_eq!(reading.format, expected.format);
        assert_eq!(reading.document_code, expected.code);
        assert_eq!(reading.issuing_country, "UTO");
        assert_eq!(reading.document_number, expected.number);
        assert_eq!(reading.surname, "ERIKSSON");
        assert_eq!(reading.given_names, "ANNA MARIA");
        assert_eq!(reading.nationality, "UTO");
        assert_eq!(reading.birth_date, Some(date(1974, 8, 12)));
        assert_eq!(reading.birth_date_raw, "740812");
        assert_eq!(reading.sex, Some(Sex::Female));
        assert_eq!(reading.expiry_date, Some(date(2012, 4, 15)));
        assert_eq!(reading.expiry_date_raw, "120415");
        assert_eq!(reading.optional_data.as_deref(), expected.optional);
        assert_eq!(reading.checks, all_pass(expected.format));
        assert!(reading.all_checks_pass());
        assert!(reading.failed_checks().is_empty());
        assert!(reading.repairs.is_empty());
        assert_eq!(reading.lines, lines);
    }

    #[test]
    fn icao_specimens_read_field_by_field() {
        let table = [
            Expected {
                format: MrzFormat::Td3,
                code: "P",
                number: "L898902C3",
                optional: Some("ZE184226B"),
            },
            Expected {
                format: MrzFormat::Td2,
                code: "I",
                number: "D23145890",
                optional: None,
            },
            Expected {
                format: MrzFormat::Td1,
                code: "I",
                number: "D23145890",
                optional: None,
            },
        ];
        for expected in &table {
            check_specimen(expected);
        }
    }

    #[test]
    fn format_names() {
        assert_eq!(MrzFormat::Td1.name(), "TD1");
        assert_eq!(MrzFormat::Td2.name(), "TD2");
        assert_eq!(MrzFormat::Td3.name(), "TD3");
    }

    /// The Russian-layout keys for the TD3 specimen, as a reader types them with that layout on.
    fn russian_layout(text: &str) -> String {
        text.chars()
            .map(|c| {
                let keys = "QWERTYUIOPASDFGHJKLZXCVBNM<";
                let cyrillic = "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬБ";
                match keys.chars().position(|k| k == c) {
                    Some(index) => cyrillic.chars().nth(index).unwrap(),
                    None => c,
                }
            })
            .collect()
    }

    #[track_caller]
    fn check_shape(label: &str, text: &str, format: MrzFormat) {
        let reading = match read_mrz(text, today()) {
            Ok(reading) => reading,
            Err(error) => panic!("{label}: {error:?}"),
        };
        assert_eq!(reading.lines, specimen(format), "{label}");
        assert_eq!(reading.format, format, "{label}");
        assert!(reading.all_checks_pass(), "{label}");
        assert!(reading.repairs.is_empty(), "{label}");
        assert!(zone_complete(text), "{label}: zone_complete");
    }

    #[test]
    fn input_shapes_a_reader_types() {
        let [a, b] = TD3;
        let table: Vec<(&str, String, MrzFormat)> = vec![
            ("LF", format!("{a}\n{b}"), MrzFormat::Td3),
            ("CRLF", format!("{a}\r\n{b}\r\n"), MrzFormat::Td3),
            ("CR only", format!("{a}\r{b}\r"), MrzFormat::Td3),
            ("lowercase", format!("{a}\n{b}").to_lowercase(), MrzFormat::Td3),
            ("stray spaces and tabs", " P<UTO ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\t\n L898902C36 UTO7408122F1204159ZE184226B<<<<<10 ".to_string(), MrzFormat::Td3),
            ("blank lines around", format!("\n\r\n  \n{a}\n\n{b}\n\n\t\n"), MrzFormat::Td3),
            ("one unbroken run", format!("{a}{b}"), MrzFormat::Td3),
            ("two lines on one line", format!("{a} {b}"), MrzFormat::Td3),
            ("russian layout", russian_layout(&format!("{a}\r\n{b}\r\n")), MrzFormat::Td3),
            ("russian layout lowercase", russian_layout(&format!("{a}\n{b}")).to_lowercase(), MrzFormat::Td3),
            ("TD2 unbroken", TD2.concat(), MrzFormat::Td2),
            ("TD2 CRLF", TD2.join("\r\n"), MrzFormat::Td2),
            ("TD1 unbroken", TD1.concat(), MrzFormat::Td1),
            ("TD1 CR", TD1.join("\r"), MrzFormat::Td1),
            ("TD1 lowercase", TD1.join("\n").to_lowercase(), MrzFormat::Td1),
        ];
        for (label, text, format) in &table {
            check_shape(label, text, *format);
        }
    }

    #[test]
    fn normalize_keeps_foreign_characters_for_the_error() {
        assert_eq!(
            normalize("p<utö\r\n\r\nab c"),
            vec!["P<UTö".to_string(), "ABC".to_string()]
        );
        assert_eq!(normalize("  \n\t\r\n"), Vec::<String>::new());
        assert_eq!(normalize("a«b‹c"), vec!["A<<B<C".to_string()]);
    }

    #[track_caller]
    fn check_zone_complete(label: &str, text: &str, expected: bool) {
        assert_eq!(zone_complete(text), expected, "{label}");
    }

    #[test]
    fn zone_complete_waits_for_the_whole_zone() {
        let [a, b] = TD3;
        let td1 = TD1.concat();
        let table: Vec<(&str, String, bool)> = vec![
            ("empty", String::new(), false),
            ("line 1 only", format!("{a}\n"), false),
            ("line 2 partial", format!("{a}\n{}", &b[..30]), false),
            ("line 2 one short", format!("{a}\n{}", &b[..43]), false),
            ("whole TD3", format!("{a}\n{b}"), true),
            ("whole TD3 with trailing CR", format!("{a}\r{b}\r"), true),
            ("TD1 two lines", format!("{}\n{}\n", TD1[0], TD1[1]), false),
            ("TD1 whole", TD1.join("\n"), true),
            (
                "TD1 unbroken at 72 characters",
                td1[..72].to_string(),
                false,
            ),
            (
                "TD1 unbroken at 88 characters",
                td1[..88].to_string(),
                false,
            ),
            ("TD1 unbroken complete", td1.clone(), true),
            ("TD2 unbroken complete", TD2.concat(), true),
            (
                "TD3 unbroken at 72 characters",
                format!("{a}{b}")[..72].to_string(),
                false,
            ),
            ("prose", "hello world".to_string(), false),
        ];
        for (label, text, expected) in &table {
            check_zone_complete(label, text, *expected);
        }
    }

    #[track_caller]
    fn check_broken_digit(
        format: MrzFormat,
        line: usize,
        position: usize,
        c: char,
        failed: &[CheckField],
    ) {
        let lines = mutated(format, line, position, c);
        let reading = read_ok(&lines.join("\n"));
        let expected: Vec<CheckVerdict> = all_pass(format)
            .into_iter()
            .map(|verdict| CheckVerdict {
                ok: !failed.contains(&verdict.field),
                ..verdict
            })
            .collect();
        assert_eq!(
            reading.checks, expected,
            "{format:?} {line}:{position} -> {c}"
        );
        assert_eq!(
            reading.failed_checks(),
            failed,
            "{format:?} {line}:{position}"
        );
        assert!(!reading.all_checks_pass());
        assert!(reading.repairs.is_empty(), "{:?}", reading.repairs);
        assert_eq!(reading.lines, lines);
    }

    #[test]
    fn each_check_digit_broken_in_turn() {
        use MrzFormat::{Td1, Td2, Td3};
        let table: &[(MrzFormat, usize, usize, char, &[CheckField])] = &[
            (Td3, 2, 10, '5', &[DocumentNumber, Composite]),
            (Td3, 2, 20, '3', &[BirthDate, Composite]),
            (Td3, 2, 28, '8', &[ExpiryDate, Composite]),
            (Td3, 2, 43, '3', &[PersonalNumber, Composite]),
            (Td3, 2, 44, '4', &[Composite]),
            (Td2, 2, 10, '5', &[DocumentNumber, Composite]),
            (Td2, 2, 20, '3', &[BirthDate, Composite]),
            (Td2, 2, 28, '8', &[ExpiryDate, Composite]),
            (Td2, 2, 36, '3', &[Composite]),
            (Td1, 1, 15, '3', &[DocumentNumber, Composite]),
            (Td1, 2, 7, '3', &[BirthDate, Composite]),
            (Td1, 2, 15, '8', &[ExpiryDate, Composite]),
            (Td1, 2, 30, '3', &[Composite]),
        ];
        for &(format, line, position, c, failed) in table {
            check_broken_digit(format, line, position, c, failed);
        }
    }

    #[track_caller]
    fn check_repair(format: MrzFormat, line: usize, position: usize, misread: char) {
        let clean = specimen(format);
        let original = clean[line - 1].chars().nth(position - 1).unwrap();
        let lines = mutated(format, line, position, misread);
        let reading = read_ok(&lines.join("\n"));
        assert_eq!(
            reading.repairs,
            vec![Repair {
                line,
                position,
                read: misread,
                corrected: original
            }],
            "{format:?} {line}:{position} {misread}"
        );
        assert_eq!(reading.lines, clean);
        assert_eq!(reading.checks, all_pass(format));
    }

    #[test]
    fn misreads_proven_by_a_check_digit_are_repaired() {
        use MrzFormat::{Td1, Td2, Td3};
        let table: &[(MrzFormat, usize, usize, char)] = &[
            (Td3, 2, 6, 'O'),  // Document number L8989O2C3.
            (Td3, 2, 4, 'B'),  // Document number L89B902C3.
            (Td3, 2, 10, 'G'), // Document-number check digit.
            (Td3, 2, 16, 'O'), // Birth date 74O812.
            (Td3, 2, 18, 'I'), // Birth date 7408I2.
            (Td3, 2, 23, 'Z'), // Expiry date 1Z0415.
            (Td3, 2, 24, 'O'), // Expiry date 12O415.
            (Td3, 2, 28, 'G'), // Expiry check digit 9 read as G.
            (Td3, 2, 44, 'O'), // Composite check digit.
            (Td2, 2, 4, 'I'),  // Document number D23I45890.
            (Td2, 2, 7, 'B'),  // Document number D23145B90.
            (Td2, 2, 18, 'I'), // Birth date 7408I2.
            (Td1, 1, 9, 'I'),  // Document number D23I45890.
            (Td1, 1, 12, 'B'), // Document number D23145B90.
            (Td1, 2, 3, 'O'),  // Birth date.
            (Td1, 2, 11, 'O'), // Expiry date.
        ];
        for &(format, line, position, misread) in table {
            check_repair(format, line, position, misread);
        }
    }

    #[track_caller]
    fn check_untouched(label: &str, lines: &[String], surname: &str, nationality: &str) {
        let reading = read_ok(&lines.join("\n"));
        assert!(reading.repairs.is_empty(), "{label}: {:?}", reading.repairs);
        assert_eq!(reading.lines, lines, "{label}");
        assert_eq!(reading.surname, surname, "{label}");
        assert_eq!(reading.nationality, nationality, "{label}");
    }

    #[test]
    fn fields_without_a_check_digit_are_never_repaired() {
        let td3_name = vec![
            "P<UTOERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string(),
            TD3[1].to_string(),
        ];
        let td3_name_k = vec![
            "P<UTOERIKSSON<<ANNA<MARIAKKKK<<<<<<<<<<<<<<<".to_string(),
            TD3[1].to_string(),
        ];
        let td1_name = mutated(MrzFormat::Td1, 3, 6, '5');
        let table: Vec<(&str, Vec<String>, &str, &str)> = vec![
            ("TD3 name O read as 0", td3_name, "ERIKSS0N", "UTO"),
            ("TD3 name with K run", td3_name_k, "ERIKSSON", "UTO"),
            (
                "TD3 nationality O read as 0",
                mutated(MrzFormat::Td3, 2, 13, '0'),
                "ERIKSSON",
                "UT0",
            ),
            ("TD1 name S read as 5", td1_name, "ERIKS5ON", "UTO"),
        ];
        for (label, lines, surname, nationality) in &table {
            check_untouched(label, lines, surname, nationality);
        }
    }

    #[test]
    fn a_misread_no_check_digit_can_prove_is_left_alone() {
        // Two misreads in the birth date plus a broken check digit: nothing agrees.
        let lines = mutated(MrzFormat::Td3, 2, 20, '5');
        let reading = read_ok(&lines.join("\n"));
        assert!(reading.repairs.is_empty());
        assert_eq!(reading.failed_checks(), vec![BirthDate, Composite]);
        // A letter in a date that no digit makes agree stays, and the date is unknown.
        let lines = mutated(MrzFormat::Td3, 2, 16, 'X');
        let reading = read_ok(&lines.join("\n"));
        assert!(reading.repairs.is_empty());
        assert_eq!(reading.birth_date, None);
        assert_eq!(reading.birth_date_raw, "74X812");
    }

    /// A TD3 zone for the specimen holder with the given dates and correct check digits.
    fn td3_with_dates(birth: &str, expiry: &str, sex: char) -> String {
        let digit = |field: &str| char::from_digit(::mrz::check_digit(field).unwrap(), 10).unwrap();
        let number = "L898902C3";
        let personal = "ZE184226B<<<<<";
        let line2_head = format!(
            "{number}{}UTO{birth}{}{sex}{expiry}{}{personal}{}",
            digit(number),
            digit(birth),
            digit(expiry),
            digit(personal),
        );
        let composite: String = format!(
            "{}{}{}",
            &line2_head[0..10],
            &line2_head[13..20],
            &line2_head[21..43]
        );
        format!("{}\n{line2_head}{}", TD3[0], digit(&composite))
    }

    /// Birth date, expiry date and sex as read.
    type DatesAndSex = (Option<NaiveDate>, Option<NaiveDate>, Option<Sex>);

    #[track_caller]
    fn check_dates(birth: &str, expiry: &str, sex: char, expected: DatesAndSex) {
        let reading = read_ok(&td3_with_dates(birth, expiry, sex));
        assert!(reading.all_checks_pass(), "{birth} {expiry}");
        assert_eq!(
            (reading.birth_date, reading.expiry_date, reading.sex),
            expected,
            "{birth} {expiry} {sex}"
        );
        assert_eq!(reading.birth_date_raw, birth);
        assert_eq!(reading.expiry_date_raw, expiry);
    }

    #[test]
    fn birth_century_follows_today_and_expiry_is_this_century() {
        let table: &[(&str, &str, char, DatesAndSex)] = &[
            (
                "250101",
                "300101",
                'M',
                (
                    Some(date(2025, 1, 1)),
                    Some(date(2030, 1, 1)),
                    Some(Sex::Male),
                ),
            ),
            (
                "270101",
                "990101",
                'F',
                (
                    Some(date(1927, 1, 1)),
                    Some(date(2099, 1, 1)),
                    Some(Sex::Female),
                ),
            ),
            (
                "260401",
                "260401",
                '<',
                (Some(date(2026, 4, 1)), Some(date(2026, 4, 1)), None),
            ),
            (
                "260601",
                "000101",
                'X',
                (Some(date(1926, 6, 1)), Some(date(2000, 1, 1)), None),
            ),
            (
                "000229",
                "280229",
                'M',
                (
                    Some(date(2000, 2, 29)),
                    Some(date(2028, 2, 29)),
                    Some(Sex::Male),
                ),
            ),
            (
                "991231",
                "751301",
                'M',
                (Some(date(1999, 12, 31)), None, Some(Sex::Male)),
            ),
            (
                "<<<<<<",
                "300101",
                'M',
                (None, Some(date(2030, 1, 1)), Some(Sex::Male)),
            ),
        ];
        for &(birth, expiry, sex, expected) in table {
            check_dates(birth, expiry, sex, expected);
        }
    }

    #[track_caller]
    fn check_error(label: &str, text: &str, expected: &MrzReadError) {
        assert_eq!(read_mrz(text, today()).as_ref(), Err(expected), "{label}");
        let messages: Vec<String> = Lang::ALL
            .iter()
            .map(|&lang| expected.message(lang))
            .collect();
        for message in &messages {
            assert!(!message.trim().is_empty(), "{label}");
        }
        assert_ne!(messages[0], messages[1], "{label}");
        assert_ne!(messages[1], messages[2], "{label}");
        assert_ne!(messages[0], messages[2], "{label}");
        assert!(!expected.to_string().is_empty());
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let [a, b] = TD3;
        let table: Vec<(&str, String, MrzReadError)> = vec![
            ("empty", String::new(), MrzReadError::Empty),
            ("blank", " \r\n\t\n".to_string(), MrzReadError::Empty),
            ("line 1 only", format!("{a}\r\n"), MrzReadError::Incomplete { format: MrzFormat::Td3, lines_found: 1, lines_expected: 2 }),
            ("TD1 two lines", format!("{}\n{}", TD1[0], TD1[1]), MrzReadError::Incomplete { format: MrzFormat::Td1, lines_found: 2, lines_expected: 3 }),
            ("line 2 short", format!("{a}\n{}", &b[..43]), MrzReadError::BadLength { format: MrzFormat::Td3, line: 2, length: 43, expected: 44 }),
            ("line 1 long", format!("{a}<\n{b}"), MrzReadError::BadLength { format: MrzFormat::Td3, line: 1, length: 45, expected: 44 }),
            ("TD2 line 2 short", format!("{}\n{}", TD2[0], &TD2[1][..35]), MrzReadError::BadLength { format: MrzFormat::Td2, line: 2, length: 35, expected: 36 }),
            ("three TD3 lines", format!("{a}\n{b}\n{b}"), MrzReadError::TooManyLines { format: MrzFormat::Td3, lines_found: 3, lines_expected: 2 }),
            ("prose", "Hello, world!".to_string(), MrzReadError::NotAnMrz),
            ("cyrillic prose", "Привет, мир".to_string(), MrzReadError::NotAnMrz),
            ("line 2 alone", b.to_string(), MrzReadError::NotAnMrz),
            ("accented name", format!("P<UTOÉRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n{b}"), MrzReadError::BadCharacter { line: 1, position: 6, character: 'É' }),
            ("punctuation", format!("{a}\nL898902C36UTO7408122F1204159ZE184226B<<<<-10"), MrzReadError::BadCharacter { line: 2, position: 42, character: '-' }),
            ("visa", "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<".to_string(), MrzReadError::Visa),
            ("ID code on a passport line", format!("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n{b}"), MrzReadError::BadDocumentCode { format: MrzFormat::Td3, code: "I<".to_string() }),
            ("passport code on a TD2 line", format!("P{}\n{}", &TD2[0][1..], TD2[1]), MrzReadError::BadLength { format: MrzFormat::Td3, line: 1, length: 36, expected: 44 }),
            ("leading filler", format!("{a}\n<{}", &b[1..]), MrzReadError::LeadingFiller { line: 2, position: 1 }),
        ];
        for (label, text, expected) in &table {
            check_error(label, text, expected);
        }
    }

    #[test]
    fn the_length_message_names_line_and_width() {
        let error = MrzReadError::BadLength {
            format: MrzFormat::Td3,
            line: 2,
            length: 43,
            expected: 44,
        };
        assert!(error
            .message(Lang::En)
            .contains("MRZ line 2 has 43 characters; a TD3 passport line has 44"));
        assert!(error.message(Lang::Ru).contains("43"));
        assert!(error.message(Lang::Kk).contains("44"));
        assert_eq!(
            error.to_string(),
            "MRZ line 2 has 43 characters; a TD3 passport line has 44"
        );
    }

    #[test]
    fn check_field_labels_are_translated() {
        for field in [
            DocumentNumber,
            BirthDate,
            ExpiryDate,
            PersonalNumber,
            Composite,
        ] {
            let labels: Vec<&str> = Lang::ALL.iter().map(|&lang| field.label(lang)).collect();
            assert!(labels.iter().all(|label| !label.is_empty()));
            assert_ne!(labels[0], labels[1]);
            assert_ne!(labels[1], labels[2]);
        }
    }

    /// A specimen zone as one string, with line breaks.
    fn any_specimen() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(TD3.join("\n")),
            Just(TD2.join("\r\n")),
            Just(TD1.join("\r")),
            Just(TD3.concat()),
            Just(TD1.concat()),
        ]
    }

    /// An edit to a zone: replace, insert or delete one character.
    #[derive(Debug, Clone)]
    enum Edit {
        Replace(usize, char),
        Insert(usize, char),
        Delete(usize),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let chars = prop_oneof![
            prop::sample::select(vec![
                'O', '0', 'I', '1', 'B', '8', 'S', '5', 'Z', '2', 'G', '6', 'K', 'L', '<', ' ',
                '\n', '\r', 'é', 'Б', 'З', '«', '\u{FEFF}'
            ]),
            any::<char>(),
        ];
        prop_oneof![
            (any::<usize>(), chars.clone()).prop_map(|(at, c)| Edit::Replace(at, c)),
            (any::<usize>(), chars).prop_map(|(at, c)| Edit::Insert(at, c)),
            any::<usize>().prop_map(Edit::Delete),
        ]
    }

    fn apply(text: &str, edits: &[Edit]) -> String {
        let mut chars: Vec<char> = text.chars().collect();
        for edit in edits {
            match *edit {
                Edit::Replace(at, c) if !chars.is_empty() => {
                    let at = at % chars.len();
                    chars[at] = c;
                }
                Edit::Insert(at, c) => {
                    let at = at % (chars.len() + 1);
                    chars.insert(at, c);
                }
                Edit::Delete(at) if !chars.is_empty() => {
                    let at = at % chars.len();
                    chars.remove(at);
                }
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    #[track_caller]
    fn check_invariants(text: &str) {
        let lines = normalize(text);
        assert!(lines.iter().all(|line| !line.is_empty()));
        let complete = zone_complete(text);
        match read_mrz(text, today()) {
            Ok(reading) => {
                assert_eq!(reading.lines.len(), reading.format.line_count());
                for line in &reading.lines {
                    assert_eq!(line.chars().count(), reading.format.line_width());
                }
                for repair in &reading.repairs {
                    assert!(
                        repair.read.is_ascii_alphanumeric()
                            && repair.corrected.is_ascii_alphanumeric()
                    );
                }
                if let Some(birth) = reading.birth_date {
                    assert!(birth <= today());
                }
                assert_eq!(
                    reading.checks.len(),
                    if reading.format == MrzFormat::Td3 {
                        5
                    } else {
                        4
                    }
                );
            }
            Err(error) => {
                assert!(
                    !complete
                        || matches!(
                            error,
                            MrzReadError::Visa
                                | MrzReadError::BadDocumentCode { .. }
                                | MrzReadError::LeadingFiller { .. }
                        ),
                    "{error:?} for a complete zone"
                );
                for lang in Lang::ALL {
                    assert!(!error.message(lang).is_empty());
                }
            }
        }
    }

    proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(text in any::<String>()) {
            check_invariants(&text);
        }

        #[test]
        fn never_panics_on_mrz_like_text(text in "[A-Za-z0-9<« \\r\\n\\tБЗé]{0,120}") {
            check_invariants(&text);
        }

        #[test]
        fn never_panics_on_mutated_specimens(zone in any_specimen(), edits in prop::collection::vec(edit(), 0..6)) {
            check_invariants(&apply(&zone, &edits));
        }
    }
}
