//! Duplicates at national scale: the server's candidate search uses its indexes (birth
//! date with name key, document number, name key, the GIN over the name skeletons; see
//! `queue::server::candidates`), finds what the file finds on the same data, and the
//! schema's versions 2 and 3 upgrade older servers.

use chrono::Datelike;
use iin_desk::domain::dedup::transliterate;
use iin_desk::queue::demo_registry::demo_persons;
use iin_desk::queue::server::demo::fill_registry;
use iin_desk::queue::server::schema::{init_server, InitOutcome, SERVER_SCHEMA_VERSION};

use super::*;

fn url_of(backend: &Backend) -> String {
    backend.location.to_string_lossy().into_owned()
}

/// Candidates as (IIN, score), best first.
fn found(queue: &mut Queue, identity: &Identity) -> Vec<(String, u8)> {
    queue
        .candidates(identity)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .map(|(p, m)| (p.iin.to_string(), m.score))
        .collect()
}

/// Requests that should find a registered person, made from the registry's own data:
/// the person again, names in the other order with a new document, the name written
/// from the Cyrillic by another transliteration, the same document with a birth date
/// one typo away and another surname; each branch of the server's search alone: the
/// same name born one digit off (another document), the same document under another
/// name and birth date, the same name of another citizenship (born one digit off, and
/// born otherwise), the same name born otherwise with another document, the name without
/// its patronymic born otherwise; and a few persons of another data set (mostly no
/// candidates).
fn queries(registry: &[(Iin, Identity)]) -> Vec<Identity> {
    let mut out = Vec::new();
    for (_, p) in registry.iter().step_by(97).take(25) {
        out.push(p.clone());
        let mut swapped = p.clone();
        std::mem::swap(&mut swapped.surname, &mut swapped.name);
        if let Some(d) = swapped.document.as_mut() {
            d.number = "ZZ9999999".into();
        }
        out.push(swapped);
        if let Some(surname) = &p.cyrillic.surname {
            let mut written = p.clone();
            written.surname = transliterate(surname);
            written.cyrillic = CyrillicName::default();
            out.push(written);
        }
        let mut near = p.clone();
        near.birth_date = near.birth_date.succ_opt().unwrap_or(near.birth_date);
        near.surname = "OTHERNAME".into();
        out.push(near);
        out.extend(branch_queries(p));
    }
    out.extend(demo_persons(999, 10).map(|(_, p)| p));
    out
}

/// `date` with the last digit of its year one off (the day and month kept).
fn year_one_digit_off(date: NaiveDate) -> NaiveDate {
    date.with_year(date.year() ^ 1).unwrap_or(date)
}

/// `date` eleven years earlier: two digits of the year off, no typo.
fn another_date(date: NaiveDate) -> NaiveDate {
    date.with_year(date.year() - 11).unwrap_or(date)
}

fn new_document(p: &mut Identity) {
    if let Some(d) = p.document.as_mut() {
        d.number = "QQ1234567".into();
    }
}

/// Requests that only one branch of the server's search finds `p` by.
fn branch_queries(p: &Identity) -> Vec<Identity> {
    let mut out = Vec::new();
    let mut near_date = p.clone();
    near_date.birth_date = year_one_digit_off(p.birth_date);
    new_document(&mut near_date);
    out.push(near_date.clone());
    let mut same_doc = p.clone();
    same_doc.surname = "OTHERNAME".into();
    same_doc.name = "SOMEONE".into();
    same_doc.patronymic = None;
    same_doc.cyrillic = CyrillicName::default();
    same_doc.birth_date = another_date(p.birth_date);
    out.push(same_doc);
    let mut citizenship = near_date.clone();
    citizenship.citizenship = if p.citizenship == "TUR" { "IRN" } else { "TUR" }.into();
    out.push(citizenship.clone());
    citizenship.birth_date = another_date(p.birth_date);
    out.push(citizenship);
    let mut same_name = p.clone();
    same_name.birth_date = another_date(p.birth_date);
    new_document(&mut same_name);
    out.push(same_name.clone());
    if same_name.patronymic.is_some() {
        same_name.patronymic = None;
        same_name.cyrillic.patronymic = None;
        out.push(same_name);
    }
    out
}

