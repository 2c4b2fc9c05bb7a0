//! Faults of the central queue file, with real processes and real files: a counter killed
//! (-9) mid-sync again and again, and a central file that is deleted, read-only, held
//! locked by another program, overwritten with garbage, truncated or newer. Each time the
//! counter reports a clear error without personal data, keeps its local data intact and
//! working offline, and a fresh central file is rebuilt with `sync --repush-all`.

mod queue_support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use queue_support::*;
use serde_json::Value;

/// A counter with formed requests and accepted ones not yet sent, and a back office.
struct Fixture {
    _dir: tempfile::TempDir,
    share: PathBuf,
    counter: Site,
    back: Site,
    forms: Vec<Value>,
}

#[track_caller]
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    let queue = share.join("central-queue.sqlite3");
    let counter = Site::new(dir.path().join("counter"), &queue);
    let back = Site::new(dir.path().join("back-office"), &queue);
    back.add_operator();
    let mut forms = synthetic_forms(0, 12);
    counter.import(&forms);
    assert!(counter.sync(&[]).status.success());
    let out = back.auto();
    assert!(out.status.success(), "{}", text(&out));
    let out = counter.sync(&[]);
    assert_eq!(sync_counts(&out), Some((0, 0)), "{}", text(&out));
    let pending = synthetic_forms(12, 5);
    counter.import(&pending);
    forms.extend(pending);
    Fixture {
        _dir: dir,
        share,
        counter,
        back,
        forms,
    }
}

impl Fixture {
    fn queue(&self) -> &Path {
        &self.counter.queue
    }

    /// The personal data that must never appear in an error: names, document numbers,
    /// IINs.
    fn personal_data(&self) -> Vec<String> {
        let mut out = surnames(&self.forms);
        out.extend(self.forms.iter().filter_map(|f| {
            f["applicant"]["document_number"]
                .as_str()
                .map(str::to_string)
        }));
        out.extend(
            self.counter
                .local_requests()
                .into_values()
                .filter_map(|(_, iin)| iin),
        );
        out
    }

    /// A sync fails with exit code 9 and `expected` in its message, changes nothing
    /// locally, and the counter keeps taking requests.
    #[track_caller]
    fn expect_fault(&mut self, expected: &str) {
        let before = self.counter.local_snapshot();
        // A short busy timeout, so that a held lock is reported quickly.
        let sync = |lang: &str| {
            let mut cmd = self.counter.admin();
            cmd.env("IIN_DESK_QUEUE_BUSY_MS", "300")
                .args(["--lang", lang, "sync"]);
            cmd.output().unwrap_or_else(|e| panic!("{e}"))
        };
        let started = Instant::now();
        let out = sync("en");
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(9), "{}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert!(
            stderr.contains(expected),
            "expected {expected:?} in {stderr}"
        );
        for data in self.personal_data() {
            assert!(
                !stderr.contains(&data),
                "the error names personal data: {stderr}"
            );
        }
        assert_eq!(self.counter.local_snapshot(), before, "local data intact");
        assert!(took < Duration::from_secs(30), "the error came in {took:?}");
        // The same error in Kazakh and Russian.
        for lang in ["kk", "ru"] {
            let out = sync(lang);
            assert_eq!(out.status.code(), Some(9));
            assert!(
                !out.stderr.is_empty() && !out.stderr.is_ascii(),
                "{}",
                text(&out)
            );
        }
        // Working offline: new requests are still taken.
        let more = synthetic_forms(100 + self.forms.len() as u64, 2);
        self.counter.import(&more);
        self.forms.extend(more);
    }

    /// `sync --repush-all` into a fresh file rebuilds the queue: every local request is
    /// there once, the decided ones with their results and registered persons; the back
    /// office then decides the rest and the counter gets the results.
    #[track_caller]
    fn recover_into_fresh_file(&self, name: &str) {
        self.recover_into(&self.share.join(name));
    }

    /// The same into `fresh`: a new file, or a server (how an office moves to one).
    #[track_caller]
    fn recover_into(&self, fresh: &Path) {
        let fresh = fresh.to_path_buf();
        let counter = Site {
            queue: fresh.clone(),
            ..self.counter.clone()
        };
        let back = Site {
            queue: fresh.clone(),
            ..self.back.clone()
        };
        let formed_before: BTreeSet<(String, Option<String>)> = counter
            .local_requests()
            .into_iter()
            .filter(|(_, (status, _))| status == "formed")
            .map(|(id, (_, iin))| (id, iin))
            .collect();
        let out = counter.sync(&["--repush-all"]);
        assert!(out.status.success(), "repush: {}", text(&out));
        let local = counter.local_requests();
        let central = central_requests(&fresh);
        assert_eq!(
            central.keys().collect::<Vec<_>>(),
            local.keys().collect::<Vec<_>>(),
            "every local request is in the fresh file once"
        );
        for (id, iin) in &formed_before {
            let c = &central[id];
            assert_eq!((c.0.as_str(), &c.2), ("done", iin), "{id} keeps its result");
        }
        let persons = central_persons(&fresh);
        assert_eq!(usize::try_from(persons).unwrap_or(0), formed_before.len());
        let out = back.auto();
        assert!(out.status.success(), "{}", text(&out));
        let out = counter.sync(&[]);
        assert_eq!(sync_counts(&out), Some((0, 0)), "{}", text(&out));
        let iins: BTreeSet<Option<String>> = counter
            .local_requests()
            .into_values()
            .map(|(status, iin)| {
                assert_eq!(status, "formed");
                iin
            })
            .collect();
        assert_eq!(iins.len(), local.len(), "no IIN was issued twice");
    }
}

