//! Making synthetic requests in batches and storing them (`demo-data`, the benches).

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::{demo_form, AUDIT_ACTION, BATCH};
use crate::domain::form::{validate_record, Record};
use crate::domain::lang::Lang;
use crate::store::{Store, StoreError};

/// Requests `from..from + count` of data set `seed`, validated as an import validates
/// them. An error names the first request the generator got wrong (a bug here).
pub fn demo_records(
    seed: u64,
    from: u64,
    count: u64,
    now: NaiveDateTime,
) -> Result<Vec<Record>, String> {
    (from..from + count)
        .map(|i| {
            let form = demo_form(seed, i, now);
            validate_record(&form, Uuid::nil(), now).map_err(|errors| {
                let what: Vec<String> = errors.iter().map(|e| e.message(Lang::En)).collect();
                format!("synthetic request {i} is invalid: {}", what.join("; "))
            })
        })
        .collect()
}

/// Why a fill stopped: the generator's message, or the store's in English.
struct FillError(String);

impl From<StoreError> for FillError {
    fn from(e: StoreError) -> Self {
        FillError(e.message(Lang::En))
    }
}

/// Stores `count` synthetic requests of data set `seed` in batches of [`BATCH`], marked
/// synthetic so that the sync never pushes them to a central queue; calls
/// `progress` with the running total after each batch. Returns how many were stored.
/// The next batch is made on a second thread while the store writes the last one. The
/// whole fill is one transaction ([`Store::load_synthetic_batches`]): the store's
/// indexes are built once at its end, and a fill that fails or is stopped leaves
/// nothing behind.
pub fn fill_store(
    store: &mut Store,
    count: u64,
    seed: u64,
    actor: &str,
    now: NaiveDateTime,
    progress: impl FnMut(u64),
) -> Result<u64, String> {
    fill_store_in_batches(store, count, BATCH, seed, actor, now, progress)
}

/// [`fill_store`] with `batch` requests per batch.
pub(super) fn fill_store_in_batches(
    store: &mut Store,
    count: u64,
    batch: usize,
    seed: u64,
    actor: &str,
    now: NaiveDateTime,
    progress: impl FnMut(u64),
) -> Result<u64, String> {
    let batch = batch.max(1) as u64;
    std::thread::scope(|scope| {
        // One batch made ahead at most; when the store fails, the receiver is gone and
        // the maker stops at its next send.
        let (made, batches) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            let mut from = 0;
            while from < count {
                let n = (count - from).min(batch);
                let records = demo_records(seed, from, n, now);
                let failed = records.is_err();
                if made.send(records).is_err() || failed {
                    return;
                }
                from += n;
            }
        });
        store
            .load_synthetic_batches(
                batches.into_iter().map(|b| b.map_err(FillError)),
                (actor, AUDIT_ACTION),
                now,
                progress,
            )
            .map_err(|e| e.0)
    })
}
