//! The server's schema: the same tables as the file (so the operations are the same
//! statements), in the schema `iin_queue`, versioned in `meta.schema_version` like the
//! file's `user_version`, plus the two roles and row-level security that
//! `iin-desk queue init-server` sets up. A counter never creates it.

use postgres::error::SqlState;
use postgres::Client;
use uuid::Uuid;

use super::connect::SCHEMA;
use super::pg_error;
use crate::queue::location::redact;
use crate::queue::QueueError;

/// The version of the server schema this program knows.
pub const SERVER_SCHEMA_VERSION: i64 = 1;

/// The group role of counters: they push their own office's requests and read those
/// requests' results, nothing else (row-level security on `requests.office`, which is
/// the login's name).
pub const COUNTER_ROLE: &str = "iin_desk_counter";
/// The group role of the back office: reads and decides every request, keeps the registry.
pub const BACKOFFICE_ROLE: &str = "iin_desk_backoffice";

/// Version 1, made in one transaction. Text columns compare as bytes (`COLLATE "C"`), as
/// in SQLite, so that timestamps and ids sort the same on both.
const SCHEMA_V1: &str = r#"
CREATE TABLE meta (
    key    text COLLATE "C" PRIMARY KEY,
    value  text NOT NULL
);
CREATE TABLE requests (
    id               text COLLATE "C" PRIMARY KEY,
    content_hash     text NOT NULL,
    kind             text NOT NULL,
    station          text COLLATE "C" NOT NULL,
    office           text COLLATE "C" NOT NULL DEFAULT current_user,
    submitted_at     text COLLATE "C" NOT NULL,
    due_at           text COLLATE "C",
    pushed_at        text COLLATE "C" NOT NULL,
    form             text NOT NULL,
    state            text NOT NULL DEFAULT 'pending',
    needs_person     integer NOT NULL DEFAULT 0,
    claimed_by       text,
    claim_until      text COLLATE "C",
    result_status    text,
    result_iin       text,
    result_ground    text,
    result_comment   text NOT NULL DEFAULT '',
    override_reason  text,
    decided_at       text COLLATE "C",
    decided_by       text
);
CREATE INDEX requests_queue ON requests(state, submitted_at, id);
CREATE INDEX requests_office ON requests(office);

CREATE TABLE persons (
    iin            text COLLATE "C" PRIMARY KEY,
    birth_date     text COLLATE "C" NOT NULL,
    doc_number     text COLLATE "C",
    identity       text NOT NULL,
    version        bigint NOT NULL,
    request_id     text,
    registered_at  text NOT NULL,
    updated_at     text NOT NULL
);
CREATE INDEX persons_birth ON persons(birth_date);
CREATE INDEX persons_doc ON persons(doc_number);
CREATE TABLE person_tokens (
    token  text COLLATE "C" NOT NULL,
    iin    text COLLATE "C" NOT NULL,
    PRIMARY KEY (token, iin)
);
CREATE INDEX person_tokens_iin ON person_tokens(iin);
CREATE TABLE person_history (
    seq         bigserial PRIMARY KEY,
    iin         text COLLATE "C" NOT NULL,
    version     bigint NOT NULL,
    identity    text NOT NULL,
    request_id  text,
    changed_at  text NOT NULL,
    changed_by  text NOT NULL,
    UNIQUE (iin, version)
);
CREATE TABLE known_iins (
    iin     text COLLATE "C" PRIMARY KEY,
    source  text NOT NULL
);
CREATE TABLE audit_log (
    seq         bigserial PRIMARY KEY,
    at          text NOT NULL,
    actor       text NOT NULL,
    action      text NOT NULL,
    request_id  text COLLATE "C",
    details     text NOT NULL DEFAULT ''
);
CREATE INDEX audit_request ON audit_log(request_id, seq);

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER person_history_append_only BEFORE UPDATE OR DELETE ON person_history
    FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION append_only();
"#;

/// The roles' rights (run after the schema; idempotent).
const GRANTS: &str = r#"
GRANT USAGE ON SCHEMA iin_queue TO iin_desk_counter, iin_desk_backoffice;
GRANT SELECT ON meta TO iin_desk_counter, iin_desk_backoffice;
GRANT SELECT, INSERT ON requests TO iin_desk_counter;
GRANT INSERT ON audit_log TO iin_desk_counter;
GRANT USAGE ON SEQUENCE audit_log_seq_seq TO iin_desk_counter;
GRANT SELECT, INSERT, UPDATE ON requests, persons, person_history, known_iins, audit_log
    TO iin_desk_backoffice;
GRANT SELECT, INSERT, DELETE ON person_tokens TO iin_desk_backoffice;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA iin_queue TO iin_desk_backoffice;
ALTER TABLE requests ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS counter_own_office ON requests;
CREATE POLICY counter_own_office ON requests TO iin_desk_counter
    USING (office = current_user) WITH CHECK (office = current_user);
