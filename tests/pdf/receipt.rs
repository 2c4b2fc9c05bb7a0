//! The receipt: the seed wording, two equal copies, none for an accepted package.

use iin_desk::pdf::{self, DocKind};

use crate::support::*;

#[test]
fn the_receipt_has_the_seed_wording_and_two_equal_copies() {
    let rec = record(&refused_to_accept_form());
    let bytes = pdf::refusal_receipt(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("receipt", &bytes);
    let text = text_of(&bytes);
    let c = ctx();
    has_all(
        &text,
        &[
            "қағидаларына 5-қосымша",
            "Құжаттарды қабылдаудан бас тарту туралы қолхат",
            "Расписка об отказе в приёме документов",
            "\"Мемлекеттік көрсетілетін қызметтер туралы\" Қазақстан Республикасының Заңының 19-бабын және 20-бабының 2-тармағын басшылыққа ала отырып",
            // The seed's slip ("толық топтамасын", the *complete* package) corrected to
            // say what the Russian says: the package is incomplete and/or expired.
            "мемлекеттік көрсетілетін қызметке қойылатын негізгі талаптардың тізбесіне сәйкес Сіздің құжаттардың толық емес топтамасын және (немесе) жарамдылық мерзімі өткен құжаттарды ұсынуыңызға байланысты",
            "ввиду представления Вами неполного пакета документов согласно перечню основных требований к оказанию государственной услуги и (или) документов с истёкшим сроком действия",
            "мемлекеттік қызметін көрсетуге құжаттар қабылдаудан бас тартады.",
            // The seed's own heading; the expired document is marked in its line.
            "Ұсынылмаған құжаттардың атауы:",
            "Наименование непредставленных документов:",
            "1) Қағидалардың 1-қосымшасына сәйкес нысан бойынша өтініш;",
            "2) Нотариалды куәландырылған сенімхат;",
            "3) Жеке басты куәландыратын құжат (жарамды шетелдік паспорт) (жарамдылық мерзімі өткен 01.05.2026).",
            "3) Документ, удостоверяющий личность (действительный заграничный паспорт) (истёк срок действия 01.05.2026).",
            "Осы қолхат 2 данада әрбір тарап үшін бір данадан жасалды.",
            "Көрсетілетін қызметті берушінің Т.А.Ә. (болған кезде)",
            "(қолы)",
            "Орындаушы: Т.А.Ә. (болған кезде)",
            "Телефон +7 7172 00 00 01",
            "Алдым: көрсетілетін қызметті алушының қолы/Т.А.Ә. (болған кезде)",
            // The applicant writes the day of receipt by hand.
            "20__ жылғы \"___\" _________",
            "\"___\" _________ 20__ г.",
            "(көрсетілетін қызметті алушының мекенжайы",
            "Алматы қ., Әл-Фараби даңғылы, 77/8, 112-пәтер",
            LONG_SURNAME,
            SURNAME_CYR,
            &c.office_name,
            &c.office_address,
            &c.clerk_name,
        ],
    );
    // Neither the slip, nor a heading of its own, nor a date filled in for the applicant.
    for slip in [
        "Сіздің құжаттардың толық топтамасын",
        "Ұсынылмаған және (немесе)",
        "2026 жылғы \"20\" қараша",
        "\"20\" ноября 2026 г.",
    ] {
        assert!(!words(&text).contains(slip), "{slip:?} printed");
    }
    // The two copies: one page each, equal but for the page number in the footer.
    let pages = page_texts(&bytes);
    assert_eq!(pages.len(), 2);
    let strip = |s: &str| {
        words(s)
            .split(" Қолхат / Расписка · ")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let (first, second) = (&pages[0], &pages[1]);
    assert_eq!(strip(first), strip(second));
    assert!(strip(first).contains("Алдым"));
}

#[test]
fn no_receipt_for_an_accepted_package() {
    let rec = record(&formation_form("accepted"));
    assert!(matches!(
        pdf::refusal_receipt(&rec, &ctx()),
        Err(pdf::PdfError::WrongStatus {
            document: DocKind::Receipt,
            ..
        })
    ));
}
