//! The service rules end to end through the form: validation tables, the checklist
//! matrix (kind × channel × representative × translation × expired document) and
//! messages in the three languages.

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::checklist::{Decision, DocumentKind, ExpiredDocument};
use iin_desk::domain::field::{Field, FieldError, Problem, Script};
use iin_desk::domain::form::{
    decision, validate, validate_record, CorrectionForm, InstitutionForm, RepresentativeForm,
    RequestForm,
};
use iin_desk::domain::identity::Parameter;
use iin_desk::domain::lang::Lang;
use proptest::prelude::*;
use uuid::Uuid;

#[path = "rules/eligibility.rs"]
mod eligibility;
#[path = "rules/representatives.rs"]
mod representatives;

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default()
}

fn id() -> Uuid {
    Uuid::from_u128(0x0b6f_0f3e_6a0c_4c56_9d43_2f7d_1c1a_0100)
}

/// A complete, valid formation at the counter.
fn base() -> RequestForm {
    let mut f = RequestForm {
        kind: "formation".into(),
        channel: "counter".into(),
        status: "accepted".into(),
        submitted_at: "2026-11-20T10:15:00".into(),
        ..RequestForm::default()
    };
    let a = &mut f.applicant;
    a.surname = "Testova".into();
    a.name = "Malika".into();
    a.surname_cyr = "Тестова".into();
    a.name_cyr = "Малика".into();
    a.birth_date = "12.08.1974".into();
    a.birth_place = "Tashkent".into();
    a.citizenship = "uzb".into();
    a.sex = "F".into();
    a.document_number = "fa 0000001".into();
    a.document_issue_date = "2020-03-01".into();
    a.document_expiry_date = "2030-02-28".into();
    a.document_issuing_country = "UZB".into();
    a.address = "Astana, Kabanbay batyr ave 1".into();
    a.phone = "+7 701 000 00 01".into();
    f.documents.insert("application_formation".into(), true);
    f.documents.insert("identity_document".into(), true);
    f
}

fn representative() -> RepresentativeForm {
    RepresentativeForm {
        full_name: "Сидоров Пётр Иванович".into(),
        document: "ID 000000003".into(),
        poa_number: "N-1234".into(),
        poa_date: "2026-11-01".into(),
        poa_notary: "Абенова А.А.".into(),
        poa_valid_until: "2027-11-01".into(),
        ..RepresentativeForm::default()
    }
}

