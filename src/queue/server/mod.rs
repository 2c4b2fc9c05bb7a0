//! The central queue on a PostgreSQL server (15 or newer), for offices that outgrow the
//! file: the same operations as the file (they are written once over [`Sql`]), run in
//! `SERIALIZABLE` transactions that are tried again when the server reports a
//! serialization failure or a deadlock, so two operators or counters never see each
//! other half-way — as with the file's one writer at a time, but without the lock.
//!
//! - The connection is the synchronous `postgres` crate, with TLS through OpenSSL
//!   (`sslmode=disable|prefer|require|verify-ca|verify-full`, `sslrootcert=FILE`).
//! - The password never comes from the URL: `PGPASSWORD`, else `~/.pgpass` (`PGPASSFILE`).
//! - The schema (`schema.rs`) is made by `iin-desk queue init-server`, never by a counter;
//!   a server without it, or with a newer one, is refused with a clear message.
//! - A push is one statement per batch (one round trip): a multi-row insert keyed on the
//!   request id with `ON CONFLICT DO NOTHING`, returning what it inserted and the hashes
//!   of what was there already.

pub(crate) mod adopt;
pub mod candidates;
mod connect;
pub mod demo;
mod due;
pub mod migrate;
mod pgpass;
pub mod schema;

use std::collections::HashMap;
use std::time::Duration;

use chrono::NaiveDateTime;
use postgres::error::SqlState;
use postgres::types::{ToSql, Type};
use postgres::{Client, IsolationLevel, Statement};
use zeroize::Zeroizing;

use super::central::{parse_request, push_one, CentralOptions};
use super::protocol::{format_ts, PushMessage, PushOutcome};
use super::reject::{is_row_fault, RejectReason};
use super::sql::{Row, Sql, Val};
use super::QueueError;
use crate::domain::identity::Identity;
pub use connect::redact;

pub use connect::{check_url, connect_client, connect_client_sealed};

/// How many times a transaction the server could not serialize is tried again.
const SERIALIZATION_RETRIES: u32 = 60;

/// An open connection to the central queue on a server.
pub struct PgQueue {
    client: Client,
    url: String,
    server_id: String,
    statements: HashMap<String, Statement>,
    round_trips: u64,
    options: CentralOptions,
    /// The password sealed in the local store, for reconnecting (see [`connect_client_sealed`]).
    sealed: Option<Zeroizing<String>>,
    /// Whether this login may write the registry (not a counter's), once asked.
    may_register: Option<bool>,
}

impl std::fmt::Debug for PgQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgQueue")
            .field("server", &redact(&self.url))
            .field("server_id", &self.server_id)
            .finish()
    }
}

/// The queue's error for a server error: the server's own message (never its DETAIL,
/// which may quote a row), or what failed on the way.
pub(crate) fn pg_error(url: &str, e: &postgres::Error) -> QueueError {
    let detail = match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => with_causes(e),
    };
    QueueError::Server {
        location: redact(url),
        detail,
    }
}

/// An error with its causes (`error performing TLS handshake: … certificate verify
/// failed … hostname mismatch`, `invalid configuration: password missing`): the
/// `postgres` crate's own text names only the kind.
fn with_causes(e: &postgres::Error) -> String {
    let mut text = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let part = c.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        cause = c.source();
    }
    text
}

fn retryable(e: &postgres::Error) -> bool {
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE
            || *c == SqlState::T_R_DEADLOCK_DETECTED
            || *c == SqlState::UNIQUE_VIOLATION
    )
}

impl PgQueue {
    /// Connects to the server at `url` and checks its schema: a server without the
    /// queue's schema or with a newer one is refused, and nothing is written.
    pub fn connect(url: &str, options: CentralOptions) -> Result<PgQueue, QueueError> {
        PgQueue::connect_sealed(url, options, None)
    }

    /// [`PgQueue::connect`] with the password sealed in the local store, used when
    /// neither `PGPASSWORD` nor the password file has one.
    pub fn connect_sealed(
        url: &str,
        options: CentralOptions,
        sealed: Option<Zeroizing<String>>,
    ) -> Result<PgQueue, QueueError> {
        let timeout = options.busy_timeout.max(Duration::from_secs(5));
        let mut client =
            connect_client_sealed(url, timeout, sealed.as_deref().map(String::as_str))?;
        let server_id = schema::check_current(&mut client, url)?;
        Ok(PgQueue {
            client,
            url: url.to_string(),
            server_id,
            statements: HashMap::new(),
            // The connection and the schema check.
            round_trips: 3,
            options,
            sealed,
            may_register: None,
        })
    }

    /// The id the server's schema got when it was made (`meta.server_id`).
    pub fn server_id(&self) -> &str {
        &self.server_id
    }

