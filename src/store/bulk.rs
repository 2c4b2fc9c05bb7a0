//! Bulk insertion of validated records, for synthetic data (`iin-desk demo-data`) and
//! benchmarks: the same row layout as an import (`requests.rs`), but one prepared
//! statement for the whole batch and one audit entry per batch instead of one per request.
//!
//! Synthetic requests ([`Store::insert_synthetic_records_bulk`]) are marked as such: the
//! sync never pushes them to the central queue.
//!
//! A batch is one transaction: all of its requests are stored, or none (a duplicate id
//! rolls it back and is reported by its id).
//!
//! The journal's search index (`requests_fts`) is filled once per batch, not by its
//! insert trigger row by row: FTS5 writes its pending terms out as a new segment whenever
//! a row's index key is lower than the previous one, and journal keys follow the
//! submission time, which in a batch comes in any order, so the trigger would write a
//! tiny segment every other row and spend the batch merging them. The batch's
//! transaction drops the trigger, stores the rows, indexes them in key order with one
//! `INSERT … SELECT` (the trigger's own statement) and puts the trigger back: another
//! connection never sees the trigger missing, and an interrupted batch leaves nothing.
//!
//! A big load ([`Store::load_synthetic_batches`], `demo-data`) goes further: all its
//! batches are one transaction that also drops the table's secondary indexes first and
//! builds them again at the end. Rows with random ids, dates, IINs and document numbers
//! put each index entry on a random page, so once the indexes outgrow the page cache
//! every row read back, decrypted, encrypted and wrote again a page of each of the eight
//! indexes; built at the end, each index is sorted once and written once. Another
//! connection sees the store as it was until the commit, then with every row and index;
//! a load that fails or is killed leaves nothing.

use chrono::NaiveDateTime;
use rusqlite::OptionalExtension;

use super::requests::{due_at, insert_request, json, INSERT_REQUEST};
use super::schema::journal_key;
use super::{audit, ts, Store, StoreError};
use crate::domain::form::{self, Record};

/// The name of the search index's insert trigger (schema migration 3).
const FTS_INSERT_TRIGGER: &str = "requests_fts_insert";

/// The search index's insert trigger taken out for one batch's transaction: its SQL as
/// the schema holds it, and the rowids below the batch's.
struct DeferredIndex {
    trigger_sql: String,
    after_rowid: i64,
}

impl DeferredIndex {
    /// Drops the insert trigger inside `tx`; `None` when the store has no such trigger
    /// (nothing to defer).
    fn start(tx: &rusqlite::Transaction<'_>) -> Result<Option<DeferredIndex>, StoreError> {
        let trigger_sql: Option<String> = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [FTS_INSERT_TRIGGER],
                |r| r.get(0),
            )
            .optional()?;
        let Some(trigger_sql) = trigger_sql else {
            return Ok(None);
        };
        // New rows get rowids above the largest one (the table has no AUTOINCREMENT and
        // its rowids are far below the maximum).
        let after_rowid: i64 =
            tx.query_row("SELECT coalesce(max(rowid), 0) FROM requests", [], |r| {
                r.get(0)
            })?;
        tx.execute_batch(&format!("DROP TRIGGER {FTS_INSERT_TRIGGER}"))?;
        Ok(Some(DeferredIndex {
            trigger_sql,
            after_rowid,
        }))
    }

    /// Indexes the rows stored since [`DeferredIndex::start`] as the trigger would have
    /// (the same key and name, `INSERT OR REPLACE`), in key order, and puts the trigger
    /// back.
    fn finish(self, tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
        tx.execute(
            concat!(
                "INSERT OR REPLACE INTO requests_fts(rowid, name) SELECT ",
                journal_key!("requests"),
                " AS k, search_name FROM requests WHERE rowid > ?1 ORDER BY k"
            ),
            [self.after_rowid],
        )?;
        tx.execute_batch(&self.trigger_sql)?;
        Ok(())
    }
}

/// The secondary indexes of `requests`, dropped for a big load and built again at its
/// end: their names and SQL as the schema holds them (the primary key's index stays).
struct DroppedIndexes(Vec<(String, String)>);

