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
            "мемлекеттік көрсетілетін қызметке қойылатын негізгі талаптардың тізбесіне сәйкес Сіздің құжаттардың толық топтамасын және (немесе) жарамдылық мерзімі өткен құжаттарды ұсынуыңызға байланысты",
            "мемлекеттік қызметін көрсетуге құжаттар қабылдаудан бас тартады.",
            "Ұсынылмаған және (немесе) жарамдылық мерзімі өткен құжаттардың атауы:",
            "1) Қағидалардың 1-қосымшасына сәйкес нысан бойынша өтініш;",
            "2) Нотариалды куәландырылған сенімхат;",
            "3) Жеке басты куәландыратын құжат (жарамды шетелдік паспорт) (жарамдылық мерзімі өткен 01.05.2026).",
            "Осы қолхат 2 данада әрбір тарап үшін бір данадан жасалды.",
            "Көрсетілетін қызметті берушінің Т.А.Ә. (болған кезде)",
            "(қолы)",
            "Орындаушы: Т.А.Ә. (болған кезде)",
            "Телефон +7 7172 00 00 01",
            "Алдым: көрсетілетін қызметті алушының қолы/Т.А.Ә. (болған кезде)",
            "2026 жылғы \"20\" қараша",
            "\"20\" ноября 2026 г.",
            "(көрсетілетін қызметті алушының мекенжайы",
            "Алматы қ., Әл-Фараби даңғылы, 77/8, 112-пәтер",
            LONG_SURNAME,
            SURNAME_CYR,
            &c.office_name,
            &c.office_address,
            &c.clerk_name,
        ],
    );
    // The two copies: one page each, equal but for the page number in the footer.
    let pages = page_texts(&bytes);
    assert_eq!(pages.len(), 2);
    let strip = |s: &str| {
        words(s)
            .split(" iin-desk · receipt")
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
