//! `search --set-aside`: the requests the central queue rejected, as the journal's filter
//! lists them (the same engine), each with its reason, in text and JSON; and `sync
//! --json`'s count of the due-date updates it sent and those still pending.
//!
//! The rejection is a real one: a second counter of the office pushed a request with the
//! same id and other data first, so this counter's push of it is a conflict.

use chrono::NaiveDate;
use iin_desk::store::journal::JournalFilter;
use iin_desk::store::Store;
use serde_json::Value;

use crate::support::*;

/// The fixture's first request: accepted, submitted on Friday 20.11.2026.
const CLASHING: &str = "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001";

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default()
}

fn open(desk: &Desk) -> Store {
    Store::unlock_in(&desk.data_dir(), ADMIN, ADMIN_PW, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store
}

/// The fixture's requests and a supervisor on this counter; the central queue file
/// `queue` already holds [`CLASHING`] with other data, pushed by a second counter of the
/// office (which has the office's queue key). Returns the queue's path.
fn desk_and_a_clashing_queue(desk: &Desk) -> String {
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    desk.add_user("s.super", "supervisor");
    let queue = desk.path("central.sqlite3").display().to_string();
    let key = desk.path("office-queue.key");
    desk.admin()
        .args(["key", "queue-export", "--out"])
        .arg(&key)
        .run()
        .code(OK);

    let other = Desk::set_up();
    other
        .admin()
        .args(["key", "queue-import"])
        .arg(&key)
        .run()
        .code(OK);
    let mut forms = read_json_array(&fixture("requests.json"));
    forms.retain(|f| f["id"] == CLASHING);
    forms[0]["applicant"]["name"] = "ANNA".into();
    let file = other.write(
        "clash.json",
        serde_json::to_string(&forms).unwrap_or_default(),
    );
    other.admin().arg("import").arg(&file).run().code(OK);
    let pushed = other
        .admin()
        .args(["--queue", &queue, "sync", "--json"])
        .run();
    pushed.code(OK);
    assert_eq!(pushed.json()["pushed"], 1, "{pushed}");
    queue
}

#[test]
fn search_set_aside_lists_what_the_queue_rejected_with_its_reason() {
    let desk = Desk::set_up();
    let queue = desk_and_a_clashing_queue(&desk);
    // Nothing is set aside before the round.
    desk.as_user("s.super", STAFF_PW)
        .args(["search", "--set-aside", "--json"])
        .run()
        .code(OK)
        .stdout_empty()
        .stderr_has("0 requests set aside found, 0 shown");

    // The round: the clash is set aside, the other accepted request goes.
    let round = desk
        .admin()
        .args(["--queue", &queue, "sync", "--json"])
        .run();
    let report = round.json();
    assert_eq!(report["set_aside"][0]["id"], CLASHING, "{round}");
    assert_eq!(report["set_aside"].as_array().map(Vec::len), Some(1));
    assert!(
        report["pushed"].as_u64().unwrap_or_default() >= 1,
        "{round}"
    );

    // JSON: the one request, with its reason as stored and as the window says it.
    let out = desk
        .as_user("s.super", STAFF_PW)
        .args(["search", "--set-aside", "--json"])
        .run();
    out.code(OK)
        .stderr_has("1 request set aside found, 1 shown");
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), 1, "{out}");
    let row: Value = serde_json::from_str(lines[0]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(row["id"], CLASHING);
    assert_eq!(row["status"], "accepted", "still accepted: not sent");
    assert_eq!(row["set_aside"]["reason"], "conflict");
    let message = row["set_aside"]["message"].as_str().unwrap_or_default();
    assert!(
        message.starts_with("Rejected by the central queue on ")
            && message.ends_with(
                "the queue already holds this request's id with other data, or it is another \
                 office's request"
            ),
        "{message}"
    );
    assert!(row["set_aside"]["at"].as_str().is_some(), "{row}");

    // The same requests as the window's journal filter "Set aside by the queue".
    let store = open(&desk);
    let filter = JournalFilter {
        set_aside: true,
        ..JournalFilter::default()
    };
    let window: Vec<String> = store
        .journal_page(&filter, None, 0, 50)
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(window, [CLASHING]);
    drop(store);

    // With a name: the set-aside filter and the name search together.
    // (name, how many)
    for (name, found) in [("testova", 1), ("тестова", 1), ("exampleva", 0)] {
        let out = desk
            .as_user("s.super", STAFF_PW)
            .args(["search", name, "--set-aside", "--json"])
            .run();
        out.code(OK);
        assert_eq!(out.stdout_lines().len(), found, "{name}: {out}");
    }

    // The table: the request's line, then why, in the user's language.
    let out = desk.admin().args(["search", "--set-aside"]).run();
    out.code(OK);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), 3, "header, row, reason: {out}");
    assert!(lines[1].contains(CLASHING), "{out}");
    assert!(lines[2]
        .trim_start()
        .starts_with("Rejected by the central queue on "));
    let out = desk
        .admin()
        .lang("ru")
        .args(["search", "--set-aside"])
        .run();
    out.code(OK)
        .stdout_has("в очереди уже есть заявка с этим идентификатором")
        .stderr_has("найдена 1 отложенная заявка, показано 1");
    desk.admin()
        .lang("kk")
        .args(["search", "--set-aside"])
        .run()
        .code(OK)
        .stderr_has("шетке қойылған 1 өтініш табылды, 1 көрсетілді");

    // Sent again (`queue retry`): no longer listed.
    desk.as_user("s.super", STAFF_PW)
        .args(["queue", "retry", CLASHING])
        .run()
        .code(OK);
    desk.as_user("s.super", STAFF_PW)
        .args(["search", "--set-aside", "--json"])
        .run()
        .code(OK)
        .stdout_empty();
    // A clerk may not search at all.
    desk.add_user("a.clerk", "clerk");
    desk.as_user("a.clerk", STAFF_PW)
        .args(["search", "--set-aside"])
        .run()
        .code(DENIED);
}

