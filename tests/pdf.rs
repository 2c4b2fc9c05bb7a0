//! Printed documents: every entered value and every fixed legal phrase is in the text
//! layer with its Kazakh letters intact, the receipt's two copies are equal, `verify`
//! tells a genuine certificate from an edited one, and every document renders with
//! poppler (`pdftoppm`) when it is installed — the PNGs land in `target/pdf-preview/`.

use std::path::PathBuf;
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::form::{validate_record, Record, RequestForm};
use iin_desk::domain::identity::Sex;
use iin_desk::domain::iin;
use iin_desk::domain::lang::Lang;
use iin_desk::domain::request::{RefusalGround, RequestKind, Status};
use iin_desk::pdf::{
    self, draft_record, read_certificate, verify, DocKind, NotGenuine, PrintContext, Register,
    RegisterRow, Seal,
};
use uuid::Uuid;

const LONG_SURNAME: &str = "WOLFESCHLEGELSTEINHAUSENBERGERDORFFVORAL";
const GIVEN_NAMES: &str = "MARIA JOSEFINA ALEXANDRA";
const SURNAME_CYR: &str = "Әбілқайырова-Ғалымжанқызы-Өтеғұлова";
const NAME_CYR: &str = "Нұрсұлу Әсемгүл Іңкәр";
const BIRTH_PLACE: &str = "ӨСКЕМЕН, ШЫҒЫС ҚАЗАҚСТАН ОБЛЫСЫ";

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(h, min, 0))
        .unwrap_or_default()
}

fn now() -> NaiveDateTime {
    at(2026, 11, 25, 12, 0)
}

fn ctx() -> PrintContext {
    PrintContext {
        office_name: "Астана қ., Есіл ауданы бөлімшесі".into(),
        office_address: "Астана қ., Мәңгілік Ел даңғылы, 55".into(),
        counter: "7".into(),
        clerk_name: "Жұмабаева Гүлнәр Серікқызы".into(),
        clerk_phone: "+7 7172 00 00 01".into(),
        printed_at: at(2026, 11, 20, 15, 45),
    }
}

fn issued_iin() -> String {
    let birth = NaiveDate::from_ymd_opt(1990, 7, 14).unwrap_or_default();
    iin::generate(birth, Sex::Female, 17)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .to_string()
}

