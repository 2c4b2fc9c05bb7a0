//! Encryption at rest: the raw bytes of the store and of the central queue file hold none
//! of an applicant's data; a wrong key fails cleanly and leaves the file as it was; every
//! active account unlocks, a disabled one does not, the recovery and machine keys do; the
//! lockout; a plaintext store of the previous version is encrypted in place with every
//! record intact.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use iin_desk::domain::account::Role;
use iin_desk::domain::form::{validate_record, Record, RequestForm};
use iin_desk::queue::central::{Central, CentralOptions, OpenMode};
use iin_desk::queue::sync::{sync_round, SyncConfig};
use iin_desk::queue::QueueError;
use iin_desk::store::{
    AuthError, KeyFile, LockoutPolicy, NewUser, RequestFilter, SecretKey, SlotKind, Store,
    StoreError, StoreState, DB_FILE_NAME,
};
use uuid::Uuid;

const ADMIN_PW: &str = "Admin-passphrase-1";
const CLERK_PW: &str = "Clerk-passphrase-1";

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

fn forms() -> Vec<RequestForm> {
    serde_json::from_str(include_str!("fixtures/requests.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn records() -> Vec<Record> {
    forms()
        .iter()
        .map(|f| validate_record(f, Uuid::new_v4(), now()).unwrap_or_else(|e| panic!("{e:?}")))
        .collect()
}

/// Names, IINs and document numbers of the fixture's applicants (long enough to be
/// meaningful in a byte search).
fn personal_data() -> Vec<String> {
    let mut out = Vec::new();
    for f in forms() {
        let a = &f.applicant;
        let current = f.correction.as_ref().map(|c| c.current_iin.clone());
        for v in [
            &a.surname,
            &a.name,
            &a.document_number,
            &current.unwrap_or_default(),
        ] {
            if v.trim().len() >= 5 {
                out.push(v.trim().to_string());
            }
        }
    }
    assert!(out.len() >= 5, "the fixture has personal data: {out:?}");
    out
}

fn admin() -> NewUser<'static> {
    NewUser {
        login: "admin",
        full_name: "Admin",
        role: Role::Administrator,
        password: ADMIN_PW,
        must_change_password: false,
    }
}

fn clerk(login: &'static str) -> NewUser<'static> {
    NewUser {
        login,
        full_name: "Clerk",
        role: Role::Clerk,
        password: CLERK_PW,
        must_change_password: false,
    }
}

/// Every byte of the files in `dir` (the database, its WAL, the key file, the queue).
fn all_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let n = needle.as_bytes();
    haystack.windows(n.len()).any(|w| w == n)
}

#[test]
fn the_raw_bytes_of_the_store_and_the_central_file_hold_no_personal_data() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    let (mut store, _recovery) =
        Store::create_in(&data, &admin(), now()).unwrap_or_else(|e| panic!("{e}"));
    store
        .import_records(&records(), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let config = SyncConfig::new(share.join("central-queue.sqlite3"), "admin");
    let report = sync_round(&mut store, &config, false, &now).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.pushed > 0, "something reached the central file");

    // The data are there, readable through the key …
    let stored = store
        .list_requests(&RequestFilter::default(), 0, 100)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!stored.is_empty());
    // … and nowhere in the bytes on disk, WAL included (the store is still open).
    let mut files = all_bytes(&data);
    files.extend(all_bytes(&share));
    assert!(files.iter().any(|(n, _)| n == DB_FILE_NAME));
    assert!(files.iter().any(|(n, _)| n == "central-queue.sqlite3"));
    for (name, bytes) in &files {
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{name} is not encrypted"
        );
        for value in personal_data() {
            assert!(!contains(bytes, &value), "{name} holds {value:?}");
        }
    }
}

#[test]
fn a_wrong_key_fails_cleanly_and_leaves_the_file_unchanged() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut store, _recovery) =
        Store::create_in(dir.path(), &admin(), now()).unwrap_or_else(|e| panic!("{e}"));
    store
        .import_records(&records(), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    let db = dir.path().join(DB_FILE_NAME);
    let before = all_bytes(dir.path());
    match Store::open_encrypted(&db, &SecretKey::random()) {
        Err(StoreError::WrongKey { .. }) => {}
        other => panic!("expected WrongKey, got {other:?}"),
    }
    for (login, password) in [("admin", "Wrong-passphrase-1"), ("nobody", ADMIN_PW)] {
        assert!(matches!(
            Store::unlock_in(dir.path(), login, password, now()),
            Err(AuthError::Denied)
        ));
    }
    let after = all_bytes(dir.path());
    let unchanged = |files: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .filter(|(n, _)| n.starts_with(DB_FILE_NAME))
            .cloned()
            .collect()
    };
    assert_eq!(
        unchanged(&after),
        unchanged(&before),
        "the database was not touched"
    );

    // The central file: another office's key is refused, the file stays as it was.
    let queue = dir.path().join("central.sqlite3");
    let key = SecretKey::random();
    drop(
        Central::open(
            &queue,
            OpenMode::CreateIfMissing,
            CentralOptions::default(),
            &key,
        )
        .unwrap_or_else(|e| panic!("{e}")),
    );
    let bytes = std::fs::read(&queue).unwrap_or_default();
    let result = Central::open(
        &queue,
        OpenMode::MustExist,
        CentralOptions::default(),
        &SecretKey::random(),
    );
    assert!(
        matches!(result, Err(QueueError::WrongKey { .. })),
        "{result:?}"
    );
    assert_eq!(std::fs::read(&queue).unwrap_or_default(), bytes);
    let names: Vec<String> = all_bytes(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert!(
        !names.iter().any(|n| n.ends_with("-journal")),
        "no journal left: {names:?}"
    );
}

