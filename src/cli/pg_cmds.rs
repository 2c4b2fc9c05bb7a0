//! `iin-desk queue …`: the administrator's commands for the central queue on a
//! PostgreSQL server. They use the server's credentials (`PGPASSWORD` or `~/.pgpass`,
//! an administrator's role there), not a login to the local store: the server decides
//! who may create its schema.

use clap::Subcommand;

use super::{exit, CliError};
use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;
use crate::queue::location::{redact, QueueLocation};
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
}

/// Runs a `queue` subcommand.
pub fn queue(lang: Lang, action: QueueCommand) -> Result<u8, CliError> {
    match action {
        QueueCommand::InitServer { url } => {
            if !QueueLocation::parse(&url).is_server() {
                return Err(CliError::new(
                    exit::USAGE,
                    tr_args(lang, "queue-server-not-a-url", &[("location", url.into())]),
                ));
            }
            let server = redact(&url);
            let outcome = init_server(&url).map_err(|e| queue_error(e, lang))?;
            let line = match outcome {
                InitOutcome::Created { server_id } => tr_args(
                    lang,
                    "queue-server-created",
                    &[("server", (&server).into()), ("id", server_id.into())],
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
    }
}

fn queue_error(e: QueueError, lang: Lang) -> CliError {
    CliError::new(exit::QUEUE, e.message(lang))
}
