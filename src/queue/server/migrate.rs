//! Moving an office from the queue file to a server (`iin-desk queue migrate`): the
//! requests with their results and claims, the registry (persons, their history, the
//! IINs ever seen) and the audit log are copied in one server transaction, in batches of
//! one statement each.
//!
//! Idempotent: a request or an IIN already on the server is kept; a request still
//! pending there that the file has decided since takes the file's result, and a person
//! whose version in the file is newer takes the file's data; the audit entries copied
//! are remembered by the file's id and last sequence number. A second run changes
//! nothing and says so. Counters then switch to the server's URL: their next sync sees
//! another queue id and sends everything again, which adds what they had not sent.

use std::time::Duration;

use chrono::NaiveDateTime;
use postgres::types::ToSql;

use super::schema::{check_current, name_key};
use super::{connect_client, pg_error};
use crate::domain::identity::Identity;
use crate::queue::central::Central;
use crate::queue::protocol::format_ts;
use crate::queue::sql::{Lite, Row, Sql, Val};
use crate::queue::QueueError;

/// Rows per statement.
const BATCH: usize = 1_000;

/// What happened to one table's rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Copied {
    /// Rows the server did not have.
    pub added: u64,
    /// Rows the server had in an older state (a result, a newer version).
    pub updated: u64,
    /// Rows the server had already as they are.
    pub unchanged: u64,
}

/// What a migration did, per kind of row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct MigrateReport {
    /// Requests with their results and claims.
    pub requests: Copied,
    /// Registered persons (current versions).
    pub persons: Copied,
    /// Their earlier versions.
    pub history: Copied,
    /// IINs ever issued or named.
    pub known_iins: Copied,
    /// Audit entries.
    pub audit: Copied,
}

impl MigrateReport {
    /// Whether the run changed anything on the server.
    pub fn changed(&self) -> bool {
        [
            self.requests,
            self.persons,
            self.history,
            self.known_iins,
            self.audit,
        ]
        .iter()
        .any(|c| c.added + c.updated > 0)
    }
}