#[test]
fn the_server_finds_the_same_candidates_as_the_file_by_its_indexes() {
    let registry: Vec<(Iin, Identity)> = demo_persons(11, 3_000).collect();
    let file = Backend::file();
    let mut file_queue = file.open();
    let added = file_queue
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added, 3_000);
    // Again: nothing is registered twice.
    assert_eq!(
        file_queue.add_persons(&registry[..10], "test", now()).ok(),
        Some(0)
    );
    let server = Backend::server();
    let report = fill_registry(&url_of(&server), 3_000, 11, now(), &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((report.added, report.total), (3_000, 3_000));
    // The same seed again adds nothing.
    let again = fill_registry(&url_of(&server), 3_000, 11, now(), &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((again.added, again.skipped, again.total), (0, 3_000, 3_000));
    let mut server_queue = server.open();
    assert_eq!(server_queue.counts().map(|c| c.persons).ok(), Some(3_000));

    let mut with_candidates = 0;
    for (i, query) in queries(&registry).iter().enumerate() {
        let on_file = found(&mut file_queue, query);
        let on_server = found(&mut server_queue, query);
        assert_eq!(on_file, on_server, "query {i}: {query:?}");
        if !on_file.is_empty() {
            with_candidates += 1;
        }
    }
    assert!(
        with_candidates >= 75,
        "{with_candidates} queries found someone"
    );
    // The person again is its own best candidate.
    let (iin, person) = &registry[0];
    let best = found(&mut server_queue, person);
    assert_eq!(best.first().map(|b| b.0.as_str()), Some(iin.as_str()));
    assert_eq!(best.first().map(|b| b.1), Some(100));
}

/// A person whose every name part has a typo, born one digit off, with a document one
/// character off: a candidate by the score, found by the server's trigram index though
/// no name skeleton, birth date or document is equal (the file's search, which looks
/// for equal skeletons, misses such a person).
#[test]
fn the_server_finds_a_person_whose_every_name_part_has_a_typo() {
    let registry: Vec<(Iin, Identity)> = demo_persons(12, 2_000).collect();
    let (iin, person) = registry
        .iter()
        .find(|(_, p)| p.surname.len() >= 10 && p.patronymic.is_some())
        .cloned()
        .unwrap_or_else(|| panic!("a long name"));
    let typo = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        let at = chars.len() / 2;
        chars[at] = if chars[at] == 'X' { 'Q' } else { 'X' };
        chars.into_iter().collect::<String>()
    };
    let mut query = person.clone();
    query.surname = typo(&person.surname);
    query.name = typo(&person.name);
    query.patronymic = person.patronymic.as_deref().map(typo);
    query.cyrillic = CyrillicName::default();
    query.birth_date = person.birth_date.succ_opt().unwrap_or(person.birth_date);
    if let Some(d) = query.document.as_mut() {
        d.number = typo(&d.number);
    }
    assert!(
        compare(&query, &person).score >= CANDIDATE_SCORE,
        "the score makes it a candidate: {:?}",
        compare(&query, &person)
    );
    let server = Backend::server();
    fill_registry(&url_of(&server), 2_000, 12, now(), &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    let on_server = found(&mut server.open(), &query);
    assert!(
        on_server.iter().any(|(i, _)| i == iin.as_str()),
        "{on_server:?}"
    );
    let file = Backend::file();
    let mut file_queue = file.open();
    file_queue
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!found(&mut file_queue, &query)
        .iter()
        .any(|(i, _)| i == iin.as_str()));
}

