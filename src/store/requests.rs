//! Requests: drafts as typed, validated records, their status changes, search and export.

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{params, OptionalExtension, ToSql};

use super::{audit, ts, Store, StoreError};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::form::{self, Outcome, Record, RequestForm};
use crate::domain::request::{transition, Event, Status};

/// A request as stored: its id, status and the form (drafts as typed, others normalized).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRequest {
    /// Id.
    pub id: String,
    /// Status.
    pub status: Status,
    /// The data.
    pub form: RequestForm,
    /// Service deadline, for requests handed to the provider.
    pub due_at: Option<String>,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RequestRow {
    /// Id.
    pub id: String,
    /// Kind key.
    pub kind: String,
    /// Status.
    pub status: Status,
    /// Submission time.
    pub submitted_at: Option<String>,
    /// Deadline.
    pub due_at: Option<String>,
    /// Clerk's login.
    pub clerk: String,
    /// Counter.
    pub counter: String,
    /// The IIN formed or corrected, if known.
    pub iin: Option<String>,
    /// The applicant's name for the journal: Cyrillic where known, else Latin.
    pub name: String,
    /// The identity document's number (as typed, in a draft).
    pub doc_number: String,
    /// When the request was first stored (a draft: when it was started).
    pub created_at: String,
    /// When the request was first opened at the counter, as stored (none for imported
    /// and portal requests, and for requests stored by older versions).
    pub opened_at: Option<String>,
    /// When the applicant took the queue ticket, `HH:MM`, as stored (none without one).
    pub ticket_taken_at: Option<String>,
}

impl RequestRow {
    /// The request's waiting and service times, as far as it stores them (the service
    /// runs from the first opening to the submission, which is the clerk's decision).
    pub fn times(&self) -> crate::domain::timing::Times {
        let at = |s: &Option<String>| s.as_deref().and_then(form::parse_date_time);
        crate::domain::timing::Times::of(
            self.ticket_taken_at
                .as_deref()
                .and_then(crate::domain::timing::parse_time_of_day),
            at(&self.opened_at),
            at(&self.submitted_at),
        )
    }
}

/// A journal search; every part optional.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Exact IIN (formed or current).
    pub iin: Option<String>,
    /// Part of a name, Latin or Cyrillic, any case.
    pub name: Option<String>,
    /// Exact document number.
    pub doc_number: Option<String>,
    /// Submitted on or after.
    pub from: Option<NaiveDate>,
    /// Submitted on or before.
    pub to: Option<NaiveDate>,
    /// Status.
    pub status: Option<Status>,
    /// Clerk's login.
    pub clerk: Option<String>,
    /// Include drafts (off for exports).
    pub include_drafts: bool,
}

/// What an import stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportReport {
    /// How many requests were stored.
    pub stored: usize,
}

/// Lower-cased names in both scripts, for case-insensitive partial search.
pub(super) fn search_name(f: &RequestForm) -> String {
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
pub(super) fn key_iin(f: &RequestForm) -> Option<String> {
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

/// The request as the store keeps it in `data`.
pub(super) fn json(f: &RequestForm) -> Result<String, StoreError> {
    serde_json::to_string(f).map_err(|e| StoreError::Corrupt {
        id: f.id.clone(),
        detail: e.to_string(),
    })
}

/// When the result is due, for a request stored with `status` (none for a draft or a
/// refusal to accept).
pub(super) fn due_at(
    status: Status,
    submitted_at: NaiveDateTime,
    calendar: &WorkingCalendar,
) -> Option<String> {
    match status {
        Status::Draft | Status::RefusedToAccept => None,
        _ => Some(ts(crate::domain::edition::result_deadline(
            calendar,
            submitted_at,
        )
        .due)),
    }
}

fn insert_record(
    tx: &rusqlite::Transaction<'_>,
    record: &Record,
    due: Option<String>,
    now: NaiveDateTime,
) -> Result<(), StoreError> {
    let f = form::record_to_form(record);
    let exists: Option<String> = tx
        .query_row("SELECT id FROM requests WHERE id = ?1", [&f.id], |r| {
            r.get(0)
        })
        .optional()?;
    if exists.is_some() {
        return Err(StoreError::DuplicateRequest(f.id.clone()));
    }
    let mut stmt = tx.prepare_cached(INSERT_REQUEST)?;
    insert_request(&mut stmt, &f, due.as_deref(), &json(&f)?, &ts(now), false)?;
    Ok(())
}

/// The insert of a new request row: [`insert_request`]'s statement.
pub(super) const INSERT_REQUEST: &str =
    "INSERT INTO requests(id, kind, channel, status, submitted_at, due_at, office, counter, clerk,
                          iin, doc_number, birth_date, search_name, data, created_at, updated_at,
                          synthetic)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)";

