//! `calendar import` and `calendar show`: the working calendar's yearly exceptions.

use chrono::NaiveDate;

use super::context::Session;
use super::{exit, CalendarCommand, CliError};
use crate::domain::calendar::{fixed_holidays, parse_calendar_file, DayStatus};
use crate::domain::i18n::{tr, tr_args};

/// `calendar import FILE` / `calendar show YEAR` (administrator).
pub(super) fn calendar(s: &mut Session, action: CalendarCommand) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    match action {
        CalendarCommand::Import { file } => {
            let text = s.ctx.read_file(&file)?;
            let parsed = parse_calendar_file(&text).map_err(|e| {
                CliError::new(
                    exit::INVALID_INPUT,
                    format!("{}: {}", file.display(), e.message(lang)),
                )
            })?;
            let report = s
                .store
                .import_calendar(&parsed, &s.user.login, s.ctx.now)
                .map_err(|e| s.ctx.store_error(e))?;
            println!(
                "{}",
                tr_args(
                    lang,
                    "cli-calendar-loaded",
                    &[
                        ("days", parsed.days.len().into()),
                        ("year", parsed.year.to_string().into())
                    ]
                )
            );
            println!(
                "{}",
                tr_args(
                    lang,
                    "deadlines-recomputed",
                    &[("count", report.recomputed.into())]
                )
            );
            Ok(exit::OK)
        }
        CalendarCommand::Show { year } => {
            let cal = s
                .store
                .working_calendar()
                .map_err(|e| s.ctx.store_error(e))?;
            let (Some(mut d), Some(end)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) else {
                return Err(CliError::new(
                    exit::INVALID_INPUT,
                    format!("{year}: {}", tr(lang, "cli-calendar-bad-year")),
                ));
            };
            let holidays = fixed_holidays(year);
            while d <= end {
                let status = cal.day_status(d);
                let text = match &status {
                    DayStatus::Working | DayStatus::Weekend => None,
                    DayStatus::Holiday(h) => Some(h.name(lang).to_string()),
                    DayStatus::MovedHoliday { of } => Some(format!(
                        "{} {}",
                        tr(lang, "cli-calendar-moved-day-off"),
                        holidays
                            .iter()
                            .find(|(hd, _)| hd == of)
                            .map_or(of.to_string(), |(_, h)| h.name(lang).to_string())
                    )),
                    DayStatus::ExceptionHoliday { note } => {
                        Some(format!("{} {note}", tr(lang, "cli-calendar-day-off")))
                    }
                    DayStatus::ExceptionWorking { note } => {
                        Some(format!("{} {note}", tr(lang, "cli-calendar-working-day")))
                    }
                };
                if let Some(t) = text {
                    println!("{} {}", d.format("%d.%m.%Y %a"), t.trim());
                }
                d = match d.succ_opt() {
                    Some(n) => n,
                    None => break,
                };
            }
            Ok(exit::OK)
        }
    }
}
