//! The queue server's password kept sealed in the encrypted local store: entered on
//! stdin (never on the command line), used when neither PGPASSWORD nor the password file
//! has one, and found in no file of the installation (configuration, event log, the
//! store's bytes) nor in any output.

use super::*;

/// Every file under `dir` that holds `needle` (bytes), for the assertion's message.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if std::fs::read(&path)
                .is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle))
            {
                found.push(path.display().to_string());
            }
        }
    }
    found
}

#[test]
fn a_sealed_server_password_is_used_and_kept_out_of_files_and_logs() {
    let cluster = queue_support::pg::cluster();
    let db = queue_support::pg::database_of(&cluster.queue_database());
    // Roles are the cluster's: a name of this test's own.
    let login = format!("office_{}", &db[2..14]);
    let secret = format!("Sealed-{}", Uuid::new_v4().simple());
    cluster
        .client(&db)
        .batch_execute(&format!(
            "CREATE ROLE {login} LOGIN PASSWORD '{secret}' IN ROLE iin_desk_counter"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
    cluster.require_password(&login);
    let url = format!(
        "postgresql://{login}@127.0.0.1:{}/{db}?sslmode=disable",
        cluster.port()
    );
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let site = Site::new(dir.path().join("counter"), Path::new(&url));
    site.import(&synthetic_forms(0, 3));
    let no_pgpass = dir.path().join("no-pgpass");
    let cmd = |args: &[&str]| {
        let mut c = site.admin();
        c.env_remove("PGPASSWORD")
            .env("PGPASSFILE", &no_pgpass)
            .args(args);
        c
    };
    let sync = || {
        cmd(&["sync", "--json"])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };

    // No password anywhere: the server refuses, the sync says so (exit 9).
    let out = sync();
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    assert!(text(&out).contains("password"), "{}", text(&out));

    // The administrator seals it (stdin, not an argument); the sync then goes through.
    let out = run_with_stdin(cmd(&["queue", "password"]), &format!("{secret}\n"));
    assert!(out.status.success(), "{}", text(&out));
    let out = sync();
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(sync_counts(&out), Some((0, 3)), "{}", text(&out));
    assert!(!text(&out).contains(&secret));
    // The secret is in no file of the installation: not the store's bytes (sealed),
    // not the event log, not a configuration file.
    let holding = files_holding(&site.dir, secret.as_bytes());
    assert!(
        holding.is_empty(),
        "the password is readable in {holding:?}"
    );
    // Cleared: the server refuses again.
    let out = cmd(&["queue", "password", "--clear"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "{}", text(&out));
    site.import(&synthetic_forms(3, 1));
    let out = sync();
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
}