#[test]
fn a_deleted_central_file() {
    let mut fx = fixture();
    std::fs::remove_file(fx.queue()).unwrap_or_else(|e| panic!("{e}"));
    fx.expect_fault("missing");
    assert!(
        !fx.queue().exists(),
        "the counter does not start a new file by itself"
    );
    fx.recover_into_fresh_file("central-queue.sqlite3");
}

#[test]
fn a_read_only_central_file() {
    let mut fx = fixture();
    let before = std::fs::read(fx.queue()).unwrap_or_default();
    let mut perms = std::fs::metadata(fx.queue())
        .unwrap_or_else(|e| panic!("{e}"))
        .permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(fx.queue(), perms).unwrap_or_else(|e| panic!("{e}"));
    fx.expect_fault("read-only");
    assert_eq!(std::fs::read(fx.queue()).unwrap_or_default(), before);
    fx.recover_into_fresh_file("fresh.sqlite3");
}

#[test]
fn a_central_file_locked_by_another_program() {
    let mut fx = fixture();
    // Read before locking: closing any descriptor of the file in this process would
    // release the lock (POSIX), so the file is not touched while the lock is held.
    let before = std::fs::read(fx.queue()).unwrap_or_default();
    let holder = central_db_writable(fx.queue());
    holder
        .execute_batch("BEGIN EXCLUSIVE")
        .unwrap_or_else(|e| panic!("{e}"));
    fx.expect_fault("locked");
    // The lock goes away: the counter resumes by itself.
    holder
        .execute_batch("ROLLBACK")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(holder);
    assert_eq!(std::fs::read(fx.queue()).unwrap_or_default(), before);
    let out = fx.counter.sync(&[]);
    assert!(out.status.success(), "{}", text(&out));
    fx.recover_into_fresh_file("fresh.sqlite3");
}

#[test]
fn a_central_file_overwritten_with_garbage_or_truncated_or_newer() {
    let mut fx = fixture();
    let original = std::fs::read(fx.queue()).unwrap_or_default();
    let mut rng = Rng::new(7);
    let garbage: Vec<u8> = (0..original.len()).map(|_| rng.below(256) as u8).collect();
    std::fs::write(fx.queue(), &garbage).unwrap_or_else(|e| panic!("{e}"));
    // Encrypted: garbage and another office's file look alike, and are refused alike.
    fx.expect_fault("cannot be opened with this installation's queue key");
    assert_eq!(std::fs::read(fx.queue()).unwrap_or_default(), garbage);

    let truncated = &original[..original.len() / 2];
    std::fs::write(fx.queue(), truncated).unwrap_or_else(|e| panic!("{e}"));
    fx.expect_fault("damaged");
    assert_eq!(std::fs::read(fx.queue()).unwrap_or_default(), truncated);

    std::fs::write(fx.queue(), &original).unwrap_or_else(|e| panic!("{e}"));
    {
        let conn = central_db_writable(fx.queue());
        conn.pragma_update(None, "user_version", 99)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let newer = std::fs::read(fx.queue()).unwrap_or_default();
    fx.expect_fault("newer");
    assert_eq!(std::fs::read(fx.queue()).unwrap_or_default(), newer);

    fx.recover_into_fresh_file("fresh.sqlite3");
}

#[test]
fn a_server_down_without_schema_or_newer_then_the_office_moves_to_one() {
    let mut fx = fixture();
    let cluster = queue_support::pg::cluster();
    let file = fx.counter.queue.clone();
    // Nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("{e}"));
    fx.counter.queue = format!("postgresql://postgres@127.0.0.1:{port}/iin?sslmode=disable").into();
    fx.expect_fault("cannot use the queue server");
    // A server without the queue's schema: refused, and left without one.
    let empty = cluster.empty_database();
    fx.counter.queue = cluster.url(&empty).into();
    fx.expect_fault("has no iin-desk queue");
    let tables: i64 = cluster
        .client(&empty)
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'iin_queue'",
            &[],
        )
        .map(|r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tables, 0, "a counter never creates the server's schema");
    // A newer schema.
    let newer = cluster.queue_database();
    cluster
        .client(&queue_support::pg::database_of(&newer))
        .batch_execute("UPDATE iin_queue.meta SET value = '99' WHERE key = 'schema_version'")
        .unwrap_or_else(|e| panic!("{e}"));
    fx.counter.queue = newer.into();
    fx.expect_fault("newer than this program's");
    // A password in the URL is refused before anything is sent.
    fx.counter.queue = format!(
        "postgresql://postgres:secret@127.0.0.1:{}/x",
        cluster.port()
    )
    .into();
    fx.expect_fault("contains a password");
    // The office moves to a server: everything, with its results, goes there once.
    fx.counter.queue = file;
    let server = cluster.queue_database();
    fx.recover_into(Path::new(&server));
}