#[track_caller]
fn check_errors(change: impl FnOnce(&mut RequestForm), expected: &[(Field, Problem)]) {
    let mut f = base();
    change(&mut f);
    let got = validate(&f, id(), now()).err().unwrap_or_default();
    let expected: Vec<FieldError> = expected
        .iter()
        .cloned()
        .map(|(f, p)| FieldError::new(f, p))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn the_base_form_is_valid_and_normalized() {
    let r = validate(&base(), id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    let i = &r.applicant.identity;
    assert_eq!(i.surname, "TESTOVA");
    assert_eq!(i.citizenship, "UZB");
    assert_eq!(
        i.birth_date,
        NaiveDate::from_ymd_opt(1974, 8, 12).unwrap_or_default()
    );
    assert_eq!(
        i.document.as_ref().map(|d| d.number.as_str()),
        Some("FA0000001")
    );
    assert_eq!(r.id, id());
}

#[test]
fn field_validation_table_birth_date() {
    use Field as F;
    use Problem as P;
    check_errors(
        |f| f.applicant.birth_date = "31.02.1990".into(),
        &[(F::BirthDate, P::NotADate)],
    );
    check_errors(
        |f| f.applicant.birth_date = "1990/01/01".into(),
        &[(F::BirthDate, P::NotADate)],
    );
    check_errors(
        |f| f.applicant.birth_date = "2026-11-21".into(),
        &[(F::BirthDate, P::InFuture)],
    );
    check_errors(
        |f| f.applicant.birth_date = "31.12.1899".into(),
        &[(F::BirthDate, P::BirthBefore1900)],
    );
    check_errors(
        |f| f.applicant.birth_date = String::new(),
        &[(F::BirthDate, P::Required)],
    );
}

/// The names: script, length, required.
#[test]
fn field_validation_table_names() {
    use Field as F;
    use Problem as P;
    check_errors(
        |f| f.applicant.surname = "Тестова".into(),
        &[(F::Surname, P::WrongScript(Script::Latin))],
    );
    check_errors(|f| f.applicant.surname = "O'Neil-Smith".into(), &[]);
    check_errors(
        |f| f.applicant.surname = "X".repeat(65),
        &[(F::Surname, P::TooLong { max: 64 })],
    );
    check_errors(|f| f.applicant.surname = "A".repeat(40), &[]);
    check_errors(
        |f| f.applicant.name_cyr = "Malika".into(),
        &[(F::NameCyrillic, P::WrongScript(Script::Cyrillic))],
    );
    check_errors(|f| f.applicant.surname_cyr = "Әбілқайырұлы".into(), &[]);
    check_errors(
        |f| f.applicant.surname = String::new(),
        &[(F::Surname, P::Required)],
    );
}

/// Citizenship, sex and the identity document.
#[test]
fn field_validation_table_identity() {
    use Field as F;
    use Problem as P;
    check_errors(
        |f| f.applicant.citizenship = "ZZZ".into(),
        &[(F::Citizenship, P::UnknownCountry)],
    );
    check_errors(|f| f.applicant.citizenship = "XXA".into(), &[]);
    check_errors(|f| f.applicant.sex = "X".into(), &[(F::Sex, P::NotASex)]);
    check_errors(|f| f.applicant.sex = "әйел".into(), &[]);
    check_errors(
        |f| f.applicant.document_number = "№ 123/45".into(),
        &[(F::DocumentNumber, P::NotADocumentNumber)],
    );
    check_errors(
        |f| f.applicant.document_issue_date = "2030-02-28".into(),
        &[(F::DocumentIssueDate, P::InFuture)],
    );
    check_errors(
        |f| {
            f.applicant.document_issue_date = "2020-03-01".into();
            f.applicant.document_expiry_date = "2020-03-01".into();
        },
        &[(F::DocumentIssueDate, P::IssueNotBeforeExpiry)],
    );
    check_errors(
        |f| f.applicant.document_expiry_date = "2026-11-19".into(),
        &[(
            F::DocumentExpiryDate,
            P::Expired {
                valid_until: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or_default(),
                on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            },
        )],
    );
    // Valid through the application day itself.
    check_errors(
        |f| f.applicant.document_expiry_date = "2026-11-20".into(),
        &[],
    );
}

/// Phone and address.
#[test]
fn field_validation_table_contact() {
    use Field as F;
    use Problem as P;
    check_errors(
        |f| f.applicant.phone = "123".into(),
        &[(F::Phone, P::NotAPhone)],
    );
    check_errors(|f| f.applicant.phone = String::new(), &[]);
    check_errors(
        |f| f.applicant.address = " ".into(),
        &[(F::Address, P::Required)],
    );
}

/// The request itself: submission time, kind, id, channel and representative.
#[test]
fn field_validation_table_request() {
    use Field as F;
    use Problem as P;
    check_errors(
        |f| f.submitted_at = "2026-11-26T09:00".into(),
        &[(F::SubmittedAt, P::InFuture)],
    );
    check_errors(
        |f| f.submitted_at = "yesterday".into(),
        &[(F::SubmittedAt, P::NotADateTime)],
    );
    // Before Order No. 22 of 2022, the first edition known: no rules to apply.
    check_errors(
        |f| f.submitted_at = "2022-01-10T10:00".into(),
        &[(F::SubmittedAt, P::NoEdition)],
    );
    // The edition of 2024 takes applications at the counter only.
    check_errors(
        |f| f.channel = "portal".into(),
        &[(F::Channel, P::NotAllowed)],
    );
    check_errors(
        |f| f.kind = "renewal".into(),
        &[(
            F::Kind,
            P::NotOneOf(&["formation", "formation_convicted", "correction"]),
        )],
    );
    check_errors(|f| f.id = "not-a-uuid".into(), &[(F::Id, P::NotAnId)]);
    check_errors(
        |f| {
            f.kind = "correction".into();
            f.channel = "portal".into();
            f.correction = Some(CorrectionForm {
                current_iin: "740812400014".into(),
                changes: [("surname".to_string(), "NEW".to_string())].into(),
            });
        },
        &[(F::Channel, P::NotAllowed)],
    );
    check_errors(
        |f| {
            f.representative = Some(RepresentativeForm {
                poa_date: "2026-13-01".into(),
                ..representative()
            });
        },
        &[(F::PowerOfAttorneyDate, P::NotADate)],
    );
    check_errors(
        |f| {
            f.representative = Some(RepresentativeForm {
                full_name: String::new(),
                ..representative()
            })
        },
        &[(F::RepresentativeName, P::Required)],
    );
}

fn correction(changes: &[(&str, &str)]) -> impl FnOnce(&mut RequestForm) {
    let changes: Vec<(String, String)> = changes
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |f: &mut RequestForm| {
        f.kind = "correction".into();
        f.correction = Some(CorrectionForm {
            current_iin: "740812400014".into(),
            changes: changes.into_iter().collect(),
        });
    }
}

#[test]
fn correction_table() {
    use Field as F;
    use Problem as P;
    check_errors(correction(&[("surname", "Newname")]), &[]);
    check_errors(correction(&[]), &[(F::Changes, P::NoChange)]);
    check_errors(
        correction(&[("surname", "  ")]),
        &[(F::Changes, P::NoChange)],
    );
    check_errors(
        correction(&[("surname", "TESTOVA")]),
        &[(F::Change(Parameter::Surname), P::SameAsCurrent)],
    );
    check_errors(
        correction(&[("birth_date", "12.08.1974")]),
        &[(F::Change(Parameter::BirthDate), P::SameAsCurrent)],
    );
    check_errors(
        correction(&[("birth_date", "30.02.1974")]),
        &[(F::Change(Parameter::BirthDate), P::NotADate)],
    );
    check_errors(
        correction(&[("citizenship", "QQQ")]),
        &[(F::Change(Parameter::Citizenship), P::UnknownCountry)],
    );
    check_errors(correction(&[("sex", "M"), ("citizenship", "KGZ")]), &[]);
    check_errors(
        correction(&[("eye_colour", "blue")]),
        &[
            (
                F::Changes,
                P::NotOneOf(&[
                    "surname",
                    "name",
                    "patronymic",
                    "birth_date",
                    "birth_place",
                    "citizenship",
                    "sex",
                    "document_number",
                    "document_issue_date",
                    "document_expiry_date",
                    "issuing_country",
                ]),
            ),
            (F::Changes, P::NoChange),
        ],
    );
    check_errors(
        |f| {
            correction(&[("surname", "NEW")])(f);
            if let Some(c) = f.correction.as_mut() {
                c.current_iin = "740812400015".into();
            }
        },
        &[(
            F::CurrentIin,
            P::Iin(iin_desk::domain::iin::IinError::CheckDigit {
                expected: 4,
                found: 5,
            }),
        )],
    );
    // A new passport makes an expired current document acceptable.
    check_errors(
        |f| {
            f.applicant.document_expiry_date = "2025-01-09".into();
            correction(&[
                ("document_number", "FA0000099"),
                ("document_expiry_date", "2035-01-04"),
            ])(f);
        },
        &[],
    );
}

#[test]
fn convicted_person_without_documents() {
    let mut f = base();
    f.kind = "formation_convicted".into();
    f.applicant.surname = String::new();
    f.applicant.name = String::new();
    f.applicant.name_cyr = "Рустам".into();
    f.applicant.document_number = String::new();
    f.applicant.document_issue_date = String::new();
    f.applicant.document_expiry_date = String::new();
    f.applicant.document_issuing_country = String::new();
    f.applicant.address = String::new();
    f.documents = [("application_convicted".to_string(), true)].into();
    let errs = validate(&f, id(), now()).err().unwrap_or_default();
    // The certifying institution is what the path needs; no representative (issue 15:
    // the order names none).
    assert_eq!(
        errs,
        vec![FieldError::new(Field::InstitutionName, Problem::Required)]
    );
    f.representative = Some(RepresentativeForm {
        full_name: "Жумабаев Ерлан".into(),
        document: "служебное удостоверение 0042".into(),
        ..RepresentativeForm::default()
    });
    f.institution = Some(InstitutionForm {
        name: "ЕЦ-166/1".into(),
        head: "Нурланов Б.К.".into(),
    });
    let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.applicant.identity.document, None);
    assert_eq!(decision(&r).map(|(_, d)| d), Some(Decision::Accept));
}

/// One row of the checklist matrix.
struct Case {
    kind: &'static str,
    channel: &'static str,
    representative: bool,
    latin_or_cyrillic: bool,
    expired_passport: bool,
    /// Submitted under Order No. 146 (2023), which has the portal, rather than under the
    /// edition of 2024 in force today (the counter only).
    in_2023: bool,
}

#[test]
fn checklist_matrix() {
    let mut rows = 0;
    for in_2023 in [true, false] {
        for kind in ["formation", "correction"] {
            for channel in ["counter", "portal"] {
                for representative in [false, true] {
                    for latin_or_cyrillic in [true, false] {
                        for expired_passport in [false, true] {
                            let case = Case {
                                kind,
                                channel,
                                representative,
                                latin_or_cyrillic,
                                expired_passport,
                                in_2023,
                            };
                            check_case(&case);
                            rows += 1;
                        }
                    }
                }
            }
        }
    }
    assert_eq!(rows, 64);
}

/// Checks one row of [`checklist_matrix`]: validation, then the checklist's decision with
/// nothing and with everything handed in.
fn check_case(c: &Case) {
    use DocumentKind as D;
    let mut f = base();
    f.kind = c.kind.into();
    f.channel = c.channel.into();
    f.applicant.document_has_latin_or_cyrillic = c.latin_or_cyrillic;
    if c.representative {
        f.representative = Some(representative());
    }
    if c.kind == "correction" {
        correction(&[("surname", "NEWNAME")])(&mut f);
    }
    // The passport expires (and, when expired, expired) a few weeks before the day.
    let expiry = if c.in_2023 {
        "2023-06-01"
    } else {
        "2026-11-01"
    };
    if c.in_2023 {
        f.submitted_at = "2023-06-20T10:15:00".into();
        if let Some(r) = f.representative.as_mut() {
            r.poa_date = "2023-06-01".into();
        }
        if !c.expired_passport {
            f.applicant.document_expiry_date = "2030-02-28".into();
        }
    }
    if c.expired_passport {
        f.applicant.document_expiry_date = expiry.into();
    }
    // Nothing handed in: the decision lists exactly the required documents.
    f.documents.clear();
    // 2023: the portal for a formation only; 2024: the counter only.
    let allowed = if c.in_2023 {
        !(c.kind == "correction" && c.channel == "portal")
    } else {
        c.channel == "counter"
    };
    let valid = validate(&f, id(), now());
    if !allowed {
        assert!(
            valid.is_err_and(|e| e.contains(&FieldError::new(Field::Channel, Problem::NotAllowed)))
        );
        return;
    }
    if c.expired_passport {
        // The field check reports the expired passport; the record is only
        // acceptable as a refusal to accept.
        assert!(matches!(
            valid.as_ref().err().map(|e| &e[0].problem),
            Some(Problem::Expired { .. })
        ));
    }
    let expected = required_documents(c);
    f.status = "refused_to_accept".into();
    let record = validate_record(&f, id(), now()).unwrap_or_else(|e| panic!("{:?}", e));
    assert_eq!(
        record.decision,
        Decision::RefuseToAccept {
            missing: expected.clone(),
            expired: vec![]
        }
    );

    // Everything handed in: accept, unless the passport has expired.
    for d in &expected {
        f.documents.insert(d.key().to_string(), true);
    }
    let expired = if c.expired_passport {
        vec![ExpiredDocument {
            document: if c.channel == "portal" {
                D::IdentityDocumentCopy
            } else {
                D::IdentityDocument
            },
            valid_until: NaiveDate::parse_from_str(expiry, "%Y-%m-%d").unwrap_or_default(),
        }]
    } else {
        vec![]
    };
    if c.expired_passport {
        let record = validate_record(&f, id(), now()).unwrap_or_else(|e| panic!("{:?}", e));
        assert_eq!(
            record.decision,
            Decision::RefuseToAccept {
                missing: vec![],
                expired
            }
        );
        f.status = "accepted".into();
        assert!(validate_record(&f, id(), now()).is_err());
    } else {
        f.status = "accepted".into();
        let record = validate_record(&f, id(), now()).unwrap_or_else(|e| panic!("{:?}", e));
        assert_eq!(record.decision, Decision::Accept);
        f.status = "refused_to_accept".into();
        assert!(
            validate_record(&f, id(), now()).is_err(),
            "a complete package cannot be refused"
        );
    }
}

/// The documents a row of [`checklist_matrix`] requires, in the checklist's order.
fn required_documents(c: &Case) -> Vec<DocumentKind> {
    use DocumentKind as D;
    let mut expected: Vec<D> = match (c.kind, c.channel) {
        ("formation", "counter") => vec![D::ApplicationFormation, D::IdentityDocument],
        ("formation", _) => vec![D::ElectronicRequest, D::IdentityDocumentCopy],
        _ => vec![D::ApplicationCorrection, D::IdentityDocument],
    };
    if !c.latin_or_cyrillic {
        expected.push(D::NotarizedTranslation);
    }
    match (c.kind, c.channel) {
        ("formation", "counter") => {
            if c.representative {
                expected.push(D::PowerOfAttorney);
            }
        }
        ("formation", _) => {
            if c.representative {
                expected.push(D::PowerOfAttorney);
            }
            expected.push(D::ChangeCertificate);
        }
        _ => {
            expected.push(D::ChangeCertificate);
            if c.representative {
                expected.push(D::PowerOfAttorney);
            }
        }
    }
    expected
}

#[test]
fn expired_power_of_attorney_is_listed() {
    let mut f = base();
    f.representative = Some(RepresentativeForm {
        poa_valid_until: "2026-11-19".into(),
        ..representative()
    });
    f.documents.insert("power_of_attorney".into(), true);
    let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        decision(&r).map(|(_, d)| d),
        Some(Decision::RefuseToAccept {
            missing: vec![],
            expired: vec![ExpiredDocument {
                document: DocumentKind::PowerOfAttorney,
                valid_until: NaiveDate::from_ymd_opt(2026, 11, 19).unwrap_or_default(),
            }],
        })
    );
}

