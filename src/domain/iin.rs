//! The IIN (individual identification number): twelve digits, the last a check digit.
//!
//! Digits 1–6 are the birth date (YYMMDD), digit 7 the century and sex (1/2 = 1800s,
//! 3/4 = 1900s, 5/6 = 2000s; odd male, even female), digits 8–11 a serial, digit 12 the
//! check digit. Since 2013 the link between the digits and personal data is not
//! guaranteed, so [`Iin::parse`] checks only the form and the check digit strictly and
//! [`Iin::hint`] treats the decoded date and sex as a hint.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::i18n::{tr, tr_args};
use super::identity::Sex;
use super::lang::Lang;

/// The first weight set of the check-digit algorithm.
const WEIGHTS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
/// The second weight set, used when the first gives remainder 10.
const WEIGHTS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// A syntactically valid IIN whose check digit verifies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin(String);

/// Why a text is not a valid IIN.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize)]
pub enum IinError {
    /// Nothing was given.
    #[error("the IIN is empty")]
    Empty,
    /// Not twelve characters.
    #[error("the IIN has {len} characters; 12 digits are expected")]
    WrongLength {
        /// How many characters were given.
        len: usize,
    },
    /// A character that is not a digit.
    #[error("character {position} of the IIN is not a digit")]
    NonDigit {
        /// 1-based position.
        position: usize,
    },
    /// The check digit does not match the first eleven digits.
    #[error("the check digit of the IIN is {found}, but the first eleven digits give {expected}")]
    CheckDigit {
        /// The digit the number should end with.
        expected: u32,
        /// The digit it ends with.
        found: u32,
    },
    /// Both weight sets give remainder 10: such a number is never issued.
    #[error("the first eleven digits give remainder 10 with both weight sets; such an IIN is never issued")]
    NeverIssued,
}

impl IinError {
    /// The reason in the given language, naming what is expected.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            IinError::Empty => tr(lang, "iin-empty"),
            IinError::WrongLength { len } => {
                tr_args(lang, "iin-wrong-length", &[("len", (*len).into())])
            }
            IinError::NonDigit { position } => {
                tr_args(lang, "iin-non-digit", &[("position", (*position).into())])
            }
            IinError::CheckDigit { expected, found } => tr_args(
                lang,
                "iin-check-digit",
                &[("expected", (*expected).into()), ("found", (*found).into())],
            ),
            IinError::NeverIssued => tr(lang, "iin-never-issued"),
        }
    }
}

/// The check digit for eleven digits, or `None` when both weight sets give 10.
pub fn check_digit(first11: &[u32; 11]) -> Option<u32> {
    let sum = |w: &[u32; 11]| first11.iter().zip(w).map(|(d, w)| d * w).sum::<u32>() % 11;
    match sum(&WEIGHTS_1) {
        10 => match sum(&WEIGHTS_2) {
            10 => None,
            r => Some(r),
        },
        r => Some(r),
    }
}

impl Iin {
    /// Parses a typed IIN. Spaces around and inside the number are ignored, since clerks
    /// often copy it in groups ("740812 300 123").
    pub fn parse(text: &str) -> Result<Iin, IinError> {
        let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.is_empty() {
            return Err(IinError::Empty);
        }
        let len = compact.chars().count();
        if len != 12 {
            return Err(IinError::WrongLength { len });
        }
        let mut digits = [0u32; 12];
        for (i, c) in compact.chars().enumerate() {
            digits[i] = c
                .to_digit(10)
                .filter(|_| c.is_ascii_digit())
                .ok_or(IinError::NonDigit { position: i + 1 })?;
        }
        let mut first11 = [0u32; 11];
        first11.copy_from_slice(&digits[..11]);
        let expected = check_digit(&first11).ok_or(IinError::NeverIssued)?;
        if expected != digits[11] {
            return Err(IinError::CheckDigit {
                expected,
                found: digits[11],
            });
        }
        Ok(Iin(compact))
    }

    /// The twelve digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the digits suggest about the holder; only a hint (see the module doc).
    pub fn hint(&self) -> IinHint {
        let d: Vec<u32> = self.0.chars().filter_map(|c| c.to_digit(10)).collect();
        let century_digit = d.get(6).copied().unwrap_or(0);
        let (century, sex) = match century_digit {
            1 => (Some(1800), Some(Sex::Male)),
            2 => (Some(1800), Some(Sex::Female)),
            3 => (Some(1900), Some(Sex::Male)),
            4 => (Some(1900), Some(Sex::Female)),
            5 => (Some(2000), Some(Sex::Male)),
            6 => (Some(2000), Some(Sex::Female)),
            _ => (None, None),
        };
        let two =
            |i: usize| d.get(i).copied().unwrap_or(0) * 10 + d.get(i + 1).copied().unwrap_or(0);
        let birth_date =
            century.and_then(|c| NaiveDate::from_ymd_opt(c + two(0) as i32, two(2), two(4)));
        IinHint { birth_date, sex }
    }
}