/// The issued IIN with two digits of its serial swapped: an edit a forger could make
/// with the glyphs already embedded in the certificate's font subset.
fn forged_iin() -> String {
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
fn formation_form(status: &str) -> RequestForm {
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

fn formed_form() -> RequestForm {
    let mut f = formation_form("formed");
    f.result = Some(iin_desk::domain::form::ResultForm {
        iin: issued_iin(),
        decided_at: "2026-11-20T14:30:00".into(),
        ..Default::default()
    });
    f
}

fn correction_form(status: &str) -> RequestForm {
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

fn refused_to_accept_form() -> RequestForm {
    let mut f = formation_form("refused_to_accept");
    f.id = "5a1c2e4f-0000-4000-8000-000000000004".into();
    f.applicant.document_expiry_date = "2026-05-01".into();
    f.applicant.document_issue_date = "2016-05-02".into();
    f.documents.remove("power_of_attorney");
    f.documents.remove("application_formation");
    f
}

fn refused_form() -> RequestForm {
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

fn convicted_form() -> RequestForm {
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
fn record(form: &RequestForm) -> Record {
    validate_record(form, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}"))
}

#[track_caller]
fn text_of(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap_or_else(|e| panic!("{e}"))
}

fn page_texts(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).unwrap_or_else(|e| panic!("{e}"));
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `needle` is in `text`, across line breaks (and across a word broken between letters).
#[track_caller]
fn has(text: &str, needle: &str) {
    assert!(
        words(text).contains(&words(needle)) || squash(text).contains(&squash(needle)),
        "missing {needle:?} in:\n{text}"
    );
}

#[track_caller]
fn has_all(text: &str, needles: &[&str]) {
    for n in needles {
        has(text, n);
    }
}

/// Writes the PDF to `target/pdf-preview/NAME.pdf` and renders it to PNG with pdftoppm
/// when poppler is installed (scripts/test.sh installs it).
fn preview(name: &str, bytes: &[u8]) {
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
fn replace(doc: &mut lopdf::Document, from: &str, to: &str) -> usize {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| {
            doc.replace_partial_text(*p, from, to, None)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .sum()
}

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
            "қағидаларына 7-қосымша",
            "Приложение 7 к Правилам",
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
    assert!(seal.payload().starts_with("IIN-DESK|v1|"));
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
fn verify_accepts_a_genuine_certificate_and_rejects_edited_ones() {
    let rec = record(&formed_form());
    let bytes = pdf::certificate(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(reading.metadata.is_some() && reading.page.is_some());
    assert_eq!(reading.metadata, reading.page);
    assert_eq!(verify(&reading, Some(&rec)), Ok(()));
    assert_eq!(verify(&reading, None), Err(NotGenuine::UnknownRequest));

    let genuine = issued_iin();
    let forged = forged_iin();

    // The large IIN edited on the page (the seal line left alone).
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let payload = Seal::for_record(&rec)
        .unwrap_or_else(|e| panic!("{e}"))
        .payload();
    let replaced = replace(&mut doc, &genuine, &forged);
    assert_eq!(replaced, 2, "the large IIN and the seal line");
    // Put the seal line back as it was, so only the large IIN differs.
    let forged_payload = payload.replace(&genuine, &forged);
    assert_eq!(replace(&mut doc, &forged_payload, &payload), 1);
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert!(text_of(&edited).contains(&forged));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::PrintedIinDiffers)
    );

    // The IIN edited everywhere on the page and in the metadata.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replace(&mut doc, &genuine, &forged), 2);
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap_or_else(|e| panic!("{e}"));
    let info = doc
        .get_object_mut(info_id)
        .and_then(lopdf::Object::as_dict_mut)
        .unwrap_or_else(|e| panic!("{e}"));
    info.set(
        "Keywords",
        lopdf::Object::string_literal(forged_payload.as_bytes().to_vec()),
    );
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::IinDiffers),
        "{reading:?}"
    );

    // The metadata alone edited: the two seals disagree.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let info = doc
        .get_object_mut(info_id)
        .and_then(lopdf::Object::as_dict_mut)
        .unwrap_or_else(|e| panic!("{e}"));
    info.set(
        "Keywords",
        lopdf::Object::string_literal(forged_payload.as_bytes().to_vec()),
    );
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&reading, Some(&rec)), Err(NotGenuine::SealsDisagree));

    // The surname edited on the page.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(replace(&mut doc, "WOLFES", "WOLFEZ") >= 1);
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::PrintedDataDiffer)
    );

    // A stored request whose data changed since printing: the check value differs.
    let mut other = formed_form();
    other.applicant.document_number = "C01X00T48".into();
    let changed = record(&other);
    let reading = read_certificate(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&changed)),
        Err(NotGenuine::CheckDiffers)
    );

    // Not a certificate at all.
    let receipt = pdf::refusal_receipt(&record(&refused_to_accept_form()), &ctx())
        .unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&receipt).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&reading, Some(&rec)), Err(NotGenuine::NoSeal));
    assert!(read_certificate(b"not a pdf").is_err());
    for e in [NotGenuine::NoSeal, NotGenuine::PrintedIinDiffers] {
        for lang in Lang::ALL {
            assert!(!e.message(lang).is_empty());
        }
    }
}

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
            "қағидаларына 1-қосымша",
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
            "қағидаларына 2-қосымша",
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
fn the_reasoned_refusal_quotes_the_ground() {
    let rec = record(&refused_form());
    let bytes = pdf::reasoned_refusal(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("refusal", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "Мемлекеттік қызметті көрсетуден дәлелді бас тарту",
            "Мотивированный отказ в оказании государственной услуги",
            RefusalGround::IinAlreadyRegistered.text(Lang::Kk),
            RefusalGround::IinAlreadyRegistered.text(Lang::Ru),
            "15-тармағының 3) тармақшасы",
            "подпункт 3) пункта 15",
            "ЖСН 900714400178 бұрын тіркелген / ИИН ранее зарегистрирован",
            "5a1c2e4f-0000-4000-8000-000000000005",
            LONG_SURNAME,
        ],
    );
    let accepted = record(&formation_form("accepted"));
    assert!(pdf::reasoned_refusal(&accepted, &ctx()).is_err());
}

