//! Countries and nationality codes, named in Kazakh, Russian and English.
//!
//! The table is `countries.tsv` beside this file, embedded at compile time
//! with [`include_str!`] and parsed once, lazily, on first use: nothing is
//! read from disk at run time.  Its columns are `alpha3<TAB>en<TAB>ru<TAB>kk`,
//! a header line first, rows sorted by code.
//!
//! # Where the data comes from
//!
//! * ISO 3166-1 alpha-3 codes and names from Debian's `iso-codes` package:
//!   `/usr/share/iso-codes/json/iso_3166-1.json` (English; `common_name`
//!   preferred where given) and the gettext catalogues
//!   `/usr/share/locale/{ru,kk}/LC_MESSAGES/iso_3166-1.mo` (Russian, Kazakh).
//!   A few catalogue entries that are missing, wrong or not the customary
//!   name in Kazakhstan are replaced by hand; the generator lists them.
//! * The ICAO Doc 9303 Part 3 codes that appear in passports' machine-readable
//!   zones but are not ISO 3166-1 countries (`XXA` stateless person, `XXB`
//!   and `XXC` refugees, `XXX`, `UNO`, `UNA`, `UNK`, `EUE`, `XOM`, `XPO`,
//!   `RKS`, the British `GBD` `GBN` `GBO` `GBP` `GBS`, and the specimen
//!   `UTO`), named by hand in the generator.
//!
//! # Regenerating
//!
//! ```text
//! apt-get install iso-codes python3
//! python3 scripts/gen_countries.py src/domain/countries.tsv
//! ```
//!
//! # MRZ codes
//!
//! A machine-readable zone writes the nationality as the alpha-3 code, except
//! Germany, which is `D` padded with fillers (`D<<`).  [`by_code`] and
//! [`normalize_code`] accept both forms; [`Country::mrz_code`] gives the
//! form written in an MRZ.

use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::domain::lang::Lang;

/// The embedded table, `alpha3<TAB>en<TAB>ru<TAB>kk`.
const TABLE: &str = include_str!("countries.tsv");

/// The header line of [`TABLE`].
const HEADER: &str = "alpha3\ten\tru\tkk";

/// MRZ nationality codes that are not the alpha-3 code, with the alpha-3
/// code they stand for (ICAO Doc 9303 Part 3: Germany is `D`).
pub const MRZ_ALIASES: &[(&str, &str)] = &[("D", "DEU")];

/// What a code in the table stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountryKind {
    /// A country or territory of ISO 3166-1.
    State,
    /// A stateless person (`XXA`).
    Stateless,
    /// A refugee (`XXB` under the 1951 Convention, `XXC` otherwise).
    Refugee,
    /// A document issued by an international organisation rather than a
    /// state (`UNO`, `UNA`, `UNK`, `EUE`, `XOM`, `XPO`).
    Organisation,
    /// A specimen code for sample documents (`UTO`, Utopia); never a real
    /// person's nationality.
    Specimen,
    /// Any other ICAO code that is not an ISO 3166-1 country (`XXX`
    /// unspecified, `RKS` Kosovo, the British nationality classes `GBD`,
    /// `GBN`, `GBO`, `GBP`, `GBS`).
    Other,
}

impl CountryKind {
    /// The kind of a code from the table: the non-ISO ICAO codes are listed
    /// here, every other code is an ISO 3166-1 [`CountryKind::State`].
    fn of(alpha3: &str) -> CountryKind {
        match alpha3 {
            "XXA" => CountryKind::Stateless,
            "XXB" | "XXC" => CountryKind::Refugee,
            "UNO" | "UNA" | "UNK" | "EUE" | "XOM" | "XPO" => CountryKind::Organisation,
            "UTO" => CountryKind::Specimen,
            "XXX" | "RKS" | "GBD" | "GBN" | "GBO" | "GBP" | "GBS" => CountryKind::Other,
            _ => CountryKind::State,
        }
    }
}

/// A country, or another nationality code of ICAO Doc 9303, with its names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Country {
    /// The ISO 3166-1 alpha-3 (or ICAO) code, three upper-case letters.
    pub alpha3: &'static str,
    /// The English name.
    pub en: &'static str,
    /// The Russian name.
    pub ru: &'static str,
    /// The Kazakh name (Cyrillic).
    pub kk: &'static str,
    /// What the code stands for.
    pub kind: CountryKind,
}

