//! A request the central queue really rejected (a second counter of the office pushed
//! another request with its id first), in the real window: a supervisor opens the
//! journal (Ctrl+F), chooses "Set aside by the queue" in its status filter and searches;
//! the one row found opens the request view with the reason's box; once the cause is
//! fixed, *Send again* puts it back in the outbox, the window's own sync sends it, and it
//! leaves the set-aside list. Clicks are at the English layout's places (1366x768), so
//! each step's outcome proves the one before: the first row after the filter is the
//! set-aside request only if the filter worked, and *Send again* is under the mouse only
//! in that request's view.

use iin_desk::domain::request::Status;
use iin_desk::queue::protocol::DEFAULT_FILE_NAME;
use iin_desk::store::{AuditQuery, Store};

use super::*;

/// The fixture's first request: accepted, not yet sent.
const CLASHING: &str = "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001";
const ADMIN: (&str, &str) = ("admin", "Admin12345");
const SUPERVISOR: (&str, &str) = ("s.super", "Super12345");
/// The set-aside box's background (`ui::theme::WARN_BG`).
const WARN_BG: (u8, u8, u8) = (0xfd, 0xf0, 0xd9);

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requests.json")
        .display()
        .to_string()
}

#[track_caller]
fn ok(result: (bool, String)) {
    assert!(result.0, "{}", result.1);
}

fn open(data: &Path) -> Store {
    let now = chrono::Local::now().naive_local();
    Store::unlock_in(data, ADMIN.0, ADMIN.1, now).unwrap().store
}

/// The fixture's requests and a supervisor in `data`; a second counter of the office
/// (`other`, set up, given the office's queue key) pushes [`CLASHING`] with another name to the
/// central file first, so this counter's sync sets it aside as a conflict.
fn a_real_conflict(data: &Path, other: &Path) {
    ok(cli(data, ADMIN, &["import", &fixture()], ""));
    let add = [
        "user",
        "add",
        SUPERVISOR.0,
        "--name",
        "Saule Supervisor",
        "--role",
        "supervisor",
        "--password-stdin",
    ];
    ok(cli(data, ADMIN, &add, &format!("{}\n", SUPERVISOR.1)));
    let key = other.join("office-queue.key");
    let key_s = key.display().to_string();
    ok(cli(
        data,
        ADMIN,
        &["key", "queue-export", "--out", &key_s],
        "",
    ));

    ok(cli(other, ADMIN, &["key", "queue-import", &key_s], ""));
    let forms: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(fixture()).unwrap()).unwrap();
    let mut clash: Vec<serde_json::Value> =
        forms.into_iter().filter(|f| f["id"] == CLASHING).collect();
    clash[0]["applicant"]["name"] = "ANNA".into();
    let file = other.join("clash.json");
    std::fs::write(&file, serde_json::to_string(&clash).unwrap()).unwrap();
    ok(cli(
        other,
        ADMIN,
        &["import", &file.display().to_string()],
        "",
    ));
    let queue = data.join(DEFAULT_FILE_NAME).display().to_string();
    ok(cli(other, ADMIN, &["--queue", &queue, "sync"], ""));

    // This counter's round: the clash is set aside (the round says so and exits 1).
    let (_, said) = cli(data, ADMIN, &["sync"], "");
    assert!(said.contains(CLASHING), "{said}");
    let aside = open(data).set_aside_requests().unwrap();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        (aside[0].id.as_str(), aside[0].reason.as_str()),
        (CLASHING, "conflict")
    );
}

/// The central file of `data`, opened with the office's key.
fn central(data: &Path) -> rusqlite::Connection {
    let key = open(data).queue_key().unwrap().unwrap();
    let hex: String = key.to_text().chars().filter(|c| *c != '-').collect();
    let conn = rusqlite::Connection::open(data.join(DEFAULT_FILE_NAME)).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{hex}'\"; PRAGMA busy_timeout = 10000;"
    ))
    .unwrap();
    conn
}

/// The content hash the central file holds for [`CLASHING`], if any.
fn central_hash(conn: &rusqlite::Connection) -> Option<String> {
    conn.query_row(
        "SELECT content_hash FROM requests WHERE id = ?1",
        [CLASHING],
        |r| r.get(0),
    )
    .ok()
}

