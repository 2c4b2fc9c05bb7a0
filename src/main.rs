//! The iin-desk binary: parses the command line, then starts the counter window (no
//! command) or runs an admin command.

use std::process::ExitCode;

use clap::Parser;
use iin_desk::cli::{self, Cli};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.command.is_none() {
        let data_dir = cli.data_dir.clone().unwrap_or_else(cli::default_data_dir);
        return match iin_desk::app::run_native(data_dir) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("iin-desk: {e:#}");
                ExitCode::from(cli::exit::NO_WINDOW)
            }
        };
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
