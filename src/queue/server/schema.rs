//! The server's schema: the same tables as the file (so the operations are the same
//! statements), in the schema `iin_queue`, versioned in `meta.schema_version` like the
//! file's `user_version`, plus the two roles and row-level security that
//! `iin-desk queue init-server` sets up. A counter never creates it.

use postgres::error::SqlState;
use postgres::Client;
use uuid::Uuid;

use super::connect::redact;
use super::connect::SCHEMA;
use super::pg_error;
use crate::domain::identity::Identity;
use crate::queue::QueueError;

/// The version of the server schema this program knows: the number of migrations
/// (version 1 is the queue itself, version 2 the registry's name keys, version 3 the
/// indexes the candidate search uses: `candidates.rs`, version 4 the functions a
/// counter's login calls for what it may change in its own office's requests: due dates,
/// [`crate::queue::due_updates`]; version 5 the bigram signature and document key the
/// candidate search filters on: `schema_v5`).
pub const SERVER_SCHEMA_VERSION: i64 = 5;

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

/// Version 2: duplicates at national scale. Every person gets a `name_key` (the name's
/// skeletons, as [`crate::domain::dedup::blocking_tokens`] makes them, joined by spaces),
/// filled in by [`backfill_name_keys`] for persons already registered; pg_trgm's schema
/// is recorded in `meta.trgm_schema`. (Version 2 also made a trigram GIN index over the
/// keys, `persons_name_trgm`; version 3 drops it, so an upgrade no longer builds it.)
const SCHEMA_V2: &str = r#"
ALTER TABLE persons ADD COLUMN name_key text NOT NULL DEFAULT '';
"#;

/// Version 3: the candidate search's own indexes (`candidates.rs`) in place of
/// the whole-registry trigram index, which read tens of thousands of entries for a
/// common given name. The birth date's btree gets the name key and IIN, so that the
/// birth dates one typo away are searched by similar names in the index alone.
const SCHEMA_V3: &str = r#"
DROP INDEX IF EXISTS persons_name_trgm;
DROP INDEX IF EXISTS persons_birth;
"#;

/// Version 4: what a counter may change in its own office's requests, as `SECURITY
/// DEFINER` functions (the counter role has no right to update rows itself). The
/// office is the login (`session_user`), as `requests.office` records it at the push.
/// `update_due` sets new due dates ([`crate::queue::due_updates`]) of requests still
/// waiting for a decision, with the same content hash, audited as `queue.due`;
/// `push_adopt` pushes requests with the result the counter already has (`--repush-all`)
/// and adopts it on a request still pending, marking it `registry_pending` (the
/// registry's part, which needs the program's rules, is done by a login with rights on
/// the registry: [`super::adopt`]), and remembers its IIN so that it is never issued
/// again.
/// Idempotent (`CREATE OR REPLACE`), so an upgrade over a schema that has it is safe.
const SCHEMA_V4: &str = r#"
CREATE OR REPLACE FUNCTION update_due(p_ids text[], p_hashes text[], p_dues text[],
                                      p_at text, p_station text)
RETURNS TABLE(id text, updated boolean)
LANGUAGE sql SECURITY DEFINER SET search_path = iin_queue, pg_temp AS $fn$
    WITH input AS (
        SELECT * FROM unnest(p_ids, p_hashes, p_dues) AS t(id, content_hash, due_at)
    ), target AS (
        SELECT r.id, r.due_at AS old_due, i.due_at AS new_due
        FROM requests r JOIN input i ON i.id = r.id AND i.content_hash = r.content_hash
        WHERE r.office = session_user AND r.state = 'pending'
          AND r.due_at IS DISTINCT FROM i.due_at
        FOR UPDATE OF r
    ), changed AS (
        UPDATE requests r SET due_at = t.new_due FROM target t WHERE r.id = t.id
        RETURNING r.id
    ), audited AS (
        INSERT INTO audit_log(at, actor, action, request_id, details)
        SELECT p_at, 'station:' || p_station, 'queue.due', t.id,
               'due=' || coalesce(t.old_due, '') || '->' || t.new_due
        FROM target t JOIN changed c ON c.id = t.id
    )
    SELECT i.id, c.id IS NOT NULL FROM input i LEFT JOIN changed c ON c.id = i.id
