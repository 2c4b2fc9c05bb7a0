//! The journal's search engine: counts and pages of requests for a [`JournalFilter`],
//! each answered from an index, never by reading the whole `requests` table.
//!
//! A filter picks one [`Plan`]: by IIN or document number (their indexes), drafts only
//! (the status index), by part of a name (the trigram index `requests_fts`, whose rowid
//! is the journal key: see `schema::journal_key!`), the requests set aside (the
//! `sync_state` keys `set_aside:ID`, a range of its primary key, each joined to its request
//! by id: few rows, sorted), or the plain journal (the partial indexes on `submitted_at`).
//! All of them list newest first in the same order: by `submitted_at`, then `rowid`,
//! drafts after every request.
//!
//! Pages are keyset pages: a page starts after a [`Cursor`] (the last row of the page
//! before), so any page is an index seek. [`Journal`] keeps, for the search in force, the
//! cursor that starts every page, found in one pass over the index that also counts.
//! The window runs it on a worker thread ([`worker`]); the CLI and the offset API
//! ([`Store::list_requests`]) use the same queries.

pub mod worker;

#[cfg(test)]
mod tests;

use std::borrow::Cow;

use chrono::NaiveDate;
use rusqlite::ToSql;

use super::requests::{RequestFilter, RequestRow};
use super::schema::journal_key;
use super::set_aside::PREFIX as SET_ASIDE_PREFIX;
use super::{Store, StoreError};
use crate::domain::request::Status;

/// The fewest characters of a name the search looks for (the index holds trigrams).
pub const MIN_NAME_CHARS: usize = 3;

/// Seconds from 1970 to 2000-01-01, the journal key's epoch.
const EPOCH_2000: i64 = 946_684_800;
/// The journal key's seconds are multiplied by this (the rowid takes the bits below).
const KEY_SECONDS: i64 = 1 << 31;
/// Drafts' keys are this much below the requests'.
const DRAFT_SHIFT: i64 = 1 << 62;

/// Where a page starts: just after the row a cursor was taken from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    /// After a journal key (name, IIN, document and draft searches).
    Key(i64),
    /// After (`submitted_at`, `rowid`) (the plain journal of requests).
    Time(String, i64),
}

/// A page of the journal and where the next one starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JournalPage {
    /// The rows, newest first.
    pub rows: Vec<RequestRow>,
    /// The cursor after the last row, when the page was full.
    pub next: Option<Cursor>,
}

/// What the journal lists: the requests a [`RequestFilter`] keeps, and with `set_aside`
/// only those the central queue rejected and the sync set aside ([`crate::store::SetAside`]).
#[derive(Debug, Clone, Default)]
pub struct JournalFilter {
    /// The request's fields.
    pub requests: RequestFilter,
    /// Only the requests set aside.
    pub set_aside: bool,
}

impl From<RequestFilter> for JournalFilter {
    fn from(requests: RequestFilter) -> JournalFilter {
        JournalFilter {
            requests,
            set_aside: false,
        }
    }
}

/// A filter the journal answers: a [`RequestFilter`] (the CLI's search, the benchmarks)
/// or a [`JournalFilter`] (the window's journal).
pub trait JournalSearch {
    /// The filter as the journal's.
    fn journal_filter(&self) -> Cow<'_, JournalFilter>;
}

impl JournalSearch for JournalFilter {
    fn journal_filter(&self) -> Cow<'_, JournalFilter> {
        Cow::Borrowed(self)
    }
}

impl JournalSearch for RequestFilter {
    fn journal_filter(&self) -> Cow<'_, JournalFilter> {
        Cow::Owned(JournalFilter::from(self.clone()))
    }
}

/// How a filter is answered; picked from the filter alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// An IIN or document number: their indexes give a few rows.
    Selective,
    /// Drafts only: the status index.
    Drafts,
    /// Part of a name: the trigram index; `drafts` when drafts are listed too.
    Name { drafts: bool },
    /// The requests set aside: the range of their `sync_state` keys, each request found
    /// by its id (they are few: sorted after).
    SetAside,
    /// Everything else: the indexes on `submitted_at`; `drafts` when drafts are listed
    /// too (then sorted: only tests and small stores ask for that).
    Plain { drafts: bool },
}

impl Plan {
    fn of(journal: &JournalFilter) -> Plan {
        let filter = &journal.requests;
        let drafts = filter.include_drafts && filter.status.is_none() && !journal.set_aside;
        if filter.iin.is_some() || filter.doc_number.is_some() {
            Plan::Selective
        } else if journal.set_aside && filter.name.is_none() {
            Plan::SetAside
        } else if filter.status == Some(Status::Draft) && !journal.set_aside {
            Plan::Drafts
        } else if filter.name.is_some() {
            Plan::Name { drafts }
        } else {
            Plan::Plain { drafts }
        }
    }

