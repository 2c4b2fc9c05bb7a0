//! Issue 16's progress in the window: a long sync round shows a bar with its count, rate
//! and time left, and Cancel (found by its accessible label) stops it between two
//! batches — the committed batch is sent, the rest stays queued and the next round
//! sends it.

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use iin_desk::cli::demo_cmds::demo_form;
use iin_desk::domain::form::validate_record;
use iin_desk::queue::protocol::DEFAULT_FILE_NAME;
use iin_desk::queue::sync::{sync_round, SyncConfig, SyncStatus};
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
