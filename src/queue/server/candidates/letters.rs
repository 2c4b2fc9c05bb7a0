//! The name test of the near-birth-date branch: an exact pre-filter derived from
//! `dedup`'s scoring, evaluated in the index alone on a 64-bit *letter signature* of
//! each registered name key (schema version 5), so that no trigram similarity is
//! computed at all.
//!
//! **Why it is exact.** A person born one typo away gets 12 points for the date and at
//! most 18 more from the other fields (a document one typo away, 8 — the same document
//! is found by its own branch —, and the same citizenship, 10; without a document on
//! the request, 10). To reach 50 the name must bring `needed` points, so its similarity
//! must be at least `s` ([`dedup::least_name_similarity`], 0.83 and 0.8833). `dedup`'s
//! similarity of two token lists is `Σ(w − e) / Σw` over the pairs it makes (`w` the
//! longer token's length, `e` their edit distance), times 0.8 for one part against
//! several. As `s > 0.8`, both lists have two parts or more, or one each; and
//! `sim ≥ s ⇔ Σ((1 − s)·w − e) ≥ 0` over the pairs. For one pair (request token `t`):
//!
//! - when the registered token `u` is in the name key (two letters or more), the letters
//!   of `t` missing from the whole key, counted with repetition (`miss`), are at most
//!   `e` (an edit fixes at most one letter), and `w ≤ len t + e`; so
//!   `(1 − s)·w − e ≤ (1 − s)·len t − s·miss`;
//! - when `u` is a one-letter part (not in the key), `w = len t` and `e ≥ len t − 1`,
//!   so `(1 − s)·w − e ≤ 1 − s·len t`.
//!
//! So each request token `t` has a bound `H(t)` computable from the key alone, and a
//! candidate needs two tokens of one request variant with `H(t₁) + H(t₂) ≥ 0` (the
//! best two of the paired ones; a one-part variant: `H(t) ≥ 0`), hence also one token
//! with `H(t) ≥ 0`. Counting letters with a cap (a signature holds "at least k of this
//! letter" for k up to the cap) only lowers `miss`, which keeps the test a necessary
//! condition. The one-letter case is folded in by dropping a bit of a short token's
//! mask (its `miss` then never exceeds where `1 − s·len t` takes over). The scale is in
//! thousandths, rounded towards letting more through.
//!
//! **How it is cheap.** The key's signature is stored *complemented* in the index
//! (`name_sig(name_key)`, an expression column), so a token's `miss` is
//! `bit_count(mask & sig)`: four built-in operators per token instead of a trigram
//! similarity (~7 µs a call under load): the two tests are `CASE` chains over fixed
//! parameter slots, the cheap one per token first, the pairs only for what passes.

use crate::domain::dedup::{
    self, CANDIDATE_SCORE, CITIZENSHIP_POINTS, NEAR_BIRTH_POINTS, NEAR_DOCUMENT_POINTS,
    ONE_PART_FACTOR,
};
use crate::domain::identity::Identity;

/// The letters a name skeleton is made of and how many of each the signature counts
/// (its bits: "at least 1", "at least 2", … up to the cap), in bit order; 59 bits.
/// Frequent letters get more. A letter not listed (none is, after `dedup::skeleton`)
/// would only be ignored, which lets more through.
pub(crate) const LETTERS: [(char, u32); 22] = [
    ('A', 6),
    ('I', 4),
    ('E', 3),
    ('N', 4),
    ('O', 3),
    ('R', 3),
    ('S', 3),
    ('L', 3),
    ('K', 3),
    ('M', 3),
    ('T', 3),
    ('U', 3),
    ('B', 2),
    ('D', 2),
    ('V', 2),
    ('G', 2),
    ('Z', 2),
    ('J', 2),
    ('H', 2),
    ('C', 2),
    ('F', 1),
    ('P', 1),
];

/// Request tokens (over both variants) the per-token test has parameters for.
pub const MAX_SLOTS: usize = 8;
/// Token pairs the pair test has parameters for.
pub const MAX_PAIRS: usize = 12;
/// Similarities are compared in thousandths.
const SCALE: i64 = 1000;

/// The letter signature of `text` (a name key or a token): for each letter of
/// [`LETTERS`], one bit per occurrence up to its cap. The index stores its complement.
pub fn letter_signature(text: &str) -> i64 {
    let mut sig = 0_i64;
    let mut offset = 0;
    for (letter, cap) in LETTERS {
        let count = text.chars().filter(|c| *c == letter).count();
        let n = u32::try_from(count).unwrap_or(cap).min(cap);
        sig |= ((1_i64 << n) - 1) << offset;
        offset += cap;
    }
    sig
}

