//! Synthetic persons for a registry of national size: for `iin-desk queue demo-registry`,
//! the registry benchmark (`benches/registry.rs`) and the tests that compare the two
//! backends' duplicate search on the same data.
//!
//! Person `index` of data set `seed` is made from those two numbers alone (SplitMix64),
//! so the same seed gives the same registry everywhere. IINs are valid and distinct by
//! construction: index → (round, bucket), a bucket being a birth date and sex visited in
//! a shuffled order each round, and the round choosing the serial. Surnames are built
//! from syllables (hundreds of thousands of them, as in a real national registry, not a
//! few common ones), given names come from fixed lists, half of the persons also have
//! their name in Cyrillic. No real person's data is used.

use chrono::{Duration, NaiveDate};

use crate::domain::identity::{CyrillicName, Identity, IdentityDocument, Sex};
use crate::domain::iin::{self, Iin};

/// Birth dates span this many days from [`first_birth_date`] (1940 to 2005).
const DAYS: u64 = 24_000;
/// Birth date and sex pairs: one round visits each once.
const BUCKETS: u64 = DAYS * 2;
/// A prime that does not divide [`BUCKETS`]: the stride of a round's shuffled order.
const STRIDE: u64 = 1_000_003;
/// Rounds (two serials each): at most `BUCKETS * ROUNDS` persons.
const ROUNDS: u64 = 5_000;

/// The most persons one seed can make (240 million).
pub const MAX_PERSONS: u64 = BUCKETS * ROUNDS;

/// Syllables of surnames, Latin and Cyrillic.
const SYLLABLES: &[(&str, &str)] = &[
    ("KA", "КА"),
    ("MA", "МА"),
    ("NU", "НУ"),
    ("RA", "РА"),
    ("SA", "СА"),
    ("TO", "ТО"),
    ("BE", "БЕ"),
    ("KU", "КУ"),
    ("ZHA", "ЖА"),
    ("DI", "ДИ"),
    ("LE", "ЛЕ"),
    ("MI", "МИ"),
    ("NO", "НО"),
    ("RU", "РУ"),
    ("SHA", "ША"),
    ("TA", "ТА"),
    ("BO", "БО"),
    ("GA", "ГА"),
    ("DA", "ДА"),
    ("KE", "КЕ"),
    ("LI", "ЛИ"),
    ("MU", "МУ"),
    ("NA", "НА"),
    ("RI", "РИ"),
    ("SE", "СЕ"),
    ("TU", "ТУ"),
    ("VA", "ВА"),
    ("ZA", "ЗА"),
    ("KHA", "ХА"),
    ("CHE", "ЧЕ"),
    ("YU", "Ю"),
    ("AL", "АЛ"),
    ("ER", "ЕР"),
    ("OS", "ОС"),
    ("UL", "УЛ"),
    ("IS", "ИС"),
    ("AM", "АМ"),
    ("EN", "ЕН"),
    ("OR", "ОР"),
    ("AK", "АК"),
    ("BA", "БА"),
    ("GU", "ГУ"),
    ("DO", "ДО"),
    ("KO", "КО"),
    ("LA", "ЛА"),
    ("MO", "МО"),
    ("NI", "НИ"),
    ("SU", "СУ"),
];

/// Surname endings: (male Latin, male Cyrillic, female Latin, female Cyrillic).
const ENDINGS: &[(&str, &str, &str, &str)] = &[
    ("OV", "ОВ", "OVA", "ОВА"),
    ("EV", "ЕВ", "EVA", "ЕВА"),
    ("IN", "ИН", "INA", "ИНА"),
    ("BEKOV", "БЕКОВ", "BEKOVA", "БЕКОВА"),
    ("ZODA", "ЗОДА", "ZODA", "ЗОДА"),
    ("YAN", "ЯН", "YAN", "ЯН"),
    ("ENKO", "ЕНКО", "ENKO", "ЕНКО"),
    ("SKIY", "СКИЙ", "SKAYA", "СКАЯ"),
];