impl DroppedIndexes {
    /// Drops every secondary index of `requests` inside `tx`.
    fn start(tx: &rusqlite::Transaction<'_>) -> Result<DroppedIndexes, StoreError> {
        let indexes: Vec<(String, String)> = {
            let mut stmt = tx.prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL
                 ORDER BY name",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        Ok(DroppedIndexes(indexes))
    }

    /// Builds every dropped index again, from its own SQL.
    fn finish(self, tx: &rusqlite::Transaction<'_>) -> Result<(), StoreError> {
        for (_, sql) in &self.0 {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// What every row of a batch shares.
struct Batch<'a> {
    actor: &'a str,
    action: &'a str,
    now: NaiveDateTime,
    calendar: &'a crate::domain::calendar::WorkingCalendar,
    created: &'a str,
    synthetic: bool,
}

impl Store {
    /// Stores validated records in one transaction with one audit entry (`action`, with
    /// the count) for the batch. The rows are laid out exactly as an import lays them out,
    /// so the journal, sync, export and printing treat them alike. Returns how many were
    /// stored.
    pub fn insert_records_bulk(
        &mut self,
        records: &[Record],
        actor: &str,
        action: &str,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.insert_bulk(records, actor, action, now, false)
    }

    /// As [`Store::insert_records_bulk`], with every request marked synthetic (made up by
    /// `demo-data`): the sync never pushes them nor waits for their results.
    pub fn insert_synthetic_records_bulk(
        &mut self,
        records: &[Record],
        actor: &str,
        action: &str,
        now: NaiveDateTime,
    ) -> Result<usize, StoreError> {
        self.insert_bulk(records, actor, action, now, true)
    }

    /// Stores every batch `batches` yields (synthetic requests, `demo-data`) in one
    /// transaction: the secondary indexes are dropped first and built again at the end,
    /// and the search index is filled once (see the module's notes). One audit entry
    /// (`action`, with the count) per batch; `progress` is told the running total after
    /// each batch. A batch that fails (the source's error), a duplicate id or any other
    /// error rolls the whole load back. Returns how many were stored.
    pub fn load_synthetic_batches<E: From<StoreError>>(
        &mut self,
        batches: impl IntoIterator<Item = Result<Vec<Record>, E>>,
        (actor, action): (&str, &str),
        now: NaiveDateTime,
        mut progress: impl FnMut(u64),
    ) -> Result<u64, E> {
        self.with_batch((actor, action), now, true, |store, batch| {
            let tx = store
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
                .map_err(StoreError::from)?;
            let deferred = DeferredIndex::start(&tx)?;
            let indexes = DroppedIndexes::start(&tx)?;
            let mut done = 0;
            for records in batches {
                done += insert_rows(&tx, &records?, batch)? as u64;
                progress(done);
            }
            indexes.finish(&tx)?;
            if let Some(deferred) = deferred {
                deferred.finish(&tx)?;
            }
            tx.commit().map_err(StoreError::from)?;
            Ok(done)
        })
    }

    /// Runs `f` under [`Store::with_bulk_settings`] with the [`Batch`] of `actor`'s
    /// `action` at `now` (the working calendar read once, for the due dates).
    fn with_batch<T, E: From<StoreError>>(
        &mut self,
        (actor, action): (&str, &str),
        now: NaiveDateTime,
        synthetic: bool,
        f: impl FnOnce(&mut Store, &Batch<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let calendar = self.working_calendar()?;
        let created = ts(now);
        let batch = Batch {
            actor,
            action,
            now,
            calendar: &calendar,
            created: &created,
            synthetic,
        };
        self.with_bulk_settings(|store| f(store, &batch))
    }

    /// Runs `f` with the settings of a bulk insert, and puts them back: a page cache of
    /// 256 MB (a large batch touches pages all over the indexes: ids are random), and
    /// fewer, larger checkpoints (each one ends in an fsync of the database file).
    fn with_bulk_settings<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let get = |conn: &rusqlite::Connection, name: &str| -> Result<i64, StoreError> {
            Ok(conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))?)
        };
        let cache = get(&self.conn, "cache_size")?;
        let checkpoint = get(&self.conn, "wal_autocheckpoint")?;
        let set = |conn: &rusqlite::Connection, cache: i64, checkpoint: i64| {
            conn.pragma_update(None, "cache_size", cache)
                .and_then(|()| conn.pragma_update(None, "wal_autocheckpoint", checkpoint))
                .map_err(StoreError::from)
        };
        set(&self.conn, -262_144, 16_384)?;
        let out = f(self);
        let restored = set(&self.conn, cache, checkpoint);
        let out = out?;
        restored?;
        Ok(out)
    }

    fn insert_bulk(
        &mut self,
        records: &[Record],
        actor: &str,
        action: &str,
        now: NaiveDateTime,
        synthetic: bool,
    ) -> Result<usize, StoreError> {
        self.with_batch((actor, action), now, synthetic, |store, batch| {
            store.write(|tx| {
                let deferred = DeferredIndex::start(tx)?;
                let stored = insert_rows(tx, records, batch)?;
                if let Some(deferred) = deferred {
                    deferred.finish(tx)?;
                }
                Ok(stored)
            })
        })
    }
}

/// Stores `records` inside `tx` as an import lays them out, with one audit entry for
/// them all (the batch's action and the count). Returns how many were stored.
fn insert_rows(
    tx: &rusqlite::Transaction<'_>,
    records: &[Record],
    batch: &Batch,
) -> Result<usize, StoreError> {
    let Batch {
        actor,
        action,
        now,
        calendar,
        created,
        synthetic,
    } = *batch;
    {
        let mut stmt = tx.prepare_cached(INSERT_REQUEST)?;
        for record in records {
            let f = form::record_to_form(record);
            let due = due_at(record.status, record.request.submitted_at, calendar);
            let data = json(&f)?;
            let inserted = insert_request(&mut stmt, &f, due.as_deref(), &data, created, synthetic);
            match inserted {
                Ok(_) => {}
                Err(e)
                    if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                {
                    return Err(StoreError::DuplicateRequest(f.id.clone()));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    audit::append(
        tx,
        now,
        actor,
        action,
        None,
        &format!("count={}", records.len()),
    )?;
    Ok(records.len())
}

#[cfg(test)]
impl Store {
    /// Test support: whether the search index holds exactly one entry per request, under
    /// its journal key, the insert trigger is in place, and each of `parts` (three
    /// lower-case characters) is found in exactly the requests whose names contain it.
    pub(crate) fn search_index_agrees(&self, parts: &[&str]) -> Result<bool, StoreError> {
        let trigger: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
            [FTS_INSERT_TRIGGER],
            |r| r.get(0),
        )?;
        let rows: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare(concat!(
                "SELECT ",
                journal_key!("requests"),
                " AS k, search_name FROM requests ORDER BY k"
            ))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<Result<_, _>>()?
        };
        let ids = |sql: &str, params: &[&str]| -> Result<Vec<i64>, StoreError> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map(rusqlite::params_from_iter(params), |r| r.get(0))?;
            Ok(rows.collect::<Result<_, _>>()?)
        };
        let indexed = ids("SELECT id FROM requests_fts_docsize ORDER BY id", &[])?;
        let keys: Vec<i64> = rows.iter().map(|(k, _)| *k).collect();
        let mut agrees = trigger == 1 && indexed == keys;
        for part in parts {
            let found = ids(
                "SELECT rowid FROM requests_fts WHERE requests_fts MATCH ?1 ORDER BY rowid",
                &[&format!("\"{part}\"")],
            )?;
            let named: Vec<i64> = rows
                .iter()
                .filter(|(_, name)| name.contains(part))
                .map(|(k, _)| *k)
                .collect();
            agrees &= !named.is_empty() && found == named;
        }
        Ok(agrees)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveDateTime};

    use crate::domain::form::{validate_record, Record, RequestForm};
    use crate::store::{Store, StoreError};

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap()
    }

    /// The fixture's requests, `copies` times over with new ids and surnames, their
    /// submission times out of order.
    fn records(copies: usize) -> Vec<Record> {
        let forms: Vec<RequestForm> =
            serde_json::from_str(include_str!("../../tests/fixtures/requests.json")).unwrap();
        let mut out = Vec::new();
        for c in 0..copies {
            for (i, form) in forms.iter().enumerate() {
                let mut f = form.clone();
                f.id = format!("0b6f0f3e-6a0c-4c56-9d43-{:012}", c * 100 + i);
                f.applicant.surname = format!("TESTOV{}", ["A", "IC", "SKII"][c % 3]);
                f.applicant.surname_cyr = ["ТЕСТОВА", "ТЕСТОВИЧ", "ӘБІЛҚАСЫМ"][c % 3].into();
                // Minutes and seconds out of order from one copy to the next.
                if let Some(hour) = f.submitted_at.get(..14).map(str::to_string) {
                    f.submitted_at = format!("{hour}{:02}:{:02}", (c * 37) % 60, (c * 11) % 60);
                }
                out.push(validate_record(&f, uuid::Uuid::nil(), now()).unwrap());
            }
        }
        out
    }

    const PARTS: [&str; 4] = ["ова", "вич", "әбі", "tes"];

    /// The secondary indexes of `requests`: name and SQL.
    fn indexes(store: &Store) -> Vec<(String, String)> {
        let mut stmt = store
            .conn
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL ORDER BY name",
            )
            .unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    }

