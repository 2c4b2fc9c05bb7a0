//! The journal's engine over synthetic requests: every filter answers what a plain
//! reading of all rows answers, from an index, in the same order.

use crate::now;
use iin_desk::cli::demo_cmds::demo_records;
use iin_desk::domain::request::Status;
use iin_desk::store::journal::worker::{JournalJob, JournalNews, JournalWorker};
use iin_desk::store::journal::JournalFilter;
use iin_desk::store::{Cursor, RequestFilter, RequestRow, Store, StoreError};

const N: u64 = 3_000;

fn filled(dir: &std::path::Path) -> Store {
    let mut store = Store::open_plaintext(&dir.join("j.sqlite3")).unwrap_or_else(|e| panic!("{e}"));
    let records = demo_records(7, 0, N, now()).unwrap_or_else(|e| panic!("{e}"));
    store
        .insert_records_bulk(&records, "admin", "bench", now())
        .unwrap_or_else(|e| panic!("{e}"));
    store
}

fn all(store: &Store) -> Vec<RequestRow> {
    let f = RequestFilter {
        include_drafts: true,
        ..RequestFilter::default()
    };
    store
        .list_requests(&f, 0, u64::MAX)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn day(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
}

/// The filters checked, each with what it keeps of a row (given the row's stored
/// names in lower case).
fn cases() -> Vec<(&'static str, RequestFilter)> {
    let name = |n: &str| RequestFilter {
        name: Some(n.into()),
        ..RequestFilter::default()
    };
    vec![
        ("everything", RequestFilter::default()),
        ("latin part", name("nurlan")),
        ("cyrillic part, upper case", name("НҰРЛАН")),
        ("kazakh letters", name("әбілқ")),
        ("across words", name("ov kai")),
        ("no such name", name("zzzqqq")),
        (
            "name and status",
            RequestFilter {
                status: Some(Status::Formed),
                ..name("ова")
            },
        ),
        (
            "name and clerk",
            RequestFilter {
                clerk: Some("c.clerk".into()),
                ..name("ivan")
            },
        ),
        (
            "name and dates",
            RequestFilter {
                from: day(2025, 1, 1),
                to: day(2025, 6, 30),
                ..name("тест")
            },
        ),
        (
            "status",
            RequestFilter {
                status: Some(Status::Refused),
                ..RequestFilter::default()
            },
        ),
        (
            "clerk",
            RequestFilter {
                clerk: Some("a.clerk".into()),
                ..RequestFilter::default()
            },
        ),
        (
            "dates",
            RequestFilter {
                from: day(2024, 3, 1),
                to: day(2024, 3, 31),
                ..RequestFilter::default()
            },
        ),
        (
            "clerk, status and dates",
            RequestFilter {
                clerk: Some("b.clerk".into()),
                status: Some(Status::Sent),
                from: day(2024, 1, 1),
                ..RequestFilter::default()
            },
        ),
    ]
}

fn keeps(f: &RequestFilter, r: &RequestRow, names: &str) -> bool {
    let date = r
        .submitted_at
        .as_deref()
        .unwrap_or("")
        .get(..10)
        .unwrap_or("");
    f.iin.as_ref().is_none_or(|i| r.iin.as_ref() == Some(i))
        && f.doc_number
            .as_ref()
            .is_none_or(|d| d.to_uppercase() == r.doc_number)
        && f.name
            .as_ref()
            .is_none_or(|n| names.contains(&n.trim().to_lowercase()))
        && f.status.is_none_or(|s| s == r.status)
        && f.clerk.as_ref().is_none_or(|c| *c == r.clerk)
        && f.from.is_none_or(|d| date >= d.to_string().as_str())
        && f.to.is_none_or(|d| date <= d.to_string().as_str())
        && (f.include_drafts || r.status != Status::Draft)
}

fn names(store: &Store, id: &str) -> String {
    let a = store
        .request(id)
        .unwrap_or_else(|e| panic!("{e}"))
        .form
        .applicant;
    [
        a.surname,
        a.name,
        a.patronymic,
        a.surname_cyr,
        a.name_cyr,
        a.patronymic_cyr,
    ]
    .iter()
    .filter(|s| !s.trim().is_empty())
    .map(|s| s.trim().to_lowercase())
    .collect::<Vec<_>>()
    .join(" ")
}

/// Walks every page of `f` through the worker's keyset pages.
fn walk(store: &Store, f: JournalFilter, page_rows: u64) -> (u64, Vec<RequestRow>) {
    let mut worker = JournalWorker::inline(page_rows);
    worker.send(JournalJob::Search {
        generation: 1,
        filter: f,
    });
    let mut total = None;
    let mut pages = std::collections::BTreeMap::new();
    for news in worker.poll(store) {
        match news {
            JournalNews::Counted { total: t, .. } => total = Some(t),
            JournalNews::Page { page, rows, .. } => {
                pages.insert(page, rows);
            }
            JournalNews::Failed { error, .. } => panic!("{error}"),
        }
    }
    let total = total.unwrap_or_else(|| panic!("not counted"));
    // Ask for the pages back to front: each is a seek from its own cursor.
    let last = total.div_ceil(page_rows);
    for page in (1..last).rev() {
        worker.send(JournalJob::Page {
            generation: 1,
            page,
        });
    }
    for news in worker.poll(store) {
        if let JournalNews::Page { page, rows, .. } = news {
            pages.insert(page, rows);
        }
    }
    (total, pages.into_values().flatten().collect())
}

#[test]
fn every_filter_finds_what_reading_every_row_finds() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = filled(dir.path());
    let rows = all(&store);
    assert_eq!(rows.len() as u64, N);
    let named: Vec<(RequestRow, String)> = rows
        .into_iter()
        .map(|r| {
            let n = names(&store, &r.id);
            (r, n)
        })
        .collect();
    // An IIN and a document number of the data set, alone and with a name part.
    let with_iin = named.iter().find_map(|(r, _)| r.iin.clone());
    let doc = named[11].0.doc_number.clone();
    let mut table = cases();
    table.push((
        "iin",
        RequestFilter {
            iin: with_iin,
            ..RequestFilter::default()
        },
    ));
    table.push((
        "document and name",
        RequestFilter {
            doc_number: Some(doc.to_lowercase()),
            name: Some(named[11].1.chars().skip(1).take(4).collect()),
            ..RequestFilter::default()
        },
    ));
    for (label, f) in table {
        let expected: Vec<&RequestRow> = named
            .iter()
            .filter(|(r, n)| keeps(&f, r, n))
            .map(|(r, _)| r)
            .collect();
        let count = store.count_requests(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(count, expected.len() as u64, "{label}: count");
        let (total, walked) = walk(&store, f.clone().into(), 37);
        assert_eq!(total, count, "{label}: counted by the pass");
        let ids: Vec<&str> = walked.iter().map(|r| r.id.as_str()).collect();
        let want: Vec<&str> = expected.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids, want,
            "{label}: every keyset page, in the journal's order"
        );
        // Never the table read through (`SCAN r`), never all matches sorted (but the
        // few rows of an exact IIN or document number).
        let exact = f.iin.is_some() || f.doc_number.is_some();
        let cursor = match walked.first() {
            Some(_) if f.name.is_none() => Cursor::Time("2025-01-01T00:00:00".into(), 9),
            _ => Cursor::Key(1 << 40),
        };
        let plan = store
            .journal_query_plan(&f, Some(&cursor))
            .unwrap_or_else(|e| panic!("{e}"));
        for line in &plan {
            assert!(
                line != "SCAN r" && (!line.contains("TEMP B-TREE") || exact),
                "{label}: {line} in {plan:?}"
            );
        }
        assert!(
            plan.iter().any(
                |l| l.starts_with("SEARCH r USING") || l.contains("requests_fts VIRTUAL TABLE")
            ),
            "{label}: the page seeks: {plan:?}"
        );
        if label != "everything" && label != "dates" && label != "no such name" {
            assert!(count > 0, "{label}: the data set should have matches");
        }
    }
}

