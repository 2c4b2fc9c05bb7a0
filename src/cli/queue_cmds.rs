//! `iin-desk sync` and `iin-desk backoffice run`: the round trip with the central queue
//! file from the command line, for a scheduler, for support, and for a back office
//! without the GUI. The command's time is [`super::context::CliContext::now`]; the
//! rounds' own loops stamp each batch with the wall clock.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDateTime;
use clap::Subcommand;

use super::context::{wall_clock, Session};
use super::{exit, CliError};
use crate::domain::lang::Lang;
use crate::machine_config::ConfigKey;
use crate::queue::backoffice::{BackOffice, BackOfficeOptions};
use crate::queue::central::CentralOptions;
use crate::queue::sync::{resolve_queue_path, sync_round, SyncConfig, QUEUE_PATH_SETTING};
use crate::queue::QueueError;

/// Environment variable: how long to wait for a locked central file, in milliseconds
/// (default 5000; a slow share may need more).
pub const QUEUE_BUSY_ENV: &str = "IIN_DESK_QUEUE_BUSY_MS";

/// `backoffice` subcommands.
#[derive(Debug, Subcommand)]
pub enum BackofficeCommand {
    /// Processes the central queue without the GUI. Without --auto, lists the waiting
    /// requests oldest first with their deadlines; with --auto, forms IINs where the
    /// registry has no possible duplicate, applies corrections of registered IINs, and
    /// leaves the rest for a person.
    Run {
        /// Decide what needs no person.
        #[arg(long)]
        auto: bool,
        /// Requests per transaction in --auto.
        #[arg(long, default_value_t = 50, value_name = "N")]
        batch: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

fn central_options() -> CentralOptions {
    let mut options = CentralOptions::default();
    if let Some(ms) = std::env::var(QUEUE_BUSY_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        options.busy_timeout = Duration::from_millis(ms);
    }
    options
}

fn queue_error(e: QueueError, lang: Lang) -> CliError {
    let code = match e {
        QueueError::Store(_) => exit::STORE,
        _ => exit::QUEUE,
    };
    CliError::new(code, e.message(lang))
}

/// The central file's path: `--queue` / `IIN_DESK_QUEUE`, else the queue path the window
/// uses (a locked machine-wide `queue_path`, else the `queue.path` setting, else the
/// machine-wide `queue_path`), else `central-queue.sqlite3` in the data folder.
fn queue_path(s: &Session) -> Result<PathBuf, CliError> {
    let ctx = s.ctx;
    let machine = ctx.machine()?;
    let setting = s
        .store
        .setting(QUEUE_PATH_SETTING)
        .map_err(|e| ctx.store_error(e))?;
    let setting = machine.resolve(ConfigKey::QueuePath, setting.as_deref());
    Ok(resolve_queue_path(
        ctx.queue.as_deref(),
        setting.as_deref(),
        &ctx.data_dir,
    ))
}

/// `iin-desk sync [--repush-all] [--json]`: one round.
pub(super) fn sync(s: &mut Session, repush_all: bool, as_json: bool) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let mut config = SyncConfig::new(queue_path(s)?, &s.user.login);
    config.central = central_options();
    let report = sync_round(&mut s.store, &config, repush_all, &wall_clock)
        .map_err(|e| queue_error(e, lang))?;
    let problems: Vec<String> = report
        .conflicts
        .iter()
        .map(|id| QueueError::Conflict(id.clone()).message(lang))
        .chain(
            report
                .damaged
                .iter()
                .map(|id| QueueError::Damaged(id.clone()).message(lang)),
        )
        .collect();
    if as_json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        println!("{text}");
    } else {
        let c = report.counts;
        let (p, n, r) = (report.pushed, report.newly_sent, report.results.len());
        println!(
            "{}",
            match lang {
                Lang::Kk => format!("орталық кезекке жіберілді: {p} (жаңа: {n}), нәтиже келді: {r}; жіберуді күтуде: {}, нәтижені күтуде: {}", c.to_push, c.awaiting_result),
                Lang::Ru => format!("отправлено в центральную очередь: {p} (новых: {n}), получено результатов: {r}; ждут отправки: {}, ждут результата: {}", c.to_push, c.awaiting_result),
                Lang::En => format!("pushed to the central queue: {p} ({n} new), results arrived: {r}; waiting to be pushed: {}, waiting for a result: {}", c.to_push, c.awaiting_result),
            }
        );
        if report.file_changed {
            println!(
                "{}",
                match lang {
                    Lang::Kk => "орталық кезек файлы бұл компьютерге жаңа: барлық өтінім қайта жіберілді",
                    Lang::Ru => "файл центральной очереди новый для этого компьютера: все заявки отправлены заново",
                    Lang::En => "the central queue file is new to this counter: every request was sent again",
                }
            );
        }
    }
    if problems.is_empty() {
        Ok(exit::OK)
    } else {
        Err(CliError {
            code: exit::CHECK_FAILED,
            lines: problems,
        })
    }
}

