//! `user add|list|disable|enable|passwd`.

use serde_json::Value;

use crate::support::*;

#[test]
fn user_add_each_role_and_list() {
    let desk = Desk::set_up();
    // (login, --role as typed, stored role key)
    let table = [
        ("a.clerk", "clerk", "clerk"),
        ("s.super", "supervisor", "supervisor"),
        ("b.office", "back_office", "back_office"),
        ("b.office2", "back-office", "back_office"),
        ("second.admin", "administrator", "administrator"),
        ("third_admin", "admin", "administrator"),
    ];
    for (login, role, _) in table {
        desk.admin()
            .args([
                "user",
                "add",
                login,
                "--name",
                "  Test   User ",
                "--role",
                role,
                "--password-stdin",
            ])
            .stdin(format!("{STAFF_PW}\n"))
            .run()
            .code(OK)
            .stdout_has(&format!("{login}: account created"));
    }
    let out = desk.admin().args(["user", "list"]).run();
    out.code(OK);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), table.len() + 1, "{out}");
    for (login, _, key) in table {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("{login}\t{key}\t")) && l.ends_with("\tactive")),
            "{login}\n{out}"
        );
    }
    // Sorted by login.
    let logins: Vec<&str> = lines.iter().filter_map(|l| l.split('\t').next()).collect();
    let mut sorted = logins.clone();
    sorted.sort_unstable();
    assert_eq!(logins, sorted);

    let users = desk.users();
    assert_eq!(users.len(), table.len() + 1);
    for (login, _, key) in table {
        let u = users
            .iter()
            .find(|u| u["login"] == login)
            .unwrap_or_else(|| panic!("{login} not listed"));
        assert_eq!(u["role"], key);
        assert_eq!(u["active"], true);
        assert_eq!(
            u["full_name"], "Test   User",
            "the name is trimmed at both ends"
        );
        let keys: Vec<&String> = u
            .as_object()
            .map(|o| o.keys().collect())
            .unwrap_or_default();
        assert!(
            keys.iter()
                .all(|k| !k.contains("hash") && !k.contains("password_")),
            "{keys:?}"
        );
    }
    // Each new account can log in with its password.
    desk.as_user("second.admin", STAFF_PW)
        .args(["user", "list"])
        .run()
        .code(OK);
    desk.as_user("s.super", STAFF_PW)
        .args(["export", "--out"])
        .arg(desk.path("s.json"))
        .run()
        .code(OK);
}

#[test]
fn user_add_duplicate_login_exits_3() {
    let desk = Desk::set_up();
    desk.add_user("a.clerk", "clerk");
    for login in ["a.clerk", ADMIN] {
        desk.admin()
            .args([
                "user",
                "add",
                login,
                "--name",
                "Impostor",
                "--role",
                "administrator",
                "--password-stdin",
            ])
            .stdin("Other2026secret\n")
            .run()
            .code(INVALID_INPUT)
            .stderr_has(&format!("account {login} already exists"));
    }
    let clerk = desk
        .user("a.clerk")
        .unwrap_or_else(|| panic!("a.clerk vanished"));
    assert_eq!(clerk["role"], "clerk");
    assert_eq!(clerk["full_name"], "Test User");
    desk.as_user("a.clerk", "Other2026secret")
        .args(["user", "list"])
        .run()
        .code(DENIED);
    assert_eq!(desk.users().len(), 2);
}

#[test]
fn user_add_rejects_bad_input_with_exit_3() {
    let desk = Desk::set_up();
    let too_long = "x".repeat(33);
    // (login, name, role, stdin, message)
    let table = [
        ("ab", "Name", "clerk", STAFF_PW, "login \"ab\" is not valid"),
        ("a b c", "Name", "clerk", STAFF_PW, "is not valid"),
        ("анна", "Name", "clerk", STAFF_PW, "is not valid"),
        (too_long.as_str(), "Name", "clerk", STAFF_PW, "is not valid"),
        (
            "good.login",
            "Name",
            "boss",
            STAFF_PW,
            "--role \"boss\": one of these is expected",
        ),
        (
            "good.login",
            "   ",
            "clerk",
            STAFF_PW,
            "--name: is required",
        ),
        ("good.login", "Name", "clerk", "short1", "too short"),
        (
            "good.login",
            "Name",
            "clerk",
            "good.login",
            "both letters and digits",
        ),
    ];
    for (login, name, role, password, message) in table {
        desk.admin()
            .args([
                "user",
                "add",
                login,
                "--name",
                name,
                "--role",
                role,
                "--password-stdin",
            ])
            .stdin(format!("{password}\n"))
            .run()
            .code(INVALID_INPUT)
            .stdout_empty()
            .stderr_has(message);
    }
    assert_eq!(desk.users().len(), 1, "only the administrator exists");
}