    /// Round trips to the server so far on this connection (statements prepared, run,
    /// transactions begun and committed), for tests and benchmarks.
    pub fn round_trips(&self) -> u64 {
        self.round_trips
    }

    /// The server's plan for the registry's candidate search for `identity` (`EXPLAIN`,
    /// one line per node): support checks with it that the search uses the registry's
    /// indexes, not a scan of millions of rows.
    pub fn explain_candidates(&mut self, identity: &Identity) -> Result<String, QueueError> {
        let sql = format!("EXPLAIN (COSTS OFF) {}", candidates::sql());
        let params = candidates::params(identity);
        let lines = self.read(|tx| {
            tx.query(&sql, &params)?
                .iter()
                .map(|r| r.text(0))
                .collect::<Result<Vec<_>, _>>()
        })?;
        Ok(lines.join("\n"))
    }

    fn reconnect_if_closed(&mut self) -> Result<(), QueueError> {
        if self.client.is_closed() {
            let timeout = self.options.busy_timeout.max(Duration::from_secs(5));
            let sealed = self.sealed.as_deref().map(String::as_str);
            let mut client = connect_client_sealed(&self.url, timeout, sealed)?;
            let id = schema::check_current(&mut client, &self.url)?;
            if id != self.server_id {
                // Another queue answers at this address now: the caller must start over.
                return Err(QueueError::Server {
                    location: redact(&self.url),
                    detail: "the server's queue was replaced".into(),
                });
            }
            self.client = client;
            self.statements.clear();
        }
        Ok(())
    }

    fn run<T>(
        &mut self,
        read_only: bool,
        f: &mut dyn FnMut(&mut dyn Sql) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        let mut attempt = 0;
        loop {
            self.reconnect_if_closed()?;
            let url = self.url.clone();
            let PgQueue {
                client,
                statements,
                round_trips,
                ..
            } = self;
            let level = if read_only {
                IsolationLevel::RepeatableRead
            } else {
                IsolationLevel::Serializable
            };
            *round_trips += 1;
            let tx = client
                .build_transaction()
                .isolation_level(level)
                .read_only(read_only)
                .start()
                .map_err(|e| pg_error(&url, &e))?;
            let mut ptx = PgTx {
                tx: Some(tx),
                statements,
                round_trips,
                url: &url,
                retry: false,
            };
            let result = f(&mut ptx);
            let retry_in_f = ptx.retry;
            let outcome = match result {
                Ok(v) => {
                    let tx = ptx.tx.take();
                    *ptx.round_trips += 1;
                    match tx.map(|t| t.commit()) {
                        Some(Ok(())) | None => Ok(v),
                        Some(Err(e)) if retryable(&e) => Err((true, pg_error(&url, &e))),
                        Some(Err(e)) => Err((false, pg_error(&url, &e))),
                    }
                }
                Err(e) => {
                    // Rolled back when dropped.
                    drop(ptx);
                    Err((retry_in_f, e))
                }
            };
            match outcome {
                Ok(v) => return Ok(v),
                Err((true, _)) if attempt < SERIALIZATION_RETRIES => {
                    attempt += 1;
                    let jitter = u64::from(uuid::Uuid::new_v4().as_u128() as u8 % 20);
                    std::thread::sleep(Duration::from_millis(
                        (5 * u64::from(attempt.min(20))) + jitter,
                    ));
                }
                Err((_, e)) => return Err(e),
            }
        }
    }

