//! The server's candidate search: which registered persons are fetched for `dedup` to
//! score, in one statement over the registry's indexes (schema version 3), without
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
//! | the same document number                 | `persons_doc` (btree)                   |
//! | the same name skeletons                  | `persons_name_key` (btree)              |
//! | every name skeleton of the request's     | `persons_name_tokens` (GIN on arrays)   |
//! | a birth date one typo away, name similar | `persons_birth_name` (index-only), then |
//! |   by trigrams ([`NEAR_DATE_SIMILARITY`]) |   pg_trgm's `similarity` on the keys    |
//!
//! A trigram search over the whole registry is not one of them: given names are few, so
//! their trigrams are in a good part of the registry and the index alone reads tens of
//! thousands of entries (750 ms at 1,000,000 persons); nearly equal names with neither
//! date nor document alike and a typo are left to the operator's search.

use chrono::{Datelike, NaiveDate};

use super::schema::{name_key, quote_ident};
use crate::domain::identity::Identity;
use crate::queue::sql::Val;

/// The trigram similarity of the name keys from which a person born one typo away is
/// fetched. Such a person is a candidate from a `dedup` name similarity of about 0.83
/// (with a near document or citizenship); a typo in every name part still leaves well
/// over a third of the trigrams. The rows it filters are few (those born on the near
/// dates), so it can be low.
pub const NEAR_DATE_SIMILARITY: f64 = 0.3;

/// The statement that fetches a server's candidates in one round trip ($1 birth date,
/// $2 document number or NULL, $3 name key, $4 the near birth dates joined by commas);
/// `trgm` is the schema of pg_trgm.
pub(crate) fn sql(trgm: &str) -> String {
    let trgm = quote_ident(trgm);
    format!(
        "SELECT iin, identity, version FROM persons WHERE birth_date = $1
         UNION SELECT iin, identity, version FROM persons WHERE doc_number = $2
         UNION SELECT iin, identity, version FROM persons WHERE name_key = $3 AND $3 <> ''
         UNION SELECT iin, identity, version FROM persons
             WHERE string_to_array(name_key, ' ') @> string_to_array($3, ' ')
               AND cardinality(string_to_array($3, ' ')) >= 2
         UNION SELECT iin, identity, version FROM persons WHERE iin IN (
             SELECT n.iin FROM persons n
             WHERE n.birth_date = ANY (string_to_array($4, ','))
               AND {trgm}.similarity(n.name_key, $3) >= {NEAR_DATE_SIMILARITY})"
    )
}

/// The parameters of [`sql`] for `identity`.
pub(crate) fn params(identity: &Identity) -> [Val; 4] {
    let doc = identity
        .document
        .as_ref()
        .map(|d| d.number.trim().to_ascii_uppercase())
        .filter(|d| !d.is_empty());
    let near: Vec<String> = near_birth_dates(identity.birth_date)
        .iter()
        .map(ToString::to_string)
        .collect();
    [
        Val::from(identity.birth_date.to_string()),
        Val::from(doc),
        Val::from(name_key(identity)),
        Val::from(near.join(",")),
    ]
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
