//! Results a counter sends along with its requests when it rebuilds the queue
//! (`sync --repush-all`), on the server. A counter's login has no right to write results
//! or the registry, so the schema's `SECURITY DEFINER` function `push_adopt` does what a
//! counter may: for its own office's request (the login), still pending and with the
//! same content hash, it stores the request if missing, writes the result, remembers the
//! IIN (never issued again) and marks the request `registry_pending`. The registry's
//! part (registering the person, applying a correction) needs the program's rules, so a
//! login with rights on the registry does it ([`complete_registry`]): the pushing login
//! itself when it may (the owner), else the back office before it lists, claims or
//! decides ([`crate::queue::Queue::complete_adoptions`]).
//!
//! A batch is one call (one round trip). When it fails on a row ([`is_row_fault`]: a
//! data exception or a constraint), it is halved until the refused row stands alone, as
//! the plain push does: the rest of the batch is stored and adopted, and the refused
//! request is not in the queue at all (its call was rolled back whole).

use chrono::NaiveDateTime;
use postgres::Statement;

use super::{pg_error, schema, server_reason, PgQueue, PushRow};
use crate::domain::iin::Iin;
use crate::queue::central::{apply_correction, person, register, stored_request};
use crate::queue::protocol::{format_ts, PushOutcome, ResultMessage, ResultStatus};
use crate::queue::reject::{is_row_fault, RejectReason};
use crate::queue::sql::{vals, Sql};
use crate::queue::QueueError;

/// A pushed request's columns ([`PushRow`]) and its result's: status, IIN, ground,
/// comment, decision time.
pub(super) type AdoptRow = [Option<String>; 12];

/// `row` with the columns of the result `r`.
pub(super) fn with_result(row: PushRow, r: &ResultMessage) -> AdoptRow {
    let [a, b, c, d, e, f, g] = row;
    [
        a,
        b,
        c,
        d,
        e,
        f,
        g,
        Some(r.status.key().to_string()),
        r.iin.as_ref().map(|i| i.as_str().to_string()),
        r.ground.map(|g| g.key().to_string()),
        Some(r.comment.clone()),
        Some(format_ts(r.decided_at)),
    ]
}

/// Per request of a batch: its index and outcome.
type Outcomes = Vec<(usize, Result<PushOutcome, RejectReason>)>;

impl PgQueue {
    /// Pushes `rows` with their results through `push_adopt`, halving on row faults,
    /// then completes the registry if this login may. Returns each row's outcome.
    pub(super) fn push_adopting(
        &mut self,
        rows: &[(usize, AdoptRow)],
        now: NaiveDateTime,
    ) -> Result<Outcomes, QueueError> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let url = self.url.clone();
        let stmt = match self.statements.get(schema::PUSH_ADOPT) {
            Some(s) => s.clone(),
            None => {
                self.round_trips += 1;
                let s = self
                    .client
                    .prepare(schema::PUSH_ADOPT)
                    .map_err(|e| pg_error(&url, &e))?;
                self.statements
                    .insert(schema::PUSH_ADOPT.to_string(), s.clone());
                s
            }
        };
        let now_text = format_ts(now);
        let mut out = Vec::with_capacity(rows.len());
        let mut parts = vec![rows];
        while let Some(part) = parts.pop() {
            match self.adopt_rows(&stmt, part, &now_text) {
                Ok(found) => out.extend(found),
                Err(e) if e.code().is_some_and(|c| is_row_fault(c.code())) => {
                    if let [(i, _)] = part {
                        out.push((*i, Err(RejectReason::Refused(server_reason(&e)))));
                    } else {
                        let (first, second) = part.split_at(part.len() / 2);
                        parts.push(second);
                        parts.push(first);
                    }
                }
                Err(e) => return Err(pg_error(&url, &e)),
            }
        }
        let adopted = out
            .iter()
            .any(|(_, o)| matches!(o, Ok(PushOutcome::Inserted | PushOutcome::ResultAdopted)));
        if adopted && self.may_register()? {
            // Best effort: what is left, the back office completes.
            if let Err(e) = self.write(|tx| complete_registry(tx, now)) {
                log::warn!("queue: the registry's part of adopted results is left: {e}");
            }
        }
        Ok(out)
    }

    /// One call of `push_adopt` for `rows` (one round trip).
    fn adopt_rows(
        &mut self,
        stmt: &Statement,
        rows: &[(usize, AdoptRow)],
        now_text: &str,
    ) -> Result<Outcomes, postgres::Error> {
        let mut columns: [Vec<Option<String>>; 12] = Default::default();
        for (_, values) in rows {
            for (column, value) in columns.iter_mut().zip(values.iter().cloned()) {
                column.push(value);
            }
        }
        let [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11] = &columns;
        self.round_trips += 1;
        let found = self.client.query(
            stmt,
            &[c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, &now_text],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for ((i, _), row) in rows.iter().zip(found) {
            let outcome: String = row.try_get(1)?;
            out.push((
                *i,
                Ok(match outcome.as_str() {
                    "inserted" => PushOutcome::Inserted,
                    "adopted" => PushOutcome::ResultAdopted,
                    "already" => PushOutcome::AlreadyThere,
                    _ => PushOutcome::Conflict,
                }),
            ));
        }
        Ok(out)
    }

    /// Whether this login may write the registry (asked once per connection).
    fn may_register(&mut self) -> Result<bool, QueueError> {
        if let Some(may) = self.may_register {
            return Ok(may);
        }
        let url = self.url.clone();
        self.round_trips += 1;
        let row = self
            .client
            .query_one(
                "SELECT has_table_privilege('persons', 'INSERT')
                        AND has_table_privilege('requests', 'UPDATE')",
                &[],
            )
            .map_err(|e| pg_error(&url, &e))?;
        let may: bool = row.try_get(0).map_err(|e| pg_error(&url, &e))?;
        self.may_register = Some(may);
        Ok(may)
    }
}

