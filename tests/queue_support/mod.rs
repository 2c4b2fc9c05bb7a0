//! Helpers of the queue tests: running the real binary against real data folders and a
//! real central file, synthetic requests in the import schema, and reading the results.

#![allow(dead_code)]

pub mod pg;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use rusqlite::{Connection, OpenFlags};
use serde_json::{json, Value};
use uuid::Uuid;

use iin_desk::store::{KeyFile, SecretKey, SlotKind};

/// The administrator's password in every test installation.
pub const ADMIN_PASSWORD: &str = "S3cure-passphrase1";
/// The back-office operator's login and password.
pub const OPERATOR: &str = "back.office";
/// The operator's password.
pub const OPERATOR_PASSWORD: &str = "Back-office-pass1";

/// Whether the queue setting is a server URL.
pub fn is_server(queue: &Path) -> bool {
    queue
        .to_str()
        .is_some_and(|q| q.starts_with("postgresql://"))
}

/// A number from the environment, or the default.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The binary under test, with a clean environment: English messages, no inherited
/// iin-desk settings.
pub fn iin_desk(data_dir: &Path, queue: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_iin-desk"));
    for var in [
        "IIN_DESK_DATA_DIR",
        "IIN_DESK_USER",
        "IIN_DESK_PASSWORD",
        "IIN_DESK_QUEUE",
        "IIN_DESK_LANG",
        "IIN_DESK_QUEUE_BUSY_MS",
    ] {
        cmd.env_remove(var);
    }
    // The host's machine-wide configuration stays out: a file that does not exist.
    cmd.env(
        "IIN_DESK_MACHINE_CONFIG",
        data_dir.join("no-machine-config.toml"),
    );
    cmd.env("IIN_DESK_DATA_DIR", data_dir)
        .env("IIN_DESK_QUEUE", queue)
        .env("IIN_DESK_LANG", "en")
        .stdin(Stdio::null());
    cmd
}

/// The office's queue key for the central files in `queue`'s folder, as the
/// administrator exports it: made by the first installation of a test that asks (a
/// central file rebuilt in the same folder uses the same office key).
pub fn office_key_file(queue: &Path) -> PathBuf {
    let path = queue.with_file_name("office-queue.key");
    if !path.exists() {
        let hex = format!("{}{}", Uuid::new_v4().simple(), Uuid::new_v4().simple());
        let tmp = queue.with_file_name(format!("office-queue.key.{}", Uuid::new_v4()));
        if let Some(dir) = tmp.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        std::fs::write(&tmp, format!("IIN-DESK-QUEUE-KEY 1\n{hex}\n"))
            .unwrap_or_else(|e| panic!("write key: {e}"));
        // A hard link is created only if the name is free: the first writer wins whole.
        let _ = std::fs::hard_link(&tmp, &path);
        let _ = std::fs::remove_file(&tmp);
    }
    path
}

/// Runs `cmd` to the end, feeding `stdin`.
#[track_caller]
pub fn run_with_stdin(mut cmd: Command, stdin: &str) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("spawn: {e}"));
    if let Some(mut input) = child.stdin.take() {
        use std::io::Write;
        let _ = input.write_all(stdin.as_bytes());
    }
    child
        .wait_with_output()
        .unwrap_or_else(|e| panic!("wait: {e}"))
}