    /// Runs `f` in one `SERIALIZABLE` transaction, again while the server cannot
    /// serialize it. `f` must have no effect outside the transaction.
    pub(crate) fn write<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Sql) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        self.run(false, &mut f)
    }

    /// Runs `f` in a read-only snapshot.
    pub(crate) fn read<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Sql) -> Result<T, QueueError>,
    ) -> Result<T, QueueError> {
        self.run(true, &mut f)
    }

    /// Stores pushed requests in one statement (one round trip once prepared): new ids
    /// are inserted with their audit entries, ids already there are compared by hash.
    /// Results a counter sends along (`--repush-all`) are adopted by the schema's
    /// `push_adopt` function, which a counter's login may call ([`adopt`]).
    /// A request the server refuses for its row is reported as damaged (see
    /// [`PgQueue::push_checked`] for its reason).
    pub fn push(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<PushOutcome>, QueueError> {
        Ok(self
            .push_checked(messages, now)?
            .into_iter()
            .map(|o| o.unwrap_or(PushOutcome::Damaged))
            .collect())
    }

    /// [`PgQueue::push`], with the server's reason for each request it refused. When
    /// the batch's statement fails on a row ([`is_row_fault`]: a data exception or a
    /// constraint), the batch is halved until the refused rows stand alone, so the rest
    /// of the batch is stored (about 2·log₂(n) more round trips per refused row). Any
    /// other error is the connection's: returned, nothing is set aside.
    pub fn push_checked(
        &mut self,
        messages: &[PushMessage],
        now: NaiveDateTime,
    ) -> Result<Vec<Result<PushOutcome, RejectReason>>, QueueError> {
        self.reconnect_if_closed()?;
        let mut outcomes = vec![Ok(PushOutcome::Damaged); messages.len()];
        let mut rows: Vec<(usize, PushRow)> = Vec::new();
        // Requests with a result (`--repush-all`) go through `push_adopt` ([`adopt`]).
        let mut adopting: Vec<(usize, adopt::AdoptRow)> = Vec::new();
        for (i, m) in messages.iter().enumerate() {
            // The hash is checked once, on the JSON that is then stored.
            let Ok(form) = m.verified_json() else {
                continue;
            };
            let Ok(request) = parse_request(m.id, &m.form) else {
                continue;
            };
            let row = [
                Some(m.id.to_string()),
                Some(m.content_hash.clone()),
                Some(request.kind.key().to_string()),
                Some(m.station.clone()),
                Some(format_ts(request.submitted_at)),
                m.due_at.map(format_ts),
                Some(form),
            ];
            match &m.known_result {
                Some(r) => adopting.push((i, adopt::with_result(row, r))),
                None => rows.push((i, row)),
            }
        }
        for (i, outcome) in self.push_adopting(&adopting, now)? {
            outcomes[i] = outcome;
        }
        if rows.is_empty() {
            return Ok(outcomes);
        }
        let url = self.url.clone();
        let stmt = match self.statements.get(schema::PUSH) {
            Some(s) => s.clone(),
            None => {
                self.round_trips += 1;
                let s = self
                    .client
                    .prepare(schema::PUSH)
                    .map_err(|e| pg_error(&url, &e))?;
                self.statements.insert(schema::PUSH.to_string(), s.clone());
                s
            }
        };
        let now_text = format_ts(now);
        let mut seen: HashMap<String, (bool, Option<String>, Option<String>)> = HashMap::new();
        let mut sent = Vec::with_capacity(rows.len());
        let mut parts = vec![&rows[..]];
        while let Some(part) = parts.pop() {
            match self.push_rows(&stmt, part, &now_text) {
                Ok(found) => {
                    seen.extend(found);
                    sent.extend(part.iter().map(|(i, _)| *i));
                }
                Err(e) if e.code().is_some_and(|c| is_row_fault(c.code())) => {
                    if let [(i, _)] = part {
                        outcomes[*i] = Err(RejectReason::Refused(server_reason(&e)));
                    } else {
                        let (first, second) = part.split_at(part.len() / 2);
                        parts.push(second);
                        parts.push(first);
                    }
                }
                Err(e) => return Err(pg_error(&url, &e)),
            }
        }
        sent.sort_unstable();
        // What needs a transaction: results to adopt, ids inserted by someone else in
        // the same instant (not in this statement's snapshot), conflicts to audit.
        let mut slow = Vec::new();
        for &i in &sent {
            let m = &messages[i];
            match seen.get(&m.id.to_string()) {
                Some((true, _, _)) if m.known_result.is_none() => {
                    outcomes[i] = Ok(PushOutcome::Inserted);
                }
                Some((false, Some(hash), Some(state)))
                    if *hash == m.content_hash
                        && (m.known_result.is_none() || state != "pending") =>
                {
                    outcomes[i] = Ok(PushOutcome::AlreadyThere);
                }
                Some((true, _, _)) => {
                    outcomes[i] = Ok(PushOutcome::Inserted);
                    slow.push(i);
                }
                _ => slow.push(i),
            }
        }
        if !slow.is_empty() {
            let done = self.write(|tx| {
                slow.iter()
                    // Audits a conflict, or finds a request inserted in the same
                    // instant by another counter (not in the statement's snapshot).
                    .map(|&i| push_one(&mut *tx, &messages[i], now))
                    .collect::<Result<Vec<_>, QueueError>>()
            })?;
            for (&i, outcome) in slow.iter().zip(done) {
                if outcomes[i] != Ok(PushOutcome::Inserted) {
                    outcomes[i] = Ok(outcome);
                }
            }
        }
        Ok(outcomes)
    }

    /// Runs the push statement for `rows` (one round trip): per id, whether it was
    /// inserted and, if it was there already, its hash and state.
    fn push_rows(
        &mut self,
        stmt: &Statement,
        rows: &[(usize, PushRow)],
        now_text: &str,
    ) -> Result<PushSeen, postgres::Error> {
        let mut columns: [Vec<Option<String>>; 7] = Default::default();
        for (_, values) in rows {
            for (column, value) in columns.iter_mut().zip(values.iter().cloned()) {
                column.push(value);
            }
        }
        let [ids, hashes, kinds, stations, submitted, due, forms] = &columns;
        self.round_trips += 1;
        let found = self.client.query(
            stmt,
            &[
                ids, hashes, kinds, stations, submitted, due, forms, &now_text,
            ],
        )?;
        let mut seen = Vec::with_capacity(found.len());
        for row in found {
            let id: String = row.try_get(0)?;
            let inserted: bool = row.try_get(1)?;
            let hash: Option<String> = row.try_get(2)?;
            let state: Option<String> = row.try_get(3)?;
            seen.push((id, (inserted, hash, state)));
        }
        Ok(seen)
    }
}