/// A column: its name and whether it holds integers.
type Column = (&'static str, bool);

const REQUEST_COLUMNS: &[Column] = &[
    ("id", false),
    ("content_hash", false),
    ("kind", false),
    ("station", false),
    ("submitted_at", false),
    ("due_at", false),
    ("pushed_at", false),
    ("form", false),
    ("state", false),
    ("needs_person", true),
    ("claimed_by", false),
    ("claim_until", false),
    ("result_status", false),
    ("result_iin", false),
    ("result_ground", false),
    ("result_comment", false),
    ("override_reason", false),
    ("decided_at", false),
    ("decided_by", false),
];

/// Requests: the office's login owns them on the server (row-level security); a request
/// the server has still pending takes the result the file has since.
const REQUESTS_TAIL: &str = "ON CONFLICT (id) DO UPDATE SET
        state = EXCLUDED.state, needs_person = EXCLUDED.needs_person,
        claimed_by = EXCLUDED.claimed_by, claim_until = EXCLUDED.claim_until,
        result_status = EXCLUDED.result_status, result_iin = EXCLUDED.result_iin,
        result_ground = EXCLUDED.result_ground, result_comment = EXCLUDED.result_comment,
        override_reason = EXCLUDED.override_reason, decided_at = EXCLUDED.decided_at,
        decided_by = EXCLUDED.decided_by
    WHERE requests.state = 'pending' AND EXCLUDED.state = 'done'
        AND requests.content_hash = EXCLUDED.content_hash
    RETURNING (xmax = 0)";

const PERSON_COLUMNS: &[Column] = &[
    ("iin", false),
    ("birth_date", false),
    ("doc_number", false),
    ("identity", false),
    ("version", true),
    ("request_id", false),
    ("registered_at", false),
    ("updated_at", false),
];

const PERSONS_TAIL: &str = "ON CONFLICT (iin) DO UPDATE SET
        birth_date = EXCLUDED.birth_date, doc_number = EXCLUDED.doc_number,
        identity = EXCLUDED.identity, version = EXCLUDED.version,
        request_id = EXCLUDED.request_id, updated_at = EXCLUDED.updated_at,
        name_key = EXCLUDED.name_key
    WHERE persons.version < EXCLUDED.version
    RETURNING (xmax = 0)";

const HISTORY_COLUMNS: &[Column] = &[
    ("iin", false),
    ("version", true),
    ("identity", false),
    ("request_id", false),
    ("changed_at", false),
    ("changed_by", false),
];

const KNOWN_COLUMNS: &[Column] = &[("iin", false), ("source", false)];

const AUDIT_COLUMNS: &[Column] = &[
    ("at", false),
    ("actor", false),
    ("action", false),
    ("request_id", false),
    ("details", false),
];

/// One table's rows as the server's parameters: a text or an integer array per column.
fn arrays(rows: &[Row], columns: &[Column]) -> Vec<Box<dyn ToSql + Sync>> {
    columns
        .iter()
        .enumerate()
        .map(|(i, (_, int))| -> Box<dyn ToSql + Sync> {
            if *int {
                Box::new(
                    rows.iter()
                        .map(|r| match r.0.get(i) {
                            Some(Val::Int(n)) => Some(*n),
                            Some(Val::Text(t)) => t.parse().ok(),
                            _ => None,
                        })
                        .collect::<Vec<Option<i64>>>(),
                )
            } else {
                Box::new(
                    rows.iter()
                        .map(|r| match r.0.get(i) {
                            Some(Val::Text(t)) => Some(t.clone()),
                            Some(Val::Int(n)) => Some(n.to_string()),
                            _ => None,
                        })
                        .collect::<Vec<Option<String>>>(),
                )
            }
        })
        .collect()
}

/// `INSERT INTO table(columns…, extra…) SELECT … FROM unnest($1::…[], …) tail`; the
/// `extra` columns' values are the statement's next parameters (scalars) or expressions.
fn insert_sql(table: &str, columns: &[Column], extra: &[(&str, &str)], tail: &str) -> String {
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c.0)
        .chain(extra.iter().map(|e| e.0))
        .collect();
    let unnest: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(i, (_, int))| format!("${}::{}[]", i + 1, if *int { "bigint" } else { "text" }))
        .collect();
    let selected: Vec<String> = columns
        .iter()
        .map(|c| format!("t.{}", c.0))
        .chain(extra.iter().map(|e| e.1.to_string()))
        .collect();
    format!(
        "INSERT INTO {table}({}) SELECT {} FROM unnest({}) AS t({}) {tail}",
        names.join(", "),
        selected.join(", "),
        unnest.join(", "),
        columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
    )
}

/// The rows copied so far out of all the file's rows, told to the caller's progress
/// callback (`done`, `total`) after each batch.
struct Tally<'a> {
    done: u64,
    total: u64,
    report: &'a mut dyn FnMut(u64, u64),
}

impl Tally<'_> {
    fn add(&mut self, n: u64) {
        self.done += n;
        (self.report)(self.done, self.total);
    }
}

/// Copies `rows` in batches with `sql` (which returns `xmax = 0` per changed row, or
/// nothing), counting what was added, updated and left.
fn copy_rows(
    tx: &mut postgres::Transaction<'_>,
    url: &str,
    sql: &str,
    rows: &[Row],
    columns: &[Column],
    scalars: &[&(dyn ToSql + Sync)],
    tally: &mut Tally<'_>,
) -> Result<Copied, QueueError> {
    let fail = |e: postgres::Error| pg_error(url, &e);
    let stmt = tx.prepare(sql).map_err(fail)?;
    let mut copied = Copied::default();
    for batch in rows.chunks(BATCH) {
        let owned = arrays(batch, columns);
        let mut params: Vec<&(dyn ToSql + Sync)> = owned.iter().map(|b| b.as_ref()).collect();
        params.extend_from_slice(scalars);
        let changed = tx.query(&stmt, &params).map_err(fail)?;
        let mut added = 0;
        for row in &changed {
            if row.try_get::<_, bool>(0).unwrap_or(true) {
                added += 1;
            }
        }
        let updated = changed.len() as u64 - added;
        copied.added += added;
        copied.updated += updated;
        copied.unchanged += batch.len() as u64 - added - updated;
        tally.add(batch.len() as u64);
    }
    Ok(copied)
}

