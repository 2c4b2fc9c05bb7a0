//! The registration certificate's seal: a payload `KZIIN|v1|<iin>|<request id>|<check>`
//! printed as a QR code, as small text on the page and in the PDF's metadata, and its
//! verification against the stored request.
//!
//! The check value is the first 16 hex digits of SHA-256 over a canonical string of the
//! request id, the IIN, the Latin surname, the birth date and the document number. It is
//! not a secret: what makes a certificate genuine is that the payload, the values printed
//! on the page and the request in the store all agree. An edited IIN or name therefore
//! shows up as a payload that no longer matches the store, or as printed text that no
//! longer matches the payload.

use sha2::{Digest, Sha256};

use crate::domain::form::Record;
use crate::domain::i18n::tr;
use crate::domain::identity::Identity;
use crate::domain::lang::Lang;
use crate::domain::request::Status;

use super::PdfError;

/// The payload's first field: "Kazakhstan IIN", not the program's name (nothing printed
/// names the program).
pub const PAYLOAD_PREFIX: &str = "KZIIN";
/// The first field of the certificates printed before [`PAYLOAD_PREFIX`]: still read and
/// verified (the check value does not depend on the prefix).
pub const LEGACY_PAYLOAD_PREFIX: &str = "IIN-DESK";
/// The payload format's version.
pub const PAYLOAD_VERSION: &str = "v1";
/// How many bytes of decompressed page content [`read_certificate`] accepts.
const MAX_CONTENT_BYTES: usize = 16 * 1024 * 1024;

/// What a certificate's QR code carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The IIN formed or corrected.
    pub iin: String,
    /// The request's id.
    pub request_id: String,
    /// The check value (16 lower-case hex digits).
    pub check: String,
}

/// The canonical check value of a certificate: the first 16 hex digits of SHA-256 over
/// `v1`, the request id, the IIN, the Latin surname, the birth date (ISO) and the
/// document number, one per line.
pub fn check_value(request_id: &str, iin: &str, identity: &Identity) -> String {
    let document = identity
        .document
        .as_ref()
        .map(|d| d.number.as_str())
        .unwrap_or("");
    let canonical = format!(
        "{PAYLOAD_VERSION}\n{}\n{}\n{}\n{}\n{}",
        request_id.trim().to_ascii_lowercase(),
        iin.trim(),
        identity.surname.trim(),
        identity.birth_date.format("%Y-%m-%d"),
        document.trim(),
    );
    let digest = Sha256::digest(canonical.as_bytes());
    hex::encode(&digest[..8])
}

/// The IIN a certificate states: the formed IIN, or for a correction the corrected
/// one (the current IIN when the back office recorded no new number).
pub fn issued_iin(record: &Record) -> Option<String> {
    let outcome_iin = record
        .outcome
        .as_ref()
        .and_then(|o| o.iin.as_ref())
        .map(|i| i.as_str().to_string());
    match record.status {
        Status::Formed => outcome_iin,
        Status::Corrected => outcome_iin.or_else(|| {
            record
                .request
                .correction
                .as_ref()
                .map(|c| c.current_iin.as_str().to_string())
        }),
        _ => None,
    }
}

impl Seal {
    /// The seal of a formed or corrected request.
    pub fn for_record(record: &Record) -> Result<Seal, PdfError> {
        if !matches!(record.status, Status::Formed | Status::Corrected) {
            return Err(PdfError::WrongStatus {
                document: super::DocKind::Certificate,
                status: record.status,
            });
        }
        let iin = issued_iin(record).ok_or(PdfError::NoIin)?;
        let request_id = record.request.id.to_string();
        let identity = record.request.identity_after();
        let check = check_value(&request_id, &iin, &identity);
        Ok(Seal {
            iin,
            request_id,
            check,
        })
    }

    /// The payload text: `KZIIN|v1|<iin>|<request id>|<check>`.
    pub fn payload(&self) -> String {
        format!(
            "{PAYLOAD_PREFIX}|{PAYLOAD_VERSION}|{}|{}|{}",
            self.iin, self.request_id, self.check
        )
    }

    /// Finds and parses the first payload in `text` (the present prefix or the legacy one).
    pub fn find(text: &str) -> Option<Seal> {
        let start = [PAYLOAD_PREFIX, LEGACY_PAYLOAD_PREFIX]
            .into_iter()
            .filter_map(|p| text.find(&format!("{p}|")))
            .min()?;
        let token: String = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',')
            .collect();
        let mut parts = token.split('|');
        let prefix = parts.next();
        if prefix != Some(PAYLOAD_PREFIX) && prefix != Some(LEGACY_PAYLOAD_PREFIX) {
            return None;
        }
        let (Some(PAYLOAD_VERSION), Some(iin), Some(id), Some(check)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        if parts.next().is_some() || iin.is_empty() || id.is_empty() || check.is_empty() {
            return None;
        }
        Some(Seal {
            iin: iin.to_string(),
            request_id: id.to_string(),
            check: check.to_string(),
        })
    }
}

