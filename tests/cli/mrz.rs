//! `mrz`.

use serde_json::Value;

use crate::support::*;

#[test]
fn mrz_reads_the_icao_specimen_as_a_reader_types_it() {
    let desk = Desk::new();
    let table = [
        ("LF", format!("{MRZ_L1}\n{MRZ_L2}\n")),
        ("CRLF", format!("{MRZ_L1}\r\n{MRZ_L2}\r\n")),
        (
            "CRLF lowercase",
            format!("{MRZ_L1}\r\n{MRZ_L2}\r\n").to_lowercase(),
        ),
        (
            "CR only, blank lines",
            format!("\r\n\r\n{MRZ_L1}\r{MRZ_L2}\r\n\r\n"),
        ),
        ("one unbroken run", format!("{MRZ_L1}{MRZ_L2}")),
    ];
    for (what, input) in table {
        let out = desk.call().arg("mrz").stdin(input).run();
        out.code(OK).stderr_empty();
        for line in [
            "Format: TD3",
            "Document code: P",
            "Issuing country: UTO",
            "Document number: L898902C3",
            "Surname: ERIKSSON",
            "Given names: ANNA MARIA",
            "Nationality: UTO",
            "Date of birth: 12.08.1974",
            "Sex: female",
            "Date of expiry: 15.04.2012",
            "Check digit Document number: ok",
            "Check digit Date of birth: ok",
            "Check digit Date of expiry: ok",
            "Check digit Personal number: ok",
            "Check digit Composite check digit: ok",
        ] {
            assert!(
                out.stdout_lines().contains(&line),
                "{what}: no line {line:?}\n{out}"
            );
        }
        out.stdout_lacks("FAILED");
    }
    assert!(
        !desk.data_dir().exists(),
        "mrz must not create the data folder"
    );
}

#[test]
fn mrz_broken_check_digit_exits_1_and_shows_the_verdict() {
    let desk = Desk::new();
    let out = desk
        .call()
        .arg("mrz")
        .stdin(format!("{MRZ_L1}\r\n{MRZ_L2_BAD_DOC_DIGIT}\r\n"))
        .run();
    out.code(CHECK_FAILED).stderr_empty();
    let lines = out.stdout_lines();
    assert!(
        lines.contains(&"Surname: ERIKSSON"),
        "fields are still shown\n{out}"
    );
    assert!(
        lines.contains(&"Check digit Document number: FAILED"),
        "{out}"
    );
    assert!(lines.contains(&"Check digit Date of birth: ok"), "{out}");
    assert!(lines.contains(&"Check digit Date of expiry: ok"), "{out}");
}

#[test]
fn mrz_json_parses() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args(["mrz", "--json"])
        .stdin(format!("{MRZ_L1}\r\n{MRZ_L2}\r\n"))
        .run();
    out.code(OK);
    let v = out.json();
    assert_eq!(v["format"], "Td3");
    assert_eq!(v["document_number"], "L898902C3");
    assert_eq!(v["surname"], "ERIKSSON");
    assert_eq!(v["given_names"], "ANNA MARIA");
    assert_eq!(v["birth_date"], "1974-08-12");
    assert_eq!(v["expiry_date"], "2012-04-15");
    assert_eq!(v["optional_data"], "ZE184226B");
    let checks = v["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks\n{out}"));
    assert_eq!(checks.len(), 5, "{out}");
    assert!(checks.iter().all(|c| c["ok"] == true), "{out}");
    assert_eq!(v["lines"], serde_json::json!([MRZ_L1, MRZ_L2]));

    let out = desk
        .call()
        .args(["mrz", "--json"])
        .stdin(format!("{MRZ_L1}\n{MRZ_L2_BAD_DOC_DIGIT}\n"))
        .run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let failed: Vec<&Value> = v["checks"]
        .as_array()
        .map(|c| {
            c.iter()
                .filter(|c| c["ok"] == false)
                .map(|c| &c["field"])
                .collect()
        })
        .unwrap_or_default();
    assert!(failed.contains(&&Value::from("DocumentNumber")), "{out}");
}

#[test]
fn mrz_garbage_exits_3_with_one_line() {
    let desk = Desk::new();
    let short_l2 = &MRZ_L2[..43];
    let bad_char = format!("{}!", &MRZ_L2[..43]);
    // (what, stdin, part of the message)
    let table = [
        ("words", "hello world\n".to_string(), "not an MRZ"),
        ("nothing", String::new(), "empty"),
        ("blank lines", "\r\n\r\n".to_string(), "empty"),
        ("line 1 only", format!("{MRZ_L1}\n"), "incomplete"),
        (
            "short line 2",
            format!("{MRZ_L1}\n{short_l2}\n"),
            "line 2 has 43 characters",
        ),
        (
            "three lines",
            format!("{MRZ_L1}\n{MRZ_L2}\n{MRZ_L2}\n"),
            "extra lines",
        ),
        (
            "bad character",
            format!("{MRZ_L1}\n{bad_char}\n"),
            "the character '!' is not allowed",
        ),
    ];
    for (what, input, message) in table {
        let out = desk.call().arg("mrz").stdin(input).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(message);
        let lines = out.stderr_lines();
        assert_eq!(lines.len(), 1, "{what}\n{out}");
        assert!(lines[0].starts_with("iin-desk: MRZ: "), "{what}\n{out}");
    }
}

#[test]
fn mrz_non_utf8_garbage_exits_3() {
    let desk = Desk::new();
    // A reader sending `«` in a legacy 8-bit code page (0xAB in Latin-1/CP1251).
    let mut input = b"P\xabUTOERIKSSON\xabANNA".to_vec();
    input.extend_from_slice(b"\r\n");
    let out = desk.call().lang("ru").arg("mrz").stdin(input).run();
    out.code(INVALID_INPUT).stdout_empty();
    assert_eq!(out.stderr_lines().len(), 1, "{out}");
    assert!(
        has_cyrillic(&out.stderr),
        "the message is in the clerk's language\n{out}"
    );
}

#[test]
fn mrz_speaks_kazakh_and_russian() {
    let desk = Desk::new();
    // (lang, surname line, failed verdict, error for garbage)
    let table = [
        (
            "kk",
            "Тегі: ERIKSSON",
            "Бақылау цифры Құжат нөмірі: ҚАТЕ",
            "MRZ-ге ұқсамайды",
        ),
        (
            "ru",
            "Фамилия: ERIKSSON",
            "Контрольная цифра Номер документа: ОШИБКА",
            "не похож на MRZ",
        ),
    ];
    for (lang, surname, failed, garbage) in table {
        desk.call()
            .lang(lang)
            .arg("mrz")
            .stdin(format!("{MRZ_L1}\r\n{MRZ_L2_BAD_DOC_DIGIT}\r\n"))
            .run()
            .code(CHECK_FAILED)
            .stdout_has(surname)
            .stdout_has(failed);
        let out = desk.call().lang(lang).arg("mrz").stdin("hello\n").run();
        out.code(INVALID_INPUT).stderr_has(garbage);
        assert_eq!(has_kazakh_letters(&out.stderr), lang == "kk", "{out}");
    }
}
