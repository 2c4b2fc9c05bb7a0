//! The statements the queue's operations run, over either engine: the SQLite file or the
//! PostgreSQL server. The operations (push, results, claims, the registry, the decisions)
//! are written once against [`Sql`], so the rules are the same code on both; each engine
//! runs them in its own transactions (`Central::write` / `PgQueue::write`).
//!
//! Statements use `$1`, `$2`, … placeholders and SQL that both engines understand
//! (`ON CONFLICT DO NOTHING`, text timestamps compared as text, integers as `i64`).

use rusqlite::types::{ToSqlOutput, ValueRef};

use super::QueueError;

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
}

impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Val::Text(v.to_string())
    }
}

impl From<String> for Val {
    fn from(v: String) -> Self {
        Val::Text(v)
    }
}

impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Val::Text(v.clone())
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}

impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

/// `vals![a, b, …]`: the parameters of a statement.
macro_rules! vals {
    ($($e:expr),* $(,)?) => { &[$($crate::queue::sql::Val::from($e)),*][..] };
}
pub(crate) use vals;

/// One result row.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row(pub(crate) Vec<Val>);

impl Row {
    fn damaged(i: usize) -> QueueError {
        QueueError::Damaged(format!("column {i}"))
    }

    /// Column `i` as text; NULL or a number is an error.
    pub(crate) fn text(&self, i: usize) -> Result<String, QueueError> {
        match self.0.get(i) {
            Some(Val::Text(t)) => Ok(t.clone()),
            _ => Err(Row::damaged(i)),
        }
    }

    /// Column `i` as optional text.
    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>, QueueError> {
        match self.0.get(i) {
            Some(Val::Text(t)) => Ok(Some(t.clone())),
            Some(Val::Null) => Ok(None),
            _ => Err(Row::damaged(i)),
        }
    }

    /// Column `i` as an integer.
    pub(crate) fn int(&self, i: usize) -> Result<i64, QueueError> {
        match self.0.get(i) {
            Some(Val::Int(n)) => Ok(*n),
            _ => Err(Row::damaged(i)),
        }
    }
}

/// An open transaction on either engine.
pub(crate) trait Sql {
    /// Runs a statement; returns the number of rows it changed.
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, QueueError>;
    /// Runs a query; returns its rows.
    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, QueueError>;
    /// Whether this is the server: its registry is searched by the server's own indexes
    /// ([`crate::queue::server::candidates`]) and its name keys are kept by SQL; `false`
    /// on the file.
    fn on_server(&self) -> bool {
        false
    }
    /// The first row of a query, if any.
    fn query_opt(&mut self, sql: &str, params: &[Val]) -> Result<Option<Row>, QueueError> {
        Ok(self.query(sql, params)?.into_iter().next())
    }
}

/// `$1, $2, …` for `n` parameters starting at `first`.
pub(crate) fn marks(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// A SQLite transaction as [`Sql`].
pub(crate) struct Lite<'a>(pub(crate) &'a rusqlite::Transaction<'a>);

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Val::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Val::Text(t) => ToSqlOutput::Borrowed(ValueRef::Text(t.as_bytes())),
        })
    }
}

/// SQLite reads `?N` as the N-th parameter (and `$N` as a *named* one, numbered by first
/// appearance), so the placeholders are rewritten.
fn lite_sql(sql: &str) -> String {
    sql.replace('$', "?")
}

impl Sql for Lite<'_> {
    fn execute(&mut self, sql: &str, params: &[Val]) -> Result<u64, QueueError> {
        let mut stmt = self.0.prepare_cached(&lite_sql(sql))?;
        let n = stmt.execute(rusqlite::params_from_iter(params.iter()))?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn query(&mut self, sql: &str, params: &[Val]) -> Result<Vec<Row>, QueueError> {
        let mut stmt = self.0.prepare_cached(&lite_sql(sql))?;
        let columns = stmt.column_count();
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
            let mut row = Vec::with_capacity(columns);
            for i in 0..columns {
                row.push(match r.get_ref(i)? {
                    ValueRef::Null => Val::Null,
                    ValueRef::Integer(n) => Val::Int(n),
                    ValueRef::Real(f) => Val::Text(f.to_string()),
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        Val::Text(String::from_utf8_lossy(t).into_owned())
                    }
                });
            }
            Ok(Row(row))
        })?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}
