//! Measurements for `benches/run.sh` that criterion cannot make: each prints one line of
//! `key=value` figures. Without a mode (as `cargo test --all-targets` runs it) it does
//! nothing.
//!
//! - `probe journal-window DATA_DIR`: the counter window (eframe, glow) logged in on the
//!   journal of the store in DATA_DIR; after 30 frames prints its resident memory.
//! - `probe journal-frame DATA_DIR`: the same screen in a kittest harness; prints the CPU
//!   time of one frame (this thread's, from /proc/thread-self/schedstat).
//! - `probe search DATA_DIR`: a journal search by part of a name and the first page.
//! - `probe certificate OUT_DIR`: renders a registration certificate (mean of 50), writes
//!   it as `certificate.pdf` and its text as `certificate.txt` for the LibreOffice baseline.
//! - `probe push N`: one sync round pushing N accepted requests into a new central file,
//!   then the same rows inserted into a bare table of a new encrypted file with the same
//!   commit size (`benches/push.rs` measures the same with criterion).
//! - `probe bare-fill N DIR`: the baseline of `demo-data --count N`: the same requests'
//!   rows (every column `demo-data` stores, the form as JSON) inserted into a bare table
//!   (the id as primary key, no other index, no search index, no audit) of a new encrypted
//!   file in DIR set up as the store is (WAL, `synchronous = FULL`, the bulk insert's
//!   page cache), 10,000 rows per transaction. The rows are made between the batches, off
//!   the clock; prints the time of the inserts and commits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use iin_desk::app::{Clock, Command, DeskApp, Screen};
use iin_desk::domain::request::Status;
use iin_desk::pdf::{render, DocKind, PrintContext};
use iin_desk::queue::sync::{sync_round, SyncConfig};
use iin_desk::store::RequestFilter;

#[derive(Clone)]
struct Pinned;

impl Clock for Pinned {
    fn now(&self) -> chrono::NaiveDateTime {
        common::now()
    }
}

fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// Nanoseconds this thread has run on a CPU.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// The counter window logged in as the administrator, asked to show the journal.
fn journal_app(dir: &Path) -> DeskApp {
    let mut app = DeskApp::new(dir.to_path_buf(), Box::new(Pinned)).unwrap();
    app.open_store(common::open_store(dir));
    app.state.user = Some(common::admin());
    app.state.lang = iin_desk::domain::lang::Lang::En;
    app.state.ask(Command::Show(Screen::Journal));
    app
}

struct Window {
    app: DeskApp,
    frames: u32,
}

impl eframe::App for Window {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.app.ui(ui);
        self.frames += 1;
        if self.frames >= 30 {
            println!(
                "rows={} rss_kb={} hwm_kb={}",
                self.app.state.journal.total,
                status_kb("VmRSS:"),
                status_kb("VmHWM:")
            );
            std::process::exit(0);
        }
        ui.ctx().request_repaint();
    }
}

fn journal_window(dir: PathBuf) {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("iin-desk")
            .with_inner_size([1280.0, 860.0]),
        ..Default::default()
    };
    eframe::run_native(
        "iin-desk-probe",
        options,
        Box::new(move |_cc| {
            Ok(Box::new(Window {
                app: journal_app(&dir),
                frames: 0,
            }))
        }),
    )
    .unwrap();
}

fn journal_frame(dir: PathBuf) {
    let app = journal_app(&dir);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .build_ui_state(|ui, app: &mut DeskApp| app.ui(ui), app);
    let t = Instant::now();
    harness.step();
    let first = t.elapsed().as_nanos();
    // The first frames ask for the visible pages; then the table is drawn from the cache.
    for _ in 0..5 {
        harness.step();
    }
    let frames = 200;
    let t = thread_cpu_ns();
    for _ in 0..frames {
        harness.step();
    }
    let per_frame = (thread_cpu_ns() - t) as f64 / frames as f64;
    println!(
        "rows={} first_frame_wall_ms={:.2} frame_cpu_ms={:.3}",
        harness.state().state.journal.total,
        first as f64 / 1e6,
        per_frame / 1e6
    );
}

fn search(dir: PathBuf) {
    let store = common::open_store(&dir);
    let mut line = String::new();
    for (label, filter) in [
        (
            "name",
            RequestFilter {
                name: Some("нұрлан".into()),
                ..RequestFilter::default()
            },
        ),
        ("all", RequestFilter::default()),
    ] {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..7 {
            let t = Instant::now();
            total = store.count_requests(&filter).unwrap();
            let rows = store.list_requests(&filter, 0, 100).unwrap();
            std::hint::black_box(rows);
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(f64::total_cmp);
        line += &format!("{label}_matches={total} {label}_ms={:.1} ", times[3]);
    }
    println!("{}", line.trim_end());
}

fn certificate(out: PathBuf) {
    let records = common::records(200);
    let record = records.iter().find(|r| r.status == Status::Formed).unwrap();
    let ctx = PrintContext {
        office_name: "Astana, Esil district branch".into(),
        office_address: "Astana, Kabanbay batyr ave 1".into(),
        counter: "7".into(),
        clerk_name: "Aigerim Clerk".into(),
        clerk_phone: "+7 7172 00 00 00".into(),
        printed_at: common::now(),
    };
    let pdf = render(DocKind::Certificate, record, &ctx).unwrap();
    let runs = 50;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(render(DocKind::Certificate, record, &ctx).unwrap());
    }
    let ms = t.elapsed().as_secs_f64() * 1e3 / runs as f64;
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("certificate.pdf"), &pdf).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap_or_default();
    std::fs::write(out.join("certificate.txt"), text).unwrap();
    println!("certificate_ms={ms:.2} bytes={}", pdf.len());
}

