//! Duplicate detection: the same person spelt, ordered or typed otherwise scores as a
//! candidate; different people do not.

use super::*;

struct Person {
    latin: [&'static str; 3],
    cyrillic: [&'static str; 3],
    birth: NaiveDate,
    citizenship: &'static str,
    sex: Sex,
    document: &'static str,
}

fn identity(p: &Person) -> Identity {
    let opt = |s: &str| Some(s.to_string()).filter(|s| !s.is_empty());
    Identity {
        surname: p.latin[0].into(),
        name: p.latin[1].into(),
        patronymic: opt(p.latin[2]),
        cyrillic: CyrillicName {
            surname: opt(p.cyrillic[0]),
            name: opt(p.cyrillic[1]),
            patronymic: opt(p.cyrillic[2]),
        },
        birth_date: p.birth,
        birth_place: "TASHKENT".into(),
        citizenship: p.citizenship.into(),
        sex: p.sex,
        document: Some(IdentityDocument {
            number: p.document.into(),
            issue_date: day(2020, 1, 1),
            expiry_date: day(2030, 1, 1),
            issuing_country: p.citizenship.into(),
            has_latin_or_cyrillic: true,
        }),
    }
}

fn base() -> Person {
    Person {
        latin: ["", "", ""],
        cyrillic: ["Жұмабаева", "Әлия", "Нұрланқызы"],
        birth: day(1990, 3, 14),
        citizenship: "UZB",
        sex: Sex::Female,
        document: "FA1234567",
    }
}

#[track_caller]
fn check(other: Person, min: u8, max: u8, reasons: &[Reason]) -> u8 {
    let a = identity(&base());
    let b = identity(&other);
    let m = compare(&a, &b);
    assert_eq!(compare(&b, &a).score, m.score, "compare is symmetric");
    assert!(
        (min..=max).contains(&m.score),
        "score {} not in {min}..={max}: {:?}",
        m.score,
        m.reasons
    );
    for r in reasons {
        assert!(m.reasons.contains(r), "{r:?} missing from {:?}", m.reasons);
    }
    m.score
}

#[test]
fn duplicate_detection_table() {
    // The same person, Cyrillic in the registry, Latin (two transliterations) on the form.
    let cyr_vs_latin = check(
        Person {
            latin: ["ZHUMABAEVA", "ALIYA", "NURLANKYZY"],
            cyrillic: ["", "", ""],
            ..base()
        },
        95,
        100,
        &[
            Reason::SameName,
            Reason::SameBirthDate,
            Reason::SameDocument,
        ],
    );
    let other_spelling = check(
        Person {
            latin: ["JUMABAYEVA", "ALIA", "NURLANQYZY"],
            cyrillic: ["", "", ""],
            ..base()
        },
        95,
        100,
        &[Reason::SameName],
    );
    // Given name and surname swapped.
    let swapped = check(
        Person {
            latin: ["ALIYA", "ZHUMABAEVA", "NURLANKYZY"],
            cyrillic: ["", "", ""],
            ..base()
        },
        95,
        100,
        &[Reason::SameName, Reason::NameOrderDiffers],
    );
    // One letter mistyped, and a new passport.
    let typo = check(
        Person {
            latin: ["ZHUMABAEVO", "ALIYA", "NURLANKYZY"],
            cyrillic: ["", "", ""],
            document: "FA7654321",
            ..base()
        },
        CANDIDATE_SCORE,
        94,
        &[Reason::SameBirthDate, Reason::DifferentDocument],
    );
    assert!(
        typo < cyr_vs_latin,
        "a typo scores lower than an exact match"
    );
    // Russian Cyrillic spelling of the Kazakh letters, birth date mistyped by a digit.
    check(
        Person {
            cyrillic: ["Жумабаева", "Алия", "Нурланкызы"],
            birth: day(1990, 3, 15),
            ..base()
        },
        CANDIDATE_SCORE,
        99,
        &[Reason::SameName, Reason::NearBirthDate],
    );
    // Different people with the same name and birth date: another citizenship and
    // document lower the score below every same-person case.
    let namesake = check(
        Person {
            latin: ["ZHUMABAEVA", "ALIYA", "NURLANKYZY"],
            citizenship: "KGZ",
            document: "ID0000042",
            ..base()
        },
        0,
        80,
        &[
            Reason::SameName,
            Reason::DifferentCitizenship,
            Reason::DifferentDocument,
        ],
    );
    for same_person in [cyr_vs_latin, other_spelling, swapped] {
        assert!(namesake < same_person, "{namesake} < {same_person}");
    }
    not_candidates_and_translations();
}

/// Cases that are not candidates at all, and the reasons' translations.
fn not_candidates_and_translations() {
    // Different names, same birth date and citizenship: not a candidate.
    check(
        Person {
            latin: ["TESTOVA", "MALIKA", "RUSTAMOVNA"],
            cyrillic: ["", "", ""],
            document: "FA0000001",
            ..base()
        },
        0,
        CANDIDATE_SCORE - 1,
        &[Reason::SameBirthDate],
    );
    // Same name, another sex, another birth date: not a candidate either.
    check(
        Person {
            latin: ["ZHUMABAEV", "ALI", "NURLANULY"],
            cyrillic: ["", "", ""],
            birth: day(1985, 7, 1),
            sex: Sex::Male,
            document: "FB0000009",
            ..base()
        },
        0,
        CANDIDATE_SCORE - 1,
        &[Reason::DifferentSex],
    );
    for r in [
        Reason::SameName,
        Reason::SimilarName(93),
        Reason::DifferentSex,
    ] {
        let texts: BTreeSet<String> = Lang::ALL.iter().map(|l| r.message(*l)).collect();
        assert_eq!(texts.len(), 3, "{r:?} has three distinct translations");
    }
}