fn click(display: &str, x: u32, y: u32, wait_ms: u64) {
    xdotool(
        display,
        &["mousemove", &x.to_string(), &y.to_string(), "click", "1"],
    );
    std::thread::sleep(Duration::from_millis(wait_ms));
}

#[test]
fn a_supervisor_finds_the_set_aside_request_reads_why_and_sends_it_again() {
    if !have_window_tools() {
        return;
    }
    let data = data_with_admin();
    let other = data_with_admin();
    a_real_conflict(data.path(), other.path());
    let theirs = central_hash(&central(data.path()));
    assert!(
        theirs.is_some(),
        "the other counter's request is in the queue"
    );

    // The English window (the places clicked are the English layout's).
    std::fs::write(data.path().join("language"), "en").unwrap();
    let (display, _xvfb) = xvfb(450);
    let app = window_logged_in(&display, data.path(), SUPERVISOR.0, SUPERVISOR.1);
    // Today shows the box once the login's store is open (seconds on a loaded machine).
    let (today, boxed) = photograph_until(
        &display,
        "xvfb-set-aside-today",
        (700, 150),
        |p| p == Some(WARN_BG),
        Duration::from_secs(60),
    );
    assert!(boxed, "Today's box, see {}", today.display());

    // The journal, its status filter "Set aside by the queue" (second in the list), Search.
    xdotool(&display, &["key", "ctrl+f"]);
    std::thread::sleep(Duration::from_millis(1500));
    screenshot(&display, "xvfb-set-aside-journal");
    click(&display, 1256, 47, 600);
    click(&display, 1213, 114, 600);
    // Search: Enter in the name field (the longer choice moves Search along the row).
    click(&display, 240, 47, 300);
    xdotool(&display, &["key", "Return"]);
    std::thread::sleep(Duration::from_millis(2000));
    screenshot(&display, "xvfb-set-aside-filtered");
    // The first row: the set-aside request (its view shows the box with the reason). The
    // search runs off the window's thread: on a loaded machine the row comes late, so the
    // click is repeated until the view opens.
    let mut view = (std::path::PathBuf::new(), false);
    for _ in 0..6 {
        click(&display, 300, 170, 500);
        view = photograph_until(
            &display,
            "xvfb-set-aside-view",
            (700, 150),
            |p| p == Some(WARN_BG),
            Duration::from_secs(5),
        );
        if view.1 {
            break;
        }
    }
    assert!(view.1, "the view's box, see {}", view.0.display());
    assert!(open(data.path())
        .set_aside_entry(CLASHING)
        .unwrap()
        .is_some());

    // The cause is fixed: the other counter's request leaves the queue.
    let queue = central(data.path());
    assert_eq!(
        queue
            .execute("DELETE FROM requests WHERE id = ?1", [CLASHING])
            .unwrap(),
        1
    );
    // Send again, in the view's box; the window asks its sync for a round at once.
    click(&display, 65, 192, 500);
    let start = Instant::now();
    let ours = loop {
        if let Some(hash) = central_hash(&queue) {
            break hash;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the request never reached the queue again"
        );
        std::thread::sleep(Duration::from_millis(500));
    };
    assert_ne!(
        Some(ours),
        theirs,
        "this counter's request, not the other's"
    );
    let (after, gone) = photograph_until(
        &display,
        "xvfb-set-aside-sent-again",
        (700, 150),
        |p| p != Some(WARN_BG),
        Duration::from_secs(30),
    );
    assert!(gone, "the box is gone, see {}", after.display());
    drop(app);
    drop(queue);

    // Sent, no longer set aside, and the audit names the supervisor.
    let store = open(data.path());
    assert!(store.set_aside_requests().unwrap().is_empty());
    assert_eq!(store.request(CLASHING).unwrap().status, Status::Sent);
    let retried: Vec<String> = store
        .audit_entries(&AuditQuery {
            request_id: Some(CLASHING.to_string()),
            limit: Some(100),
        })
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "request.set_aside_retry")
        .map(|e| e.actor)
        .collect();
    assert_eq!(retried, [SUPERVISOR.0]);
}
