//! The command line: an admin CLI on the same binary as the GUI.
//!
//! Each command returns a [`CliError`] with an exit code; `main` prints it as one line.
//! The clock is read here, once per command, and passed down.

mod commands;
pub mod demo_cmds;
mod key_cmds;
mod print_cmds;
mod queue_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::domain::lang::Lang;

pub use commands::{default_data_dir, run};
pub use key_cmds::KeyCommand;
pub use queue_cmds::BackofficeCommand;

/// Exit codes, documented in README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A check failed (an invalid IIN, a failed MRZ check digit).
    pub const CHECK_FAILED: u8 = 1;
    /// Bad command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
    /// The input data are invalid (import file, calendar file, MRZ text, password).
    pub const INVALID_INPUT: u8 = 3;
    /// The local store cannot be used (unreadable, newer, busy).
    pub const STORE: u8 = 4;
    /// A file cannot be read or written.
    pub const FILE: u8 = 5;
    /// Login failed or the account's role does not allow the command.
    pub const DENIED: u8 = 6;
    /// No administrator exists yet: run `iin-desk init`.
    pub const NOT_SET_UP: u8 = 7;
    /// The window cannot be opened (no display).
    pub const NO_WINDOW: u8 = 8;
    /// The central queue file cannot be used (missing, locked, damaged, newer, read-only).
    pub const QUEUE: u8 = 9;
}

/// A command's failure: the line to print and the exit code.
#[derive(Debug)]
pub struct CliError {
    /// Exit code (see [`exit`]).
    pub code: u8,
    /// Lines to print on stderr (usually one).
    pub lines: Vec<String>,
}

impl CliError {
    /// A one-line error.
    pub fn new(code: u8, line: impl Into<String>) -> Self {
        CliError {
            code,
            lines: vec![line.into()],
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code)
    }
}

/// iin-desk: forming and correcting the IIN of foreigners and stateless persons.
#[derive(Debug, Parser)]
#[command(name = "iin-desk", version, about, long_about = None)]
pub struct Cli {
    /// Folder of the local database (default: the OS data folder).
    #[arg(long, global = true, env = "IIN_DESK_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of messages: kk, ru or en.
    #[arg(long, global = true, env = "IIN_DESK_LANG", value_parser = parse_lang, default_value = "kk")]
    pub lang: Lang,
    /// Staff login for commands that use the store (password from IIN_DESK_PASSWORD or a prompt).
    #[arg(long, global = true, env = "IIN_DESK_USER", value_name = "LOGIN")]
    pub user: Option<String>,
    /// The central queue file shared with the back office (default: the `queue.path`
    /// setting, else central-queue.sqlite3 in the data folder).
    #[arg(long, global = true, env = "IIN_DESK_QUEUE", value_name = "FILE")]
    pub queue: Option<PathBuf>,
    /// The machine key file of a scheduled `sync` (instead of a login; made by
    /// `iin-desk key machine-create`).
    #[arg(long, global = true, env = "IIN_DESK_MACHINE_KEY", value_name = "FILE")]
    pub machine_key: Option<PathBuf>,
    /// What to do; without a command the counter application starts.
    #[command(subcommand)]
    pub command: Option<Command>,
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s).ok_or_else(|| format!("unknown language {s:?}: use kk, ru or en"))
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks IINs: valid or invalid and why; exit 0 only if all are valid.
    CheckIin {
        /// The IINs.
        #[arg(required = true)]
        iins: Vec<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Reads an MRZ from stdin as a passport reader types it; prints the fields and each
    /// check digit's verdict; exit 1 if any check digit fails.
    Mrz {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Imports requests from a JSON file (schema in README): all or none.
    Import {
        /// The JSON file (an array of request objects).
        file: PathBuf,
        /// Validate only; store nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Exports requests to a JSON file in the import schema. The file holds personal data.
    Export {
        /// Where to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Submitted on or after (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Submitted on or before (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
    },
    /// The working calendar's yearly exceptions.
    Calendar {
        /// What to do.
        #[command(subcommand)]
        action: CalendarCommand,
    },
    /// Staff accounts.
    User {
        /// What to do.
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Sets up a new installation: creates the first administrator.
    Init(InitArgs),
    /// Prints a request's document to a PDF file (recorded in the audit log).
    Print {
        /// The request's id.
        id: String,
        /// certificate, receipt, application or refusal.
        #[arg(long, value_parser = print_cmds::parse_doc)]
        doc: crate::pdf::DocKind,
        /// Where to write the PDF. The file holds personal data.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Prints the daily register of requests with outcome, clerk and service time.
    Register {
        /// The day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        date: String,
        /// Only this counter's requests.
        #[arg(long, value_name = "N")]
        counter: Option<String>,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Checks a registration certificate PDF against the store: exit 0 genuine, 1 not.
    Verify {
        /// The certificate PDF.
        file: PathBuf,
    },
    /// Keys (administrator): the recovery key, the machine key of a scheduled sync, the
    /// office's central queue key, the lockout policy.
    Key {
        /// What to do.
        #[command(subcommand)]
        action: KeyCommand,
    },
    /// Sets a new password for an administrator with the recovery key (every password
    /// lost): reads the recovery key, then the new password (stdin or prompts).
    Recover {
        /// The administrator's login.
        login: String,
        /// Read the recovery key and the password as two lines of stdin.
        #[arg(long)]
        password_stdin: bool,
    },
    /// One sync round with the central queue file: pushes accepted requests, pulls results.
    Sync {
        /// Send every request that left the counter again (idempotent), to rebuild a lost
        /// or damaged central file in a fresh one.
        #[arg(long)]
        repush_all: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Fills the store with realistic synthetic requests (administrator; for trying the
    /// window and for the benchmarks).
    DemoData {
        /// How many requests.
        #[arg(long)]
        count: u64,
        /// The data set: the same seed gives the same requests (default: from the clock).
        #[arg(long)]
        seed: Option<u64>,
    },
    /// The back office's work on the central queue, without the GUI.
    Backoffice {
        /// What to do.
        #[command(subcommand)]
        action: BackofficeCommand,
    },
}

/// `calendar` subcommands.
#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// Imports a year's exceptions from a JSON file, replacing that year's.
    Import {
        /// The JSON file: {"year": 2024, "days": [{"date": "2024-05-04", "kind": "working", "note": "…"}]}.
        file: PathBuf,
    },
    /// Shows the year's non-working days and the imported exceptions.
    Show {
        /// The year.
        year: i32,
    },
}

/// `user` subcommands.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Creates an account.
    Add {
        /// Login (3–32 Latin letters, digits, `.`, `_`, `-`).
        login: String,
        /// Full name, as printed on documents.
        #[arg(long)]
        name: String,
        /// clerk, supervisor, back_office or administrator.
        #[arg(long)]
        role: String,
        /// Read the new password from stdin instead of prompting twice.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Lists accounts.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Disables an account (it can no longer log in; its history stays).
    Disable {
        /// Login.
        login: String,
    },
    /// Enables a disabled account.
    Enable {
        /// Login.
        login: String,
    },
    /// Sets a new password.
    Passwd {
        /// Login.
        login: String,
        /// Read the new password from stdin instead of prompting twice.
        #[arg(long)]
        password_stdin: bool,
    },
}

/// `init` arguments.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The administrator's login.
    #[arg(long, default_value = "admin")]
    pub admin: String,
    /// The administrator's full name.
    #[arg(long, default_value = "Administrator")]
    pub name: String,
    /// Read the password from stdin instead of prompting twice.
    #[arg(long)]
    pub password_stdin: bool,
}