/// `iin-desk backoffice run [--auto]`.
pub(super) fn backoffice(s: &mut Session, action: BackofficeCommand) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let BackofficeCommand::Run { auto, batch, json } = action;
    let path = queue_path(s)?;
    let mut office = BackOffice::open_for_installation(
        &mut s.store,
        &path,
        central_options(),
        &s.user.login,
        BackOfficeOptions::default(),
        s.ctx.now,
    )
    .map_err(|e| queue_error(e, lang))?;
    let report = if auto {
        Some(
            office
                .run_auto(&wall_clock, batch)
                .map_err(|e| queue_error(e, lang))?,
        )
    } else {
        None
    };
    let incoming = office
        .incoming(s.ctx.now)
        .map_err(|e| queue_error(e, lang))?;
    if json {
        let value = serde_json::json!({ "auto": report, "incoming": incoming });
        let text = serde_json::to_string_pretty(&value)
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        println!("{text}");
        return Ok(exit::OK);
    }
    if let Some(r) = report {
        let (f, c, l) = (r.formed, r.corrected, r.left_for_person);
        println!(
            "{}",
            match lang {
                Lang::Kk =>
                    format!("ЖСН қалыптастырылды: {f}, түзетілді: {c}, адамға қалдырылды: {l}"),
                Lang::Ru =>
                    format!("сформировано ИИН: {f}, скорректировано: {c}, оставлено оператору: {l}"),
                Lang::En => format!("IINs formed: {f}, corrected: {c}, left for a person: {l}"),
            }
        );
    }
    let fmt = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_else(|| "-".into())
    };
    for item in &incoming {
        let mut flags = Vec::new();
        if item.overdue {
            flags.push(match lang {
                Lang::Kk => "мерзімі өтті".to_string(),
                Lang::Ru => "просрочена".to_string(),
                Lang::En => "overdue".to_string(),
            });
        }
        if let Some(by) = &item.claimed_by {
            flags.push(match lang {
                Lang::Kk => format!("қарауда: {by}"),
                Lang::Ru => format!("в работе у {by}"),
                Lang::En => format!("claimed by {by}"),
            });
        }
        if item.needs_person {
            flags.push(match lang {
                Lang::Kk => "оператор шешуі керек".to_string(),
                Lang::Ru => "нужно решение оператора".to_string(),
                Lang::En => "needs a person".to_string(),
            });
        }
        println!(
            "{}\t{}\t{}\t{}\t{}",
            item.id,
            item.kind.key(),
            fmt(item.submitted_at),
            fmt(item.due_at),
            flags.join(", ")
        );
    }
    println!(
        "{}",
        match lang {
            Lang::Kk => format!("кезекте: {}", incoming.len()),
            Lang::Ru => format!("в очереди: {}", incoming.len()),
            Lang::En => format!("waiting: {}", incoming.len()),
        }
    );
    Ok(exit::OK)
}