#[test]
fn every_active_account_unlocks_a_disabled_one_does_not_the_recovery_and_machine_keys_do() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut store, recovery) =
        Store::create_in(dir.path(), &admin(), now()).unwrap_or_else(|e| panic!("{e}"));
    for login in ["clerk.a", "clerk.b", "clerk.c"] {
        store
            .add_user(&clerk(login), "admin", now())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    store
        .set_user_active("clerk.c", false, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let machine = store
        .create_machine_key("admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);

    for (login, password) in [
        ("admin", ADMIN_PW),
        ("clerk.a", CLERK_PW),
        ("clerk.b", CLERK_PW),
    ] {
        let unlocked = Store::unlock_in(dir.path(), login, password, now())
            .unwrap_or_else(|e| panic!("{login}: {e}"));
        assert_eq!(unlocked.user.login, login);
    }
    assert!(matches!(
        Store::unlock_in(dir.path(), "clerk.c", CLERK_PW, now()),
        Err(AuthError::Denied)
    ));
    let keys = KeyFile::load(&dir.path().join(iin_desk::store::vault::KEY_FILE_NAME))
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no key file"));
    assert!(
        !keys.has_slot(SlotKind::Account, Some("clerk.c")),
        "a disabled account has no key slot"
    );

    // A password change re-seals one slot: the old password no longer opens the store.
    let mut store = Store::unlock_in(dir.path(), "admin", ADMIN_PW, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    store
        .set_password("clerk.a", "Clerk-passphrase-2", false, "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    assert!(Store::unlock_in(dir.path(), "clerk.a", CLERK_PW, now()).is_err());
    assert!(Store::unlock_in(dir.path(), "clerk.a", "Clerk-passphrase-2", now()).is_ok());

    // The recovery key and the machine key open the store; a random key does not.
    let mut store = Store::unlock_with_recovery_in(dir.path(), &recovery, now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(store.users().unwrap_or_default().len() >= 4);
    // A new recovery key replaces the old one.
    let recovery2 = store
        .create_recovery_key("admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    drop(store);
    assert!(Store::unlock_with_recovery_in(dir.path(), &recovery, now()).is_err());
    assert!(Store::unlock_with_recovery_in(dir.path(), &recovery2, now()).is_ok());
    assert!(Store::unlock_with_machine_key_in(dir.path(), &machine, now()).is_ok());
    assert!(matches!(
        Store::unlock_with_machine_key_in(dir.path(), &SecretKey::random(), now()),
        Err(AuthError::Denied)
    ));

    // Key operations and logins are in the audit log.
    let store = Store::unlock_in(dir.path(), "admin", ADMIN_PW, now())
        .unwrap_or_else(|e| panic!("{e}"))
        .store;
    let actions: Vec<String> = store
        .audit_entries(&Default::default())
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "key.store.create",
        "key.recovery.create",
        "key.slot.add",
        "key.slot.remove",
        "key.machine.create",
        "login.ok",
        "login.failed",
        "login.recovery",
        "login.machine",
        "login.recovery.failed",
        "login.machine.failed",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} not in {actions:?}");
    }
}

#[test]
fn lockout_after_the_configured_failures() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (mut store, _recovery) =
        Store::create_in(dir.path(), &admin(), now()).unwrap_or_else(|e| panic!("{e}"));
    store
        .add_user(&clerk("clerk.a"), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let policy = store
        .set_lockout_policy(
            LockoutPolicy {
                max_failures: 3,
                minutes: 10,
            },
            "admin",
            now(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(policy.max_failures, 3);
    drop(store);

    let wrong = |at: NaiveDateTime| Store::unlock_in(dir.path(), "clerk.a", "Wrong-pass-1", at);
    assert!(matches!(wrong(now()), Err(AuthError::Denied)));
    assert!(matches!(wrong(now()), Err(AuthError::Denied)));
    let until = match wrong(now()) {
        Err(AuthError::LockedOut { until }) => until,
        other => panic!("expected a lockout, got {other:?}"),
    };
    assert_eq!(until, now() + chrono::Duration::minutes(10));
    // Locked: even the right password is refused until the end of the lockout.
    assert!(matches!(
        Store::unlock_in(
            dir.path(),
            "clerk.a",
            CLERK_PW,
            now() + chrono::Duration::minutes(9)
        ),
        Err(AuthError::LockedOut { .. })
    ));
    let text = AuthError::LockedOut { until }.message(iin_desk::domain::lang::Lang::Kk);
    assert!(text.contains("бұғатталды"), "{text}");
    // Other accounts are not affected; after the lockout the password works again.
    assert!(Store::unlock_in(dir.path(), "admin", ADMIN_PW, now()).is_ok());
    let unlocked =
        Store::unlock_in(dir.path(), "clerk.a", CLERK_PW, until).unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<String> = unlocked
        .store
        .audit_entries(&Default::default())
        .unwrap_or_default()
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.details))
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| a.starts_with("login.failed login=clerk.a"))
            .count(),
        3,
        "{actions:?}"
    );
    assert!(actions
        .iter()
        .any(|a| a.starts_with("login.lockout login=clerk.a")));
    assert!(actions
        .iter()
        .any(|a| a.starts_with("login.locked login=clerk.a")));
    assert!(actions
        .iter()
        .any(|a| a == "key.lockout.policy max_failures=3 minutes=10"));
}

#[test]
fn a_plaintext_store_of_the_previous_version_is_encrypted_in_place_with_every_record() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let db = dir.path().join(DB_FILE_NAME);
    // The previous version's store: plaintext, an old-schema backup beside it.
    let mut plain = Store::open_plaintext(&db).unwrap_or_else(|e| panic!("{e}"));
    plain
        .add_user(&admin(), "system", now())
        .unwrap_or_else(|e| panic!("{e}"));
    plain
        .add_user(&clerk("clerk.a"), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    plain
        .import_records(&records(), "admin", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let before: Vec<(String, String)> = plain
        .list_requests(&RequestFilter::default(), 0, 1000)
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.id.clone(), format!("{:?}", r)))
        .collect();
    let audit_before = plain
        .audit_entries(&Default::default())
        .unwrap_or_default()
        .len();
    drop(plain);
    std::fs::copy(&db, dir.path().join(format!("{DB_FILE_NAME}.v1.bak")))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        Store::state_in(dir.path()).unwrap_or_else(|e| panic!("{e}")),
        StoreState::Plaintext
    );

    // A clerk cannot start the encryption; a wrong password changes nothing.
    let bytes = std::fs::read(&db).unwrap_or_default();
    assert!(matches!(
        Store::unlock_in(dir.path(), "clerk.a", CLERK_PW, now()),
        Err(AuthError::EncryptionNeedsAdministrator)
    ));
    assert!(matches!(
        Store::unlock_in(dir.path(), "admin", "Wrong-passphrase-1", now()),
        Err(AuthError::Denied)
    ));
    assert_eq!(std::fs::read(&db).unwrap_or_default().len(), bytes.len());

    let unlocked =
        Store::unlock_in(dir.path(), "admin", ADMIN_PW, now()).unwrap_or_else(|e| panic!("{e}"));
    assert!(unlocked.recovery_key.is_some(), "the recovery key is shown");
    assert!(unlocked.store.is_encrypted());
    let after: Vec<(String, String)> = unlocked
        .store
        .list_requests(&RequestFilter::default(), 0, 1000)
        .unwrap_or_default()
        .into_iter()
        .map(|r| (r.id.clone(), format!("{:?}", r)))
        .collect();
    assert_eq!(after, before, "every record intact");
    for (id, _) in &before {
        unlocked
            .store
            .request(id)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    assert!(
        unlocked
            .store
            .audit_entries(&Default::default())
            .unwrap_or_default()
            .len()
            > audit_before
    );
    assert_eq!(
        unlocked.store.accounts_without_key().unwrap_or_default(),
        vec!["clerk.a".to_string()],
        "other accounts need a new password"
    );
    drop(unlocked);
    assert_eq!(
        Store::state_in(dir.path()).unwrap_or_else(|e| panic!("{e}")),
        StoreState::Encrypted
    );
    for (name, bytes) in all_bytes(dir.path()) {
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{name} is plaintext"
        );
        for value in personal_data() {
            assert!(!contains(&bytes, &value), "{name} holds {value:?}");
        }
    }
    // The encrypted store opens again with the administrator's password.
    assert!(Store::unlock_in(dir.path(), "admin", ADMIN_PW, now()).is_ok());
}
