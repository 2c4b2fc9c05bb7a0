//! The working calendar's yearly exceptions, as the administrator imported them.

use chrono::NaiveDate;
use rusqlite::params;

use super::{audit, requests, Store, StoreError};
use crate::domain::calendar::{CalendarException, CalendarFile, ExceptionKind, WorkingCalendar};

/// What a calendar import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarImport {
    /// How many exceptions the file holds.
    pub days: usize,
    /// How many open requests got a new due date.
    pub recomputed: usize,
}

impl Store {
    /// Replaces the exceptions of `file.year` with the file's and recomputes the due
    /// date of every open request the change affects, in one transaction.
    pub fn import_calendar(
        &mut self,
        file: &CalendarFile,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<CalendarImport, StoreError> {
        self.write(|tx| {
            tx.execute("DELETE FROM calendar_exceptions WHERE year = ?1", [file.year])?;
            for day in &file.days {
                let kind = match day.kind {
                    ExceptionKind::Working => "working",
                    ExceptionKind::Holiday => "holiday",
                };
                tx.execute(
                    "INSERT INTO calendar_exceptions(date, year, kind, note) VALUES (?1, ?2, ?3, ?4)",
                    params![day.date.to_string(), file.year, kind, day.note],
                )?;
            }
            audit::append(tx, now, actor, "calendar.import", None, &format!("year={} days={}", file.year, file.days.len()))?;
            let calendar = WorkingCalendar::new(read_exceptions(tx)?);
            let recomputed = requests::recompute_due_dates(tx, &calendar, actor, now)?;
            Ok(CalendarImport {
                days: file.days.len(),
                recomputed,
            })
        })
    }

    /// All exceptions, by date.
    pub fn calendar_exceptions(&self) -> Result<Vec<CalendarException>, StoreError> {
        read_exceptions(&self.conn)
    }

    /// The working calendar with the imported exceptions.
    pub fn working_calendar(&self) -> Result<WorkingCalendar, StoreError> {
        Ok(WorkingCalendar::new(self.calendar_exceptions()?))
    }
}

/// All exceptions in `conn` (also inside a transaction), by date.
fn read_exceptions(conn: &rusqlite::Connection) -> Result<Vec<CalendarException>, StoreError> {
    let mut stmt =
        conn.prepare("SELECT date, kind, note FROM calendar_exceptions ORDER BY date")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (date, kind, note) = row?;
        // A row that does not parse was edited by hand; skipping it keeps the
        // calendar usable, and the fixed holidays still apply.
        let Ok(date) = NaiveDate::parse_from_str(&date, "%Y-%m-%d") else {
            continue;
        };
        let kind = if kind == "working" {
            ExceptionKind::Working
        } else {
            ExceptionKind::Holiday
        };
        out.push(CalendarException { date, kind, note });
    }
    Ok(out)
}
