//! Integration tests of the `iin-desk` command line: every test runs the real binary
//! in its own temporary data folder, with stdin piped (never a TTY) and the
//! `IIN_DESK_*` variables of the host removed, and checks the exit code together with
//! what was printed and what ended up in the store.
//!
//! Exit codes are the documented contract (README, `cli::exit`): 0 ok, 1 check failed,
//! 2 usage, 3 invalid input, 4 store, 5 file, 6 denied, 7 not set up.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_iin-desk");
/// No command may take longer; a hang (a prompt, a window) fails the test instead.
const RUN_TIMEOUT: Duration = Duration::from_secs(60);

const OK: u8 = 0;
const CHECK_FAILED: u8 = 1;
const USAGE: u8 = 2;
const INVALID_INPUT: u8 = 3;
const STORE: u8 = 4;
const FILE: u8 = 5;
const DENIED: u8 = 6;
const NOT_SET_UP: u8 = 7;

const ADMIN: &str = "admin";
const ADMIN_PW: &str = "Admin2026secret";
const STAFF_PW: &str = "Staff2026secret";

/// The ICAO 9303 TD3 specimen (Anna Maria Eriksson).
const MRZ_L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
const MRZ_L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
/// Line 2 with the document number's check digit changed from 6 to 5.
const MRZ_L2_BAD_DOC_DIGIT: &str = "L898902C35UTO7408122F1204159ZE184226B<<<<<10";

/// The ids of tests/fixtures/requests.json, by submission time (oldest first).
const FIXTURE_IDS_OLDEST_FIRST: [&str; 5] = [
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0005", // 2026-11-16T22:05
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0004", // 2026-11-18T15:40
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0003", // 2026-11-19T09:30
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001", // 2026-11-20T10:15
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0002", // 2026-11-20T11:00
];

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// One installation: a temporary folder holding the data folder, a fake home (so the
/// OS default data folder can never be the real one) and scratch files.
struct Desk {
    tmp: TempDir,
}

impl Desk {
    /// A fresh, not yet set up installation.
    #[track_caller]
    fn new() -> Desk {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        std::fs::create_dir(tmp.path().join("home")).unwrap_or_else(|e| panic!("home dir: {e}"));
        Desk { tmp }
    }

    /// A fresh installation with the administrator `admin` / [`ADMIN_PW`].
    #[track_caller]
    fn set_up() -> Desk {
        let desk = Desk::new();
        desk.call()
            .args(["init", "--password-stdin"])
            .stdin(format!("{ADMIN_PW}\n"))
            .run()
            .code(OK)
            .stdout_has("admin: administrator created");
        desk
    }

    fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    fn db_file(&self) -> PathBuf {
        self.data_dir().join("iin-desk.sqlite3")
    }

    /// A scratch path outside the data folder.
    fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    #[track_caller]
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
        p
    }

    /// A command on this installation, without a login.
    fn call(&self) -> Call {
        Call {
            data_dir: Some(self.data_dir()),
            home: self.tmp.path().join("home"),
            lang: "en",
            user: None,
            password: None,
            args: Vec::new(),
            envs: Vec::new(),
            stdin: Vec::new(),
        }
    }

    /// A command on this installation without `--data-dir` (for commands that must not
    /// need one); the fake home still isolates the OS default.
    fn call_without_data_dir(&self) -> Call {
        Call {
            data_dir: None,
            ..self.call()
        }
    }

    /// A command logged in as `login` with `password` (through IIN_DESK_PASSWORD).
    fn as_user(&self, login: &str, password: &str) -> Call {
        Call {
            user: Some(login.to_string()),
            password: Some(password.to_string()),
            ..self.call()
        }
    }

    fn admin(&self) -> Call {
        self.as_user(ADMIN, ADMIN_PW)
    }

    /// Adds an account with [`STAFF_PW`] as the administrator.
    #[track_caller]
    fn add_user(&self, login: &str, role: &str) {
        self.admin()
            .args([
                "user",
                "add",
                login,
                "--name",
                "Test User",
                "--role",
                role,
                "--password-stdin",
            ])
            .stdin(format!("{STAFF_PW}\n"))
            .run()
            .code(OK)
            .stdout_has(&format!("{login}: account created"));
    }

    /// Exports everything as the administrator and returns the parsed file.
    #[track_caller]
    fn export_all(&self) -> Vec<Value> {
        let out = self.path("export-check.json");
        self.admin()
            .arg("export")
            .arg("--out")
            .arg(&out)
            .run()
            .code(OK);
        read_json_array(&out)
    }

    /// The ids of every stored (non-draft) request, oldest first.
    #[track_caller]
    fn stored_ids(&self) -> Vec<String> {
        ids(&self.export_all())
    }

    /// The account list as JSON.
    #[track_caller]
    fn users(&self) -> Vec<Value> {
        let out = self.admin().args(["user", "list", "--json"]).run();
        out.code(OK);
        match out.json() {
            Value::Array(a) => a,
            other => panic!("user list --json is not an array: {other}"),
        }
    }

    #[track_caller]
    fn user(&self, login: &str) -> Option<Value> {
        self.users().into_iter().find(|u| u["login"] == login)
    }
}

/// A command line being built.
struct Call {
    data_dir: Option<PathBuf>,
    home: PathBuf,
    lang: &'static str,
    user: Option<String>,
    password: Option<String>,
    args: Vec<OsString>,
    envs: Vec<(String, String)>,
    stdin: Vec<u8>,
}

impl Call {
    fn lang(mut self, lang: &'static str) -> Call {
        self.lang = lang;
        self
    }

    fn arg(mut self, arg: impl Into<OsString>) -> Call {
        self.args.push(arg.into());
        self
    }

    fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Call {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    fn env(mut self, key: &str, value: &str) -> Call {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Call {
        self.stdin = bytes.into();
        self
    }

    #[track_caller]
    fn run(self) -> Out {
        let mut cmd = Command::new(BIN);
        // Nothing from the host may leak in: no settings, and no display to open a window on.
        for var in [
            "IIN_DESK_DATA_DIR",
            "IIN_DESK_LANG",
            "IIN_DESK_USER",
            "IIN_DESK_PASSWORD",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ] {
            cmd.env_remove(var);
        }
        // The host's machine-wide configuration stays out: a file that does not exist.
        cmd.env(
            "IIN_DESK_MACHINE_CONFIG",
            Path::new(&self.home).join("no-machine-config.toml"),
        );
        cmd.env("HOME", &self.home)
            .env("XDG_DATA_HOME", &self.home)
            .env("APPDATA", &self.home)
            .env("LOCALAPPDATA", &self.home);
        if let Some(dir) = &self.data_dir {
            cmd.arg("--data-dir").arg(dir);
        }
        cmd.arg("--lang").arg(self.lang);
        if let Some(user) = &self.user {
            cmd.arg("--user").arg(user);
        }
        if let Some(pw) = &self.password {
            cmd.env("IIN_DESK_PASSWORD", pw);
        }
        for (k, v) in &self.envs {
            cmd.env(k, v);
        }
        cmd.args(&self.args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let shown = format!("iin-desk {:?}", self.args);
        let mut child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {BIN}: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            // The program may exit without reading stdin; a broken pipe is fine then.
            let _ = stdin.write_all(&self.stdin);
        }
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                String::from_utf8_lossy(&bytes).into_owned()
            })
        };
        let stdout = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let stderr = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let deadline = Instant::now() + RUN_TIMEOUT;
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break status,
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                Ok(None) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    panic!("{shown} did not finish within {RUN_TIMEOUT:?} (waiting for a terminal or a window?)");
                }
                Err(e) => panic!("{shown}: {e}"),
            }
        };
        let join = |h: std::thread::JoinHandle<String>| {
            h.join()
                .unwrap_or_else(|_| panic!("{shown}: reader thread"))
        };
        let (stdout, stderr) = (join(stdout), join(stderr));
        let code = status
            .code()
            .unwrap_or_else(|| panic!("{shown} was killed by a signal"));
        Out {
            shown,
            code,
            stdout,
            stderr,
        }
    }
}

/// A finished run.
struct Out {
    shown: String,
    code: i32,
    stdout: String,
    stderr: String,
}

impl std::fmt::Display for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} exited {}\n--- stdout\n{}--- stderr\n{}---",
            self.shown, self.code, self.stdout, self.stderr
        )
    }
}

impl Out {
    #[track_caller]
    fn code(&self, expected: u8) -> &Out {
        assert_eq!(
            self.code,
            i32::from(expected),
            "unexpected exit code\n{self}"
        );
        self
    }

