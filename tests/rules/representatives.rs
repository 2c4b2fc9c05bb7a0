//! The convicted person's path, the two kinds of representative, and corrections of a
//! name in either script: tables through the form's validation and the checklist.

use iin_desk::domain::request::RepresentativeBasis;

use super::*;

/// The errors a form should give, by field.
type Errors = Vec<(Field, Problem)>;

/// A change to a form.
type Change = fn(&mut RequestForm);

/// A convicted person without documents, certified by the institution: nothing else.
fn convicted() -> RequestForm {
    let mut f = base();
    f.kind = "formation_convicted".into();
    f.applicant.surname = String::new();
    f.applicant.name = String::new();
    f.applicant.document_number = String::new();
    f.applicant.document_issue_date = String::new();
    f.applicant.document_expiry_date = String::new();
    f.applicant.document_issuing_country = String::new();
    f.applicant.address = String::new();
    f.documents = [("application_convicted".to_string(), true)].into();
    f.institution = Some(InstitutionForm {
        name: "ЕЦ-166/1".into(),
        head: String::new(),
    });
    f
}

#[test]
fn the_convicted_path_needs_the_institution_and_no_identity_document() {
    use Field as F;
    use Problem as P;
    let f = convicted();
    let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(r.representative, None);
    assert_eq!(r.institution.map(|i| i.head), Some(String::new()));
    assert_eq!(r.applicant.identity.document, None);
    let table: [(Change, Errors); 6] = [
        (|_| {}, vec![]),
        (
            |f| f.institution = None,
            vec![(F::InstitutionName, P::Required)],
        ),
        (
            |f| f.applicant.document_number = "FA0000001".into(),
            vec![(F::DocumentNumber, P::NoDocumentExpected)],
        ),
        (
            |f| {
                f.applicant.document_issue_date = "2020-03-01".into();
                f.applicant.document_issuing_country = "UZB".into();
            },
            vec![
                (F::DocumentIssueDate, P::NoDocumentExpected),
                (F::IssuingCountry, P::NoDocumentExpected),
            ],
        ),
        // The institution's officer brings the application: no proof, no power.
        (
            |f| {
                f.representative = Some(RepresentativeForm {
                    full_name: "Жумабаев Ерлан".into(),
                    document: "служебное удостоверение 0042".into(),
                    ..RepresentativeForm::default()
                })
            },
            vec![],
        ),
        (
            |f| f.applicant.citizenship = "KAZ".into(),
            vec![(F::Citizenship, P::CitizenOfKazakhstan)],
        ),
    ];
    for (change, expected) in table {
        let mut f = convicted();
        change(&mut f);
        let got = validate(&f, id(), now()).err().unwrap_or_default();
        let expected: Vec<FieldError> = expected
            .into_iter()
            .map(|(f, p)| FieldError::new(f, p))
            .collect();
        assert_eq!(got, expected);
    }
}

/// A parent or guardian, with the document that proves it.
fn legal_representative() -> RepresentativeForm {
    RepresentativeForm {
        full_name: "Тестова Гүлнар".into(),
        document: "FA0000002".into(),
        basis: "legal_representative".into(),
        legal_document: "туу туралы куәлік № 123456".into(),
        ..RepresentativeForm::default()
    }
}

