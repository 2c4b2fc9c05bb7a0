//! The document checklist of the service standard (Appendix 3, item 8) and the clerk's
//! decision: accept the package, or refuse to accept it with the exact list of missing
//! and expired documents that the refusal receipt prints.
//!
//! The rules change by edition: the document rows are the data of each [`Edition`]
//! (`domain::edition`), and [`edition_on`] picks the one in force on the application's
//! date.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::lang::{Lang, Tr};
use super::request::{Channel, RepresentativeBasis, RequestKind};

pub use super::document::DocumentKind;
pub use super::edition::{
    edition_among, edition_on, Condition, Edition, Requirement, EDITIONS, ORDER_146_2023,
};

/// The facts about a request that decide which documents it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    /// Request kind.
    pub kind: RequestKind,
    /// Channel.
    pub channel: Channel,
    /// The ground a representative acts on, if one applies (the penal institution's
    /// officer on a convicted person's request is none: `None`).
    pub representative: Option<RepresentativeBasis>,
    /// Whether the identity document carries the identifying data in Cyrillic or Latin.
    pub has_latin_or_cyrillic: bool,
}

/// The documents `facts` require under `edition`, in the standard's order.
pub fn required_documents(edition: &Edition, facts: &Facts) -> Vec<DocumentKind> {
    edition
        .requirements
        .iter()
        .filter(|r| r.kind == facts.kind && r.channel == facts.channel)
        .filter(|r| match r.condition {
            Condition::Always => true,
            Condition::IfAttorney => {
                facts.representative == Some(RepresentativeBasis::PowerOfAttorney)
            }
            Condition::IfLegalRepresentative => {
                facts.representative == Some(RepresentativeBasis::LegalRepresentative)
            }
            Condition::IfNoLatinOrCyrillic => !facts.has_latin_or_cyrillic,
        })
        .map(|r| r.document)
        .collect()
}

/// A document whose validity ended before the application day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpiredDocument {
    /// The document.
    pub document: DocumentKind,
    /// Its last day of validity.
    pub valid_until: NaiveDate,
}

/// The clerk's decision on the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// The package is complete and in date.
    Accept,
    /// Refuse to accept (Law "On public services", art. 20(2)); the receipt lists these.
    RefuseToAccept {
        /// Required documents not handed in, in the standard's order.
        missing: Vec<DocumentKind>,
        /// Handed-in documents whose validity has ended.
        expired: Vec<ExpiredDocument>,
    },
}

impl Decision {
    /// Whether the package can be accepted.
    pub fn is_accept(&self) -> bool {
        matches!(self, Decision::Accept)
    }

    /// The numbered lines the refusal receipt prints, in `lang`.
    pub fn receipt_lines(&self, lang: Lang) -> Vec<String> {
        let Decision::RefuseToAccept { missing, expired } = self else {
            return Vec::new();
        };
        let expired_word =
            Tr::new("жарамдылық мерзімі өткен", "истёк срок действия", "expired").get(lang);
        missing
            .iter()
            .map(|d| d.name(lang).to_string())
            .chain(expired.iter().map(|e| {
                format!(
                    "{} ({expired_word} {})",
                    e.document.name(lang),
                    e.valid_until.format("%d.%m.%Y")
                )
            }))
            .collect()
    }
}

