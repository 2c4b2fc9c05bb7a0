//! The server's candidate search: which registered persons are fetched for `dedup` to
//! score, in one statement over the registry's indexes (schema version 5), without
//! reading more than a few hundred of millions of rows.
//!
//! `dedup` makes a candidate from 50 points: a name adds up to 45, the same birth date
//! 25 (one digit off 12), the same document 20 (one character off 8), the same
//! citizenship 10. So a candidate has the same birth date, or the same document, or a
//! birth date one typo away and a similar name, or (with neither) a nearly equal name.
//! Each is a branch of the statement, each on its own index:
//!
//! | branch                                   | index                                   |
//! |------------------------------------------|-----------------------------------------|
//! | the same birth date                      | `persons_birth_name` (btree)            |
//! | the same document number, as `dedup`     | `persons_doc` (btree on `doc_key`)      |
//! |   compares it (letters and digits)       |                                         |
//! | the same name skeletons                  | `persons_name_key` (btree)              |
//! | every name skeleton of the request's     | `persons_name_tokens` (GIN on arrays)   |
//! | a birth date one typo away and a name    | `persons_birth_name` (index-only, with  |
//! |   that can still make 50 points          |   the key's bigram signature)           |
//!
//! The near-birth-date branch is where the time went (schema 4: 52 of 61–67 ms at
//! 5,000,000 persons, pg_trgm's `similarity` on the ~6,900 keys born on the ~55 near
//! dates, ~7 µs a call under load). Schema 5 replaces it by an exact pre-filter derived
//! from `dedup`'s own scoring ([`signature`]): a few bit operations per key on a bigram
//! signature stored in the index, so that the branch reads the index alone and fetches
//! only the persons who can be candidates. Why this one: the filter costs ~1 µs a key
//! against ~10 µs for `similarity` (measured on the same machine: at 5,000,000 persons
//! the branch went from 52 to ~24 ms under `EXPLAIN ANALYZE`, ~180 of ~6,900 keys
//! passing, the whole statement from 61–67 to 37 ms, 18 ms without the
//! instrumentation); it keeps one round trip; checking the keys in Rust instead needs a
//! second round trip and ships ~6,900 keys a request; a composite `btree_gin` index over (birth date,
//! trigrams) was not built (the trigram posting lists of common given names are what
//! made schema 2 slow); and the trigram threshold it replaces had no proof behind it
//! (an extra name part on one side lowers the keys' trigram similarity, while `dedup`
//! pairs the parts and still flags the person).
//!
//! A trigram search over the whole registry is not one of the branches: given names are
//! few, so their trigrams are in a good part of the registry and the index alone reads
//! tens of thousands of entries (750 ms at 1,000,000 persons); nearly equal names with
//! neither date nor document alike and a typo are left to the operator's search.

pub(crate) mod signature;

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

pub use signature::{
    bigram_signature, bits_text, near_name_test, Bits, NearNameTest, MAX_PAIRS, MAX_SLOTS, SIG_BITS,
};

use super::connect::SCHEMA;
use super::schema::{name_key, quote_ident};
use crate::domain::dedup;
use crate::domain::identity::Identity;
use crate::queue::sql::Val;

/// The first parameter of the per-token slots (after $1 … $4 and the slot count $5).
const FIRST_SLOT: usize = 6;
/// The parameter of the pair count.
const PAIR_COUNT: usize = FIRST_SLOT + 2 * MAX_SLOTS;

/// `CASE` chain of the per-token test: passes when the count ($5) is negative, else
/// when one of the first $5 slots ($6 mask, $7 most missing, …) has at most that many
/// bigrams missing from the key's signature `s.k`.
fn slot_test() -> String {
    let mut sql = String::from("CASE WHEN $5::int4 < 0 THEN true");
    for i in 0..MAX_SLOTS {
        let mask = FIRST_SLOT + 2 * i;
        let _ = write!(
            sql,
            " WHEN $5::int4 < {} THEN false WHEN bit_count((SELECT ${mask}::text::bit({SIG_BITS})) & s.k) <= ${}::int8 THEN true",
            i + 1,
            mask + 1
        );
    }
    sql.push_str(" ELSE false END");
    sql
}

/// `CASE` chain of the pair test, as [`slot_test`] with three parameters a pair.
fn pair_test() -> String {
    let count = PAIR_COUNT;
    let mut sql = format!("CASE WHEN ${count}::int4 < 0 THEN true");
    for i in 0..MAX_PAIRS {
        let a = count + 1 + 3 * i;
        let _ = write!(
            sql,
            " WHEN ${count}::int4 < {} THEN false WHEN bit_count((SELECT ${a}::text::bit({SIG_BITS})) & s.k) \
             + bit_count((SELECT ${}::text::bit({SIG_BITS})) & s.k) <= ${}::int8 THEN true",
            i + 1,
            a + 1,
            a + 2
        );
    }
    sql.push_str(" ELSE false END");
    sql
}

