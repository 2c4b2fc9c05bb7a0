//! `iin-desk queue …`: the administrator's commands for the central queue on a
//! PostgreSQL server. They use the server's credentials (`PGPASSWORD` or `~/.pgpass`,
//! an administrator's role there), not a login to the local store: the server decides
//! who may create its schema.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Subcommand;

use super::context::{wall_clock, CliContext};
use super::progress::{Progress, Unit};
use super::{exit, CliError};
use crate::domain::account::Role;
use crate::domain::i18n::{tr, tr_args, Arg};
use crate::domain::lang::Lang;
use crate::queue::central::{Central, CentralOptions, OpenMode};
use crate::queue::location::{redact, QueueLocation};
use crate::queue::reject::{retry_set_aside, set_aside_line};
use crate::queue::server::demo::fill_registry;
use crate::queue::server::migrate::{migrate_file, Copied, MigrateReport};
use crate::queue::server::schema::{init_server, InitOutcome};
use crate::queue::QueueError;

/// `queue` subcommands.
#[derive(Debug, Subcommand)]
pub enum QueueCommand {
    /// Creates the queue's schema and the roles iin_desk_counter and iin_desk_backoffice
    /// on a PostgreSQL server (idempotent; the password from PGPASSWORD or ~/.pgpass).
    InitServer {
        /// The server: postgresql://host[:port]/database[?sslmode=verify-full&sslrootcert=FILE]
        url: String,
    },
    /// Fills the server's registry with N synthetic persons (deterministic by the seed;
    /// a second run with the same seed adds nothing), for trying and measuring the
    /// duplicate search at national scale. Never on a production server.
    DemoRegistry {
        /// The server: postgresql://host[:port]/database
        url: String,
        /// How many persons.
        #[arg(long, value_name = "N")]
        count: u64,
        /// The data set.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// Moves an office from its queue file to a server: copies the requests with their
    /// results and claims, the registry and the audit log (administrator of this
    /// installation, which holds the office's queue key; idempotent). The counters then
    /// switch by setting the server's URL as their queue.
    Migrate {
        /// The office's queue file.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// The server: postgresql://host[:port]/database (the schema made by init-server).
        #[arg(long, value_name = "URL")]
        to: String,
        /// The server login the office's counters use: their requests are theirs there.
        #[arg(long, value_name = "LOGIN")]
        office: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lists the requests the central queue rejected and this installation set aside,
    /// with their reasons (clerk, supervisor, administrator). The others are sent as usual.
    SetAside {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Keeps the password of this installation's queue server login sealed in the
    /// encrypted local store (administrator), read from the terminal without echo or
    /// from the first line of stdin — never from the command line. PGPASSWORD and
    /// ~/.pgpass, when they have one, take precedence.
    Password {
        /// Remove the sealed password instead.
        #[arg(long)]
        clear: bool,
    },
    /// Puts a set-aside request back into the outbox once the cause of its rejection is
    /// fixed (supervisor or administrator; audited): the next sync sends it again.
    Retry {
        /// The request's id.
        id: String,
    },
}

/// Runs a `queue` subcommand.
pub(super) fn queue(ctx: &CliContext, action: QueueCommand) -> Result<u8, CliError> {
    let lang = ctx.lang;
    match action {
        QueueCommand::InitServer { url } => init(lang, &url),
        QueueCommand::DemoRegistry { url, count, seed } => demo_registry(lang, &url, count, seed),
        QueueCommand::Migrate {
            from,
            to,
            office,
            json,
        } => migrate(ctx, &from, &to, &office, json),
        QueueCommand::SetAside { json } => set_aside(ctx, json),
        QueueCommand::Retry { id } => retry(ctx, &id),
        QueueCommand::Password { clear } => password(ctx, clear),
    }
}

/// A URL that is not a server's is a usage error.
fn server_url(lang: Lang, url: &str) -> Result<String, CliError> {
    if !QueueLocation::parse(url).is_server() {
        return Err(CliError::new(
            exit::USAGE,
            tr_args(lang, "queue-server-not-a-url", &[("location", url.into())]),
        ));
    }
    Ok(redact(url))
}

/// `queue init-server URL`.
fn init(lang: Lang, url: &str) -> Result<u8, CliError> {
    let server = server_url(lang, url)?;
    let outcome = init_server(url).map_err(|e| queue_error(e, lang))?;
    let line = match outcome {
        InitOutcome::Created { server_id } => tr_args(
            lang,
            "queue-server-created",
            &[("server", (&server).into()), ("id", server_id.into())],
        ),
        InitOutcome::Upgraded {
            server_id,
            from,
            to,
        } => tr_args(
            lang,
            "queue-server-upgraded",
            &[
                ("server", (&server).into()),
                ("id", server_id.into()),
                ("from", from.into()),
                ("to", to.into()),
            ],
        ),
        InitOutcome::AlreadyThere { server_id } => tr_args(
            lang,
            "queue-server-already",
            &[("server", (&server).into()), ("id", server_id.into())],
        ),
    };
    println!("{line}");
    log::info!("queue init-server: {server}");
    Ok(exit::OK)
}

/// `queue demo-registry URL --count N [--seed S]`.
fn demo_registry(lang: Lang, url: &str, count: u64, seed: u64) -> Result<u8, CliError> {
    let server = server_url(lang, url)?;
    let started = Instant::now();
    let mut progress = |n: u64| {
        eprintln!(
            "{}",
            tr_args(lang, "queue-demo-registry-progress", &[("n", n.into())])
        );
    };
    let report = fill_registry(url, count, seed, wall_clock(), &mut progress)
        .map_err(|e| queue_error(e, lang))?;
    println!(
        "{}",
        tr_args(
            lang,
            "queue-demo-registry-done",
            &[
                ("server", (&server).into()),
                ("added", report.added.into()),
                ("skipped", report.skipped.into()),
                ("total", report.total.into()),
                ("seconds", started.elapsed().as_secs().into()),
            ],
        )
    );
    log::info!("queue demo-registry: {server}, {} added", report.added);
    Ok(exit::OK)
}

/// `queue migrate --from FILE --to URL --office LOGIN`.
fn migrate(
    ctx: &CliContext,
    from: &Path,
    to: &str,
    office: &str,
    json: bool,
) -> Result<u8, CliError> {
    let lang = ctx.lang;
    let server = server_url(lang, to)?;
    let session = ctx.login(&[Role::Administrator])?;
    let key = session
        .store
        .queue_key()
        .map_err(|e| ctx.store_error(e))?
        .ok_or_else(|| {
            queue_error(
                QueueError::NoKey {
                    path: from.to_path_buf(),
                },
                lang,
            )
        })?;
    let mut central = Central::open(from, OpenMode::MustExist, CentralOptions::default(), &key)
        .map_err(|e| queue_error(e, lang))?;
    let mut progress: Option<Progress> = None;
    let report = migrate_file(
        &mut central,
        to,
        office,
        &session.user.login,
        ctx.now,
        &mut |done, total| {
            progress
                .get_or_insert_with(|| Progress::start(lang, Unit::Rows, total))
                .set(done);
        },
    )
    .map_err(|e| queue_error(e, lang))?;
    if let Some(p) = progress.as_mut() {
        p.finish();
    }
    log::info!(
        "queue migrate: {} -> {server}: {} requests, {} persons added",
        from.display(),
        report.requests.added,
        report.persons.added
    );
    if json {
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        println!("{text}");
        return Ok(exit::OK);
    }
    for line in migrate_lines(lang, &report) {
        println!("{line}");
    }
    println!(
        "{}",
        if report.changed() {
            tr_args(lang, "queue-migrate-done", &[("server", (&server).into())])
        } else {
            tr_args(
                lang,
                "queue-migrate-nothing-to-do",
                &[("server", (&server).into())],
            )
        }
    );
    Ok(exit::OK)
}

/// The counts of one kind of row, as a message's arguments.
fn counts(c: Copied) -> [(&'static str, Arg); 3] {
    [
        ("added", c.added.into()),
        ("updated", c.updated.into()),
        ("unchanged", c.unchanged.into()),
    ]
}

/// One line per kind of row: how many were added, updated and already there.
fn migrate_lines(lang: Lang, r: &MigrateReport) -> Vec<String> {
    vec![
        tr_args(lang, "queue-migrate-requests", &counts(r.requests)),
        tr_args(lang, "queue-migrate-persons", &counts(r.persons)),
        tr_args(lang, "queue-migrate-history", &counts(r.history)),
        tr_args(lang, "queue-migrate-known-iins", &counts(r.known_iins)),
        tr_args(lang, "queue-migrate-audit", &counts(r.audit)),
    ]
}

fn queue_error(e: QueueError, lang: Lang) -> CliError {
    CliError::new(exit::QUEUE, e.message(lang))
}

/// `queue set-aside [--json]`.
fn set_aside(ctx: &CliContext, json: bool) -> Result<u8, CliError> {
    let lang = ctx.lang;
    let session = ctx.login(&[Role::Clerk, Role::Supervisor, Role::Administrator])?;
    let list = session
        .store
        .set_aside_requests()
        .map_err(|e| ctx.store_error(e))?;
    if json {
        let text = serde_json::to_string_pretty(&list)
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        println!("{text}");
        return Ok(exit::OK);
    }
    if list.is_empty() {
        println!("{}", tr(lang, "server-set-aside-none"));
    }
    for entry in &list {
        println!("{}", set_aside_line(entry, lang));
    }
    Ok(exit::OK)
}

/// `queue retry ID`.
fn retry(ctx: &CliContext, id: &str) -> Result<u8, CliError> {
    let lang = ctx.lang;
    let mut session = ctx.login(&crate::queue::reject::RETRY_ROLES)?;
    let actor = session.user.login.clone();
    retry_set_aside(&mut session.store, id.trim(), &actor, ctx.now)
        .map_err(|e| queue_error(e, lang))?;
    log::info!("queue retry: request {} back in the outbox", id.trim());
    println!(
        "{}",
        tr_args(
            lang,
            "server-set-aside-retried",
            &[("id", id.trim().into())]
        )
    );
    Ok(exit::OK)
}

/// `queue password [--clear]`.
fn password(ctx: &CliContext, clear: bool) -> Result<u8, CliError> {
    use std::io::IsTerminal;
    let lang = ctx.lang;
    let mut session = ctx.login(&[Role::Administrator])?;
    let secret = if clear {
        zeroize::Zeroizing::new(String::new())
    } else if std::io::stdin().is_terminal() {
        rpassword::prompt_password(tr(lang, "server-password-prompt"))
            .map(zeroize::Zeroizing::new)
            .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?
    } else {
        let mut line = zeroize::Zeroizing::new(String::new());
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
        zeroize::Zeroizing::new(line.trim_end_matches(['\r', '\n']).to_string())
    };
    if !clear && secret.is_empty() {
        return Err(CliError::new(
            exit::USAGE,
            tr(lang, "server-password-empty"),
        ));
    }
    let actor = session.user.login.clone();
    session
        .store
        .set_server_password(&secret, &actor, ctx.now)
        .map_err(|e| ctx.store_error(e))?;
    let id = if clear {
        "server-password-cleared"
    } else {
        "server-password-kept"
    };
    println!("{}", tr(lang, id));
    Ok(exit::OK)
}