    #[track_caller]
    fn stdout_has(&self, needle: &str) -> &Out {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    fn stdout_lacks(&self, needle: &str) -> &Out {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    fn stderr_has(&self, needle: &str) -> &Out {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    fn stdout_empty(&self) -> &Out {
        assert!(self.stdout.is_empty(), "stdout not empty\n{self}");
        self
    }

    #[track_caller]
    fn stderr_empty(&self) -> &Out {
        assert!(self.stderr.is_empty(), "stderr not empty\n{self}");
        self
    }

    fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    #[track_caller]
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

#[track_caller]
fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

#[track_caller]
fn read_json_array(path: &Path) -> Vec<Value> {
    match read_json(path) {
        Value::Array(a) => a,
        other => panic!("{} is not a JSON array: {other}", path.display()),
    }
}

fn ids(forms: &[Value]) -> Vec<String> {
    forms
        .iter()
        .map(|f| f["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn fixture_ids() -> Vec<String> {
    FIXTURE_IDS_OLDEST_FIRST
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// Letters of the Kazakh alphabet that Russian does not have.
fn has_kazakh_letters(s: &str) -> bool {
    s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// The IIN check digit, computed independently of the program: weights 1..11, and
/// 3..11,1,2 when the first sum gives 10; `None` when both give 10.
fn iin_check_digit(head: &str) -> Option<u32> {
    let digits: Vec<u32> = head.chars().filter_map(|c| c.to_digit(10)).collect();
    assert_eq!(digits.len(), 11, "{head}");
    let w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    let w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let rem = |w: &[u32; 11]| digits.iter().zip(w).map(|(d, w)| d * w).sum::<u32>() % 11;
    match rem(&w1) {
        10 => match rem(&w2) {
            10 => None,
            r => Some(r),
        },
        r => Some(r),
    }
}

/// An eleven-digit head (a plausible birth date and serial) for which no check digit
/// exists.
#[track_caller]
fn never_issued_head() -> String {
    (0..10_000)
        .map(|serial| format!("7408124{serial:04}"))
        .find(|head| iin_check_digit(head).is_none())
        .unwrap_or_else(|| panic!("no head with remainder 10 twice among 7408124xxxx"))
}

// ---------------------------------------------------------------------------
// General
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// check-iin
// ---------------------------------------------------------------------------

#[test]
fn check_iin_accepts_valid_numbers() {
    let desk = Desk::new();
    // (input, line printed)
    let table = [
        (
            "740812400014",
            "740812400014: valid (hint: 12.08.1974, female)",
        ),
        (
            "850315300029",
            "850315300029: valid (hint: 15.03.1985, male)",
        ),
        // Clerks copy numbers in groups; spaces are ignored.
        (
            "740812 400 014",
            "740812400014: valid (hint: 12.08.1974, female)",
        ),
    ];
    for (input, line) in table {
        let out = desk.call().args(["check-iin", input]).run();
        out.code(OK).stderr_empty();
        assert_eq!(out.stdout_lines(), [line], "{out}");
    }
    // The test's own check-digit computation agrees with the program's.
    assert_eq!(iin_check_digit("74081240001"), Some(4));
    assert_eq!(iin_check_digit("85031530002"), Some(9));
    assert!(
        !desk.data_dir().exists(),
        "check-iin must not create the data folder"
    );
}

#[test]
fn check_iin_rejects_invalid_numbers_with_the_reason() {
    let never = never_issued_head();
    let never_issued = format!("{never}0");
    let desk = Desk::new();
    // (input, reason)
    let table: Vec<(&str, String)> = vec![
        (
            "740812400015",
            "the IIN's check digit is 5, but the first 11 digits give 4".into(),
        ),
        (
            "850315300020",
            "the IIN's check digit is 0, but the first 11 digits give 9".into(),
        ),
        (
            "74081240001",
            "the IIN has 11 characters; 12 digits are expected".into(),
        ),
        (
            "7408124000140",
            "the IIN has 13 characters; 12 digits are expected".into(),
        ),
        (
            "74081240001A",
            "character 12 of the IIN is not a digit".into(),
        ),
        (
            "7408I2400014",
            "character 5 of the IIN is not a digit".into(),
        ),
        (
            "７４０８１２４０００１４",
            "character 1 of the IIN is not a digit".into(),
        ),
        ("", "the IIN is empty".into()),
        (never_issued.as_str(), "such an IIN is never issued".into()),
    ];
    for (input, reason) in &table {
        let input: &str = input;
        let out = desk.call().args(["check-iin", input]).run();
        out.code(CHECK_FAILED).stderr_empty();
        let lines = out.stdout_lines();
        assert_eq!(lines.len(), 1, "{out}");
        assert!(
            lines[0].starts_with(&format!("{input}: invalid — ")),
            "{out}"
        );
        assert!(
            lines[0].contains(reason.as_str()),
            "expected {reason:?}\n{out}"
        );
    }
}

#[test]
fn check_iin_every_wrong_check_digit_is_caught() {
    let desk = Desk::new();
    let wrong: Vec<String> = (0..=9)
        .filter(|d| *d != 4)
        .map(|d| format!("74081240001{d}"))
        .collect();
    let out = desk.call().arg("check-iin").args(&wrong).run();
    out.code(CHECK_FAILED);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), wrong.len(), "{out}");
    for (line, iin) in lines.iter().zip(&wrong) {
        let found = &iin[11..];
        assert!(line.starts_with(&format!("{iin}: invalid")), "{out}");
        assert!(
            line.contains(&format!(
                "check digit is {found}, but the first 11 digits give 4"
            )),
            "{out}"
        );
    }
}

#[test]
fn check_iin_head_with_remainder_10_twice_is_never_valid() {
    let head = never_issued_head();
    let desk = Desk::new();
    let all: Vec<String> = (0..=9).map(|d| format!("{head}{d}")).collect();
    let out = desk.call().args(["check-iin", "--json"]).args(&all).run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let items = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(items.len(), 10, "{out}");
    for item in items {
        assert_eq!(item["valid"], false, "{out}");
        assert!(
            item["error"]
                .as_str()
                .unwrap_or_default()
                .contains("never issued"),
            "{out}"
        );
    }
}

#[test]
fn check_iin_mixed_list_exits_1_and_reports_each() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args([
            "check-iin",
            "740812400014",
            "740812400015",
            "850315300029",
            "12345",
        ])
        .run();
    out.code(CHECK_FAILED);
    let lines = out.stdout_lines();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(lines[0].starts_with("740812400014: valid"), "{out}");
    assert!(lines[1].starts_with("740812400015: invalid"), "{out}");
    assert!(lines[2].starts_with("850315300029: valid"), "{out}");
    assert!(lines[3].starts_with("12345: invalid"), "{out}");
}

#[test]
fn check_iin_json_has_input_and_valid_fields() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args(["check-iin", "--json", "740812400014", "850315300029"])
        .run();
    out.code(OK);
    let v = out.json();
    assert_eq!(v[0]["input"], "740812400014");
    assert_eq!(v[0]["valid"], true);
    assert_eq!(v[0]["birth_date_hint"], "1974-08-12");
    assert_eq!(v[0]["sex_hint"], "F");
    assert_eq!(v[1]["input"], "850315300029");
    assert_eq!(v[1]["valid"], true);
    assert_eq!(v[1]["sex_hint"], "M");

    let out = desk
        .call()
        .args(["check-iin", "--json", "740812400014", "74081240001X"])
        .run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let items = v
        .as_array()
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["valid"], true);
    assert_eq!(items[1]["input"], "74081240001X");
    assert_eq!(items[1]["valid"], false);
    assert!(
        items[1]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("character 12"),
        "{out}"
    );
}

#[test]
fn check_iin_speaks_kazakh_and_russian() {
    let desk = Desk::new();
    // (lang, valid word, invalid word, check-digit reason)
    let table = [
        (
            "kk",
            "740812400014: дұрыс",
            "740812400015: қате",
            "бақылау цифры 5",
        ),
        (
            "ru",
            "740812400014: верный",
            "740812400015: неверный",
            "контрольная цифра ИИН 5",
        ),
    ];
    for (lang, valid, invalid, reason) in table {
        let out = desk
            .call()
            .lang(lang)
            .args(["check-iin", "740812400014", "740812400015"])
            .run();
        out.code(CHECK_FAILED)
            .stdout_has(valid)
            .stdout_has(invalid)
            .stdout_has(reason);
        assert!(has_cyrillic(&out.stdout), "{out}");
        assert_eq!(has_kazakh_letters(&out.stdout), lang == "kk", "{out}");
    }
}

// ---------------------------------------------------------------------------
// mrz
// ---------------------------------------------------------------------------

#[test]
fn mrz_reads_the_icao_specimen_as_a_reader_types_it() {
    let desk = Desk::new();
    let table = [
        ("LF", format!("{MRZ_L1}\n{MRZ_L2}\n")),
        ("CRLF", format!("{MRZ_L1}\r\n{MRZ_L2}\r\n")),
        (
            "CRLF lowercase",
            format!("{MRZ_L1}\r\n{MRZ_L2}\r\n").to_lowercase(),
        ),
        (
            "CR only, blank lines",
            format!("\r\n\r\n{MRZ_L1}\r{MRZ_L2}\r\n\r\n"),
        ),
        ("one unbroken run", format!("{MRZ_L1}{MRZ_L2}")),
    ];
    for (what, input) in table {
        let out = desk.call().arg("mrz").stdin(input).run();
        out.code(OK).stderr_empty();
        for line in [
            "Format: TD3",
            "Document code: P",
            "Issuing country: UTO",
            "Document number: L898902C3",
            "Surname: ERIKSSON",
            "Given names: ANNA MARIA",
            "Nationality: UTO",
            "Date of birth: 12.08.1974",
            "Sex: female",
            "Date of expiry: 15.04.2012",
            "Check digit Document number: ok",
            "Check digit Date of birth: ok",
            "Check digit Date of expiry: ok",
            "Check digit Personal number: ok",
            "Check digit Composite check digit: ok",
        ] {
            assert!(
                out.stdout_lines().contains(&line),
                "{what}: no line {line:?}\n{out}"
            );
        }
        out.stdout_lacks("FAILED");
    }
    assert!(
        !desk.data_dir().exists(),
        "mrz must not create the data folder"
    );
}

#[test]
fn mrz_broken_check_digit_exits_1_and_shows_the_verdict() {
    let desk = Desk::new();
    let out = desk
        .call()
        .arg("mrz")
        .stdin(format!("{MRZ_L1}\r\n{MRZ_L2_BAD_DOC_DIGIT}\r\n"))
        .run();
    out.code(CHECK_FAILED).stderr_empty();
    let lines = out.stdout_lines();
    assert!(
        lines.contains(&"Surname: ERIKSSON"),
        "fields are still shown\n{out}"
    );
    assert!(
        lines.contains(&"Check digit Document number: FAILED"),
        "{out}"
    );
    assert!(lines.contains(&"Check digit Date of birth: ok"), "{out}");
    assert!(lines.contains(&"Check digit Date of expiry: ok"), "{out}");
}

#[test]
fn mrz_json_parses() {
    let desk = Desk::new();
    let out = desk
        .call()
        .args(["mrz", "--json"])
        .stdin(format!("{MRZ_L1}\r\n{MRZ_L2}\r\n"))
        .run();
    out.code(OK);
    let v = out.json();
    assert_eq!(v["format"], "Td3");
    assert_eq!(v["document_number"], "L898902C3");
    assert_eq!(v["surname"], "ERIKSSON");
    assert_eq!(v["given_names"], "ANNA MARIA");
    assert_eq!(v["birth_date"], "1974-08-12");
    assert_eq!(v["expiry_date"], "2012-04-15");
    assert_eq!(v["optional_data"], "ZE184226B");
    let checks = v["checks"]
        .as_array()
        .unwrap_or_else(|| panic!("no checks\n{out}"));
    assert_eq!(checks.len(), 5, "{out}");
    assert!(checks.iter().all(|c| c["ok"] == true), "{out}");
    assert_eq!(v["lines"], serde_json::json!([MRZ_L1, MRZ_L2]));

    let out = desk
        .call()
        .args(["mrz", "--json"])
        .stdin(format!("{MRZ_L1}\n{MRZ_L2_BAD_DOC_DIGIT}\n"))
        .run();
    out.code(CHECK_FAILED);
    let v = out.json();
    let failed: Vec<&Value> = v["checks"]
        .as_array()
        .map(|c| {
            c.iter()
                .filter(|c| c["ok"] == false)
                .map(|c| &c["field"])
                .collect()
        })
        .unwrap_or_default();
    assert!(failed.contains(&&Value::from("DocumentNumber")), "{out}");
}

#[test]
fn mrz_garbage_exits_3_with_one_line() {
    let desk = Desk::new();
    let short_l2 = &MRZ_L2[..43];
    let bad_char = format!("{}!", &MRZ_L2[..43]);
    // (what, stdin, part of the message)
    let table = [
        ("words", "hello world\n".to_string(), "not an MRZ"),
        ("nothing", String::new(), "empty"),
        ("blank lines", "\r\n\r\n".to_string(), "empty"),
        ("line 1 only", format!("{MRZ_L1}\n"), "incomplete"),
        (
            "short line 2",
            format!("{MRZ_L1}\n{short_l2}\n"),
            "line 2 has 43 characters",
        ),
        (
            "three lines",
            format!("{MRZ_L1}\n{MRZ_L2}\n{MRZ_L2}\n"),
            "extra lines",
        ),
        (
            "bad character",
            format!("{MRZ_L1}\n{bad_char}\n"),
            "the character '!' is not allowed",
        ),
    ];
    for (what, input, message) in table {
        let out = desk.call().arg("mrz").stdin(input).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(message);
        let lines = out.stderr_lines();
        assert_eq!(lines.len(), 1, "{what}\n{out}");
        assert!(lines[0].starts_with("iin-desk: MRZ: "), "{what}\n{out}");
    }
}

#[test]
fn mrz_non_utf8_garbage_exits_3() {
    let desk = Desk::new();
    // A reader sending `«` in a legacy 8-bit code page (0xAB in Latin-1/CP1251).
    let mut input = b"P\xabUTOERIKSSON\xabANNA".to_vec();
    input.extend_from_slice(b"\r\n");
    let out = desk.call().lang("ru").arg("mrz").stdin(input).run();
    out.code(INVALID_INPUT).stdout_empty();
    assert_eq!(out.stderr_lines().len(), 1, "{out}");
    assert!(
        has_cyrillic(&out.stderr),
        "the message is in the clerk's language\n{out}"
    );
}

#[test]
fn mrz_speaks_kazakh_and_russian() {
    let desk = Desk::new();
    // (lang, surname line, failed verdict, error for garbage)
    let table = [
        (
            "kk",
            "Тегі: ERIKSSON",
            "Бақылау цифры Құжат нөмірі: ҚАТЕ",
            "MRZ-ге ұқсамайды",
        ),
        (
            "ru",
            "Фамилия: ERIKSSON",
            "Контрольная цифра Номер документа: ОШИБКА",
            "не похож на MRZ",
        ),
    ];
    for (lang, surname, failed, garbage) in table {
        desk.call()
            .lang(lang)
            .arg("mrz")
            .stdin(format!("{MRZ_L1}\r\n{MRZ_L2_BAD_DOC_DIGIT}\r\n"))
            .run()
            .code(CHECK_FAILED)
            .stdout_has(surname)
            .stdout_has(failed);
        let out = desk.call().lang(lang).arg("mrz").stdin("hello\n").run();
        out.code(INVALID_INPUT).stderr_has(garbage);
        assert_eq!(has_kazakh_letters(&out.stderr), lang == "kk", "{out}");
    }
}

// ---------------------------------------------------------------------------
// init
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Authentication and roles
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// import
// ---------------------------------------------------------------------------

#[test]
fn import_the_fixture_stores_5_requests() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stderr_empty()
        .stdout_has("5 request(s) stored");
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn a_supervisor_may_import() {
    let desk = Desk::set_up();
    desk.add_user("a.supervisor", "supervisor");
    desk.as_user("a.supervisor", STAFF_PW)
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stdout_has("5 request(s) stored");
    assert_eq!(desk.stored_ids().len(), 5);
}

#[test]
fn importing_again_reports_duplicates_and_stores_nothing_new() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out = desk
        .admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run();
    out.code(INVALID_INPUT).stdout_empty();
    let lines = out.stderr_lines();
    assert_eq!(lines.len(), 6, "{out}");
    let in_file_order = [1, 2, 3, 4, 5].map(|n| format!("0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a000{n}"));
    for (i, id) in in_file_order.iter().enumerate() {
        assert_eq!(
            lines[i],
            format!("iin-desk: [{i}] id: request {id} already exists"),
            "{out}"
        );
    }
    assert!(
        lines[5].ends_with("5 error(s); nothing was stored"),
        "{out}"
    );
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn one_duplicate_makes_the_whole_file_fail() {
    let desk = Desk::set_up();
    let fixture_forms = read_json_array(&fixture("requests.json"));
    let first = fixture_forms.first().cloned().unwrap_or_default();
    let mut fresh = first.clone();
    fresh["id"] = Value::from("5e1f0a00-0000-4000-8000-0000000000aa");
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);

    // Already in the store.
    let file = desk.write(
        "overlap.json",
        Value::Array(vec![fresh.clone(), first.clone()]).to_string(),
    );
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stderr_has("[1] id: request 0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001 already exists")
        .stderr_has("1 error(s); nothing was stored");
    // Twice in the same file.
    let file = desk.write(
        "twice.json",
        Value::Array(vec![fresh.clone(), fresh]).to_string(),
    );
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stderr_has("[1] id: request 5e1f0a00-0000-4000-8000-0000000000aa already exists");
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn an_invalid_file_reports_every_error_and_stores_none() {
    let desk = Desk::set_up();
    let file = fixture("requests_invalid.json");
    let out = desk.admin().arg("import").arg(&file).run();
    out.code(INVALID_INPUT).stdout_empty();
    // (index, JSON path, reason); [0] and [6] are valid.
    let expected = [
        (1, "applicant.birth_date", "is not a date"),
        (2, "applicant.citizenship", "unknown country"),
        (
            3,
            "correction.changes",
            "at least one parameter must change",
        ),
        (
            4,
            "documents",
            "the document package is incomplete or expired; it cannot be accepted",
        ),
        (
            5,
            "documents",
            "a refusal to accept needs a missing or expired document",
        ),
    ];
    let lines = out.stderr_lines();
    assert_eq!(
        lines.len(),
        expected.len() + 1,
        "one line per error and a summary\n{out}"
    );
    for ((index, path, reason), line) in expected.iter().zip(&lines) {
        let head = format!("iin-desk: [{index}] {path}: ");
        assert!(line.starts_with(&head), "expected {head:?}\n{out}");
        assert!(line.contains(reason), "expected {reason:?}\n{out}");
    }
    assert_eq!(
        lines[5],
        format!(
            "iin-desk: {}: 5 error(s); nothing was stored",
            file.display()
        )
    );

    // None were stored, not even the valid [0] and [6].
    let export = desk.path("after.json");
    desk.admin()
        .arg("export")
        .arg("--out")
        .arg(&export)
        .run()
        .code(OK)
        .stdout_has("0 request(s) written");
    assert_eq!(read_json(&export), serde_json::json!([]));

    // The store is still usable: the good file goes in afterwards.
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    assert_eq!(desk.stored_ids(), fixture_ids());
}

#[test]
fn import_errors_speak_kazakh_and_russian() {
    let desk = Desk::set_up();
    let table = [
        (
            "kk",
            "[1] applicant.birth_date: «Туған күні»: мұндай күн жоқ",
            "5 қате; ештеңе сақталмады",
        ),
        (
            "ru",
            "[1] applicant.birth_date: «Дата рождения»: такой даты нет",
            "ошибок: 5; ничего не сохранено",
        ),
    ];
    for (lang, first, summary) in table {
        let out = desk
            .admin()
            .lang(lang)
            .arg("import")
            .arg(fixture("requests_invalid.json"))
            .run();
        out.code(INVALID_INPUT)
            .stderr_has(first)
            .stderr_has(summary);
        assert_eq!(has_kazakh_letters(&out.stderr), lang == "kk", "{out}");
    }
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn refusal_with_a_complete_package_is_reported_in_the_users_language() {
    let desk = Desk::set_up();
    for lang in ["kk", "ru"] {
        let out = desk
            .admin()
            .lang(lang)
            .arg("import")
            .arg(fixture("requests_invalid.json"))
            .run();
        out.code(INVALID_INPUT);
        let line = out
            .stderr_lines()
            .into_iter()
            .find(|l| l.starts_with("iin-desk: [5] documents: "))
            .unwrap_or_else(|| panic!("no line for [5]\n{out}"))
            .to_string();
        assert!(
            !line.contains("missing or expired"),
            "{lang}: English text in {line:?}"
        );
    }
}

#[test]
fn malformed_json_exits_3_with_line_and_column() {
    let desk = Desk::set_up();
    // (file text, line, column)
    let table = [
        ("[\n  {\"id\": \"x\",,}\n]\n", 2, 14),
        ("[\n  {\"kind\": \"formation\"}\n", 3, 0),
        ("{\"not\": \"an array\"}", 1, 0),
        ("[{\"documents\": {\"identity_document\": \"yes\"}}]", 1, 42),
        ("", 1, 0),
    ];
    for (i, (text, line, column)) in table.into_iter().enumerate() {
        let file = desk.write(&format!("bad-{i}.json"), text);
        let out = desk.admin().arg("import").arg(&file).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(&format!(
            "{}: line {line}, column {column}: a JSON array of requests is expected",
            file.display()
        ));
        assert_eq!(out.stderr_lines().len(), 1, "{out}");
    }
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn import_of_a_missing_file_exits_5() {
    let desk = Desk::set_up();
    let missing = desk.path("no-such-file.json");
    desk.admin()
        .arg("import")
        .arg(&missing)
        .run()
        .code(FILE)
        .stdout_empty()
        .stderr_has(&format!("{}: cannot read the file", missing.display()));
    assert!(desk.stored_ids().is_empty());
}

#[test]
fn import_dry_run_validates_and_stores_nothing() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stdout_has("5 request(s) valid (--dry-run: nothing stored)");
    assert!(desk.stored_ids().is_empty());
    // A dry run of a bad file fails like the real thing.
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests_invalid.json"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("5 error(s); nothing was stored");
    // And it sees duplicates.
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    desk.admin()
        .args(["import", "--dry-run"])
        .arg(fixture("requests.json"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("already exists");
    assert_eq!(desk.stored_ids().len(), 5);
}

#[test]
fn import_of_an_empty_array_stores_nothing() {
    let desk = Desk::set_up();
    let file = desk.write("empty.json", "[]");
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(OK)
        .stdout_has("0 request(s) stored");
    assert!(desk.stored_ids().is_empty());
}

// ---------------------------------------------------------------------------
// export
// ---------------------------------------------------------------------------

#[test]
fn export_round_trip_is_stable() {
    let a_store = Desk::set_up();
    let b_store = Desk::set_up();
    a_store
        .admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let a = a_store.path("a.json");
    a_store
        .admin()
        .arg("export")
        .arg("--out")
        .arg(&a)
        .run()
        .code(OK)
        .stdout_has(&format!("5 request(s) written to {}", a.display()));
    b_store
        .admin()
        .arg("import")
        .arg(&a)
        .run()
        .code(OK)
        .stdout_has("5 request(s) stored");
    let b = b_store.path("b.json");
    b_store
        .admin()
        .arg("export")
        .arg("--out")
        .arg(&b)
        .run()
        .code(OK);
    let (a_json, b_json) = (read_json(&a), read_json(&b));
    assert_eq!(a_json, b_json);
    assert_eq!(
        ids(a_json.as_array().map(Vec::as_slice).unwrap_or_default()),
        fixture_ids()
    );
    // The export is normalized: the German "D" is written as its ISO code.
    let erika = &a_json[0];
    assert_eq!(erika["applicant"]["citizenship"], "DEU");
    assert_eq!(erika["result"]["iin"], "850315300029");
}

#[test]
fn export_filters_by_submission_date() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let id = |n: usize| FIXTURE_IDS_OLDEST_FIRST[n].to_string();
    // (--from, --to, ids oldest first)
    let table: [(Option<&str>, Option<&str>, Vec<String>); 8] = [
        (None, None, fixture_ids()),
        (Some("2026-11-19"), Some("2026-11-19"), vec![id(2)]),
        (Some("2026-11-20"), None, vec![id(3), id(4)]),
        (None, Some("2026-11-18"), vec![id(0), id(1)]),
        (Some("2026-11-17"), Some("2026-11-19"), vec![id(1), id(2)]),
        (Some("2026-11-16"), Some("2026-11-16"), vec![id(0)]),
        (Some("2026-11-21"), None, vec![]),
        (Some("2026-11-20"), Some("2026-11-19"), vec![]),
    ];
    for (i, (from, to, expected)) in table.into_iter().enumerate() {
        let out_file = desk.path(&format!("range-{i}.json"));
        let mut call = desk.admin().arg("export").arg("--out").arg(&out_file);
        if let Some(from) = from {
            call = call.args(["--from", from]);
        }
        if let Some(to) = to {
            call = call.args(["--to", to]);
        }
        call.run()
            .code(OK)
            .stdout_has(&format!("{} request(s) written", expected.len()));
        assert_eq!(
            ids(&read_json_array(&out_file)),
            expected,
            "--from {from:?} --to {to:?}"
        );
    }
}

#[test]
fn export_with_a_bad_date_exits_3_and_writes_nothing() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out_file = desk.path("bad-range.json");
    // (option, value)
    let table = [
        ("--from", "2026-13-01"),
        ("--from", "2026-02-30"),
        ("--from", "yesterday"),
        ("--from", ""),
        ("--to", "2026/11/20"),
        ("--to", "20261120"),
    ];
    for (option, value) in table {
        desk.admin()
            .arg("export")
            .arg("--out")
            .arg(&out_file)
            .args([option, value])
            .run()
            .code(INVALID_INPUT)
            .stdout_empty()
            .stderr_has(&format!(
                "{option}: {value:?} is not a date; YYYY-MM-DD is expected"
            ));
        assert!(!out_file.exists(), "{option} {value:?} wrote the file");
    }
}

#[test]
fn export_warns_about_personal_data_and_protects_the_file() {
    let desk = Desk::set_up();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let out_file = desk.path("export.json");
    // An older file in the way, readable by everyone: it is replaced.
    std::fs::write(&out_file, "old").unwrap_or_else(|e| panic!("{e}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out_file, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    desk.admin()
        .arg("export")
        .arg("--out")
        .arg(&out_file)
        .run()
        .code(OK)
        .stdout_has("The file holds personal data: keep it somewhere protected.");
    assert_eq!(read_json_array(&out_file).len(), 5);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file)
            .map(|m| m.permissions().mode())
            .unwrap_or_default();
        assert_eq!(mode & 0o777, 0o600, "mode {mode:o}");
    }
    // No temporary file is left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(desk.tmp.path())
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.file_name())
                .filter(|n| n.to_string_lossy().contains(".tmp-"))
                .collect()
        })
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    for (lang, text) in [("kk", "дербес деректер"), ("ru", "персональные данные")]
    {
        desk.admin()
            .lang(lang)
            .arg("export")
            .arg("--out")
            .arg(&out_file)
            .run()
            .code(OK)
            .stdout_has(text);
    }
}

#[test]
fn export_to_an_unwritable_place_exits_5() {
    let desk = Desk::set_up();
    let a_dir = desk.path("a-dir");
    std::fs::create_dir(&a_dir).unwrap_or_else(|e| panic!("{e}"));
    let table = [desk.path("no-such-dir").join("out.json"), a_dir.clone()];
    for target in table {
        desk.admin()
            .arg("export")
            .arg("--out")
            .arg(&target)
            .run()
            .code(FILE)
            .stdout_empty()
            .stderr_has("cannot write the file");
    }
    assert!(!desk.path("no-such-dir").exists());
    assert!(a_dir.is_dir(), "the directory in the way is left alone");
}

// ---------------------------------------------------------------------------
// calendar
// ---------------------------------------------------------------------------

/// The lines of `calendar show 2024` that mention `date` (DD.MM.YYYY).
fn lines_for<'a>(out: &'a Out, date: &str) -> Vec<&'a str> {
    out.stdout_lines()
        .into_iter()
        .filter(|l| l.starts_with(date))
        .collect()
}

