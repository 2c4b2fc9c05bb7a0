//! A long sync round cancelled after its first batch: what the queue committed is marked
//! sent, the rest stays queued, and the next round sends it; nothing is lost or doubled.

use std::ops::ControlFlow;

use iin_desk::cli::demo_cmds::demo_form;
use iin_desk::queue::sync::{
    sync_round, sync_round_with_progress, Phase, PushProgress, SyncConfig,
};

use super::*;

#[test]
fn a_round_cancelled_after_its_first_batch_loses_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let admin = NewUser {
        login: "admin",
        full_name: "Admin",
        role: Role::Administrator,
        password: "Admin12345",
        must_change_password: false,
    };
    let (mut store, _recovery) = Store::create_in(&dir.path().join("counter"), &admin, now())
        .unwrap_or_else(|e| panic!("{e}"));
    let records: Vec<Record> = (0..1_600)
        .map(|i| demo_form(7, i, now()))
        .filter_map(|f| validate_record(&f, Uuid::new_v4(), now()).ok())
        .collect();
    store
        .import_records(&records, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let queued = store
        .sync_counts_net()
        .unwrap_or_else(|e| panic!("{e}"))
        .to_push;
    assert!(queued > 300, "a long outbox: {queued}");
    let mut config = SyncConfig::new(dir.path().join("queue.sqlite3"), "a.clerk");
    config.batch_size = 100;

    // Cancel is pressed while the first batch is in flight.
    let mut seen: Vec<PushProgress> = Vec::new();
    let report = sync_round_with_progress(&mut store, &config, false, &now, &mut |p| {
        seen.push(p);
        if p.done >= 100 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let push = |done| PushProgress {
        done,
        total: queued,
        phase: Phase::Push,
    };
    assert_eq!(
        seen,
        vec![push(0), push(100)],
        "it stopped after the first batch"
    );
    assert!(report.cancelled);
    assert_eq!(report.pushed, 100, "the committed batch is marked sent");
    assert!(
        report.newly_sent <= 100,
        "imported as sent ones are pushed, not newly sent"
    );
    let counts = store.sync_counts_net().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts.to_push, queued - 100, "the rest stays queued");
    assert_eq!(report.counts, counts);

    // The next round sends the rest, and only the rest.
    let next = sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert!(!next.cancelled);
    assert_eq!(next.pushed as u64, queued - 100);
    let counts = store.sync_counts_net().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(counts.to_push, 0);
    assert_eq!(
        counts.awaiting_result, queued,
        "every request sent once, none lost"
    );
    // The last round pushes nothing again.
    let last = sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(last.pushed, 0);
}