$fn$;
REVOKE ALL ON FUNCTION update_due(text[], text[], text[], text, text) FROM PUBLIC;

ALTER TABLE requests ADD COLUMN IF NOT EXISTS registry_pending integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS requests_registry_pending ON requests(id) WHERE registry_pending = 1;

CREATE OR REPLACE FUNCTION push_adopt(
    p_ids text[], p_hashes text[], p_kinds text[], p_stations text[], p_submitted text[],
    p_dues text[], p_forms text[], p_status text[], p_iins text[], p_grounds text[],
    p_comments text[], p_decided text[], p_at text)
RETURNS TABLE(id text, outcome text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = iin_queue, pg_temp AS $fn$
#variable_conflict use_column
DECLARE
    k integer;
    found_row record;
    v_actor text;
    v_inserted boolean;
BEGIN
    FOR k IN 1 .. coalesce(array_length(p_ids, 1), 0) LOOP
        id := p_ids[k];
        v_actor := 'station:' || p_stations[k];
        INSERT INTO requests(id, content_hash, kind, station, office, submitted_at, due_at,
                             pushed_at, form, state)
        VALUES (p_ids[k], p_hashes[k], p_kinds[k], p_stations[k], session_user,
                p_submitted[k], p_dues[k], p_at, p_forms[k], 'pending')
        ON CONFLICT DO NOTHING;
        v_inserted := FOUND;
        IF v_inserted THEN
            INSERT INTO audit_log(at, actor, action, request_id, details)
            VALUES (p_at, v_actor, 'queue.push', p_ids[k], '');
        END IF;
        SELECT q.content_hash, q.state, q.office INTO found_row
        FROM requests q WHERE q.id = p_ids[k] FOR UPDATE;
        IF found_row.office IS DISTINCT FROM session_user THEN
            INSERT INTO audit_log(at, actor, action, request_id, details)
            VALUES (p_at, v_actor, 'queue.conflict', p_ids[k], 'hidden');
            outcome := 'conflict';
        ELSIF found_row.content_hash <> p_hashes[k] THEN
            INSERT INTO audit_log(at, actor, action, request_id, details)
            VALUES (p_at, v_actor, 'queue.conflict', p_ids[k], 'hash');
            outcome := 'conflict';
        ELSIF found_row.state <> 'pending' THEN
            outcome := 'already';
        ELSE
            IF p_status[k] IS NULL OR p_status[k] NOT IN ('formed', 'corrected', 'refused')
               OR (p_status[k] <> 'refused' AND coalesce(p_iins[k], '') !~ '^[0-9]{12}$')
               OR (p_status[k] = 'refused' AND p_grounds[k] IS NULL)
               OR p_decided[k] IS NULL THEN
                RAISE EXCEPTION 'request %: the result is incomplete or unknown', p_ids[k]
                    USING ERRCODE = '22023';
            END IF;
            UPDATE requests q SET state = 'done', result_status = p_status[k],
                   result_iin = p_iins[k], result_ground = p_grounds[k],
                   result_comment = coalesce(p_comments[k], ''), decided_at = p_decided[k],
                   decided_by = v_actor, override_reason = NULL, claimed_by = NULL,
                   claim_until = NULL,
                   registry_pending = CASE WHEN p_status[k] = 'refused' THEN 0 ELSE 1 END
            WHERE q.id = p_ids[k];
            IF p_status[k] <> 'refused' THEN
                INSERT INTO known_iins(iin, source)
                VALUES (p_iins[k], CASE WHEN p_status[k] = 'formed' THEN 'registered'
                                        ELSE 'correction' END)
                ON CONFLICT DO NOTHING;
            END IF;
            INSERT INTO audit_log(at, actor, action, request_id, details)
            VALUES (p_at, v_actor, 'queue.result_adopted', p_ids[k], 'status=' || p_status[k]);
            outcome := CASE WHEN v_inserted THEN 'inserted' ELSE 'adopted' END;
        END IF;
        RETURN NEXT;
    END LOOP;
END
$fn$;
REVOKE ALL ON FUNCTION push_adopt(text[], text[], text[], text[], text[], text[], text[],
    text[], text[], text[], text[], text[], text) FROM PUBLIC;
"#;

/// A push of requests that carry a result (`--repush-all`), one batch per call
/// ([`SCHEMA_V4`]'s `push_adopt`): $1 … $7 as [`PUSH`]'s, $8 … $12 the results' status,
/// IIN, ground, comment and decision time, $13 now. Per request: `inserted` (and its
/// result adopted), `adopted`, `already` (decided there) or `conflict`.
pub(crate) const PUSH_ADOPT: &str = "SELECT id, outcome FROM push_adopt($1::text[], $2::text[],
    $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
    $10::text[], $11::text[], $12::text[], $13::text)";

