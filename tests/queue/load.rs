//! Load: many counter processes and two back-office processes at once against one queue
//! (the file, and a server): every request formed exactly once, no IIN issued twice, and
//! the throughput measured (requests per second, from the first sync to the last result).
//!
//! The size is 50 counters × 200 requests; the test runs 10 × 40 by default so
//! that the suite stays short on two cores. The full size:
//! `QUEUE_LOAD_COUNTERS=50 QUEUE_LOAD_REQUESTS=200 cargo test --no-default-features
//! --test queue load:: -- --nocapture --test-threads 1` (prints the figures).

use super::*;

/// Back-office processes running at once.
const OFFICES: usize = 2;

/// Sets up `n` installations with `make`, a few at a time (each `init` derives a key).
fn in_parallel<T: Send + 'static>(
    n: u64,
    make: impl Fn(u64) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let make = Arc::new(make);
    let next = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (make, next) = (Arc::clone(&make), Arc::clone(&next));
            std::thread::spawn(move || {
                let mut made = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= n {
                        return made;
                    }
                    made.push((i, make(i)));
                }
            })
        })
        .collect();
    let mut all: Vec<(u64, T)> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap_or_else(|_| panic!("set-up thread")))
        .collect();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, t)| t).collect()
}

/// Runs the load against `queue`; returns the requests per second.
fn load(dir: &Path, queue: &Path, label: &str) -> f64 {
    let queue = queue.to_path_buf();
    let counters = env_count("QUEUE_LOAD_COUNTERS", 10) as u64;
    let per_counter = env_count("QUEUE_LOAD_REQUESTS", 40) as u64;
    let setup = Instant::now();
    let sites = {
        let (dir, queue) = (dir.to_path_buf(), queue.clone());
        in_parallel(counters, move |c| {
            let site = Site::new(dir.join(format!("counter-{c}")), &queue);
            let forms = synthetic_forms(c * per_counter, per_counter);
            site.import(&forms);
            let ids: BTreeSet<String> = forms
                .iter()
                .filter_map(|f| f["id"].as_str().map(str::to_string))
                .collect();
            (site, ids)
        })
    };
    let offices: Vec<Site> = (0..OFFICES)
        .map(|o| {
            let back = Site::new(dir.join(format!("back-office-{o}")), &queue);
            back.add_operator();
            back
        })
        .collect();
    eprintln!("{label}: set up in {:?}", setup.elapsed());

    let started = Instant::now();
    // Generous: a shared two-core machine forms a few dozen requests a second.
    let deadline = started + Duration::from_secs(600 + counters * per_counter / 4);
    let done = Arc::new(AtomicBool::new(false));
    let office_threads: Vec<_> = offices
        .into_iter()
        .map(|back| {
            let done = Arc::clone(&done);
            std::thread::spawn(move || {
                let mut runs = 0;
                loop {
                    let finished = done.load(Ordering::SeqCst);
                    let out = back.auto();
                    assert!(
                        out.status.success() || out.status.code() == Some(9),
                        "backoffice: {}",
                        text(&out)
                    );
                    runs += 1;
                    if finished || Instant::now() > deadline {
                        return runs;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    let syncs: Vec<_> = sites
        .iter()
        .map(|(site, _)| {
            let site = site.clone();
            std::thread::spawn(move || loop {
                let out = site.sync(&[]);
                if out.status.success() {
                    if sync_counts(&out) == Some((0, 0)) {
                        return;
                    }
                } else {
                    assert_eq!(out.status.code(), Some(9), "sync: {}", text(&out));
                }
                assert!(
                    Instant::now() < deadline,
                    "a counter did not finish in time"
                );
                std::thread::sleep(Duration::from_millis(300));
            })
        })
        .collect();
    for s in syncs {
        s.join().unwrap_or_else(|_| panic!("counter thread"));
    }
    let elapsed = started.elapsed();
    done.store(true, Ordering::SeqCst);
    let runs: Vec<i32> = office_threads
        .into_iter()
        .map(|h| h.join().unwrap_or_else(|_| panic!("office thread")))
        .collect();
    let total = counters * per_counter;
    let rate = total as f64 / elapsed.as_secs_f64();
    eprintln!(
        "{label}: {counters} counters × {per_counter} requests, {OFFICES} back offices: \
         {total} requests round-tripped in {elapsed:.1?} = {rate:.1} requests/s \
         (back-office runs {runs:?})"
    );
    check_round_trip(&queue, &sites, total);
    rate
}

#[test]
fn load_many_counters_and_two_back_offices_on_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let share = dir.path().join("share");
    std::fs::create_dir_all(&share).unwrap_or_else(|e| panic!("{e}"));
    let rate = load(dir.path(), &share.join("central-queue.sqlite3"), "file");
    assert!(rate > 0.0);
}

#[test]
fn load_many_counters_and_two_back_offices_on_a_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Its own cluster: the load must not slow the other tests' server (nor they it).
    let cluster = queue_support::pg::PgCluster::own();
    let url = cluster.queue_database();
    let rate = load(dir.path(), Path::new(&url), "server");
    assert!(rate > 0.0);
}
