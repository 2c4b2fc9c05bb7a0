//! `calendar import` and `calendar show`.

use crate::support::*;

/// The lines of `calendar show 2024` that mention `date` (DD.MM.YYYY).
fn lines_for<'a>(out: &'a Out, date: &str) -> Vec<&'a str> {
    out.stdout_lines()
        .into_iter()
        .filter(|l| l.starts_with(date))
        .collect()
}

#[test]
fn calendar_import_and_show() {
    let desk = Desk::set_up();
    // Before the import only the computed calendar applies.
    let before = desk.admin().args(["calendar", "show", "2024"]).run();
    before
        .code(OK)
        .stdout_has("01.01.2024 Mon New Year")
        .stdout_has("09.05.2024 Thu Victory Day");
    assert!(lines_for(&before, "08.05.2024").is_empty(), "{before}");
    assert!(lines_for(&before, "16.06.2024").is_empty(), "{before}");

    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK)
        .stdout_has("3 exceptions loaded for 2024");
    let out = desk.admin().args(["calendar", "show", "2024"]).run();
    out.code(OK).stderr_empty();
    assert_eq!(
        lines_for(&out, "08.05.2024"),
        ["08.05.2024 Wed day off (exception) moved to Saturday 4 May"],
        "{out}"
    );
    assert_eq!(
        lines_for(&out, "16.06.2024"),
        ["16.06.2024 Sun day off (exception) Kurban Ait"],
        "{out}"
    );
    // Saturday 4 May 2024 is a working day: not a day off. README: "lists the year's
    // non-working days and exceptions", so it shows as a working-day exception.
    assert_eq!(
        lines_for(&out, "04.05.2024"),
        ["04.05.2024 Sat working day (exception) moved from Wednesday 8 May"],
        "{out}"
    );
    // The fixed holidays are still there.
    out.stdout_has("07.05.2024 Tue Defender of the Fatherland Day")
        .stdout_has("16.12.2024 Mon Independence Day");
    // Another year is not affected.
    let other = desk.admin().args(["calendar", "show", "2025"]).run();
    other.code(OK);
    assert!(lines_for(&other, "08.05.2025").is_empty(), "{other}");
}

#[test]
fn calendar_import_replaces_the_years_exceptions() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK);
    let file = desk.write(
        "kurban-only.json",
        r#"{"year": 2024, "days": [{"date": "2024-06-17", "kind": "holiday", "note": "Kurban Ait, day 2"}]}"#,
    );
    desk.admin()
        .args(["calendar", "import"])
        .arg(&file)
        .run()
        .code(OK)
        .stdout_has("1 exception loaded for 2024");
    let out = desk.admin().args(["calendar", "show", "2024"]).run();
    out.code(OK);
    assert!(lines_for(&out, "08.05.2024").is_empty(), "{out}");
    assert!(lines_for(&out, "16.06.2024").is_empty(), "{out}");
    assert_eq!(
        lines_for(&out, "17.06.2024"),
        ["17.06.2024 Mon day off (exception) Kurban Ait, day 2"],
        "{out}"
    );
}

#[test]
fn calendar_file_with_a_date_outside_its_year_exits_3() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK);
    let file = fixture("calendar_2024_outside_year.json");
    let out = desk.admin().args(["calendar", "import"]).arg(&file).run();
    out.code(INVALID_INPUT).stdout_empty().stderr_has(&format!(
        "{}: entry 2 in \"days\" has the date 2025-05-08, which is not in the year 2024",
        file.display()
    ));
    assert_eq!(out.stderr_lines().len(), 1, "{out}");
    // The calendar imported before is untouched.
    let show = desk.admin().args(["calendar", "show", "2024"]).run();
    show.code(OK)
        .stdout_has("08.05.2024 Wed day off (exception)")
        .stdout_has("16.06.2024 Sun day off (exception) Kurban Ait");

    let out = desk
        .admin()
        .lang("ru")
        .args(["calendar", "import"])
        .arg(&file)
        .run();
    out.code(INVALID_INPUT)
        .stderr_has("в записи № 2 списка «days» дата 2025-05-08 не относится к 2024 году");
}

#[test]
fn calendar_bad_files_exit_3() {
    let desk = Desk::set_up();
    // (file text, part of the message)
    let table = [
        (
            r#"{"year": 2024, "days": ["#,
            "not valid JSON of the expected shape (line 1",
        ),
        (
            "garbage",
            "not valid JSON of the expected shape (line 1, column 1",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-05-04", "kind": "weekend"}]}"#,
            "unknown variant `weekend`",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-02-30", "kind": "holiday"}]}"#,
            "not valid JSON of the expected shape",
        ),
        (r#"{"days": []}"#, "missing field `year`"),
        (
            r#"{"year": 1999, "days": []}"#,
            "for the year 1999; expected a year from 2000 to 2100",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-05-08", "kind": "holiday"}, {"date": "2024-05-08", "kind": "working"}]}"#,
            "entry 2 in \"days\" repeats the date 2024-05-08, already listed in entry 1",
        ),
    ];
    for (i, (text, message)) in table.into_iter().enumerate() {
        let file = desk.write(&format!("cal-{i}.json"), text);
        let out = desk.admin().args(["calendar", "import"]).arg(&file).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(message);
        assert_eq!(out.stderr_lines().len(), 1, "{out}");
    }
    let show = desk.admin().args(["calendar", "show", "2024"]).run();
    show.code(OK);
    assert!(
        !show.stdout.contains("(exception)"),
        "a bad file left exceptions behind\n{show}"
    );

    let missing = desk.path("no-calendar.json");
    desk.admin()
        .args(["calendar", "import"])
        .arg(&missing)
        .run()
        .code(FILE)
        .stderr_has("cannot read the file");
}
