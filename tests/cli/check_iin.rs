//! `check-iin`.

use crate::support::*;

#[test]
fn check_iin_accepts_valid_numbers() {
    let desk = Desk::new();
    // (input, line printed)
    let table = [
        (
            "740812400014",
            "740812400014: valid (hint: 12.08.1974, female)",
        ),
        (
            "850315300029",
            "850315300029: valid (hint: 15.03.1985, male)",
        ),
        // Clerks copy numbers in groups; spaces are ignored.
        (
            "740812 400 014",
            "740812400014: valid (hint: 12.08.1974, female)",
        ),
    ];
    for (input, line) in table {
        let out = desk.call().args(["check-iin", input]).run();
        out.code(OK).stderr_empty();
        assert_eq!(out.stdout_lines(), [line], "{out}");
    }
    // The test's own check-digit computation agrees with the program's.
    assert_eq!(iin_check_digit("74081240001"), Some(4));
    assert_eq!(iin_check_digit("85031530002"), Some(9));
    assert!(
        !desk.data_dir().exists(),
        "check-iin must not create the data folder"
    );
}

#[test]
fn check_iin_rejects_invalid_numbers_with_the_reason() {
    let never = never_issued_head();
    let never_issued = format!("{never}0");
    let desk = Desk::new();
    // (input, reason)
    let table: Vec<(&str, String)> = vec![
        (
            "740812400015",
            "the IIN's check digit is 5, but the first 11 digits give 4".into(),
        ),
        (
            "850315300020",
            "the IIN's check digit is 0, but the first 11 digits give 9".into(),
        ),
        (
            "74081240001",
            "the IIN has 11 characters; 12 digits are expected".into(),
        ),
        (
            "7408124000140",
            "the IIN has 13 characters; 12 digits are expected".into(),
        ),
        (
            "74081240001A",
            "character 12 of the IIN is not a digit".into(),
        ),
        (
            "7408I2400014",
            "character 5 of the IIN is not a digit".into(),
        ),
        (
            "７４０８１２４０００１４",
            "character 1 of the IIN is not a digit".into(),
        ),
        ("", "the IIN is empty".into()),
        (never_issued.as_str(), "such an IIN is never issued".into()),
    ];
    for (input, reason) in &table {
        let input: &str = input;
        let out = desk.call().args(["check-iin", input]).run();
        out.code(CHECK_FAILED).stderr_empty();
        let lines = out.stdout_lines();
        assert_eq!(lines.len(), 1, "{out}");
        assert!(
            lines[0].starts_with(&format!("{input}: invalid — ")),
            "{out}"
        );
        assert!(
            lines[0].contains(reason.as_str()),
            "expected {reason:?}\n{out}"
        );
    }
}

#[test]
fn check_iin_every_wrong_check_digit_is_caught() {
    let desk = Desk::new();
    let wrong: Vec<String> = (0..=9)
        .filter(|d| *d != 4)
        .map(|d| format!("74081240001{d}"))
        .collect();
    let out = desk.call().arg("check-iin").args(&wrong).run();
    out.code(CHECK_FAILED);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), wrong.len(), "{out}");
    for (line, iin) in lines.iter().zip(&wrong) {
        let found = &iin[11..];
        assert!(line.starts_with(&format!("{iin}: invalid")), "{out}");
        assert!(
            line.contains(&format!(
                "check digit is {found}, but the first 11 digits give 4"
            )),
            "{out}"
        );
    }
}

#[test]
fn check_iin_head_with_remainder_10_twice_is_never_valid() {
    let head = never_issued_head();
    let desk = Desk::new();
    let all: Vec<String> = (0..=9).map(|d| format!("{head}{d}")).collect();
    let out = desk.call().args(["check-iin", "--json"]).args(&all).run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let items = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(items.len(), 10, "{out}");
    for item in items {
        assert_eq!(item["valid"], false, "{out}");
        assert!(
            item["error"]
                .as_str()
                .unwrap_or_default()
                .contains("never issued"),
            "{out}"
        );
    }
}

#[test]
fn check_iin_mixed_list_exits_1_and_reports_each() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args([
            "check-iin",
            "740812400014",
            "740812400015",
            "850315300029",
            "12345",
        ])
        .run();
    out.code(CHECK_FAILED);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("740812400014: valid"), "{out}");
    assert!(lines[1].starts_with("740812400015: invalid"), "{out}");
    assert!(lines[2].starts_with("850315300029: valid"), "{out}");
    assert!(lines[3].starts_with("12345: invalid"), "{out}");
}

#[test]
fn check_iin_json_has_input_and_valid_fields() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args(["check-iin", "--json", "740812400014", "850315300029"])
        .run();
    out.code(OK);
    let v = out.json();
    assert_eq!(v[0]["input"], "740812400014");
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["birth_date_hint"], "1974-08-12");
    assert_eq!(v[0]["sex_hint"], "F");
    assert_eq!(v[1]["input"], "850315300029");
    assert_eq!(v[1]["valid"], true);
    assert_eq!(v[1]["sex_hint"], "M");

    let out = desk
        .call()
        .args(["check-iin", "--json", "740812400014", "74081240001X"])
        .run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let items = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["valid"], true);
    assert_eq!(items[1]["input"], "74081240001X");
    assert_eq!(items[1]["valid"], false);
    assert!(
        items[1]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("character 12"),
        "{out}"
    );
}

#[test]
fn check_iin_speaks_kazakh_and_russian() {
    let desk = Desk::new();
    // (lang, valid word, invalid word, check-digit reason)
    let table = [
        (
            "kk",
            "740812400014: дұрыс",
            "740812400015: қате",
            "бақылау цифры 5",
        ),
        (
            "ru",
            "740812400014: верный",
            "740812400015: неверный",
            "контрольная цифра ИИН 5",
        ),
    ];
    for (lang, valid, invalid, reason) in table {
        let out = desk
            .call()
            .lang(lang)
            .args(["check-iin", "740812400014", "740812400015"])
            .run();
        out.code(CHECK_FAILED)
            .stdout_has(valid)
            .stdout_has(invalid)
            .stdout_has(reason);
        assert!(has_cyrillic(&out.stdout), "{out}");
        assert_eq!(has_kazakh_letters(&out.stdout), lang == "kk", "{out}");
    }
}