/// One pushed request's columns: id, hash, kind, station, submitted, due, form.
type PushRow = [Option<String>; 7];

/// What the push statement says per id: inserted, and the hash and state found.
type PushSeen = Vec<(String, (bool, Option<String>, Option<String>))>;

/// The server's reason for refusing a row: its message and code (never its DETAIL,
/// which may quote the row).
fn server_reason(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => with_causes(e),
    }
}

/// A server transaction as [`Sql`].
struct PgTx<'a> {
    tx: Option<postgres::Transaction<'a>>,
    statements: &'a mut HashMap<String, Statement>,
    round_trips: &'a mut u64,
    url: &'a str,
    retry: bool,
}

impl PgTx<'_> {
    fn fail(&mut self, e: &postgres::Error) -> QueueError {
        self.retry |= retryable(e);
        pg_error(self.url, e)
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, QueueError> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        *self.round_trips += 1;
        let prepared = match self.tx.as_mut() {
            Some(tx) => tx.prepare(sql),
            None => return Err(closed(self.url)),
        };
        let s = prepared.map_err(|e| self.fail(&e))?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

fn closed(url: &str) -> QueueError {
    QueueError::Server {
        location: redact(url),
        detail: "the transaction is over".into(),
    }
}

/// The parameters as the types the server expects for them.
fn bind(stmt: &Statement, params: &[Val]) -> Vec<Box<dyn ToSql + Sync>> {
    params
        .iter()
        .zip(stmt.params())
        .map(|(v, ty)| -> Box<dyn ToSql + Sync> {
            let int = matches!(*ty, Type::INT2 | Type::INT4 | Type::INT8);
            match (v, int) {
                (Val::Null, true) => Box::new(None::<i64>),
                (Val::Null, false) => Box::new(None::<String>),
                (Val::Int(n), true) if *ty == Type::INT4 => {
                    Box::new(i32::try_from(*n).unwrap_or(i32::MAX))
                }
                (Val::Int(n), true) if *ty == Type::INT2 => {
                    Box::new(i16::try_from(*n).unwrap_or(i16::MAX))
                }
                (Val::Int(n), true) => Box::new(*n),
                (Val::Int(n), false) => Box::new(n.to_string()),
                (Val::Text(t), true) => Box::new(t.parse::<i64>().unwrap_or_default()),
                (Val::Text(t), false) => Box::new(t.clone()),
            }
        })
        .collect()
}

fn row_values(row: &postgres::Row) -> Result<Row, postgres::Error> {
    let mut out = Vec::with_capacity(row.len());
    for (i, column) in row.columns().iter().enumerate() {
        let ty = column.type_();
        let v = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i)?
                .map_or(Val::Null, Val::Int)
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)?
                .map_or(Val::Null, |n| Val::Int(i64::from(n)))
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)?
                .map_or(Val::Null, |n| Val::Int(i64::from(n)))
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i)?
                .map_or(Val::Null, |b| Val::Int(i64::from(b)))
        } else {
            row.try_get::<_, Option<String>>(i)?
                .map_or(Val::Null, Val::Text)
        };
        out.push(v);
    }
    Ok(Row(out))
}

impl Sql for PgTx<'_> {
    fn on_server(&self) -> bool {
        true
    }

    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, QueueError> {
        let stmt = self.statement(sql)?;
        let bound = bind(&stmt, params);
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        *self.round_trips += 1;
        let result = match self.tx.as_mut() {
            Some(tx) => tx.execute(&stmt, &refs),
            None => return Err(closed(self.url)),
        };
        result.map_err(|e| self.fail(&e))
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, QueueError> {
        let stmt = self.statement(sql)?;
        let bound = bind(&stmt, params);
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref()).collect();
        *self.round_trips += 1;
        let result = match self.tx.as_mut() {
            Some(tx) => tx.query(&stmt, &refs),
            None => return Err(closed(self.url)),
        };
        let rows = result.map_err(|e| self.fail(&e))?;
        rows.iter()
            .map(row_values)
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.fail(&e))
    }
}
