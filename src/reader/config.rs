//! The serial reader's settings as typed on the Settings screen, checked: the port's name,
//! the baud rate, the parity and the framing. Pure: nothing is opened here.

use thiserror::Error;

use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::domain::mrz::frame::Framing;

/// The baud rate when none is set (most readers' factory setting).
pub const DEFAULT_BAUD: u32 = 9600;

/// The baud rates accepted: the range of common serial hardware.
pub const BAUD_RANGE: std::ops::RangeInclusive<u32> = 300..=921_600;

/// The longest port name accepted, in characters (`COM3`, `/dev/ttyUSB0`,
/// `\\.\COM12`, `/dev/serial/by-id/…`).
const MAX_PORT_CHARS: usize = 200;

/// A serial line's parity bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Parity {
    /// No parity bit (8N1, most readers).
    #[default]
    None,
    /// Even parity.
    Even,
    /// Odd parity.
    Odd,
}

impl Parity {
    /// Every parity, in the order the settings list them.
    pub const ALL: [Parity; 3] = [Parity::None, Parity::Even, Parity::Odd];

    /// The key kept in the settings.
    pub fn key(self) -> &'static str {
        match self {
            Parity::None => "none",
            Parity::Even => "even",
            Parity::Odd => "odd",
        }
    }

    /// The parity kept as `key` (any case, surrounding blanks ignored).
    pub fn from_key(key: &str) -> Option<Parity> {
        let key = key.trim().to_ascii_lowercase();
        Parity::ALL.into_iter().find(|p| p.key() == key)
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> String {
        match self {
            Parity::None => tr(lang, "reader-parity-none"),
            Parity::Even => tr(lang, "reader-parity-even"),
            Parity::Odd => tr(lang, "reader-parity-odd"),
        }
    }
}

/// A framing's name in `lang`.
pub fn framing_label(framing: Framing, lang: Lang) -> String {
    match framing {
        Framing::CrLf => tr(lang, "reader-framing-crlf"),
        Framing::StxEtx => tr(lang, "reader-framing-stx-etx"),
    }
}

/// How to talk to a serial reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The port: `COM3` on Windows, `/dev/ttyUSB0` or `/dev/ttyACM0` on Linux.
    pub port: String,
    /// Bits per second.
    pub baud: u32,
    /// Parity (8 data bits, 1 stop bit always).
    pub parity: Parity,
    /// How zones are marked.
    pub framing: Framing,
}

/// A reader setting that cannot be used; the message names the field and what it expects.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReaderConfigError {
    /// The port's name has a control character or is too long.
    #[error("the serial port's name is not a port name")]
    Port,
    /// The baud rate is not a whole number in [`BAUD_RANGE`].
    #[error("the baud rate {0:?} is not a whole number from 300 to 921600")]
    Baud(String),
    /// An unknown parity key.
    #[error("unknown parity {0:?}")]
    Parity(String),
    /// An unknown framing key.
    #[error("unknown framing {0:?}")]
    Framing(String),
}

impl ReaderConfigError {
    /// The error in `lang`, naming the field.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ReaderConfigError::Port => tr(lang, "reader-bad-port"),
            ReaderConfigError::Baud(value) => tr_args(
                lang,
                "reader-bad-baud",
                &[
                    ("value", value.clone().into()),
                    ("min", BAUD_RANGE.start().to_string().into()),
                    ("max", BAUD_RANGE.end().to_string().into()),
                ],
            ),
            ReaderConfigError::Parity(value) => tr_args(
                lang,
                "reader-bad-parity",
                &[("value", value.clone().into())],
            ),
            ReaderConfigError::Framing(value) => tr_args(
                lang,
                "reader-bad-framing",
                &[("value", value.clone().into())],
            ),
        }
    }
}