#[test]
fn the_candidate_search_uses_the_registry_indexes_not_a_scan() {
    let server = Backend::server();
    let count = env_count("QUEUE_TEST_REGISTRY", 30_000) as u64;
    let report = fill_registry(&url_of(&server), count, 13, now(), &mut |_| {})
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.total, count);
    let mut queue = server.open();
    let Queue::Server(pg) = &mut queue else {
        panic!("a server")
    };
    let (_, person) = demo_persons(13, 1)
        .next()
        .unwrap_or_else(|| panic!("a person"));
    let plan = pg
        .explain_candidates(&person)
        .unwrap_or_else(|e| panic!("{e}"));
    for index in [
        "persons_birth_name",
        "persons_doc",
        "persons_name_key",
        "persons_name_tokens",
    ] {
        assert!(plan.contains(index), "{index}: {plan}");
    }
    // No trigram search over the whole registry (750 ms at a million persons).
    assert!(!plan.contains("persons_name_trgm"), "{plan}");
    assert!(!plan.contains("Seq Scan"), "{plan}");
    let db = queue_support::pg::database_of(&url_of(&server));
    let cluster = queue_support::pg::cluster();
    let mut admin = cluster.client(&db);
    let name_keys: i64 = admin
        .query_one(
            "SELECT count(*) FROM iin_queue.persons WHERE name_key = ''",
            &[],
        )
        .map(|r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(name_keys, 0, "every person has a name key");
    // One round trip for the search once its statement is prepared (with the
    // transaction's begin and commit).
    let _ = queue.candidates(&person);
    let Queue::Server(pg) = &mut queue else {
        panic!("a server")
    };
    let before = pg.round_trips();
    let _ = queue.candidates(&person);
    let Queue::Server(pg) = &mut queue else {
        panic!("a server")
    };
    assert_eq!(pg.round_trips() - before, 3);
}

#[test]
fn init_server_upgrades_a_version_1_registry_and_counters_wait_for_it() {
    let server = Backend::server();
    let url = url_of(&server);
    let registry: Vec<(Iin, Identity)> = demo_persons(14, 50).collect();
    server
        .open()
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    // Back to version 1, as a server made by the previous program is.
    let db = queue_support::pg::database_of(&url);
    let cluster = queue_support::pg::cluster();
    cluster
        .client(&db)
        .batch_execute(
            "SET search_path = iin_queue;
             ALTER TABLE persons DROP COLUMN name_key;
             CREATE INDEX persons_birth ON persons(birth_date);
             DELETE FROM meta WHERE key = 'trgm_schema';
             UPDATE meta SET value = '1' WHERE key = 'schema_version';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .err();
    let Some(e @ QueueError::ServerTooOld { found: 1, .. }) = refused else {
        panic!("{refused:?}")
    };
    assert!(e.is_offline());
    assert!(e.message(Lang::En).contains("init-server"), "{e}");
    assert!(e.message(Lang::Ru).contains("init-server"), "{e}");
    let outcome = init_server(&url).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(outcome, InitOutcome::Upgraded { from: 1, to, .. } if to == SERVER_SCHEMA_VERSION),
        "{outcome:?}"
    );
    assert!(matches!(
        init_server(&url),
        Ok(InitOutcome::AlreadyThere { .. })
    ));
    // The registered persons got their name keys and are found again.
    let (iin, person) = &registry[3];
    let mut query = person.clone();
    query.document = None;
    let mut queue = server.open();
    assert!(found(&mut queue, &query)
        .iter()
        .any(|(i, _)| i == iin.as_str()));
}

