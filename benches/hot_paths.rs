//! Criterion benchmarks of the hot paths (`cargo bench --bench hot_paths`): MRZ reading,
//! IIN parse and generate, the checklist decision, validation of a whole request, each
//! printed document, an import of 10,000 requests, a sync round pushing 10,000 requests,
//! and a journal search and page fetch over 1,000,000 stored requests.
//!
//! Under `cargo test --all-targets` criterion runs each function once; the sizes then
//! shrink (100 requests to import and push, 1,000 in the journal) to keep CI fast.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_main, BatchSize, Criterion};
use iin_desk::domain::form::{decision, record_to_form, validate_record};
use iin_desk::domain::identity::Sex;
use iin_desk::domain::iin::{generate, Iin};
use iin_desk::domain::mrz::read_mrz;
use iin_desk::domain::request::Status;
use iin_desk::pdf::{daily_register, render, DocKind, PrintContext, Register, RegisterRow};
use iin_desk::queue::sync::{sync_round, SyncConfig};
use iin_desk::store::RequestFilter;
use uuid::Uuid;

fn td3() -> String {
    mrz::format_td3(&mrz::Td3Fields {
        document_code: "P".into(),
        issuing_country: "UZB".into(),
        document_number: "FA1234567".into(),
        surname: "TESTOVA".into(),
        given_names: "MALIKA".into(),
        nationality: "UZB".into(),
        date_of_birth: mrz::MrzDate::Calendar(mrz::Date::new(1990, 3, 15)),
        sex: mrz::Sex::Female,
        date_of_expiry: mrz::MrzDate::Calendar(mrz::Date::new(2031, 3, 14)),
        ..Default::default()
    })
}

fn domain(c: &mut Criterion) {
    let zone = td3();
    let today = common::now().date();
    c.bench_function("mrz/read_td3", |b| {
        b.iter(|| read_mrz(black_box(&zone), today))
    });
    c.bench_function("iin/parse", |b| {
        b.iter(|| Iin::parse(black_box("740812400014")))
    });
    let birth = chrono::NaiveDate::from_ymd_opt(1974, 8, 12).unwrap();
    c.bench_function("iin/generate", |b| {
        b.iter(|| generate(black_box(birth), Sex::Female, black_box(1)))
    });
    let records = common::records(200);
    c.bench_function("checklist/decision", |b| {
        b.iter(|| decision(black_box(&records[0].request)))
    });
    let forms: Vec<_> = records.iter().map(record_to_form).collect();
    let now = common::now();
    c.bench_function("form/validate_record", |b| {
        let mut i = 0;
        b.iter(|| {
            i = (i + 1) % forms.len();
            validate_record(black_box(&forms[i]), Uuid::nil(), now)
        })
    });
}

fn pdf(c: &mut Criterion) {
    let records = common::records(200);
    let ctx = PrintContext {
        office_name: "Astana, Esil district branch".into(),
        office_address: "Astana, Kabanbay batyr ave 1".into(),
        counter: "7".into(),
        clerk_name: "Aigerim Clerk".into(),
        clerk_phone: "+7 7172 00 00 00".into(),
        printed_at: common::now(),
    };
    let with = |s: Status| records.iter().find(|r| r.status == s).unwrap();
    let cases = [
        (
            "pdf/certificate",
            DocKind::Certificate,
            with(Status::Formed),
        ),
        (
            "pdf/receipt",
            DocKind::Receipt,
            with(Status::RefusedToAccept),
        ),
        (
            "pdf/application",
            DocKind::Application,
            with(Status::Accepted),
        ),
        ("pdf/refusal", DocKind::Refusal, with(Status::Refused)),
    ];
    let mut g = c.benchmark_group("pdf");
    g.sample_size(20);
    for (name, kind, record) in cases {
        render(kind, record, &ctx).unwrap();
        g.bench_function(name.trim_start_matches("pdf/"), |b| {
            b.iter(|| render(kind, black_box(record), &ctx))
        });
    }
    let register = Register {
        date: common::now().date(),
        counter: None,
        rows: records
            .iter()
            .take(60)
            .map(|r| RegisterRow {
                request_id: r.request.id.to_string(),
                submitted_at: r.request.submitted_at,
                kind: r.request.kind,
                status: r.status,
                counter: r.counter.clone(),
                clerk: r.clerk.clone(),
                waiting: Some(chrono::Duration::minutes(7)),
                service: Some(chrono::Duration::minutes(12)),
            })
            .collect(),
    };
    g.bench_function("daily_register_60", |b| {
        b.iter(|| daily_register(black_box(&register), &ctx))
    });
    g.finish();
}

fn store(c: &mut Criterion) {
    let n = if common::measuring() { 10_000 } else { 100 };
    let records = common::records(n as u64);
    let mut g = c.benchmark_group("store");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function(format!("import_{n}"), |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = common::create_store(dir.path());
                (dir, store)
            },
            |(dir, mut store)| {
                store
                    .import_records(&records, "admin", common::now())
                    .unwrap();
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();

    let accepted = common::accepted_records(n);
    let mut g = c.benchmark_group("queue");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    g.bench_function(format!("sync_round_push_{n}"), |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let mut store = common::create_store(dir.path());
                store
                    .insert_records_bulk(&accepted, "admin", "bench", common::now())
                    .unwrap();
                let config = SyncConfig::new(dir.path().join("central.sqlite3"), "sync");
                (dir, store, config)
            },
            |(dir, mut store, config)| {
                let report = sync_round(&mut store, &config, false, &common::now).unwrap();
                assert_eq!(report.pushed, n);
                (dir, store)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn journal(c: &mut Criterion) {
    let n = if common::measuring() {
        1_000_000
    } else {
        1_000
    };
    let dir = common::journal_store(n);
    let store = common::open_store(&dir);
    let mut g = c.benchmark_group("journal");
    g.sample_size(10);
    let by_name = RequestFilter {
        name: Some("нұрлан".into()),
        ..RequestFilter::default()
    };
    g.bench_function(format!("search_name_{n}"), |b| {
        b.iter(|| {
            let total = store.count_requests(&by_name).unwrap();
            let rows = store.list_requests(&by_name, 0, 100).unwrap();
            (total, rows)
        })
    });
    let by_iin = RequestFilter {
        iin: Some(
            store
                .list_requests(&RequestFilter::default(), 7, 1)
                .unwrap()
                .into_iter()
                .find_map(|r| r.iin)
                .unwrap_or_else(|| "740812400014".into()),
        ),
        ..RequestFilter::default()
    };
    g.bench_function(format!("search_iin_{n}"), |b| {
        b.iter(|| {
            let total = store.count_requests(&by_iin).unwrap();
            let rows = store.list_requests(&by_iin, 0, 100).unwrap();
            (total, rows)
        })
    });
    let all = RequestFilter::default();
    g.bench_function(format!("open_{n}"), |b| {
        b.iter(|| {
            let total = store.count_requests(&all).unwrap();
            let rows = store.list_requests(&all, 0, 100).unwrap();
            (total, rows)
        })
    });
    let middle = n / 2;
    g.bench_function(format!("page_at_{middle}"), |b| {
        b.iter(|| store.list_requests(&all, middle, 100).unwrap())
    });
    g.bench_function("page_first", |b| {
        b.iter(|| store.list_requests(&all, 0, 100).unwrap())
    });
    g.finish();
}

/// The benchmark group; a private module, because `criterion_group!` makes an undocumented
/// `pub fn`.
mod group {
    use super::{domain, journal, pdf, store};
    use criterion::criterion_group;

    criterion_group!(benches, domain, pdf, store, journal);
}

criterion_main!(group::benches);
