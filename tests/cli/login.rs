//! Logins and roles.

use std::ffi::OsString;
use std::time::Duration;
use std::time::Instant;

use crate::support::*;

#[test]
fn wrong_password_or_unknown_login_exits_6() {
    let desk = Desk::set_up();
    for (login, password) in [
        (ADMIN, "Wrong2026pass"),
        (ADMIN, ""),
        ("nobody", ADMIN_PW),
        ("ADMIN", ADMIN_PW),
    ] {
        desk.as_user(login, password)
            .args(["user", "list"])
            .run()
            .code(DENIED)
            .stdout_empty()
            .stderr_has("wrong login or password, or the account is disabled");
    }
    let out = desk
        .as_user(ADMIN, "Wrong2026pass")
        .lang("ru")
        .args(["user", "list"])
        .run();
    out.code(DENIED).stderr_has("неверный логин или пароль");
}

#[test]
fn no_login_exits_6() {
    let desk = Desk::set_up();
    desk.call()
        .args(["user", "list"])
        .env("IIN_DESK_PASSWORD", ADMIN_PW)
        .run()
        .code(DENIED)
        .stdout_empty()
        .stderr_has("no login given: pass --user LOGIN or set IIN_DESK_USER");
    // IIN_DESK_USER stands in for --user.
    desk.call()
        .args(["user", "list"])
        .env("IIN_DESK_USER", ADMIN)
        .env("IIN_DESK_PASSWORD", ADMIN_PW)
        .run()
        .code(OK)
        .stdout_has("admin\tadministrator");
}

#[test]
fn no_password_and_no_terminal_exits_6() {
    let desk = Desk::set_up();
    // The password is not read from piped stdin.
    desk.call()
        .args(["--user", ADMIN, "user", "list"])
        .stdin(format!("{ADMIN_PW}\n"))
        .run()
        .code(DENIED)
        .stdout_empty()
        .stderr_has("no password: set IIN_DESK_PASSWORD or run in a terminal");
}

#[test]
fn a_clerk_cannot_import_or_add_users() {
    let desk = Desk::set_up();
    desk.add_user("a.clerk", "clerk");
    let clerk = || desk.as_user("a.clerk", STAFF_PW);
    clerk()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(DENIED)
        .stdout_empty()
        .stderr_has("not allowed: this needs the role Administrator / Supervisor");
    clerk()
        .args([
            "user",
            "add",
            "sneaky",
            "--name",
            "Sneaky",
            "--role",
            "administrator",
            "--password-stdin",
        ])
        .stdin(format!("{STAFF_PW}\n"))
        .run()
        .code(DENIED)
        .stderr_has("not allowed: this needs the role Administrator");
    assert!(
        desk.stored_ids().is_empty(),
        "the clerk's import stored something"
    );
    assert!(
        desk.user("sneaky").is_none(),
        "the clerk created an account"
    );
}

#[test]
fn each_role_may_run_only_its_commands() {
    let desk = Desk::set_up();
    for role in ["clerk", "supervisor", "back_office"] {
        desk.add_user(&format!("u.{role}"), role);
    }
    let out_file = desk.path("role-export.json");
    let import: Vec<OsString> = vec![
        "import".into(),
        "--dry-run".into(),
        fixture("requests.json").into(),
    ];
    let export: Vec<OsString> = vec!["export".into(), "--out".into(), out_file.clone().into()];
    let calendar: Vec<OsString> = vec!["calendar".into(), "show".into(), "2024".into()];
    let users: Vec<OsString> = vec!["user".into(), "list".into()];
    // (login, password, [import, export, calendar show, user list] allowed)
    let table = [
        ("u.clerk", STAFF_PW, [false, false, false, false]),
        ("u.back_office", STAFF_PW, [false, false, false, false]),
        ("u.supervisor", STAFF_PW, [true, true, false, false]),
        (ADMIN, ADMIN_PW, [true, true, true, true]),
    ];
    for (login, password, allowed) in table {
        for (args, allowed) in [&import, &export, &calendar, &users]
            .into_iter()
            .zip(allowed)
        {
            let _ = std::fs::remove_file(&out_file);
            let out = desk
                .as_user(login, password)
                .args(args.iter().cloned())
                .run();
            if allowed {
                out.code(OK);
                assert!(!out.stdout.is_empty(), "{login}: {out}");
            } else {
                out.code(DENIED)
                    .stdout_empty()
                    .stderr_has("not allowed: this needs the role");
                assert!(
                    !out_file.exists(),
                    "{login}: a denied export wrote the file"
                );
            }
        }
    }
}

#[test]
fn an_unknown_login_takes_as_long_as_a_wrong_password() {
    let desk = Desk::set_up();
    let fastest = |login: &str| -> Duration {
        (0..3)
            .map(|_| {
                let start = Instant::now();
                desk.as_user(login, "Wrong2026pass")
                    .args(["user", "list"])
                    .run()
                    .code(DENIED);
                start.elapsed()
            })
            .min()
            .unwrap_or_default()
    };
    let known = fastest(ADMIN);
    let unknown = fastest("no.such.user");
    assert!(
        unknown * 3 >= known,
        "unknown login answered in {unknown:?}, a known one with a wrong password in {known:?}"
    );
}