fn push(n: usize) {
    let records = common::accepted_records(n);
    let dir = tempfile::tempdir().unwrap();
    let mut store = common::create_store(dir.path());
    store
        .insert_records_bulk(&records, "admin", "bench", common::now())
        .unwrap();
    let mut config = SyncConfig::new(dir.path().join("central.sqlite3"), "sync");
    // `IIN_DESK_PUSH_BATCH` overrides the requests per central transaction (default 100),
    // to see what the batching costs.
    if let Some(b) = std::env::var("IIN_DESK_PUSH_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        config.batch_size = b;
    }
    let t = Instant::now();
    let cpu = thread_cpu_ns();
    let report = sync_round(&mut store, &config, false, &common::now).unwrap();
    let push_ms = t.elapsed().as_secs_f64() * 1e3;
    let push_cpu_ms = (thread_cpu_ns() - cpu) as f64 / 1e6;
    assert_eq!(report.pushed, n);

    // The baseline: the same rows into a bare table of a new encrypted file set up as the
    // central file is, with the same commit size (`common::bare_insert`).
    let rows = common::push_rows(&records);
    let cpu = thread_cpu_ns();
    let bare = common::bare_insert(&dir.path().join("bare.sqlite3"), &rows, config.batch_size);
    let bare_cpu_ms = (thread_cpu_ns() - cpu) as f64 / 1e6;
    let bare_ms = bare.as_secs_f64() * 1e3;
    println!(
        "requests={n} batch={} push_ms={push_ms:.0} bare_ms={bare_ms:.0} ratio={:.2} \
         push_cpu_ms={push_cpu_ms:.0} bare_cpu_ms={bare_cpu_ms:.0}",
        config.batch_size,
        push_ms / bare_ms
    );
}

fn bare_fill(n: u64, dir: &Path) {
    let mut conn = rusqlite::Connection::open(dir.join("bare-fill.sqlite3")).unwrap();
    conn.execute_batch(&format!(
        "PRAGMA key = \"x'{}'\"; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         PRAGMA cache_size = -262144; PRAGMA wal_autocheckpoint = 16384;
         CREATE TABLE requests(id TEXT PRIMARY KEY, kind TEXT NOT NULL, channel TEXT NOT NULL,
             status TEXT NOT NULL, submitted_at TEXT, due_at TEXT, office TEXT NOT NULL,
             counter TEXT NOT NULL, clerk TEXT NOT NULL, iin TEXT, doc_number TEXT,
             birth_date TEXT, search_name TEXT NOT NULL, data TEXT NOT NULL,
             created_at TEXT NOT NULL, updated_at TEXT NOT NULL, synthetic INTEGER NOT NULL);",
        "5a".repeat(32)
    ))
    .unwrap();
    let batch = iin_desk::cli::demo_cmds::BATCH as u64;
    let mut spent = std::time::Duration::ZERO;
    let mut from = 0;
    while from < n {
        let count = (n - from).min(batch);
        let rows: Vec<(iin_desk::domain::form::RequestForm, String, String)> =
            iin_desk::cli::demo_cmds::demo_records(common::SEED, from, count, common::now())
                .unwrap()
                .iter()
                .map(|r| {
                    let f = iin_desk::domain::form::record_to_form(r);
                    let a = &f.applicant;
                    let name = [&a.surname, &a.name, &a.surname_cyr, &a.name_cyr]
                        .map(|s| s.to_lowercase())
                        .join(" ");
                    let data = serde_json::to_string(&f).unwrap();
                    (f, name, data)
                })
                .collect();
        from += count;
        let t = Instant::now();
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .unwrap();
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO requests(id, kind, channel, status, submitted_at, due_at, office,
                         counter, clerk, iin, doc_number, birth_date, search_name, data,
                         created_at, updated_at, synthetic)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
                             '2026-11-25T10:00:00', '2026-11-25T10:00:00', 1)",
                )
                .unwrap();
            for (f, name, data) in &rows {
                stmt.execute(rusqlite::params![
                    f.id,
                    f.kind,
                    f.channel,
                    f.status,
                    f.submitted_at,
                    f.office,
                    f.counter,
                    f.clerk,
                    f.result.as_ref().map(|r| r.iin.clone()),
                    f.applicant.document_number,
                    f.applicant.birth_date,
                    name,
                    data
                ])
                .unwrap();
            }
        }
        tx.commit().unwrap();
        spent += t.elapsed();
    }
    println!("rows={n} bare_fill_ms={:.0}", spent.as_secs_f64() * 1e3);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    match arg(0).as_str() {
        "journal-window" => journal_window(PathBuf::from(arg(1))),
        "journal-frame" => journal_frame(PathBuf::from(arg(1))),
        "search" => search(PathBuf::from(arg(1))),
        "certificate" => certificate(PathBuf::from(arg(1))),
        "push" => push(arg(1).parse().unwrap_or(10_000)),
        "bare-fill" => bare_fill(arg(1).parse().unwrap_or(1_000_000), Path::new(&arg(2))),
        "fill" => {
            let dir = common::journal_store(arg(1).parse().unwrap_or(1_000_000));
            println!("{}", dir.display());
        }
        // `cargo test --all-targets` runs this binary without a mode.
        _ => {}
    }
}
