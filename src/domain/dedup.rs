//! Finding a person who may already have an IIN: fuzzy matching of two identities.
//!
//! Names reach the back office in many spellings: the MRZ's Latin, the applicant's
//! Cyrillic (Russian or Kazakh letters), older passports transliterated by other rules
//! ("KH" or "X" for Х, "ZH" or "J" for Ж, "IU", "YU" or "JU" for Ю), given name and surname
//! swapped, a letter mistyped. Every name is therefore reduced to a Latin *skeleton* that
//! forgets those differences, and the skeletons are compared token by token, in any order,
//! with an edit distance. The birth date, the document number, the citizenship and the sex
//! add to (or take from) the score.
//!
//! Pure functions only: the back office fetches the candidates and calls [`compare`].

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::i18n::{tr, tr_args};
use super::identity::Identity;
use super::lang::Lang;

/// From this score on, a registered person is shown to the operator as a possible
/// duplicate; the automatic run leaves such a request for a person, and forming an IIN
/// needs the operator's override with a reason (Rules, para 15.3).
pub const CANDIDATE_SCORE: u8 = 50;

/// Points for names that are the same after transliteration (scaled by similarity).
pub const NAME_POINTS: f64 = 45.0;
/// Name similarity below which the name adds nothing: unrelated names share letters.
pub const NAME_FLOOR: f64 = 0.7;
/// Points for the same birth date.
pub const BIRTH_POINTS: i32 = 25;
/// Points for a birth date one typo away (a digit, or day and month swapped).
pub const NEAR_BIRTH_POINTS: i32 = 12;
/// Points for the same document number.
pub const DOCUMENT_POINTS: i32 = 20;
/// Points for a document number one typo away.
pub const NEAR_DOCUMENT_POINTS: i32 = 8;
/// Points for the same citizenship.
pub const CITIZENSHIP_POINTS: i32 = 10;
/// Points taken away when the sex differs.
pub const SEX_PENALTY: i32 = 15;
/// The factor on the name similarity of a name of one part against one of several: a
/// surname alone says little about a person known by two or three names.
pub const ONE_PART_FACTOR: f64 = 0.8;

/// Why two identities look alike (or not); the operator sees these next to the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The names are the same after transliteration.
    SameName,
    /// The names are close (a typo, another transliteration); similarity in percent.
    SimilarName(u8),
    /// The name parts match in another order (surname and given name swapped).
    NameOrderDiffers,
    /// The same date of birth.
    SameBirthDate,
    /// A date of birth one typo away, or with day and month swapped.
    NearBirthDate,
    /// The same identity document number.
    SameDocument,
    /// A document number one typo away.
    NearDocument,
    /// The same citizenship.
    SameCitizenship,
    /// Another citizenship.
    DifferentCitizenship,
    /// Another document number.
    DifferentDocument,
    /// Another sex.
    DifferentSex,
}

impl Reason {
    /// The reason in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            Reason::SameName => tr(lang, "dedup-same-name"),
            Reason::SimilarName(percent) => tr_args(
                lang,
                "dedup-similar-name",
                &[("percent", percent.to_string().into())],
            ),
            Reason::NameOrderDiffers => tr(lang, "dedup-name-order-differs"),
            Reason::SameBirthDate => tr(lang, "dedup-same-birth-date"),
            Reason::NearBirthDate => tr(lang, "dedup-near-birth-date"),
            Reason::SameDocument => tr(lang, "dedup-same-document"),
            Reason::NearDocument => tr(lang, "dedup-near-document"),
            Reason::SameCitizenship => tr(lang, "dedup-same-citizenship"),
            Reason::DifferentCitizenship => tr(lang, "dedup-different-citizenship"),
            Reason::DifferentDocument => tr(lang, "dedup-different-document"),
            Reason::DifferentSex => tr(lang, "dedup-different-sex"),
        }
    }
}

/// How much two identities look like one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Match {
    /// 0–100; from [`CANDIDATE_SCORE`] on, a possible duplicate.
    pub score: u8,
    /// What matched and what did not, strongest first.
    pub reasons: Vec<Reason>,
}

impl Match {
    /// Whether the operator must look at this person before forming an IIN.
    pub fn is_candidate(&self) -> bool {
        self.score >= CANDIDATE_SCORE
    }
}