const MALE: &[(&str, &str)] = &[
    ("ALIBEK", "АЛИБЕК"),
    ("ARMAN", "АРМАН"),
    ("BAKHYT", "БАХЫТ"),
    ("DANIYAR", "ДАНИЯР"),
    ("ERLAN", "ЕРЛАН"),
    ("IVAN", "ИВАН"),
    ("SERGEY", "СЕРГЕЙ"),
    ("TIMUR", "ТИМУР"),
    ("RUSTAM", "РУСТАМ"),
    ("AZAMAT", "АЗАМАТ"),
    ("NURLAN", "НУРЛАН"),
    ("OLEG", "ОЛЕГ"),
    ("DMITRIY", "ДМИТРИЙ"),
    ("MARAT", "МАРАТ"),
    ("BOLAT", "БОЛАТ"),
    ("KAIRAT", "КАЙРАТ"),
    ("ASKAR", "АСКАР"),
    ("YERBOL", "ЕРБОЛ"),
    ("ANDREY", "АНДРЕЙ"),
    ("PAVEL", "ПАВЕЛ"),
    ("FARRUKH", "ФАРРУХ"),
    ("JAMSHID", "ДЖАМШИД"),
    ("SHERZOD", "ШЕРЗОД"),
    ("ULUGBEK", "УЛУГБЕК"),
];

const FEMALE: &[(&str, &str)] = &[
    ("AIGERIM", "АЙГЕРИМ"),
    ("ALIYA", "АЛИЯ"),
    ("DINARA", "ДИНАРА"),
    ("GULNARA", "ГУЛЬНАРА"),
    ("ZHANNA", "ЖАННА"),
    ("MADINA", "МАДИНА"),
    ("OLGA", "ОЛЬГА"),
    ("ELENA", "ЕЛЕНА"),
    ("NATALYA", "НАТАЛЬЯ"),
    ("SVETLANA", "СВЕТЛАНА"),
    ("AIZHAN", "АЙЖАН"),
    ("SAULE", "САУЛЕ"),
    ("KAMILA", "КАМИЛА"),
    ("DILNOZA", "ДИЛЬНОЗА"),
    ("NIGORA", "НИГОРА"),
    ("MALIKA", "МАЛИКА"),
    ("TATYANA", "ТАТЬЯНА"),
    ("IRINA", "ИРИНА"),
    ("ASEL", "АСЕЛЬ"),
    ("ZARINA", "ЗАРИНА"),
];

const COUNTRIES: &[&str] = &[
    "UZB", "TJK", "KGZ", "RUS", "CHN", "TUR", "AFG", "MNG", "UKR", "XXA",
];

/// The first birth date of the synthetic registry.
fn first_birth_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1940, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// SplitMix64: enough for synthetic data, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n.max(1) as u64).unwrap_or(0)
    }
}