    /// Whether pages are ordered by `(submitted_at, rowid)` rather than by the key.
    fn by_time(self) -> bool {
        self == Plan::Plain { drafts: false }
    }
}

/// The name part as searched: trimmed and lower-cased (as `search_name` is stored), or
/// an error when it is shorter than [`MIN_NAME_CHARS`].
pub fn name_query(name: &str) -> Result<String, StoreError> {
    let q = name.trim().to_lowercase();
    if q.chars().count() < MIN_NAME_CHARS {
        return Err(StoreError::NameTooShort {
            min: MIN_NAME_CHARS,
        });
    }
    Ok(q)
}

/// The text as one FTS5 phrase (a substring for the trigram tokenizer).
fn fts_phrase(q: &str) -> String {
    format!("\"{}\"", q.replace('"', "\"\""))
}

/// The journal key of midnight starting `day` (for requests; drafts are [`DRAFT_SHIFT`]
/// lower).
fn day_key(day: NaiveDate) -> i64 {
    let secs = day.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() - EPOCH_2000;
    secs.clamp(0, KEY_SECONDS - 1) * KEY_SECONDS
}

/// The day after `to`, the end of an inclusive date range.
fn day_after(to: NaiveDate) -> NaiveDate {
    to.succ_opt().unwrap_or(to)
}

/// The row's journal time in seconds (the key's, before clamping), as SQL over `r`.
const JOURNAL_SECONDS: &str =
    "coalesce(unixepoch(r.submitted_at), unixepoch(r.created_at), 946684800)";

/// The columns of a [`RequestRow`], over `r`.
const ROW_COLUMNS: &str = "r.id, r.kind, r.status, r.submitted_at, r.due_at, r.clerk, r.counter, r.iin,
    trim(coalesce(nullif(json_extract(r.data, '$.applicant.surname_cyr'), ''), json_extract(r.data, '$.applicant.surname'), '')
         || ' ' ||
         coalesce(nullif(json_extract(r.data, '$.applicant.name_cyr'), ''), json_extract(r.data, '$.applicant.name'), '')),
    coalesce(r.doc_number, json_extract(r.data, '$.applicant.document_number'), ''),
    r.created_at,
    nullif(cast(json_extract(r.data, '$.opened_at') AS TEXT), ''),
    nullif(cast(json_extract(r.data, '$.ticket_taken_at') AS TEXT), '')";

/// How many columns [`ROW_COLUMNS`] has; the cursor's follow.
const ROW_WIDTH: usize = 13;

fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<RequestRow> {
    let status: String = r.get(2)?;
    Ok(RequestRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        status: Status::from_key(&status).unwrap_or(Status::Draft),
        submitted_at: r.get(3)?,
        due_at: r.get(4)?,
        clerk: r.get(5)?,
        counter: r.get(6)?,
        iin: r.get(7)?,
        name: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
        doc_number: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        created_at: r.get(10)?,
        opened_at: r.get(11)?,
        ticket_taken_at: r.get(12)?,
    })
}

/// A query under construction: SQL text and its values, in order.
#[derive(Default)]
struct Sql {
    terms: Vec<String>,
    values: Vec<Box<dyn ToSql>>,
}

impl Sql {
    fn term(&mut self, sql: impl Into<String>) {
        self.terms.push(sql.into());
    }

    fn bind(&mut self, sql: impl Into<String>, value: impl ToSql + 'static) {
        self.terms.push(sql.into());
        self.values.push(Box::new(value));
    }

    fn and(&self) -> String {
        if self.terms.is_empty() {
            "1".into()
        } else {
            self.terms.join(" AND ")
        }
    }

    fn params(&self) -> Vec<&dyn ToSql> {
        self.values.iter().map(|b| b.as_ref()).collect()
    }
}

/// The `sync_state` key range of the requests set aside: from the prefix to the prefix
/// with its last character raised by one.
fn set_aside_range() -> (String, String) {
    let mut end = SET_ASIDE_PREFIX.to_string();
    let last = end.pop().map_or(0, u32::from);
    end.push(char::from_u32(last + 1).unwrap_or(char::MAX));
    (SET_ASIDE_PREFIX.to_string(), end)
}

