use super::*;
use crate::domain::checklist::{required_documents, Facts};
use crate::domain::request::Channel::{Counter, Portal};
use crate::domain::request::RepresentativeBasis;
use crate::domain::request::RequestKind::{Correction, Formation, FormationConvicted};
use DocumentKind as D;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

#[test]
fn the_edition_in_force_by_date() {
    let table = [
        ((2022, 1, 25), None),
        ((2022, 1, 26), Some("order-22-2022")),
        // Order No. 146 is in force from 25 February 2023, not the day before.
        ((2023, 2, 24), Some("order-22-2022")),
        ((2023, 2, 25), Some("order-146-2023")),
        ((2024, 3, 15), Some("order-146-2023")),
        ((2024, 3, 16), Some("amendment-2024")),
        // Today's applications follow the 2024 edition.
        ((2026, 11, 25), Some("amendment-2024")),
    ];
    for ((y, m, d), expected) in table {
        assert_eq!(
            edition_on(day(y, m, d)).map(|e| e.id),
            expected,
            "{y}-{m}-{d}"
        );
    }
    let dates: Vec<_> = EDITIONS.iter().map(Edition::effective_date).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert!(EDITIONS
        .iter()
        .all(|e| e.effective_date() != NaiveDate::MIN));
}

#[test]
fn channels_allowed_by_each_edition() {
    let table = [
        (&ORDER_22_2022, [true, true, false, false, false, false]),
        (&ORDER_146_2023, [true, true, true, false, true, false]),
        (&AMENDMENT_2024, [true, false, true, false, true, false]),
    ];
    for (edition, expected) in table {
        let got = [
            edition.allows(Formation, Counter),
            edition.allows(Formation, Portal),
            edition.allows(FormationConvicted, Counter),
            edition.allows(FormationConvicted, Portal),
            edition.allows(Correction, Counter),
            edition.allows(Correction, Portal),
        ];
        assert_eq!(got, expected, "{}", edition.id);
    }
}

#[track_caller]
fn documents(
    edition: &Edition,
    channel: Channel,
    representative: Option<RepresentativeBasis>,
    latin: bool,
) -> Vec<DocumentKind> {
    required_documents(
        edition,
        &Facts {
            kind: Formation,
            channel,
            representative,
            has_latin_or_cyrillic: latin,
        },
    )
}

#[test]
fn the_formation_documents_of_each_edition() {
    use RepresentativeBasis::PowerOfAttorney as Attorney;
    let table: [(&Edition, Channel, bool, bool, Vec<DocumentKind>); 6] = [
        // 2022: a copy of the translation, not a notarized one.
        (
            &ORDER_22_2022,
            Counter,
            true,
            false,
            vec![
                D::ApplicationFormation,
                D::IdentityDocument,
                D::TranslationCopy,
                D::PowerOfAttorney,
            ],
        ),
        (
            &ORDER_22_2022,
            Portal,
            true,
            true,
            vec![
                D::ElectronicRequest,
                D::IdentityDocumentCopy,
                D::PowerOfAttorney,
            ],
        ),
        (
            &ORDER_146_2023,
            Counter,
            false,
            false,
            vec![
                D::ApplicationFormation,
                D::IdentityDocument,
                D::NotarizedTranslation,
            ],
        ),
        (
            &ORDER_146_2023,
            Portal,
            false,
            true,
            vec![
                D::ElectronicRequest,
                D::IdentityDocumentCopy,
                D::ChangeCertificate,
            ],
        ),
        // 2024: a notarized translation, at the counter only.
        (
            &AMENDMENT_2024,
            Counter,
            true,
            false,
            vec![
                D::ApplicationFormation,
                D::IdentityDocument,
                D::NotarizedTranslation,
                D::PowerOfAttorney,
            ],
        ),
        (&AMENDMENT_2024, Portal, true, true, vec![]),
    ];
    for (edition, channel, attorney, latin, expected) in table {
        assert_eq!(
            documents(edition, channel, attorney.then_some(Attorney), latin),
            expected,
            "{} {channel:?}",
            edition.id
        );
    }
}

