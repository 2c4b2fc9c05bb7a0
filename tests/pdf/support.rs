//! The printed documents' shared test kit: the requests with the longest Kazakh names,
//! the print context, the text layer, previews and a forger's edit.

use std::path::PathBuf;
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::form::{validate_record, Record, RequestForm};
use iin_desk::domain::identity::Sex;
use iin_desk::domain::iin;
use iin_desk::pdf::PrintContext;
use uuid::Uuid;

pub const LONG_SURNAME: &str = "WOLFESCHLEGELSTEINHAUSENBERGERDORFFVORAL";
pub const GIVEN_NAMES: &str = "MARIA JOSEFINA ALEXANDRA";
pub const SURNAME_CYR: &str = "Әбілқайырова-Ғалымжанқызы-Өтеғұлова";
pub const NAME_CYR: &str = "Нұрсұлу Әсемгүл Іңкәр";
pub const BIRTH_PLACE: &str = "ӨСКЕМЕН, ШЫҒЫС ҚАЗАҚСТАН ОБЛЫСЫ";

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .unwrap_or_default()
}

pub fn now() -> NaiveDateTime {
    at(2026, 11, 25, 12, 0)
}

pub fn ctx() -> PrintContext {
    PrintContext {
        office_name: "Астана қ., Есіл ауданы бөлімшесі".into(),
        office_address: "Астана қ., Мәңгілік Ел даңғылы, 55".into(),
        counter: "7".into(),
        clerk_name: "Жұмабаева Гүлнәр Серікқызы".into(),
        clerk_phone: "+7 7172 00 00 01".into(),
        printed_at: at(2026, 11, 20, 15, 45),
    }
}

pub fn issued_iin() -> String {
    let birth = NaiveDate::from_ymd_opt(1990, 7, 14).unwrap_or_default();
    iin::generate(birth, Sex::Female, 17)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .to_string()
}

/// The issued IIN with two digits of its serial swapped: an edit a forger could make
/// with the glyphs already embedded in the certificate's font subset.
pub fn forged_iin() -> String {
    let mut digits: Vec<char> = issued_iin().chars().collect();
    let (i, j) = (1..digits.len())
        .flat_map(|j| (0..j).map(move |i| (i, j)))
        .find(|&(i, j)| i >= 7 && digits[i] != digits[j])
        .unwrap_or((0, 1));
    digits.swap(i, j);
    let forged: String = digits.into_iter().collect();
    assert_ne!(forged, issued_iin());
    forged
}

/// A formation with the longest real names, Kazakh letters and a representative.
pub fn formation_form(status: &str) -> RequestForm {
    let json = serde_json::json!({
        "id": "5a1c2e4f-0000-4000-8000-000000000001",
        "kind": "formation", "channel": "counter", "status": status,
        "submitted_at": "2026-11-20T10:15:00",
        "office": "Astana, Esil district branch", "counter": "7", "clerk": "a.clerk",
        "applicant": {
            "surname": LONG_SURNAME, "name": GIVEN_NAMES, "patronymic": "KONSTANTINOVNA",
            "surname_cyr": SURNAME_CYR, "name_cyr": NAME_CYR, "patronymic_cyr": "Қонстантинқызы",
            "birth_date": "1990-07-14", "birth_place": BIRTH_PLACE, "citizenship": "DEU", "sex": "F",
            "document_number": "C01X00T47", "document_issue_date": "2021-03-01",
            "document_expiry_date": "2031-02-28", "document_issuing_country": "D",
            "address": "Алматы қ., Әл-Фараби даңғылы, 77/8, 112-пәтер",
            "phone": "+7 701 000 00 01"
        },
        "representative": {
            "full_name": "Сәрсенбаев Мұхтар Өмірұлы", "document": "ЖК 000000003",
            "poa_number": "N-1234", "poa_date": "2026-11-01",
            "poa_notary": "Нотариус Әбенова Ә.Ә.", "poa_valid_until": "2027-11-01"
        },
        "documents": {
            "application_formation": true, "identity_document": true, "power_of_attorney": true
        }
    });
    serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
}

pub fn formed_form() -> RequestForm {
    let mut f = formation_form("formed");
    f.result = Some(iin_desk::domain::form::ResultForm {
        iin: issued_iin(),
        decided_at: "2026-11-20T14:30:00".into(),
        ..Default::default()
    });
    f
}