#[test]
fn calendar_import_and_show() {
    let desk = Desk::set_up();
    // Before the import only the computed calendar applies.
    let before = desk.admin().args(["calendar", "show", "2024"]).run();
    before
        .code(OK)
        .stdout_has("01.01.2024 Mon New Year")
        .stdout_has("09.05.2024 Thu Victory Day");
    assert!(lines_for(&before, "08.05.2024").is_empty(), "{before}");
    assert!(lines_for(&before, "16.06.2024").is_empty(), "{before}");

    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK)
        .stdout_has("3 exception(s) loaded for 2024");
    let out = desk.admin().args(["calendar", "show", "2024"]).run();
    out.code(OK).stderr_empty();
    assert_eq!(
        lines_for(&out, "08.05.2024"),
        ["08.05.2024 Wed day off (exception) moved to Saturday 4 May"],
        "{out}"
    );
    assert_eq!(
        lines_for(&out, "16.06.2024"),
        ["16.06.2024 Sun day off (exception) Kurban Ait"],
        "{out}"
    );
    // Saturday 4 May 2024 is a working day: not a day off. README: "lists the year's
    // non-working days and exceptions", so it shows as a working-day exception.
    assert_eq!(
        lines_for(&out, "04.05.2024"),
        ["04.05.2024 Sat working day (exception) moved from Wednesday 8 May"],
        "{out}"
    );
    // The fixed holidays are still there.
    out.stdout_has("07.05.2024 Tue Defender of the Fatherland Day")
        .stdout_has("16.12.2024 Mon Independence Day");
    // Another year is not affected.
    let other = desk.admin().args(["calendar", "show", "2025"]).run();
    other.code(OK);
    assert!(lines_for(&other, "08.05.2025").is_empty(), "{other}");
}

