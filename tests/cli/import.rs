//! `import`.

use serde_json::Value;

use crate::support::*;

#[test]
fn import_the_fixture_stores_5_requests() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stderr_empty()
        .stdout_has("5 requests stored");
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn a_supervisor_may_import() {
    let desk = Desk::set_up();
    desk.add_user("a.supervisor", "supervisor");
    desk.as_user("a.supervisor", STAFF_PW)
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stdout_has("5 requests stored");
    assert_eq!(desk.stored_ids().len(), 5);
}

#[test]
fn importing_again_reports_duplicates_and_stores_nothing_new() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out = desk
        .admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run();
    out.code(INVALID_INPUT).stdout_empty();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 6, "{out}");
    let in_file_order = [1, 2, 3, 4, 5].map(|n| format!("0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a000{n}"));
    for (i, id) in in_file_order.iter().enumerate() {
        assert_eq!(
            lines[i],
            format!("iin-desk: [{i}] id: request {id} already exists"),
            "{out}"
        );
    }
    assert!(lines[5].ends_with("5 errors; nothing was stored"), "{out}");
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn one_duplicate_makes_the_whole_file_fail() {
    let desk = Desk::set_up();
    let fixture_forms = read_json_array(&fixture("requests.json"));
    let first = fixture_forms.first().cloned().unwrap_or_default();
    let mut fresh = first.clone();
    fresh["id"] = Value::from("5e1f0a00-0000-4000-8000-0000000000aa");
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);

    // Already in the store.
    let file = desk.write(
        "overlap.json",
        Value::Array(vec![fresh.clone(), first.clone()]).to_string(),
    );
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stderr_has("[1] id: request 0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001 already exists")
        .stderr_has("1 error; nothing was stored");
    // Twice in the same file.
    let file = desk.write(
        "twice.json",
        Value::Array(vec![fresh.clone(), fresh]).to_string(),
    );
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stderr_has("[1] id: request 5e1f0a00-0000-4000-8000-0000000000aa already exists");
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn an_invalid_file_reports_every_error_and_stores_none() {
    let desk = Desk::set_up();
    let file = fixture("requests_invalid.json");
    let out = desk.admin().arg("import").arg(&file).run();
    out.code(INVALID_INPUT).stdout_empty();
    // (index, JSON path, reason); [0] and [6] are valid.
    let expected = [
        (1, "applicant.birth_date", "is not a date"),
        (2, "applicant.citizenship", "unknown country"),
        (
            3,
            "correction.changes",
            "at least one parameter must change",
        ),
        (
            4,
            "documents",
            "the document package is incomplete or expired; it cannot be accepted",
        ),
        (
            5,
            "documents",
            "a refusal to accept needs a missing or expired document",
        ),
    ];
    let lines = out.stderr_lines();
    assert_eq!(
        lines.len(),
        expected.len() + 1,
        "one line per error and a summary\n{out}"
    );
    for ((index, path, reason), line) in expected.iter().zip(&lines) {
        let head = format!("iin-desk: [{index}] {path}: ");
        assert!(line.starts_with(&head), "expected {head:?}\n{out}");
        assert!(line.contains(reason), "expected {reason:?}\n{out}");
    }
    assert_eq!(
        lines[5],
        format!("iin-desk: {}: 5 errors; nothing was stored", file.display())
    );

    // None were stored, not even the valid [0] and [6].
    let export = desk.path("after.json");
    desk.admin()
        .arg("export")
        .arg("--out")
        .arg(&export)
        .run()
        .code(OK)
        .stdout_has("0 requests written");
    assert_eq!(read_json(&export), serde_json::json!([]));

    // The store is still usable: the good file goes in afterwards.
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn import_errors_speak_kazakh_and_russian() {
    let desk = Desk::set_up();
    let table = [
        (
            "kk",
            "[1] applicant.birth_date: «Туған күні»: мұндай күн жоқ",
            "5 қате; ештеңе сақталмады",
        ),
        (
            "ru",
            "[1] applicant.birth_date: «Дата рождения»: такой даты нет",
            "ошибок: 5; ничего не сохранено",
        ),
    ];
    for (lang, first, summary) in table {
        let out = desk
            .admin()
            .lang(lang)
            .arg("import")
            .arg(fixture("requests_invalid.json"))
            .run();
        out.code(INVALID_INPUT)
            .stderr_has(first)
            .stderr_has(summary);
        assert_eq!(has_kazakh_letters(&out.stderr), lang == "kk", "{out}");
    }
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn refusal_with_a_complete_package_is_reported_in_the_users_language() {
    let desk = Desk::set_up();
    for lang in ["kk", "ru"] {
        let out = desk
            .admin()
            .lang(lang)
            .arg("import")
            .arg(fixture("requests_invalid.json"))
            .run();
        out.code(INVALID_INPUT);
        let line = out
            .stderr_lines()
            .into_iter()
            .find(|l| l.starts_with("iin-desk: [5] documents: "))
            .unwrap_or_else(|| panic!("no line for [5]\n{out}"))
            .to_string();
        assert!(
            !line.contains("missing or expired"),
            "{lang}: English text in {line:?}"
        );
    }
}

#[test]
fn malformed_json_exits_3_with_line_and_column() {
    let desk = Desk::set_up();
    // (file text, line, column)
    let table = [
        ("[\n  {\"id\": \"x\",,}\n]\n", 2, 14),
        ("[\n  {\"kind\": \"formation\"}\n", 3, 0),
        ("{\"not\": \"an array\"}", 1, 0),
        ("[{\"documents\": {\"identity_document\": \"yes\"}}]", 1, 42),
        ("", 1, 0),
    ];
    for (i, (text, line, column)) in table.into_iter().enumerate() {
        let file = desk.write(&format!("bad-{i}.json"), text);
        let out = desk.admin().arg("import").arg(&file).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(&format!(
            "{}: line {line}, column {column}: a JSON array of requests is expected",
            file.display()
        ));
        assert_eq!(out.stderr_lines().len(), 1, "{out}");
    }
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn import_of_a_missing_file_exits_5() {
    let desk = Desk::set_up();
    let missing = desk.path("no-such-file.json");
    desk.admin()
        .arg("import")
        .arg(&missing)
        .run()
        .code(FILE)
        .stdout_empty()
        .stderr_has(&format!("{}: cannot read the file", missing.display()));
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn import_dry_run_validates_and_stores_nothing() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stdout_has("5 requests valid (--dry-run: nothing stored)");
    assert!(desk.stored_ids().is_empty());
    // A dry run of a bad file fails like the real thing.
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests_invalid.json"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("5 errors; nothing was stored");
    // And it sees duplicates.
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests.json"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("already exists");
    assert_eq!(desk.stored_ids().len(), 5);
}

#[test]
fn import_of_an_empty_array_stores_nothing() {
    let desk = Desk::set_up();
    let file = desk.write("empty.json", "[]");
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(OK)
        .stdout_has("0 requests stored");
    assert!(desk.stored_ids().is_empty());
}
