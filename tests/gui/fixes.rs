//! Three defects seen in the real window, fixed: Today's sync line holds the store's
//! counts and last sync from the start of the first round after login; the request open
//! on its screen says Sent once the sync sent it again after it was set aside; and a login
//! that built the search index says in words that the store is being encrypted (no "0 s
//! left", Cancel greyed out) instead of a full bar.

use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::domain::account::Role as StaffRole;
use iin_desk::domain::form::{validate_record, RequestForm};
use iin_desk::domain::request::Status;
use iin_desk::queue::protocol::DEFAULT_FILE_NAME;
use iin_desk::queue::sync::{sync_round, SyncConfig};
use iin_desk::queue::sync_worker::SyncStatus;
use iin_desk::state::{Command, Screen, StoreOpening};
use iin_desk::store::{NewUser, RequestFilter, Store};
use rusqlite::Connection;

use crate::support::*;

/// Steps the window until `done` holds of its sync status (at most 30 s).
fn step_until(f: &mut Fixture, what: &str, done: impl Fn(&Fixture, &SyncStatus) -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        f.harness.step();
        if let Some(s) = f.harness.state().state.sync.clone() {
            if done(f, &s) {
                f.harness.run();
                return;
            }
        }
        assert!(Instant::now() < deadline, "the window never showed {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The fixture's requests imported as accepted.
fn import_fixture(store: &mut Store) {
    let forms: Vec<RequestForm> =
        serde_json::from_str(include_str!("../fixtures/requests.json")).unwrap();
    let records: Vec<_> = forms
        .iter()
        .map(|f| validate_record(f, uuid::Uuid::new_v4(), start()).unwrap())
        .collect();
    store.import_records(&records, "admin", start()).unwrap();
}

/// A first round at [`start`] makes the office's central file in the data folder.
fn first_round(store: &mut Store, dir: &std::path::Path) {
    let config = SyncConfig::new(dir.join(DEFAULT_FILE_NAME), "admin");
    sync_round(store, &config, false, &start).unwrap();
}

#[test]
fn today_shows_what_waits_and_the_last_sync_while_the_first_round_runs() {
    let mut queued = 0;
    let mut key = None;
    let mut f = app_with(|dir| {
        let mut store = with_clerk_store(dir);
        first_round(&mut store, dir);
        // Then a morning offline.
        import_fixture(&mut store);
        queued = store.sync_counts_net().unwrap().to_push;
        key = store.queue_key().unwrap();
    });
    assert!(queued > 0);
    let dir = f._dir.path().to_path_buf();
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");

    // Another counter holds the central file: the first round waits in its first batch.
    let other = Connection::open(dir.join(DEFAULT_FILE_NAME)).unwrap();
    let hex: String = key
        .unwrap()
        .to_text()
        .chars()
        .filter(|c| *c != '-')
        .collect();
    other
        .execute_batch(&format!("PRAGMA key = \"x'{hex}'\"; BEGIN IMMEDIATE;"))
        .unwrap();
    f.harness.state_mut().start_sync(None).unwrap();
    f.harness.run();
    let s = f.harness.state().state.sync.clone().unwrap();
    assert_eq!(s.rounds, 0, "the first round has not ended");
    let waiting = format!("Waiting to be sent: {queued}");
    assert!(f.harness.query_by_label(&waiting).is_some(), "{waiting}");
    assert!(
        f.harness
            .query_by_label("Last sync: 25.11.2026 10:00:00")
            .is_some(),
        "the last sync from before the login"
    );
    assert!(f.harness.query_by_label("Last sync: not yet").is_none());

    // The other counter lets go: the round sends them all.
    other.execute_batch("COMMIT;").unwrap();
    drop(other);
    step_until(&mut f, "the end of the round", |_, s| s.rounds > 0);
    assert!(f.harness.query_by_label("Waiting to be sent: 0").is_some());
    assert!(f.harness.query_by_label("Last sync: not yet").is_none());
}

/// The fixture's requests, a supervisor, the first accepted request set aside, the others
/// sent by a first round.
fn with_one_set_aside_and_a_queue(dir: &std::path::Path) {
    let mut store = with_clerk_store(dir);
    let supervisor = NewUser {
        login: "s.super",
        full_name: "Saule Supervisor",
        role: StaffRole::Supervisor,
        password: "Super12345",
        must_change_password: false,
    };
    store.add_user(&supervisor, "admin", start()).unwrap();
    import_fixture(&mut store);
    let accepted = RequestFilter {
        status: Some(Status::Accepted),
        ..RequestFilter::default()
    };
    let id = store.list_requests(&accepted, 0, 1).unwrap()[0].id.clone();
    store.set_aside(&id, "conflict", "sync", start()).unwrap();
    first_round(&mut store, dir);
}

#[test]
fn the_open_request_says_sent_once_the_sync_sent_it_again() {
    let mut f = app_with(with_one_set_aside_and_a_queue);
    f.harness.run();
    log_in(&mut f, "s.super", "Super12345");
    let list = f.harness.state().store.set_aside_requests().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    let id = list[0].id.clone();
    f.harness.state_mut().start_sync(None).unwrap();
    step_until(&mut f, "the first round", |_, s| s.rounds > 0);
    let rounds = f.harness.state().state.sync.as_ref().unwrap().rounds;

    f.harness
        .state_mut()
        .state
        .ask(Command::Show(Screen::Request(id.clone())));
    f.harness.run();
    assert!(f.harness.query_by_label("Accepted").is_some());
    f.harness
        .get_by_role_and_label(Role::Button, "Send again")
        .click();
    f.harness.run();
    // The sync sends it, and the view, still open, follows without being reopened.
    step_until(&mut f, "the round that sends it", |_, s| s.rounds > rounds);
    assert_eq!(
        f.harness.state().store.request(&id).unwrap().status,
        Status::Sent
    );
    assert_eq!(f.harness.state().state.screen, Screen::Request(id.clone()));
    assert!(f.harness.query_by_label("Sent").is_some());
    assert!(f.harness.query_by_label("Accepted").is_none());
}

/// The login screen showing a store opening at `done` of `total`.
fn opening_at(done: u64, total: u64, encrypts: bool) -> Fixture {
    let mut f = app_with(with_clerk);
    f.harness.run();
    f.harness.state_mut().state.opening = Some(StoreOpening {
        done,
        total,
        started: Instant::now() - Duration::from_secs(10),
        cancel_requested: false,
        encrypts,
    });
    // The spinner keeps the window repainting.
    f.harness.run_steps(3);
    f
}

#[test]
fn the_login_says_the_store_is_being_encrypted_once_the_index_is_built() {
    // Building the index: the bar, its time left and Cancel.
    let f = opening_at(40_000, 100_000, true);
    assert!(f
        .harness
        .query_by_label("Preparing the search index… 40,000 of 100,000")
        .is_some());
    assert!(f.harness.query_by_label_contains(" left").is_some());
    let cancel = f
        .harness
        .get_by_role_and_label(Role::Button, "Cancel and log out");
    assert!(!cancel.accesskit_node().is_disabled());

    // Built: the store is being encrypted, in words, and nothing can stop it.
    let f = opening_at(100_000, 100_000, true);
    assert!(f
        .harness
        .query_by_label_contains("Step 2 of 2: encrypting the store…")
        .is_some());
    assert!(f
        .harness
        .query_by_label("This step cannot be stopped safely: please wait.")
        .is_some());
    assert!(f
        .harness
        .query_by_label_contains("100,000 of 100,000")
        .is_none());
    assert!(
        f.harness.query_by_label_contains(" left").is_none(),
        "no 0 s left"
    );
    let cancel = f
        .harness
        .get_by_role_and_label(Role::Button, "Cancel and log out");
    assert!(cancel.accesskit_node().is_disabled(), "Cancel greyed out");

    // An encrypted store only saves its index.
    let f = opening_at(100_000, 100_000, false);
    assert!(f
        .harness
        .query_by_label_contains("Saving the search index…")
        .is_some());
    assert!(f.harness.query_by_label_contains("encrypting").is_none());
}

#[test]
fn a_login_that_built_the_index_of_an_old_store_says_it_encrypts_it() {
    let mut f = app_with(crate::progress::before_the_index);
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    // Step until the index is built (or, too fast to see, the login ended).
    let deadline = Instant::now() + Duration::from_secs(120);
    let finishing = loop {
        f.harness.step();
        match f.harness.state().state.opening.clone() {
            Some(o) if o.finishing() => break Some(o),
            Some(_) => {}
            None if f.harness.state().opening.is_none() => break None,
            None => {}
        }
        assert!(Instant::now() < deadline, "the index never got built");
        std::thread::sleep(Duration::from_millis(20));
    };
    let o = finishing.expect("the encryption takes a moment: the window shows it");
    assert!(o.encrypts, "the previous version's store is plaintext");
    assert_eq!(o.total, crate::progress::INDEXED);
    f.harness.run_steps(2);
    assert!(f
        .harness
        .query_by_label_contains("Step 2 of 2: encrypting the store…")
        .is_some());
    assert!(f
        .harness
        .get_by_role_and_label(Role::Button, "Cancel and log out")
        .accesskit_node()
        .is_disabled());
    // The login then goes on by itself, with the recovery key of the encrypted store.
    let deadline = Instant::now() + Duration::from_secs(120);
    while f.harness.state().state.user.is_none() {
        assert!(Instant::now() < deadline, "the login never ended");
        std::thread::sleep(Duration::from_millis(20));
        f.harness.step();
    }
    assert!(f.harness.state().state.opening.is_none());
    assert!(f.harness.state().state.recovery_key.is_some());
}