#[test]
fn record_statuses() {
    let mut f = base();
    f.status = "draft".into();
    assert!(validate_record(&f, id(), now()).is_err_and(|e| e[0].field == Field::Status));
    f.status = "formed".into();
    assert!(validate_record(&f, id(), now())
        .is_err_and(|e| e.iter().any(|e| e.field == Field::ResultIin)));
    f.result = Some(iin_desk::domain::form::ResultForm {
        iin: "740812400014".into(),
        ..Default::default()
    });
    assert!(validate_record(&f, id(), now()).is_ok());
    f.status = "refused".into();
    assert!(validate_record(&f, id(), now())
        .is_err_and(|e| e.iter().any(|e| e.field == Field::RefusalGround)));
    f.result = Some(iin_desk::domain::form::ResultForm {
        ground: "iin_already_registered".into(),
        ..Default::default()
    });
    assert!(validate_record(&f, id(), now()).is_ok());
    // 15.3 is no ground for a correction.
    correction(&[("surname", "NEW")])(&mut f);
    f.documents.insert("application_correction".into(), true);
    f.documents.insert("change_certificate".into(), true);
    assert!(validate_record(&f, id(), now())
        .is_err_and(|e| e.iter().any(|e| e.field == Field::RefusalGround)));
}

#[test]
fn messages_name_the_field_in_three_languages() {
    let errors = [
        FieldError::new(Field::BirthDate, Problem::NotADate),
        FieldError::new(Field::Surname, Problem::WrongScript(Script::Latin)),
        FieldError::new(
            Field::Change(Parameter::DocumentNumber),
            Problem::SameAsCurrent,
        ),
        FieldError::new(Field::Citizenship, Problem::UnknownCountry),
        FieldError::new(Field::Changes, Problem::NoChange),
        FieldError::new(
            Field::DocumentExpiryDate,
            Problem::Expired {
                valid_until: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
                on: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap_or_default(),
            },
        ),
    ];
    let expected_starts = [
        ["«Туған күні»", "«Дата рождения»", "«Date of birth»"],
        [
            "«Тегі (латынша)»",
            "«Фамилия (латиницей)»",
            "«Surname (Latin)»",
        ],
        [
            "«Өзгерту: Құжат нөмірі»",
            "«Изменение: Номер документа»",
            "«Change: Document number»",
        ],
        ["«Азаматтығы»", "«Гражданство»", "«Citizenship»"],
        [
            "«Түзетілетін параметрлер»",
            "«Корректируемые параметры»",
            "«Parameters to correct»",
        ],
        [
            "«Құжаттың жарамдылық мерзімі»",
            "«Срок действия документа»",
            "«Document validity date»",
        ],
    ];
    for (e, starts) in errors.iter().zip(expected_starts) {
        for (lang, start) in Lang::ALL.iter().zip(starts) {
            let m = e.message(*lang);
            assert!(m.starts_with(start), "{m}");
            assert!(
                m.chars().count() > start.chars().count() + 10,
                "says what is expected: {m}"
            );
        }
    }
    let expired = errors[5].message(Lang::En);
    assert!(
        expired.contains("01.01.2026") && expired.contains("01.02.2026"),
        "{expired}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn import_validation_never_panics(json in "\\PC{0,400}") {
        if let Ok(forms) = serde_json::from_str::<Vec<RequestForm>>(&json) {
            for f in forms {
                let _ = validate_record(&f, id(), now());
            }
        }
    }

    #[test]
    fn any_field_text_never_panics(
        field in 0usize..17,
        text in "\\PC{0,80}",
        kind in prop::sample::select(vec!["formation", "formation_convicted", "correction", "x"]),
    ) {
        let mut f = base();
        f.kind = kind.into();
        f.correction = Some(CorrectionForm { current_iin: text.clone(), changes: [("birth_date".to_string(), text.clone())].into() });
        let a = &mut f.applicant;
        let slot = [
            &mut a.surname, &mut a.name, &mut a.patronymic, &mut a.surname_cyr, &mut a.name_cyr,
            &mut a.patronymic_cyr, &mut a.birth_date, &mut a.birth_place, &mut a.citizenship, &mut a.sex,
            &mut a.document_number, &mut a.document_issue_date, &mut a.document_expiry_date,
            &mut a.document_issuing_country, &mut a.address, &mut a.phone, &mut f.submitted_at,
        ];
        if let Some(s) = slot.into_iter().nth(field) {
            *s = text;
        }
        let _ = validate_record(&f, id(), now());
    }
}

/// A refusal to accept for a passport that expired long ago — before this edition of the
/// rules came into force — is a valid record (it used to fail with no error at all).
#[test]
fn a_refusal_for_a_passport_expired_before_the_edition_is_valid() {
    let mut f = base();
    f.applicant.document_issue_date = "2010-01-15".into();
    f.applicant.document_expiry_date = "2020-01-14".into();
    f.status = "refused_to_accept".into();
    for d in f.documents.values_mut() {
        *d = true;
    }
    let record = validate_record(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(matches!(
        record.decision,
        Decision::RefuseToAccept { ref expired, .. } if expired.len() == 1
    ));
    // Anything else wrong is still reported, with the field.
    f.applicant.surname = String::new();
    let errors = validate_record(&f, id(), now()).err().unwrap_or_default();
    assert!(!errors.is_empty(), "the errors are named");
}
