//! Why a text could not be read as a machine-readable zone, in three languages.

use super::MrzFormat;
use crate::domain::lang::{Lang, Tr};

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
