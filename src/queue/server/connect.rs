//! Connecting to the server: the URL (without a password), TLS by `sslmode`, the password
//! from `PGPASSWORD`, else the password file, else the one sealed in the local store.

use std::str::FromStr;
use std::time::Duration;

use openssl::ssl::{SslConnector, SslMethod, SslVerifyMode};
use postgres::config::{Host, SslMode};
use postgres::{Client, Config};
use postgres_openssl::MakeTlsConnector;

use super::pg_error;
use super::pgpass;
use crate::queue::QueueError;

/// The schema the queue's tables are in (set as the connection's `search_path`).
pub const SCHEMA: &str = "iin_queue";

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tls {
    mode: String,
    root_cert: Option<String>,
}

/// Takes `sslmode` and `sslrootcert` out of the URL's query (the `postgres` crate knows
/// only `disable`, `prefer` and `require`; `verify-ca` and `verify-full` are done here).
fn split_tls(url: &str) -> (String, Tls) {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut tls = Tls {
        mode: "prefer".into(),
        root_cert: None,
    };
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("sslmode", v)) => tls.mode = v.to_ascii_lowercase(),
            Some(("sslrootcert", v)) => tls.root_cert = Some(v.to_string()),
            _ => kept.push(pair),
        }
    }
    let mode = match tls.mode.as_str() {
        "disable" => "disable",
        "allow" | "prefer" => "prefer",
        _ => "require",
    };
    kept.push(if mode == "disable" {
        "sslmode=disable"
    } else if mode == "prefer" {
        "sslmode=prefer"
    } else {
        "sslmode=require"
    });
    (format!("{base}?{}", kept.join("&")), tls)
}

fn connector(tls: &Tls, url: &str) -> Result<MakeTlsConnector, QueueError> {
    let fail = |e: openssl::error::ErrorStack| QueueError::Server {
        location: redact(url),
        detail: format!("TLS: {e}"),
    };
    let mut builder = SslConnector::builder(SslMethod::tls()).map_err(fail)?;
    let verify = matches!(tls.mode.as_str(), "verify-ca" | "verify-full");
    if verify {
        match &tls.root_cert {
            Some(file) => builder.set_ca_file(file).map_err(fail)?,
            None => builder.set_default_verify_paths().map_err(fail)?,
        }
        builder.set_verify(SslVerifyMode::PEER);
    } else {
        builder.set_verify(SslVerifyMode::NONE);
    }
    let mut make = MakeTlsConnector::new(builder.build());
    if tls.mode != "verify-full" {
        make.set_callback(|c, _| {
            c.set_verify_hostname(false);
            Ok(())
        });
    }
    Ok(make)
}

/// Checks a server URL as a setting: it parses, and holds no password.
pub fn check_url(url: &str) -> Result<(), QueueError> {
    let (plain, _) = split_tls(url);
    let location = redact(url);
    let config = Config::from_str(&plain).map_err(|e| QueueError::Server {
        location: location.clone(),
        detail: e.to_string(),
    })?;
    if config.get_password().is_some() {
        return Err(QueueError::ServerPasswordInUrl { location });
    }
    Ok(())
}

/// The connection's configuration from `url`; a password in the URL is refused. The
/// password: `PGPASSWORD`, else the password file's, else `sealed` (the local store's).
pub(crate) fn config(
    url: &str,
    timeout: Duration,
    sealed: Option<&str>,
) -> Result<(Config, Tls), QueueError> {
    let (plain, tls) = split_tls(url);
    let location = redact(url);
    let mut config = Config::from_str(&plain).map_err(|e| QueueError::Server {
        location: location.clone(),
        detail: e.to_string(),
    })?;
    if config.get_password().is_some() {
        return Err(QueueError::ServerPasswordInUrl { location });
    }
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER")
            .or_else(|_| std::env::var("USER"))
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_else(|_| "postgres".into());
        config.user(&user);
    }
    if let Ok(password) = std::env::var("PGPASSWORD") {
        config.password(password);
    } else {
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            #[cfg(unix)]
            Some(Host::Unix(p)) => p.display().to_string(),
            None => "localhost".into(),
        };
        let port = config.get_ports().first().copied().unwrap_or(5432);
        let user = config.get_user().unwrap_or_default().to_string();
        let db = config.get_dbname().unwrap_or(&user).to_string();
        if let Some(password) = pgpass::lookup(&host, port, &db, &user) {
            config.password(password);
        } else if let Some(password) = sealed {
            config.password(password);
        }
    }
    config
        .connect_timeout(timeout)
        .application_name("iin-desk")
        // The queue's statements read a few rows each: parallel workers only add their
        // start-up to the candidate search.
        .options(&format!(
            "-c search_path={SCHEMA} -c max_parallel_workers_per_gather=0"
        ));
    Ok((config, tls))
}

/// Connects to `url` (no schema check).
pub fn connect_client(url: &str, timeout: Duration) -> Result<Client, QueueError> {
    connect_client_sealed(url, timeout, None)
}

/// Connects to `url` (no schema check), with the password sealed in the local store
/// when neither `PGPASSWORD` nor the password file has one.
pub fn connect_client_sealed(
    url: &str,
    timeout: Duration,
    sealed: Option<&str>,
) -> Result<Client, QueueError> {
    let (config, tls) = config(url, timeout, sealed)?;
    let result = if config.get_ssl_mode() == SslMode::Disable {
        config.connect(postgres::NoTls)
    } else {
        config.connect(connector(&tls, url)?)
    };
    result.map_err(|e| pg_error(url, &e))
}

/// A server URL for messages and logs: the user, any password and the query are left out.
pub fn redact(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("postgresql", url));
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_settings_are_taken_out_of_the_url() {
        let (url, tls) = split_tls(
            "postgresql://db.local/iin?sslmode=verify-full&sslrootcert=/etc/ca.pem&connect_timeout=5",
        );
        assert_eq!(
            url,
            "postgresql://db.local/iin?connect_timeout=5&sslmode=require"
        );
        assert_eq!(tls.mode, "verify-full");
        assert_eq!(tls.root_cert.as_deref(), Some("/etc/ca.pem"));
        let (url, tls) = split_tls("postgresql://db.local/iin");
        assert_eq!(url, "postgresql://db.local/iin?sslmode=prefer");
        assert_eq!(tls.mode, "prefer");
    }

    #[test]
    fn server_urls_are_checked_as_settings() {
        let table: [(&str, Option<&str>); 5] = [
            (
                "postgresql://office1@db.local:5432/iin?sslmode=verify-full",
                None,
            ),
            ("postgres://db.local/iin", None),
            ("postgresql://office1:secret@db.local/iin", Some("password")),
            ("postgresql://db.local:notaport/iin", Some("server")),
            ("postgresql://db.local/iin?nonsense=1", Some("server")),
        ];
        for (url, refused) in table {
            let result = check_url(url);
            match refused {
                None => assert!(result.is_ok(), "{url}: {result:?}"),
                Some("password") => assert!(
                    matches!(result, Err(QueueError::ServerPasswordInUrl { .. })),
                    "{url}"
                ),
                Some(_) => assert!(matches!(result, Err(QueueError::Server { .. })), "{url}"),
            }
            assert!(!format!("{result:?}").contains("secret"));
        }
    }

    #[test]
    fn a_password_in_the_url_is_refused() {
        let e = config(
            "postgresql://clerk:secret@db.local/iin",
            Duration::from_secs(1),
            None,
        )
        .err();
        assert!(matches!(e, Some(QueueError::ServerPasswordInUrl { .. })));
        assert!(!format!("{e:?}").contains("secret"));
    }
}
