//! The push against its baseline, measured in the same run (`cargo bench --bench push`):
//! one sync round pushing N accepted requests into a new encrypted central file, beside a
//! bare insert of the same rows (id, content hash, kind, station, times, the form as JSON)
//! into a bare table of a new encrypted file with the central file's settings (rollback
//! journal, `synchronous = FULL`) and the same commit size ([`SyncConfig`]'s batch). After
//! both it prints `push: … ratio=…` (the medians' ratio; goal ≤ 3).
//!
//! N is 10,000 (`IIN_DESK_BENCH_PUSH` sets another); under `cargo test --all-targets`
//! criterion runs each function once with 100 requests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use criterion::{criterion_main, Criterion};
use iin_desk::queue::sync::{sync_round, SyncConfig};

/// The size of the push: 10,000 requests when measuring, 100 under `cargo test`.
fn size() -> usize {
    if !common::measuring() {
        return 100;
    }
    std::env::var("IIN_DESK_BENCH_PUSH")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn median(times: &Mutex<Vec<Duration>>) -> f64 {
    let mut t: Vec<f64> = times
        .lock()
        .unwrap()
        .iter()
        .map(Duration::as_secs_f64)
        .collect();
    t.sort_by(f64::total_cmp);
    t.get(t.len() / 2).copied().unwrap_or(0.0) * 1e3
}

fn push(c: &mut Criterion) {
    let n = size();
    let accepted = common::accepted_records(n);
    let rows = common::push_rows(&accepted);
    let batch = SyncConfig::new("central.sqlite3".into(), "sync").batch_size;
    let push_times = Arc::new(Mutex::new(Vec::new()));
    let bare_times = Arc::new(Mutex::new(Vec::new()));

    let mut g = c.benchmark_group("push");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    let times = Arc::clone(&push_times);
    g.bench_function(format!("sync_round_{n}"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().unwrap();
                let mut store = common::create_store(dir.path());
                store
                    .insert_records_bulk(&accepted, "admin", "bench", common::now())
                    .unwrap();
                let config = SyncConfig::new(dir.path().join("central.sqlite3"), "sync");
                let t = Instant::now();
                let report = sync_round(&mut store, &config, false, &common::now).unwrap();
                let e = t.elapsed();
                assert_eq!(report.pushed, n);
                times.lock().unwrap().push(e);
                total += e;
            }
            total
        })
    });
    let times = Arc::clone(&bare_times);
    g.bench_function(format!("bare_insert_{n}"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let dir = tempfile::tempdir().unwrap();
                let e = common::bare_insert(&dir.path().join("bare.sqlite3"), &rows, batch);
                times.lock().unwrap().push(e);
                total += e;
            }
            total
        })
    });
    g.finish();
    let (p, b) = (median(&push_times), median(&bare_times));
    println!(
        "push: requests={n} batch={batch} push_ms={p:.0} bare_ms={b:.0} ratio={:.2} (goal <= 3)",
        p / b.max(f64::MIN_POSITIVE)
    );
}

/// The benchmark group; a private module, because `criterion_group!` makes an undocumented
/// `pub fn`.
mod group {
    use super::push;
    use criterion::criterion_group;

    criterion_group!(benches, push);
}

criterion_main!(group::benches);
