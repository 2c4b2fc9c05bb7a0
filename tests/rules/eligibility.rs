//! Who may apply and what no text field takes: tables through the form's validation
//! (the same for the window, `import` and the CLI).

use super::*;

#[test]
fn who_may_apply_by_citizenship() {
    use Field as F;
    use Problem as P;
    for (code, expected) in [
        ("KAZ", vec![(F::Citizenship, P::CitizenOfKazakhstan)]),
        (" kaz ", vec![(F::Citizenship, P::CitizenOfKazakhstan)]),
        ("XXA", vec![]),
        ("xxb", vec![]),
        ("XXC", vec![]),
        ("XXX", vec![]),
        ("UZB", vec![]),
        ("D", vec![]),
        ("ZZZ", vec![(F::Citizenship, P::UnknownCountry)]),
    ] {
        check_errors(|f| f.applicant.citizenship = code.into(), &expected);
    }
    // The country that issued the passport may be Kazakhstan (a stateless person's
    // travel document); only the citizenship decides.
    check_errors(|f| f.applicant.document_issuing_country = "KAZ".into(), &[]);
    // Nor may a correction make the applicant a citizen of Kazakhstan.
    check_errors(
        correction(&[("citizenship", "KAZ")]),
        &[(F::Change(Parameter::Citizenship), P::CitizenOfKazakhstan)],
    );
    check_errors(correction(&[("citizenship", "XXA")]), &[]);
}

#[test]
fn every_text_field_refuses_control_characters() {
    type Slot = fn(&mut RequestForm) -> &mut String;
    let slots: [(Field, Slot); 22] = [
        (Field::Surname, |f| &mut f.applicant.surname),
        (Field::Name, |f| &mut f.applicant.name),
        (Field::Patronymic, |f| &mut f.applicant.patronymic),
        (Field::SurnameCyrillic, |f| &mut f.applicant.surname_cyr),
        (Field::NameCyrillic, |f| &mut f.applicant.name_cyr),
        (Field::PatronymicCyrillic, |f| {
            &mut f.applicant.patronymic_cyr
        }),
        (Field::BirthDate, |f| &mut f.applicant.birth_date),
        (Field::BirthPlace, |f| &mut f.applicant.birth_place),
        (Field::Citizenship, |f| &mut f.applicant.citizenship),
        (Field::Sex, |f| &mut f.applicant.sex),
        (Field::DocumentNumber, |f| &mut f.applicant.document_number),
        (Field::DocumentIssueDate, |f| {
            &mut f.applicant.document_issue_date
        }),
        (Field::DocumentExpiryDate, |f| {
            &mut f.applicant.document_expiry_date
        }),
        (Field::IssuingCountry, |f| {
            &mut f.applicant.document_issuing_country
        }),
        (Field::Address, |f| &mut f.applicant.address),
        (Field::Phone, |f| &mut f.applicant.phone),
        (Field::SubmittedAt, |f| &mut f.submitted_at),
        (Field::Kind, |f| &mut f.kind),
        (Field::Channel, |f| &mut f.channel),
        (Field::Office, |f| &mut f.office),
        (Field::Counter, |f| &mut f.counter),
        (Field::Clerk, |f| &mut f.clerk),
    ];
    // NUL, escape, DEL, a C1 control; in one-line fields a tab and line breaks too. At
    // the end of the text as well as inside it (tidying would have hidden a tail).
    let controls = ['\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\t', '\n', '\r'];
    for (field, slot) in slots {
        for c in controls {
            for at_end in [false, true] {
                let mut f = base();
                let text = slot(&mut f);
                if at_end {
                    text.push(c);
                } else {
                    let second = text.char_indices().nth(1).map_or(0, |(i, _)| i);
                    text.insert(second, c);
                }
                let got = validate(&f, id(), now()).err().unwrap_or_default();
                assert_eq!(
                    got,
                    vec![FieldError::new(field, Problem::ControlCharacter(c))],
                    "{field:?} with {c:?}"
                );
            }
        }
    }
    // The representative's, the institution's and the correction's fields too.
    check_errors(
        |f| {
            f.representative = Some(RepresentativeForm {
                poa_notary: "Абенова\u{0}".into(),
                ..representative()
            })
        },
        &[(
            Field::PowerOfAttorneyNotary,
            Problem::ControlCharacter('\0'),
        )],
    );
    check_errors(
        correction(&[("surname", "NEW\tNAME")]),
        &[(
            Field::Change(Parameter::Surname),
            Problem::ControlCharacter('\t'),
        )],
    );
}

#[test]
fn the_operators_comment_may_hold_lines_but_no_other_control() {
    let formed = |comment: &str| {
        let mut f = base();
        f.status = "formed".into();
        f.result = Some(iin_desk::domain::form::ResultForm {
            iin: "740812400014".into(),
            comment: comment.into(),
            ..Default::default()
        });
        validate_record(&f, id(), now())
    };
    assert!(formed("line one\nline two\r\n\tindented").is_ok());
    assert_eq!(
        formed("bell\u{7}").err(),
        Some(vec![FieldError::new(
            Field::Comment,
            Problem::ControlCharacter('\u{7}')
        )])
    );
}

#[test]
fn the_new_messages_name_the_field_in_three_languages() {
    let table = [
        (
            FieldError::new(Field::Citizenship, Problem::CitizenOfKazakhstan),
            ["«Азаматтығы»", "«Гражданство»", "«Citizenship»"],
            "XXA",
        ),
        (
            FieldError::new(Field::BirthPlace, Problem::ControlCharacter('\0')),
            ["«Туған жері»", "«Место рождения»", "«Place of birth»"],
            "U+0000",
        ),
        (
            FieldError::new(Field::Office, Problem::ControlCharacter('\n')),
            ["«Бөлімше»", "«Отделение»", "«Office»"],
            "U+000A",
        ),
    ];
    for (error, starts, detail) in table {
        for (lang, start) in Lang::ALL.iter().zip(starts) {
            let m = error.message(*lang);
            assert!(m.starts_with(start) && m.contains(detail), "{m}");
        }
    }
}
