//! Issue 16's progress in the window: a long sync round shows a bar with its count, rate
//! and time left, and Cancel (found by its accessible label) stops it between two
//! batches — the committed batch is sent, the rest stays queued and the next round
//! sends it. A login whose migration builds the search index keeps the window drawing,
//! with a bar and Cancel: the migration rolls back and the user is logged out.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use iin_desk::cli::demo_cmds::demo_form;
use iin_desk::domain::form::validate_record;
use iin_desk::queue::protocol::DEFAULT_FILE_NAME;
use iin_desk::queue::sync::{sync_round, SyncConfig};
use iin_desk::queue::sync_worker::SyncStatus;
use iin_desk::store::SecretKey;
use rusqlite::Connection;
use uuid::Uuid;

use crate::support::*;

/// Steps the window until `done` holds of its sync status (at most 30 s).
fn step_until(f: &mut Fixture, what: &str, done: impl Fn(&Fixture, &SyncStatus) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        f.harness.step();
        if let Some(s) = f.harness.state().state.sync.clone() {
            if done(f, &s) {
                return;
            }
        }
        assert!(Instant::now() < deadline, "the window never showed {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_long_sync_shows_its_progress_and_cancel_stops_it_between_batches() {
    let key: RefCell<Option<(SecretKey, PathBuf)>> = RefCell::new(None);
    let queued: RefCell<u64> = RefCell::new(0);
    let mut f = app_with(|dir| {
        let mut store = with_clerk_store(dir);
        // A first, empty round makes the office's central file.
        let queue = dir.join(DEFAULT_FILE_NAME);
        sync_round(
            &mut store,
            &SyncConfig::new(queue.clone(), "admin"),
            false,
            &start,
        )
        .unwrap();
        // Then a day offline: a long outbox.
        let records: Vec<_> = (0..1_600)
            .map(|i| demo_form(11, i, start()))
            .filter_map(|form| validate_record(&form, Uuid::new_v4(), start()).ok())
            .collect();
        store.import_records(&records, "admin", start()).unwrap();
        *queued.borrow_mut() = store.sync_counts_net().unwrap().to_push;
        *key.borrow_mut() = Some((store.queue_key().unwrap().unwrap(), queue));
    });
    let queued = queued.into_inner();
    assert!(queued > 300, "a long outbox: {queued}");
    let (key, queue) = key.into_inner().unwrap();
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");

    // Another counter holds the central file: the round waits in its first batch.
    let other = Connection::open(&queue).unwrap();
    let hex: String = key.to_text().chars().filter(|c| *c != '-').collect();
    other
        .execute_batch(&format!("PRAGMA key = \"x'{hex}'\"; BEGIN IMMEDIATE;"))
        .unwrap();
    f.harness.state_mut().start_sync(None).unwrap();
    step_until(&mut f, "the bar", |_, s| s.progress.is_some());
    f.harness.run();
    let count = format!("Sending to the queue: 0 of {} requests", grouped_en(queued));
    assert!(f.harness.query_by_label(&count).is_some(), "{count}");
    f.harness
        .get_by_role_and_label(Role::Button, "Cancel sync")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label(
            "Stopping after the batch in flight; the rest stays queued for the next round."
        )
        .is_some());
    assert!(f
        .harness
        .query_by_role_and_label(Role::Button, "Cancel sync")
        .is_none());

    // The other counter lets go: the batch in flight commits, and the round stops.
    other.execute_batch("COMMIT;").unwrap();
    drop(other);
    step_until(&mut f, "the end of the round", |_, s| {
        !s.running && s.progress.is_none() && s.to_push < queued
    });
    let s = f.harness.state().state.sync.clone().unwrap();
    assert_eq!(s.to_push, queued - 100, "one batch sent, the rest queued");
    assert!(s.last_error.is_none(), "{:?}", s.last_error);
    f.harness.run();
    assert!(
        f.harness.query_by_label(&count).is_none(),
        "no bar between rounds"
    );

    // The next round sends the rest.
    f.harness
        .get_by_role_and_label(Role::Button, "Sync now")
        .click();
    step_until(&mut f, "the rest sent", |_, s| !s.running && s.to_push == 0);
    let s = f.harness.state().state.sync.clone().unwrap();
    assert_eq!(s.awaiting_result, queued, "nothing lost, nothing doubled");
}

/// `n` as the English window writes it: 5,000.
fn grouped_en(n: u64) -> String {
    iin_desk::queue::sync_progress::grouped(iin_desk::domain::lang::Lang::En, n)
}

/// Requests in the store whose login builds the search index.
pub(crate) const INDEXED: u64 = 60_000;

/// The previous version's store, plaintext and of schema version 2 (before the search
/// index), holding the administrator and [`INDEXED`] requests.
pub(crate) fn before_the_index(dir: &std::path::Path) {
    crate::old_store::before_the_index(dir, INDEXED, start());
}

/// Steps the window until `done` holds of it (at most 120 s).
fn step_while(f: &mut Fixture, what: &str, busy: impl Fn(&Fixture) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while busy(f) {
        assert!(Instant::now() < deadline, "the window never showed {what}");
        std::thread::sleep(Duration::from_millis(20));
        f.harness.step();
    }
}

#[test]
fn a_login_that_builds_the_search_index_shows_its_progress_and_cancel_logs_out() {
    let mut f = app_with(before_the_index);
    let dir = f._dir.path().to_path_buf();
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");

    // The window goes on drawing: the bar with the count, and Cancel.
    step_while(&mut f, "the index's progress", |f| {
        f.harness
            .state()
            .state
            .opening
            .as_ref()
            .is_none_or(|o| o.done == 0)
    });
    let opening = f.harness.state().state.opening.clone().unwrap();
    assert_eq!(opening.total, INDEXED);
    assert!(f.harness.state().state.user.is_none());
    let label = format!(
        "Preparing the search index… {} of {}",
        grouped_en(opening.done),
        grouped_en(INDEXED)
    );
    assert!(f.harness.query_by_label(&label).is_some(), "{label}");
    f.harness
        .get_by_role_and_label(Role::Button, "Cancel and log out")
        .click();
    f.harness.step();
    step_while(&mut f, "the cancelled opening", |f| {
        f.harness.state().state.opening.is_some()
    });
    f.harness.run();

    // Logged out, told so, the store as it was.
    assert!(f.harness.state().state.user.is_none());
    assert!(f
        .harness
        .query_by_label(
            "Opening the store was cancelled: nothing in it changed, and you are logged out. \
             The search index is prepared at the next login."
        )
        .is_some());
    assert_eq!(
        crate::old_store::schema_version(&dir),
        2,
        "the migration rolled back"
    );
    assert!(f
        .harness
        .query_by_role_and_label(Role::Button, "Log in")
        .is_some());

    // The next login builds it to the end and opens the store.
    log_in(&mut f, "admin", "Admin12345");
    step_while(&mut f, "the login", |f| {
        f.harness.state().state.user.is_none()
    });
    assert!(f.harness.state().state.opening.is_none());
    assert_eq!(
        f.harness.state().store.schema_version().unwrap(),
        iin_desk::store::Store::open_in_memory()
            .unwrap()
            .schema_version()
            .unwrap()
    );
}
