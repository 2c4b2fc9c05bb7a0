//! `init`, the store before it, and `recover` with the recovery key.

use std::ffi::OsString;

use crate::support::*;

#[test]
fn init_creates_the_administrator_from_stdin() {
    let desk = Desk::new();
    desk.call()
        .args(["init", "--password-stdin"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(OK)
        .stdout_has("admin: administrator created");
    assert!(desk.db_file().exists());
    let admin = desk
        .user(ADMIN)
        .unwrap_or_else(|| panic!("no admin account"));
    assert_eq!(admin["role"], "administrator");
    assert_eq!(admin["active"], true);
    assert_eq!(admin["full_name"], "Administrator");
}

#[test]
fn init_with_a_custom_login_name_and_a_crlf_password_line() {
    let desk = Desk::new();
    desk.call()
        .args([
            "init",
            "--admin",
            "a.nurlanova",
            "--name",
            "Nurlanova Aigerim",
            "--password-stdin",
        ])
        .stdin(format!("{ADMIN_PW}\r\n"))
        .run()
        .code(OK)
        .stdout_has("a.nurlanova: administrator created");
    // The CR of a Windows line end is not part of the password.
    let out = desk
        .as_user("a.nurlanova", ADMIN_PW)
        .args(["user", "list", "--json"])
        .run();
    out.code(OK);
    assert_eq!(out.json()[0]["full_name"], "Nurlanova Aigerim");
    desk.admin().args(["user", "list"]).run().code(DENIED);
}

#[test]
fn init_with_a_weak_password_exits_3_and_sets_nothing_up() {
    // (login, stdin, reason)
    let table = [
        (ADMIN, "short1\n", "too short"),
        (ADMIN, "onlyletterslong\n", "both letters and digits"),
        (ADMIN, "12345678901234\n", "both letters and digits"),
        ("admin2026x", "ADMIN2026X\n", "must not equal the login"),
        (ADMIN, "", "too short"),
    ];
    for (login, stdin, reason) in table {
        let desk = Desk::new();
        desk.call()
            .args(["init", "--admin", login, "--password-stdin"])
            .stdin(stdin)
            .run()
            .code(INVALID_INPUT)
            .stdout_empty()
            .stderr_has(reason);
        let password = stdin.trim_end();
        desk.as_user(login, password)
            .args(["user", "list"])
            .run()
            .code(NOT_SET_UP)
            .stderr_has("not set up yet: create the administrator first with `iin-desk init`");
    }
}

#[test]
fn init_without_password_stdin_and_no_terminal_exits_3() {
    let desk = Desk::new();
    desk.call()
        .arg("init")
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("no new password: use --password-stdin");
    desk.admin().args(["user", "list"]).run().code(NOT_SET_UP);
}

#[test]
fn init_with_a_bad_login_exits_3() {
    let desk = Desk::new();
    desk.call()
        .args(["init", "--admin", "ад", "--password-stdin"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("is not valid");
    desk.admin().args(["user", "list"]).run().code(NOT_SET_UP);
}

#[test]
fn second_init_fails_and_changes_nothing() {
    let desk = Desk::set_up();
    desk.call()
        .args(["init", "--password-stdin"])
        .stdin("Another2026pass\n")
        .run()
        .code(INVALID_INPUT)
        .stderr_has("already set up: an administrator exists");
    desk.call()
        .args(["init", "--admin", "second.admin", "--password-stdin"])
        .stdin("Another2026pass\n")
        .run()
        .code(INVALID_INPUT);
    desk.as_user(ADMIN, "Another2026pass")
        .args(["user", "list"])
        .run()
        .code(DENIED);
    let users = desk.users();
    assert_eq!(users.len(), 1, "{users:?}");
    assert_eq!(users[0]["login"], ADMIN);
}

#[test]
fn init_with_a_blank_name_exits_3() {
    let desk = Desk::new();
    desk.call()
        .args(["init", "--name", "   ", "--password-stdin"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("--name");
    desk.admin().args(["user", "list"]).run().code(NOT_SET_UP);
}

#[test]
fn store_commands_before_init_exit_7() {
    let desk = Desk::new();
    let out_file = desk.path("out.json");
    let table: Vec<Vec<OsString>> = vec![
        vec!["import".into(), fixture("requests.json").into()],
        vec!["export".into(), "--out".into(), out_file.clone().into()],
        vec![
            "calendar".into(),
            "import".into(),
            fixture("calendar_2024.json").into(),
        ],
        vec!["calendar".into(), "show".into(), "2024".into()],
        vec!["user".into(), "list".into()],
        vec!["user".into(), "disable".into(), "someone".into()],
    ];
    for args in table {
        desk.admin()
            .args(args)
            .run()
            .code(NOT_SET_UP)
            .stdout_empty()
            .stderr_has("not set up yet: create the administrator first with `iin-desk init`");
    }
    // Even without a login the answer is "set up first".
    desk.call().args(["user", "list"]).run().code(NOT_SET_UP);
    assert!(!out_file.exists());
}

#[test]
fn not_set_up_speaks_kazakh_and_russian() {
    let desk = Desk::new();
    for (lang, text) in [
        ("kk", "бағдарлама әлі бапталмаған"),
        ("ru", "программа ещё не настроена"),
    ] {
        let out = desk.admin().lang(lang).args(["user", "list"]).run();
        out.code(NOT_SET_UP)
            .stderr_has(text)
            .stderr_has("iin-desk init");
        assert_eq!(has_kazakh_letters(&out.stderr), lang == "kk", "{out}");
    }
}

/// The recovery key is shown once at `init` and gives an administrator a new password.
#[test]
fn init_shows_the_recovery_key_and_recover_sets_a_new_password() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args(["init", "--password-stdin"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run();
    out.code(OK).stderr_has("RECOVERY KEY");
    let key = out
        .stderr
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 71 && l.chars().filter(|c| *c == '-').count() == 7)
        .unwrap_or_else(|| panic!("no key in {out}"))
        .to_string();
    // A wrong recovery key changes nothing.
    desk.call()
        .args(["recover", ADMIN, "--password-stdin"])
        .stdin(format!("{}\nNew-admin-pass-1\n", "0".repeat(64)))
        .run()
        .code(DENIED);
    desk.call()
        .args(["recover", ADMIN, "--password-stdin"])
        .stdin(format!("{key}\nNew-admin-pass-1\n"))
        .run()
        .code(OK)
        .stdout_has("the new password is set");
    desk.as_user(ADMIN, ADMIN_PW)
        .args(["user", "list"])
        .run()
        .code(DENIED);
    desk.as_user(ADMIN, "New-admin-pass-1")
        .args(["user", "list"])
        .run()
        .code(OK);
}
