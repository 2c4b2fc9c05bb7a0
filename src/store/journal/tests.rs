//! The search index in the store: SQLCipher's FTS5 with trigrams, kept in step by the
//! triggers through every write, and the journal key's order.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::form::{validate_record, RequestForm};
use crate::domain::request::Status;
use crate::store::{RequestFilter, SecretKey, Store};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap()
}

fn draft(id: &str, surname: &str, surname_cyr: &str) -> RequestForm {
    let mut f = RequestForm {
        id: id.into(),
        ..RequestForm::default()
    };
    f.applicant.surname = surname.into();
    f.applicant.surname_cyr = surname_cyr.into();
    f
}

fn by_name(name: &str, drafts: bool) -> RequestFilter {
    RequestFilter {
        name: Some(name.into()),
        status: drafts.then_some(Status::Draft),
        include_drafts: drafts,
        ..RequestFilter::default()
    }
}

#[test]
fn the_bundled_sqlcipher_has_fts5_with_trigrams_and_encrypts_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let key = SecretKey::random();
    let mut store = Store::open_encrypted(&path, &key).unwrap();
    let options: Vec<String> = {
        let mut stmt = store.conn.prepare("PRAGMA compile_options").unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
    let cipher: String = store
        .conn
        .query_row("PRAGMA cipher_version", [], |r| r.get(0))
        .unwrap();
    assert!(!cipher.is_empty());
    store
        .save_draft(&draft("d1", "ÆBILQASYMOVA", "ӘБІЛҚАСЫМОВА"), "admin", now())
        .unwrap();
    assert_eq!(store.count_requests(&by_name("әбілқ", true)).unwrap(), 1);
    assert_eq!(store.count_requests(&by_name("ӘБІЛҚ", true)).unwrap(), 1);
    drop(store);
    // The index is in the encrypted file: no name in clear on disk.
    let _ = Store::open_encrypted(&path, &key).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let needle = "ӘБІЛҚ".to_lowercase();
    assert!(!bytes.windows(needle.len()).any(|w| w == needle.as_bytes()));
}

#[test]
fn the_index_follows_draft_saves_decisions_and_events() {
    let mut store = Store::open_in_memory().unwrap();
    let id = "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001";
    store
        .save_draft(&draft(id, "TESTOV", ""), "a.clerk", now())
        .unwrap();
    assert_eq!(store.count_requests(&by_name("testov", true)).unwrap(), 1);
    // Typing on: the old name is gone from the index, the new one found.
    store
        .save_draft(&draft(id, "IVANOVA", "ИВАНОВА"), "a.clerk", now())
        .unwrap();
    assert_eq!(store.count_requests(&by_name("testov", true)).unwrap(), 0);
    assert_eq!(store.count_requests(&by_name("иванов", true)).unwrap(), 1);
    // A draft is not in the journal of requests.
    assert_eq!(store.count_requests(&by_name("иванов", false)).unwrap(), 0);
    // Accepted: the journal finds it, the drafts no longer.
    let forms: Vec<RequestForm> =
        serde_json::from_str(include_str!("../../../tests/fixtures/requests.json")).unwrap();
    let mut form = forms[0].clone();
    form.id = id.into();
    let record = validate_record(&form, uuid::Uuid::nil(), now()).unwrap();
    store.decide_draft(&record, "a.clerk", now()).unwrap();
    assert_eq!(store.count_requests(&by_name("иванов", true)).unwrap(), 0);
    assert_eq!(store.count_requests(&by_name("тестова", false)).unwrap(), 1);
    // A status change keeps it found, with the new status.
    store
        .apply_event(id, crate::domain::request::Event::Send, None, "sync", now())
        .unwrap();
    let rows = store
        .list_requests(&by_name("TESTOVA", false), 0, 10)
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].status, Status::Sent);
    let fts: i64 = store
        .conn
        .query_row(
            "SELECT count(*) FROM requests_fts WHERE requests_fts MATCH '\"ova\"'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(fts, 1, "one index entry per request");
}

#[test]
fn the_journal_key_orders_like_the_time_then_the_rowid() {
    use super::{day_key, DRAFT_SHIFT, KEY_SECONDS};
    let store = Store::open_in_memory().unwrap();
    let key = |at: &str, created: &str, rowid: i64, status: &str| -> i64 {
        let sql = format!(
            "SELECT {} FROM (SELECT ?1 AS submitted_at, ?2 AS created_at, ?3 AS rowid, ?4 AS status) AS r",
            super::journal_key!("r")
        );
        store
            .conn
            .query_row(&sql, rusqlite::params![at, created, rowid, status], |r| {
                r.get(0)
            })
            .unwrap()
    };
    let cases = [
        // (a, b): a sorts before b.
        (
            ("2026-11-20T10:15:00", "", 9, "formed"),
            ("2026-11-20T10:15:01", "", 1, "formed"),
        ),
        (
            ("2026-11-20T10:15:00", "", 1, "formed"),
            ("2026-11-20T10:15:00", "", 2, "sent"),
        ),
        (
            ("", "2026-11-25T12:00:00", 5, "draft"),
            ("2023-03-01T09:00:00", "", 1, "accepted"),
        ),
        (
            ("", "2026-11-24T12:00:00", 5, "draft"),
            ("", "2026-11-25T08:00:00", 1, "draft"),
        ),
    ];
    for (a, b) in cases {
        assert!(
            key(a.0, a.1, a.2, a.3) < key(b.0, b.1, b.2, b.3),
            "{a:?} < {b:?}"
        );
    }
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let k = key("2026-11-20T00:00:00", "", 0, "formed");
    assert_eq!(k, day_key(day));
    assert!(key("2026-11-19T23:59:59", "", 2_147_483_647, "formed") < day_key(day));
    assert!(key("", "2026-11-20T00:00:00", 3, "draft") < 0);
    assert_eq!(
        key("", "2026-11-20T00:00:00", 3, "draft"),
        day_key(day) + 3 - DRAFT_SHIFT
    );
    assert!(day_key(day) < KEY_SECONDS * KEY_SECONDS);
}