#[test]
fn user_disable_and_enable() {
    let desk = Desk::set_up();
    desk.add_user("a.clerk", "clerk");
    desk.add_user("s.super", "supervisor");
    let export = desk.path("s.json");
    let supervisor_exports = || {
        desk.as_user("s.super", STAFF_PW)
            .arg("export")
            .arg("--out")
            .arg(&export)
            .run()
    };
    supervisor_exports().code(OK);

    desk.admin()
        .args(["user", "disable", "s.super"])
        .run()
        .code(OK)
        .stdout_has("s.super: disabled");
    supervisor_exports()
        .code(DENIED)
        .stderr_has("wrong login or password, or the account is disabled");
    assert_eq!(
        desk.user("s.super").map(|u| u["active"].clone()),
        Some(Value::from(false))
    );
    let list = desk.admin().args(["user", "list"]).run();
    list.code(OK);
    assert!(
        list.stdout_lines()
            .iter()
            .any(|l| l.starts_with("s.super\t") && l.ends_with("\tdisabled")),
        "{list}"
    );

    desk.admin()
        .args(["user", "enable", "s.super"])
        .run()
        .code(OK)
        .stdout_has("s.super: enabled")
        .stdout_has("needs a new password");
    // Disabling removed the account's key slot: it opens the store again only with a
    // password the administrator sets.
    supervisor_exports().code(DENIED);
    desk.admin()
        .args(["user", "passwd", "s.super", "--password-stdin"])
        .stdin(format!("{STAFF_PW}\n"))
        .run()
        .code(OK);
    supervisor_exports().code(OK);
    assert_eq!(
        desk.user("s.super").map(|u| u["active"].clone()),
        Some(Value::from(true))
    );

    // A disabled administrator is locked out too.
    desk.add_user("other.admin", "administrator");
    desk.admin()
        .args(["user", "disable", "other.admin"])
        .run()
        .code(OK);
    desk.as_user("other.admin", STAFF_PW)
        .args(["user", "list"])
        .run()
        .code(DENIED);

    // Unknown accounts.
    for action in ["disable", "enable"] {
        desk.admin()
            .args(["user", action, "nobody"])
            .run()
            .code(INVALID_INPUT)
            .stderr_has("account nobody not found");
    }
}

#[test]
fn an_admin_cannot_disable_or_enable_themself() {
    let desk = Desk::set_up();
    for action in ["disable", "enable"] {
        desk.admin()
            .args(["user", action, ADMIN])
            .run()
            .code(INVALID_INPUT)
            .stdout_empty()
            .stderr_has("you cannot change your own account's state");
    }
    assert_eq!(
        desk.user(ADMIN).map(|u| u["active"].clone()),
        Some(Value::from(true))
    );
    desk.admin().args(["user", "list"]).run().code(OK);
}

#[test]
fn user_passwd_changes_the_password() {
    let desk = Desk::set_up();
    desk.add_user("a.clerk", "clerk");
    desk.add_user("other.admin", "administrator");
    let new_pw = "Brandnew2027pw";
    desk.admin()
        .args(["user", "passwd", "other.admin", "--password-stdin"])
        .stdin(format!("{new_pw}\n"))
        .run()
        .code(OK)
        .stdout_has("other.admin: password changed");
    desk.as_user("other.admin", STAFF_PW)
        .args(["user", "list"])
        .run()
        .code(DENIED);
    desk.as_user("other.admin", new_pw)
        .args(["user", "list"])
        .run()
        .code(OK);

    // A weak new password is refused and the old one keeps working.
    desk.admin()
        .args(["user", "passwd", "a.clerk", "--password-stdin"])
        .stdin("weak\n")
        .run()
        .code(INVALID_INPUT)
        .stderr_has("too short");
    desk.as_user("a.clerk", STAFF_PW)
        .args(["user", "list"])
        .run()
        .code(DENIED)
        .stderr_has("not allowed");

    // An administrator may change their own password.
    desk.admin()
        .args(["user", "passwd", ADMIN, "--password-stdin"])
        .stdin(format!("{new_pw}\n"))
        .run()
        .code(OK);
    desk.admin().args(["user", "list"]).run().code(DENIED);
    desk.as_user(ADMIN, new_pw)
        .args(["user", "list"])
        .run()
        .code(OK);

    // Unknown account, and no password source.
    desk.as_user(ADMIN, new_pw)
        .args(["user", "passwd", "nobody", "--password-stdin"])
        .stdin(format!("{new_pw}\n"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("account nobody not found");
    desk.as_user(ADMIN, new_pw)
        .args(["user", "passwd", "a.clerk"])
        .stdin(format!("{new_pw}\n"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("no new password: use --password-stdin");
    desk.as_user("a.clerk", STAFF_PW)
        .args(["user", "list"])
        .run()
        .code(DENIED)
        .stderr_has("not allowed");
}

#[test]
fn user_messages_speak_kazakh_and_russian() {
    let desk = Desk::set_up();
    // (lang, created, disabled, duplicate)
    let table = [
        ("kk", "есептік жазба жасалды", "өшірілді", "бұрыннан бар"),
        (
            "ru",
            "учётная запись создана",
            "отключена",
            "уже существует",
        ),
    ];
    for (lang, created, disabled, duplicate) in table {
        let login = format!("clerk.{lang}");
        let add = || {
            desk.admin()
                .lang(lang)
                .args([
                    "user",
                    "add",
                    login.as_str(),
                    "--name",
                    "Test",
                    "--role",
                    "clerk",
                    "--password-stdin",
                ])
                .stdin(format!("{STAFF_PW}\n"))
                .run()
        };
        add().code(OK).stdout_has(created);
        add().code(INVALID_INPUT).stderr_has(duplicate);
        desk.admin()
            .lang(lang)
            .args(["user", "disable", login.as_str()])
            .run()
            .code(OK)
            .stdout_has(disabled);
    }
    assert_eq!(desk.users().len(), 3);
}