impl ReaderConfig {
    /// Reads the settings as typed. `Ok(None)`: no port named, no serial reader. A blank
    /// baud rate, parity or framing is the default (9600, none, CR/LF).
    pub fn parse(
        port: &str,
        baud: &str,
        parity: &str,
        framing: &str,
    ) -> Result<Option<ReaderConfig>, ReaderConfigError> {
        let port = port.trim();
        if port.chars().any(char::is_control) || port.chars().count() > MAX_PORT_CHARS {
            return Err(ReaderConfigError::Port);
        }
        let baud_text = baud.trim();
        let baud = if baud_text.is_empty() {
            DEFAULT_BAUD
        } else {
            baud_text
                .parse::<u32>()
                .ok()
                .filter(|b| BAUD_RANGE.contains(b) && baud_text.chars().all(|c| c.is_ascii_digit()))
                .ok_or_else(|| ReaderConfigError::Baud(baud_text.to_string()))?
        };
        let parity = if parity.trim().is_empty() {
            Parity::default()
        } else {
            Parity::from_key(parity).ok_or_else(|| ReaderConfigError::Parity(parity.to_string()))?
        };
        let framing = if framing.trim().is_empty() {
            Framing::default()
        } else {
            Framing::from_key(framing)
                .ok_or_else(|| ReaderConfigError::Framing(framing.to_string()))?
        };
        if port.is_empty() {
            return Ok(None);
        }
        Ok(Some(ReaderConfig {
            port: port.to_string(),
            baud,
            parity,
            framing,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_as_typed() {
        let ok = |port: &str, baud, parity, framing| {
            Ok(Some(ReaderConfig {
                port: port.into(),
                baud,
                parity,
                framing,
            }))
        };
        // (port, baud, parity, framing, expected)
        type Expected = Result<Option<ReaderConfig>, ReaderConfigError>;
        let cases: [(&str, &str, &str, &str, Expected); 11] = [
            ("", "", "", "", Ok(None)),
            ("  ", "9600", "none", "crlf", Ok(None)),
            (
                "COM3",
                "",
                "",
                "",
                ok("COM3", 9600, Parity::None, Framing::CrLf),
            ),
            (
                " /dev/ttyUSB0 ",
                "115200",
                "Even",
                "stx-etx",
                ok("/dev/ttyUSB0", 115_200, Parity::Even, Framing::StxEtx),
            ),
            (
                "COM1",
                "300",
                "odd",
                "CRLF",
                ok("COM1", 300, Parity::Odd, Framing::CrLf),
            ),
            (
                "COM1",
                "96OO",
                "",
                "",
                Err(ReaderConfigError::Baud("96OO".into())),
            ),
            (
                "COM1",
                "299",
                "",
                "",
                Err(ReaderConfigError::Baud("299".into())),
            ),
            (
                "COM1",
                "+9600",
                "",
                "",
                Err(ReaderConfigError::Baud("+9600".into())),
            ),
            (
                "COM1",
                "9600",
                "mark",
                "",
                Err(ReaderConfigError::Parity("mark".into())),
            ),
            (
                "COM1",
                "9600",
                "",
                "etx",
                Err(ReaderConfigError::Framing("etx".into())),
            ),
            ("COM\n1", "", "", "", Err(ReaderConfigError::Port)),
        ];
        for (port, baud, parity, framing, expected) in cases {
            assert_eq!(
                ReaderConfig::parse(port, baud, parity, framing),
                expected,
                "{port:?} {baud:?} {parity:?} {framing:?}"
            );
        }
    }

    #[test]
    fn messages_name_the_field_in_every_language() {
        for lang in Lang::ALL {
            let text = ReaderConfigError::Baud("96OO".into()).message(lang);
            assert!(text.contains("96OO") && text.contains("921600"), "{text}");
            assert!(!ReaderConfigError::Port.message(lang).is_empty());
        }
        assert!(ReaderConfigError::Baud("x".into())
            .message(Lang::En)
            .contains("Baud rate"));
        for p in Parity::ALL {
            assert_eq!(Parity::from_key(p.key()), Some(p));
        }
    }
}