#[test]
fn a_representative_is_a_legal_one_or_one_by_power_of_attorney() {
    use Field as F;
    use Problem as P;
    let table: [(
        RepresentativeForm,
        Result<Option<RepresentativeBasis>, Errors>,
    ); 8] = [
        (
            legal_representative(),
            Ok(Some(RepresentativeBasis::LegalRepresentative)),
        ),
        // Without a basis: the proof alone says legal representative …
        (
            RepresentativeForm {
                basis: String::new(),
                ..legal_representative()
            },
            Ok(Some(RepresentativeBasis::LegalRepresentative)),
        ),
        // … and a power of attorney says representative by power of attorney.
        (
            representative(),
            Ok(Some(RepresentativeBasis::PowerOfAttorney)),
        ),
        (
            RepresentativeForm {
                basis: "power_of_attorney".into(),
                ..representative()
            },
            Ok(Some(RepresentativeBasis::PowerOfAttorney)),
        ),
        (
            RepresentativeForm {
                legal_document: String::new(),
                ..legal_representative()
            },
            Err(vec![(F::LegalRepresentativeDocument, P::Required)]),
        ),
        // A power of attorney typed for a legal representative is not dropped silently.
        (
            RepresentativeForm {
                poa_number: "N-1".into(),
                ..legal_representative()
            },
            Err(vec![(F::PowerOfAttorneyNumber, P::NotAllowed)]),
        ),
        (
            RepresentativeForm {
                basis: "power_of_attorney".into(),
                ..legal_representative()
            },
            Err(vec![
                (F::LegalRepresentativeDocument, P::NotAllowed),
                (F::PowerOfAttorneyNumber, P::Required),
                (F::PowerOfAttorneyDate, P::Required),
                (F::PowerOfAttorneyNotary, P::Required),
            ]),
        ),
        (
            RepresentativeForm {
                basis: "parent".into(),
                ..legal_representative()
            },
            Err(vec![(
                F::RepresentativeBasis,
                P::NotOneOf(RepresentativeBasis::KEYS),
            )]),
        ),
    ];
    for (rep, expected) in table {
        let mut f = base();
        f.representative = Some(rep.clone());
        let got = validate(&f, id(), now())
            .map(|r| r.representative.and_then(|r| r.basis))
            .map_err(|e| {
                e.into_iter()
                    .map(|e| (e.field, e.problem))
                    .collect::<Vec<_>>()
            });
        assert_eq!(got, expected, "{rep:?}");
    }
}

#[test]
fn the_checklist_asks_each_representative_for_their_own_document() {
    use DocumentKind as D;
    for (rep, document) in [
        (legal_representative(), D::LegalRepresentativeProof),
        (representative(), D::PowerOfAttorney),
    ] {
        let mut f = base();
        f.representative = Some(rep);
        let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            decision(&r).map(|(required, _)| required),
            Some(vec![D::ApplicationFormation, D::IdentityDocument, document])
        );
        assert_eq!(
            decision(&r).map(|(_, d)| d),
            Some(Decision::RefuseToAccept {
                missing: vec![document],
                expired: vec![],
            })
        );
        f.documents.insert(document.key().into(), true);
        let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(decision(&r).map(|(_, d)| d), Some(Decision::Accept));
    }
}

#[test]
fn a_name_is_corrected_in_either_script() {
    use Field as F;
    use Problem as P;
    let surname = F::Change(Parameter::Surname);
    check_errors(correction(&[("surname", "ABILKAIYROVA")]), &[]);
    check_errors(correction(&[("surname", "Әбілқайырова")]), &[]);
    check_errors(correction(&[("name", "Мәлика")]), &[]);
    check_errors(correction(&[("patronymic", "Рустамқызы")]), &[]);
    // The current Cyrillic spelling is "Тестова".
    check_errors(
        correction(&[("surname", "Тестова")]),
        &[(surname, P::SameAsCurrent)],
    );
    // One script per value.
    check_errors(
        correction(&[("surname", "Тестоva")]),
        &[(surname, P::WrongScript(Script::Cyrillic))],
    );
    check_errors(
        correction(&[("surname", "TESTOVA2")]),
        &[(surname, P::WrongScript(Script::Latin))],
    );
    // A Cyrillic value corrects the Cyrillic spelling, a Latin one the passport's.
    let mut f = base();
    correction(&[("surname", "Әбілқайырова"), ("name", "MALIKAH")])(&mut f);
    let r = validate(&f, id(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    let after = r.identity_after();
    assert_eq!(after.cyrillic.surname.as_deref(), Some("Әбілқайырова"));
    assert_eq!(after.surname, "TESTOVA");
    assert_eq!(after.name, "MALIKAH");
    assert_eq!(after.cyrillic.name.as_deref(), Some("Малика"));
}
