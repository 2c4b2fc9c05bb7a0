//! The iin-desk binary: parses the command line and runs a command (the counter
//! application itself starts when no command is given).

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use iin_desk::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none() {
        // The GUI lands with the counter-app issue; until then, show what the CLI does.
        let _ = Cli::command().print_help();
        return ExitCode::SUCCESS;
    }
    match cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            for line in &e.lines {
                eprintln!("iin-desk: {line}");
            }
            e.exit_code()
        }
    }
}
