//! The name test of the near-birth-date branch: an exact pre-filter derived from
//! `dedup`'s scoring, evaluated in the index alone on a 256-bit *bigram signature* of
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
//! - when the registered token `u` is in the name key (two letters or more), the
//!   bigrams of `␣t␣` missing from `␣key␣` (`miss`, counted once each) are at most `2e`
//!   (an edit breaks at most two bigrams), and `w ≤ len t + e`; so
//!   `(1 − s)·w − e ≤ (1 − s)·len t − s·miss/2`;
//! - when `u` is a one-letter part (not in the key), `w = len t` and `e ≥ len t − 1`,
//!   so `(1 − s)·w − e ≤ 1 − s·len t`.
//!
//! So each request token `t` has a bound `H(t)` computable from the key alone, and a
//! candidate needs two tokens of one request variant with `H(t₁) + H(t₂) ≥ 0` (the
//! best two of the paired ones; a one-part variant: `H(t) ≥ 0`), hence also one token
//! with `H(t) ≥ 0`. The signature holds 256 chosen bigrams (the most frequent in name
//! skeletons); a bigram not among them is ignored, which only lowers `miss` and keeps
//! the test a necessary condition. The one-letter case is folded in by dropping bits of
//! a short token's mask (its `miss` then never exceeds where `1 − s·len t` takes over).
//! The scale is in thousandths, rounded towards letting more through.
//!
//! **How it is cheap.** The key's signature is stored *complemented* in the index
//! (`name_sig(name_key)`, an expression column), so a token's `miss` is
//! `bit_count(mask & sig)`: three built-in operators per token instead of a trigram
//! similarity (~7–10 µs a call under load); the two tests are `CASE` chains over fixed
//! parameter slots, the cheap one per token first, the pairs only for what passes.
//! (A first version counted letters instead of bigrams: exact too, but a key of three
//! or four names holds most letters, and it let ~55% of the near-born through.)

use crate::domain::dedup::{
    self, CANDIDATE_SCORE, CITIZENSHIP_POINTS, NEAR_BIRTH_POINTS, NEAR_DOCUMENT_POINTS,
    ONE_PART_FACTOR,
};
use crate::domain::identity::Identity;

/// The bigrams of the signature, in bit order (`_` is the space around a token): the
/// 256 most frequent in the skeletons of the synthetic registry of 5,000,000 persons.
/// Changing them changes the index: a new schema version.
const BIGRAMS: [&str; SIG_BITS] = [
    "OV", "A_", "NA", "AN", "_A", "KO", "IC", "C_", "VI", "AR", "VN", "LA", "N_", "VA", "ER", "BE",
    "AT", "KA", "MA", "AM", "IN", "EK", "RA", "DA", "_S", "EN", "V_", "AL", "_D", "OD", "SE", "TO",
    "_M", "NO", "OL", "ZO", "SK", "_N", "LE", "UL", "_E", "_K", "_B", "TA", "ZA", "AS", "RU", "BO",
    "RI", "SA", "EV", "_T", "NK", "O_", "I_", "AI", "_O", "RO", "LI", "DI", "_R", "UR", "DO", "T_",
    "EL", "MI", "IT", "MU", "AE", "NU", "BA", "RL", "AZ", "_I", "OR", "AK", "_U", "MO", "US", "IM",
    "OS", "IS", "GU", "IR", "GA", "VE", "EO", "GE", "_G", "L_", "AB", "RE", "IB", "KI", "_L", "NI",
    "LO", "R_", "AO", "KE", "EI", "UG", "IL", "ID", "RZ", "AV", "LN", "AD", "SU", "AH", "IG", "RB",
    "KU", "SI", "EG", "MS", "UE", "RM", "CE", "TU", "LU", "ST", "UH", "GO", "ND", "IV", "RG", "HA",
    "M_", "_Z", "GB", "TR", "DM", "DR", "HI", "PA", "_P", "TI", "_F", "FA", "AU", "D_", "K_", "OZ",
    "UA", "OE", "IK", "UB", "ET", "UO", "OA", "LG", "EA", "OB", "SV", "UI", "ES", "E_", "TL", "UZ",
    "EB", "HO", "UM", "H_", "G_", "_V", "UN", "OI", "_C", "UK", "AG", "_H", "IZ", "OM", "EZ", "UD",
    "ON", "UT", "OK", "ME", "EM", "LS", "NE", "OT", "RS", "AC", "LB", "SB", "ED", "OU", "EU", "SZ",
    "OG", "RK", "DE", "SO", "NS", "LZ", "UC", "LM", "KB", "KS", "RN", "NB", "MB", "SD", "LK", "SN",
    "UV", "SM", "RD", "RT", "OH", "LD", "SL", "LT", "OC", "KZ", "SR", "MZ", "LR", "EC", "IH", "EH",
    "NL", "SG", "KM", "KN", "NZ", "NM", "MK", "KD", "MN", "MT", "KL", "MD", "MR", "KR", "NR", "NT",
    "ML", "DU", "KT", "NG", "MG", "KG", "LH", "RV", "RC", "LC", "LV", "RH", "MH", "NC", "KC", "NH",
];

/// Bits of the signature.
pub const SIG_BITS: usize = 256;

/// A signature or mask: bit `i` is `BIGRAMS[i]`.
pub type Bits = [u64; 4];

/// The bigram signature of `text` (a name key or a token), padded with a space on each
/// side: which of [`BIGRAMS`] occur in it. The index stores its complement.
pub fn bigram_signature(text: &str) -> Bits {
    let padded: Vec<char> = format!(" {text} ").chars().collect();
    let mut bits = [0_u64; 4];
    for pair in padded.windows(2) {
        let bigram: String = pair
            .iter()
            .map(|c| if *c == ' ' { '_' } else { *c })
            .collect();
        if let Some(i) = BIGRAMS.iter().position(|b| *b == bigram) {
            bits[i / 64] |= 1 << (i % 64);
        }
    }
    bits
}