/// A version 2 server (name keys, the whole-registry trigram index) is brought to
/// version 3: the trigram index gives way to the candidate search's indexes, and the
/// registered persons are found as before.
#[test]
fn init_server_upgrades_a_version_2_registry_to_the_candidate_indexes() {
    let server = Backend::server();
    let url = url_of(&server);
    let registry: Vec<(Iin, Identity)> = demo_persons(15, 50).collect();
    server
        .open()
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let db = queue_support::pg::database_of(&url);
    let cluster = queue_support::pg::cluster();
    let mut admin = cluster.client(&db);
    admin
        .batch_execute(
            "SET search_path = iin_queue;
             DROP INDEX persons_birth_name; DROP INDEX persons_name_key;
             DROP INDEX persons_name_tokens;
             CREATE INDEX persons_birth ON persons(birth_date);
             CREATE INDEX persons_name_trgm ON persons USING gin (name_key gin_trgm_ops);
             UPDATE meta SET value = '2' WHERE key = 'schema_version';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .err();
    assert!(
        matches!(refused, Some(QueueError::ServerTooOld { found: 2, .. })),
        "{refused:?}"
    );
    let outcome = init_server(&url).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(outcome, InitOutcome::Upgraded { from: 2, to, .. } if to == SERVER_SCHEMA_VERSION),
        "{outcome:?}"
    );
    let indexes: Vec<String> = admin
        .query(
            "SELECT indexname::text FROM pg_indexes
             WHERE schemaname = 'iin_queue' AND tablename = 'persons' ORDER BY 1",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        indexes,
        [
            "persons_birth_name",
            "persons_doc",
            "persons_name_key",
            "persons_name_tokens",
            "persons_pkey"
        ],
        "{indexes:?}"
    );
    // Found by the name alone: born otherwise, without a document.
    let (iin, person) = &registry[7];
    let mut query = person.clone();
    query.document = None;
    query.birth_date = another_date(person.birth_date);
    let mut queue = server.open();
    let on_server = found(&mut queue, &query);
    assert!(
        on_server.iter().any(|(i, _)| i == iin.as_str()),
        "{on_server:?}: {:?}",
        compare(&query, person)
    );
}

/// A name part with one letter changed, added or dropped (by `k`).
fn typo(part: &str, k: usize) -> String {
    let mut chars: Vec<char> = part.chars().collect();
    if chars.is_empty() {
        return part.to_string();
    }
    let at = (k * 7 + 3) % chars.len();
    match k % 3 {
        0 => chars[at] = if chars[at] == 'E' { 'O' } else { 'E' },
        1 => chars.insert(at, 'U'),
        _ => {
            chars.remove(at);
        }
    }
    chars.into_iter().collect()
}

/// `date` one typo away, by `k`: a day later or earlier, a year digit off, or day and
/// month swapped (when that is a date).
fn near_date(date: NaiveDate, k: usize) -> NaiveDate {
    let swapped = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month());
    match k % 4 {
        0 => date.succ_opt(),
        1 => year_one_digit_off(date).into(),
        2 => swapped.filter(|d| *d != date).or(date.pred_opt()),
        _ => date.pred_opt(),
    }
    .unwrap_or(date)
}

/// Registered persons made around `p` (the `k`-th): born one typo away with the name
/// written otherwise (typos in one or every part, a part dropped, doubled, a one-letter
/// part, only the Cyrillic, another's surname), documents the same, one typo away, or
/// written with a space; and one born the same day under another name.
fn around(p: &Identity, other: &Identity, k: usize) -> Vec<Identity> {
    let near = |f: &dyn Fn(&mut Identity)| {
        let mut v = p.clone();
        v.birth_date = near_date(p.birth_date, k);
        f(&mut v);
        v
    };
    let near_doc = |v: &mut Identity| {
        if let Some(d) = v.document.as_mut() {
            d.number.push('7');
        }
    };
    vec![
        near(&|v| v.surname = typo(&v.surname, k)),
        near(&|v| {
            v.surname = typo(&v.surname, k + 1);
            v.name = typo(&v.name, k + 2);
            v.patronymic = v.patronymic.as_deref().map(|x| typo(x, k));
            v.cyrillic = CyrillicName::default();
            near_doc(v);
        }),
        near(&|v| {
            v.patronymic = None;
            v.cyrillic.patronymic = None;
            v.name = format!("{} A", v.name);
            near_doc(v);
        }),
        near(&|v| {
            v.name = format!("{} {}", v.name, v.name);
            v.citizenship = "TUR".into();
        }),
        near(&|v| {
            v.surname = other.surname.clone();
            v.cyrillic = CyrillicName::default();
            near_doc(v);
        }),
        near(&|v| {
            v.surname = typo(&other.surname, k);
            v.name = other.name.clone();
            v.document = None;
        }),
        near(&|v| {
            std::mem::swap(&mut v.surname, &mut v.name);
            v.sex = if v.sex == Sex::Male {
                Sex::Female
            } else {
                Sex::Male
            };
        }),
        {
            let mut v = other.clone();
            v.birth_date = p.birth_date;
            v
        },
        {
            let mut v = other.clone();
            v.birth_date = another_date(p.birth_date);
            if let (Some(d), Some(pd)) = (v.document.as_mut(), p.document.as_ref()) {
                d.number = format!("{} {}", &pd.number[..2], &pd.number[2..]);
            }
            v
        },
    ]
}