/// Person `index` of data set `seed`, or `None` for the rare index whose two serials
/// both give no check digit (and past [`MAX_PERSONS`]).
pub fn demo_person(seed: u64, index: u64) -> Option<(Iin, Identity)> {
    let round = index / BUCKETS;
    if round >= ROUNDS {
        return None;
    }
    let bucket = ((index % BUCKETS) * STRIDE + round * 7_919) % BUCKETS;
    let birth_date = first_birth_date() + Duration::days(i64::try_from(bucket / 2).ok()?);
    let sex = if bucket % 2 == 0 {
        Sex::Male
    } else {
        Sex::Female
    };
    let serial = u32::try_from(round * 2).ok()?;
    let iin = iin::generate(birth_date, sex, serial)
        .or_else(|_| iin::generate(birth_date, sex, serial + 1))
        .ok()?;

    let mut rng = Rng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
    rng.next();
    let male = sex == Sex::Male;
    let (mut surname, mut surname_cyr) = (String::new(), String::new());
    for _ in 0..2 + rng.below(2) {
        let (l, c) = SYLLABLES[rng.below(SYLLABLES.len())];
        surname.push_str(l);
        surname_cyr.push_str(c);
    }
    let (ml, mc, fl, fc) = ENDINGS[rng.below(ENDINGS.len())];
    surname.push_str(if male { ml } else { fl });
    surname_cyr.push_str(if male { mc } else { fc });
    let given = if male { MALE } else { FEMALE };
    let (name, name_cyr) = given[rng.below(given.len())];
    let patronymic = (rng.below(10) < 6).then(|| {
        let (l, c) = MALE[rng.below(MALE.len())];
        if male {
            (format!("{l}OVICH"), format!("{c}ОВИЧ"))
        } else {
            (format!("{l}OVNA"), format!("{c}ОВНА"))
        }
    });
    let cyrillic = if rng.below(2) == 0 {
        CyrillicName {
            surname: Some(surname_cyr),
            name: Some(name_cyr.to_string()),
            patronymic: patronymic.as_ref().map(|p| p.1.clone()),
        }
    } else {
        CyrillicName::default()
    };
    let citizenship = COUNTRIES[rng.below(COUNTRIES.len())];
    let letters = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let number = format!(
        "{}{}{:07}",
        letters[rng.below(letters.len())] as char,
        letters[rng.below(letters.len())] as char,
        rng.next() % 10_000_000
    );
    let issue_date = birth_date + Duration::days(6_600 + rng.below(3_000) as i64);
    let identity = Identity {
        surname,
        name: name.to_string(),
        patronymic: patronymic.map(|p| p.0),
        cyrillic,
        birth_date,
        birth_place: "TASHKENT".into(),
        citizenship: citizenship.to_string(),
        sex,
        document: Some(IdentityDocument {
            number,
            issue_date,
            expiry_date: issue_date + Duration::days(3_652),
            issuing_country: if citizenship == "XXA" {
                "RUS"
            } else {
                citizenship
            }
            .to_string(),
            has_latin_or_cyrillic: true,
        }),
    };
    Some((iin, identity))
}

/// The first `count` persons of data set `seed` (fewer only past [`MAX_PERSONS`]).
pub fn demo_persons(seed: u64, count: u64) -> impl Iterator<Item = (Iin, Identity)> {
    (0..MAX_PERSONS)
        .filter_map(move |i| demo_person(seed, i))
        .take(usize::try_from(count).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn persons_are_deterministic_valid_and_distinct() {
        let a: Vec<_> = demo_persons(7, 20_000).collect();
        let b: Vec<_> = demo_persons(7, 20_000).collect();
        assert_eq!(a, b, "the same seed gives the same persons");
        assert_eq!(a.len(), 20_000);
        let iins: HashSet<&str> = a.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(iins.len(), a.len(), "IINs are distinct");
        for (iin, identity) in &a {
            assert_eq!(Iin::parse(iin.as_str()).as_ref(), Ok(iin));
            let hint = iin.hint();
            assert_eq!(hint.birth_date, Some(identity.birth_date));
            assert_eq!(hint.sex, Some(identity.sex));
        }
        let names: HashSet<(&str, &str)> = a
            .iter()
            .map(|(_, p)| (p.surname.as_str(), p.name.as_str()))
            .collect();
        assert!(names.len() > 19_000, "names are varied: {}", names.len());
        let other: Vec<_> = demo_persons(8, 10).collect();
        assert_ne!(other[..], a[..10], "another seed, other persons");
    }

    #[test]
    fn ids_stay_distinct_across_rounds() {
        // Indexes of rounds 0 and 1 share buckets and must differ by serial.
        let first = demo_person(1, 5);
        let next_round = (0..BUCKETS)
            .map(|k| demo_person(1, BUCKETS + k))
            .find(|p| p.as_ref().map(|x| x.1.birth_date) == first.as_ref().map(|x| x.1.birth_date));
        let (Some(a), Some(Some(b))) = (first, next_round) else {
            panic!("both rounds make persons");
        };
        assert_ne!(a.0, b.0);
        assert!(demo_person(1, MAX_PERSONS).is_none());
    }
}