/// The condition that the request `r` is set aside, for the plans that do not read the
/// `sync_state` keys themselves (a primary key lookup per row).
fn set_aside_terms(plan: Plan, sql: &mut Sql) {
    if plan == Plan::SetAside {
        let (from, to) = set_aside_range();
        sql.bind("s.key >= ?", from);
        sql.bind("s.key < ?", to);
    } else {
        sql.bind(
            "EXISTS (SELECT 1 FROM sync_state a WHERE a.key = ? || r.id)",
            SET_ASIDE_PREFIX.to_string(),
        );
    }
}

/// The conditions on the request row `r` a plan does not answer from its index.
fn row_terms(filter: &RequestFilter, plan: Plan, name: Option<&str>, sql: &mut Sql) {
    if let Some(v) = &filter.iin {
        sql.bind("r.iin = ?", v.trim().to_string());
    }
    if let Some(v) = &filter.doc_number {
        sql.bind("r.doc_number = ?", v.trim().to_ascii_uppercase());
    }
    if let (Some(q), false) = (name, matches!(plan, Plan::Name { .. })) {
        sql.bind("instr(r.search_name, ?) > 0", q.to_string());
    }
    if let Some(v) = filter.status {
        sql.bind("r.status = ?", v.key());
    }
    if let Some(v) = &filter.clerk {
        sql.bind("r.clerk = ?", v.trim().to_string());
    }
    if !filter.include_drafts && !matches!(plan, Plan::Name { .. }) {
        sql.term("r.status <> 'draft'");
    }
    match plan {
        // Requests only: `submitted_at` is the journal time, and its indexes serve.
        Plan::Plain { drafts: false } => {
            if let Some(d) = filter.from {
                sql.bind("r.submitted_at >= ?", d.format("%Y-%m-%d").to_string());
            }
            if let Some(d) = filter.to {
                sql.bind(
                    "r.submitted_at < ?",
                    day_after(d).format("%Y-%m-%d").to_string(),
                );
            }
        }
        Plan::Name { .. } => {}
        _ => {
            let secs = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
            if let Some(d) = filter.from {
                sql.bind(format!("{JOURNAL_SECONDS} >= ?"), secs(d));
            }
            if let Some(d) = filter.to {
                sql.bind(format!("{JOURNAL_SECONDS} < ?"), secs(day_after(d)));
            }
        }
    }
}

/// The key range of a name search: drafts left out unless listed, and the dates.
fn key_terms(filter: &RequestFilter, drafts: bool, sql: &mut Sql) {
    let lo = filter.from.map_or(0, day_key);
    let hi = filter.to.map(|d| day_key(day_after(d)));
    let k = "requests_fts.rowid";
    match (drafts, filter.from.is_some() || hi.is_some()) {
        (false, _) => {
            sql.bind(format!("{k} >= ?"), lo);
            if let Some(hi) = hi {
                sql.bind(format!("{k} < ?"), hi);
            }
        }
        (true, false) => {}
        (true, true) => {
            let hi = hi.unwrap_or(DRAFT_SHIFT);
            sql.term(format!(
                "(({k} >= ? AND {k} < ?) OR ({k} >= ? AND {k} < ?))"
            ));
            for v in [lo, hi, lo - DRAFT_SHIFT, hi - DRAFT_SHIFT] {
                sql.values.push(Box::new(v));
            }
        }
    }
}

/// What a plan reads from: the FROM clause, with the index a plain plan must use.
fn source(filter: &RequestFilter, plan: Plan, join: bool) -> String {
    match plan {
        // The keys first (CROSS JOIN keeps that order), each request by its id.
        Plan::SetAside => format!(
            "sync_state s CROSS JOIN requests r ON r.id = substr(s.key, {})",
            SET_ASIDE_PREFIX.len() + 1
        ),
        Plan::Name { .. } if join => {
            "requests_fts JOIN requests r ON r.rowid = (requests_fts.rowid & 2147483647)".into()
        }
        Plan::Name { .. } => "requests_fts".into(),
        Plan::Plain { drafts: false } => {
            let index = if filter.status.is_some() {
                "requests_status"
            } else if filter.clerk.is_some() {
                "requests_clerk_journal"
            } else {
                "requests_journal"
            };
            format!("requests r INDEXED BY {index}")
        }
        _ => "requests r".into(),
    }
}

/// The WHERE clause of a filter (without a cursor) and its values.
fn conditions(journal: &JournalFilter, plan: Plan) -> Result<Sql, StoreError> {
    let filter = &journal.requests;
    let name = filter.name.as_deref().map(name_query).transpose()?;
    let mut sql = Sql::default();
    if let (Plan::Name { drafts }, Some(q)) = (plan, &name) {
        sql.bind("requests_fts MATCH ?", fts_phrase(q));
        key_terms(filter, drafts, &mut sql);
    }
    if journal.set_aside {
        set_aside_terms(plan, &mut sql);
    }
    row_terms(filter, plan, name.as_deref(), &mut sql);
    Ok(sql)
}

