//! The Windows Start-menu entry: opens the counter window without a console.
//!
//! `iin-desk.exe` is a console program, because the command line (`sync`, `print`,
//! `backoffice` …) needs its console; started from the Start menu it would open an empty
//! console next to the window. This small launcher (a GUI program) starts the
//! `iin-desk.exe` next to it with no console window, passes its arguments on (such as
//! `--data-dir`), and shows in a message box what stopped the window, since there is no
//! console to print it on.

#![cfg_attr(windows, windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

/// Exit code when `iin-desk.exe` cannot be started (the same as "no window").
const NO_WINDOW: u8 = 8;

fn main() -> ExitCode {
    let program = match sibling() {
        Some(p) => p,
        None => {
            show("cannot find iin-desk next to this launcher");
            return ExitCode::from(NO_WINDOW);
        }
    };
    let mut cmd = Command::new(&program);
    cmd.args(std::env::args_os().skip(1))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        /// CREATE_NO_WINDOW: a console program that gets no console window.
        const CREATE_NO_WINDOW: u32 = 0x0800_0000;
        cmd.creation_flags(CREATE_NO_WINDOW);
    }
    match cmd.output() {
        Ok(out) if out.status.success() => ExitCode::SUCCESS,
        Ok(out) => {
            let text = String::from_utf8_lossy(&out.stderr);
            let text = text.trim();
            show(if text.is_empty() {
                "the counter window stopped with an error"
            } else {
                text
            });
            let code = out.status.code().and_then(|c| u8::try_from(c).ok());
            ExitCode::from(code.unwrap_or(NO_WINDOW))
        }
        Err(e) => {
            show(&format!("{}: {e}", program.display()));
            ExitCode::from(NO_WINDOW)
        }
    }
}

/// `iin-desk.exe` (or `iin-desk`) in the launcher's own folder.
fn sibling() -> Option<PathBuf> {
    let me = std::env::current_exe().ok()?;
    let name = format!("iin-desk{}", std::env::consts::EXE_SUFFIX);
    Some(me.parent()?.join(name))
}

/// A message for the person at the PC: a dialog box (and stderr, for a terminal).
fn show(text: &str) {
    eprintln!("iin-desk: {text}");
    let _ = rfd::MessageDialog::new()
        .set_level(rfd::MessageLevel::Error)
        .set_title("iin-desk")
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
