//! The registry's duplicate search at national scale (`cargo bench --bench registry`):
//! candidates for one request against a registry of `IIN_DESK_BENCH_REGISTRY` synthetic
//! persons (default 1,000,000; the goal is 5,000,000 in ≤ 50 ms median) on a PostgreSQL
//! server, beside a baseline measured in the same run on the same connection: the
//! primary-key lookup of one person by IIN.
//!
//! The server is a throwaway cluster started as the tests start theirs
//! (`tests/queue_support/pg.rs`: `initdb` in a temporary folder, a free port, stopped at
//! the end); `PG_BIN_DIR` chooses the PostgreSQL binaries. The registry is filled by
//! `queue demo-registry`'s generator (one COPY, indexes built once), timed and printed.
//! Under `cargo test --all-targets` criterion runs each function once, on 2,000 persons.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

#[path = "../tests/queue_support/pg.rs"]
mod pg;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{criterion_main, Criterion};
use iin_desk::domain::dedup::compare;
use iin_desk::domain::identity::Identity;
use iin_desk::queue::central::{CentralOptions, OpenMode};
use iin_desk::queue::demo_registry::demo_person;
use iin_desk::queue::server::demo::fill_registry;
use iin_desk::queue::{Queue, QueueLocation};

fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// A request for a person who is in the registry, written otherwise: the name parts in
/// another order, a typo in the surname, a new passport.
fn request_for(person: &Identity) -> Identity {
    let mut q = person.clone();
    std::mem::swap(&mut q.surname, &mut q.name);
    q.name = q.name.replacen('A', "O", 1);
    if let Some(d) = q.document.as_mut() {
        d.number = "NX0000001".into();
    }
    q
}

fn registry(c: &mut Criterion) {
    let count: u64 = std::env::var("IIN_DESK_BENCH_REGISTRY")
        .ok()
        .and_then(|v| v.trim().replace('_', "").parse().ok())
        .unwrap_or(if measuring() { 1_000_000 } else { 2_000 });
    // IIN_DESK_BENCH_URL: a server whose registry an earlier run (or `iin-desk queue
    // demo-registry URL --count N --seed 42`) filled already; else a throwaway cluster.
    let mut _cluster = None;
    let url = match std::env::var("IIN_DESK_BENCH_URL") {
        Ok(url) => url,
        Err(_) => {
            let cluster = pg::cluster();
            let url = cluster.queue_database();
            _cluster = Some(cluster);
            let now = NaiveDate::from_ymd_opt(2026, 11, 25)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .unwrap();
            let started = Instant::now();
            let report = fill_registry(&url, count, 42, now, &mut |n| {
                if n % 1_000_000 == 0 {
                    eprintln!("registry: {n} persons written");
                }
            })
            .unwrap();
            println!(
                "registry: {} synthetic persons generated in {:.1} s",
                report.total,
                started.elapsed().as_secs_f64()
            );
            url
        }
    };
    let mut queue = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .unwrap();
    // Persons spread over the registry, each looked for as a new request would be.
    let persons: Vec<_> = (0..64)
        .filter_map(|i| demo_person(42, i * (count / 64).max(1)))
        .collect();
    let requests: Vec<Identity> = persons.iter().map(|(_, p)| request_for(p)).collect();
    let mut fetched = 0;
    for (q, (iin, p)) in requests.iter().zip(&persons) {
        let found = queue.candidates(q).unwrap();
        assert!(
            found.iter().any(|(c, _)| &c.iin == iin),
            "the person is found: {:?}",
            compare(q, p)
        );
        fetched += found.len();
    }
    println!(
        "registry: {:.1} candidates per request on average",
        fetched as f64 / requests.len() as f64
    );
    // The goal is a median: measured here as it is stated, beside criterion's estimates.
    let runs = if measuring() { 400 } else { 8 };
    let median_ms = |f: &mut dyn FnMut(usize)| {
        let mut times: Vec<f64> = (0..runs)
            .map(|k| {
                let t = Instant::now();
                f(k);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let candidates_ms = median_ms(&mut |k| {
        black_box(queue.candidates(&requests[k % requests.len()]).unwrap());
    });
    let baseline_ms = median_ms(&mut |k| {
        black_box(queue.person(&persons[k % persons.len()].0).unwrap());
    });
    println!(
        "registry: candidates for one request among {count} persons: median {candidates_ms:.2} ms \
         (goal <= 50 ms); baseline person by IIN: median {baseline_ms:.2} ms; ratio {:.1}",
        candidates_ms / baseline_ms
    );
    let mut group = c.benchmark_group("registry");
    group
        .sample_size(if measuring() { 100 } else { 10 })
        .measurement_time(Duration::from_secs(10));
    let mut i = 0;
    group.bench_function(format!("candidates/{count}"), |b| {
        b.iter(|| {
            i = (i + 1) % requests.len();
            black_box(queue.candidates(&requests[i]).unwrap())
        })
    });
    let mut j = 0;
    group.bench_function(format!("baseline_person_by_iin/{count}"), |b| {
        b.iter(|| {
            j = (j + 1) % persons.len();
            black_box(queue.person(&persons[j].0).unwrap())
        })
    });
    group.finish();
}

fn benches() {
    let mut c = Criterion::default().configure_from_args();
    registry(&mut c);
}

criterion_main!(benches);