#[test]
fn calendar_import_replaces_the_years_exceptions() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK);
    let file = desk.write(
        "kurban-only.json",
        r#"{"year": 2024, "days": [{"date": "2024-06-17", "kind": "holiday", "note": "Kurban Ait, day 2"}]}"#,
    );
    desk.admin()
        .args(["calendar", "import"])
        .arg(&file)
        .run()
        .code(OK)
        .stdout_has("1 exception(s) loaded for 2024");
    let out = desk.admin().args(["calendar", "show", "2024"]).run();
    out.code(OK);
    assert!(lines_for(&out, "08.05.2024").is_empty(), "{out}");
    assert!(lines_for(&out, "16.06.2024").is_empty(), "{out}");
    assert_eq!(
        lines_for(&out, "17.06.2024"),
        ["17.06.2024 Mon day off (exception) Kurban Ait, day 2"],
        "{out}"
    );
}

#[test]
fn calendar_file_with_a_date_outside_its_year_exits_3() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["calendar", "import"])
        .arg(fixture("calendar_2024.json"))
        .run()
        .code(OK);
    let file = fixture("calendar_2024_outside_year.json");
    let out = desk.admin().args(["calendar", "import"]).arg(&file).run();
    out.code(INVALID_INPUT).stdout_empty().stderr_has(&format!(
        "{}: entry 2 in \"days\" has the date 2025-05-08, which is not in the year 2024",
        file.display()
    ));
    assert_eq!(out.stderr_lines().len(), 1, "{out}");
    // The calendar imported before is untouched.
    let show = desk.admin().args(["calendar", "show", "2024"]).run();
    show.code(OK)
        .stdout_has("08.05.2024 Wed day off (exception)")
        .stdout_has("16.06.2024 Sun day off (exception) Kurban Ait");

    let out = desk
        .admin()
        .lang("ru")
        .args(["calendar", "import"])
        .arg(&file)
        .run();
    out.code(INVALID_INPUT)
        .stderr_has("в записи № 2 списка «days» дата 2025-05-08 не относится к 2024 году");
}