impl PgQueue {
    /// Does the registry's part of results adopted by counters, in one transaction.
    /// Returns how many requests were completed.
    pub fn complete_adoptions(&mut self, now: NaiveDateTime) -> Result<usize, QueueError> {
        self.write(|tx| complete_registry(tx, now))
    }
}

/// [`complete_registry`] inside the back office's transaction `tx` on a server (the file
/// has nothing to complete): before it claims or decides, so the registry it checks
/// holds every person a counter's adopted result formed.
pub(crate) fn complete_if_server(
    tx: &mut dyn Sql,
    now: NaiveDateTime,
) -> Result<usize, QueueError> {
    if !tx.on_server() {
        return Ok(0);
    }
    complete_registry(tx, now)
}

/// The registry's part of every adopted result still marked `registry_pending`: a formed
/// IIN registers the applicant (unless registered), a correction is applied, as the file
/// does when it adopts; the author is the station that sent the result.
pub(crate) fn complete_registry(tx: &mut dyn Sql, now: NaiveDateTime) -> Result<usize, QueueError> {
    let rows = tx.query(
        "SELECT id, result_status, result_iin, decided_by FROM requests
         WHERE registry_pending = 1 ORDER BY id",
        &[],
    )?;
    let mut done = 0;
    for row in rows {
        let id = row.text(0)?;
        let status = row.opt_text(1)?.as_deref().and_then(ResultStatus::from_key);
        let iin = row.opt_text(2)?.and_then(|t| Iin::parse(&t).ok());
        let actor = row.opt_text(3)?.unwrap_or_default();
        match (stored_request(&mut *tx, &id)?, status, iin) {
            (Some((_, request)), Some(ResultStatus::Formed), Some(iin)) => {
                if person(&mut *tx, &iin)?.is_none() {
                    register(
                        &mut *tx,
                        &iin,
                        &request.applicant.identity,
                        &id,
                        &actor,
                        now,
                    )?;
                }
            }
            (Some((_, request)), Some(ResultStatus::Corrected), Some(iin)) => {
                apply_correction(&mut *tx, &iin, &request, &actor, now)?;
            }
            // A refusal has no registry part; a damaged row is left to support.
            _ => log::warn!("queue: request {id} has no registry part to complete"),
        }
        tx.execute(
            "UPDATE requests SET registry_pending = 0 WHERE id = $1",
            vals![&id],
        )?;
        done += 1;
    }
    Ok(done)
}
