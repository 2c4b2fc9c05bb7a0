//! The machine key of a scheduled sync, the office's queue key, the lockout policy.

use crate::support::*;

/// A scheduled sync opens the store with the machine key file, which must be the
/// owner's alone; the office's queue key travels by an exported file.
#[test]
fn machine_key_and_queue_key_files() {
    let desk = Desk::set_up();
    let queue = desk.path("share-queue.sqlite3");
    let queue_s = queue.display().to_string();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let key_file = desk.path("sync.key");
    desk.admin()
        .args(["key", "machine-create", "--out"])
        .arg(&key_file)
        .run()
        .code(OK);
    let text = std::fs::read_to_string(&key_file).unwrap_or_default();
    assert!(text.starts_with("IIN-DESK-MACHINE-KEY 1\n"), "{text}");
    let machine_sync = || {
        desk.call()
            .args(["--queue", &queue_s, "--machine-key"])
            .arg(&key_file)
            .args(["sync", "--json"])
            .run()
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode, 0o600, "written owner-only");
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        machine_sync().code(FILE).stderr_has("chmod 600");
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    machine_sync().code(OK).stdout_has("\"pushed\"");
    // The office's queue key: exported here, imported on a second counter.
    let office_key = desk.path("office-queue.key");
    desk.admin()
        .args(["key", "queue-export", "--out"])
        .arg(&office_key)
        .run()
        .code(OK);
    let other = Desk::set_up();
    let other_sync = || other.admin().args(["--queue", &queue_s, "sync"]).run();
    other_sync()
        .code(9)
        .stderr_has("no key for the central queue file");
    other
        .admin()
        .args(["key", "queue-import"])
        .arg(desk.path("sync.key"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("not a key file");
    other
        .admin()
        .args(["key", "queue-import"])
        .arg(&office_key)
        .run()
        .code(OK);
    other_sync().code(OK);
    // The lockout policy is the administrator's.
    desk.admin()
        .args(["key", "lockout", "--max-failures", "0"])
        .run()
        .code(INVALID_INPUT)
        .stderr_has("--max-failures");
    desk.admin()
        .args(["key", "lockout", "--max-failures", "3", "--minutes", "20"])
        .run()
        .code(OK)
        .stdout_has("max_failures=3 minutes=20");
    for _ in 0..3 {
        desk.as_user(ADMIN, "Wrong-pass-2026")
            .args(["user", "list"])
            .run()
            .code(DENIED);
    }
    desk.admin()
        .args(["user", "list"])
        .run()
        .code(DENIED)
        .stderr_has("locked until");
}
