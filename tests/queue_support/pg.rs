//! A throwaway PostgreSQL cluster for the queue tests: `initdb` in a temporary folder (as
//! the `postgres` user when the tests run as root), `pg_ctl start` on a free local port,
//! a fresh database per test with the queue's schema, and `pg_ctl stop` when the last
//! test holding it is done — also when a test panics (the guard's `Drop`).
//!
//! Missing PostgreSQL binaries make the test FAIL with a message: the tests never pass
//! silently without a server. `scripts/test.sh` installs Debian's `postgresql`.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, Weak};

use uuid::Uuid;

/// The running cluster; stopped when the last `Arc` is dropped.
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    /// More server options (`-c ssl=on …`).
    extra: String,
}

static SHARED: Mutex<Weak<PgCluster>> = Mutex::new(Weak::new());

/// The cluster shared by the tests of this binary that run at the same time (started
/// by the first that asks).
pub fn cluster() -> Arc<PgCluster> {
    let mut shared = SHARED.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(c) = shared.upgrade() {
        return c;
    }
    let c = Arc::new(PgCluster::start());
    *shared = Arc::downgrade(&c);
    c
}

impl PgCluster {
    /// A cluster of the caller's own (for a test that restarts it).
    pub fn own() -> Arc<PgCluster> {
        Arc::new(PgCluster::start())
    }

    /// A cluster of the caller's own with TLS on (`ssl=on`): a test CA made with the
    /// `openssl` command signs the server's certificate for the host name `host`.
    /// Returns the cluster and the CA's certificate file.
    pub fn own_with_tls(host: &str) -> (Arc<PgCluster>, PathBuf) {
        let mut cluster = PgCluster::init();
        let tls = cluster.dir.path().join("tls");
        std::fs::create_dir_all(&tls).unwrap_or_else(|e| panic!("{e}"));
        let ca = make_ca(&tls, "ca", "iin-desk test CA");
        let openssl = |args: &[&str]| {
            let out = Command::new("openssl")
                .args(args)
                .current_dir(&tls)
                .output()
                .unwrap_or_else(|e| panic!("openssl (install it): {e}"));
            assert!(
                out.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        };
        openssl(&[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            &format!("/CN={host}"),
        ]);
        std::fs::write(tls.join("san.ext"), format!("subjectAltName=DNS:{host}\n"))
            .unwrap_or_else(|e| panic!("{e}"));
        openssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext",
        ]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                tls.join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        if cluster.as_postgres {
            let out = Command::new("chown")
                .args(["-R", "postgres:postgres"])
                .arg(&tls)
                .output()
                .unwrap_or_else(|e| panic!("chown: {e}"));
            assert!(out.status.success(), "chown: {out:?}");
        }
        cluster.extra = format!(
            "-c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
            tls.join("server.crt").display(),
            tls.join("server.key").display()
        );
        cluster.pg_ctl(&["start", "-w", "-t", "60"]);
        (Arc::new(cluster), ca)
    }
}

/// Makes a self-signed CA `name`.crt (and its key) in `dir` with the `openssl` command;
/// returns the certificate's path.
pub fn make_ca(dir: &Path, name: &str, subject: &str) -> PathBuf {
    let out = Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout",
        ])
        .arg(format!("{name}.key"))
        .arg("-out")
        .arg(format!("{name}.crt"))
        .arg("-subj")
        .arg(format!("/CN={subject}"))
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("openssl (install it): {e}"));
    assert!(
        out.status.success(),
        "openssl req: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join(format!("{name}.crt"))
}