/// The key of the row as SQL, for the plans ordered by it.
fn key_sql(plan: Plan) -> &'static str {
    match plan {
        Plan::Name { .. } => "requests_fts.rowid",
        _ => journal_key!("r"),
    }
}

/// Whether a name search must read the request rows to filter (status, clerk, set aside).
fn needs_rows(journal: &JournalFilter) -> bool {
    journal.requests.status.is_some() || journal.requests.clerk.is_some() || journal.set_aside
}

/// A statement and its values.
type Query = (String, Sql);

fn count_query(filter: &JournalFilter) -> Result<Query, StoreError> {
    let plan = Plan::of(filter);
    let sql = conditions(filter, plan)?;
    let text = format!(
        "SELECT count(*) FROM {} WHERE {}",
        source(&filter.requests, plan, needs_rows(filter)),
        sql.and()
    );
    Ok((text, sql))
}

fn page_query(
    filter: &JournalFilter,
    after: Option<&Cursor>,
    offset: u64,
    limit: u64,
) -> Result<Query, StoreError> {
    let plan = Plan::of(filter);
    let mut sql = conditions(filter, plan)?;
    match (after, plan.by_time()) {
        (Some(Cursor::Time(at, rowid)), true) => {
            sql.term("r.submitted_at <= ? AND (r.submitted_at < ? OR r.rowid < ?)");
            sql.values.push(Box::new(at.clone()));
            sql.values.push(Box::new(at.clone()));
            sql.values.push(Box::new(*rowid));
        }
        (Some(Cursor::Key(k)), false) => sql.bind(format!("{} < ?", key_sql(plan)), *k),
        // A cursor of another plan (a programming error): start from the newest.
        _ => {}
    }
    let (cursor, order) = order_of(plan);
    let text = format!(
        "SELECT {ROW_COLUMNS}, {cursor} FROM {} WHERE {} ORDER BY {order} LIMIT ? OFFSET ?",
        source(&filter.requests, plan, true),
        sql.and()
    );
    sql.values
        .push(Box::new(i64::try_from(limit).unwrap_or(i64::MAX)));
    sql.values
        .push(Box::new(i64::try_from(offset).unwrap_or(i64::MAX)));
    Ok((text, sql))
}

fn anchors_query(filter: &JournalFilter) -> Result<Query, StoreError> {
    let plan = Plan::of(filter);
    let sql = conditions(filter, plan)?;
    let join = !matches!(plan, Plan::Name { .. }) || needs_rows(filter);
    let (cursor, order) = order_of(plan);
    let text = format!(
        "SELECT {cursor} FROM {} WHERE {} ORDER BY {order}",
        source(&filter.requests, plan, join),
        sql.and()
    );
    Ok((text, sql))
}

/// The cursor's columns and the order of a plan.
fn order_of(plan: Plan) -> (String, String) {
    if plan.by_time() {
        (
            "r.submitted_at, r.rowid".into(),
            "r.submitted_at DESC, r.rowid DESC".into(),
        )
    } else {
        (key_sql(plan).into(), format!("{} DESC", key_sql(plan)))
    }
}

/// The page cache of a connection that searches the journal, in KiB: room for the
/// trigram lists of a common name part over a million requests (SQLite's default is 2 MB).
pub const SEARCH_CACHE_KIB: i64 = 32 * 1024;

impl Store {
    /// Gives this connection the journal's page cache ([`SEARCH_CACHE_KIB`]): the journal
    /// worker's connection and the `search` command's.
    pub fn use_search_cache(&self) -> Result<(), StoreError> {
        self.conn
            .pragma_update(None, "cache_size", -SEARCH_CACHE_KIB)?;
        Ok(())
    }

