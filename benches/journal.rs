//! The journal over many requests, each figure beside its baseline measured in the same
//! run (`benches/run.sh` calls it; `cargo bench --bench journal` alone makes its own store):
//!
//! - a name search, count + first page of 100, through the trigram index, against the
//!   same search reading every row (`instr(search_name, ?)`, as before the index);
//! - a deep page (the page of 100 at the middle row), a keyset seek from its cursor,
//!   against the same page by `OFFSET` over the same index;
//! - the count pass that finds every page's cursor (the journal worker's, off the window).
//!
//! `journal DATA_DIR` measures the store in DATA_DIR (administrator `admin`, password
//! `Bench-admin-2026`); without one it makes (once) a store of `IIN_DESK_BENCH_ROWS`
//! synthetic requests (default 200,000: a million takes long to generate) in
//! `target/bench-data`. Under `cargo test --all-targets` it measures 1,000 requests once.
//! Prints one `key=value` line per figure, medians in milliseconds.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::PathBuf;
use std::time::Instant;

use iin_desk::store::{Cursor, RequestFilter, Store};

/// The median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm the page cache
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn name_search(store: &Store, runs: usize, baseline_runs: usize) {
    let part = "нұрлан";
    let filter = RequestFilter {
        name: Some(part.into()),
        ..RequestFilter::default()
    };
    let mut found = 0;
    let indexed = median_ms(runs, || {
        found = store.journal_count(&filter).unwrap();
        let page = store.journal_page(&filter, None, 0, 100).unwrap();
        std::hint::black_box(page);
    });
    let count_only = median_ms(runs, || {
        std::hint::black_box(store.journal_count(&filter).unwrap());
    });
    let mut scanned = 0;
    let scan = median_ms(baseline_runs, || {
        let (n, rows) = store.journal_scan_baseline(part, 100).unwrap();
        scanned = n;
        std::hint::black_box(rows);
    });
    assert_eq!(found, scanned, "the index and the scan disagree");
    println!(
        "name_search matches={found} index_ms={indexed:.2} (count {count_only:.2}) scan_ms={scan:.1} speedup={:.0}x (goal index_ms <= 30)",
        scan / indexed
    );
}

fn deep_page(store: &Store, runs: usize, baseline_runs: usize) {
    let all = RequestFilter::default();
    let t = Instant::now();
    let (total, anchors) = store
        .journal_anchors(&all, 100, &|| false)
        .unwrap()
        .unwrap();
    let pass_ms = t.elapsed().as_secs_f64() * 1e3;
    let page = anchors.len() / 2;
    let cursor: Option<&Cursor> = page.checked_sub(1).and_then(|i| anchors.get(i));
    let offset = page as u64 * 100;
    let keyset = median_ms(runs, || {
        std::hint::black_box(store.journal_page(&all, cursor, 0, 100).unwrap());
    });
    let by_offset = median_ms(baseline_runs, || {
        std::hint::black_box(store.journal_page(&all, None, offset, 100).unwrap());
    });
    let a = store.journal_page(&all, cursor, 0, 100).unwrap().rows;
    let b = store.journal_page(&all, None, offset, 100).unwrap().rows;
    assert_eq!(a, b, "the keyset page and the offset page differ");
    println!(
        "deep_page rows={total} row={offset} keyset_ms={keyset:.2} offset_ms={by_offset:.1} speedup={:.0}x (goal keyset_ms <= 10)",
        by_offset / keyset
    );
    println!("count_pass rows={total} pages={} ms={pass_ms:.0} (the worker's count and cursors, off the window)", anchors.len() + 1);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let measuring = common::measuring();
    let dir = match args.iter().find(|a| !a.starts_with('-')) {
        Some(d) => PathBuf::from(d),
        None => {
            let n = if measuring {
                std::env::var("IIN_DESK_BENCH_ROWS")
                    .ok()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(200_000)
            } else {
                1_000
            };
            common::journal_store(n)
        }
    };
    let store = common::open_store(&dir);
    // As the journal worker's connection and the `search` command have it.
    store.use_search_cache().unwrap();
    let (runs, baseline_runs) = if measuring { (21, 3) } else { (1, 1) };
    name_search(&store, runs, baseline_runs);
    deep_page(&store, runs, baseline_runs);
    // `IIN_DESK_BENCH_OPTIMIZE=1`: the name search again after merging the index's
    // segments (`Store::optimize_search_index`), as a bulk load could end.
    if std::env::var_os("IIN_DESK_BENCH_OPTIMIZE").is_some() {
        let mut store = store;
        let t = Instant::now();
        store.optimize_search_index().unwrap();
        println!("optimize ms={:.0}", t.elapsed().as_secs_f64() * 1e3);
        name_search(&store, runs, 1);
    }
}