impl Country {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => self.kk,
            Lang::Ru => self.ru,
            Lang::En => self.en,
        }
    }

    /// The nationality code as written in an MRZ: the alpha-3 code, or the
    /// padded special form (`D<<` for Germany).
    pub fn mrz_code(&self) -> &'static str {
        match self.alpha3 {
            "DEU" => "D<<",
            code => code,
        }
    }
}

/// The parsed table, with the folded search keys of each row.
struct Table {
    countries: Vec<Country>,
    /// Per country: folded code, en, ru, kk (see [`fold`]).
    keys: Vec<[String; 4]>,
}

fn table() -> &'static Table {
    static TABLE_CELL: OnceLock<Table> = OnceLock::new();
    TABLE_CELL.get_or_init(|| {
        let (mut countries, _malformed) = parse(TABLE);
        countries.sort_by(|a, b| a.alpha3.cmp(b.alpha3));
        countries.dedup_by(|a, b| a.alpha3 == b.alpha3);
        let keys = countries
            .iter()
            .map(|c| [fold(c.alpha3), fold(c.en), fold(c.ru), fold(c.kk)])
            .collect();
        Table { countries, keys }
    })
}

/// Parses the table text: the countries of the well-formed lines and the
/// number of malformed ones, which are skipped.  The header and blank lines
/// are neither.
fn parse(text: &'static str) -> (Vec<Country>, usize) {
    let mut countries = Vec::new();
    let mut malformed = 0;
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line == HEADER {
            continue;
        }
        match parse_line(line) {
            Some(country) => countries.push(country),
            None => malformed += 1,
        }
    }
    (countries, malformed)
}

/// One row, or `None` when it does not have four non-empty fields and a code
/// of three upper-case ASCII letters.
fn parse_line(line: &'static str) -> Option<Country> {
    let mut fields = line.split('\t').map(str::trim);
    let (alpha3, en, ru, kk) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if fields.next().is_some() || !is_alpha3(alpha3) || [en, ru, kk].iter().any(|f| f.is_empty()) {
        return None;
    }
    Some(Country {
        alpha3,
        en,
        ru,
        kk,
        kind: CountryKind::of(alpha3),
    })
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// All countries and codes, sorted by code.
pub fn all() -> &'static [Country] {
    &table().countries
}

/// The country of a code: an alpha-3 code in any case, surrounding blanks
/// and trailing MRZ fillers (`<`) ignored, or an MRZ special form (`D`,
/// `D<<` for Germany).  `None` for anything else.
pub fn by_code(code: &str) -> Option<&'static Country> {
    let code = code.trim().trim_end_matches('<').trim_end();
    if code.is_empty() || code.len() > 3 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    let alpha3 = MRZ_ALIASES
        .iter()
        .find(|(mrz, _)| *mrz == upper)
        .map_or(upper.as_str(), |&(_, alpha3)| alpha3);
    let countries = all();
    countries
        .binary_search_by(|c| c.alpha3.cmp(alpha3))
        .ok()
        .map(|i| &countries[i])
}

/// The canonical alpha-3 code of `code` (see [`by_code`] for what is
/// accepted), or `None` if it is not a known code.
pub fn normalize_code(code: &str) -> Option<&'static str> {
    by_code(code).map(|c| c.alpha3)
}

/// All countries sorted by their name in `lang` (Kazakh alphabet order for
/// Cyrillic, so that Russian and Kazakh names both sort as readers expect).
pub fn sorted_by_name(lang: Lang) -> Vec<&'static Country> {
    let mut list: Vec<&'static Country> = all().iter().collect();
    list.sort_by(|a, b| compare_names(a, b, lang));
    list
}

/// The countries matching `query`, best first, for a country picker.
///
/// Matching is a case-insensitive substring search (`ё` = `е`) over the code
/// and the names in all three languages.  The order is: the exact code
/// (MRZ forms such as `D<<` included), then names in `lang` starting with
/// the query, then names in another language starting with it, then names in
/// `lang` with a word starting with it, then any other match; within each
/// group by name in `lang`.  A blank query gives every country by name.
pub fn search(query: &str, lang: Lang) -> Vec<&'static Country> {
    let q = fold(query.trim());
    if q.is_empty() {
        return sorted_by_name(lang);
    }
    let exact = by_code(query);
    let table = table();
    let own = match lang {
        Lang::En => 1,
        Lang::Ru => 2,
        Lang::Kk => 3,
    };
    let mut hits: Vec<(u8, &'static Country)> = table
        .countries
        .iter()
        .zip(&table.keys)
        .filter_map(|(country, keys)| {
            let rank = if exact.is_some_and(|e| e.alpha3 == country.alpha3) {
                0
            } else if keys[own].starts_with(&q) {
                1
            } else if keys[1..].iter().any(|k| k.starts_with(&q)) {
                2
            } else if has_word_prefix(&keys[own], &q) {
                3
            } else if keys.iter().any(|k| k.contains(&q)) {
                4
            } else {
                return None;
            };
            Some((rank, country))
        })
        .collect();
    hits.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| compare_names(a, b, lang)));
    hits.into_iter().map(|(_, c)| c).collect()
}