/// The statement that fetches a server's candidates in one round trip ($1 birth date,
/// $2 document number as `dedup` compares it, or NULL, $3 name key, $4 the near birth
/// dates joined by commas, then the near-birth-date name test: [`params`]).
pub(crate) fn sql() -> String {
    let schema = quote_ident(SCHEMA);
    format!(
        "SELECT iin, identity, version FROM persons WHERE birth_date = $1
         UNION SELECT iin, identity, version FROM persons WHERE {schema}.doc_key(doc_number) = $2
         UNION SELECT iin, identity, version FROM persons WHERE name_key = $3 AND $3 <> ''
         UNION SELECT iin, identity, version FROM persons
             WHERE string_to_array(name_key, ' ') @> string_to_array($3, ' ')
               AND cardinality(string_to_array($3, ' ')) >= 2
         UNION SELECT iin, identity, version FROM persons WHERE iin IN (
             SELECT s.iin FROM (
                 SELECT n.iin, {schema}.name_sig(n.name_key) AS k FROM persons n
                 WHERE n.birth_date = ANY (string_to_array($4, ','))
                 OFFSET 0) s
             WHERE ({}) AND ({}))",
        slot_test(),
        pair_test()
    )
}

/// The parameters of [`sql`] for `identity`.
pub(crate) fn params(identity: &Identity) -> Vec<Val> {
    let doc = identity
        .document
        .as_ref()
        .map(|d| dedup::normalize_document(&d.number))
        .filter(|d| !d.is_empty());
    let near: Vec<String> = near_birth_dates(identity.birth_date)
        .iter()
        .map(ToString::to_string)
        .collect();
    let mut out = vec![
        Val::from(identity.birth_date.to_string()),
        doc.map_or(Val::Null, Val::from),
        Val::from(name_key(identity)),
        Val::from(near.join(",")),
    ];
    let test = near_name_test(identity);
    let count = |n: Option<usize>| Val::Int(n.map_or(-1, |n| i64::try_from(n).unwrap_or(-1)));
    out.push(count(test.slots.as_ref().map(Vec::len)));
    let slots = test.slots.unwrap_or_default();
    for i in 0..MAX_SLOTS {
        let (mask, most) = slots.get(i).copied().unwrap_or(([0; 4], -1));
        out.extend([Val::Text(bits_text(&mask)), Val::Int(most)]);
    }
    out.push(count(test.pairs.as_ref().map(Vec::len)));
    let pairs = test.pairs.unwrap_or_default();
    for i in 0..MAX_PAIRS {
        let (a, b, most) = pairs.get(i).copied().unwrap_or(([0; 4], [0; 4], -1));
        out.extend([
            Val::Text(bits_text(&a)),
            Val::Text(bits_text(&b)),
            Val::Int(most),
        ]);
    }
    out
}

/// The dates one typo away from `date`, as `dedup` counts them: one digit of YYYYMMDD
/// other, or day and month swapped; valid dates only, sorted.
pub fn near_birth_dates(date: NaiveDate) -> Vec<NaiveDate> {
    let digits = [
        date.year() / 1000 % 10,
        date.year() / 100 % 10,
        date.year() / 10 % 10,
        date.year() % 10,
        (date.month() / 10) as i32,
        (date.month() % 10) as i32,
        (date.day() / 10) as i32,
        (date.day() % 10) as i32,
    ];
    let mut out = Vec::new();
    for at in 0..digits.len() {
        for digit in 0..10 {
            if digit == digits[at] {
                continue;
            }
            let mut d = digits;
            d[at] = digit;
            let year = d[0] * 1000 + d[1] * 100 + d[2] * 10 + d[3];
            let (Ok(month), Ok(day)) = (
                u32::try_from(d[4] * 10 + d[5]),
                u32::try_from(d[6] * 10 + d[7]),
            ) else {
                continue;
            };
            if let Some(near) = NaiveDate::from_ymd_opt(year, month, day) {
                out.push(near);
            }
        }
    }
    if let Some(swapped) = NaiveDate::from_ymd_opt(date.year(), date.day(), date.month()) {
        if swapped != date {
            out.push(swapped);
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dedup::{compare, Reason};
    use crate::queue::demo_registry::demo_person;

    /// Every date `dedup` calls near is generated, and nothing else: checked against
    /// `dedup::compare` over every date of a range, for dates chosen to hit the edges
    /// (month ends, a leap day, swappable and unswappable day and month).
    #[test]
    fn near_birth_dates_are_exactly_the_ones_dedup_calls_near() {
        let Some((_, person)) = demo_person(5, 1) else {
            panic!("a person")
        };
        let near_by_dedup = |a: NaiveDate, b: NaiveDate| {
            let mut x = person.clone();
            x.birth_date = a;
            let mut y = person.clone();
            y.birth_date = b;
            compare(&x, &y).reasons.contains(&Reason::NearBirthDate)
        };
        let from = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap_or_default();
        let to = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default();
        for (y, m, d) in [(1988, 3, 2), (2000, 2, 29), (1979, 12, 31), (2004, 11, 11)] {
            let Some(date) = NaiveDate::from_ymd_opt(y, m, d) else {
                panic!("{y}-{m}-{d}")
            };
            let generated = near_birth_dates(date);
            for near in &generated {
                assert!(near_by_dedup(date, *near), "{date} {near}");
            }
            let in_range: Vec<NaiveDate> = from
                .iter_days()
                .take_while(|d| *d < to)
                .filter(|d| near_by_dedup(date, *d))
                .collect();
            let generated_in_range: Vec<NaiveDate> = generated
                .iter()
                .copied()
                .filter(|d| *d >= from && *d < to)
                .collect();
            assert_eq!(generated_in_range, in_range, "{date}");
        }
    }
}
