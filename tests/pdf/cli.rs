//! The binary: print, register and verify against a real store, with the audit log.

use std::process::Command;

use crate::support::*;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_iin-desk"));
    c.env_remove("IIN_DESK_USER")
        .env_remove("IIN_DESK_PASSWORD")
        .env("IIN_DESK_LANG", "en");
    c
}

#[track_caller]
fn run(c: &mut Command, stdin: Option<&str>) -> (i32, String, String) {
    use std::io::Write;
    let mut child = c
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(input) = stdin {
        if let Some(mut s) = child.stdin.take() {
            s.write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let out = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A store with an administrator, a clerk and a supervisor, holding the formed, the
/// refused-to-accept and the refused request.
fn set_up(dir: &std::path::Path, data: &str, admin_pw: &str, clerk_pw: &str) {
    let (code, _, err) = run(
        bin().args([
            "--data-dir",
            data,
            "init",
            "--admin",
            "admin",
            "--password-stdin",
        ]),
        Some(&format!("{admin_pw}\n")),
    );
    assert_eq!(code, 0, "{err}");
    for (login, role) in [("a.clerk", "clerk"), ("boss", "supervisor")] {
        let (code, _, err) = run(
            bin()
                .args(["--data-dir", data, "--user", "admin"])
                .args([
                    "user",
                    "add",
                    login,
                    "--name",
                    "Жұмабаева Гүлнәр",
                    "--role",
                    role,
                ])
                .arg("--password-stdin")
                .env("IIN_DESK_PASSWORD", admin_pw),
            Some(&format!("{clerk_pw}\n")),
        );
        assert_eq!(code, 0, "{err}");
    }
    let forms = vec![formed_form(), refused_to_accept_form(), refused_form()];
    let file = dir.join("requests.json");
    std::fs::write(&file, serde_json::to_string(&forms).unwrap_or_default())
        .unwrap_or_else(|e| panic!("{e}"));
    let (code, _, err) = run(
        bin()
            .args(["--data-dir", data, "--user", "admin", "import"])
            .arg(&file)
            .env("IIN_DESK_PASSWORD", admin_pw),
        None,
    );
    assert_eq!(code, 0, "{err}");
}

/// Every print is in the audit log, with ids and codes only.
fn check_audit(data: &str, admin_pw: &str, genuine: &str) {
    let store = iin_desk::store::Store::unlock_in(
        std::path::Path::new(data),
        "admin",
        admin_pw,
        chrono::Local::now().naive_local(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .store;
    let entries = store
        .audit_entries(&iin_desk::store::AuditQuery::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "print.certificate",
        "print.receipt",
        "print.refusal",
        "print.application",
        "print.register",
        "verify.certificate",
    ] {
        assert!(actions.contains(&a), "{a} not in {actions:?}");
    }
    for e in &entries {
        assert!(
            !e.details.contains(genuine) && !e.details.contains("WOLF"),
            "{e:?}"
        );
    }
}

#[test]
fn print_register_and_verify() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let data = data.to_string_lossy().to_string();
    let admin_pw = "Admin-passphrase-1";
    let clerk_pw = "Clerk-passphrase-1";
    set_up(dir.path(), &data, admin_pw, clerk_pw);

    let clerk = |args: &[&str]| {
        let mut c = bin();
        c.args(["--data-dir", &data, "--user", "a.clerk"])
            .args(args)
            .env("IIN_DESK_PASSWORD", clerk_pw);
        c
    };
    let cert = dir.path().join("cert.pdf");
    let cert_s = cert.to_string_lossy().to_string();
    let id = "5a1c2e4f-0000-4000-8000-000000000001";
    let (code, out, err) = run(
        &mut clerk(&["print", id, "--doc", "certificate", "--out", &cert_s]),
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
    let bytes = std::fs::read(&cert).unwrap_or_else(|e| panic!("{e}"));
    has(&text_of(&bytes), LONG_SURNAME);
    has(&text_of(&bytes), "Жұмабаева Гүлнәр");

    let (code, out, err) = run(&mut clerk(&["verify", &cert_s]), None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("genuine"), "{out}");

    // An edited IIN is refused with exit 1 and a one-line reason.
    let genuine = issued_iin();
    let forged = forged_iin();
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replace(&mut doc, &genuine, &forged), 2);
    let edited = dir.path().join("edited.pdf");
    doc.save(&edited).unwrap_or_else(|e| panic!("{e}"));
    let (code, out, err) = run(&mut clerk(&["verify", &edited.to_string_lossy()]), None);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("NOT GENUINE") || err.contains("not genuine"),
        "{err}"
    );

    // Receipt, refusal, application; a wrong document is refused with a reason.
    for (id, doc) in [
        ("5a1c2e4f-0000-4000-8000-000000000004", "receipt"),
        ("5a1c2e4f-0000-4000-8000-000000000005", "refusal"),
        ("5a1c2e4f-0000-4000-8000-000000000001", "application"),
    ] {
        let out_file = dir.path().join(format!("{doc}.pdf"));
        let (code, out, err) = run(
            &mut clerk(&[
                "print",
                id,
                "--doc",
                doc,
                "--out",
                &out_file.to_string_lossy(),
            ]),
            None,
        );
        assert_eq!(code, 0, "{doc}: {out}{err}");
        assert!(out_file.exists());
    }
    let (code, _, err) = run(
        &mut clerk(&[
            "print",
            "5a1c2e4f-0000-4000-8000-000000000004",
            "--doc",
            "certificate",
            "--out",
            &dir.path().join("x.pdf").to_string_lossy(),
        ]),
        None,
    );
    assert_eq!(code, 3, "{err}");
    assert!(!dir.path().join("x.pdf").exists());

    // The register is the supervisor's.
    let reg = dir.path().join("register.pdf");
    let reg_s = reg.to_string_lossy().to_string();
    let (code, _, _) = run(
        &mut clerk(&["register", "--date", "2026-11-20", "--out", &reg_s]),
        None,
    );
    assert_eq!(code, 6);
    let (code, out, err) = run(
        bin()
            .args(["--data-dir", &data, "--user", "boss"])
            .args([
                "register",
                "--date",
                "2026-11-20",
                "--counter",
                "7",
                "--out",
                &reg_s,
            ])
            .env("IIN_DESK_PASSWORD", clerk_pw),
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
    let text = text_of(&std::fs::read(&reg).unwrap_or_default());
    has(&text, "Өтінімдер: 3");
    // Printed by a supervisor: the register names them in the supervisor's place.
    has(&text, "Супервайзер: Жұмабаева Гүлнәр");

    check_audit(&data, admin_pw, &genuine);
}

#[test]
fn a_reprinted_certificate_names_the_clerk_who_issued_it() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let data = data.to_string_lossy().to_string();
    let admin_pw = "Admin-passphrase-1";
    let clerk_pw = "Clerk-passphrase-1";
    set_up(dir.path(), &data, admin_pw, clerk_pw);
    let (code, _, err) = run(
        bin()
            .args(["--data-dir", &data, "--user", "admin"])
            .args(["user", "add", "b.clerk", "--name", "Серікова Айгүл"])
            .args(["--role", "clerk", "--password-stdin"])
            .env("IIN_DESK_PASSWORD", admin_pw),
        Some(&format!("{clerk_pw}\n")),
    );
    assert_eq!(code, 0, "{err}");
    let id = "5a1c2e4f-0000-4000-8000-000000000001";
    let print = |login: &str, name: &str| {
        let out = dir.path().join(name);
        let (code, stdout, err) = run(
            bin()
                .args(["--data-dir", &data, "--user", login])
                .args(["print", id, "--doc", "certificate", "--out"])
                .arg(&out)
                .env("IIN_DESK_PASSWORD", clerk_pw),
            None,
        );
        assert_eq!(code, 0, "{stdout}{err}");
        text_of(&std::fs::read(&out).unwrap_or_default())
    };
    let first = print("a.clerk", "first.pdf");
    has(&first, "Жұмабаева Гүлнәр");
    let reprint = print("b.clerk", "reprint.pdf");
    has(&reprint, "Жұмабаева Гүлнәр");
    assert!(!reprint.contains("Серікова"), "{reprint}");
    // The result carried no deciding operator here: a blank for the name.
    has(&reprint, "Шешім қабылдаған ІІМ операторы");

    // Both prints are in the audit log, each under who printed it.
    let store = iin_desk::store::Store::unlock_in(
        std::path::Path::new(&data),
        "admin",
        admin_pw,
        chrono::Local::now().naive_local(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
    .store;
    let actors: Vec<String> = store
        .audit_entries(&iin_desk::store::AuditQuery {
            request_id: Some(id.to_string()),
            limit: None,
        })
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter(|e| e.action == "print.certificate")
        .map(|e| e.actor)
        .collect();
    assert_eq!(actors, ["a.clerk", "b.clerk"]);
}