/// Inserts the request `f` by `stmt` (prepared from [`INSERT_REQUEST`]): its columns
/// for the journal and its search, `data` (its [`json`]), created and updated at
/// `created`; `synthetic` for `demo-data`'s requests, which are never sent.
pub(super) fn insert_request(
    stmt: &mut rusqlite::CachedStatement<'_>,
    f: &RequestForm,
    due: Option<&str>,
    data: &str,
    created: &str,
    synthetic: bool,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        f.id,
        f.kind,
        f.channel,
        f.status,
        f.submitted_at,
        due,
        f.office,
        f.counter,
        f.clerk,
        key_iin(f),
        f.applicant.document_number,
        f.applicant.birth_date,
        search_name(f),
        data,
        created,
        synthetic,
    ])
}

impl Store {
    /// Stores validated records in one transaction: all of them, or none (a duplicate
    /// id or any database error rolls everything back).
    pub fn import_records(
        &mut self,
        records: &[Record],
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<ImportReport, StoreError> {
        self.import_records_with_progress(records, actor, now, &mut |_| {})
    }

    /// As [`Store::import_records`], calling `progress` with the number stored so far
    /// every [`PROGRESS_STEP`] records (`import` shows it; the transaction is still one).
    pub fn import_records_with_progress(
        &mut self,
        records: &[Record],
        actor: &str,
        now: NaiveDateTime,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportReport, StoreError> {
        let calendar = self.working_calendar()?;
        self.write(|tx| {
            for (index, record) in records.iter().enumerate() {
                if index % PROGRESS_STEP == 0 && index > 0 {
                    progress(index as u64);
                }
                let due = due_at(record.status, record.request.submitted_at, &calendar);
                insert_record(tx, record, due, now)?;
                let id = record.request.id.to_string();
                audit::append(
                    tx,
                    now,
                    actor,
                    "request.import",
                    Some(&id),
                    &format!("status={}", record.status.key()),
                )?;
            }
            progress(records.len() as u64);
            Ok(ImportReport {
                stored: records.len(),
            })
        })
    }

    /// Saves a draft exactly as typed (creating or replacing it). A request that has left
    /// the draft status is never overwritten.
    pub fn save_draft(
        &mut self,
        form: &RequestForm,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let mut f = form.clone();
        f.status = Status::Draft.key().into();
        self.write(|tx| {
            let status: Option<String> = tx
                .query_row("SELECT status FROM requests WHERE id = ?1", [&f.id], |r| r.get(0))
                .optional()?;
            match status.as_deref() {
                None => {
                    tx.execute(
                        "INSERT INTO requests(id, kind, channel, status, submitted_at, clerk, office, counter,
                                              search_name, data, created_at, updated_at)
                         VALUES (?1, ?2, ?3, 'draft', NULLIF(?4, ''), ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                        params![f.id, f.kind, f.channel, f.submitted_at, f.clerk, f.office, f.counter, search_name(&f), json(&f)?, ts(now)],
                    )?;
                    audit::append(tx, now, actor, "request.draft_created", Some(&f.id), "")
                }
                Some("draft") => {
                    tx.execute(
                        "UPDATE requests SET kind = ?2, channel = ?3, search_name = ?4, data = ?5, updated_at = ?6 WHERE id = ?1",
                        params![f.id, f.kind, f.channel, search_name(&f), json(&f)?, ts(now)],
                    )?;
                    Ok(())
                }
                Some(_) => Err(StoreError::Transition(crate::domain::request::TransitionError {
                    kind: crate::domain::request::RequestKind::from_key(&f.kind)
                        .unwrap_or(crate::domain::request::RequestKind::Formation),
                    from: status.as_deref().and_then(Status::from_key).unwrap_or(Status::Accepted),
                    event: Event::Accept,
                })),
            }
        })
    }

    /// Discards a draft the clerk will not finish: the row goes, the audit log keeps
    /// `request.draft_discarded` with the request's id (the log itself is never
    /// trimmed). A request that has left the draft status is never discarded.
    pub fn discard_draft(
        &mut self,
        id: &str,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            let row: Option<(String, String)> = tx
                .query_row(
                    "SELECT status, kind FROM requests WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (status, kind) = row.ok_or_else(|| StoreError::RequestNotFound(id.to_string()))?;
            if status != Status::Draft.key() {
                return Err(StoreError::Transition(
                    crate::domain::request::TransitionError {
                        kind: crate::domain::request::RequestKind::from_key(&kind)
                            .unwrap_or(crate::domain::request::RequestKind::Formation),
                        from: Status::from_key(&status).unwrap_or(Status::Accepted),
                        event: Event::RefuseToAccept,
                    },
                ));
            }
            tx.execute(
                "DELETE FROM requests WHERE id = ?1 AND status = 'draft'",
                [id],
            )?;
            audit::append(tx, now, actor, "request.draft_discarded", Some(id), "")
        })
    }

    /// Takes a draft through the clerk's decision: `record` is the validated draft with
    /// status `accepted` or `refused_to_accept`. Writes the normalized data, the
    /// deadline and the audit entry in one transaction.
    pub fn decide_draft(
        &mut self,
        record: &Record,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let event = match record.status {
            Status::Accepted => Event::Accept,
            _ => Event::RefuseToAccept,
        };
        let calendar = self.working_calendar()?;
        let id = record.request.id.to_string();
        self.write(|tx| {
            let current: Option<String> = tx
                .query_row("SELECT status FROM requests WHERE id = ?1", [&id], |r| {
                    r.get(0)
                })
                .optional()?;
            let from = current
                .as_deref()
                .map_or(Some(Status::Draft), Status::from_key)
                .unwrap_or(Status::Draft);
            let to = transition(record.request.kind, from, event)?;
            if current.is_some() {
                tx.execute("DELETE FROM requests WHERE id = ?1", [&id])?;
            }
            let mut r = record.clone();
            r.status = to;
            insert_record(tx, &r, due_at(to, r.request.submitted_at, &calendar), now)?;
            audit::append(
                tx,
                now,
                actor,
                &format!("request.{}", to.key()),
                Some(&id),
                "",
            )
        })
    }

    /// Applies a life event (send, form, correct, refuse) to a stored request.
    pub fn apply_event(
        &mut self,
        id: &str,
        event: Event,
        outcome: Option<Outcome>,
        actor: &str,
        now: NaiveDateTime,
    ) -> Result<Status, StoreError> {
        self.write(|tx| {
            let row: Option<(String, String)> = tx
                .query_row("SELECT status, data FROM requests WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let (status, data) = row.ok_or_else(|| StoreError::RequestNotFound(id.to_string()))?;
            let corrupt = |detail: String| StoreError::Corrupt { id: id.to_string(), detail };
            let from = Status::from_key(&status).ok_or_else(|| corrupt(format!("unknown status {status}")))?;
            let mut f: RequestForm = serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?;
            let kind = crate::domain::request::RequestKind::from_key(&f.kind).ok_or_else(|| corrupt("unknown kind".into()))?;
            let to = transition(kind, from, event)?;
            f.status = to.key().into();
            if let Some(o) = &outcome {
                f.result = Some(form::ResultForm {
                    iin: o.iin.as_ref().map(|i| i.to_string()).unwrap_or_default(),
                    ground: o.ground.map(|g| g.key().to_string()).unwrap_or_default(),
                    comment: o.comment.clone(),
                    decided_at: o.decided_at.map(ts).unwrap_or_default(),
                });
            }
            tx.execute(
                "UPDATE requests SET status = ?2, data = ?3, iin = COALESCE(?4, iin), updated_at = ?5 WHERE id = ?1",
                params![id, to.key(), json(&f)?, key_iin(&f), ts(now)],
            )?;
            audit::append(tx, now, actor, &format!("request.{}", to.key()), Some(id), "")?;
            Ok(to)
        })
    }

    /// One request.
    pub fn request(&self, id: &str) -> Result<StoredRequest, StoreError> {
        let row: Option<(String, String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT status, data, due_at FROM requests WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (status, data, due_at) =
            row.ok_or_else(|| StoreError::RequestNotFound(id.to_string()))?;
        let corrupt = |detail: String| StoreError::Corrupt {
            id: id.to_string(),
            detail,
        };
        Ok(StoredRequest {
            id: id.to_string(),
            status: Status::from_key(&status)
                .ok_or_else(|| corrupt(format!("unknown status {status}")))?,
            form: serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?,
            due_at,
        })
    }

    /// The conditions of an export (dates, drafts left out).
    fn export_clause(
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> (String, Vec<Box<dyn ToSql>>) {
        let mut clauses: Vec<&str> = vec!["status <> 'draft'"];
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(v) = from {
            clauses.push("submitted_at >= ?");
            values.push(Box::new(v.format("%Y-%m-%d").to_string()));
        }
        if let Some(v) = to {
            clauses.push("submitted_at < ?");
            values.push(Box::new(
                v.succ_opt().unwrap_or(v).format("%Y-%m-%d").to_string(),
            ));
        }
        (format!("WHERE {}", clauses.join(" AND ")), values)
    }

    /// How many requests match (the journal's engine: [`Store::journal_count`]).
    pub fn count_requests(&self, filter: &RequestFilter) -> Result<u64, StoreError> {
        self.journal_count(filter)
    }

    /// Matching requests, newest first: `limit` rows after the first `offset` (the
    /// journal's engine; the window and `search` page by cursor instead:
    /// [`Store::journal_page`]).
    pub fn list_requests(
        &self,
        filter: &RequestFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Vec<RequestRow>, StoreError> {
        Ok(self.journal_page(filter, None, offset, limit)?.rows)
    }

    /// The forms of all non-draft requests submitted in the date range, oldest first:
    /// what `export` writes.
    pub fn export_forms(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<RequestForm>, StoreError> {
        self.export_forms_with_progress(from, to, &mut |_, _| {})
    }

    /// As [`Store::export_forms`], calling `progress(read, total)` once with how many
    /// there are, then every [`PROGRESS_STEP`] forms read and at the end (`export` shows
    /// it).
    pub fn export_forms_with_progress(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<Vec<RequestForm>, StoreError> {
        let (w, values) = Self::export_clause(from, to);
        let params: Vec<&dyn ToSql> = values.iter().map(|b| b.as_ref()).collect();
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM requests {w}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        let total = u64::try_from(total).unwrap_or(0);
        progress(0, total);
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, data FROM requests {w} ORDER BY submitted_at, id"
        ))?;
        let rows = stmt.query_map(params.as_slice(), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            if out.len() % PROGRESS_STEP == 0 && !out.is_empty() {
                progress(out.len() as u64, total);
            }
            let (id, data) = row?;
            out.push(
                serde_json::from_str(&data).map_err(|e| StoreError::Corrupt {
                    id,
                    detail: e.to_string(),
                })?,
            );
        }
        progress(out.len() as u64, total);
        Ok(out)
    }
}

/// Records between two calls of an import's or export's progress callback.
const PROGRESS_STEP: usize = 1_000;

/// Recomputes, under `calendar`, the due date of every open request (accepted or sent:
/// handed to the provider, not final) whose deadline differs, inside the caller's
/// transaction; each change is audited and kept as a pending due update for the central
/// queue (see [`Store::pending_due_updates`]). Returns how many changed. A row whose
/// submission time does not parse was edited by hand and is left as it is.
pub(super) fn recompute_due_dates(
    tx: &rusqlite::Transaction<'_>,
    calendar: &WorkingCalendar,
    actor: &str,
    now: NaiveDateTime,
) -> Result<usize, StoreError> {
    let open: Vec<(String, String, Option<String>)> = {
        let mut stmt = tx.prepare(
            "SELECT id, submitted_at, due_at FROM requests
             WHERE status IN ('accepted', 'sent') AND submitted_at IS NOT NULL ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let parse = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S").ok();
    let mut changed = 0;
    for (id, submitted_at, due) in open {
        let Some(submitted) = parse(&submitted_at) else {
            continue;
        };
        let stored = due.as_deref().and_then(parse);
        // The result's term of the edition in force on the day it was submitted.
        let deadline = crate::domain::edition::result_deadline(calendar, submitted);
        if stored == Some(deadline.due) {
            continue;
        }
        let new_due = ts(deadline.due);
        tx.execute(
            "UPDATE requests SET due_at = ?1 WHERE id = ?2",
            params![new_due, id],
        )?;
        // The central queue learns it in the next sync round (`queue::due_updates`).
        tx.execute(
            "INSERT INTO sync_state(key, value) SELECT ?1, ?2 FROM requests
             WHERE id = ?3 AND synthetic = 0
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![
                format!("{}{id}", super::sync::DUE_UPDATE_PREFIX),
                new_due,
                id
            ],
        )?;
        let old = due.unwrap_or_default();
        audit::append(
            tx,
            now,
            actor,
            "request.due",
            Some(&id),
            &format!("due={old}->{new_due}"),
        )?;
        changed += 1;
    }
    Ok(changed)
}
