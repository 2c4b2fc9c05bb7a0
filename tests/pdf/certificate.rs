//! The certificate: every value, after a correction, only for formed requests.

use iin_desk::domain::lang::Lang;
use iin_desk::domain::request::Status;
use iin_desk::pdf::{self, read_certificate, verify, DocKind, Seal};

use crate::support::*;

#[test]
fn the_certificate_prints_every_value_and_its_seal() {
    let rec = record(&formed_form());
    let bytes = pdf::certificate(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("certificate", &bytes);
    let text = text_of(&bytes);
    let c = ctx();
    has_all(
        &text,
        &[
            "ТІРКЕУ КУӘЛІГІ",
            "РЕГИСТРАЦИОННОЕ СВИДЕТЕЛЬСТВО",
            "Жеке сәйкестендіру нөмірі (ЖСН)",
            &issued_iin(),
            LONG_SURNAME,
            GIVEN_NAMES,
            "KONSTANTINOVNA",
            SURNAME_CYR,
            NAME_CYR,
            "Қонстантинқызы",
            "14.07.1990",
            BIRTH_PLACE,
            "әйел / женский",
            "(DEU)",
            "C01X00T47",
            "01.03.2021 – 28.02.2031",
            "ЖСН қалыптастырылған күн",
            "20.11.2026",
            &c.office_name,
            &c.office_address,
            "Терезе / окно № 7",
            &c.clerk_name,
            "Тегі",
            "Фамилия",
            "Әкесінің аты",
            "Туған жері",
            "Азаматтығы",
            "Жеке басты куәландыратын құжат",
        ],
    );
    assert_eq!(page_texts(&bytes).len(), 1, "the certificate is one page");
    let seal = Seal::for_record(&rec).unwrap_or_else(|e| panic!("{e}"));
    has(&text, &seal.payload());
    assert!(seal.payload().starts_with("KZIIN|v1|"));
    assert_eq!(seal.check.len(), 16);
}

#[test]
fn a_corrected_certificate_shows_the_data_after_correction() {
    let rec = record(&correction_form("corrected"));
    let bytes = pdf::certificate(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("certificate-corrected", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "740812400014",
            "ABILKAIYROVA",
            "MP0000099",
            "ЖСН түзетілген күн",
            "Дата корректировки ИИН",
        ],
    );
    assert!(!text.contains("EXAMPLEVA"), "{text}");
    // The old Cyrillic surname would contradict the corrected one.
    assert!(!text.contains("Экзамплева"), "{text}");
    has(&text, "Анна");
    let reading = read_certificate(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&reading, Some(&rec)), Ok(()));
}

#[test]
fn a_certificate_needs_a_formed_or_corrected_request() {
    let rec = record(&formation_form("accepted"));
    match pdf::certificate(&rec, &ctx()) {
        Err(pdf::PdfError::WrongStatus {
            document: DocKind::Certificate,
            status: Status::Accepted,
        }) => {}
        other => panic!("{:?}", other.map(|b| b.len())),
    }
    let msg = pdf::PdfError::WrongStatus {
        document: DocKind::Certificate,
        status: Status::Accepted,
    }
    .message(Lang::Kk);
    assert!(msg.contains("Тіркеу куәлігі"), "{msg}");
}

#[test]
fn the_certificate_names_the_deciding_operator_or_leaves_a_blank() {
    let rec = record(&formed_form());
    let named = text_of(
        &pdf::certificate_decided_by(&rec, &ctx(), Some("Серікбаев Нұрлан"))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    has_all(
        &named,
        &[
            "Шешім қабылдаған ІІМ операторы",
            "Оператор МВД, принявший решение",
            "Серікбаев Нұрлан",
            &ctx().clerk_name,
        ],
    );
    let blank = text_of(&pdf::certificate(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}")));
    has(&blank, "Шешім қабылдаған ІІМ операторы");
    assert!(!blank.contains("Серікбаев"), "{blank}");
}