#[test]
fn kill_nine_mid_sync_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let queue = dir.path().join("central-queue.sqlite3");
    kill_nine(dir.path(), &queue, &|| {});
}

#[test]
fn kill_nine_and_server_restarts_mid_sync_lose_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Its own cluster: the restarts must not cut the other tests' connections.
    let cluster = queue_support::pg::PgCluster::own();
    let queue = cluster.queue_database();
    kill_nine(dir.path(), Path::new(&queue), &|| cluster.restart());
}

/// How many times the server is restarted during sync rounds (the figure).
const SERVER_RESTARTS: usize = 20;

#[test]
fn server_restarted_twenty_times_during_sync_rounds_loses_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Its own cluster: the restarts must not cut the other tests' connections.
    let cluster = queue_support::pg::PgCluster::own();
    let queue = PathBuf::from(cluster.queue_database());
    let seed = std::env::var("QUEUE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    eprintln!("QUEUE_TEST_SEED={seed}");
    let mut rng = Rng::new(seed);
    let counter = Site::new(dir.path().join("counter"), &queue);
    let back = Site::new(dir.path().join("back-office"), &queue);
    back.add_operator();
    let mut idle_ms = u64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let out = counter.sync(&[]);
        assert!(out.status.success(), "{}", text(&out));
        idle_ms = idle_ms.min(started.elapsed().as_millis() as u64);
    }
    let mut next = 0;
    let stop = Arc::new(AtomicBool::new(false));
    let office = {
        let stop = Arc::clone(&stop);
        let back = back.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let out = back.auto();
                assert!(
                    out.status.success() || out.status.code() == Some(9),
                    "{}",
                    text(&out)
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let (mut restarts, mut during, mut cut) = (0, 0, 0);
    for _ in 0..SERVER_RESTARTS {
        counter.import(&synthetic_forms(next, 40));
        next += 40;
        let mut child = counter
            .admin()
            .args(["sync", "--json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // The restart lands while the round runs: at a random moment from half the time
        // an idle sync takes (its login) to half as much again (its push of 40).
        let wait_ms = idle_ms / 2 + rng.below(idle_ms.max(2));
        std::thread::sleep(Duration::from_millis(wait_ms));
        let running = matches!(child.try_wait(), Ok(None));
        cluster.restart();
        restarts += 1;
        let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
        // The round ends normally or with the server's fault (exit 9), never otherwise.
        assert!(
            out.status.success() || out.status.code() == Some(9),
            "{}",
            text(&out)
        );
        if running {
            during += 1;
        }
        if out.status.code() == Some(9) {
            cut += 1;
            let message = text(&out);
            assert!(!message.contains("panicked"), "{message}");
        }
    }
    eprintln!(
        "{restarts} restarts: {during} landed during a running round, {cut} rounds were cut by it"
    );
    assert_eq!(restarts, SERVER_RESTARTS);
    assert!(
        during * 2 >= SERVER_RESTARTS,
        "half of the restarts at least must land during a round ({during}/{SERVER_RESTARTS})"
    );
    assert!(cut > 0, "at least one round must be cut by a restart");
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let out = counter.sync(&[]);
        if sync_counts(&out) == Some((0, 0)) {
            break;
        }
        assert!(Instant::now() < deadline, "did not settle: {}", text(&out));
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::SeqCst);
    office.join().unwrap_or_else(|_| panic!("office thread"));
    check_after_kills(&counter, &queue, next);
}

/// Syncs killed with -9 at random moments (and `between` run at once, e.g. a server
/// restart), `QUEUE_TEST_KILL_ROUNDS` times, while the back office decides.
fn kill_nine(dir: &Path, queue: &Path, between: &(dyn Fn() + Sync)) {
    let queue = queue.to_path_buf();
    let rounds = env_count("QUEUE_TEST_KILL_ROUNDS", 50);
    let seed = std::env::var("QUEUE_TEST_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("QUEUE_TEST_SEED={seed}");
    let mut rng = Rng::new(seed);
    let counter = Site::new(dir.join("counter"), &queue);
    let back = Site::new(dir.join("back-office"), &queue);
    back.add_operator();

    // How long a sync with nothing to do takes (start, login, open; the fastest of
    // three): kills are spread from half of it to well past it, so that they land in
    // the pushes and the pulls as well as before them.
    let mut idle_ms = u64::MAX;
    for _ in 0..3 {
        let started = Instant::now();
        let out = counter.sync(&[]);
        assert!(out.status.success(), "{}", text(&out));
        idle_ms = idle_ms.min(started.elapsed().as_millis() as u64);
    }
    eprintln!("an idle sync takes {idle_ms} ms");
    let mut next = 0;
    let import = |n: u64, next: &mut u64| {
        counter.import(&synthetic_forms(*next, n));
        *next += n;
    };
    import(200, &mut next);

    let stop = Arc::new(AtomicBool::new(false));
    let office = {
        let stop = Arc::clone(&stop);
        let back = back.clone();
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                let out = back.auto();
                assert!(
                    out.status.success() || out.status.code() == Some(9),
                    "{}",
                    text(&out)
                );
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };

    let mut killed_running = 0;
    let mut killed_after_push = 0;
    for _ in 0..rounds {
        import(20, &mut next);
        let mut child = counter
            .admin()
            .arg("sync")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        // Kill within the time an idle sync takes (login included), so that most kills
        // land while the round is running, whatever the machine's speed.
        let wait_ms = rng.below(idle_ms.max(2));
        std::thread::sleep(Duration::from_millis(wait_ms));
        // `between` (a server restart) runs beside the kill, not before it: a restart
        // waits for the server, and the sync would end (or fail) in the meantime.
        std::thread::scope(|s| {
            s.spawn(between);
            if matches!(child.try_wait(), Ok(None)) {
                killed_running += 1;
            }
            let _ = child.kill();
            let _ = child.wait();
        });
        let to_push: i64 = counter
            .local_db()
            .query_row(
                "SELECT count(*) FROM requests WHERE status = 'accepted'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_default();
        if to_push == 0 {
            killed_after_push += 1;
        }
    }
    eprintln!(
        "{killed_running} of {rounds} syncs were killed while running, {killed_after_push} after their push"
    );
    assert!(
        killed_running * 3 >= rounds,
        "a third of the kills at least must hit a running sync ({killed_running}/{rounds})"
    );

    // Then the counter runs normally until everything is back.
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        let out = counter.sync(&[]);
        if sync_counts(&out) == Some((0, 0)) {
            break;
        }
        assert!(Instant::now() < deadline, "did not settle: {}", text(&out));
        std::thread::sleep(Duration::from_millis(200));
    }
    stop.store(true, Ordering::SeqCst);
    office.join().unwrap_or_else(|_| panic!("office thread"));

    check_after_kills(&counter, &queue, next);
}

/// After the kills: nothing lost or doubled, locally or centrally.
fn check_after_kills(counter: &Site, queue: &Path, next: u64) {
    if !is_server(queue) {
        let check: String = central_db(queue)
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(check, "ok");
    }
    let local = counter.local_requests();
    let central = central_requests(queue);
    assert_eq!(local.len() as u64, next, "nothing lost locally");
    assert_eq!(
        central.keys().collect::<Vec<_>>(),
        local.keys().collect::<Vec<_>>(),
        "nothing lost or added centrally"
    );
    let mut iins = BTreeSet::new();
    for (id, (status, iin)) in &local {
        assert_eq!(status, "formed", "{id}");
        assert_eq!(iin.as_deref(), central[id].2.as_deref(), "{id}");
        iins.insert(iin.clone());
    }
    assert_eq!(iins.len(), local.len(), "distinct IINs");
    for action in ["request.sent", "request.formed"] {
        let counts = counter.local_audit_counts(action);
        assert_eq!(counts.len(), local.len(), "{action}");
        assert!(counts.values().all(|n| *n == 1), "{action} exactly once");
    }
    for action in ["queue.push", "backoffice.formed"] {
        let counts = central_audit_counts(queue, action);
        assert_eq!(counts.len(), local.len(), "{action}");
        assert!(counts.values().all(|n| *n == 1), "{action} exactly once");
    }
    let persons = central_persons(queue);
    assert_eq!(persons as usize, local.len());
}
