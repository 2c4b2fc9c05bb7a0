//! TLS to the queue server: `sslmode=verify-full` with a CA file connects to the host
//! its certificate names and refuses another host name or an untrusted CA clearly;
//! `sslmode=require` encrypts without checking. A throwaway cluster with `ssl=on` and
//! a CA made with the `openssl` command.

use super::*;

/// The host name the server's certificate is for (resolved by `hostaddr`, not DNS).
const HOST: &str = "queue.iin-desk.test";

#[track_caller]
fn open(url: &str) -> Result<Queue, QueueError> {
    Queue::open(
        &QueueLocation::parse(url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
}

#[test]
fn verify_full_with_a_ca_file_checks_the_host_and_require_encrypts() {
    let (cluster, ca) = queue_support::pg::PgCluster::own_with_tls(HOST);
    let db = queue_support::pg::database_of(&cluster.queue_database());
    let port = cluster.port();
    let url = |host: &str, query: &str| {
        format!("postgresql://postgres@{host}:{port}/{db}?hostaddr=127.0.0.1&{query}")
    };
    let ca = ca.display().to_string();
    let connected_with_tls = |url: &str| {
        let mut queue = open(url).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(queue.counts().unwrap_or_else(|e| panic!("{e}")).pending, 0);
        // The server says the connection is encrypted.
        let mut c = iin_desk::queue::server::connect_client(url, Duration::from_secs(10))
            .unwrap_or_else(|e| panic!("{e}"));
        let ssl: bool = c
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .unwrap_or_else(|e| panic!("{e}"))
            .get(0);
        assert!(ssl, "{url}: not encrypted");
    };

    // The right host name with the CA file: connected, encrypted.
    connected_with_tls(&url(HOST, &format!("sslmode=verify-full&sslrootcert={ca}")));
    // require: encrypted, nothing checked.
    connected_with_tls(&url(HOST, "sslmode=require"));
    connected_with_tls(&url("another-host.test", "sslmode=require"));
    // verify-ca checks the CA only, not the host name.
    connected_with_tls(&url(
        "another-host.test",
        &format!("sslmode=verify-ca&sslrootcert={ca}"),
    ));

    // Another host name: refused, saying why, as a server fault (exit 9, offline).
    let wrong_host = open(&url(
        "another-host.test",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ));
    match wrong_host {
        Err(e @ QueueError::Server { .. }) => {
            let text = e.to_string();
            assert!(e.is_offline());
            assert!(text.contains("certificate verify failed"), "{text}");
            assert!(text.contains("hostname mismatch"), "{text}");
            assert!(
                !text.contains("postgres@"),
                "no user in the message: {text}"
            );
        }
        other => panic!("another host name must be refused: {other:?}"),
    }
    // A CA that did not sign the server's certificate: refused.
    let other_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let other_ca = queue_support::pg::make_ca(other_dir.path(), "other", "another CA");
    let untrusted = open(&url(
        HOST,
        &format!("sslmode=verify-full&sslrootcert={}", other_ca.display()),
    ));
    match untrusted {
        Err(e @ QueueError::Server { .. }) => {
            let text = e.to_string();
            assert!(text.contains("certificate verify failed"), "{text}");
            assert!(!text.contains("hostname mismatch"), "{text}");
        }
        other => panic!("an untrusted CA must be refused: {other:?}"),
    }
    // A CA file that is not there: refused with the TLS reason.
    let missing = open(&url(
        HOST,
        "sslmode=verify-full&sslrootcert=/nonexistent/ca.crt",
    ));
    assert!(
        matches!(&missing, Err(QueueError::Server { detail, .. }) if detail.starts_with("TLS")),
        "{missing:?}"
    );
}