#[test]
fn the_worker_thread_answers_without_blocking_the_caller() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let store = filled(dir.path());
    let second = store.reopen().unwrap_or_else(|e| panic!("{e}"));
    let mut worker = JournalWorker::start(second, 100, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(worker.is_threaded());
    let f = RequestFilter {
        name: Some("ова".into()),
        ..RequestFilter::default()
    };
    // An older search, overtaken at once: its news may come, but is numbered 1.
    worker.send(JournalJob::Search {
        generation: 1,
        filter: RequestFilter::default().into(),
    });
    worker.send(JournalJob::Search {
        generation: 2,
        filter: f.clone().into(),
    });
    let mut total = None;
    let mut first = None;
    let started = std::time::Instant::now();
    while total.is_none() || first.is_none() {
        let t = std::time::Instant::now();
        let news = worker.poll(&store);
        assert!(
            t.elapsed() < std::time::Duration::from_millis(50),
            "poll waited"
        );
        for n in news {
            match n {
                JournalNews::Counted {
                    generation: 2,
                    total: t,
                } => total = Some(t),
                JournalNews::Page {
                    generation: 2,
                    page: 0,
                    rows,
                } => first = Some(rows),
                JournalNews::Failed { error, .. } => panic!("{error}"),
                _ => {}
            }
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert_eq!(total, store.count_requests(&f).ok());
    let want = store
        .list_requests(&f, 0, 100)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, Some(want));
    // A deep page, once counted.
    let deep = total.unwrap_or(0).saturating_sub(1) / 100;
    worker.send(JournalJob::Page {
        generation: 2,
        page: deep,
    });
    let rows = loop {
        let found = worker.poll(&store).into_iter().find_map(|n| match n {
            JournalNews::Page { page, rows, .. } if page == deep => Some(rows),
            _ => None,
        });
        if let Some(rows) = found {
            break rows;
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(60));
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    let want = store
        .list_requests(&f, deep * 100, 100)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows, want);
}

/// Only the requests set aside.
fn only(requests: RequestFilter) -> JournalFilter {
    JournalFilter {
        requests,
        set_aside: true,
    }
}

/// The set-aside filter alone and with each other field, around the request `first`
/// (set aside, with an IIN, named `names`).
fn set_aside_cases(first: &RequestRow, names: &str) -> Vec<(&'static str, JournalFilter)> {
    vec![
        ("set aside", only(RequestFilter::default())),
        (
            "set aside, status",
            only(RequestFilter {
                status: Some(first.status),
                ..RequestFilter::default()
            }),
        ),
        (
            "set aside, clerk and dates",
            only(RequestFilter {
                clerk: Some(first.clerk.clone()),
                from: day(2024, 1, 1),
                to: day(2026, 12, 31),
                ..RequestFilter::default()
            }),
        ),
        (
            "set aside, name",
            only(RequestFilter {
                name: Some(names.chars().take(4).collect()),
                ..RequestFilter::default()
            }),
        ),
        (
            "set aside, IIN",
            only(RequestFilter {
                iin: first.iin.clone(),
                ..RequestFilter::default()
            }),
        ),
        (
            "set aside, drafts asked for too",
            only(RequestFilter {
                include_drafts: true,
                ..RequestFilter::default()
            }),
        ),
    ]
}

#[test]
fn the_set_aside_filter_finds_the_requests_set_aside_from_their_keys() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = filled(dir.path());
    let named: Vec<(RequestRow, String)> = all(&store)
        .into_iter()
        .filter(|r| r.status != Status::Draft)
        .map(|r| {
            let n = names(&store, &r.id);
            (r, n)
        })
        .collect();
    // Every 97th request set aside, and one draft (never listed: not a request yet).
    let aside: std::collections::HashSet<String> = named
        .iter()
        .step_by(97)
        .map(|(r, _)| r.id.clone())
        .collect();
    assert!(aside.len() > 20, "{}", aside.len());
    for id in &aside {
        store
            .set_aside(id, "conflict", "sync", now())
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let first = named
        .iter()
        .find(|(r, _)| aside.contains(&r.id) && r.iin.is_some())
        .unwrap_or_else(|| panic!("a request set aside with an IIN"));
    let table = set_aside_cases(&first.0, &first.1);
    for (label, f) in table {
        let want: Vec<&str> = named
            .iter()
            .filter(|(r, n)| aside.contains(&r.id) && keeps(&f.requests, r, n))
            .map(|(r, _)| r.id.as_str())
            .collect();
        assert!(
            !want.is_empty(),
            "{label}: the data set should have matches"
        );
        let count = store.journal_count(&f).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(count, want.len() as u64, "{label}: count");
        let (total, walked) = walk(&store, f.clone(), 5);
        assert_eq!(total, count, "{label}: counted by the pass");
        let ids: Vec<&str> = walked.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids, want,
            "{label}: every keyset page, in the journal's order"
        );
        // The keys of the requests set aside (or one key per row another index found:
        // the name's trigram index, an IIN's), never a table read through.
        let plan = store
            .journal_query_plan(&f, Some(&Cursor::Key(1 << 40)))
            .unwrap_or_else(|e| panic!("{e}"));
        for line in &plan {
            assert!(
                !line.starts_with("SCAN") || line.starts_with("SCAN requests_fts VIRTUAL TABLE"),
                "{label}: {line} in {plan:?}"
            );
        }
        assert!(
            plan.iter()
                .any(|l| l.contains("sqlite_autoindex_sync_state_1")),
            "{label}: the set-aside keys by their index: {plan:?}"
        );
        if f.requests.iin.is_none() && f.requests.name.is_none() {
            assert!(
                plan.iter()
                    .any(|l| l.starts_with("SEARCH s USING") && l.contains("key>? AND key<?")),
                "{label}: the range of the keys: {plan:?}"
            );
        }
    }
    // Sent again: it leaves the list.
    assert!(store
        .retry_set_aside(&first.0.id, "supervisor", now())
        .unwrap_or_else(|e| panic!("{e}")));
    let f = only(RequestFilter::default());
    assert_eq!(
        store.journal_count(&f).unwrap_or_else(|e| panic!("{e}")),
        aside.len() as u64 - 1
    );
    let (_, walked) = walk(&store, f, 100);
    assert!(walked.iter().all(|r| r.id != first.0.id));
}

#[test]
fn a_short_name_is_refused_with_a_hint() {
    let store = Store::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let f = RequestFilter {
        name: Some(" ab ".into()),
        ..RequestFilter::default()
    };
    let e = store.count_requests(&f).err();
    assert!(
        matches!(e, Some(StoreError::NameTooShort { min: 3 })),
        "{e:?}"
    );
    let text = e.map(|e| e.message(iin_desk::domain::lang::Lang::En));
    assert_eq!(
        text.as_deref(),
        Some("type at least 3 characters of the name")
    );
}
