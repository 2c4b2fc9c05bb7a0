//! Exit codes, help, usage errors, the window launcher.

use std::process::Command;
use std::process::Stdio;

use crate::support::*;

#[test]
fn exit_codes_are_the_documented_ones() {
    use iin_desk::cli::exit;
    let table = [
        (OK, exit::OK),
        (CHECK_FAILED, exit::CHECK_FAILED),
        (USAGE, exit::USAGE),
        (INVALID_INPUT, exit::INVALID_INPUT),
        (STORE, exit::STORE),
        (FILE, exit::FILE),
        (DENIED, exit::DENIED),
        (NOT_SET_UP, exit::NOT_SET_UP),
    ];
    for (documented, actual) in table {
        assert_eq!(documented, actual);
    }
    // And the binary really exits with them (a usage error is clap's 2).
    let desk = Desk::new();
    desk.call_without_data_dir()
        .arg("no-such-command")
        .run()
        .code(USAGE);
}

#[test]
fn help_lists_the_commands_and_exits_0() {
    let desk = Desk::new();
    for args in [&["--help"][..], &["help"][..]] {
        let out = desk.call().args(args).run();
        out.code(OK).stdout_has("Usage: iin-desk").stderr_empty();
        for command in [
            "check-iin",
            "mrz",
            "import",
            "export",
            "calendar",
            "user",
            "init",
        ] {
            out.stdout_has(&format!("\n  {command} "));
        }
    }
    assert!(
        !desk.data_dir().exists(),
        "printing help must not create the data folder"
    );
}

/// Since the counter window landed (commit 4342f98), no subcommand means "start the
/// window", no longer "print the help". Without a display it must fail at once with one
/// line, not hang and not print the help.
#[test]
fn no_subcommand_without_a_display_fails_with_one_line() {
    let desk = Desk::new();
    let out = desk.call().run();
    assert_ne!(out.code, i32::from(OK), "{out}");
    assert_ne!(out.code, i32::from(USAGE), "{out}");
    out.stdout_empty().stderr_has("cannot open the window");
    assert_eq!(out.stderr_lines().len(), 1, "{out}");
}

#[test]
fn unknown_subcommand_exits_2() {
    let desk = Desk::new();
    desk.call()
        .arg("frobnicate")
        .run()
        .code(USAGE)
        .stdout_empty()
        .stderr_has("unrecognized subcommand 'frobnicate'");
    assert!(!desk.data_dir().exists());
}

#[test]
fn usage_errors_exit_2() {
    let desk = Desk::new();
    let table: [&[&str]; 5] = [
        &["--lang", "de", "check-iin", "740812400014"],
        &["check-iin"],
        &["export"],
        &["calendar", "show", "two-thousand"],
        &["user", "add", "someone"],
    ];
    for args in table {
        desk.call_without_data_dir()
            .args(args)
            .run()
            .code(USAGE)
            .stdout_empty()
            .stderr_has("error:");
    }
}

#[test]
fn a_file_that_is_not_a_database_exits_4_and_is_left_untouched() {
    let desk = Desk::new();
    std::fs::create_dir_all(desk.data_dir()).unwrap_or_else(|e| panic!("{e}"));
    let junk = b"these are not the bytes of an SQLite database\n".repeat(10);
    std::fs::write(desk.db_file(), &junk).unwrap_or_else(|e| panic!("{e}"));
    desk.admin()
        .args(["user", "list"])
        .run()
        .code(STORE)
        .stderr_has("is not a readable iin-desk database");
    desk.call()
        .args(["init", "--password-stdin"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(STORE);
    assert_eq!(std::fs::read(desk.db_file()).unwrap_or_default(), junk);
}

/// The Start-menu launcher runs `iin-desk` from its own folder with the same arguments and
/// returns its exit code; what stopped it is shown (stderr here, a message box on Windows).
#[test]
fn the_window_launcher_passes_arguments_and_the_exit_code_on() {
    let launcher = env!("CARGO_BIN_EXE_iin-desk-window");
    let run = |args: &[&str]| {
        Command::new(launcher)
            .args(args)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot start {launcher}: {e}"))
    };
    let out = run(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["--no-such-option"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--no-such-option"), "{err}");
}