#[test]
fn which_fields_the_zone_fills() {
    for edition in [&ORDER_22_2022, &ORDER_146_2023] {
        for f in [
            Field::Surname,
            Field::BirthDate,
            Field::Citizenship,
            Field::Sex,
        ] {
            assert!(edition.mrz_fills(f), "{} {f:?}", edition.id);
        }
    }
    // 2024: the names and the document from the zone; the date of birth and the
    // citizenship from the visual zone; the place of birth is in no zone.
    let e = &AMENDMENT_2024;
    for f in [
        Field::Surname,
        Field::Name,
        Field::Sex,
        Field::DocumentNumber,
        Field::DocumentExpiryDate,
        Field::IssuingCountry,
    ] {
        assert!(e.mrz_fills(f), "{f:?}");
    }
    for f in [Field::BirthDate, Field::BirthPlace, Field::Citizenship] {
        assert!(!e.mrz_fills(f), "{f:?}");
    }
    assert!(EDITIONS.iter().all(|e| !e.mrz_fills(Field::BirthPlace)));
}

#[test]
fn grounds_limits_and_names() {
    for e in EDITIONS {
        let formation: Vec<u8> = e.grounds_for(Formation).map(|g| g.item).collect();
        let correction: Vec<u8> = e.grounds_for(Correction).map(|g| g.item).collect();
        assert_eq!(formation, [1, 2, 3], "{}", e.id);
        assert_eq!(correction, [1, 2], "{}", e.id);
        assert_eq!(e.limits.max_waiting_minutes, 15);
        assert_eq!(e.limits.max_service_minutes, 20);
        assert_eq!(e.limits.result_working_days, 1);
        assert_eq!(e.texts.refusal_paragraph, 15);
        let names = Lang::ALL.map(|l| e.name(l));
        assert!(names.iter().all(|n| !n.is_empty()) && names[0] != names[1]);
        for t in [e.texts.service, e.texts.receipt_body, e.texts.corner] {
            assert!(!t.kk.is_empty() && !t.ru.is_empty() && t.kk != t.ru);
        }
    }
    assert_eq!(AMENDMENT_2024.start_text(), "16.03.2024");
    let confirmed: Vec<bool> = EDITIONS.iter().map(|e| e.start_confirmed).collect();
    // Order No. 22's and the 2024 edition's start dates are to be confirmed.
    assert_eq!(confirmed, [false, true, false]);
    assert_eq!(ORDER_22_2022.texts.correction_appendix, None);
    assert_eq!(ORDER_146_2023.texts.correction_appendix, Some("2-1"));
    assert!(ORDER_146_2023
        .ground(RefusalGround::DataNotCompliant)
        .is_some());
}

#[test]
fn the_result_term_and_the_waiting_limit_come_from_the_limits() {
    let calendar = WorkingCalendar::new([]);
    // Monday 2 March 2026, 10:00.
    let monday = day(2026, 3, 2).and_hms_opt(10, 0, 0).unwrap_or_default();
    let one = ORDER_146_2023.limits;
    assert_eq!(
        one.result_deadline(&calendar, monday),
        calendar.service_deadline(monday)
    );
    let two = Limits {
        result_working_days: 2,
        ..one
    };
    let due = two.result_deadline(&calendar, monday);
    assert_eq!(due.received_on, day(2026, 3, 2));
    assert_eq!(due.due, day(2026, 3, 4).and_time(PROVIDER_CLOSES));
    // Friday: two working days are Monday and Tuesday.
    let friday = day(2026, 4, 10).and_hms_opt(11, 0, 0).unwrap_or_default();
    assert_eq!(
        two.result_deadline(&calendar, friday).due,
        day(2026, 4, 14).and_time(PROVIDER_CLOSES)
    );
    assert!(!one.waiting_exceeded(Duration::minutes(15)));
    assert!(one.waiting_exceeded(Duration::minutes(15) + Duration::seconds(1)));
}

static TWO_EDITIONS: [Edition; 2] = [
    ORDER_146_2023,
    Edition {
        id: "test-later",
        effective_from: (2024, 3, 10),
        ..AMENDMENT_2024
    },
];

#[test]
fn a_later_edition_among_others() {
    assert_eq!(
        edition_among(&TWO_EDITIONS, day(2024, 3, 9)).map(|e| e.id),
        Some("order-146-2023")
    );
    let later = edition_among(&TWO_EDITIONS, day(2024, 3, 10));
    assert_eq!(later.map(|e| e.id), Some("test-later"));
    assert_eq!(later.map(|e| e.allows(Formation, Portal)), Some(false));
    assert_eq!(edition_among(&TWO_EDITIONS, day(2023, 2, 24)), None);
}
