//! Bulk insertion of validated records, for synthetic data (`iin-desk demo-data`) and
//! benchmarks: the same row layout as an import (`requests.rs`), but one prepared
//! statement for the whole batch and one audit entry per batch instead of one per request.
//!
//! Synthetic requests ([`Store::insert_synthetic_records_bulk`]) are marked as such: the
//! sync never pushes them to the central queue.
//!
//! A batch is one transaction: all of its requests are stored, or none (a duplicate id
//! rolls it back and is reported by its id).

use chrono::NaiveDateTime;
use rusqlite::params;

use super::{audit, ts, Store, StoreError};
use crate::domain::form::{self, Record, RequestForm};
use crate::domain::request::Status;

/// Lower-cased names in both scripts, as `requests.rs` stores them for the journal search.
fn search_name(f: &RequestForm) -> String {
    let a = &f.applicant;
    [
        &a.surname,
        &a.name,
        &a.patronymic,
        &a.surname_cyr,
        &a.name_cyr,
        &a.patronymic_cyr,
    ]
    .iter()
    .filter(|s| !s.trim().is_empty())
    .map(|s| s.trim().to_lowercase())
    .collect::<Vec<_>>()
    .join(" ")
}

/// The IIN the journal finds a request by: the formed one, else the one corrected.
fn key_iin(f: &RequestForm) -> Option<String> {
    f.result
        .as_ref()
        .map(|r| r.iin.trim().to_string())
        .filter(|s| !s.is_empty())
        .or_else(|| {
            f.correction
                .as_ref()
                .map(|c| c.current_iin.trim().to_string())
                .filter(|s| !s.is_empty())
        })
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

    fn insert_bulk(
        &mut self,
        records: &[Record],
        actor: &str,
        action: &str,
        now: NaiveDateTime,
        synthetic: bool,
    ) -> Result<usize, StoreError> {
        let calendar = self.working_calendar()?;
        let created = ts(now);
        // A large batch touches pages all over the indexes (ids are random): a page cache
        // of 256 MB for the duration keeps SQLite from re-reading them for every row. Both
        // settings are put back afterwards.
        let cache: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let checkpoint: i64 = self
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        // Fewer, larger checkpoints: each one ends in an fsync of the database file.
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 16_384)?;
        let batch = Batch {
            actor,
            action,
            now,
            calendar: &calendar,
            created: &created,
            synthetic,
        };
        let stored = self.insert_batch(records, &batch);
        self.conn
            .pragma_update(None, "wal_autocheckpoint", checkpoint)?;
        self.conn.pragma_update(None, "cache_size", cache)?;
        stored
    }

    fn insert_batch(&mut self, records: &[Record], batch: &Batch) -> Result<usize, StoreError> {
        let Batch {
            actor,
            action,
            now,
            calendar,
            created,
            synthetic,
        } = *batch;
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO requests(id, kind, channel, status, submitted_at, due_at, office, counter, clerk,
                                      iin, doc_number, birth_date, search_name, data, created_at, updated_at,
                                      synthetic)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)",
            )?;
            for record in records {
                let f = form::record_to_form(record);
                let due = match record.status {
                    Status::Draft | Status::RefusedToAccept => None,
                    _ => Some(ts(crate::domain::edition::result_deadline(
                        calendar,
                        record.request.submitted_at,
                    )
                    .due)),
                };
                let data = serde_json::to_string(&f).map_err(|e| StoreError::Corrupt {
                    id: f.id.clone(),
                    detail: e.to_string(),
                })?;
                let inserted = stmt.execute(params![
                    f.id,
                    f.kind,
                    f.channel,
                    f.status,
                    f.submitted_at,
                    due,
                    f.office,
                    f.counter,
                    f.clerk,
                    key_iin(&f),
                    f.applicant.document_number,
                    f.applicant.birth_date,
                    search_name(&f),
                    data,
                    created,
                    synthetic,
                ]);
                match inserted {
                    Ok(_) => {}
                    Err(e)
                        if e.sqlite_error_code()
                            == Some(rusqlite::ErrorCode::ConstraintViolation) =>
                    {
                        return Err(StoreError::DuplicateRequest(f.id.clone()));
                    }
                    Err(e) => return Err(e.into()),
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
        })
    }
}