impl std::fmt::Display for Iin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Iin {
    type Error = IinError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Iin::parse(&value)
    }
}

impl From<Iin> for String {
    fn from(value: Iin) -> Self {
        value.0
    }
}

/// What an IIN's digits suggest about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IinHint {
    /// The birth date digits 1–7 encode, when they form a real date.
    pub birth_date: Option<NaiveDate>,
    /// The sex digit 7 encodes, when it is 1–6.
    pub sex: Option<Sex>,
}

/// Why no IIN can be generated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GenerateError {
    /// The birth year is outside 1800–2099, which digit 7 cannot express.
    #[error("birth year {0} cannot be encoded in an IIN (1800–2099)")]
    YearOutOfRange(i32),
    /// The serial is outside 0–9999.
    #[error("serial {0} is outside 0–9999")]
    SerialOutOfRange(u32),
    /// This serial gives remainder 10 twice; the caller takes the next one.
    #[error("this serial gives no check digit")]
    NoCheckDigit,
    /// Every serial for this date and sex is taken or gives no check digit.
    #[error("no free IIN is left for this birth date and sex")]
    Exhausted,
}

/// Builds the IIN for a birth date, sex and serial (0–9999).
pub fn generate(birth_date: NaiveDate, sex: Sex, serial: u32) -> Result<Iin, GenerateError> {
    if serial > 9999 {
        return Err(GenerateError::SerialOutOfRange(serial));
    }
    let year = birth_date.year();
    let century_digit = match (year / 100, sex) {
        (18, Sex::Male) => 1,
        (18, Sex::Female) => 2,
        (19, Sex::Male) => 3,
        (19, Sex::Female) => 4,
        (20, Sex::Male) => 5,
        (20, Sex::Female) => 6,
        _ => return Err(GenerateError::YearOutOfRange(year)),
    };
    let head = format!(
        "{:02}{:02}{:02}{}{:04}",
        year % 100,
        birth_date.month(),
        birth_date.day(),
        century_digit,
        serial
    );
    let mut first11 = [0u32; 11];
    for (slot, c) in first11.iter_mut().zip(head.chars()) {
        *slot = c.to_digit(10).unwrap_or(0);
    }
    let check = check_digit(&first11).ok_or(GenerateError::NoCheckDigit)?;
    Ok(Iin(format!("{head}{check}")))
}