/// What [`read_certificate`] found in a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateReading {
    /// The seal in the document's metadata (Keywords), if any.
    pub metadata: Option<Seal>,
    /// The seal printed as text on the page, if any.
    pub page: Option<Seal>,
    /// The text layer of all pages.
    pub text: String,
}

impl CertificateReading {
    /// The request id the certificate claims, from the metadata or else the page.
    pub fn request_id(&self) -> Option<&str> {
        self.metadata
            .as_ref()
            .or(self.page.as_ref())
            .map(|s| s.request_id.as_str())
    }
}

/// Reads a certificate's seals and text layer from PDF bytes.
pub fn read_certificate(bytes: &[u8]) -> Result<CertificateReading, PdfError> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| PdfError::NotAPdf(e.to_string()))?;
    let metadata = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| match info {
            lopdf::Object::Reference(id) => doc.get_dictionary(*id).ok(),
            lopdf::Object::Dictionary(d) => Some(d),
            _ => None,
        })
        .and_then(|info| {
            [b"Keywords".as_slice(), b"Subject".as_slice()]
                .iter()
                .filter_map(|key| info.get(key).ok())
                // A PDF text string: UTF-16BE or UTF-8 with a byte-order mark, else
                // PDFDocEncoding.
                .filter_map(|v| lopdf::decode_text_string(v).ok())
                .find_map(|s| Seal::find(&s))
        });
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc
        .extract_text_with_limit(&pages, MAX_CONTENT_BYTES)
        .map_err(|e| PdfError::NotAPdf(e.to_string()))?;
    let page = Seal::find(&text);
    Ok(CertificateReading {
        metadata,
        page,
        text,
    })
}

/// Why a certificate is not genuine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotGenuine {
    /// The file carries no iin-desk seal at all.
    #[error("the file carries no iin-desk certificate seal")]
    NoSeal,
    /// The seal in the metadata and the one printed on the page differ.
    #[error("the seal printed on the page differs from the one in the file's metadata")]
    SealsDisagree,
    /// No request with the seal's id is in the store.
    #[error("no request with the certificate's request id is in the store")]
    UnknownRequest,
    /// The request exists but no IIN was formed or corrected for it.
    #[error("the request has no formed or corrected IIN")]
    NotIssued,
    /// The seal's IIN is not the stored one.
    #[error("the IIN in the certificate's seal differs from the stored IIN")]
    IinDiffers,
    /// The check value does not match the stored request.
    #[error("the check value does not match the stored request")]
    CheckDiffers,
    /// The IIN printed on the page is not the stored one.
    #[error("the IIN printed on the page differs from the stored IIN")]
    PrintedIinDiffers,
    /// A name or document number printed on the page is not the stored one.
    #[error("the surname or document number printed on the page differs from the stored data")]
    PrintedDataDiffer,
}

impl NotGenuine {
    /// A short code for the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            NotGenuine::NoSeal => "no_seal",
            NotGenuine::SealsDisagree => "seals_disagree",
            NotGenuine::UnknownRequest => "unknown_request",
            NotGenuine::NotIssued => "not_issued",
            NotGenuine::IinDiffers => "iin_differs",
            NotGenuine::CheckDiffers => "check_differs",
            NotGenuine::PrintedIinDiffers => "printed_iin_differs",
            NotGenuine::PrintedDataDiffer => "printed_data_differ",
        }
    }

    /// The reason in `lang`, one line.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            NotGenuine::NoSeal => tr(lang, "seal-no-seal"),
            NotGenuine::SealsDisagree => tr(lang, "seal-seals-disagree"),
            NotGenuine::UnknownRequest => tr(lang, "seal-unknown-request"),
            NotGenuine::NotIssued => tr(lang, "seal-not-issued"),
            NotGenuine::IinDiffers => tr(lang, "seal-iin-differs"),
            NotGenuine::CheckDiffers => tr(lang, "seal-check-differs"),
            NotGenuine::PrintedIinDiffers => tr(lang, "seal-printed-iin-differs"),
            NotGenuine::PrintedDataDiffer => tr(lang, "seal-printed-data-differ"),
        }
    }
}

