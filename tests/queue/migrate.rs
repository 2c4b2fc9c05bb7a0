//! Moving an office from its queue file to a server (`iin-desk queue migrate`), with
//! real processes: the requests, results and registry arrive once, a second run changes
//! nothing, the counters switch by setting the URL and what they had not sent goes to
//! the server; a server without the schema and a newer file are refused.

use std::process::Output;

use super::*;

fn migrate(site: &Site, from: &Path, to: &str) -> Output {
    site.admin()
        .args(["queue", "migrate", "--from"])
        .arg(from)
        .args(["--to", to, "--office", "postgres"])
        .output()
        .unwrap_or_else(|e| panic!("migrate: {e}"))
}

fn ids(forms: &[serde_json::Value]) -> BTreeSet<String> {
    forms
        .iter()
        .filter_map(|f| f["id"].as_str().map(str::to_string))
        .collect()
}

fn server_audit_entries(url: &str) -> i64 {
    server_client(Path::new(url))
        .query_one("SELECT count(*) FROM iin_queue.audit_log", &[])
        .map(|r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// A server without the schema and a file newer than this program are refused with
/// their reasons; returns a server ready for the move, still empty.
fn refusals(back: &Site, file: &Path) -> String {
    let cluster = queue_support::pg::cluster();
    let url = cluster.queue_database();
    // A server without the schema is refused with its reason, in one line.
    let empty = cluster.url(&cluster.empty_database());
    let out = migrate(back, file, &empty);
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("init-server"), "{}", text(&out));
    assert_eq!(err.trim().lines().count(), 1, "{}", text(&out));
    // A file newer than this program is refused, untouched.
    let newer = file.with_file_name("newer.sqlite3");
    std::fs::copy(file, &newer).unwrap_or_else(|e| panic!("{e}"));
    central_db_writable(&newer)
        .pragma_update(None, "user_version", 99)
        .unwrap_or_else(|e| panic!("{e}"));
    let out = migrate(back, &newer, &url);
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("newer"),
        "{}",
        text(&out)
    );
    assert!(central_requests(Path::new(&url)).is_empty());

    url
}

#[test]
fn an_office_moves_from_its_file_to_a_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    let file = share.join("office-queue.sqlite3");
    let counter = Site::new(dir.path().join("counter"), &file);
    let back = Site::new(dir.path().join("back-office"), &file);
    back.add_operator();

    // The office works on its file: six requests sent and formed, four not sent yet.
    let sent = synthetic_forms(0, 6);
    counter.import(&sent);
    let out = counter.sync(&[]);
    assert!(out.status.success(), "sync: {}", text(&out));
    let out = back.auto();
    assert!(out.status.success(), "auto: {}", text(&out));
    let unsent = synthetic_forms(6, 4);
    counter.import(&unsent);
    let on_file = central_requests(&file);
    assert_eq!(on_file.len(), 6);

    // The test's server, kept running to the end.
    let _cluster = queue_support::pg::cluster();
    let url = refusals(&back, &file);

    // The move: everything once, with the file's results and IINs.
    let out = migrate(&back, &file, &url);
    assert!(out.status.success(), "migrate: {}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("requests: 6 added, 0 updated with the file's result, 0 already"),
        "{said}"
    );
    assert!(said.contains("registered persons: 6 added"), "{said}");
    let on_server = central_requests(Path::new(&url));
    assert_eq!(on_server, on_file);
    assert_eq!(central_persons(Path::new(&url)), 6);
    let audit = server_audit_entries(&url);

    // Again: nothing changes, and it says so with the counts (in Russian too).
    let out = migrate(&back, &file, &url);
    assert!(out.status.success(), "migrate again: {}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("nothing was changed"), "{said}");
    assert!(
        said.contains("requests: 0 added, 0 updated with the file's result, 6 already"),
        "{said}"
    );
    let out = back
        .admin()
        .env("IIN_DESK_LANG", "ru")
        .args(["queue", "migrate", "--from"])
        .arg(&file)
        .args(["--to", &url, "--office", "postgres"])
        .output()
        .unwrap_or_else(|e| panic!("migrate: {e}"));
    assert!(out.status.success(), "{}", text(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("6 уже были на сервере"), "{said}");
    assert!(said.contains("ничего не изменено"), "{said}");
    assert_eq!(central_requests(Path::new(&url)), on_file);
    assert_eq!(server_audit_entries(&url), audit);

    // The counter switches by setting the URL: the unsent four go to the server, the
    // six results come back.
    let counter = Site {
        dir: counter.dir.clone(),
        queue: url.clone().into(),
    };
    let out = counter.sync(&[]);
    assert!(out.status.success(), "sync: {}", text(&out));
    assert_eq!(sync_counts(&out), Some((0, 4)), "{}", text(&out));
    let on_server = central_requests(Path::new(&url));
    let all: BTreeSet<String> = ids(&sent).union(&ids(&unsent)).cloned().collect();
    assert_eq!(on_server.keys().cloned().collect::<BTreeSet<_>>(), all);
    let pushes = central_audit_counts(Path::new(&url), "queue.push");
    assert_eq!(pushes.len(), 10);
    assert!(pushes.values().all(|n| *n == 1), "pushed once: {pushes:?}");

    // The back office switches too and decides the rest; every IIN distinct.
    let back = Site {
        dir: back.dir.clone(),
        queue: url.clone().into(),
    };
    let out = back.auto();
    assert!(out.status.success(), "auto: {}", text(&out));
    let out = counter.sync(&[]);
    assert!(out.status.success(), "sync: {}", text(&out));
    assert_eq!(sync_counts(&out), Some((0, 0)), "{}", text(&out));
    let on_server = central_requests(Path::new(&url));
    let iins: BTreeSet<String> = on_server.values().filter_map(|r| r.2.clone()).collect();
    assert_eq!(iins.len(), 10, "{on_server:?}");
    assert_eq!(central_persons(Path::new(&url)), 10);
    let local = counter.local_requests();
    assert_eq!(local.keys().cloned().collect::<BTreeSet<_>>(), all);
    for (id, (status, iin)) in &local {
        assert_eq!(status, "formed");
        assert_eq!(
            iin.as_deref(),
            on_server.get(id).and_then(|r| r.2.as_deref())
        );
    }
}
