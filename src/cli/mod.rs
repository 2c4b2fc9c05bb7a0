//! The command line: an admin CLI on the same binary as the GUI.
//!
//! Each command returns a [`CliError`] with an exit code; `main` prints it as one line.
//! [`run`] resolves the global options once into a [`context::CliContext`] (which reads
//! the clock, once per command) and, for a command that uses the store, opens it and
//! logs in with the roles the command declares ([`Command::roles`]).

mod calendar_cmds;
mod check_cmds;
mod context;
mod data_cmds;
pub mod demo_cmds;
mod key_cmds;
mod key_files;
mod pg_cmds;
mod print_cmds;
mod progress;
mod queue_cmds;
mod search_cmds;
mod user_cmds;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::domain::account::Role;
use crate::domain::lang::Lang;
use context::CliContext;

pub use context::default_data_dir;
pub use key_cmds::KeyCommand;
pub use pg_cmds::QueueCommand;
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

/// Runs the parsed command line. `Ok(code)` is a completed command's exit code.
pub fn run(cli: Cli) -> Result<u8, CliError> {
    let ctx = CliContext::new(&cli);
    let Some(command) = cli.command else {
        return Ok(exit::OK);
    };
    let roles = command.roles();
    match command {
        Command::CheckIin { iins, json } => check_cmds::check_iin(&ctx, &iins, json),
        Command::Mrz { json } => check_cmds::mrz(&ctx, json),
        Command::Init(args) => user_cmds::init(&ctx, &args),
        Command::Recover {
            login,
            password_stdin,
        } => key_cmds::recover(&ctx, &login, password_stdin),
        Command::Import { file, dry_run } => {
            data_cmds::import(&mut ctx.login(roles)?, &file, dry_run)
        }
        Command::Export { out, from, to } => {
            data_cmds::export(&ctx.login(roles)?, &out, from.as_deref(), to.as_deref())
        }
        Command::Calendar { action } => calendar_cmds::calendar(&mut ctx.login(roles)?, action),
        Command::User { action } => user_cmds::user(&mut ctx.login(roles)?, action),
        Command::Print { id, doc, out } => {
            print_cmds::print(&mut ctx.login(roles)?, &id, doc, &out)
        }
        Command::Register { date, counter, out } => {
            print_cmds::register(&mut ctx.login(roles)?, &date, counter.as_deref(), &out)
        }
        Command::Verify { file } => print_cmds::verify(&mut ctx.login(roles)?, &file),
        Command::Sync { repush_all, json } => {
            queue_cmds::sync(&mut ctx.login_or_machine_key(roles)?, repush_all, json)
        }
        Command::Key { action } => key_cmds::key(&mut ctx.login(roles)?, action),
        Command::DemoData { count, seed } => {
            demo_cmds::demo_data(&mut ctx.login(roles)?, count, seed)
        }
        Command::Backoffice { action } => queue_cmds::backoffice(&mut ctx.login(roles)?, action),
        Command::Queue { action } => pg_cmds::queue(&ctx, action),
        Command::Search {
            query,
            status,
            from,
            to,
            limit,
            set_aside,
            json,
        } => {
            let args = search_cmds::SearchArgs {
                query,
                status,
                from,
                to,
                limit,
                set_aside,
                json,
            };
            search_cmds::search(&mut ctx.login(roles)?, &args)
        }
    }
}