/// Everything the file holds that the server takes.
struct FileRows {
    file_id: String,
    requests: Vec<Row>,
    persons: Vec<Row>,
    name_keys: Vec<String>,
    history: Vec<Row>,
    known_iins: Vec<Row>,
    audit: Vec<(i64, Row)>,
}

impl FileRows {
    /// Rows of all kinds: what the progress counts to.
    fn len(&self) -> u64 {
        [
            self.requests.len(),
            self.persons.len(),
            self.history.len(),
            self.known_iins.len(),
            self.audit.len(),
        ]
        .iter()
        .sum::<usize>() as u64
    }
}

fn cols(columns: &[Column]) -> String {
    columns.iter().map(|c| c.0).collect::<Vec<_>>().join(", ")
}

fn read_file(central: &mut Central) -> Result<FileRows, QueueError> {
    let file_id = central.file_id().to_string();
    central.read(|tx| {
        let mut lite = Lite(tx);
        let requests = lite.query(
            &format!("SELECT {} FROM requests ORDER BY id", cols(REQUEST_COLUMNS)),
            &[],
        )?;
        let persons = lite.query(
            &format!("SELECT {} FROM persons ORDER BY iin", cols(PERSON_COLUMNS)),
            &[],
        )?;
        let mut name_keys = Vec::with_capacity(persons.len());
        for p in &persons {
            let iin = p.text(0)?;
            let identity: Identity =
                serde_json::from_str(&p.text(3)?).map_err(|_| QueueError::Damaged(iin))?;
            name_keys.push(name_key(&identity));
        }
        let history = lite.query(
            &format!(
                "SELECT {} FROM person_history ORDER BY seq",
                cols(HISTORY_COLUMNS)
            ),
            &[],
        )?;
        let known_iins = lite.query(
            &format!(
                "SELECT {} FROM known_iins ORDER BY iin",
                cols(KNOWN_COLUMNS)
            ),
            &[],
        )?;
        let audit = lite
            .query(
                &format!(
                    "SELECT seq, {} FROM audit_log ORDER BY seq",
                    cols(AUDIT_COLUMNS)
                ),
                &[],
            )?
            .into_iter()
            .map(|mut r| {
                let seq = r.int(0)?;
                r.0.remove(0);
                Ok((seq, r))
            })
            .collect::<Result<Vec<_>, QueueError>>()?;
        Ok(FileRows {
            file_id: file_id.clone(),
            requests,
            persons,
            name_keys,
            history,
            known_iins,
            audit,
        })
    })
}

/// Copies the audit entries after the last one copied from this file before, and
/// remembers the last one.
fn copy_audit(
    tx: &mut postgres::Transaction<'_>,
    url: &str,
    rows: &FileRows,
    tally: &mut Tally<'_>,
) -> Result<Copied, QueueError> {
    let fail = |e: postgres::Error| pg_error(url, &e);
    let mark = format!("migrated_audit_seq:{}", rows.file_id);
    let copied_up_to: i64 = tx
        .query_opt("SELECT value FROM meta WHERE key = $1", &[&mark])
        .map_err(fail)?
        .and_then(|r| r.try_get::<_, String>(0).ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let new_audit: Vec<Row> = rows
        .audit
        .iter()
        .filter(|(seq, _)| *seq > copied_up_to)
        .map(|(_, r)| r.clone())
        .collect();
    let mut copied = copy_rows(
        tx,
        url,
        &insert_sql("audit_log", AUDIT_COLUMNS, &[], "RETURNING true"),
        &new_audit,
        AUDIT_COLUMNS,
        &[],
        tally,
    )?;
    // The entries copied before count as done too.
    tally.add((rows.audit.len() - new_audit.len()) as u64);
    copied.unchanged = rows.audit.len() as u64 - copied.added;
    if let Some(last) = rows.audit.last().map(|(seq, _)| *seq) {
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&mark, &last.to_string()],
        )
        .map_err(fail)?;
    }
    Ok(copied)
}

