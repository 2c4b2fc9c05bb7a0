//! `calendar import` recomputes the due dates of the open requests it affects
//! (issue 15, item 5).
//!
//! The fixture's requests: 0001 and 0002 accepted Friday 20.11.2026 at 10:15 and 11:00
//! (due Monday 23.11 18:30), 0003 sent Thursday 19.11 at 9:30 (due Friday 20.11), 0004
//! refused to accept (no due date), 0005 formed (final: its due date stays).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::*;

const ID: &str = "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a000";

/// Every stored request's due date, by the last digit of its id.
fn due_dates(desk: &Desk) -> BTreeMap<String, Option<String>> {
    let out = desk.admin().args(["search", "--json"]).run();
    out.code(OK);
    out.stdout_lines()
        .into_iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .map(|row| {
            let id = row["id"].as_str().unwrap_or_default();
            let key = id.strip_prefix(ID).unwrap_or(id).to_string();
            (key, row["due_at"].as_str().map(str::to_string))
        })
        .collect()
}

fn expected(rows: &[(&str, Option<&str>)]) -> BTreeMap<String, Option<String>> {
    rows.iter()
        .map(|(k, v)| ((*k).to_string(), v.map(str::to_string)))
        .collect()
}

fn holidays(desk: &Desk, name: &str, dates: &[&str]) -> std::path::PathBuf {
    let days: Vec<String> = dates
        .iter()
        .map(|d| format!(r#"{{"date": "{d}", "kind": "holiday", "note": "test"}}"#))
        .collect();
    desk.write(
        name,
        format!(r#"{{"year": 2026, "days": [{}]}}"#, days.join(", ")),
    )
}

fn imported(requests: &[Value]) -> Desk {
    let desk = Desk::set_up();
    let file = desk.write(
        "requests.json",
        serde_json::to_string(requests).unwrap_or_else(|e| panic!("{e}")),
    );
    desk.admin().arg("import").arg(&file).run().code(OK);
    desk
}

#[test]
fn a_calendar_import_recomputes_the_open_requests_it_affects() {
    let desk = imported(&read_json_array(&fixture("requests.json")));
    let before = due_dates(&desk);
    assert_eq!(
        before,
        expected(&[
            ("1", Some("2026-11-23T18:30:00")),
            ("2", Some("2026-11-23T18:30:00")),
            ("3", Some("2026-11-20T18:30:00")),
            ("4", None),
            ("5", Some("2026-11-18T18:30:00")),
        ])
    );

    // Monday 23 November becomes a day off: the two accepted requests move to Tuesday;
    // the sent one (due Friday) is not affected.
    let monday = holidays(&desk, "monday.json", &["2026-11-23"]);
    desk.admin()
        .lang("ru")
        .args(["calendar", "import"])
        .arg(&monday)
        .run()
        .code(OK)
        .stdout_has("пересчитаны сроки 2 заявок");
    let mut now = before.clone();
    now.insert("1".into(), Some("2026-11-24T18:30:00".into()));
    now.insert("2".into(), Some("2026-11-24T18:30:00".into()));
    assert_eq!(due_dates(&desk), now);

    // Friday 20 and Wednesday 18 too: the accepted ones (submitted on a day that is now
    // off) are received Tuesday and due Wednesday 25; the sent one is due Tuesday 24;
    // the formed request keeps its due date though 18 November is now a day off.
    let more = holidays(
        &desk,
        "more.json",
        &["2026-11-18", "2026-11-20", "2026-11-23"],
    );
    desk.admin()
        .args(["calendar", "import"])
        .arg(&more)
        .run()
        .code(OK)
        .stdout_has("3 exceptions loaded for 2026")
        .stdout_has("due dates recomputed for 3 requests");
    assert_eq!(
        due_dates(&desk),
        expected(&[
            ("1", Some("2026-11-25T18:30:00")),
            ("2", Some("2026-11-25T18:30:00")),
            ("3", Some("2026-11-24T18:30:00")),
            ("4", None),
            ("5", Some("2026-11-18T18:30:00")),
        ])
    );

    // The same file again changes nothing.
    desk.admin()
        .args(["calendar", "import"])
        .arg(&more)
        .run()
        .code(OK)
        .stdout_has("due dates recomputed for 0 requests");
    // Another year's file affects none of them.
    let other = desk.write(
        "2027.json",
        r#"{"year": 2027, "days": [{"date": "2027-01-04", "kind": "holiday"}]}"#,
    );
    desk.admin()
        .lang("kk")
        .args(["calendar", "import"])
        .arg(&other)
        .run()
        .code(OK)
        .stdout_has("0 өтініштің мерзімі қайта есептелді");
    assert_eq!(
        due_dates(&desk)["1"].as_deref(),
        Some("2026-11-25T18:30:00")
    );
}

#[test]
fn one_recomputed_request_is_counted_in_the_singular() {
    // Only the sent request (0003) and the closed ones.
    let requests: Vec<Value> = read_json_array(&fixture("requests.json"))
        .into_iter()
        .filter(|r| !matches!(r["status"].as_str(), Some("accepted")))
        .collect();
    let desk = imported(&requests);
    let friday = holidays(&desk, "friday.json", &["2026-11-20"]);
    desk.admin()
        .lang("ru")
        .args(["calendar", "import"])
        .arg(&friday)
        .run()
        .code(OK)
        .stdout_has("пересчитан срок 1 заявки");
    // Friday off: due Monday 23 November.
    assert_eq!(
        due_dates(&desk)["3"].as_deref(),
        Some("2026-11-23T18:30:00")
    );
}
