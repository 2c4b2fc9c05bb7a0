//! `iin-desk queue demo-registry`: fills a server's registry with synthetic persons
//! ([`crate::queue::demo_registry`]) quickly — one `COPY` stream in one transaction
//! (all or nothing), the registry's indexes rebuilt once at the end when it was empty,
//! then `VACUUM (ANALYZE)` so that the planner knows its size.

use std::io::Write;
use std::time::Duration;

use chrono::NaiveDateTime;

use super::schema::{check_current, name_key, REGISTRY_INDEXES, REGISTRY_INDEX_NAMES};
use super::{connect_client, pg_error};
use crate::queue::demo_registry::demo_persons;
use crate::queue::protocol::format_ts;
use crate::queue::QueueError;

/// Persons between two progress reports.
pub const PROGRESS_EVERY: u64 = 100_000;

/// What [`fill_registry`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FillReport {
    /// Persons added.
    pub added: u64,
    /// Persons of the data set whose IIN was registered already (a second run).
    pub skipped: u64,
    /// Persons in the registry now.
    pub total: u64,
}

/// `text` as a field of `COPY … FROM STDIN` in text format.
fn copy_field(out: &mut Vec<u8>, text: &str) {
    for b in text.bytes() {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

/// Adds the first `count` persons of data set `seed` to the registry of the server at
/// `url` (an administrator's connection; the schema must be this program's version).
/// Persons already there (the same seed run again) are skipped. `progress` is told how
/// many persons were written, every [`PROGRESS_EVERY`].
pub fn fill_registry(
    url: &str,
    count: u64,
    seed: u64,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(u64),
) -> Result<FillReport, QueueError> {
    let mut client = connect_client(url, Duration::from_secs(10))?;
    check_current(&mut client, url)?;
    let fail = |e: postgres::Error| pg_error(url, &e);
    let io_fail = |e: std::io::Error| QueueError::Server {
        location: crate::queue::location::redact(url),
        detail: e.to_string(),
    };
    let mut tx = client.transaction().map_err(fail)?;
    tx.batch_execute("SET LOCAL maintenance_work_mem = '256MB'")
        .map_err(fail)?;
    let count_persons = |tx: &mut postgres::Transaction<'_>| -> Result<u64, QueueError> {
        let n: i64 = tx
            .query_one("SELECT count(*) FROM persons", &[])
            .and_then(|r| r.try_get(0))
            .map_err(fail)?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    let before = count_persons(&mut tx)?;
    let empty = before == 0;
    if empty {
        // Building the indexes once over the loaded rows is many times faster than
        // keeping them up to date row by row.
        for index in REGISTRY_INDEX_NAMES {
            tx.batch_execute(&format!("DROP INDEX IF EXISTS {index}"))
                .map_err(fail)?;
        }
    } else {
        tx.batch_execute(
            "CREATE TEMP TABLE demo_persons (LIKE persons INCLUDING DEFAULTS) ON COMMIT DROP",
        )
        .map_err(fail)?;
    }
    let target = if empty { "persons" } else { "demo_persons" };
    let now = format_ts(now);
    let mut writer = tx
        .copy_in(&format!(
            "COPY {target}(iin, birth_date, doc_number, identity, version, registered_at, \
             updated_at, name_key) FROM STDIN"
        ))
        .map_err(fail)?;
    let mut buffer = Vec::with_capacity(1 << 20);
    let mut written = 0;
    for (iin, identity) in demo_persons(seed, count) {
        let json =
            serde_json::to_string(&identity).map_err(|_| QueueError::Damaged(iin.to_string()))?;
        let doc = identity
            .document
            .as_ref()
            .map(|d| d.number.trim().to_ascii_uppercase())
            .unwrap_or_default();
        for (i, field) in [
            iin.as_str(),
            &identity.birth_date.to_string(),
            &doc,
            &json,
            "1",
            &now,
            &now,
            &name_key(&identity),
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                buffer.push(b'\t');
            }
            copy_field(&mut buffer, field);
        }
        buffer.push(b'\n');
        written += 1;
        if buffer.len() > (1 << 20) - 4096 {
            writer.write_all(&buffer).map_err(io_fail)?;
            buffer.clear();
        }
        if written % PROGRESS_EVERY == 0 {
            progress(written);
        }
    }
    writer.write_all(&buffer).map_err(io_fail)?;
    writer.finish().map_err(fail)?;
    if empty {
        tx.batch_execute(REGISTRY_INDEXES).map_err(fail)?;
    } else {
        tx.batch_execute(
            "INSERT INTO persons SELECT * FROM demo_persons ON CONFLICT (iin) DO NOTHING",
        )
        .map_err(fail)?;
    }
    let total = count_persons(&mut tx)?;
    tx.commit().map_err(fail)?;
    // Outside the transaction, so that the statistics are the committed table's; the
    // vacuum marks the pages all-visible, so that the near birth dates are searched in
    // the index alone from the start.
    client
        .batch_execute("VACUUM (ANALYZE) persons")
        .map_err(fail)?;
    let added = total.saturating_sub(before);
    Ok(FillReport {
        added,
        skipped: written.saturating_sub(added),
        total,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_fields_are_escaped() {
        let mut out = Vec::new();
        copy_field(&mut out, "a\\b\tc\nd\re\"f");
        assert_eq!(out, b"a\\\\b\\tc\\nd\\re\"f");
    }
}