/// A counter's due updates, one batch per call ([`SCHEMA_V4`]'s `update_due`): $1 ids,
/// $2 content hashes, $3 due dates, $4 now, $5 the station.
pub(crate) const UPDATE_DUE: &str =
    "SELECT id, updated FROM update_due($1::text[], $2::text[], $3::text[], $4::text, $5::text)";

/// The registry's indexes of versions 3 and 4 (version 5 redefines two of them).
const REGISTRY_INDEXES_V3: &str = r#"
CREATE INDEX IF NOT EXISTS persons_birth_name ON persons(birth_date, name_key) INCLUDE (iin);
CREATE INDEX IF NOT EXISTS persons_doc ON persons(doc_number);
CREATE INDEX IF NOT EXISTS persons_name_key ON persons(name_key);
CREATE INDEX IF NOT EXISTS persons_name_tokens ON persons
    USING gin (string_to_array(name_key, ' '));
"#;

/// Version 5: what the candidate search (`candidates.rs`) filters on without a
/// trigram similarity. `doc_key(number)` is a document number as `dedup` compares it
/// (ASCII letters and digits, upper-case), so that the document branch finds every
/// person `dedup` calls the same document; `name_sig(key)` is the complemented
/// bigram signature of a name key (made from `candidates::signature::bigram_signature`'s
/// table).
/// Both are immutable SQL functions, inlined where used. The birth date's btree and the
/// document's are made again over them ([`REGISTRY_INDEXES`], same names).
fn schema_v5() -> String {
    format!(
        r#"
CREATE OR REPLACE FUNCTION {SCHEMA}.doc_key(number text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
    SELECT translate(regexp_replace(number,
               '[^0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz]', '', 'g'),
           'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ')
$fn$;
{}
DROP INDEX IF EXISTS persons_birth_name;
DROP INDEX IF EXISTS persons_doc;
"#,
        super::candidates::signature::name_sig_function(SCHEMA)
    )
}

/// The registry's indexes from version 5 on (also rebuilt by the demo registry's fill):
/// the birth date's btree carries the key's bigram signature (and the key and IIN, for
/// index-only scans), the document's is over `doc_key`.
pub(crate) const REGISTRY_INDEXES: &str = r#"
CREATE INDEX IF NOT EXISTS persons_birth_name ON persons(birth_date, iin_queue.name_sig(name_key))
    INCLUDE (iin, name_key);
CREATE INDEX IF NOT EXISTS persons_doc ON persons(iin_queue.doc_key(doc_number));
CREATE INDEX IF NOT EXISTS persons_name_key ON persons(name_key);
CREATE INDEX IF NOT EXISTS persons_name_tokens ON persons
    USING gin (string_to_array(name_key, ' '));
"#;

/// The names of [`REGISTRY_INDEXES`] (the demo fill drops them to load faster).
pub(crate) const REGISTRY_INDEX_NAMES: [&str; 4] = [
    "persons_birth_name",
    "persons_doc",
    "persons_name_key",
    "persons_name_tokens",
];

/// `name` as an SQL identifier.
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

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
GRANT EXECUTE ON FUNCTION update_due(text[], text[], text[], text, text) TO iin_desk_counter;
GRANT EXECUTE ON FUNCTION push_adopt(text[], text[], text[], text[], text[], text[], text[],
    text[], text[], text[], text[], text[], text) TO iin_desk_counter, iin_desk_backoffice;
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

/// What the server's `meta` says about its schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SchemaInfo {
    /// `meta.schema_version`.
    pub version: i64,
    /// `meta.server_id`.
    pub server_id: String,
    /// `meta.trgm_schema`: where pg_trgm is (from version 2 on).
    pub trgm_schema: Option<String>,
}