    fn count(store: &Store) -> i64 {
        store
            .conn
            .query_row("SELECT count(*) FROM requests", [], |r| r.get(0))
            .unwrap()
    }

    /// Why a test load stops.
    #[derive(Debug)]
    enum Stop {
        Source,
        Store(StoreError),
    }

    impl From<StoreError> for Stop {
        fn from(e: StoreError) -> Self {
            Stop::Store(e)
        }
    }

    #[test]
    fn a_load_in_one_transaction_builds_every_index_again_and_the_search_index() {
        let mut store = Store::open_in_memory().unwrap();
        let before = indexes(&store);
        assert!(before.len() >= 8, "{before:?}");
        let recs = records(12);
        store
            .insert_records_bulk(&recs[..10], "admin", "test", now())
            .unwrap();
        let mut seen = Vec::new();
        let batches = recs[10..].chunks(20).map(|c| Ok::<_, Stop>(c.to_vec()));
        let stored = store
            .load_synthetic_batches(batches, ("admin", "test.load"), now(), |n| seen.push(n))
            .unwrap();
        assert_eq!(stored as usize, recs.len() - 10);
        assert_eq!(seen.last().copied(), Some(stored));
        assert_eq!(count(&store) as usize, recs.len());
        assert_eq!(indexes(&store), before, "the same indexes, built again");
        let check: String = store
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        assert!(store.search_index_agrees(&PARTS).unwrap());
        let batches_audited: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = 'test.load'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(batches_audited as usize, seen.len());
    }