/// Transliterates Cyrillic (Russian, Kazakh and neighbouring alphabets) and accented Latin
/// letters to plain upper-case Latin, ICAO-style; other characters pass through upper-cased.
pub fn transliterate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let lower: String = c.to_lowercase().collect();
        let mapped = match lower.as_str() {
            "а" | "ә" | "ä" | "á" | "à" | "â" | "ā" | "å" => "A",
            "б" => "B",
            "в" => "V",
            "г" | "ғ" | "ґ" | "ğ" | "ǵ" => "G",
            "д" => "D",
            "е" | "ё" | "э" | "é" | "è" | "ê" | "ë" | "ē" => "E",
            "є" => "IE",
            "ж" | "ž" => "ZH",
            "җ" | "ҷ" => "J",
            "з" => "Z",
            "и" | "й" | "і" | "ї" | "ӣ" | "ı" | "í" | "ì" | "î" | "ï" | "ī" | "i̇" => {
                "I"
            }
            "к" | "қ" => "K",
            "л" => "L",
            "м" => "M",
            "н" | "ң" | "ñ" | "ń" => "N",
            "о" | "ө" | "ö" | "ó" | "ò" | "ô" | "ō" | "ø" => "O",
            "п" => "P",
            "р" => "R",
            "с" => "S",
            "т" => "T",
            "у" | "ұ" | "ү" | "ў" | "ӯ" | "ü" | "ú" | "ù" | "û" | "ū" => "U",
            "ф" => "F",
            "х" | "һ" | "ҳ" => "KH",
            "ц" => "TS",
            "ч" | "ç" | "č" => "CH",
            "ш" | "ş" | "š" => "SH",
            "щ" => "SHCH",
            "ъ" | "ь" => "",
            "ы" | "ý" | "ÿ" => "Y",
            "ю" => "IU",
            "я" => "IA",
            "ß" => "SS",
            _ => {
                out.extend(c.to_uppercase());
                continue;
            }
        };
        out.push_str(mapped);
    }
    out
}

/// Spelling variants that transliteration systems disagree on, reduced to one letter.
/// Applied in order, repeatedly, to both sides alike.
const SKELETON_RULES: &[(&str, &str)] = &[
    ("SHCH", "S"),
    ("SCH", "S"),
    ("DZH", "J"),
    ("ZH", "J"),
    ("DJ", "J"),
    ("KH", "H"),
    ("SH", "S"),
    ("CH", "C"),
    ("TS", "C"),
    ("TZ", "C"),
    ("PH", "F"),
    ("Q", "K"),
    ("X", "H"),
    ("W", "V"),
    ("YU", "U"),
    ("IU", "U"),
    ("JU", "U"),
    ("YA", "A"),
    ("IA", "A"),
    ("JA", "A"),
    ("YO", "O"),
    ("IO", "O"),
    ("JO", "O"),
    ("YE", "E"),
    ("IE", "E"),
    ("JE", "E"),
    ("Y", "I"),
];

/// A name token reduced to the letters that every spelling of it shares: transliterated,
/// Latin letters only, spelling variants unified and doubled letters collapsed.
pub fn skeleton(token: &str) -> String {
    let mut s: String = transliterate(token)
        .chars()
        .filter(char::is_ascii_uppercase)
        .collect();
    // A replacement can create a new pair ("MARIIA" → "MARIA" → "MARA"), so the rules
    // run until nothing changes; three rounds are always enough for real names.
    for _ in 0..3 {
        let before = s.clone();
        for (from, to) in SKELETON_RULES {
            if s.contains(from) {
                s = s.replace(from, to);
            }
        }
        s = collapse_doubles(&s);
        if s == before {
            break;
        }
    }
    s
}

fn collapse_doubles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if last != Some(c) {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The skeletons of a name's parts, in order (parts split on spaces, hyphens, apostrophes).
pub fn name_tokens<'a>(parts: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    parts
        .into_iter()
        .flat_map(|p| p.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'' | '’')))
        .map(skeleton)
        .filter(|t| !t.is_empty())
        .collect()
}

/// The name variants of an identity as token lists: the Latin name and, where known,
/// the Cyrillic one (when its skeletons differ). [`compare`] scores the best pair of
/// variants.
pub fn name_variants(identity: &Identity) -> Vec<Vec<String>> {
    let mut variants = Vec::new();
    let latin = name_tokens([
        identity.surname.as_str(),
        identity.name.as_str(),
        identity.patronymic.as_deref().unwrap_or(""),
    ]);
    if !latin.is_empty() {
        variants.push(latin);
    }
    let c = &identity.cyrillic;
    let cyrillic = name_tokens([
        c.surname.as_deref().unwrap_or(""),
        c.name.as_deref().unwrap_or(""),
        c.patronymic.as_deref().unwrap_or(""),
    ]);
    if !cyrillic.is_empty() && !variants.contains(&cyrillic) {
        variants.push(cyrillic);
    }
    variants
}

/// The tokens a registry indexes a person under, so that candidates can be fetched
/// without reading the whole registry: every name skeleton of two letters or more.
pub fn blocking_tokens(identity: &Identity) -> Vec<String> {
    let mut tokens: Vec<String> = name_variants(identity)
        .into_iter()
        .flatten()
        .filter(|t| t.len() >= 2)
        .collect();
    tokens.sort();
    tokens.dedup();
    tokens
}