/// Text of an output, for assertion messages.
pub fn text(out: &Output) -> String {
    #[cfg(unix)]
    let signal = std::os::unix::process::ExitStatusExt::signal(&out.status);
    #[cfg(not(unix))]
    let signal: Option<i32> = None;
    format!(
        "status {:?} signal {signal:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// One installation (a counter or the back office): a data folder and the central file.
#[derive(Debug, Clone)]
pub struct Site {
    /// The data folder.
    pub dir: PathBuf,
    /// The central file it uses.
    pub queue: PathBuf,
}

impl Site {
    /// Creates the data folder with its administrator.
    #[track_caller]
    pub fn new(dir: PathBuf, queue: &Path) -> Site {
        let site = Site {
            dir,
            queue: queue.to_path_buf(),
        };
        let mut cmd = site.command();
        cmd.args(["init", "--password-stdin"]);
        let out = run_with_stdin(cmd, &format!("{ADMIN_PASSWORD}\n"));
        assert!(out.status.success(), "init: {}", text(&out));
        // Every installation of an office has the office's queue key (of a file; a
        // server has its own credentials).
        if is_server(queue) {
            return site;
        }
        let out = site
            .admin()
            .args(["key", "queue-import"])
            .arg(office_key_file(queue))
            .output()
            .unwrap_or_else(|e| panic!("key queue-import: {e}"));
        assert!(out.status.success(), "key queue-import: {}", text(&out));
        site
    }

    /// The binary for this site, without a login.
    pub fn command(&self) -> Command {
        iin_desk(&self.dir, &self.queue)
    }

    /// The binary logged in as the administrator.
    pub fn admin(&self) -> Command {
        let mut cmd = self.command();
        cmd.env("IIN_DESK_USER", "admin")
            .env("IIN_DESK_PASSWORD", ADMIN_PASSWORD);
        cmd
    }

    /// The binary logged in as the back-office operator.
    pub fn operator(&self) -> Command {
        let mut cmd = self.command();
        cmd.env("IIN_DESK_USER", OPERATOR)
            .env("IIN_DESK_PASSWORD", OPERATOR_PASSWORD);
        cmd
    }

    /// Adds the back-office operator's account.
    #[track_caller]
    pub fn add_operator(&self) {
        let mut cmd = self.admin();
        cmd.args([
            "user",
            "add",
            OPERATOR,
            "--name",
            "Operator",
            "--role",
            "back_office",
            "--password-stdin",
        ]);
        let out = run_with_stdin(cmd, &format!("{OPERATOR_PASSWORD}\n"));
        assert!(out.status.success(), "user add: {}", text(&out));
    }

    /// Imports requests (writes them to a file in the data folder first).
    #[track_caller]
    pub fn import(&self, forms: &[Value]) {
        let file = self.dir.join(format!("import-{}.json", Uuid::new_v4()));
        let body = serde_json::to_string(forms).unwrap_or_default();
        std::fs::write(&file, body).unwrap_or_else(|e| panic!("write: {e}"));
        let out = self
            .admin()
            .arg("import")
            .arg(&file)
            .output()
            .unwrap_or_else(|e| panic!("import: {e}"));
        assert!(out.status.success(), "import: {}", text(&out));
    }

    /// `iin-desk sync --json` (with extra arguments).
    pub fn sync(&self, extra: &[&str]) -> Output {
        self.admin()
            .arg("sync")
            .arg("--json")
            .args(extra)
            .output()
            .unwrap_or_else(|e| panic!("sync: {e}"))
    }

    /// `iin-desk backoffice run --auto --json`.
    pub fn auto(&self) -> Output {
        self.operator()
            .args(["backoffice", "run", "--auto", "--json"])
            .output()
            .unwrap_or_else(|e| panic!("backoffice: {e}"))
    }

    /// The local database, read-only.
    pub fn local_db(&self) -> Connection {
        let conn = Connection::open_with_flags(
            self.dir.join("iin-desk.sqlite3"),
            OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .unwrap_or_else(|e| panic!("open local: {e}"));
        // The store's data key, from the administrator's key slot.
        let keys = KeyFile::load(&self.dir.join(iin_desk::store::vault::KEY_FILE_NAME))
            .unwrap_or_else(|e| panic!("key file: {e}"))
            .unwrap_or_else(|| panic!("no key file"));
        let key = keys
            .open(SlotKind::Account, Some("admin"), ADMIN_PASSWORD.as_bytes())
            .unwrap_or_else(|e| panic!("admin slot: {e}"));
        with_key(&conn, &key);
        conn
    }

    /// Local requests that left the counter: id → (status, formed IIN).
    pub fn local_requests(&self) -> BTreeMap<String, (String, Option<String>)> {
        let conn = self.local_db();
        let mut stmt = conn
            .prepare("SELECT id, status, iin FROM requests WHERE status <> 'draft'")
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .unwrap_or_else(|e| panic!("{e}"));
        rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
    }

    /// Every local request row as text (status, data, deadline), to prove nothing changed.
    pub fn local_snapshot(&self) -> Vec<(String, String, String, Option<String>)> {
        let conn = self.local_db();
        let mut stmt = conn
            .prepare("SELECT id, status, data, due_at FROM requests ORDER BY id")
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap_or_else(|e| panic!("{e}"));
        rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
    }

    /// How often each request appears under `action` in the local audit log.
    pub fn local_audit_counts(&self, action: &str) -> BTreeMap<String, i64> {
        audit_counts(&self.local_db(), action)
    }
}

/// How often each request appears under `action` in an audit log.
pub fn audit_counts(conn: &Connection, action: &str) -> BTreeMap<String, i64> {
    let mut stmt = conn
        .prepare(
            "SELECT request_id, count(*) FROM audit_log WHERE action = ?1 AND request_id IS NOT NULL
             GROUP BY request_id",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([action], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or_else(|e| panic!("{e}"));
    rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// The central file, read-only.
pub fn central_db(path: &Path) -> Connection {
    central_db_with(path, &office_key(path))
}

/// The central file read-only with `key`.
pub fn central_db_with(path: &Path, key: &SecretKey) -> Connection {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("open central: {e}"));
    with_key(&conn, key);
    let _ = conn.busy_timeout(std::time::Duration::from_secs(30));
    conn
}

/// The central file for writing, as another program that knows the key would.
pub fn central_db_writable(path: &Path) -> Connection {
    let conn = Connection::open(path).unwrap_or_else(|e| panic!("open central: {e}"));
    with_key(&conn, &office_key(path));
    conn
}

/// The office's queue key of the central file `path` (see [`office_key_file`]).
pub fn office_key(path: &Path) -> SecretKey {
    let text = std::fs::read_to_string(office_key_file(path))
        .unwrap_or_else(|e| panic!("office key: {e}"));
    SecretKey::parse(text.lines().nth(1).unwrap_or_default())
        .unwrap_or_else(|e| panic!("office key: {e}"))
}

/// Gives SQLCipher the raw key of a connection.
pub fn with_key(conn: &Connection, key: &SecretKey) {
    let hex: String = key.to_text().chars().filter(|c| *c != '-').collect();
    conn.execute_batch(&format!("PRAGMA key = \"x'{hex}'\";"))
        .unwrap_or_else(|e| panic!("key: {e}"));
}

/// Central requests: id → (state, result status, result IIN).
pub fn central_requests(path: &Path) -> BTreeMap<String, (String, Option<String>, Option<String>)> {
    if is_server(path) {
        return server_client(path)
            .query(
                "SELECT id, state, result_status, result_iin FROM iin_queue.requests",
                &[],
            )
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|r| (r.get(0), (r.get(1), r.get(2), r.get(3))))
            .collect();
    }
    let conn = central_db(path);
    let mut stmt = conn
        .prepare("SELECT id, state, result_status, result_iin FROM requests")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
        .unwrap_or_else(|e| panic!("{e}"));
    rows.map(|r| r.unwrap_or_else(|e| panic!("{e}"))).collect()
}

/// A small deterministic generator (xorshift), so a failing run can be repeated.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// From a seed (never zero inside).
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

const SYLLABLES: [&str; 20] = [
    "KA", "RI", "MO", "TE", "SU", "LA", "NE", "BO", "DI", "GU", "ZA", "PE", "TO", "VI", "SA", "NU",
    "RE", "KO", "MI", "DA",
];

/// SplitMix64: neighbouring inputs give unrelated outputs, so generated names of
/// neighbouring numbers are not near-duplicates of each other.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn syllables(mut n: u64, count: usize) -> String {
    let mut s = String::new();
    for _ in 0..count {
        s.push_str(SYLLABLES[(n % 20) as usize]);
        n /= 20;
    }
    s
}

/// Synthetic accepted formation requests in the import schema, `n` of them numbered from
/// `first` (numbers must not overlap between counters). Every person has a distinct
/// birth date and document number, and names drawn by a hash of the number, so that no
/// two look alike to the duplicate check: the automatic back office forms them all.
pub fn synthetic_forms(first: u64, n: u64) -> Vec<Value> {
    // Three days apart from 1935 on: the load test's 10,000 persons (50 counters × 200)
    // are all born before the requests' submission date.
    let base = chrono::NaiveDate::from_ymd_opt(1935, 1, 1).unwrap_or_default();
    let submitted = chrono::NaiveDate::from_ymd_opt(2025, 6, 2).unwrap_or_default();
    (first..first + n)
        .map(|g| {
            let female = g % 2 == 1;
            let surname = format!(
                "{}{}",
                syllables(mix(g), 4),
                if female { "OVA" } else { "OV" }
            );
            let name = syllables(mix(g ^ 0x5151), 2);
            let patronymic = format!(
                "{}{}",
                syllables(mix(g ^ 0xA7A7), 3),
                if female { "OVNA" } else { "OVICH" }
            );
            let birth = base + chrono::Duration::days(i64::try_from(g * 3).unwrap_or(0));
            let at = submitted.and_hms_opt(9, 0, 0).unwrap_or_default()
                + chrono::Duration::minutes(i64::try_from(g % 500).unwrap_or(0));
            json!({
                "id": Uuid::new_v4().to_string(),
                "kind": "formation",
                "channel": "counter",
                "status": "accepted",
                "submitted_at": at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                "office": "Astana, test branch",
                "counter": "1",
                "clerk": "a.clerk",
                "applicant": {
                    "surname": surname,
                    "name": name,
                    "patronymic": patronymic,
                    "birth_date": birth.to_string(),
                    "birth_place": "TASHKENT",
                    "citizenship": "UZB",
                    "sex": if female { "F" } else { "M" },
                    "document_number": format!("TS{g:07}"),
                    "document_issue_date": "2020-01-15",
                    "document_expiry_date": "2035-01-14",
                    "document_issuing_country": "UZB",
                    "address": "Astana, test street 1",
                    "phone": "+7 701 000 00 00"
                },
                "documents": { "application_formation": true, "identity_document": true }
            })
        })
        .collect()
}

/// The surnames of synthetic forms, to prove no error text names a person.
pub fn surnames(forms: &[Value]) -> Vec<String> {
    forms
        .iter()
        .filter_map(|f| f["applicant"]["surname"].as_str().map(str::to_string))
        .collect()
}

/// The counts a `sync --json` printed: (to push, awaiting a result).
pub fn sync_counts(out: &Output) -> Option<(u64, u64)> {
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some((
        v["counts"]["to_push"].as_u64()?,
        v["counts"]["awaiting_result"].as_u64()?,
    ))
}

/// A superuser connection to the test server's database of `queue` (a URL).
pub fn server_client(queue: &Path) -> postgres::Client {
    postgres::Client::connect(&queue.to_string_lossy(), postgres::NoTls)
        .unwrap_or_else(|e| panic!("connect: {e}"))
}

/// Persons in the central registry (file or server).
pub fn central_persons(queue: &Path) -> i64 {
    if is_server(queue) {
        return server_client(queue)
            .query_one("SELECT count(*) FROM iin_queue.persons", &[])
            .map(|r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    central_db(queue)
        .query_row("SELECT count(*) FROM persons", [], |r| r.get(0))
        .unwrap_or_default()
}

/// How often each request appears under `action` in the central audit log.
pub fn central_audit_counts(queue: &Path, action: &str) -> BTreeMap<String, i64> {
    if is_server(queue) {
        return server_client(queue)
            .query(
                "SELECT request_id, count(*) FROM iin_queue.audit_log
                 WHERE action = $1 AND request_id IS NOT NULL GROUP BY request_id",
                &[&action],
            )
            .unwrap_or_else(|e| panic!("{e}"))
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
    }
    audit_counts(&central_db(queue), action)
}
