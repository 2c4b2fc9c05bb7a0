//! `export`.

use crate::support::*;

#[test]
fn export_round_trip_is_stable() {
    let a_store = Desk::set_up();
    let b_store = Desk::set_up();
    a_store
        .admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let a = a_store.path("a.json");
    a_store
        .admin()
        .arg("export")
        .arg("--out")
        .arg(&a)
        .run()
        .code(OK)
        .stdout_has(&format!("5 requests written to {}", a.display()));
    b_store
        .admin()
        .arg("import")
        .arg(&a)
        .run()
        .code(OK)
        .stdout_has("5 requests stored");
    let b = b_store.path("b.json");
    b_store
        .admin()
        .arg("export")
        .arg("--out")
        .arg(&b)
        .run()
        .code(OK);
    let (a_json, b_json) = (read_json(&a), read_json(&b));
    assert_eq!(a_json, b_json);
    assert_eq!(
        ids(a_json.as_array().map(Vec::as_slice).unwrap_or_default()),
        fixture_ids()
    );
    // The export is normalized: the German "D" is written as its ISO code.
    let erika = &a_json[0];
    assert_eq!(erika["applicant"]["citizenship"], "DEU");
    assert_eq!(erika["result"]["iin"], "850315300029");
}

#[test]
fn export_filters_by_submission_date() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let id = |n: usize| FIXTURE_IDS_OLDEST_FIRST[n].to_string();
    // (--from, --to, ids oldest first)
    let table: [(Option<&str>, Option<&str>, Vec<String>); 8] = [
        (None, None, fixture_ids()),
        (Some("2026-11-19"), Some("2026-11-19"), vec![id(2)]),
        (Some("2026-11-20"), None, vec![id(3), id(4)]),
        (None, Some("2026-11-18"), vec![id(0), id(1)]),
        (Some("2026-11-17"), Some("2026-11-19"), vec![id(1), id(2)]),
        (Some("2026-11-16"), Some("2026-11-16"), vec![id(0)]),
        (Some("2026-11-21"), None, vec![]),
        (Some("2026-11-20"), Some("2026-11-19"), vec![]),
    ];
    for (i, (from, to, expected)) in table.into_iter().enumerate() {
        let out_file = desk.path(&format!("range-{i}.json"));
        let mut call = desk.admin().arg("export").arg("--out").arg(&out_file);
        if let Some(from) = from {
            call = call.args(["--from", from]);
        }
        if let Some(to) = to {
            call = call.args(["--to", to]);
        }
        call.run().code(OK).stdout_has(&match expected.len() {
            1 => "1 request written".to_string(),
            n => format!("{n} requests written"),
        });
        assert_eq!(
            ids(&read_json_array(&out_file)),
            expected,
            "--from {from:?} --to {to:?}"
        );
    }
}

#[test]
fn export_with_a_bad_date_exits_3_and_writes_nothing() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out_file = desk.path("bad-range.json");
    // (option, value)
    let table = [
        ("--from", "2026-13-01"),
        ("--from", "2026-02-30"),
        ("--from", "yesterday"),
        ("--from", ""),
        ("--to", "2026/11/20"),
        ("--to", "20261120"),
    ];
    for (option, value) in table {
        desk.admin()
            .arg("export")
            .arg("--out")
            .arg(&out_file)
            .args([option, value])
            .run()
            .code(INVALID_INPUT)
            .stdout_empty()
            .stderr_has(&format!(
                "{option}: {value:?} is not a date; YYYY-MM-DD is expected"
            ));
        assert!(!out_file.exists(), "{option} {value:?} wrote the file");
    }
}

#[test]
fn export_warns_about_personal_data_and_protects_the_file() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out_file = desk.path("export.json");
    // An older file in the way, readable by everyone: it is replaced.
    std::fs::write(&out_file, "old").unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    desk.admin()
        .arg("export")
        .arg("--out")
        .arg(&out_file)
        .run()
        .code(OK)
        .stdout_has("The file holds personal data: keep it somewhere protected.");
    assert_eq!(read_json_array(&out_file).len(), 5);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file)
            .map(|m| m.permissions().mode())
            .unwrap_or_default();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(desk.tmp.path())
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|n| n.to_string_lossy().contains(".tmp-"))
                .collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    for (lang, text) in [("kk", "дербес деректер"), ("ru", "персональные данные")]
    {
        desk.admin()
            .lang(lang)
            .arg("export")
            .arg("--out")
            .arg(&out_file)
            .run()
            .code(OK)
            .stdout_has(text);
    }
}

#[test]
fn export_to_an_unwritable_place_exits_5() {
    let desk = Desk::set_up();
    let a_dir = desk.path("a-dir");
    std::fs::create_dir(&a_dir).unwrap_or_else(|e| panic!("{e}"));
    let table = [desk.path("no-such-dir").join("out.json"), a_dir.clone()];
    for target in table {
        desk.admin()
            .arg("export")
            .arg("--out")
            .arg(&target)
            .run()
            .code(FILE)
            .stdout_empty()
            .stderr_has("cannot write the file");
    }
    assert!(!desk.path("no-such-dir").exists());
    assert!(a_dir.is_dir(), "the directory in the way is left alone");
}