/// Whitespace removed, for comparing values that may be wrapped across lines.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks a certificate read from a file against the stored request with the seal's id
/// (`None` when the store has no such request). `Ok` means genuine: the seals agree, the
/// IIN and the check value match the store, and the IIN, Latin surname and document
/// number printed on the page are the stored ones.
pub fn verify(reading: &CertificateReading, stored: Option<&Record>) -> Result<(), NotGenuine> {
    let seal = match (&reading.metadata, &reading.page) {
        (None, None) => return Err(NotGenuine::NoSeal),
        (Some(m), Some(p)) if m != p => return Err(NotGenuine::SealsDisagree),
        (Some(s), _) | (None, Some(s)) => s,
    };
    let record = stored.ok_or(NotGenuine::UnknownRequest)?;
    let expected = Seal::for_record(record).map_err(|_| NotGenuine::NotIssued)?;
    if seal.iin != expected.iin {
        return Err(NotGenuine::IinDiffers);
    }
    if !seal.check.eq_ignore_ascii_case(&expected.check)
        || !seal.request_id.eq_ignore_ascii_case(&expected.request_id)
    {
        return Err(NotGenuine::CheckDiffers);
    }
    // The printed text without the seal's own line, which repeats the IIN, and without
    // the request id (its last group may be twelve digits).
    let text = reading
        .text
        .replace(&seal.payload(), " ")
        .replace(&expected.request_id, " ");
    let identity = record.request.identity_after();
    let document = identity
        .document
        .as_ref()
        .map(|d| d.number.clone())
        .unwrap_or_default();
    // Every twelve-digit number on the page must be the IIN (a document number that is
    // all digits aside), and the IIN must be printed.
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 12 && *t != document)
        .collect();
    if numbers.is_empty() || numbers.iter().any(|n| *n != expected.iin) {
        return Err(NotGenuine::PrintedIinDiffers);
    }
    let squashed = squash(&text);
    if !squashed.contains(&squash(&identity.surname))
        || (!document.is_empty() && !squashed.contains(&document))
    {
        return Err(NotGenuine::PrintedDataDiffer);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_round_trip_and_reject_garbage() {
        let seal = Seal {
            iin: "740812400014".into(),
            request_id: "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001".into(),
            check: "0123456789abcdef".into(),
        };
        let text = format!("some text\n{}\nmore", seal.payload());
        assert_eq!(Seal::find(&text), Some(seal.clone()));
        assert!(seal.payload().starts_with("KZIIN|v1|"), "no program name");
        // A certificate printed with the legacy prefix still reads, to the same seal.
        let legacy = seal.payload().replacen("KZIIN", "IIN-DESK", 1);
        assert_eq!(Seal::find(&format!("x {legacy} y")), Some(seal));
        assert_eq!(Seal::find("KZIIN|v2|1|2|3"), None);
        assert_eq!(Seal::find("KZIIN|v1|1|2"), None);
        assert_eq!(Seal::find("IIN-DESK|v2|1|2|3"), None);
        assert_eq!(Seal::find("IIN-DESK|v1|1|2"), None);
        assert_eq!(Seal::find("IIN-DESK|v1|1|2|3|4"), None);
        assert_eq!(Seal::find("nothing"), None);
    }

    #[test]
    fn utf16_metadata_strings_decode() {
        let pdf_string = |bytes: &[u8]| {
            let object = lopdf::Object::String(bytes.to_vec(), lopdf::StringFormat::Literal);
            lopdf::decode_text_string(&object).unwrap_or_default()
        };
        assert_eq!(pdf_string(&[0xFE, 0xFF, 0, b'I', 0, b'N']), "IN");
        assert_eq!(pdf_string(b"plain"), "plain");
        let seal = "IIN-DESK|v1|740812400014|0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001|0123456789abcdef";
        let mut utf16 = vec![0xFE, 0xFF];
        utf16.extend(seal.encode_utf16().flat_map(u16::to_be_bytes));
        for bytes in [utf16, seal.as_bytes().to_vec()] {
            assert!(Seal::find(&pdf_string(&bytes)).is_some());
        }
    }

    #[test]
    fn reasons_are_in_every_language_and_the_english_is_the_display_text() {
        for reason in [
            NotGenuine::NoSeal,
            NotGenuine::SealsDisagree,
            NotGenuine::UnknownRequest,
            NotGenuine::NotIssued,
            NotGenuine::IinDiffers,
            NotGenuine::CheckDiffers,
            NotGenuine::PrintedIinDiffers,
            NotGenuine::PrintedDataDiffer,
        ] {
            assert_eq!(reason.message(Lang::En), reason.to_string());
            let kk = reason.message(Lang::Kk);
            let ru = reason.message(Lang::Ru);
            assert!(!kk.starts_with("seal-") && !ru.starts_with("seal-"));
            assert_ne!(kk, ru);
        }
    }
}