#[test]
fn calendar_bad_files_exit_3() {
    let desk = Desk::set_up();
    // (file text, part of the message)
    let table = [
        (
            r#"{"year": 2024, "days": ["#,
            "not valid JSON of the expected shape (line 1",
        ),
        (
            "garbage",
            "not valid JSON of the expected shape (line 1, column 1",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-05-04", "kind": "weekend"}]}"#,
            "unknown variant `weekend`",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-02-30", "kind": "holiday"}]}"#,
            "not valid JSON of the expected shape",
        ),
        (r#"{"days": []}"#, "missing field `year`"),
        (
            r#"{"year": 1999, "days": []}"#,
            "for the year 1999; expected a year from 2000 to 2100",
        ),
        (
            r#"{"year": 2024, "days": [{"date": "2024-05-08", "kind": "holiday"}, {"date": "2024-05-08", "kind": "working"}]}"#,
            "entry 2 in \"days\" repeats the date 2024-05-08, already listed in entry 1",
        ),
    ];
    for (i, (text, message)) in table.into_iter().enumerate() {
        let file = desk.write(&format!("cal-{i}.json"), text);
        let out = desk.admin().args(["calendar", "import"]).arg(&file).run();
        out.code(INVALID_INPUT).stdout_empty().stderr_has(message);
        assert_eq!(out.stderr_lines().len(), 1, "{out}");
    }
    let show = desk.admin().args(["calendar", "show", "2024"]).run();
    show.code(OK);
    assert!(
        !show.stdout.contains("(exception)"),
        "a bad file left exceptions behind\n{show}"
    );

    let missing = desk.path("no-calendar.json");
    desk.admin()
        .args(["calendar", "import"])
        .arg(&missing)
        .run()
        .code(FILE)
        .stderr_has("cannot read the file");
}

// ---------------------------------------------------------------------------
// user
// ---------------------------------------------------------------------------

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

/// A scheduled sync opens the store with the machine key file, which must be the
/// owner's alone; the office's queue key travels by an exported file.
#[test]
fn machine_key_and_queue_key_files() {
    let desk = Desk::set_up();
    let queue = desk.path("share-queue.sqlite3");
    let queue_s = queue.display().to_string();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK);
    let key_file = desk.path("sync.key");
    desk.admin()
        .args(["key", "machine-create", "--out"])
        .arg(&key_file)
        .run()
        .code(OK);
    let text = std::fs::read_to_string(&key_file).unwrap_or_default();
    assert!(text.starts_with("IIN-DESK-MACHINE-KEY 1\n"), "{text}");
    let machine_sync = || {
        desk.call()
            .args(["--queue", &queue_s, "--machine-key"])
            .arg(&key_file)
            .args(["sync", "--json"])
            .run()
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file)
            .map(|m| m.permissions().mode() & 0o777)
            .unwrap_or_default();
        assert_eq!(mode, 0o600, "written owner-only");
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o644))
            .unwrap_or_else(|e| panic!("{e}"));
        machine_sync().code(FILE).stderr_has("chmod 600");
        std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    machine_sync().code(OK).stdout_has("\"pushed\"");
    // The office's queue key: exported here, imported on a second counter.
    let office_key = desk.path("office-queue.key");
    desk.admin()
        .args(["key", "queue-export", "--out"])
        .arg(&office_key)
        .run()
        .code(OK);
    let other = Desk::set_up();
    let other_sync = || other.admin().args(["--queue", &queue_s, "sync"]).run();
    other_sync()
        .code(9)
        .stderr_has("no key for the central queue file");
    other
        .admin()
        .args(["key", "queue-import"])
        .arg(desk.path("sync.key"))
        .run()
        .code(INVALID_INPUT)
        .stderr_has("not a key file");
    other
        .admin()
        .args(["key", "queue-import"])
        .arg(&office_key)
        .run()
        .code(OK);
    other_sync().code(OK);
    // The lockout policy is the administrator's.
    desk.admin()
        .args(["key", "lockout", "--max-failures", "0"])
        .run()
        .code(INVALID_INPUT)
        .stderr_has("--max-failures");
    desk.admin()
        .args(["key", "lockout", "--max-failures", "3", "--minutes", "20"])
        .run()
        .code(OK)
        .stdout_has("max_failures=3 minutes=20");
    for _ in 0..3 {
        desk.as_user(ADMIN, "Wrong-pass-2026")
            .args(["user", "list"])
            .run()
            .code(DENIED);
    }
    desk.admin()
        .args(["user", "list"])
        .run()
        .code(DENIED)
        .stderr_has("locked until");
}