/// Whether a word of `text` other than the first starts with `prefix`.
fn has_word_prefix(text: &str, prefix: &str) -> bool {
    text.match_indices(|c: char| !c.is_alphanumeric())
        .any(|(i, sep)| text[i + sep.len()..].starts_with(prefix))
}

/// Lower-cases and folds `ё` to `е`, for matching.
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn compare_names(a: &Country, b: &Country, lang: Lang) -> Ordering {
    let (na, nb) = (a.name(lang), b.name(lang));
    collation_key(na)
        .cmp(collation_key(nb))
        .then_with(|| na.cmp(nb))
        .then_with(|| a.alpha3.cmp(b.alpha3))
}

/// The Cyrillic alphabet in Kazakh order, which contains the Russian one in
/// the same order.
const CYRILLIC_ORDER: &str = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя";

/// A sort key for a name: case-folded, Latin diacritics dropped, Cyrillic in
/// Kazakh alphabet order after Latin.
fn collation_key(name: &str) -> impl Iterator<Item = u32> + '_ {
    name.chars().flat_map(char::to_lowercase).map(|c| {
        if let Some(i) = CYRILLIC_ORDER.chars().position(|x| x == c) {
            return 0x1_0000 + i as u32;
        }
        let base = match c {
            'á' | 'à' | 'â' | 'ä' | 'å' | 'ã' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'î' | 'ï' => 'i',
            'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            other => other,
        };
        base as u32
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The country of a code known to be in the table.
    #[track_caller]
    fn country(code: &str) -> &'static Country {
        by_code(code).unwrap_or_else(|| panic!("{code} not in the table"))
    }

    /// Where `code` is in `list`.
    #[track_caller]
    fn position(list: &[&Country], code: &str) -> usize {
        list.iter()
            .position(|c| c.alpha3 == code)
            .unwrap_or_else(|| panic!("{code} not in the list"))
    }

    #[track_caller]
    fn check_names(code: &str, kk: &str, ru: &str, en: &str) {
        let c = by_code(code).unwrap_or_else(|| panic!("{code} not found"));
        assert_eq!(c.alpha3, code);
        assert_eq!(c.name(Lang::Kk), kk, "{code} kk");
        assert_eq!(c.name(Lang::Ru), ru, "{code} ru");
        assert_eq!(c.name(Lang::En), en, "{code} en");
    }

    #[test]
    fn names_of_key_countries() {
        let table = [
            ("KAZ", "Қазақстан", "Казахстан", "Kazakhstan"),
            ("RUS", "Ресей", "Российская Федерация", "Russian Federation"),
            ("CHN", "Қытай", "Китай", "China"),
            ("DEU", "Германия", "Германия", "Germany"),
            ("UZB", "Өзбекстан", "Узбекистан", "Uzbekistan"),
            ("KGZ", "Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
            ("TUR", "Түркия", "Турция", "Türkiye"),
            (
                "USA",
                "Америка Құрама Штаттары",
                "Соединённые Штаты Америки",
                "United States",
            ),
            (
                "XXA",
                "Азаматтығы жоқ адам",
                "Лицо без гражданства",
                "Stateless person",
            ),
        ];
        for (code, kk, ru, en) in table {
            check_names(code, kk, ru, en);
        }
    }

    #[test]
    fn kazakh_names_use_kazakh_letters() {
        const KAZAKH: &str = "әғқңөұүһіӘҒҚҢӨҰҮҺІ";
        for code in ["KAZ", "CHN", "UZB", "KGZ", "TUR", "USA", "XXA", "IND"] {
            let kk = country(code).kk;
            assert!(kk.chars().any(|c| KAZAKH.contains(c)), "{code}: {kk}");
        }
    }

    #[track_caller]
    fn check_code(input: &str, expected: Option<&str>) {
        assert_eq!(normalize_code(input), expected, "input {input:?}");
        assert_eq!(
            by_code(input).map(|c| c.alpha3),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn codes_resolve() {
        let table = [
            ("D", Some("DEU")),
            ("D<<", Some("DEU")),
            ("d<<", Some("DEU")),
            (" D< ", Some("DEU")),
            ("deu", Some("DEU")),
            ("DEU", Some("DEU")),
            (" uzb ", Some("UZB")),
            ("KaZ", Some("KAZ")),
            ("XXA", Some("XXA")),
            ("xxb", Some("XXB")),
            ("UTO", Some("UTO")),
            ("GBD", Some("GBD")),
            ("ZZZ", None),
            ("", None),
            ("   ", None),
            ("<<<", None),
            ("12", None),
            ("DE", None),
            ("DEUU", None),
            ("<DEU", None),
            ("D<E", None),
            ("КАЗ", None),
        ];
        for (input, expected) in table {
            check_code(input, expected);
        }
    }

    #[test]
    fn mrz_codes() {
        assert_eq!(country("DEU").mrz_code(), "D<<");
        assert_eq!(country("KAZ").mrz_code(), "KAZ");
        for (mrz, alpha3) in MRZ_ALIASES {
            assert_eq!(normalize_code(mrz), Some(*alpha3));
            let padded = format!("{mrz:<<3}");
            assert_eq!(country(alpha3).mrz_code(), padded);
            assert_eq!(normalize_code(&padded), Some(*alpha3));
        }
    }

    #[test]
    fn embedded_table_is_well_formed() {
        let (rows, malformed) = parse(TABLE);
        assert_eq!(malformed, 0, "malformed lines in countries.tsv");
        assert_eq!(TABLE.lines().next(), Some(HEADER));
        assert_eq!(rows.len(), all().len(), "duplicate codes");
        assert!(rows.len() > 260, "only {} rows", rows.len());
        assert!(
            rows.windows(2).all(|w| w[0].alpha3 < w[1].alpha3),
            "rows not sorted by code, or duplicated"
        );
        for c in all() {
            assert!(is_alpha3(c.alpha3), "{c:?}");
            for name in [c.en, c.ru, c.kk] {
                assert!(!name.is_empty() && name.trim() == name, "{c:?}");
            }
            assert!(
                c.ru.chars()
                    .any(|ch| ('а'..='я').contains(&ch) || ('А'..='Я').contains(&ch)),
                "{c:?}"
            );
        }
    }

    #[test]
    fn malformed_lines_are_skipped() {
        let text = "alpha3\ten\tru\tkk\n\
                    KAZ\tKazakhstan\tКазахстан\tҚазақстан\n\
                    KA\tShort\tКоротко\tҚысқа\n\
                    kaz\tLower\tНижний\tТөменгі\n\
                    ABC\tOnly two\n\
                    ABD\tToo\tmany\tfields\there\n\
                    ABE\t\tПусто\tБос\n\
                    \n\
                    RUS\tRussia\tРоссия\tРесей\r\n";
        let (rows, malformed) = parse(text);
        let codes: Vec<_> = rows.iter().map(|c| c.alpha3).collect();
        assert_eq!(codes, ["KAZ", "RUS"]);
        assert_eq!(malformed, 5);
        assert_eq!(rows[1].kk, "Ресей");
    }

    #[track_caller]
    fn check_kind(code: &str, kind: CountryKind) {
        assert_eq!(country(code).kind, kind, "{code}");
    }

    #[test]
    fn kinds() {
        use CountryKind::*;
        let table = [
            ("KAZ", State),
            ("DEU", State),
            ("XXA", Stateless),
            ("XXB", Refugee),
            ("XXC", Refugee),
            ("XXX", Other),
            ("UNO", Organisation),
            ("UNA", Organisation),
            ("UNK", Organisation),
            ("EUE", Organisation),
            ("XOM", Organisation),
            ("XPO", Organisation),
            ("RKS", Other),
            ("GBD", Other),
            ("GBN", Other),
            ("GBO", Other),
            ("GBP", Other),
            ("GBS", Other),
            ("GBR", State),
            ("UTO", Specimen),
        ];
        for (code, kind) in table {
            check_kind(code, kind);
        }
        assert_eq!(all().iter().filter(|c| c.kind != State).count(), 17);
        assert_eq!(all().iter().filter(|c| c.kind == State).count(), 249);
    }

    #[track_caller]
    fn check_search(query: &str, lang: Lang, first: Option<&str>, contains: &[&str]) {
        let found: Vec<&str> = search(query, lang).iter().map(|c| c.alpha3).collect();
        if let Some(first) = first {
            assert_eq!(found.first(), Some(&first), "{query:?}: {found:?}");
        }
        for code in contains {
            assert!(found.contains(code), "{query:?} lacks {code}: {found:?}");
        }
    }

    #[test]
    fn search_finds() {
        let table: &[(&str, Lang, Option<&str>, &[&str])] = &[
            ("герм", Lang::Ru, Some("DEU"), &["DEU"]),
            ("KAZ", Lang::En, Some("KAZ"), &["KAZ"]),
            ("kaz", Lang::Kk, Some("KAZ"), &["KAZ"]),
            ("D<<", Lang::En, Some("DEU"), &["DEU"]),
            ("қаз", Lang::Kk, Some("KAZ"), &["KAZ"]),
            ("казах", Lang::Kk, Some("KAZ"), &["KAZ"]),
            ("ҚЫТ", Lang::Kk, Some("CHN"), &["CHN"]),
            ("без граж", Lang::Ru, Some("XXA"), &["XXA"]),
            ("stateless", Lang::Kk, Some("XXA"), &["XXA"]),
            ("объединенные", Lang::Ru, None, &["ARE"]),
            ("ger", Lang::En, Some("DEU"), &["DEU"]),
            ("ger", Lang::Kk, None, &["DEU", "NGA", "NER", "DZA"]),
            ("Korea", Lang::En, None, &["KOR", "PRK"]),
            ("ZZZZZ", Lang::En, None, &[]),
        ];
        for (query, lang, first, contains) in table {
            check_search(query, *lang, *first, contains);
        }
        assert!(search("ZZZZZ", Lang::En).is_empty());
    }

    #[test]
    fn search_ranks_prefix_before_substring() {
        // "Niger" starts with "niger"; "Nigeria" too, both before "Congo"-like
        // substring hits, and names in the chosen language first.
        let found: Vec<&str> = search("niger", Lang::En).iter().map(|c| c.alpha3).collect();
        assert_eq!(found[..2], ["NER", "NGA"]);
        // "United" prefixes in English come before "Tanzania, United…".
        let found = search("united", Lang::En);
        assert!(found[0].en.starts_with("United"), "{found:?}");
    }

    #[test]
    fn blank_search_lists_everything_by_name() {
        let list = search("  ", Lang::Kk);
        assert_eq!(list.len(), all().len());
        let pos = |code| position(&list, code);
        // Kazakh order: А < Ә < Б; Қ after К; Ө after О.
        assert!(pos("AUT") < pos("AZE"), "Австрия before Әзірбайжан");
        assert!(pos("AZE") < pos("BEL"), "Әзірбайжан before Бельгия");
        assert!(pos("CAN") < pos("KAZ"), "Канада before Қазақстан");
        assert!(pos("KAZ") < pos("LVA"), "Қазақстан before Латвия");
        let en = sorted_by_name(Lang::En);
        assert_eq!(en[0].alpha3, "AFG");
        let ala = position(&en, "ALA");
        let alb = position(&en, "ALB");
        assert!(ala < alb, "Åland sorts as Aland");
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = by_code(&s);
            let _ = normalize_code(&s);
            for lang in Lang::ALL {
                let _ = search(&s, lang);
            }
        }

        #[test]
        fn mrz_shaped_inputs(s in "[A-Za-z<]{0,5}[ \t]{0,2}") {
            if let Some(code) = normalize_code(&s) {
                prop_assert!(is_alpha3(code));
                prop_assert_eq!(by_code(code).map(|c| c.alpha3), Some(code));
            }
            let _ = search(&s, Lang::Ru);
        }

        #[test]
        fn every_code_round_trips(i in 0usize..300, lower in any::<bool>(), pad in 0usize..3) {
            let countries = all();
            let c = &countries[i % countries.len()];
            let code = if lower { c.alpha3.to_ascii_lowercase() } else { c.alpha3.to_string() };
            let input = format!(" {code}{} ", "<".repeat(pad));
            prop_assert_eq!(normalize_code(&input), Some(c.alpha3));
            prop_assert_eq!(search(c.alpha3, Lang::Kk)[0].alpha3, c.alpha3);
            prop_assert_eq!(normalize_code(c.mrz_code()), Some(c.alpha3));
        }
    }
}
