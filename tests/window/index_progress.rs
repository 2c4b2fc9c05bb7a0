//! A login that builds the search index (a store of the version before it), in the real
//! window: the login screen keeps drawing a bar with the count and *Cancel and log out*;
//! Cancel rolls the migration back (the store stays at schema version 2) and logs out;
//! the next login builds the index to the end and opens the store, whose search finds.

use iin_desk::store::Store;

use super::*;

/// Requests the index is built over: six slices of `INDEX_SLICE`.
const INDEXED: u64 = 60_000;
/// The pause at each slice (`iin_desk::pace`): the build lasts about ten seconds on any
/// machine, long enough to photograph its bar and press Cancel, short enough to wait for.
const PACE_MS: u64 = 1_500;
/// The bar's filled part (egui's selection colour in the light theme).
const BAR_FILL: (u8, u8, u8) = (0xc7, 0xdd, 0xf2);
/// The window's background (`ui::theme`'s light panel).
const BLANK: (u8, u8, u8) = (0xfb, 0xfb, 0xf9);

#[test]
fn a_login_building_the_search_index_shows_its_bar_and_cancel_logs_out() {
    if !have_window_tools() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    old_store::before_the_index(data.path(), INDEXED, chrono::Local::now().naive_local());
    std::fs::write(data.path().join("language"), "en").unwrap();
    let (display, _xvfb) = xvfb(850);
    let app = window_logging_in_paced(&display, data.path(), "admin", "Admin12345", Some(PACE_MS));

    // The login screen draws the bar, filled past its rounded left end once the first
    // slice is indexed; then Cancel and log out, right of the rate (which moves it).
    let (shot, bar) = photograph_until(
        &display,
        "xvfb-index-progress",
        (470, 198),
        |p| p == Some(BAR_FILL),
        Duration::from_secs(60),
    );
    assert!(bar, "no bar, see {}", shot.display());
    let cancel = rightmost_button(&shot, 227).expect("Cancel and log out");
    assert!(cancel > 560, "Cancel right of the rate: x = {cancel}");
    xdotool(
        &display,
        &["mousemove", &cancel.to_string(), "227", "click", "1"],
    );
    // The build stops at the end of the slice in flight, the login screen comes back.
    let (shot, gone) = photograph_until(
        &display,
        "xvfb-index-cancelled",
        (470, 198),
        |p| p != Some(BAR_FILL),
        Duration::from_secs(30),
    );
    assert!(gone, "the bar stays, see {}", shot.display());
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(
        old_store::schema_version(data.path()),
        2,
        "the migration rolled back"
    );

    // Logged out, the login field has the keyboard: the next login builds the index to
    // the end and opens the store.
    xdotool(&display, &["type", "--delay", "20", "admin"]);
    xdotool(&display, &["key", "Return"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["type", "--delay", "20", "Admin12345"]);
    xdotool(&display, &["key", "Return"]);
    // Today is drawn once the store is open (its tab highlighted in the top bar, where
    // the login screen is blank; a plaintext store of the earlier version is encrypted
    // after its migration, under the full bar).
    let (shot, opened) = photograph_until(
        &display,
        "xvfb-index-built",
        (147, 15),
        |p| p.is_some_and(|p| p != BLANK),
        Duration::from_secs(120),
    );
    assert!(opened, "the store never opened, see {}", shot.display());
    std::thread::sleep(Duration::from_secs(1));
    drop(app);
    let now = chrono::Local::now().naive_local();
    let store = Store::unlock_in(data.path(), "admin", "Admin12345", now)
        .unwrap()
        .store;
    let current = Store::open_in_memory().unwrap().schema_version().unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        current,
        "the index was built"
    );
    let name = iin_desk::store::RequestFilter {
        name: Some(format!("name{:05}", INDEXED - 1)),
        ..iin_desk::store::RequestFilter::default()
    };
    assert_eq!(store.journal_count(&name).unwrap(), 1, "and it finds");
}
