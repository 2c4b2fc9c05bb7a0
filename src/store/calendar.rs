//! The working calendar's yearly exceptions, as the administrator imported them.

use chrono::NaiveDate;
use rusqlite::params;

use super::{audit, Store, StoreError};
use crate::domain::calendar::{CalendarException, CalendarFile, ExceptionKind, WorkingCalendar};

impl Store {
    /// Replaces the exceptions of `file.year` with the file's, in one transaction.
    pub fn import_calendar(
        &mut self,
        file: &CalendarFile,
        actor: &str,
        now: chrono::NaiveDateTime,
    ) -> Result<(), StoreError> {
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
            audit::append(tx, now, actor, "calendar.import", None, &format!("year={} days={}", file.year, file.days.len()))
        })
    }

    /// All exceptions, by date.
    pub fn calendar_exceptions(&self) -> Result<Vec<CalendarException>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT date, kind, note FROM calendar_exceptions ORDER BY date")?;
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

    /// The working calendar with the imported exceptions.
    pub fn working_calendar(&self) -> Result<WorkingCalendar, StoreError> {
        Ok(WorkingCalendar::new(self.calendar_exceptions()?))
    }
}