    /// Merges the search index's segments into one (FTS5 `optimize`): after a bulk load
    /// (`demo-data`, an import of many requests) a search then reads one list per
    /// trigram instead of several. One transaction; takes seconds over a million requests.
    pub fn optimize_search_index(&mut self) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO requests_fts(requests_fts) VALUES ('optimize')",
                [],
            )?;
            Ok(())
        })
    }

    /// How many requests match `filter` (an error for a name part that is too short).
    pub fn journal_count(&self, filter: &impl JournalSearch) -> Result<u64, StoreError> {
        let (text, sql) = count_query(&filter.journal_filter())?;
        let n: i64 = self
            .conn
            .prepare_cached(&text)?
            .query_row(sql.params().as_slice(), |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    /// The page of at most `limit` rows after `after` (from the newest without one),
    /// skipping `offset` rows first (0 for keyset pages).
    pub fn journal_page(
        &self,
        filter: &impl JournalSearch,
        after: Option<&Cursor>,
        offset: u64,
        limit: u64,
    ) -> Result<JournalPage, StoreError> {
        let filter = filter.journal_filter();
        let plan = Plan::of(&filter);
        let (text, sql) = page_query(&filter, after, offset, limit)?;
        let mut stmt = self.conn.prepare_cached(&text)?;
        let mut rows = stmt.query(sql.params().as_slice())?;
        let mut page = JournalPage::default();
        let mut last = None;
        while let Some(r) = rows.next()? {
            page.rows.push(row_from(r)?);
            last = Some(cursor_at(r, plan, ROW_WIDTH)?);
        }
        if page.rows.len() as u64 == limit {
            page.next = last;
        }
        Ok(page)
    }

    /// One pass over the index of `filter`: how many rows match, and the cursor that
    /// starts every page of `page_rows` after the first (`[i]` starts page `i + 1`).
    /// `stop` is asked every few thousand rows; when it says so the pass ends early
    /// with `None`.
    pub fn journal_anchors(
        &self,
        filter: &impl JournalSearch,
        page_rows: u64,
        stop: &dyn Fn() -> bool,
    ) -> Result<Option<(u64, Vec<Cursor>)>, StoreError> {
        let filter = filter.journal_filter();
        let plan = Plan::of(&filter);
        let (text, sql) = anchors_query(&filter)?;
        let mut stmt = self.conn.prepare_cached(&text)?;
        let mut rows = stmt.query(sql.params().as_slice())?;
        let every = page_rows.max(1);
        let mut n: u64 = 0;
        let mut anchors = Vec::new();
        while let Some(r) = rows.next()? {
            n += 1;
            if n % every == 0 {
                anchors.push(cursor_at(r, plan, 0)?);
            }
            if n % 4096 == 0 && stop() {
                return Ok(None);
            }
        }
        Ok(Some((n, anchors)))
    }

    /// What SQLite plans for the count, a page after `after` and the pass of `filter`
    /// (`EXPLAIN QUERY PLAN`, one line per step), to check that each uses an index.
    pub fn journal_query_plan(
        &self,
        filter: &impl JournalSearch,
        after: Option<&Cursor>,
    ) -> Result<Vec<String>, StoreError> {
        let filter = filter.journal_filter();
        let mut out = Vec::new();
        for (text, sql) in [
            count_query(&filter)?,
            page_query(&filter, after, 0, 100)?,
            anchors_query(&filter)?,
        ] {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {text}"))?;
            let lines = stmt.query_map(sql.params().as_slice(), |r| r.get::<_, String>(3))?;
            for l in lines {
                out.push(l?);
            }
        }
        Ok(out)
    }
}

fn cursor_at(r: &rusqlite::Row<'_>, plan: Plan, at: usize) -> rusqlite::Result<Cursor> {
    if plan.by_time() {
        Ok(Cursor::Time(
            r.get::<_, Option<String>>(at)?.unwrap_or_default(),
            r.get(at + 1)?,
        ))
    } else {
        Ok(Cursor::Key(r.get(at)?))
    }
}

impl Store {
    /// The journal's search as it was before the index, kept as the benchmarks' baseline
    /// (`benches/journal.rs`): the count and the first `limit` rows of the requests whose
    /// names contain `part`, found by reading every row (`instr(search_name, ?)`).
    pub fn journal_scan_baseline(
        &self,
        part: &str,
        limit: u64,
    ) -> Result<(u64, Vec<RequestRow>), StoreError> {
        let q = part.trim().to_lowercase();
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM requests NOT INDEXED
             WHERE instr(search_name, ?1) > 0 AND status <> 'draft'",
            [&q],
            |r| r.get(0),
        )?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM requests r NOT INDEXED
             WHERE instr(r.search_name, ?1) > 0 AND r.status <> 'draft'
             ORDER BY r.submitted_at DESC, r.rowid DESC LIMIT ?2"
        ))?;
        let rows = stmt.query_map(
            rusqlite::params![q, i64::try_from(limit).unwrap_or(i64::MAX)],
            row_from,
        )?;
        Ok((
            u64::try_from(n).unwrap_or(0),
            rows.collect::<Result<_, _>>()?,
        ))
    }
}