/// `CREATE FUNCTION` of `name_sig(key)`: the complement of [`letter_signature`] in SQL,
/// made from the same table. Immutable and inlinable, for the expression index.
pub(crate) fn name_sig_function(schema: &str) -> String {
    let mut parts = Vec::new();
    let mut offset = 0;
    for (letter, cap) in LETTERS {
        parts.push(format!(
            "(((1::int8 << least(length(key) - length(replace(key, '{letter}', '')), {cap})) - 1) << {offset})"
        ));
        offset += cap;
    }
    format!(
        "CREATE OR REPLACE FUNCTION {schema}.name_sig(key text) RETURNS bigint
         LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT ~({}) $fn$;",
        parts.join("\n | ")
    )
}

/// The near-birth-date name test for one request: per-token slots (mask, most letters
/// missing) and pairs (two masks, most letters missing from both together). `None`:
/// the test passes every person (too many tokens for the slots, or no bound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearNameTest {
    /// Some token must have at most this many letters missing.
    pub slots: Option<Vec<(i64, i64)>>,
    /// Some pair of one variant must have at most this many missing together.
    pub pairs: Option<Vec<(i64, i64, i64)>>,
}

impl NearNameTest {
    fn everyone() -> Self {
        NearNameTest {
            slots: None,
            pairs: None,
        }
    }

    fn no_one() -> Self {
        NearNameTest {
            slots: Some(Vec::new()),
            pairs: Some(Vec::new()),
        }
    }

    /// Whether a registered person with name key `key` passes (what the server
    /// computes; for tests).
    pub fn passes(&self, key: &str) -> bool {
        let sig = !letter_signature(key);
        let missing = |mask: i64| i64::from((mask & sig).count_ones());
        let slots = self
            .slots
            .as_ref()
            .is_none_or(|s| s.iter().any(|&(m, most)| missing(m) <= most));
        let pairs = self
            .pairs
            .as_ref()
            .is_none_or(|p| p.iter().any(|&(a, b, most)| missing(a) + missing(b) <= most));
        slots && pairs
    }
}

/// The least name similarity (in thousandths, rounded down) a person born one typo
/// away from `identity` needs to be a candidate; `None` when any name may do.
fn least_similarity(identity: &Identity) -> Result<Option<i64>, ()> {
    let has_document = identity
        .document
        .as_ref()
        .is_some_and(|d| !dedup::normalize_document(&d.number).is_empty());
    let others = CITIZENSHIP_POINTS + if has_document { NEAR_DOCUMENT_POINTS } else { 0 };
    let needed = i32::from(CANDIDATE_SCORE) - NEAR_BIRTH_POINTS - others;
    // No name gets that many points: no near-born person is a candidate.
    let Some(least) = dedup::least_name_similarity(needed) else {
        return Err(());
    };
    // The pair argument needs one part against several to fall short.
    if least <= ONE_PART_FACTOR {
        return Ok(None);
    }
    let milli = (least * SCALE as f64 - 1e-6).floor() as i64;
    Ok(Some(milli.clamp(1, SCALE - 1)))
}

/// A request token's mask and length, the mask thinned for a short token so that its
/// `(1 − s)·len − s·miss` never falls below the one-letter case's `1 − s·len`.
fn token_mask(token: &str, s: i64) -> (i64, i64) {
    let len = i64::try_from(token.chars().count()).unwrap_or(i64::MAX / SCALE);
    let mut mask = letter_signature(token);
    while mask != 0
        && (SCALE - s) * len - s * i64::from(mask.count_ones()) < SCALE - s * len
    {
        mask &= mask - 1;
    }
    (mask, len)
}