/// Levenshtein distance over characters (not bytes: Cyrillic letters count once).
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// 1.0 for equal strings, falling with each edit relative to the longer one (in
/// characters); two empty strings are equal.
fn ratio(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// How alike two token lists are (0–1), in any order, and whether the best pairing
/// changed the order. Each token of the shorter list is paired with a distinct token of
/// the longer one, best pairs first; the result is the pairs' similarity weighted by
/// length, lowered when only one token could be paired with several.
fn token_similarity(a: &[String], b: &[String]) -> (f64, bool) {
    if a.is_empty() || b.is_empty() {
        return (0.0, false);
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, s) in small.iter().enumerate() {
        for (j, l) in large.iter().enumerate() {
            pairs.push((ratio(s, l), i, j));
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut small_used = vec![false; small.len()];
    let mut large_used = vec![false; large.len()];
    let mut weighted = 0.0;
    let mut weights = 0.0;
    let mut reordered = false;
    for (r, i, j) in pairs {
        if small_used[i] || large_used[j] {
            continue;
        }
        small_used[i] = true;
        large_used[j] = true;
        if i != j {
            reordered = true;
        }
        let w = small[i].chars().count().max(large[j].chars().count()) as f64;
        weighted += r * w;
        weights += w;
    }
    let mut sim = if weights > 0.0 {
        weighted / weights
    } else {
        0.0
    };
    if small.len() == 1 && large.len() > 1 {
        sim *= ONE_PART_FACTOR;
    }
    (sim, reordered)
}

/// Whether two birth dates are one typo apart: one digit of YYYYMMDD differs, or day and
/// month are swapped.
fn near_dates(a: NaiveDate, b: NaiveDate) -> bool {
    if a == b {
        return false;
    }
    let swapped = a.year() == b.year() && a.day() == b.month() && a.month() == b.day();
    let da = a.format("%Y%m%d").to_string();
    let db = b.format("%Y%m%d").to_string();
    let differing = da.chars().zip(db.chars()).filter(|(x, y)| x != y).count();
    swapped || differing == 1
}

/// A document number as [`compare`] compares it: ASCII letters and digits only, upper-case.
pub fn normalize_document(number: &str) -> String {
    number
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

/// The points [`compare`] gives a name of similarity `sim` (0–1), before rounding.
fn name_points(sim: f64) -> f64 {
    if sim >= NAME_FLOOR {
        NAME_POINTS * ((sim - NAME_FLOOR) / (1.0 - NAME_FLOOR)).min(1.0)
    } else {
        0.0
    }
}

/// The least name similarity with which [`compare`] gives a name at least `points`
/// points (it rounds them to the nearest); `None` when no name gets that many. A
/// search that must find every candidate may drop a person whose name is less alike
/// than this when the other fields can give at most `CANDIDATE_SCORE - points` points.
pub fn least_name_similarity(points: i32) -> Option<f64> {
    if points <= 0 {
        return Some(0.0);
    }
    if f64::from(points) > NAME_POINTS {
        return None;
    }
    // `round` goes half away from zero: `points` from `points - 0.5` on.
    Some(NAME_FLOOR + (1.0 - NAME_FLOOR) * (f64::from(points) - 0.5) / NAME_POINTS)
}

/// How much `a` and `b` look like the same person. Symmetric.
pub fn compare(a: &Identity, b: &Identity) -> Match {
    let mut reasons = Vec::new();
    let mut points: f64 = 0.0;

    let mut best = (0.0_f64, false);
    for va in name_variants(a) {
        for vb in name_variants(b) {
            let s = token_similarity(&va, &vb);
            if s.0 > best.0 || (s.0 == best.0 && best.1 && !s.1) {
                best = s;
            }
        }
    }
    let (name_sim, reordered) = best;
    if name_sim >= 0.999 {
        reasons.push(Reason::SameName);
    } else if name_sim >= NAME_FLOOR {
        reasons.push(Reason::SimilarName((name_sim * 100.0).floor() as u8));
    }
    if name_sim >= NAME_FLOOR {
        points += name_points(name_sim);
        if reordered {
            reasons.push(Reason::NameOrderDiffers);
        }
    }

    let mut whole: i32 = 0;
    if a.birth_date == b.birth_date {
        whole += BIRTH_POINTS;
        reasons.push(Reason::SameBirthDate);
    } else if near_dates(a.birth_date, b.birth_date) {
        whole += NEAR_BIRTH_POINTS;
        reasons.push(Reason::NearBirthDate);
    }

    let doc_a = a.document.as_ref().map(|d| normalize_document(&d.number));
    let doc_b = b.document.as_ref().map(|d| normalize_document(&d.number));
    if let (Some(da), Some(db)) = (doc_a, doc_b) {
        if !da.is_empty() && da == db {
            whole += DOCUMENT_POINTS;
            reasons.push(Reason::SameDocument);
        } else if !da.is_empty() && !db.is_empty() && edit_distance(&da, &db) == 1 {
            whole += NEAR_DOCUMENT_POINTS;
            reasons.push(Reason::NearDocument);
        } else {
            reasons.push(Reason::DifferentDocument);
        }
    }

    if a.citizenship.eq_ignore_ascii_case(&b.citizenship) {
        whole += CITIZENSHIP_POINTS;
        reasons.push(Reason::SameCitizenship);
    } else {
        reasons.push(Reason::DifferentCitizenship);
    }
    if a.sex != b.sex {
        whole -= SEX_PENALTY;
        reasons.push(Reason::DifferentSex);
    }

    let score = (points.round() as i32 + whole).clamp(0, 100);
    Match {
        score: u8::try_from(score).unwrap_or(0),
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_skeleton(a: &str, b: &str) {
        assert_eq!(skeleton(a), skeleton(b), "{a} vs {b}");
    }

    #[test]
    fn spellings_share_a_skeleton() {
        check_skeleton("Жумабек", "JUMABEK");
        check_skeleton("Жумабек", "ZHUMABEK");
        check_skeleton("Худайбердиев", "XUDAYBERDIYEV");
        check_skeleton("Худайбердиев", "KHUDAIBERDIEV");
        check_skeleton("Юсупов", "YUSUPOV");
        check_skeleton("Юсупов", "IUSUPOV");
        check_skeleton("Мария", "MARIYA");
        check_skeleton("Мария", "MARIA");
        check_skeleton("Сергей", "SERGEY");
        check_skeleton("Әлия", "ALIYA");
        check_skeleton("Нұрсұлтан", "NURSULTAN");
        check_skeleton("Қайрат", "QAIRAT");
        check_skeleton("Ғалымжан", "GALYMZHAN");
        check_skeleton("Өмірзақ", "OMIRZAK");
        check_skeleton("Шыңғыс", "SHYNGYS");
        check_skeleton("Цой", "TSOI");
        check_skeleton("Щукин", "SHCHUKIN");
    }

    /// The bound agrees with the scoring: from the least similarity on, the name gets
    /// the points; a hair below it, fewer.
    #[test]
    fn least_name_similarity_matches_the_points() {
        for points in 1..=45 {
            let Some(sim) = least_name_similarity(points) else {
                panic!("{points}")
            };
            assert!(name_points(sim + 1e-9).round() as i32 >= points, "{points}");
            assert!(
                (name_points(sim - 1e-9).round() as i32) < points,
                "{points}"
            );
        }
        assert_eq!(least_name_similarity(0), Some(0.0));
        assert_eq!(least_name_similarity(46), None);
    }

    #[test]
    fn distance_and_dates() {
        assert_eq!(edit_distance("KITTEN", "SITTING"), 3);
        assert_eq!(edit_distance("", "ABC"), 3);
        // The same scores as the hand-written Levenshtein this replaced: characters, not
        // bytes; a swap of two letters is two edits (no transpositions).
        for (a, b, distance) in [
            ("", "", 0),
            ("ABC", "ABC", 0),
            ("ABC", "", 3),
            ("FLAW", "LAWN", 2),
            ("ABC", "CBA", 2),
            ("AB", "BA", 2),
            ("ЖУМАБЕК", "ЖУМАБЕКОВ", 2),
            ("ЖУМАБЕК", "ZHUMABEK", 8),
            ("ƏLIYA", "ALIYA", 1),
            ("NURSULTAN", "NURSULTAN", 0),
        ] {
            assert_eq!(edit_distance(a, b), distance, "{a} / {b}");
            assert_eq!(edit_distance(b, a), distance, "{b} / {a}");
        }
        for (a, b, expected) in [
            ("", "", 1.0),
            ("ABC", "", 0.0),
            ("ABCD", "ABCE", 0.75),
            ("KITTEN", "SITTING", 1.0 - 3.0 / 7.0),
            ("ЖУМАБЕК", "ЖУМАБЕКОВ", 1.0 - 2.0 / 9.0),
        ] {
            assert!((ratio(a, b) - expected).abs() < 1e-12, "{a} / {b}");
        }
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert!(near_dates(d(1974, 8, 12), d(1974, 8, 13)));
        assert!(near_dates(d(1974, 8, 12), d(1974, 12, 8)));
        assert!(!near_dates(d(1974, 8, 12), d(1975, 9, 12)));
        assert!(!near_dates(d(1974, 8, 12), d(1974, 8, 12)));
    }
}
