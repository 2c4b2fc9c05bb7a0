//! Legal documents say only what is official: the forms whose text the order does not
//! give (Appendices 1 and 2, the certificate's body) carry no official corner, and no
//! printed document carries English or the program's name (the seal's payload aside,
//! which is the QR code's text that `verify` reads back).

use iin_desk::pdf::{self, Seal};

use crate::support::*;

/// Every document of the kit: its name, its bytes, whether its form is the order's.
fn documents() -> Vec<(&'static str, Vec<u8>, bool)> {
    let c = ctx();
    let print = |r: Result<Vec<u8>, pdf::PdfError>| r.unwrap_or_else(|e| panic!("{e}"));
    vec![
        (
            "application-formation",
            print(pdf::application(&record(&formation_form("accepted")), &c)),
            false,
        ),
        (
            "application-convicted",
            print(pdf::application(&record(&convicted_form()), &c)),
            false,
        ),
        (
            "application-correction",
            print(pdf::application(&record(&correction_form("accepted")), &c)),
            true,
        ),
        (
            "certificate",
            print(pdf::certificate(&record(&formed_form()), &c)),
            false,
        ),
        (
            "receipt",
            print(pdf::refusal_receipt(&record(&refused_to_accept_form()), &c)),
            true,
        ),
        (
            "refusal",
            print(pdf::reasoned_refusal(&record(&refused_form()), &c)),
            false,
        ),
    ]
}

#[test]
fn only_the_orders_forms_carry_the_appendix_corner() {
    for (name, bytes, official) in documents() {
        let text = words(&text_of(&bytes));
        let corner = text.contains("қағидаларына") || text.contains("Приложение");
        assert_eq!(corner, official, "{name}: corner {corner}\n{text}");
        let form = text.contains("Нысан / Форма");
        assert_eq!(form, official, "{name}: «Нысан / Форма» {form}");
    }
}

#[test]
fn no_english_and_no_program_name_on_a_printed_document() {
    let seal = Seal::for_record(&record(&formed_form()))
        .unwrap_or_else(|e| panic!("{e}"))
        .payload();
    for (name, bytes, _) in documents() {
        let text = text_of(&bytes).replace(&seal, "");
        let lower = text.to_lowercase();
        for word in [
            "iin-desk",
            "iin desk",
            "application",
            "receipt",
            "certificate",
            "refusal",
            "register",
            "verify",
        ] {
            assert!(!lower.contains(word), "{name}: {word:?} in\n{text}");
        }
        // The footer: the document's name in both languages, its id, the print time.
        let pages = page_texts(&bytes);
        for page in &pages {
            has(page, "20.11.2026 15:45");
        }
    }
}