/// The near-birth-date name test for a request for `identity`.
pub fn near_name_test(identity: &Identity) -> NearNameTest {
    let s = match least_similarity(identity) {
        Err(()) => return NearNameTest::no_one(),
        Ok(None) => return NearNameTest::everyone(),
        Ok(Some(s)) => s,
    };
    let variants = dedup::name_variants(identity);
    if variants.is_empty() {
        // No name: no similarity, no candidate among the near-born.
        return NearNameTest::no_one();
    }
    let most = |len: i64| (SCALE - s) * len / s;
    let mut slots = Vec::new();
    let mut pairs = Vec::new();
    for variant in &variants {
        let tokens: Vec<(i64, i64)> = variant.iter().map(|t| token_mask(t, s)).collect();
        for &(mask, len) in &tokens {
            slots.push((mask, most(len)));
        }
        if let [(mask, len)] = tokens[..] {
            pairs.push((mask, 0, most(len)));
        }
        for (i, &(a, la)) in tokens.iter().enumerate() {
            for &(b, lb) in &tokens[i + 1..] {
                let (a, b) = if a <= b { (a, b) } else { (b, a) };
                pairs.push((a, b, most(la + lb)));
            }
        }
    }
    slots.sort_unstable();
    slots.dedup();
    pairs.sort_unstable();
    pairs.dedup();
    NearNameTest {
        slots: (slots.len() <= MAX_SLOTS).then_some(slots),
        pairs: (pairs.len() <= MAX_PAIRS).then_some(pairs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dedup::compare;
    use crate::queue::demo_registry::demo_person;

    #[test]
    fn the_signature_fits_and_counts_up_to_the_caps() {
        let bits: u32 = LETTERS.iter().map(|l| l.1).sum();
        assert!(bits <= 63, "{bits}");
        assert_eq!(letter_signature(""), 0);
        assert_eq!(letter_signature("A"), 1);
        assert_eq!(letter_signature("AAAAAAAAA"), 0b11_1111);
        assert_eq!(letter_signature("AI"), 1 | 1 << 6);
        assert_eq!(letter_signature("PP"), 1 << 58);
        // Masks of a short token are thinned, of a long one kept.
        assert_eq!(token_mask("AB", 829).0.count_ones(), 1);
        assert_eq!(token_mask("ALIBEK", 829).0.count_ones(), 6);
    }

    /// A name part with one letter changed, one added, one dropped (by `k`).
    fn typo(part: &str, k: usize) -> String {
        let mut chars: Vec<char> = part.chars().collect();
        if chars.is_empty() {
            return part.to_string();
        }
        let at = k % chars.len();
        match k % 3 {
            0 => chars[at] = if chars[at] == 'E' { 'O' } else { 'E' },
            1 => chars.insert(at, 'U'),
            _ => {
                chars.remove(at);
            }
        }
        chars.into_iter().collect()
    }

    /// Ways a person's name is written otherwise: typos in one or every part, parts
    /// dropped, swapped, doubled, an initial added, the other script only, another's name.
    pub(crate) fn variations(p: &Identity, other: &Identity, k: usize) -> Vec<Identity> {
        let mut out = vec![p.clone()];
        let mut v = p.clone();
        v.surname = typo(&p.surname, k);
        out.push(v);
        let mut v = p.clone();
        v.surname = typo(&p.surname, k + 1);
        v.name = typo(&p.name, k + 2);
        v.patronymic = p.patronymic.as_deref().map(|x| typo(x, k));
        v.cyrillic = Default::default();
        out.push(v);
        let mut v = p.clone();
        v.patronymic = None;
        v.cyrillic.patronymic = None;
        out.push(v);
        let mut v = p.clone();
        std::mem::swap(&mut v.surname, &mut v.name);
        v.name = typo(&v.name, k);
        out.push(v);
        let mut v = p.clone();
        v.name = format!("{} {}", p.name, p.name);
        out.push(v);
        let mut v = p.clone();
        v.name = format!("{} A", typo(&p.name, k + 1));
        out.push(v);
        let mut v = p.clone();
        v.surname = other.surname.clone();
        v.cyrillic = Default::default();
        out.push(v);
        let mut v = other.clone();
        v.name = p.name.clone();
        v.patronymic = p.patronymic.clone();
        out.push(v);
        let mut v = p.clone();
        v.document = None;
        v.surname = typo(&p.surname, k + 2);
        out.push(v);
        out
    }

    /// Over many demo persons and variations of them on both sides (typos, parts
    /// dropped, swapped, doubled, one-letter parts, another script), whenever `dedup`
    /// would make a person born one typo away a candidate — the other fields at their
    /// best —, the test lets its name key through; and it turns most others away.
    #[test]
    fn every_near_born_candidate_passes_the_test() {
        let (mut candidates, mut others, mut others_passing) = (0, 0, 0);
        for i in 0..150_u64 {
            let (Some((_, p)), Some((_, other))) = (demo_person(3, i), demo_person(3, i + 7_000))
            else {
                continue;
            };
            let k = usize::try_from(i).unwrap_or(0);
            let registered = variations(&p, &other, k + 5);
            for q in variations(&p, &other, k) {
                let test = near_name_test(&q);
                for r in &registered {
                    let mut near = r.clone();
                    near.birth_date = q.birth_date.succ_opt().unwrap_or(q.birth_date);
                    near.citizenship = q.citizenship.clone();
                    near.sex = q.sex;
                    near.document = q.document.clone().map(|mut d| {
                        d.number.push('9');
                        d
                    });
                    let key = crate::queue::server::schema::name_key(&near);
                    if compare(&q, &near).is_candidate() {
                        candidates += 1;
                        assert!(test.passes(&key), "{q:?}\n{near:?}\n{test:?}");
                    } else {
                        others += 1;
                        others_passing += usize::from(test.passes(&key));
                    }
                }
            }
        }
        assert!(candidates > 1_000, "{candidates}");
        assert!(others > 1_000, "{others}");
        // Not a proof of selectivity (that is measured on the registry), a sanity check.
        assert!(others_passing < others, "{others_passing} of {others}");
    }
}
