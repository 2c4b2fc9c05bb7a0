//! A long sync in the real window: a counter offline for a day has thousands of requests
//! to send; after the login the window's own sync sends them with a progress bar on
//! Today, and *Cancel sync* (reached by keyboard: Shift+Tab from the scan box) stops the
//! round between two batches — what the queue committed is sent, the rest stays in the
//! outbox for the next round, nothing is lost or doubled.

use iin_desk::cli::demo_cmds::demo_form;
use iin_desk::domain::form::validate_record;
use iin_desk::queue::protocol::DEFAULT_FILE_NAME;
use iin_desk::store::Store;

use super::*;

const ADMIN: (&str, &str) = ("admin", "Admin12345");
/// Requests in the outbox: fifty batches of a hundred.
const OUTBOX: u64 = 5_000;
/// The pause after each batch (`iin_desk::pace`): the round lasts over ten seconds on any
/// machine, so it is still running when Cancel is pressed.
const PACE_MS: u64 = 200;
/// The bar's filled part (egui's selection colour in the light theme).
const BAR_FILL: (u8, u8, u8) = (0xc7, 0xdd, 0xf2);

fn open(data: &Path) -> Store {
    let now = chrono::Local::now().naive_local();
    Store::unlock_in(data, ADMIN.0, ADMIN.1, now).unwrap().store
}

/// Requests in the central file of `data`.
fn in_queue(data: &Path, key: &str) -> u64 {
    let conn = rusqlite::Connection::open(data.join(DEFAULT_FILE_NAME)).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{key}'\"; PRAGMA busy_timeout = 10000;"
    ))
    .unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM requests", [], |r| r.get(0))
        .unwrap();
    u64::try_from(n).unwrap()
}

#[test]
fn a_long_sync_shows_its_bar_and_cancel_stops_it_between_batches() {
    if !have_window_tools() {
        return;
    }
    let data = data_with_admin();
    // A first, empty round makes the office's central file; then a day offline.
    let (made, said) = cli(data.path(), ADMIN, &["sync"], "");
    assert!(made, "{said}");
    let key = {
        let mut store = open(data.path());
        let now = chrono::Local::now().naive_local();
        let records: Vec<_> = (0..)
            .map(|i| demo_form(23, i, now))
            .filter(|form| form.status == "accepted")
            .filter_map(|form| validate_record(&form, uuid::Uuid::new_v4(), now).ok())
            .take(usize::try_from(OUTBOX).unwrap())
            .collect();
        store.import_records(&records, ADMIN.0, now).unwrap();
        assert_eq!(store.sync_counts_net().unwrap().to_push, OUTBOX);
        let key = store.queue_key().unwrap().unwrap().to_text();
        key.chars().filter(|c| *c != '-').collect::<String>()
    };
    assert_eq!(in_queue(data.path(), &key), 0);

    std::fs::write(data.path().join("language"), "en").unwrap();
    let (display, _xvfb) = xvfb(650);
    // The login starts the round.
    let app = window_logging_in_paced(&display, data.path(), ADMIN.0, ADMIN.1, Some(PACE_MS));
    // The round starts a moment after the login (on a loaded machine, seconds): photograph
    // until the bar shows, for up to a minute.
    let (bar, shown) = photograph_until(
        &display,
        "xvfb-sync-progress",
        (25, 143),
        |p| p == Some(BAR_FILL),
        Duration::from_secs(60),
    );
    assert!(shown, "the bar, part done: see {}", bar.display());
    // From the scan box back over the two registers' buttons to Cancel sync.
    xdotool(
        &display,
        &[
            "key",
            "--delay",
            "50",
            "shift+Tab",
            "shift+Tab",
            "shift+Tab",
        ],
    );
    xdotool(&display, &["key", "space"]);
    std::thread::sleep(Duration::from_millis(300));
    screenshot(&display, "xvfb-sync-cancelling");

    // The round stops after the batch in flight: the count stays put, short of all.
    let start = Instant::now();
    let mut last = u64::MAX;
    let sent = loop {
        std::thread::sleep(Duration::from_millis(1500));
        let now = in_queue(data.path(), &key);
        if now == last {
            break now;
        }
        last = now;
        assert!(
            start.elapsed() < Duration::from_secs(12),
            "the round went on"
        );
    };
    drop(app);
    assert!(sent > 0 && sent < OUTBOX, "{sent} of {OUTBOX} sent");
    assert_eq!(sent % 100, 0, "whole batches: {sent}");
    let counts = open(data.path()).sync_counts_net().unwrap();
    assert_eq!(counts.to_push, OUTBOX - sent, "the rest stays queued");
    assert_eq!(
        counts.awaiting_result, sent,
        "nothing lost, nothing doubled"
    );
}