/// `bits` as SQL writes a `bit(256)`: bit 0 first.
pub fn bits_text(bits: &Bits) -> String {
    (0..SIG_BITS)
        .map(|i| {
            if bits[i / 64] >> (i % 64) & 1 == 1 {
                '1'
            } else {
                '0'
            }
        })
        .collect()
}

fn count(bits: &Bits) -> i64 {
    bits.iter().map(|b| i64::from(b.count_ones())).sum()
}

fn and(a: &Bits, b: &Bits) -> Bits {
    [a[0] & b[0], a[1] & b[1], a[2] & b[2], a[3] & b[3]]
}

fn not(a: &Bits) -> Bits {
    [!a[0], !a[1], !a[2], !a[3]]
}

/// `CREATE FUNCTION` of `name_sig(key)`: the complement of [`bigram_signature`] in SQL,
/// made from the same table. Immutable and inlinable, for the expression index.
pub(crate) fn name_sig_function(schema: &str) -> String {
    let parts: Vec<String> = BIGRAMS
        .iter()
        .map(|b| {
            let test = match (b.strip_prefix('_'), b.strip_suffix('_')) {
                (Some("_"), _) => "key = ''".to_string(),
                (Some(x), _) => format!("(left(key, 1) = '{x}' OR strpos(key, ' {x}') > 0)"),
                (_, Some(x)) => format!("(right(key, 1) = '{x}' OR strpos(key, '{x} ') > 0)"),
                _ => format!("strpos(key, '{b}') > 0"),
            };
            format!("CASE WHEN {test} THEN '1' ELSE '0' END")
        })
        .collect();
    format!(
        "CREATE OR REPLACE FUNCTION {schema}.name_sig(key text) RETURNS bit({SIG_BITS})
         LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$ SELECT ~(({})::bit({SIG_BITS})) $fn$;",
        parts.join("\n || ")
    )
}

/// Request tokens (over both variants) the per-token test has parameters for.
pub const MAX_SLOTS: usize = 8;
/// Token pairs the pair test has parameters for.
pub const MAX_PAIRS: usize = 12;
/// Similarities are compared in thousandths.
const SCALE: i64 = 1000;

/// The near-birth-date name test for one request: per-token slots (mask, most bigrams
/// missing) and pairs (two masks, most bigrams missing from both together). `None`:
/// the test passes every person (too many tokens for the slots, or no bound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NearNameTest {
    /// Some token must have at most this many bigrams missing.
    pub slots: Option<Vec<(Bits, i64)>>,
    /// Some pair of one variant must have at most this many missing together.
    pub pairs: Option<Vec<(Bits, Bits, i64)>>,
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
        let sig = not(&bigram_signature(key));
        let missing = |mask: &Bits| count(&and(mask, &sig));
        let slots = self
            .slots
            .as_ref()
            .is_none_or(|s| s.iter().any(|(m, most)| missing(m) <= *most));
        let pairs = self.pairs.as_ref().is_none_or(|p| {
            p.iter()
                .any(|(a, b, most)| missing(a) + missing(b) <= *most)
        });
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
    let others = CITIZENSHIP_POINTS
        + if has_document {
            NEAR_DOCUMENT_POINTS
        } else {
            0
        };
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
/// `(1 − s)·len − s·miss/2` never falls below the one-letter case's `1 − s·len`.
fn token_mask(token: &str, s: i64) -> (Bits, i64) {
    let len = i64::try_from(token.chars().count()).unwrap_or(i64::MAX / SCALE / 4);
    let mut mask = bigram_signature(token);
    while count(&mask) > 0 && 2 * (SCALE - s) * len - s * count(&mask) < 2 * (SCALE - s * len) {
        if let Some(word) = mask.iter_mut().find(|w| **w != 0) {
            *word &= *word - 1;
        }
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
    // Bigrams missing at most: 2e, e ≤ (1 − s)·len / s.
    let most = |len: i64| 2 * (SCALE - s) * len / s;
    let mut slots = Vec::new();
    let mut pairs = Vec::new();
    for variant in &variants {
        let tokens: Vec<(Bits, i64)> = variant.iter().map(|t| token_mask(t, s)).collect();
        for &(mask, len) in &tokens {
            slots.push((mask, most(len)));
        }
        if let [(mask, len)] = tokens[..] {
            pairs.push((mask, [0; 4], most(len)));
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
    use crate::domain::identity::Identity;
    use crate::queue::demo_registry::demo_person;

    #[test]
    fn the_signature_holds_the_padded_bigrams() {
        let mut seen = std::collections::HashSet::new();
        assert!(BIGRAMS
            .iter()
            .all(|b| b.chars().count() == 2 && seen.insert(*b)));
        let bit = |b: &str| {
            BIGRAMS
                .iter()
                .position(|x| *x == b)
                .map(|i| (i / 64, i % 64))
        };
        let sig = bigram_signature("OVA");
        for b in ["_O", "OV", "VA", "A_"] {
            let Some((w, i)) = bit(b) else { panic!("{b}") };
            assert_eq!(sig[w] >> i & 1, 1, "{b}");
        }
        assert_eq!(count(&sig), 4);
        assert_eq!(bits_text(&sig).len(), SIG_BITS);
        // Masks of a short token are thinned, of a long one kept.
        assert!(count(&token_mask("AN", 829).0) < count(&bigram_signature("AN")));
        assert_eq!(
            count(&token_mask("NURLAN", 829).0),
            count(&bigram_signature("NURLAN"))
        );
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