/// The first IIN from `start_serial` on that `is_taken` does not reject, skipping serials
/// that give no check digit. The back office uses it so that an IIN is never reused.
pub fn generate_free(
    birth_date: NaiveDate,
    sex: Sex,
    start_serial: u32,
    mut is_taken: impl FnMut(&Iin) -> bool,
) -> Result<Iin, GenerateError> {
    for serial in start_serial..=9999 {
        match generate(birth_date, sex, serial) {
            Ok(iin) if !is_taken(&iin) => return Ok(iin),
            Ok(_) | Err(GenerateError::NoCheckDigit) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(GenerateError::Exhausted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[track_caller]
    fn check(input: &str, expected: Result<&str, IinError>) {
        let got = Iin::parse(input);
        match expected {
            Ok(s) => assert_eq!(got.map(|i| i.to_string()), Ok(s.to_string()), "{input:?}"),
            Err(e) => assert_eq!(got, Err(e), "{input:?}"),
        }
    }

    #[test]
    fn parse_table() {
        // Synthetic numbers built by `generate`, not real people's.
        check("740812300018", Ok("740812300018"));
        check(" 740812 3000 18 ", Ok("740812300018"));
        check(
            "740812300015",
            Err(IinError::CheckDigit {
                expected: 8,
                found: 5,
            }),
        );
        check("", Err(IinError::Empty));
        check("   ", Err(IinError::Empty));
        check("74081230001", Err(IinError::WrongLength { len: 11 }));
        check("7408123000155", Err(IinError::WrongLength { len: 13 }));
        check("74081230001A", Err(IinError::NonDigit { position: 12 }));
        check("7408123ООО15", Err(IinError::NonDigit { position: 8 }));
        check("７40812300015", Err(IinError::NonDigit { position: 1 }));
    }

    #[test]
    fn second_weight_set_is_used_when_first_gives_ten() {
        // Find synthetic eleven-digit heads for both remainder-10 cases.
        let mut second = None;
        let mut never = None;
        for serial in 0..10000u32 {
            let head = format!("0001013{serial:04}");
            let mut first11 = [0u32; 11];
            for (s, c) in first11.iter_mut().zip(head.chars()) {
                *s = c.to_digit(10).unwrap_or(0);
            }
            let r1 = first11
                .iter()
                .zip(&WEIGHTS_1)
                .map(|(a, b)| a * b)
                .sum::<u32>()
                % 11;
            let r2 = first11
                .iter()
                .zip(&WEIGHTS_2)
                .map(|(a, b)| a * b)
                .sum::<u32>()
                % 11;
            if r1 == 10 && r2 != 10 && second.is_none() {
                second = Some((head.clone(), r2));
            }
            if r1 == 10 && r2 == 10 && never.is_none() {
                never = Some(head);
            }
        }
        let (head, r2) = second.unwrap_or_default();
        check(&format!("{head}{r2}"), Ok(&format!("{head}{r2}")));
        let never = never.unwrap_or_default();
        for last in 0..10 {
            check(&format!("{never}{last}"), Err(IinError::NeverIssued));
        }
        assert_eq!(
            generate(d(1900, 1, 1), Sex::Male, never[7..].parse().unwrap_or(0)),
            Err(GenerateError::NoCheckDigit)
        );
    }

    #[test]
    fn hint_table() {
        let cases = [
            (d(1974, 8, 12), Sex::Male),
            (d(1974, 8, 12), Sex::Female),
            (d(2005, 2, 28), Sex::Female),
            (d(1899, 12, 31), Sex::Male),
            (d(2000, 2, 29), Sex::Male),
        ];
        for (birth, sex) in cases {
            let iin = generate_free(birth, sex, 0, |_| false).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                iin.hint(),
                IinHint {
                    birth_date: Some(birth),
                    sex: Some(sex)
                }
            );
            assert_eq!(Iin::parse(iin.as_str()), Ok(iin.clone()));
        }
        // Digit 7 outside 1..6, or a date that does not exist: no hint, still valid.
        let iin = generate(d(1974, 8, 12), Sex::Male, 15).unwrap_or_else(|e| panic!("{e}"));
        let mut odd: Vec<char> = iin.as_str().chars().collect();
        odd[2] = '1';
        odd[3] = '3';
        let head: String = odd[..11].iter().collect();
        let first11: Vec<u32> = head.chars().filter_map(|c| c.to_digit(10)).collect();
        let mut arr = [0u32; 11];
        arr.copy_from_slice(&first11);
        if let Some(c) = check_digit(&arr) {
            let hint = Iin::parse(&format!("{head}{c}")).map(|i| i.hint());
            assert_eq!(hint.map(|h| h.birth_date), Ok(None));
        }
    }

    #[test]
    fn generate_rejects_out_of_range() {
        assert_eq!(
            generate(d(1799, 1, 1), Sex::Male, 1),
            Err(GenerateError::YearOutOfRange(1799))
        );
        assert_eq!(
            generate(d(2100, 1, 1), Sex::Male, 1),
            Err(GenerateError::YearOutOfRange(2100))
        );
        assert_eq!(
            generate(d(2000, 1, 1), Sex::Male, 10000),
            Err(GenerateError::SerialOutOfRange(10000))
        );
    }

    #[test]
    fn generate_free_skips_taken() {
        let first = generate_free(d(1990, 5, 5), Sex::Female, 0, |_| false)
            .unwrap_or_else(|e| panic!("{e}"));
        let second = generate_free(d(1990, 5, 5), Sex::Female, 0, |i| *i == first)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_ne!(first, second);
        assert_eq!(
            generate_free(d(1990, 5, 5), Sex::Female, 0, |_| true),
            Err(GenerateError::Exhausted)
        );
    }

    #[test]
    fn messages_in_three_languages() {
        let errors = [
            IinError::Empty,
            IinError::WrongLength { len: 3 },
            IinError::NonDigit { position: 2 },
            IinError::CheckDigit {
                expected: 1,
                found: 2,
            },
            IinError::NeverIssued,
        ];
        for e in errors {
            let texts: Vec<String> = Lang::ALL.iter().map(|l| e.message(*l)).collect();
            assert!(texts.iter().all(|t| !t.is_empty()));
            assert_ne!(texts[0], texts[1]);
            assert_ne!(texts[1], texts[2]);
            assert!(
                texts[0].contains("ЖСН") && texts[1].contains("ИИН") && texts[2].contains("IIN")
            );
        }
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Iin::parse(&s);
        }

        #[test]
        fn generated_iins_parse(days in 0i64..109_000, male in any::<bool>(), serial in 0u32..10000) {
            let birth = d(1800, 1, 1) + chrono::Duration::days(days);
            let sex = if male { Sex::Male } else { Sex::Female };
            match generate(birth, sex, serial) {
                Ok(iin) => {
                    prop_assert_eq!(Iin::parse(iin.as_str()), Ok(iin.clone()));
                    prop_assert_eq!(iin.hint().sex, Some(sex));
                }
                Err(GenerateError::NoCheckDigit) | Err(GenerateError::YearOutOfRange(_)) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}