#[test]
fn the_daily_register_lists_and_totals() {
    let kinds = [
        RequestKind::Formation,
        RequestKind::Correction,
        RequestKind::FormationConvicted,
    ];
    let statuses = [
        Status::Accepted,
        Status::RefusedToAccept,
        Status::Formed,
        Status::Sent,
    ];
    let rows: Vec<RegisterRow> = (0..40)
        .map(|i| RegisterRow {
            request_id: format!("5a1c2e4f-0000-4000-8000-{:012}", i),
            submitted_at: at(2026, 11, 20, 9 + (i / 6) as u32, (i % 6 * 10) as u32),
            kind: kinds[i % 3],
            status: statuses[i % 4],
            counter: "7".into(),
            clerk: "Жұмабаева Гүлнәр Серікқызы".into(),
            service_minutes: if i % 5 == 0 { None } else { Some(i as i64) },
        })
        .collect();
    let register = Register {
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        counter: Some("7".into()),
        rows,
    };
    let bytes = pdf::daily_register(&register, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("register", &bytes);
    let pages = page_texts(&bytes);
    assert!(pages.len() >= 2, "40 rows take more than a page");
    // The header is repeated on every page.
    for p in pages.iter().filter(|p| p.contains("5a1c2e4f")) {
        has(p, "Нәтиже");
    }
    let text = pages.concat();
    has_all(
        &text,
        &[
            "Өтінімдердің күнделікті тізілімі — 20.11.2026",
            "Ежедневный реестр заявок — 20.11.2026",
            "терезе / окно № 7",
            "5a1c2e4f-0000-4000-8000-000000000039",
            "Өтінімдер: 40",
            "Заявок: 40",
            "Қабылданды: 10",
            "Құжаттарды қабылдаудан бас тартылды: 10",
            "20 минуттан асқаны (!): 16",
            "Жұмабаева Гүлнәр Серікқызы",
        ],
    );
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

/// The binary: print, register and verify against a real store, with the audit log.
mod cli {
    use super::*;

    fn bin() -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_iin-desk"));
        c.env_remove("IIN_DESK_USER")
            .env_remove("IIN_DESK_PASSWORD")
            .env("IIN_DESK_LANG", "en");
        c
    }

    #[track_caller]
    fn run(c: &mut Command, stdin: Option<&str>) -> (i32, String, String) {
        use std::io::Write;
        let mut child = c
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        if let Some(input) = stdin {
            if let Some(mut s) = child.stdin.take() {
                s.write_all(input.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// A store with an administrator, a clerk and a supervisor, holding the formed, the
    /// refused-to-accept and the refused request.
    fn set_up(dir: &std::path::Path, data: &str, admin_pw: &str, clerk_pw: &str) {
        let (code, _, err) = run(
            bin().args([
                "--data-dir",
                data,
                "init",
                "--admin",
                "admin",
                "--password-stdin",
            ]),
            Some(&format!("{admin_pw}\n")),
        );
        assert_eq!(code, 0, "{err}");
        for (login, role) in [("a.clerk", "clerk"), ("boss", "supervisor")] {
            let (code, _, err) = run(
                bin()
                    .args(["--data-dir", data, "--user", "admin"])
                    .args([
                        "user",
                        "add",
                        login,
                        "--name",
                        "Жұмабаева Гүлнәр",
                        "--role",
                        role,
                    ])
                    .arg("--password-stdin")
                    .env("IIN_DESK_PASSWORD", admin_pw),
                Some(&format!("{clerk_pw}\n")),
            );
            assert_eq!(code, 0, "{err}");
        }
        let forms = vec![formed_form(), refused_to_accept_form(), refused_form()];
        let file = dir.join("requests.json");
        std::fs::write(&file, serde_json::to_string(&forms).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{e}"));
        let (code, _, err) = run(
            bin()
                .args(["--data-dir", data, "--user", "admin", "import"])
                .arg(&file)
                .env("IIN_DESK_PASSWORD", admin_pw),
            None,
        );
        assert_eq!(code, 0, "{err}");
    }

    /// Every print is in the audit log, with ids and codes only.
    fn check_audit(data: &str, admin_pw: &str, genuine: &str) {
        let store = iin_desk::store::Store::unlock_in(
            std::path::Path::new(data),
            "admin",
            admin_pw,
            chrono::Local::now().naive_local(),
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
        let entries = store
            .audit_entries(&iin_desk::store::AuditQuery::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        for a in [
            "print.certificate",
            "print.receipt",
            "print.refusal",
            "print.application",
            "print.register",
            "verify.certificate",
        ] {
            assert!(actions.contains(&a), "{a} not in {actions:?}");
        }
        for e in &entries {
            assert!(
                !e.details.contains(genuine) && !e.details.contains("WOLF"),
                "{e:?}"
            );
        }
    }

    #[test]
    fn print_register_and_verify() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = dir.path().join("data");
        let data = data.to_string_lossy().to_string();
        let admin_pw = "Admin-passphrase-1";
        let clerk_pw = "Clerk-passphrase-1";
        set_up(dir.path(), &data, admin_pw, clerk_pw);

        let clerk = |args: &[&str]| {
            let mut c = bin();
            c.args(["--data-dir", &data, "--user", "a.clerk"])
                .args(args)
                .env("IIN_DESK_PASSWORD", clerk_pw);
            c
        };
        let cert = dir.path().join("cert.pdf");
        let cert_s = cert.to_string_lossy().to_string();
        let id = "5a1c2e4f-0000-4000-8000-000000000001";
        let (code, out, err) = run(
            &mut clerk(&["print", id, "--doc", "certificate", "--out", &cert_s]),
            None,
        );
        assert_eq!(code, 0, "{out}{err}");
        let bytes = std::fs::read(&cert).unwrap_or_else(|e| panic!("{e}"));
        has(&text_of(&bytes), LONG_SURNAME);
        has(&text_of(&bytes), "Жұмабаева Гүлнәр");

        let (code, out, err) = run(&mut clerk(&["verify", &cert_s]), None);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("genuine"), "{out}");

        // An edited IIN is refused with exit 1 and a one-line reason.
        let genuine = issued_iin();
        let forged = forged_iin();
        let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(replace(&mut doc, &genuine, &forged), 2);
        let edited = dir.path().join("edited.pdf");
        doc.save(&edited).unwrap_or_else(|e| panic!("{e}"));
        let (code, out, err) = run(&mut clerk(&["verify", &edited.to_string_lossy()]), None);
        assert_eq!(code, 1, "{out}{err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(
            err.contains("NOT GENUINE") || err.contains("not genuine"),
            "{err}"
        );

        // Receipt, refusal, application; a wrong document is refused with a reason.
        for (id, doc) in [
            ("5a1c2e4f-0000-4000-8000-000000000004", "receipt"),
            ("5a1c2e4f-0000-4000-8000-000000000005", "refusal"),
            ("5a1c2e4f-0000-4000-8000-000000000001", "application"),
        ] {
            let out_file = dir.path().join(format!("{doc}.pdf"));
            let (code, out, err) = run(
                &mut clerk(&[
                    "print",
                    id,
                    "--doc",
                    doc,
                    "--out",
                    &out_file.to_string_lossy(),
                ]),
                None,
            );
            assert_eq!(code, 0, "{doc}: {out}{err}");
            assert!(out_file.exists());
        }
        let (code, _, err) = run(
            &mut clerk(&[
                "print",
                "5a1c2e4f-0000-4000-8000-000000000004",
                "--doc",
                "certificate",
                "--out",
                &dir.path().join("x.pdf").to_string_lossy(),
            ]),
            None,
        );
        assert_eq!(code, 3, "{err}");
        assert!(!dir.path().join("x.pdf").exists());

        // The register is the supervisor's.
        let reg = dir.path().join("register.pdf");
        let reg_s = reg.to_string_lossy().to_string();
        let (code, _, _) = run(
            &mut clerk(&["register", "--date", "2026-11-20", "--out", &reg_s]),
            None,
        );
        assert_eq!(code, 6);
        let (code, out, err) = run(
            bin()
                .args(["--data-dir", &data, "--user", "boss"])
                .args([
                    "register",
                    "--date",
                    "2026-11-20",
                    "--counter",
                    "7",
                    "--out",
                    &reg_s,
                ])
                .env("IIN_DESK_PASSWORD", clerk_pw),
            None,
        );
        assert_eq!(code, 0, "{out}{err}");
        let text = text_of(&std::fs::read(&reg).unwrap_or_default());
        has(&text, "Өтінімдер: 3");

        check_audit(&data, admin_pw, &genuine);
    }
}
