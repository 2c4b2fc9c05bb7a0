//! The applications: formation, convicted, correction, and an unprintable character.

use iin_desk::domain::lang::Lang;
use iin_desk::domain::request::{RequestKind, Status};
use iin_desk::pdf::{self, draft_record};
use uuid::Uuid;

use crate::support::*;

#[test]
fn the_formation_application_has_every_value() {
    // Printed before acceptance: from a draft form.
    let form = formation_form("draft");
    let rec = draft_record(&form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rec.status, Status::Draft);
    let bytes = pdf::application(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("application-formation", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "Өтініш",
            "Заявление",
            "Маған жеке сәйкестендіру нөмірін (ЖСН) қалыптастыруды сұраймын.",
            LONG_SURNAME,
            GIVEN_NAMES,
            SURNAME_CYR,
            NAME_CYR,
            "14.07.1990",
            BIRTH_PLACE,
            "C01X00T47",
            "01.03.2021",
            "28.02.2031",
            "Алматы қ., Әл-Фараби даңғылы, 77/8, 112-пәтер",
            "+7 701 000 00 01",
            "Сәрсенбаев Мұхтар Өмірұлы",
            "ЖК 000000003",
            "N-1234",
            "Нотариус Әбенова Ә.Ә.",
            "Нотариалды куәландырылған сенімхат",
            "Қағидалардың 1-қосымшасына сәйкес нысан бойынша өтініш",
            "5a1c2e4f-0000-4000-8000-000000000001",
            "Құжат берілген күн",
            "Құжаттың жарамдылық мерзімі",
        ],
    );
    // A draft with an expired passport still prints (the receipt will list it).
    let mut expired = form.clone();
    expired.applicant.document_expiry_date = "2026-05-01".into();
    expired.applicant.document_issue_date = "2016-05-02".into();
    let rec = draft_record(&expired, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(!rec.decision.is_accept());
    assert!(pdf::refusal_receipt(&rec, &ctx()).is_ok());
}

#[test]
fn the_convicted_application_has_the_certification_block() {
    let rec = record(&convicted_form());
    assert_eq!(rec.request.kind, RequestKind::FormationConvicted);
    let bytes = pdf::application(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("application-convicted", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "Қазақстан Республикасы сотының үкімі бойынша бас бостандығынан айыруға сотталған",
            "Ахмедов Рустам",
            "12.12.1988",
            "Душанбе",
            "(TJK)",
            "КУӘЛАНДЫРАМЫН",
            "УДОСТОВЕРЯЮ",
            "ҚР ІІМ ҚАЖК «ЕЦ-166/12» мекемесі",
            "Төлеуов Бауыржан Қайратұлы",
            "М.О.",
            "Жұмабаев Ерлан Серікұлы",
            "қызметтік куәлік № 0042",
        ],
    );
}

#[test]
fn the_correction_application_fills_only_the_changed_rows() {
    let rec = record(&correction_form("accepted"));
    let bytes = pdf::application(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("application-correction", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "қағидаларына 2-1-қосымша",
            "кімге",
            "(лауазымы, тегі және аты-жөні",
            "азаматы (-шасы)",
            "(қай мемлекеттің",
            "кімнен",
            "Ұлттық тізілімдерде",
            "(Т.А.Ә. (болған кезде), туған күні, ЖСН)",
            "айқындамалық деректеріне төменде көрсетілген параметрлерге сәйкес түзету жүргізуді сұраймын:",
            "ІІМ деректер базасындағы ағымдағы мәліметтер",
            "Өзгерту",
            "*кестеде тек түзету қажет параметрлерді көрсету",
            "740812400014",
            "12.08.1974",
            "EXAMPLEVA",
            "ABILKAIYROVA",
            "MP0000002",
            "MP0000099",
            "10.01.2015",
            "05.01.2025",
            "09.01.2025",
            "04.01.2035",
        ],
    );
    for p in iin_desk::domain::identity::Parameter::ALL {
        has(&text, p.label(Lang::Kk));
    }
    // Unchanged parameters are not filled in: the place of birth is printed nowhere.
    assert!(!text.contains("MINSK"), "{text}");
}

#[test]
fn an_unprintable_character_is_an_error_not_a_box() {
    let mut form = formation_form("accepted");
    form.applicant.address = "北京".into();
    let rec = record(&form);
    assert_eq!(
        pdf::application(&rec, &ctx()).map(|b| b.len()),
        Err(pdf::PdfError::UnprintableCharacter('北'))
    );
}