/// Imports a calendar with a holiday on `date` (2026); returns the due updates then
/// pending for the central queue.
fn holiday(desk: &Desk, date: &str) -> usize {
    let calendar = desk.write(
        &format!("holiday-{date}.json"),
        format!(
            r#"{{"year": 2026, "days": [{{"date": "{date}", "kind": "holiday", "note": "test"}}]}}"#
        ),
    );
    desk.admin()
        .args(["calendar", "import"])
        .arg(&calendar)
        .run()
        .code(OK);
    open(desk)
        .pending_due_updates()
        .unwrap_or_else(|e| panic!("{e}"))
        .len()
}

#[test]
fn sync_json_counts_the_due_date_updates_sent_and_pending() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let queue = desk.path("central.sqlite3").display().to_string();
    let sync = |extra: &[&str]| {
        desk.admin()
            .args(["--queue", &queue, "sync"])
            .args(extra.iter().copied())
            .run()
    };
    let first = sync(&["--json"]);
    first.code(OK);
    let first = first.json();
    assert_eq!(first["due_updates"]["sent"], 0, "{first}");
    assert_eq!(first["due_updates"]["pending"], 0, "{first}");
    assert!(first["pushed"].as_u64().unwrap_or_default() >= 2, "{first}");

    // A holiday on Monday 23.11.2026 moves the due dates of the open requests sent on
    // Friday: each is a due update pending for the central queue.
    let pending = holiday(&desk, "2026-11-23");
    assert!(
        pending >= 2,
        "the two requests of Friday at least: {pending}"
    );

    let second = sync(&["--json"]);
    second.code(OK);
    let second = second.json();
    assert_eq!(second["due_updates"]["sent"], pending, "{second}");
    assert_eq!(second["due_updates"]["pending"], 0, "{second}");
    assert_eq!(second["pushed"], 0, "the round's own fields stay: {second}");
    let left = open(&desk).pending_due_updates();
    assert!(left.is_ok_and(|l| l.is_empty()), "all done in the store");

    // Nothing more to send: zero both, and the text summary says nothing of due dates.
    let third = sync(&["--json"]);
    third.code(OK);
    assert_eq!(third.json()["due_updates"]["sent"], 0);
    sync(&[]).code(OK).stdout_lacks("New due dates");

    // In text, a round that sent some says how many.
    let pending = holiday(&desk, "2026-11-24");
    assert!(pending > 0);
    sync(&[]).code(OK).stdout_has(&format!(
        "New due dates: {pending} sent to the central queue, 0 still to send"
    ));
}
