//! What only the server backend has: one round trip per pushed batch, its schema's
//! version and `queue init-server`, and the counter role's row-level security.

use super::*;

/// A central queue to test against: a file, or a database with the queue's schema on
/// the test's own PostgreSQL cluster.
pub(crate) struct Backend {
    pub(crate) location: std::path::PathBuf,
    pub(crate) key: SecretKey,
    _dir: tempfile::TempDir,
    cluster: Option<Arc<queue_support::pg::PgCluster>>,
}

impl Backend {
    pub(crate) fn file() -> Backend {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        Backend {
            location: dir.path().join("central.sqlite3"),
            key: SecretKey::random(),
            _dir: dir,
            cluster: None,
        }
    }

    pub(crate) fn server() -> Backend {
        let cluster = queue_support::pg::cluster();
        let url = cluster.queue_database();
        Backend {
            location: url.into(),
            key: SecretKey::random(),
            _dir: tempfile::tempdir().unwrap_or_else(|e| panic!("{e}")),
            cluster: Some(cluster),
        }
    }

    #[track_caller]
    pub(crate) fn open(&self) -> Queue {
        Queue::open(
            &QueueLocation::from_path(&self.location),
            OpenMode::CreateIfMissing,
            CentralOptions::default(),
            Some(&self.key),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every central audit entry as `action details`.
    pub(crate) fn audit_details(&self) -> Vec<String> {
        let sql = "SELECT action || ' ' || details FROM audit_log ORDER BY seq";
        match &self.cluster {
            None => central_db_with(&self.location, &self.key)
                .prepare(sql)
                .and_then(|mut s| {
                    s.query_map([], |r| r.get::<_, String>(0))
                        .and_then(|rows| rows.collect())
                })
                .unwrap_or_default(),
            Some(c) => {
                let db = queue_support::pg::database_of(&self.location.to_string_lossy());
                c.client(&db)
                    .query(
                        "SELECT action || ' ' || details FROM iin_queue.audit_log ORDER BY seq",
                        &[],
                    )
                    .unwrap_or_else(|e| panic!("{e}"))
                    .iter()
                    .map(|r| r.get::<_, String>(0))
                    .collect()
            }
        }
    }
}

#[test]
fn back_office_claims_forms_corrects_and_refuses_on_a_server() {
    let backend = Backend::server();
    // A database without the queue's schema is refused, and left without one.
    let cluster = queue_support::pg::cluster();
    let empty = cluster.url(&cluster.empty_database());
    assert!(matches!(
        Queue::open(
            &QueueLocation::parse(&empty),
            OpenMode::CreateIfMissing,
            CentralOptions::default(),
            None
        ),
        Err(QueueError::ServerNoSchema { .. })
    ));
    back_office_round(&backend);
}

#[test]
fn auto_leaves_possible_duplicates_for_a_person_on_a_server() {
    auto_leaves_duplicates(&Backend::server());
}

#[test]
fn the_worker_pushes_pulls_and_reports_offline_on_a_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cluster = queue_support::pg::cluster();
    let url = cluster.queue_database();
    let db = queue_support::pg::database_of(&url);
    // The database goes away (renamed; the worker holds no connection between rounds).
    let rename = |from: &str, to: &str| {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            // A worker's round may be connected at this instant.
            let mut admin = cluster.client("postgres");
            let _ = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                &[&from],
            );
            let r = admin.batch_execute(&format!("ALTER DATABASE {from} RENAME TO {to}"));
            match r {
                Ok(()) => return,
                Err(e) if Instant::now() < until => {
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(e) => panic!("{e}"),
            }
        }
    };
    let away = format!("{db}_away");
    worker_round(
        dir.path(),
        Path::new(&url),
        &|| rename(&db, &away),
        &|| rename(&away, &db),
        &|e| matches!(e, QueueError::Server { .. }),
    );
}

#[test]
fn counters_push_at_once_while_the_back_office_decides_on_a_server() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cluster = queue_support::pg::cluster();
    let url = cluster.queue_database();
    counters_at_once(dir.path(), Path::new(&url));
}

fn messages(n: usize) -> Vec<PushMessage> {
    (0..n)
        .map(|i| {
            let f = form("TESTOVA", "MALIKA", "1974-08-12", &format!("FA{i:07}"));
            PushMessage::from_local(&f, Some("2026-11-23T18:30:00"), "station-1", false)
                .unwrap_or_else(|e| panic!("{e}"))
        })
        .collect()
}