    #[test]
    fn a_load_that_fails_midway_leaves_nothing_and_every_index_in_place() {
        let mut store = Store::open_in_memory().unwrap();
        let before = indexes(&store);
        let recs = records(6);
        store
            .insert_records_bulk(&recs[..10], "admin", "test", now())
            .unwrap();
        // The source fails after a first batch was stored.
        let batches = vec![Ok(recs[10..20].to_vec()), Err(Stop::Source)];
        let failed = store.load_synthetic_batches(batches, ("admin", "test.load"), now(), |_| {});
        assert!(matches!(failed, Err(Stop::Source)));
        assert_eq!(count(&store), 10);
        assert_eq!(indexes(&store), before);
        assert!(store.search_index_agrees(&PARTS[..1]).unwrap());
        // A duplicate id fails the load the same way.
        let batches = vec![Ok(recs[10..20].to_vec()), Ok(vec![recs[0].clone()])];
        let failed = store.load_synthetic_batches(batches, ("admin", "test.load"), now(), |_| {});
        assert!(matches!(
            failed,
            Err(Stop::Store(StoreError::DuplicateRequest(_)))
        ));
        assert_eq!(count(&store), 10);
        assert_eq!(indexes(&store), before);
        assert!(store.search_index_agrees(&PARTS[..1]).unwrap());
    }

    #[test]
    fn a_bulk_insert_indexes_every_row_and_puts_the_trigger_back() {
        let mut store = Store::open_in_memory().unwrap();
        let recs = records(12);
        let (first, second) = recs.split_at(recs.len() / 2);
        store
            .insert_records_bulk(first, "admin", "test", now())
            .unwrap();
        store
            .insert_synthetic_records_bulk(second, "admin", "test", now())
            .unwrap();
        assert!(store.search_index_agrees(&PARTS).unwrap());
        // The trigger indexes a later write again.
        let mut late = RequestForm {
            id: "late-draft".into(),
            ..RequestForm::default()
        };
        late.applicant.surname_cyr = "ӘБІЛОВА".into();
        store.save_draft(&late, "a.clerk", now()).unwrap();
        assert!(store.search_index_agrees(&PARTS).unwrap());
    }

    #[test]
    fn a_failed_batch_leaves_the_rows_the_index_and_the_trigger_as_they_were() {
        let mut store = Store::open_in_memory().unwrap();
        let recs = records(6);
        store
            .insert_records_bulk(&recs[..10], "admin", "test", now())
            .unwrap();
        // The batch's last request is already stored: nothing of it stays.
        let mut again = recs[10..].to_vec();
        again.push(recs[0].clone());
        assert!(matches!(
            store.insert_records_bulk(&again, "admin", "test", now()),
            Err(StoreError::DuplicateRequest(_))
        ));
        let stored: i64 = store
            .conn
            .query_row("SELECT count(*) FROM requests", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, 10);
        assert!(store.search_index_agrees(&PARTS[..1]).unwrap());
        store
            .insert_records_bulk(&recs[10..], "admin", "test", now())
            .unwrap();
        assert!(store.search_index_agrees(&PARTS).unwrap());
    }
}