/// Decides on a package: `provided` is what the clerk confirmed, `valid_until` the
/// validity dates of documents that have one, `on` the application day. A document
/// valid until `on` inclusive is in date.
pub fn decide(
    required: &[DocumentKind],
    provided: &BTreeMap<DocumentKind, bool>,
    valid_until: &BTreeMap<DocumentKind, NaiveDate>,
    on: NaiveDate,
) -> Decision {
    let mut missing = Vec::new();
    let mut expired = Vec::new();
    for doc in required {
        if !provided.get(doc).copied().unwrap_or(false) {
            missing.push(*doc);
        } else if let Some(until) = valid_until.get(doc).filter(|u| **u < on) {
            expired.push(ExpiredDocument {
                document: *doc,
                valid_until: *until,
            });
        }
    }
    if missing.is_empty() && expired.is_empty() {
        Decision::Accept
    } else {
        Decision::RefuseToAccept { missing, expired }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Channel::{Counter, Portal};
    use RequestKind::{Correction, Formation, FormationConvicted};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[track_caller]
    fn check_required(
        kind: RequestKind,
        channel: Channel,
        rep: bool,
        latin: bool,
        expected: &[DocumentKind],
    ) {
        let facts = Facts {
            kind,
            channel,
            representative: rep.then_some(RepresentativeBasis::PowerOfAttorney),
            has_latin_or_cyrillic: latin,
        };
        assert_eq!(
            required_documents(&ORDER_146_2023, &facts),
            expected,
            "{facts:?}"
        );
    }

    #[test]
    fn required_documents_for_a_formation() {
        use DocumentKind::*;
        let t = [
            (
                Formation,
                Counter,
                false,
                true,
                vec![ApplicationFormation, IdentityDocument],
            ),
            (
                Formation,
                Counter,
                true,
                true,
                vec![ApplicationFormation, IdentityDocument, PowerOfAttorney],
            ),
            (
                Formation,
                Counter,
                false,
                false,
                vec![ApplicationFormation, IdentityDocument, NotarizedTranslation],
            ),
            (
                Formation,
                Counter,
                true,
                false,
                vec![
                    ApplicationFormation,
                    IdentityDocument,
                    NotarizedTranslation,
                    PowerOfAttorney,
                ],
            ),
            (
                Formation,
                Portal,
                false,
                true,
                vec![ElectronicRequest, IdentityDocumentCopy, ChangeCertificate],
            ),
            (
                Formation,
                Portal,
                true,
                false,
                vec![
                    ElectronicRequest,
                    IdentityDocumentCopy,
                    NotarizedTranslation,
                    PowerOfAttorney,
                    ChangeCertificate,
                ],
            ),
        ];
        for (kind, channel, rep, latin, expected) in t {
            check_required(kind, channel, rep, latin, &expected);
        }
    }

    #[test]
    fn required_documents_for_a_convicted_person_and_a_correction() {
        use DocumentKind::*;
        let t = [
            (
                FormationConvicted,
                Counter,
                true,
                true,
                vec![ApplicationConvicted],
            ),
            (
                FormationConvicted,
                Counter,
                true,
                false,
                vec![ApplicationConvicted],
            ),
            (
                Correction,
                Counter,
                false,
                true,
                vec![ApplicationCorrection, IdentityDocument, ChangeCertificate],
            ),
            (
                Correction,
                Counter,
                true,
                true,
                vec![
                    ApplicationCorrection,
                    IdentityDocument,
                    ChangeCertificate,
                    PowerOfAttorney,
                ],
            ),
            (
                Correction,
                Counter,
                true,
                false,
                vec![
                    ApplicationCorrection,
                    IdentityDocument,
                    NotarizedTranslation,
                    ChangeCertificate,
                    PowerOfAttorney,
                ],
            ),
            // Not allowed channels require nothing: the request itself is rejected.
            (Correction, Portal, false, true, vec![]),
            (FormationConvicted, Portal, false, true, vec![]),
        ];
        for (kind, channel, rep, latin, expected) in t {
            check_required(kind, channel, rep, latin, &expected);
        }
    }

    #[test]
    fn a_legal_representative_shows_the_proof_not_a_power_of_attorney() {
        use DocumentKind::*;
        use RepresentativeBasis::{LegalRepresentative, PowerOfAttorney as Attorney};
        let table = [
            (
                Formation,
                Counter,
                None,
                vec![ApplicationFormation, IdentityDocument],
            ),
            (
                Formation,
                Counter,
                Some(LegalRepresentative),
                vec![
                    ApplicationFormation,
                    IdentityDocument,
                    LegalRepresentativeProof,
                ],
            ),
            (
                Formation,
                Counter,
                Some(Attorney),
                vec![ApplicationFormation, IdentityDocument, PowerOfAttorney],
            ),
            (
                Formation,
                Portal,
                Some(LegalRepresentative),
                vec![
                    ElectronicRequest,
                    IdentityDocumentCopy,
                    LegalRepresentativeProof,
                    ChangeCertificate,
                ],
            ),
            (
                Correction,
                Counter,
                Some(LegalRepresentative),
                vec![
                    ApplicationCorrection,
                    IdentityDocument,
                    ChangeCertificate,
                    LegalRepresentativeProof,
                ],
            ),
            // The convicted person's certified application is the one document.
            (
                FormationConvicted,
                Counter,
                Some(LegalRepresentative),
                vec![ApplicationConvicted],
            ),
        ];
        for (kind, channel, representative, expected) in table {
            let facts = Facts {
                kind,
                channel,
                representative,
                has_latin_or_cyrillic: true,
            };
            assert_eq!(
                required_documents(&ORDER_146_2023, &facts),
                expected,
                "{facts:?}"
            );
        }
    }

    #[track_caller]
    fn check_decision(
        required: &[DocumentKind],
        provided: &[DocumentKind],
        validity: &[(DocumentKind, NaiveDate)],
        expected: Decision,
    ) {
        let provided: BTreeMap<_, _> = provided.iter().map(|d| (*d, true)).collect();
        let validity: BTreeMap<_, _> = validity.iter().copied().collect();
        assert_eq!(
            decide(required, &provided, &validity, day(2024, 5, 6)),
            expected
        );
    }

    #[test]
    fn decision_table() {
        use DocumentKind::*;
        let req = [ApplicationFormation, IdentityDocument, PowerOfAttorney];
        check_decision(
            &req,
            &req,
            &[(IdentityDocument, day(2030, 1, 1))],
            Decision::Accept,
        );
        // Valid through the application day itself.
        check_decision(
            &req,
            &req,
            &[(IdentityDocument, day(2024, 5, 6))],
            Decision::Accept,
        );
        check_decision(
            &req,
            &req,
            &[
                (IdentityDocument, day(2024, 5, 5)),
                (PowerOfAttorney, day(2024, 1, 1)),
            ],
            Decision::RefuseToAccept {
                missing: vec![],
                expired: vec![
                    ExpiredDocument {
                        document: IdentityDocument,
                        valid_until: day(2024, 5, 5),
                    },
                    ExpiredDocument {
                        document: PowerOfAttorney,
                        valid_until: day(2024, 1, 1),
                    },
                ],
            },
        );
        check_decision(
            &req,
            &[IdentityDocument],
            &[(IdentityDocument, day(2020, 1, 1))],
            Decision::RefuseToAccept {
                missing: vec![ApplicationFormation, PowerOfAttorney],
                expired: vec![ExpiredDocument {
                    document: IdentityDocument,
                    valid_until: day(2020, 1, 1),
                }],
            },
        );
        // A missing document is reported missing, not expired.
        check_decision(
            &req,
            &[ApplicationFormation, PowerOfAttorney],
            &[(IdentityDocument, day(2020, 1, 1))],
            Decision::RefuseToAccept {
                missing: vec![IdentityDocument],
                expired: vec![],
            },
        );
        check_decision(&[], &[], &[], Decision::Accept);
    }

    #[test]
    fn receipt_lines_in_three_languages() {
        let d = Decision::RefuseToAccept {
            missing: vec![DocumentKind::PowerOfAttorney],
            expired: vec![ExpiredDocument {
                document: DocumentKind::IdentityDocument,
                valid_until: day(2024, 5, 5),
            }],
        };
        assert_eq!(
            d.receipt_lines(Lang::Kk),
            vec![
                "Нотариалды куәландырылған сенімхат".to_string(),
                "Жеке басты куәландыратын құжат (жарамды шетелдік паспорт) (жарамдылық мерзімі өткен 05.05.2024)".to_string()
            ]
        );
        assert!(d.receipt_lines(Lang::Ru)[1].contains("истёк срок действия 05.05.2024"));
        assert!(Decision::Accept.receipt_lines(Lang::En).is_empty());
        for doc in DocumentKind::ALL {
            let names: Vec<_> = Lang::ALL.iter().map(|l| doc.name(*l)).collect();
            assert!(names.iter().all(|n| !n.is_empty()));
            assert_ne!(names[0], names[1]);
            assert_eq!(DocumentKind::from_key(doc.key()), Some(doc));
            assert!(DocumentKind::KEYS.contains(&doc.key()));
        }
    }
}