#[test]
fn a_server_push_is_one_round_trip_per_batch() {
    let backend = Backend::server();
    let mut queue = backend.open();
    let Queue::Server(server) = &mut queue else {
        panic!("a server")
    };
    let batch = messages(env_count("QUEUE_TEST_REQUESTS", 500).max(2));
    // The first push of a connection prepares the statement (one more round trip).
    let before = server.round_trips();
    let first = server
        .push(&batch[..1], now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first, vec![PushOutcome::Inserted]);
    assert_eq!(server.round_trips() - before, 2);
    let before = server.round_trips();
    let outcomes = server.push(&batch, now()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(server.round_trips() - before, 1, "one round trip per batch");
    assert_eq!(outcomes[0], PushOutcome::AlreadyThere);
    assert!(outcomes[1..].iter().all(|o| *o == PushOutcome::Inserted));
    // Again: nothing new, still one round trip; the same id with other data conflicts.
    let before = server.round_trips();
    let again = server.push(&batch, now()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(server.round_trips() - before, 1);
    assert!(again.iter().all(|o| *o == PushOutcome::AlreadyThere));
    let mut changed = form("TESTOVA", "MALIKA", "1974-08-12", "FA0000001");
    changed.id = batch[0].id.to_string();
    changed.office = "elsewhere".into();
    let changed = PushMessage::from_local(&changed, None, "station-1", false)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        server
            .push(&[changed], now())
            .unwrap_or_else(|e| panic!("{e}")),
        vec![PushOutcome::Conflict]
    );
    assert_eq!(
        queue.counts().unwrap_or_else(|e| panic!("{e}")).pending,
        batch.len() as u64
    );
    let pushes = backend.audit_details();
    assert_eq!(
        pushes
            .iter()
            .filter(|d| d.starts_with("queue.push"))
            .count(),
        batch.len()
    );
}

#[test]
fn a_server_schema_is_made_once_and_a_newer_one_is_refused() {
    use iin_desk::queue::server::schema::{init_server, InitOutcome, SERVER_SCHEMA_VERSION};
    let backend = Backend::server();
    let url = backend.location.to_string_lossy().to_string();
    let id = backend.open().file_id().to_string();
    assert_eq!(
        init_server(&url).unwrap_or_else(|e| panic!("{e}")),
        InitOutcome::AlreadyThere { server_id: id }
    );
    let cluster = queue_support::pg::cluster();
    let db = queue_support::pg::database_of(&url);
    cluster
        .client(&db)
        .batch_execute("UPDATE iin_queue.meta SET value = '99' WHERE key = 'schema_version'")
        .unwrap_or_else(|e| panic!("{e}"));
    let open = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::CreateIfMissing,
        CentralOptions::default(),
        None,
    );
    let Err(e) = open else {
        panic!("a newer schema is refused")
    };
    assert!(
        matches!(
            e,
            QueueError::ServerTooNew {
                found: 99,
                supported: SERVER_SCHEMA_VERSION,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.is_offline());
    for lang in Lang::ALL {
        assert!(e.message(lang).contains("99"), "{}", e.message(lang));
    }
    assert!(matches!(
        init_server(&url),
        Err(QueueError::ServerTooNew { .. })
    ));
}

#[test]
fn cli_queue_init_server_creates_the_schema_once() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let cluster = queue_support::pg::cluster();
    let url = cluster.url(&cluster.empty_database());
    let init = |target: &str| {
        iin_desk(dir.path(), Path::new("unused.sqlite3"))
            .args(["queue", "init-server", target])
            .output()
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let out = init(&url);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("was created"),
        "{}",
        text(&out)
    );
    let out = init(&url);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("already there"),
        "{}",
        text(&out)
    );
    // The counters can use it now.
    let queue = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    );
    assert!(queue.is_ok(), "{queue:?}");
    // Not a URL: a usage error; a password in the URL: refused, and not repeated.
    assert_eq!(init("/srv/queue.sqlite3").status.code(), Some(2));
    let with_password = url.replace("postgres@", "postgres:hunter2@");
    let out = init(&with_password);
    assert_eq!(out.status.code(), Some(9), "{}", text(&out));
    assert!(!text(&out).contains("hunter2"), "{}", text(&out));
}

#[test]
fn a_counter_role_sees_only_its_own_offices_requests() {
    let backend = Backend::server();
    let cluster = queue_support::pg::cluster();
    let url = backend.location.to_string_lossy().to_string();
    let db = queue_support::pg::database_of(&url);
    cluster
        .client(&db)
        .batch_execute(
            "DO $$ BEGIN
                 CREATE ROLE office_a LOGIN IN ROLE iin_desk_counter;
                 CREATE ROLE office_b LOGIN IN ROLE iin_desk_counter;
                 CREATE ROLE operator_x LOGIN IN ROLE iin_desk_backoffice;
             EXCEPTION WHEN duplicate_object THEN NULL;
             END $$;",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let as_role = |role: &str| {
        let url = url.replace("postgres@", &format!("{role}@"));
        Queue::open(
            &QueueLocation::parse(&url),
            OpenMode::MustExist,
            CentralOptions::default(),
            None,
        )
        .unwrap_or_else(|e| panic!("{role}: {e}"))
    };
    let batch = messages(3);
    let ids: Vec<Uuid> = batch.iter().map(|m| m.id).collect();
    let mut a = as_role("office_a");
    let pushed = a.push(&batch, now()).unwrap_or_else(|e| panic!("{e}"));
    assert!(pushed.iter().all(|o| *o == PushOutcome::Inserted));
    // Office B cannot read them, nor take their ids.
    let mut b = as_role("office_b");
    assert!(matches!(
        b.push(&batch[..1], now()).as_deref(),
        Ok([PushOutcome::Conflict])
    ));
    let mut x = as_role("operator_x");
    let mut office = BackOffice::open(
        Path::new(&url.replace("postgres@", "operator_x@")),
        OpenMode::MustExist,
        CentralOptions::default(),
        &SecretKey::random(),
        "operator.x",
        BackOfficeOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = office.run_auto(&now, 10).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.formed + report.left_for_person, 3);
    assert_eq!(x.counts().map(|c| c.pending + c.done).ok(), Some(3));
    let seen_by_b = b.results_for(&ids).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        seen_by_b.results.is_empty(),
        "another office's results stay hidden"
    );
    let seen_by_a = a.results_for(&ids).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(seen_by_a.results.len(), report.formed);
    // A counter cannot touch the registry.
    assert!(matches!(a.counts(), Err(QueueError::Server { .. })));
}