pub fn correction_form(status: &str) -> RequestForm {
    let json = serde_json::json!({
        "id": "5a1c2e4f-0000-4000-8000-000000000002",
        "kind": "correction", "channel": "counter", "status": status,
        "submitted_at": "2026-11-20T11:00:00",
        "office": "Astana, Esil district branch", "counter": "7", "clerk": "a.clerk",
        "applicant": {
            "surname": "EXAMPLEVA", "name": "ANNA", "surname_cyr": "Экзамплева", "name_cyr": "Анна",
            "birth_date": "12.08.1974", "birth_place": "MINSK", "citizenship": "BLR", "sex": "F",
            "document_number": "MP0000002", "document_issue_date": "2015-01-10",
            "document_expiry_date": "2025-01-09", "document_issuing_country": "BLR",
            "address": "Алматы қ., Абай даңғылы, 2", "phone": ""
        },
        "correction": {
            "current_iin": "740812400014",
            "changes": {
                "surname": "ABILKAIYROVA",
                "document_number": "MP0000099",
                "document_issue_date": "2025-01-05",
                "document_expiry_date": "2035-01-04"
            }
        },
        "documents": {
            "application_correction": true, "identity_document": true, "change_certificate": true
        }
    });
    serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
}

pub fn refused_to_accept_form() -> RequestForm {
    let mut f = formation_form("refused_to_accept");
    f.id = "5a1c2e4f-0000-4000-8000-000000000004".into();
    f.applicant.document_expiry_date = "2026-05-01".into();
    f.applicant.document_issue_date = "2016-05-02".into();
    f.documents.remove("power_of_attorney");
    f.documents.remove("application_formation");
    f
}

pub fn refused_form() -> RequestForm {
    let mut f = formation_form("refused");
    f.id = "5a1c2e4f-0000-4000-8000-000000000005".into();
    f.result = Some(iin_desk::domain::form::ResultForm {
        ground: "iin_already_registered".into(),
        comment: "ЖСН 900714400178 бұрын тіркелген / ИИН ранее зарегистрирован".into(),
        decided_at: "2026-11-20T16:00:00".into(),
        ..Default::default()
    });
    f
}

pub fn convicted_form() -> RequestForm {
    let json = serde_json::json!({
        "id": "5a1c2e4f-0000-4000-8000-000000000003",
        "kind": "formation_convicted", "channel": "counter", "status": "sent",
        "submitted_at": "2026-11-19T09:30:00",
        "office": "Karaganda branch", "counter": "2", "clerk": "b.clerk",
        "applicant": {
            "surname_cyr": "Ахмедов", "name_cyr": "Рустам", "birth_date": "1988-12-12",
            "birth_place": "Душанбе", "citizenship": "TJK", "sex": "M", "address": ""
        },
        "representative": { "full_name": "Жұмабаев Ерлан Серікұлы", "document": "қызметтік куәлік № 0042" },
        "institution": { "name": "ҚР ІІМ ҚАЖК «ЕЦ-166/12» мекемесі", "head": "Төлеуов Бауыржан Қайратұлы" },
        "documents": { "application_convicted": true }
    });
    serde_json::from_value(json).unwrap_or_else(|e| panic!("{e}"))
}

#[track_caller]
pub fn record(form: &RequestForm) -> Record {
    validate_record(form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[track_caller]
pub fn text_of(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_else(|e| panic!("{e}"))
}

pub fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

pub fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `needle` is in `text`, across line breaks (and across a word broken between letters).
#[track_caller]
pub fn has(text: &str, needle: &str) {
    assert!(
        words(text).contains(&words(needle)) || squash(text).contains(&squash(needle)),
        "missing {needle:?} in:\n{text}"
    );
}

#[track_caller]
pub fn has_all(text: &str, needles: &[&str]) {
    for n in needles {
        has(text, n);
    }
}

/// Writes the PDF to `target/pdf-preview/NAME.pdf` and renders it to PNG with pdftoppm
/// when poppler is installed (scripts/test.sh installs it).
pub fn preview(name: &str, bytes: &[u8]) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/pdf-preview");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    // Pages of an earlier run that had more pages.
    for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        let file = entry.file_name().to_string_lossy().to_string();
        if file.starts_with(&format!("{name}-")) && file.ends_with(".png") {
            let rest = &file[name.len() + 1..file.len() - 4];
            if rest.chars().all(|c| c.is_ascii_digit()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let pdf = dir.join(format!("{name}.pdf"));
    std::fs::write(&pdf, bytes).unwrap_or_else(|e| panic!("{e}"));
    match Command::new("pdftoppm")
        .args(["-png", "-r", "80"])
        .arg(&pdf)
        .arg(dir.join(name))
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "pdftoppm failed on {name}: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("pdftoppm not available ({e}); {name}.pdf not rendered"),
    }
}

/// Replaces `from` by `to` in the text of every page, as an editing tool would; returns
/// how many times.
pub fn replace(doc: &mut lopdf::Document, from: &str, to: &str) -> usize {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| {
            doc.replace_partial_text(*p, from, to, None)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .sum()
}
