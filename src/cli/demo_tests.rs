//! `demo-data`'s fill: every request stored once, in batches, and the journal's search
//! index built per batch agrees with the stored rows.

use chrono::{NaiveDate, NaiveDateTime};

use super::fill::fill_store_in_batches;
use crate::store::{RequestFilter, Store};

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 25)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap()
}

#[test]
fn a_fill_in_batches_stores_every_request_and_indexes_every_name() {
    let mut store = Store::open_in_memory().unwrap();
    let mut seen = Vec::new();
    let stored = fill_store_in_batches(&mut store, 1_000, 300, 42, "admin", now(), |done| {
        seen.push(done)
    })
    .unwrap();
    assert_eq!(stored, 1_000);
    assert_eq!(seen, [300, 600, 900, 1_000]);
    let all = RequestFilter {
        include_drafts: true,
        ..RequestFilter::default()
    };
    assert_eq!(store.count_requests(&all).unwrap(), 1_000);
    // Latin, Russian and Kazakh letters, as the generator's name lists have them.
    assert!(store
        .search_index_agrees(&["ova", "ова", "нұр", "ali"])
        .unwrap());
    // The journal's engine finds them through the index.
    let named = RequestFilter {
        name: Some("ова".into()),
        ..RequestFilter::default()
    };
    assert!(store.count_requests(&named).unwrap() > 0);
}

#[test]
fn a_second_fill_adds_to_the_first_and_the_index_follows() {
    let mut store = Store::open_in_memory().unwrap();
    fill_store_in_batches(&mut store, 250, 100, 1, "admin", now(), |_| {}).unwrap();
    fill_store_in_batches(&mut store, 250, 1_000, 2, "admin", now(), |_| {}).unwrap();
    assert!(store.search_index_agrees(&["ова", "ali"]).unwrap());
}
