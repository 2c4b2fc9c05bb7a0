//! `iin-desk sync` and `iin-desk backoffice run`: the round trip with the central queue
//! file from the command line, for a scheduler, for support, and for a back office
//! without the GUI. The command's time is [`super::context::CliContext::now`]; the
//! rounds' own loops stamp each batch with the wall clock.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDateTime;
use clap::Subcommand;

use super::context::{wall_clock, Session};
use super::progress::{Progress, Unit};
use super::{exit, CliError};
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::queue::backoffice::{BackOffice, BackOfficeOptions};
use crate::queue::central::CentralOptions;
use crate::queue::due_updates::DueCounts;
use crate::queue::sync::{
    configured_queue_path, sync_round_with_progress, Phase, RoundReport, SyncConfig,
};
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
/// uses ([`crate::settings::Setting::QueuePath`] resolved over the store and the machine
/// configuration), else `central-queue.sqlite3` in the data folder.
fn queue_path(s: &Session) -> Result<PathBuf, CliError> {
    let ctx = s.ctx;
    configured_queue_path(
        ctx.queue.as_deref(),
        &s.store,
        ctx.machine()?,
        &ctx.data_dir,
    )
    .map_err(|e| ctx.store_error(e))
}

/// What `sync --json` prints: the round's report and its due-date updates.
#[derive(serde::Serialize)]
struct SyncJson<'r> {
    #[serde(flatten)]
    report: &'r RoundReport,
    due_updates: DueCounts,
}

/// `iin-desk sync [--repush-all] [--json]`: one round.
pub(super) fn sync(s: &mut Session, repush_all: bool, as_json: bool) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let due_before = DueCounts::pending_in(&s.store).map_err(|e| queue_error(e, lang))?;
    let mut config = SyncConfig::new(queue_path(s)?, &s.user.login);
    config.central = central_options();
    // Progress of the push (a long one: `--repush-all`, or a counter long offline),
    // shown from the first batch the central file committed.
    // The push and the results each have their own bar.
    let mut progress: Option<(Phase, Progress)> = None;
    let report =
        sync_round_with_progress(&mut s.store, &config, repush_all, &wall_clock, &mut |p| {
            if progress
                .as_ref()
                .is_some_and(|(phase, _)| *phase != p.phase)
            {
                if let Some((_, mut done)) = progress.take() {
                    done.finish();
                }
            }
            progress
                .get_or_insert_with(|| (p.phase, Progress::start(lang, Unit::Requests, p.total)))
                .1
                .set(p.done);
            ControlFlow::Continue(())
        });
    match (progress.as_mut(), &report) {
        (Some((_, p)), Ok(_)) => p.finish(),
        (Some((_, p)), Err(_)) => p.clear(),
        (None, _) => {}
    }
    let report = report.map_err(|e| queue_error(e, lang))?;
    let due = DueCounts::after_round(due_before, &s.store).map_err(|e| queue_error(e, lang))?;
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
        let json = SyncJson {
            report: &report,
            due_updates: due,
        };
        let text = serde_json::to_string_pretty(&json)
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        println!("{text}");
    } else {
        let c = report.counts;
        let (p, n, r) = (report.pushed, report.newly_sent, report.results.len());
        println!(
            "{}",
            tr_args(
                lang,
                "cli-sync-summary",
                &[
                    ("awaiting_result", c.awaiting_result.into()),
                    ("n", n.into()),
                    ("p", p.into()),
                    ("r", r.into()),
                    ("to_push", c.to_push.into())
                ]
            )
        );
        if report.file_changed {
            println!("{}", tr(lang, "cli-sync-file-changed"));
        }
        if due.sent > 0 || due.pending > 0 {
            let args = [("sent", due.sent.into()), ("pending", due.pending.into())];
            println!("{}", tr_args(lang, "cli-sync-due-updates", &args));
        }
        for r in &report.set_aside {
            let args = [
                ("id", r.id.clone().into()),
                ("reason", r.reason.message(lang).into()),
            ];
            println!("{}", tr_args(lang, "server-sync-set-aside", &args));
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
            tr_args(
                lang,
                "cli-backoffice-auto-summary",
                &[("c", c.into()), ("f", f.into()), ("l", l.into())]
            )
        );
    }
    let fmt = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%d.%m.%Y %H:%M").to_string())
            .unwrap_or_else(|| "-".into())
    };
    for item in &incoming {
        let mut flags = Vec::new();
        if item.overdue {
            flags.push(tr(lang, "cli-backoffice-overdue"));
        }
        if let Some(by) = &item.claimed_by {
            flags.push(tr_args(
                lang,
                "cli-backoffice-claimed-by",
                &[("by", by.to_string().into())],
            ));
        }
        if item.needs_person {
            flags.push(tr(lang, "cli-backoffice-needs-person"));
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
        tr_args(
            lang,
            "cli-backoffice-waiting",
            &[("incoming", incoming.len().into())]
        )
    );
    Ok(exit::OK)
}
