//! The command line's shared test kit: an installation in a temporary folder ([`Desk`]),
//! a command line being built ([`Call`]) and its finished run ([`Out`]), the exit codes
//! and the fixtures.

use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_iin-desk");
/// No command may take longer; a hang (a prompt, a window) fails the test instead. Generous:
/// the test binaries run side by side (scripts/test.sh), and demo-data or an import of
/// 25,000 requests on a busy 2-core machine takes a minute or more.
pub const RUN_TIMEOUT: Duration = Duration::from_secs(300);

pub const OK: u8 = 0;
pub const CHECK_FAILED: u8 = 1;
pub const USAGE: u8 = 2;
pub const INVALID_INPUT: u8 = 3;
pub const STORE: u8 = 4;
pub const FILE: u8 = 5;
pub const DENIED: u8 = 6;
pub const NOT_SET_UP: u8 = 7;

pub const ADMIN: &str = "admin";
pub const ADMIN_PW: &str = "Admin2026secret";
pub const STAFF_PW: &str = "Staff2026secret";

/// The ICAO 9303 TD3 specimen (Anna Maria Eriksson).
pub const MRZ_L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
pub const MRZ_L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
/// Line 2 with the document number's check digit changed from 6 to 5.
pub const MRZ_L2_BAD_DOC_DIGIT: &str = "L898902C35UTO7408122F1204159ZE184226B<<<<<10";

/// The ids of tests/fixtures/requests.json, by submission time (oldest first).
pub const FIXTURE_IDS_OLDEST_FIRST: [&str; 5] = [
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0005", // 2026-11-16T22:05
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0004", // 2026-11-18T15:40
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0003", // 2026-11-19T09:30
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0001", // 2026-11-20T10:15
    "0b6f0f3e-6a0c-4c56-9d43-2f7d1c1a0002", // 2026-11-20T11:00
];

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(name)
}

/// One installation: a temporary folder holding the data folder, a fake home (so the
/// OS default data folder can never be the real one) and scratch files.
pub struct Desk {
    pub tmp: TempDir,
}

impl Desk {
    /// A fresh, not yet set up installation.
    #[track_caller]
    pub fn new() -> Desk {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        std::fs::create_dir(tmp.path().join("home")).unwrap_or_else(|e| panic!("home dir: {e}"));
        Desk { tmp }
    }

    /// A fresh installation with the administrator `admin` / [`ADMIN_PW`].
    #[track_caller]
    pub fn set_up() -> Desk {
        let desk = Desk::new();
        desk.call()
            .args(["init", "--password-stdin"])
            .stdin(format!("{ADMIN_PW}\n"))
            .run()
            .code(OK)
            .stdout_has("admin: administrator created");
        desk
    }

    pub fn data_dir(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn db_file(&self) -> PathBuf {
        self.data_dir().join("iin-desk.sqlite3")
    }

    /// A scratch path outside the data folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    #[track_caller]
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).unwrap_or_else(|e| panic!("write {}: {e}", p.display()));
        p
    }

    /// A command on this installation, without a login.
    pub fn call(&self) -> Call {
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
    pub fn call_without_data_dir(&self) -> Call {
        Call {
            data_dir: None,
            ..self.call()
        }
    }

    /// A command logged in as `login` with `password` (through IIN_DESK_PASSWORD).
    pub fn as_user(&self, login: &str, password: &str) -> Call {
        Call {
            user: Some(login.to_string()),
            password: Some(password.to_string()),
            ..self.call()
        }
    }

    pub fn admin(&self) -> Call {
        self.as_user(ADMIN, ADMIN_PW)
    }

    /// Adds an account with [`STAFF_PW`] as the administrator.
    #[track_caller]
    pub fn add_user(&self, login: &str, role: &str) {
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
    pub fn export_all(&self) -> Vec<Value> {
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
    pub fn stored_ids(&self) -> Vec<String> {
        ids(&self.export_all())
    }

    /// The account list as JSON.
    #[track_caller]
    pub fn users(&self) -> Vec<Value> {
        let out = self.admin().args(["user", "list", "--json"]).run();
        out.code(OK);
        match out.json() {
            Value::Array(a) => a,
            other => panic!("user list --json is not an array: {other}"),
        }
    }

    #[track_caller]
    pub fn user(&self, login: &str) -> Option<Value> {
        self.users().into_iter().find(|u| u["login"] == login)
    }
}

/// A command line being built.
pub struct Call {
    pub data_dir: Option<PathBuf>,
    pub home: PathBuf,
    pub lang: &'static str,
    pub user: Option<String>,
    pub password: Option<String>,
    pub args: Vec<OsString>,
    pub envs: Vec<(String, String)>,
    pub stdin: Vec<u8>,
}

impl Call {
    pub fn lang(mut self, lang: &'static str) -> Call {
        self.lang = lang;
        self
    }

    pub fn arg(mut self, arg: impl Into<OsString>) -> Call {
        self.args.push(arg.into());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<OsString>>(mut self, args: I) -> Call {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Call {
        self.envs.push((key.to_string(), value.to_string()));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Call {
        self.stdin = bytes.into();
        self
    }

    #[track_caller]
    pub fn run(self) -> Out {
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
pub struct Out {
    pub shown: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
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
    pub fn code(&self, expected: u8) -> &Out {
        assert_eq!(
            self.code,
            i32::from(expected),
            "unexpected exit code\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Out {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Out {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Out {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_empty(&self) -> &Out {
        assert!(self.stdout.is_empty(), "stdout not empty\n{self}");
        self
    }

    #[track_caller]
    pub fn stderr_empty(&self) -> &Out {
        assert!(self.stderr.is_empty(), "stderr not empty\n{self}");
        self
    }

    pub fn stdout_lines(&self) -> Vec<&str> {
        self.stdout.lines().collect()
    }

    pub fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{self}"))
    }
}

#[track_caller]
pub fn read_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

#[track_caller]
pub fn read_json_array(path: &Path) -> Vec<Value> {
    match read_json(path) {
        Value::Array(a) => a,
        other => panic!("{} is not a JSON array: {other}", path.display()),
    }
}

pub fn ids(forms: &[Value]) -> Vec<String> {
    forms
        .iter()
        .map(|f| f["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub fn fixture_ids() -> Vec<String> {
    FIXTURE_IDS_OLDEST_FIRST
        .iter()
        .map(|s| s.to_string())
        .collect()
}

pub fn has_cyrillic(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}'))
}

/// Letters of the Kazakh alphabet that Russian does not have.
pub fn has_kazakh_letters(s: &str) -> bool {
    s.chars().any(|c| "әғқңөұүһіӘҒҚҢӨҰҮҺІ".contains(c))
}

/// The IIN check digit, computed independently of the program: weights 1..11, and
/// 3..11,1,2 when the first sum gives 10; `None` when both give 10.
pub fn iin_check_digit(head: &str) -> Option<u32> {
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
pub fn never_issued_head() -> String {
    (0..10_000)
        .map(|serial| format!("7408124{serial:04}"))
        .find(|head| iin_check_digit(head).is_none())
        .unwrap_or_else(|| panic!("no head with remainder 10 twice among 7408124xxxx"))
}