/// Reads the schema's version and id; refuses a server without the schema or with a
/// newer one (an older one is the caller's to judge: `init_server` upgrades it).
pub(crate) fn check(client: &mut Client, url: &str) -> Result<SchemaInfo, QueueError> {
    let rows = match client.query(
        "SELECT key, value FROM meta WHERE key IN ('schema_version', 'server_id', 'trgm_schema')",
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
    let mut trgm_schema = None;
    for row in rows {
        let key: String = row.try_get(0).map_err(|e| pg_error(url, &e))?;
        let value: String = row.try_get(1).map_err(|e| pg_error(url, &e))?;
        match key.as_str() {
            "schema_version" => version = value.parse::<i64>().ok(),
            "trgm_schema" => trgm_schema = Some(value),
            _ => id = Some(value),
        }
    }
    let (Some(version), Some(server_id)) = (version, id) else {
        return Err(no_schema(url));
    };
    if version > SERVER_SCHEMA_VERSION {
        return Err(QueueError::ServerTooNew {
            location: redact(url),
            found: version,
            supported: SERVER_SCHEMA_VERSION,
        });
    }
    Ok(SchemaInfo {
        version,
        server_id,
        trgm_schema,
    })
}

/// Checks the schema for a counter or the back office: it must be this program's
/// version (an older one is upgraded by the administrator's `queue init-server`).
/// Returns the server id.
pub(crate) fn check_current(client: &mut Client, url: &str) -> Result<String, QueueError> {
    let info = check(client, url)?;
    match info.trgm_schema {
        Some(_) if info.version == SERVER_SCHEMA_VERSION => Ok(info.server_id),
        _ => Err(QueueError::ServerTooOld {
            location: redact(url),
            found: info.version,
            supported: SERVER_SCHEMA_VERSION,
        }),
    }
}

/// What `init_server` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InitOutcome {
    /// The schema was made.
    Created {
        /// The new server id.
        server_id: String,
    },
    /// The schema was there at an older version and was brought up to this program's.
    Upgraded {
        /// The server id.
        server_id: String,
        /// The version it had.
        from: i64,
        /// The version it has now.
        to: i64,
    },
    /// The schema was there already, at this version (the roles' rights were renewed).
    AlreadyThere {
        /// The server id.
        server_id: String,
    },
}

/// How many persons' name keys are written per statement when a registry is upgraded.
const BACKFILL_BATCH: usize = 5_000;

/// Fills in `name_key` for every person registered before version 2.
fn backfill_name_keys(tx: &mut postgres::Transaction<'_>, url: &str) -> Result<(), QueueError> {
    let fail = |e: postgres::Error| pg_error(url, &e);
    let rows = tx
        .query("SELECT iin, identity FROM persons", &[])
        .map_err(fail)?;
    let mut iins = Vec::new();
    let mut keys = Vec::new();
    for row in rows {
        let iin: String = row.try_get(0).map_err(fail)?;
        let identity: String = row.try_get(1).map_err(fail)?;
        let identity: Identity =
            serde_json::from_str(&identity).map_err(|_| QueueError::Damaged(iin.clone()))?;
        iins.push(iin);
        keys.push(name_key(&identity));
    }
    for (iins, keys) in iins.chunks(BACKFILL_BATCH).zip(keys.chunks(BACKFILL_BATCH)) {
        tx.execute(
            "UPDATE persons p SET name_key = k.key
             FROM unnest($1::text[], $2::text[]) AS k(iin, key) WHERE p.iin = k.iin",
            &[&iins, &keys],
        )
        .map_err(fail)?;
    }
    Ok(())
}