/// Copies the open queue file `central` to the server at `url` (an administrator's
/// connection to a server with this program's schema). `office` is the server login of
/// the office's counters: their requests are theirs there (row-level security).
/// `progress` is told (rows copied, rows in all) once before the first batch and after
/// each batch.
pub fn migrate_file(
    central: &mut Central,
    url: &str,
    office: &str,
    actor: &str,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<MigrateReport, QueueError> {
    let rows = read_file(central)?;
    let mut tally = Tally {
        done: 0,
        total: rows.len(),
        report: progress,
    };
    tally.add(0);
    let mut client = connect_client(url, Duration::from_secs(10))?;
    check_current(&mut client, url)?;
    let fail = |e: postgres::Error| pg_error(url, &e);
    let mut tx = client.transaction().map_err(fail)?;
    let office = office.to_string();
    let mut report = MigrateReport {
        requests: copy_rows(
            &mut tx,
            url,
            &insert_sql(
                "requests",
                REQUEST_COLUMNS,
                &[("office", "$20")],
                REQUESTS_TAIL,
            ),
            &rows.requests,
            REQUEST_COLUMNS,
            &[&office],
            &mut tally,
        )?,
        ..MigrateReport::default()
    };
    let persons: Vec<Row> = rows
        .persons
        .iter()
        .zip(&rows.name_keys)
        .map(|(p, key)| {
            let mut p = p.clone();
            p.0.push(Val::Text(key.clone()));
            p
        })
        .collect();
    let mut person_columns = PERSON_COLUMNS.to_vec();
    person_columns.push(("name_key", false));
    report.persons = copy_rows(
        &mut tx,
        url,
        &insert_sql("persons", &person_columns, &[], PERSONS_TAIL),
        &persons,
        &person_columns,
        &[],
        &mut tally,
    )?;
    report.history = copy_rows(
        &mut tx,
        url,
        &insert_sql(
            "person_history",
            HISTORY_COLUMNS,
            &[],
            "ON CONFLICT (iin, version) DO NOTHING RETURNING true",
        ),
        &rows.history,
        HISTORY_COLUMNS,
        &[],
        &mut tally,
    )?;
    report.known_iins = copy_rows(
        &mut tx,
        url,
        &insert_sql(
            "known_iins",
            KNOWN_COLUMNS,
            &[],
            "ON CONFLICT (iin) DO NOTHING RETURNING true",
        ),
        &rows.known_iins,
        KNOWN_COLUMNS,
        &[],
        &mut tally,
    )?;
    report.audit = copy_audit(&mut tx, url, &rows, &mut tally)?;
    if report.changed() {
        let details = format!(
            "from={} requests=+{}/~{} persons=+{}/~{} history=+{} known_iins=+{} audit=+{}",
            rows.file_id,
            report.requests.added,
            report.requests.updated,
            report.persons.added,
            report.persons.updated,
            report.history.added,
            report.known_iins.added,
            report.audit.added
        );
        tx.execute(
            "INSERT INTO audit_log(at, actor, action, request_id, details)
             VALUES ($1, $2, 'queue.migrate', NULL, $3)",
            &[&format_ts(now), &actor, &details],
        )
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_take_one_array_per_column() {
        let sql = insert_sql(
            "known_iins",
            KNOWN_COLUMNS,
            &[("office", "$3")],
            "ON CONFLICT DO NOTHING",
        );
        assert_eq!(
            sql,
            "INSERT INTO known_iins(iin, source, office) SELECT t.iin, t.source, $3 \
             FROM unnest($1::text[], $2::text[]) AS t(iin, source) ON CONFLICT DO NOTHING"
        );
        let rows = vec![
            Row(vec![Val::Text("a".into()), Val::Int(3)]),
            Row(vec![Val::Null, Val::Text("4".into())]),
        ];
        assert_eq!(arrays(&rows, &[("x", false), ("y", true)]).len(), 2);
    }
}
