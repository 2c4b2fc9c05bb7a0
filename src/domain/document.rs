//! The documents of a package (Appendix 3, item 8): each kind with its name in the three
//! languages. Which of them a request needs is the edition's data (`domain::edition`) and the
//! checklist's rule (`domain::checklist`); this module sits below both.

use serde::{Deserialize, Serialize};

use super::lang::{Lang, Tr};

/// A document of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// Application on Appendix 1's form (formation).
    ApplicationFormation,
    /// Application on Appendix 2's form certified by the penal institution.
    ApplicationConvicted,
    /// Application on Appendix 2-1's form (correction).
    ApplicationCorrection,
    /// Electronic request certified with the representative's EDS (portal).
    ElectronicRequest,
    /// The identity document (a valid foreign passport).
    IdentityDocument,
    /// Electronic copy of the identity document (portal).
    IdentityDocumentCopy,
    /// Notarized translation of the identity document.
    NotarizedTranslation,
    /// A copy of the identity document's translation (Order No. 22 of 2022: not
    /// notarized).
    TranslationCopy,
    /// Notarized power of attorney.
    PowerOfAttorney,
    /// Certificate of change of identifying data.
    ChangeCertificate,
    /// The document proving a legal representative's authority (a birth certificate, a
    /// guardianship decision).
    LegalRepresentativeProof,
}

impl DocumentKind {
    /// All documents.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::ApplicationFormation,
        DocumentKind::ApplicationConvicted,
        DocumentKind::ApplicationCorrection,
        DocumentKind::ElectronicRequest,
        DocumentKind::IdentityDocument,
        DocumentKind::IdentityDocumentCopy,
        DocumentKind::NotarizedTranslation,
        DocumentKind::TranslationCopy,
        DocumentKind::PowerOfAttorney,
        DocumentKind::ChangeCertificate,
        DocumentKind::LegalRepresentativeProof,
    ];

    /// The key used in files.
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::ApplicationFormation => "application_formation",
            DocumentKind::ApplicationConvicted => "application_convicted",
            DocumentKind::ApplicationCorrection => "application_correction",
            DocumentKind::ElectronicRequest => "electronic_request",
            DocumentKind::IdentityDocument => "identity_document",
            DocumentKind::IdentityDocumentCopy => "identity_document_copy",
            DocumentKind::NotarizedTranslation => "notarized_translation",
            DocumentKind::TranslationCopy => "translation_copy",
            DocumentKind::PowerOfAttorney => "power_of_attorney",
            DocumentKind::ChangeCertificate => "change_certificate",
            DocumentKind::LegalRepresentativeProof => "legal_representative_proof",
        }
    }

    /// The keys of all documents, for messages.
    pub const KEYS: &'static [&'static str] = &[
        "application_formation",
        "application_convicted",
        "application_correction",
        "electronic_request",
        "identity_document",
        "identity_document_copy",
        "notarized_translation",
        "translation_copy",
        "power_of_attorney",
        "change_certificate",
        "legal_representative_proof",
    ];

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.key() == key.trim())
    }

    /// The document's name as the receipt prints it (Kazakh after the seed).
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            DocumentKind::ApplicationFormation => Tr::new(
                "Қағидалардың 1-қосымшасына сәйкес нысан бойынша өтініш",
                "Заявление по форме согласно приложению 1 к Правилам",
                "Application on the form of Appendix 1 to the Rules",
            ),
            DocumentKind::ApplicationConvicted => Tr::new(
                "Қағидалардың 2-қосымшасына сәйкес нысан бойынша қылмыстық-атқару жүйесінің мекемесі куәландырған өтініш",
                "Заявление по форме согласно приложению 2 к Правилам, заверенное учреждением уголовно-исполнительной системы",
                "Application on the form of Appendix 2 to the Rules, certified by the penal institution",
            ),
            DocumentKind::ApplicationCorrection => Tr::new(
                "Қағидалардың 2-1-қосымшасына сәйкес нысан бойынша өтініш",
                "Заявление по форме согласно приложению 2-1 к Правилам",
                "Application on the form of Appendix 2-1 to the Rules",
            ),
            DocumentKind::ElectronicRequest => Tr::new(
                "Көрсетілетін қызметті алушы өкілінің ЭЦҚ-сымен куәландырылған электрондық сұрау салу",
                "Электронный запрос, удостоверенный ЭЦП представителя услугополучателя",
                "Electronic request certified with the representative's EDS",
            ),
            DocumentKind::IdentityDocument => Tr::new(
                "Жеке басты куәландыратын құжат (жарамды шетелдік паспорт)",
                "Документ, удостоверяющий личность (действительный заграничный паспорт)",
                "Identity document (a valid foreign passport)",
            ),
            DocumentKind::IdentityDocumentCopy => Tr::new(
                "Жеке басты куәландыратын құжаттың электрондық көшірмесі",
                "Электронная копия документа, удостоверяющего личность",
                "Electronic copy of the identity document",
            ),
            DocumentKind::NotarizedTranslation => Tr::new(
                "Құжат аудармасының нотариалды куәландырылған көшірмесі",
                "Нотариально засвидетельствованная копия перевода документа",
                "Notarized copy of the document's translation",
            ),
            DocumentKind::TranslationCopy => Tr::new(
                "Жеке басты куәландыратын құжат аудармасының көшірмесі",
                "Копия перевода документа, удостоверяющего личность",
                "Copy of the identity document's translation",
            ),
            DocumentKind::PowerOfAttorney => Tr::new(
                "Нотариалды куәландырылған сенімхат",
                "Нотариально удостоверенная доверенность",
                "Notarized power of attorney",
            ),
            DocumentKind::ChangeCertificate => Tr::new(
                "Анықтау деректерін ауыстыру туралы куәлік",
                "Свидетельство о перемене установочных данных",
                "Certificate of change of identifying data",
            ),
            DocumentKind::LegalRepresentativeProof => Tr::new(
                "Заңды өкілдің өкілеттігін растайтын құжат (туу туралы куәлік, қорғаншылық немесе қамқоршылық белгілеу туралы шешім)",
                "Документ, подтверждающий полномочия законного представителя (свидетельство о рождении, решение об установлении опеки или попечительства)",
                "Document proving a legal representative's authority (a birth certificate, a guardianship or trusteeship decision)",
            ),
        }
        .get(lang)
    }
}