/// Brings the schema from version `from` to [`SERVER_SCHEMA_VERSION`], one numbered
/// migration after the other, in the caller's transaction.
fn migrate(
    tx: &mut postgres::Transaction<'_>,
    url: &str,
    from: i64,
    trgm: &str,
) -> Result<(), QueueError> {
    let fail = |e: postgres::Error| pg_error(url, &e);
    for version in from + 1..=SERVER_SCHEMA_VERSION {
        match version {
            1 => tx.batch_execute(SCHEMA_V1).map_err(fail)?,
            2 => {
                tx.batch_execute(SCHEMA_V2).map_err(fail)?;
                backfill_name_keys(tx, url)?;
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES ('trgm_schema', $1)
                     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                    &[&trgm],
                )
                .map_err(fail)?;
            }
            3 => {
                tx.batch_execute(SCHEMA_V3).map_err(fail)?;
                tx.batch_execute(REGISTRY_INDEXES_V3).map_err(fail)?;
            }
            4 => tx.batch_execute(SCHEMA_V4).map_err(fail)?,
            5 => {
                tx.batch_execute(&schema_v5()).map_err(fail)?;
                tx.batch_execute(REGISTRY_INDEXES).map_err(fail)?;
                // The new indexes' statistics (the signature's) for the planner.
                tx.batch_execute("ANALYZE persons").map_err(fail)?;
            }
            _ => {}
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('schema_version', $1)
             ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            &[&version.to_string()],
        )
        .map_err(fail)?;
    }
    Ok(())
}

/// Installs pg_trgm (a trusted extension: the database's owner may) unless it is there,
/// and returns the schema it is in.
fn trigram_extension(tx: &mut postgres::Transaction<'_>, url: &str) -> Result<String, QueueError> {
    let fail = |e: postgres::Error| pg_error(url, &e);
    tx.batch_execute(&format!(
        "CREATE SCHEMA IF NOT EXISTS {SCHEMA}; CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA {SCHEMA};"
    ))
    .map_err(fail)?;
    let row = tx
        .query_one(
            "SELECT n.nspname::text FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
             WHERE e.extname = 'pg_trgm'",
            &[],
        )
        .map_err(fail)?;
    row.try_get(0).map_err(fail)
}

/// Creates the queue's schema, the two group roles and their rights on the server at
/// `url` (an administrator's connection), in one transaction, with the pg_trgm extension
/// the registry's name index needs. An older schema is upgraded by its numbered
/// migrations; running it again changes nothing but renews the rights; a newer schema
/// is refused untouched.
pub fn init_server(url: &str) -> Result<InitOutcome, QueueError> {
    let mut client = super::connect_client(url, std::time::Duration::from_secs(10))?;
    let fail = |e: postgres::Error| pg_error(url, &e);
    let existing = match check(&mut client, url) {
        Ok(info) => Some(info),
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
    let trgm = trigram_extension(&mut tx, url)?;
    tx.batch_execute(&format!("SET LOCAL search_path = {SCHEMA};"))
        .map_err(fail)?;
    let outcome = match existing {
        Some(info) if info.version == SERVER_SCHEMA_VERSION => InitOutcome::AlreadyThere {
            server_id: info.server_id,
        },
        Some(info) => {
            migrate(&mut tx, url, info.version, &trgm)?;
            InitOutcome::Upgraded {
                server_id: info.server_id,
                from: info.version,
                to: SERVER_SCHEMA_VERSION,
            }
        }
        None => {
            let server_id = Uuid::new_v4().to_string();
            tx.batch_execute(SCHEMA_V1).map_err(fail)?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', '1'), ('server_id', $1)",
                &[&server_id],
            )
            .map_err(fail)?;
            migrate(&mut tx, url, 1, &trgm)?;
            InitOutcome::Created { server_id }
        }
    };
    tx.batch_execute(GRANTS).map_err(fail)?;
    if trgm != SCHEMA {
        tx.batch_execute(&format!(
            "GRANT USAGE ON SCHEMA {} TO {COUNTER_ROLE}, {BACKOFFICE_ROLE};",
            quote_ident(&trgm)
        ))
        .map_err(fail)?;
    }
    tx.commit().map_err(fail)?;
    Ok(outcome)
}

/// The key a person's name is found by in the registry's trigram index: the name's
/// skeletons (every script the name is known in), sorted, joined by spaces.
pub fn name_key(identity: &Identity) -> String {
    crate::domain::dedup::blocking_tokens(identity).join(" ")
}