/// The newest PostgreSQL (15 or later) binaries' folder.
fn bin_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("PG_BIN_DIR") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let v: u32 = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    (v >= 15 && bin.join("initdb").exists() && bin.join("pg_ctl").exists())
                        .then_some((v, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    match found.pop() {
        Some((_, bin)) => bin,
        None => panic!(
            "PostgreSQL 15+ server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin: \
             install Debian's `postgresql` package (scripts/test.sh does) or set PG_BIN_DIR; \
             the server backend's tests cannot run without them"
        ),
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("free port: {e}"))
}

impl PgCluster {
    fn tool(&self, name: &str) -> Command {
        tool(&self.bin, name, self.as_postgres)
    }

    fn start() -> PgCluster {
        let cluster = PgCluster::init();
        cluster.pg_ctl(&["start", "-w", "-t", "60"]);
        cluster
    }

    /// `initdb` in a new temporary folder, not started.
    fn init() -> PgCluster {
        let bin = bin_dir();
        let as_postgres = is_root();
        let dir = tempfile::Builder::new()
            .prefix("iin-desk-pg")
            .tempdir()
            .unwrap_or_else(|e| panic!("temp dir: {e}"));
        if as_postgres {
            let out = Command::new("chown")
                .arg("postgres:postgres")
                .arg(dir.path())
                .output()
                .unwrap_or_else(|e| panic!("chown: {e}"));
            assert!(out.status.success(), "chown: {out:?}");
        }
        let data = dir.path().join("data");
        let out = tool(&bin, "initdb", as_postgres)
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(&data)
            .output()
            .unwrap_or_else(|e| panic!("initdb: {e}"));
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let port = free_port();
        PgCluster {
            dir,
            bin,
            port,
            as_postgres,
            extra: String::new(),
        }
    }

    fn pg_ctl(&self, args: &[&str]) {
        let data = self.dir.path().join("data");
        let log = self.dir.path().join("server.log");
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 {}",
            self.port,
            self.dir.path().display(),
            self.extra
        );
        let out = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(&log)
            .arg("-o")
            .arg(options)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("pg_ctl: {e}"));
        assert!(
            out.status.success(),
            "pg_ctl {args:?}: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    /// Restarts the server (`pg_ctl restart -m fast`): every connection is cut.
    pub fn restart(&self) {
        self.pg_ctl(&["restart", "-m", "fast", "-w", "-t", "60"]);
    }

    /// Makes the login `role` authenticate with its password (scram-sha-256) on the
    /// local TCP address; every other login keeps `trust`.
    pub fn require_password(&self, role: &str) {
        let hba = self.dir.path().join("data").join("pg_hba.conf");
        let old = std::fs::read_to_string(&hba).unwrap_or_else(|e| panic!("pg_hba: {e}"));
        std::fs::write(
            &hba,
            format!("host all {role} 127.0.0.1/32 scram-sha-256\n{old}"),
        )
        .unwrap_or_else(|e| panic!("pg_hba: {e}"));
        self.client("postgres")
            .batch_execute("SELECT pg_reload_conf()")
            .unwrap_or_else(|e| panic!("reload: {e}"));
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `db` as the superuser.
    pub fn url(&self, db: &str) -> String {
        format!(
            "postgresql://postgres@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// A superuser connection to `db`.
    pub fn client(&self, db: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(db), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connect: {e}"))
    }

    /// A new, empty database; returns its name.
    pub fn empty_database(&self) -> String {
        let name = format!("t_{}", Uuid::new_v4().simple());
        self.client("postgres")
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap_or_else(|e| panic!("create database: {e}"));
        name
    }

    /// A new database with the queue's schema (as `iin-desk queue init-server` makes
    /// it); returns its URL.
    pub fn queue_database(&self) -> String {
        // The roles are the cluster's: one `init-server` at a time.
        static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let url = self.url(&self.empty_database());
        iin_desk::queue::server::schema::init_server(&url)
            .unwrap_or_else(|e| panic!("init-server: {e}"));
        url
    }
}

fn tool(bin: &Path, name: &str, as_postgres: bool) -> Command {
    if as_postgres {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(bin.join(name));
        cmd
    } else {
        Command::new(bin.join(name))
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self
            .tool("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["stop", "-m", "immediate", "-w"])
            .stdin(Stdio::null())
            .output();
    }
}

/// The database name in a test URL.
pub fn database_of(url: &str) -> String {
    url.rsplit('/')
        .next()
        .unwrap_or_default()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}