impl Command {
    /// The roles that may run the command, in the order its refusal names them. Empty
    /// for the commands without a login: `check-iin` and `mrz` use no store, `init`
    /// creates it and `recover` opens it with the recovery key. A scheduled `sync` may
    /// also open the store with the machine key instead of a login.
    pub fn roles(&self) -> &'static [Role] {
        use Role::{Administrator, BackOffice, Clerk, Supervisor};
        match self {
            Command::CheckIin { .. }
            | Command::Mrz { .. }
            | Command::Init(_)
            | Command::Recover { .. }
            | Command::Queue { .. } => &[],
            Command::Import { .. } | Command::Export { .. } => &[Administrator, Supervisor],
            Command::Calendar { .. }
            | Command::User { .. }
            | Command::Key { .. }
            | Command::DemoData { .. } => &[Administrator],
            Command::Print { .. } => &[Clerk, Supervisor],
            Command::Register { .. } | Command::Search { .. } => &[Supervisor, Administrator],
            Command::Verify { .. } => &Role::ALL,
            Command::Sync { .. } => &[Clerk, Supervisor, Administrator],
            Command::Backoffice { .. } => &[BackOffice],
        }
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
    /// The central queue on a PostgreSQL server (administrator, with the server's own
    /// credentials).
    Queue {
        /// What to do.
        #[command(subcommand)]
        action: QueueCommand,
    },
    /// Searches the journal as the window does (supervisor, administrator): QUERY is an
    /// IIN (12 digits), a document number (has a digit) or part of a name (3 characters
    /// at least; Latin or Cyrillic, any case). Prints a table, or JSON lines with --json.
    Search {
        /// What to look for; without it, every request matching the options.
        query: Option<String>,
        /// Only this status (draft lists unfinished drafts with what was typed so far).
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
        /// Submitted (a draft: started) on or after (DD.MM.YYYY or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Submitted (a draft: started) on or before (DD.MM.YYYY or YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// How many rows to print, newest first (default 50).
        #[arg(long, value_name = "N")]
        limit: Option<String>,
        /// Only the requests the central queue rejected and the sync set aside, each with
        /// its reason (the journal's "Set aside by the queue").
        #[arg(long)]
        set_aside: bool,
        /// Print one JSON object per line.
        #[arg(long)]
        json: bool,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("iin-desk").chain(args.iter().copied()))
            .unwrap_or_else(|e| panic!("{args:?}: {e}"))
    }

    fn roles(args: &[&str]) -> &'static [Role] {
        match parse(args).command {
            Some(command) => command.roles(),
            None => panic!("{args:?}: no command"),
        }
    }

    #[test]
    fn each_command_declares_who_may_run_it() {
        use Role::{Administrator, BackOffice, Clerk, Supervisor};
        let none: &[Role] = &[];
        assert_eq!(roles(&["check-iin", "1"]), none);
        assert_eq!(roles(&["mrz"]), none);
        assert_eq!(roles(&["init"]), none);
        assert_eq!(roles(&["recover", "admin"]), none);
        assert_eq!(roles(&["import", "f.json"]), [Administrator, Supervisor]);
        assert_eq!(
            roles(&["export", "--out", "f"]),
            [Administrator, Supervisor]
        );
        assert_eq!(roles(&["calendar", "show", "2024"]), [Administrator]);
        assert_eq!(roles(&["user", "list"]), [Administrator]);
        assert_eq!(roles(&["key", "recovery-new"]), [Administrator]);
        assert_eq!(roles(&["demo-data", "--count", "1"]), [Administrator]);
        let print = ["print", "x", "--doc", "receipt", "--out", "f"];
        assert_eq!(roles(&print), [Clerk, Supervisor]);
        let register = ["register", "--date", "2024-01-01", "--out", "f"];
        assert_eq!(roles(&register), [Supervisor, Administrator]);
        assert_eq!(roles(&["search", "ivan"]), [Supervisor, Administrator]);
        assert_eq!(roles(&["verify", "f.pdf"]), Role::ALL);
        assert_eq!(roles(&["sync"]), [Clerk, Supervisor, Administrator]);
        assert_eq!(roles(&["backoffice", "run"]), [BackOffice]);
    }

    #[test]
    fn the_context_resolves_the_global_options_once() {
        let cli = parse(&["--lang", "ru", "--data-dir", "d", "--user", "u", "mrz"]);
        let ctx = CliContext::new(&cli);
        assert_eq!(ctx.lang, Lang::Ru);
        assert_eq!(ctx.data_dir, PathBuf::from("d"));
    }

    #[test]
    fn counts_take_their_plural_forms() {
        use crate::domain::i18n::tr_args;
        let stored = |n: usize| tr_args(Lang::En, "cli-import-stored", &[("stored", n.into())]);
        assert_eq!(stored(1), "1 request stored");
        assert_eq!(stored(0), "0 requests stored");
        assert_eq!(stored(21), "21 requests stored");
        let loaded = |n: usize| {
            tr_args(
                Lang::En,
                "cli-calendar-loaded",
                &[("days", n.into()), ("year", "2024".into())],
            )
        };
        assert_eq!(loaded(1), "1 exception loaded for 2024");
        assert_eq!(loaded(3), "3 exceptions loaded for 2024");
    }
}