/// A registered person with what [`flagged`] compares, computed once.
struct Registered {
    iin: String,
    identity: Identity,
    key: String,
    doc: Option<String>,
}

fn registered(iin: String, p: &Identity) -> Registered {
    use iin_desk::domain::dedup::normalize_document;
    use iin_desk::queue::server::schema::name_key;
    Registered {
        iin,
        identity: p.clone(),
        key: name_key(p),
        doc: p
            .document
            .as_ref()
            .map(|d| normalize_document(&d.number))
            .filter(|d| !d.is_empty()),
    }
}

/// The persons of `registry` that `dedup` flags for `q` and that the server's search
/// promises to fetch (`queue::server::candidates`): the same birth date, the same
/// document as `dedup` compares it, a birth date one typo away, the same name key, or
/// every skeleton of a name of two parts or more.
fn flagged(registry: &[Registered], q: &Identity) -> Vec<(String, u8)> {
    use iin_desk::queue::server::candidates::near_birth_dates;
    let near = near_birth_dates(q.birth_date);
    let q = registered(String::new(), q);
    let tokens: BTreeSet<&str> = q.key.split(' ').filter(|t| !t.is_empty()).collect();
    let mut out: Vec<(String, u8)> = registry
        .iter()
        .filter(|p| {
            p.identity.birth_date == q.identity.birth_date
                || (q.doc.is_some() && q.doc == p.doc)
                || near.contains(&p.identity.birth_date)
                || (!q.key.is_empty() && q.key == p.key)
                || (tokens.len() >= 2 && tokens.is_subset(&p.key.split(' ').collect()))
        })
        .map(|p| (p.iin.clone(), compare(&q.identity, &p.identity)))
        .filter(|(_, m)| m.is_candidate())
        .map(|(iin, m)| (iin, m.score))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

/// Brute force against the search (schema 5's exact pre-filter for the near birth
/// dates): over a registry built around demo persons — typos, near dates, swapped day
/// and month, parts dropped, doubled or of one letter, documents one typo away or
/// written with a space — every request finds exactly the persons `dedup` flags among
/// those the search promises to fetch, with the same scores.
#[test]
fn the_search_returns_exactly_what_dedup_flags_by_brute_force() {
    let bases: Vec<(Iin, Identity)> = demo_persons(21, 160).collect();
    let mut registry = bases.clone();
    let mut serial = 3_000;
    for (k, (_, p)) in bases.iter().enumerate() {
        let other = &bases[(k * 31 + 17) % bases.len()].1;
        for v in around(p, other, k) {
            let iin = loop {
                serial += 1;
                if let Ok(iin) = iin_desk::domain::iin::generate(v.birth_date, v.sex, serial) {
                    break iin;
                }
            };
            registry.push((iin, v));
        }
    }
    let server = Backend::server();
    let mut queue = server.open();
    let added = queue
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added as usize, registry.len());
    let brute: Vec<Registered> = registry
        .iter()
        .map(|(iin, p)| registered(iin.to_string(), p))
        .collect();
    let (mut requests, mut near_only) = (0, 0);
    for (k, (_, p)) in bases.iter().enumerate().step_by(4) {
        let other = &bases[(k * 13 + 5) % bases.len()].1;
        let mut asked = vec![p.clone()];
        asked.extend(around(p, other, k + 1));
        let mut renamed = p.clone();
        renamed.surname = typo(&p.surname, k + 2);
        renamed.document = None;
        asked.push(renamed);
        for q in asked {
            let expected = flagged(&brute, &q);
            let got = found(&mut queue, &q);
            assert_eq!(got, expected, "request {q:?}");
            requests += 1;
            let near = iin_desk::queue::server::candidates::near_birth_dates(q.birth_date);
            near_only += registry
                .iter()
                .filter(|(iin, r)| {
                    near.contains(&r.birth_date) && got.iter().any(|g| g.0 == iin.as_str())
                })
                .count();
        }
    }
    assert!(requests >= 400, "{requests}");
    // The near-birth-date branch was put to the test, not only the others.
    assert!(near_only > 100, "{near_only} candidates born one typo away");
}

