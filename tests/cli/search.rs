//! `search`: the journal's search from the command line, the same engine and the same
//! results as the window's; drafts with what was typed so far; bad options named.

use chrono::NaiveDate;
use iin_desk::domain::form::RequestForm;
use iin_desk::store::{RequestFilter, Store};
use serde_json::Value;

use crate::support::*;

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default()
}

/// An installation with the fixture requests, a supervisor and a clerk's unfinished draft.
fn desk() -> Desk {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    desk.add_user("s.super", "supervisor");
    desk.add_user("a.clerk", "clerk");
    let mut store = Store::unlock_in(&desk.data_dir(), ADMIN, ADMIN_PW, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    let mut draft = RequestForm {
        id: "5f0c8e0a-0000-4000-8000-00000000d0a1".into(),
        clerk: "a.clerk".into(),
        ..RequestForm::default()
    };
    draft.applicant.surname = "NURLANOVA".into();
    draft.applicant.surname_cyr = "НҰРЛАНОВА".into();
    draft.applicant.document_number = "N77".into();
    store
        .save_draft(&draft, "a.clerk", now())
        .unwrap_or_else(|e| panic!("{e}"));
    desk
}

fn lines_json(out: &Out) -> Vec<Value> {
    out.stdout_lines()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

fn ids_of(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn finds_what_the_window_finds_by_name_iin_and_document() {
    let desk = desk();
    let store = Store::unlock_in(&desk.data_dir(), ADMIN, ADMIN_PW, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    let window = |f: RequestFilter| -> Vec<String> {
        store
            .list_requests(&f, 0, 50)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    let name = |n: &str| RequestFilter {
        name: Some(n.into()),
        ..RequestFilter::default()
    };
    // (arguments, the window's filter, how many)
    let table: Vec<(Vec<&str>, RequestFilter, usize)> = vec![
        (vec!["тестова"], name("тестова"), 1),
        (vec!["ТЕСТ"], name("тест"), 1),
        (vec!["mann"], name("mann"), 1),
        (vec!["ахмед"], name("ахмед"), 1),
        (
            vec!["850315300029"],
            RequestFilter {
                iin: Some("850315300029".into()),
                ..RequestFilter::default()
            },
            1,
        ),
        (
            vec!["fa0000001"],
            RequestFilter {
                doc_number: Some("FA0000001".into()),
                ..RequestFilter::default()
            },
            1,
        ),
        (vec![], RequestFilter::default(), 5),
        (
            vec!["--from", "20.11.2026", "--to", "2026-11-20"],
            RequestFilter {
                from: NaiveDate::from_ymd_opt(2026, 11, 20),
                to: NaiveDate::from_ymd_opt(2026, 11, 20),
                ..RequestFilter::default()
            },
            2,
        ),
        (
            vec!["--status", "accepted", "--limit", "1"],
            RequestFilter {
                status: Some(iin_desk::domain::request::Status::Accepted),
                ..RequestFilter::default()
            },
            2,
        ),
        // The draft is not in the journal of requests.
        (vec!["нұрлан"], name("нұрлан"), 0),
    ];
    for (args, filter, found) in table {
        let out = desk
            .as_user("s.super", STAFF_PW)
            .arg("search")
            .args(args.iter().copied())
            .arg("--json")
            .run();
        out.code(OK);
        let got = ids_of(&lines_json(&out));
        let limit = if args.contains(&"--limit") { 1 } else { 50 };
        let mut want = window(filter);
        want.truncate(limit);
        assert_eq!(got, want, "{args:?}");
        let plural = if found == 1 { "request" } else { "requests" };
        out.stderr_has(&format!("{found} {plural} found, {} shown", want.len()));
    }
}

#[test]
fn drafts_show_what_was_typed_so_far() {
    let desk = desk();
    let out = desk
        .admin()
        .args(["search", "нұрлан", "--status", "draft", "--json"])
        .run();
    out.code(OK);
    let rows = lines_json(&out);
    assert_eq!(rows.len(), 1, "{out}");
    let d = &rows[0];
    assert_eq!(d["status"], "draft");
    assert_eq!(d["name"], "НҰРЛАНОВА");
    assert_eq!(d["doc_number"], "N77");
    assert_eq!(d["clerk"], "a.clerk");
    assert_eq!(d["created_at"], "2026-11-25T09:30:00");
    // The table: a header and the draft's line with when it was started.
    let out = desk.admin().args(["search", "--status", "draft"]).run();
    out.code(OK);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("Time"), "{out}");
    for part in [
        "2026-11-25 09:30:00",
        "draft",
        "a.clerk",
        "N77",
        "НҰРЛАНОВА",
    ] {
        assert!(lines[1].contains(part), "{part} in {out}");
    }
}

#[test]
fn bad_input_is_refused_naming_the_option() {
    let desk = desk();
    // (arguments, exit code, what stderr says)
    let table: [(&[&str], u8, &str); 6] = [
        (
            &["search", "ab"],
            INVALID_INPUT,
            "QUERY \"ab\" is too short: type at least 3 characters",
        ),
        (
            &["search", "x", "--status", "done"],
            INVALID_INPUT,
            "--status: \"done\" is not a status",
        ),
        (
            &["search", "--from", "31.02.2026"],
            INVALID_INPUT,
            "--from: \"31.02.2026\" is not a date",
        ),
        (
            &["search", "--to", "tomorrow"],
            INVALID_INPUT,
            "--to: \"tomorrow\" is not a date",
        ),
        (
            &["search", "--limit", "0"],
            INVALID_INPUT,
            "--limit: \"0\" is not a number of rows",
        ),
        (
            &["search", "--limit", "many"],
            INVALID_INPUT,
            "--limit: \"many\"",
        ),
    ];
    for (args, code, says) in table {
        desk.admin()
            .args(args.iter().copied())
            .run()
            .code(code)
            .stderr_has(says);
    }
    // In Russian too.
    desk.admin()
        .lang("ru")
        .args(["search", "--limit", "0"])
        .run()
        .code(INVALID_INPUT)
        .stderr_has("--limit: \"0\" — не число строк");
}

#[test]
fn only_supervisors_and_administrators_may_search() {
    let desk = desk();
    desk.as_user("a.clerk", STAFF_PW)
        .args(["search", "тестова"])
        .run()
        .code(DENIED);
    desk.as_user("s.super", STAFF_PW)
        .args(["search", "тестова"])
        .run()
        .code(OK)
        .stdout_has("ТЕСТОВА");
}