DROP POLICY IF EXISTS backoffice_all ON requests;
CREATE POLICY backoffice_all ON requests TO iin_desk_backoffice USING (true) WITH CHECK (true);
"#;

/// The push of one batch in one statement: the columns as arrays ($1 … $7: id, hash,
/// kind, station, submitted, due, form; $8: now). Returns, per request, whether it was
/// inserted and, if it was there already, its hash and state.
pub(crate) const PUSH: &str = r#"
WITH input AS (
    SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                         $6::text[], $7::text[])
        AS t(id, content_hash, kind, station, submitted_at, due_at, form)
), ins AS (
    INSERT INTO requests(id, content_hash, kind, station, submitted_at, due_at, pushed_at,
                         form, state)
    SELECT id, content_hash, kind, station, submitted_at, due_at, $8::text, form, 'pending'
    FROM input
    ON CONFLICT (id) DO NOTHING
    RETURNING id
), audited AS (
    INSERT INTO audit_log(at, actor, action, request_id, details)
    SELECT $8::text, 'station:' || i.station, 'queue.push', ins.id, ''
    FROM ins JOIN input i ON i.id = ins.id
)
SELECT i.id, ins.id IS NOT NULL, r.content_hash, r.state
FROM input i
LEFT JOIN ins ON ins.id = i.id
LEFT JOIN requests r ON r.id = i.id
"#;

fn no_schema(url: &str) -> QueueError {
    QueueError::ServerNoSchema {
        location: redact(url),
    }
}

/// Reads the schema's version and id; refuses a server without the schema or with a
/// newer one. Returns the server id.
pub(crate) fn check(client: &mut Client, url: &str) -> Result<String, QueueError> {
    let rows = match client.query(
        "SELECT key, value FROM meta WHERE key IN ('schema_version', 'server_id')",
        &[],
    ) {
        Ok(rows) => rows,
        Err(e)
            if e.code() == Some(&SqlState::UNDEFINED_TABLE)
                || e.code() == Some(&SqlState::INVALID_SCHEMA_NAME) =>
        {
            return Err(no_schema(url))
        }
        Err(e) => return Err(pg_error(url, &e)),
    };
    let mut version = None;
    let mut id = None;
    for row in rows {
        let key: String = row.try_get(0).map_err(|e| pg_error(url, &e))?;
        let value: String = row.try_get(1).map_err(|e| pg_error(url, &e))?;
        match key.as_str() {
            "schema_version" => version = value.parse::<i64>().ok(),
            _ => id = Some(value),
        }
    }
    let (Some(version), Some(id)) = (version, id) else {
        return Err(no_schema(url));
    };
    if version > SERVER_SCHEMA_VERSION {
        return Err(QueueError::ServerTooNew {
            location: redact(url),
            found: version,
            supported: SERVER_SCHEMA_VERSION,
        });
    }
    Ok(id)
}

/// What `init_server` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitOutcome {
    /// The schema was made.
    Created {
        /// The new server id.
        server_id: String,
    },
    /// The schema was there already, at this version (the roles' rights were renewed).
    AlreadyThere {
        /// The server id.
        server_id: String,
    },
}

/// Creates the queue's schema, the two group roles and their rights on the server at
/// `url` (an administrator's connection), in one transaction. Running it again changes
/// nothing but renews the rights; a newer schema is refused untouched.
pub fn init_server(url: &str) -> Result<InitOutcome, QueueError> {
    let mut client = super::connect_client(url, std::time::Duration::from_secs(10))?;
    let fail = |e: postgres::Error| pg_error(url, &e);
    let existing = match check(&mut client, url) {
        Ok(id) => Some(id),
        Err(QueueError::ServerNoSchema { .. }) => None,
        Err(e) => return Err(e),
    };
    let mut tx = client.transaction().map_err(fail)?;
    for role in [COUNTER_ROLE, BACKOFFICE_ROLE] {
        tx.batch_execute(&format!(
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}') THEN
                     CREATE ROLE {role} NOLOGIN;
                 END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;"
        ))
        .map_err(fail)?;
    }
    let outcome = match existing {
        Some(server_id) => InitOutcome::AlreadyThere { server_id },
        None => {
            let server_id = Uuid::new_v4().to_string();
            tx.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {SCHEMA}; SET LOCAL search_path = {SCHEMA};"
            ))
            .map_err(fail)?;
            tx.batch_execute(SCHEMA_V1).map_err(fail)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', $1), ('server_id', $2)",
                &[&SERVER_SCHEMA_VERSION.to_string(), &server_id],
            )
            .map_err(fail)?;
            InitOutcome::Created { server_id }
        }
    };
    tx.batch_execute(&format!("SET LOCAL search_path = {SCHEMA};"))
        .map_err(fail)?;
    tx.batch_execute(GRANTS).map_err(fail)?;
    tx.commit().map_err(fail)?;
    Ok(outcome)
}