/// A version 4 server (the trigram test on the near birth dates) is brought to version
/// 5: the functions and the two indexes made again, same names; persons found as before.
#[test]
fn init_server_upgrades_a_version_4_registry_to_the_bigram_signature() {
    let server = Backend::server();
    let url = url_of(&server);
    let registry: Vec<(Iin, Identity)> = demo_persons(16, 50).collect();
    server
        .open()
        .add_persons(&registry, "test", now())
        .unwrap_or_else(|e| panic!("{e}"));
    let db = queue_support::pg::database_of(&url);
    let cluster = queue_support::pg::cluster();
    let mut admin = cluster.client(&db);
    admin
        .batch_execute(
            "SET search_path = iin_queue;
             DROP INDEX persons_birth_name; DROP INDEX persons_doc;
             DROP FUNCTION name_sig(text); DROP FUNCTION doc_key(text);
             CREATE INDEX persons_birth_name ON persons(birth_date, name_key) INCLUDE (iin);
             CREATE INDEX persons_doc ON persons(doc_number);
             UPDATE meta SET value = '4' WHERE key = 'schema_version';",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let refused = Queue::open(
        &QueueLocation::parse(&url),
        OpenMode::MustExist,
        CentralOptions::default(),
        None,
    )
    .err();
    assert!(
        matches!(refused, Some(QueueError::ServerTooOld { found: 4, .. })),
        "{refused:?}"
    );
    let outcome = init_server(&url).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        matches!(outcome, InitOutcome::Upgraded { from: 4, to: 5, .. }),
        "{outcome:?}"
    );
    let definitions: Vec<String> = admin
        .query(
            "SELECT indexdef::text FROM pg_indexes WHERE schemaname = 'iin_queue'
             AND indexname IN ('persons_birth_name', 'persons_doc') ORDER BY indexname",
            &[],
        )
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        definitions[0].contains("name_sig(name_key)"),
        "{definitions:?}"
    );
    assert!(
        definitions[1].contains("doc_key(doc_number)"),
        "{definitions:?}"
    );
    // The server's signature is the program's (the filter's two halves agree).
    for key in ["", "AB", "ALIBEK KAMANUOV NURLANOVIC", "OVA ZZZ NA"] {
        use iin_desk::queue::server::candidates::{bigram_signature, bits_text};
        let sig: String = admin
            .query_one("SELECT iin_queue.name_sig($1)::text", &[&key])
            .map(|r| r.get(0))
            .unwrap_or_else(|e| panic!("{e}"));
        let bits = bigram_signature(key);
        let complement = [!bits[0], !bits[1], !bits[2], !bits[3]];
        assert_eq!(sig, bits_text(&complement), "{key}");
    }
    let (iin, person) = &registry[9];
    let mut query = person.clone();
    query.birth_date = near_date(person.birth_date, 0);
    query.surname = typo(&person.surname, 1);
    new_document(&mut query);
    let mut queue = server.open();
    assert!(found(&mut queue, &query)
        .iter()
        .any(|(i, _)| i == iin.as_str()));
}
