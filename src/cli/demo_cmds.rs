//! `demo-data`: fills a store with realistic synthetic requests, for trying the window
//! with data and for the benchmarks (`benches/`).
//!
//! Every request is made from a seed and its index alone (a small SplitMix64 generator,
//! so the same seed gives the same data on every machine), passes the same validation
//! as an import ([`validate_record`]), and is stored in batches of
//! [`BATCH`] requests, one transaction each. Names come in several scripts: Latin only,
//! Latin with Cyrillic (Russian and Kazakh letters such as Ә, Ғ, Қ, Ң, Ө, Ұ, Ү, І);
//! all three kinds, both channels, every status and refusal ground, spread over the
//! three years before `now`; IINs are valid ones made by [`iin::generate`]. No real
//! person's data is used: names, documents and addresses are drawn from fixed lists.

use std::collections::BTreeMap;
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::context::Session;
use super::{exit, CliError};

#[path = "demo_fill.rs"]
mod fill;
use crate::domain::form::{
    ApplicantForm, CorrectionForm, InstitutionForm, RepresentativeForm, RequestForm, ResultForm,
};
use crate::domain::i18n::tr_args;
use crate::domain::identity::Sex;
use crate::domain::iin;
pub use fill::{demo_records, fill_store};

/// Requests per transaction.
pub const BATCH: usize = 10_000;

/// The audit action of a batch of synthetic requests.
pub const AUDIT_ACTION: &str = "request.demo_data";

/// A small deterministic generator (SplitMix64): enough for synthetic data, no crate.
#[derive(Debug, Clone)]
pub struct DemoRng(u64);

impl DemoRng {
    /// A generator for request `index` of data set `seed`.
    pub fn new(seed: u64, index: u64) -> DemoRng {
        let mut r = DemoRng(seed ^ index.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A person's name in Latin (as in the MRZ) and, where the person has one, in Cyrillic.
struct Name {
    latin: &'static str,
    cyrillic: Option<&'static str>,
}

const fn n(latin: &'static str, cyrillic: &'static str) -> Name {
    Name {
        latin,
        cyrillic: Some(cyrillic),
    }
}

const fn l(latin: &'static str) -> Name {
    Name {
        latin,
        cyrillic: None,
    }
}

/// One naming tradition: surnames (male, female forms), given names, patronymics, and
/// the citizenships it goes with.
struct Culture {
    surnames: &'static [(Name, Name)],
    male: &'static [Name],
    female: &'static [Name],
    /// Patronymics (male, female) or none.
    patronymics: &'static [(Name, Name)],
    countries: &'static [&'static str],
}

const KAZAKH: Culture = Culture {
    surnames: &[
        (
            n("ABILKASYMOV", "ӘБІЛҚАСЫМОВ"),
            n("ABILKASYMOVA", "ӘБІЛҚАСЫМОВА"),
        ),
        (n("NURLANOV", "НҰРЛАНОВ"), n("NURLANOVA", "НҰРЛАНОВА")),
        (n("OMIRZAKOV", "ӨМІРЗАҚОВ"), n("OMIRZAKOVA", "ӨМІРЗАҚОВА")),
        (
            n("GALYMZHANOV", "ҒАЛЫМЖАНОВ"),
            n("GALYMZHANOVA", "ҒАЛЫМЖАНОВА"),
        ),
        (n("USENOV", "ҮСЕНОВ"), n("USENOVA", "ҮСЕНОВА")),
        (n("ZHUMABAEV", "ЖҰМАБАЕВ"), n("ZHUMABAEVA", "ЖҰМАБАЕВА")),
    ],
    male: &[
        n("KAIRAT", "ҚАЙРАТ"),
        n("ULAN", "ҰЛАН"),
        n("GALYM", "ҒАЛЫМ"),
        n("NURSULTAN", "НҰРСҰЛТАН"),
        n("ERLAN", "ЕРЛАН"),
        n("ASKAR", "АСҚАР"),
    ],
    female: &[
        n("ALIYA", "ӘЛИЯ"),
        n("INKAR", "ІҢКӘР"),
        n("AIGERIM", "АЙГЕРІМ"),
        n("GULNUR", "ГҮЛНҰР"),
        n("ZHANAR", "ЖАНАР"),
        n("MADINA", "МӘДИНА"),
    ],
    patronymics: &[
        (n("SERIKOVICH", "СЕРІКҰЛЫ"), n("SERIKOVNA", "СЕРІКҚЫЗЫ")),
        (n("BOLATOVICH", "БОЛАТҰЛЫ"), n("BOLATOVNA", "БОЛАТҚЫЗЫ")),
    ],
    countries: &["CHN", "MNG", "UZB", "XXA"],
};

const RUSSIAN: Culture = Culture {
    surnames: &[
        (n("IVANOV", "ИВАНОВ"), n("IVANOVA", "ИВАНОВА")),
        (n("SIDOROV", "СИДОРОВ"), n("SIDOROVA", "СИДОРОВА")),
        (n("KUZNETSOV", "КУЗНЕЦОВ"), n("KUZNETSOVA", "КУЗНЕЦОВА")),
        (n("SHCHERBAKOV", "ЩЕРБАКОВ"), n("SHCHERBAKOVA", "ЩЕРБАКОВА")),
        (n("KOVALENKO", "КОВАЛЕНКО"), n("KOVALENKO", "КОВАЛЕНКО")),
    ],
    male: &[
        n("PETR", "ПЁТР"),
        n("ALEKSEI", "АЛЕКСЕЙ"),
        n("DMITRII", "ДМИТРИЙ"),
        n("IURII", "ЮРИЙ"),
    ],
    female: &[
        n("OLGA", "ОЛЬГА"),
        n("TATIANA", "ТАТЬЯНА"),
        n("IULIIA", "ЮЛИЯ"),
        n("ELENA", "ЕЛЕНА"),
    ],
    patronymics: &[
        (n("IVANOVICH", "ИВАНОВИЧ"), n("IVANOVNA", "ИВАНОВНА")),
        (n("SERGEEVICH", "СЕРГЕЕВИЧ"), n("SERGEEVNA", "СЕРГЕЕВНА")),
    ],
    countries: &["RUS", "UKR", "BLR", "XXA"],
};

const CENTRAL_ASIAN: Culture = Culture {
    surnames: &[
        (n("TESTOV", "ТЕСТОВ"), n("TESTOVA", "ТЕСТОВА")),
        (n("KARIMOV", "КАРИМОВ"), n("KARIMOVA", "КАРИМОВА")),
        (n("RAKHMONOV", "РАХМОНОВ"), n("RAKHMONOVA", "РАХМОНОВА")),
        (n("ASANBEKOV", "АСАНБЕКОВ"), n("ASANBEKOVA", "АСАНБЕКОВА")),
    ],
    male: &[
        n("RUSTAM", "РУСТАМ"),
        n("TIMUR", "ТИМУР"),
        n("BAKHTIYOR", "БАХТИЁР"),
        n("AZAMAT", "АЗАМАТ"),
    ],
    female: &[
        n("MALIKA", "МАЛИКА"),
        n("DILNOZA", "ДИЛНОЗА"),
        n("NIGORA", "НИГОРА"),
        n("AIZADA", "АЙЗАДА"),
    ],
    patronymics: &[
        (
            n("RUSTAMOVICH", "РУСТАМОВИЧ"),
            n("RUSTAMOVNA", "РУСТАМОВНА"),
        ),
        (n("KARIMOVICH", "КАРИМОВИЧ"), n("KARIMOVNA", "КАРИМОВНА")),
    ],
    countries: &["UZB", "KGZ", "TJK", "TKM", "AZE"],
};

const LATIN_ONLY: Culture = Culture {
    surnames: &[
        (l("MUELLER"), l("MUELLER")),
        (l("SCHMIDT"), l("SCHMIDT")),
        (l("YILMAZ"), l("YILMAZ")),
        (l("WANG"), l("WANG")),
        (l("KIM"), l("KIM")),
        (l("O'CONNOR"), l("O'CONNOR")),
        (l("GARCIA LOPEZ"), l("GARCIA LOPEZ")),
        (l("SHARMA"), l("SHARMA")),
        (l("NGUYEN"), l("NGUYEN")),
        (l("SMITH-JONES"), l("SMITH-JONES")),
    ],
    male: &[
        l("HANS PETER"),
        l("MEHMET"),
        l("WEI"),
        l("MIN-JUN"),
        l("JOHN"),
        l("RAHUL"),
    ],
    female: &[
        l("ANNA LENA"),
        l("AYSE"),
        l("LI NA"),
        l("SEO-YEON"),
        l("MARY"),
        l("PRIYA"),
    ],
    patronymics: &[],
    countries: &[
        "DEU", "TUR", "CHN", "KOR", "USA", "IRL", "ESP", "IND", "VNM",
    ],
};

const CULTURES: &[&Culture] = &[&KAZAKH, &RUSSIAN, &CENTRAL_ASIAN, &LATIN_ONLY];

const BIRTH_PLACES: &[&str] = &[
    "TASHKENT",
    "BISHKEK",
    "URUMQI",
    "ULAANBAATAR",
    "MOSCOW",
    "NOVOSIBIRSK",
    "BERLIN",
    "ISTANBUL",
    "SEOUL",
    "DUSHANBE",
    "BAKU",
    "NEW DELHI",
];

const CITIES: &[&str] = &[
    "Astana",
    "Almaty",
    "Shymkent",
    "Karaganda",
    "Aktobe",
    "Pavlodar",
    "Oskemen",
    "Atyrau",
];

const STREETS: &[&str] = &[
    "Kabanbay batyr ave",
    "Abay ave",
    "Dostyk st",
    "Tole bi st",
    "Respublika ave",
    "Seifullin st",
    "Nazarbayev ave",
];

const OFFICES: &[&str] = &[
    "Astana, Esil district branch",
    "Astana, Saryarka district branch",
    "Almaty, Bostandyk district branch",
    "Almaty, Medeu district branch",
    "Shymkent city branch",
    "Karaganda branch",
];

const CLERKS: &[&str] = &[
    "a.clerk", "b.clerk", "c.clerk", "d.clerk", "e.clerk", "f.clerk", "g.clerk", "h.clerk",
];

const INSTITUTIONS: &[(&str, &str)] = &[
    ("Учреждение ЕЦ-166/1", "Нурланов Б.К."),
    ("Учреждение ЛА-155/12", "Сарсенова Г.Т."),
    ("Мекеме АК-159/4", "Қасымов Ә.Ж."),
];

const OFFICERS: &[&str] = &[
    "Жумабаев Ерлан Серикович",
    "Әбенова Гүлнұр Болатқызы",
    "Petrov Ivan Sergeevich",
];

const REPRESENTATIVES: &[&str] = &[
    "Сидоров Пётр Иванович",
    "Қайратұлы Нұрлан",
    "Schmidt Anna",
    "Karimova Dilnoza",
];

const NOTARIES: &[&str] = &[
    "Нотариус Абенова А.А.",
    "Нотариус Ким В.С.",
    "Notary Ospanov",
];

const COMMENTS: &[&str] = &[
    "Копия документа не читается",
    "Сведения не соответствуют документу",
    "Деректер құжатқа сәйкес келмейді",
    "The registry already holds this person",
];

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date_time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// A valid IIN for the birth date and sex, with a serial drawn from `rng` (serials that
/// give no check digit are skipped).
fn some_iin(rng: &mut DemoRng, birth: NaiveDate, sex: Sex) -> String {
    let start = rng.below(9_000) as u32;
    (start..=9_999)
        .find_map(|s| iin::generate(birth, sex, s).ok())
        .map(|i| i.to_string())
        .unwrap_or_default()
}

/// The first day requests may be dated: the rules in force (Order No. 146) apply from
/// 25 February 2023; the data start a few days later.
fn earliest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 3, 1).unwrap_or(NaiveDate::MIN)
}

/// Synthetic request `index` of data set `seed`, submitted before `now`. It is meant to
/// pass [`validate_record`] as of `now`.
pub fn demo_form(seed: u64, index: u64, now: NaiveDateTime) -> RequestForm {
    let mut rng = DemoRng::new(seed, index);
    let mut id_bytes = [0u8; 16];
    id_bytes[..8].copy_from_slice(&rng.next_u64().to_le_bytes());
    id_bytes[8..].copy_from_slice(&rng.next_u64().to_le_bytes());
    let id = uuid::Builder::from_random_bytes(id_bytes).into_uuid();

    // When: a working-hours moment in the three years before today (not before the rules).
    let today = now.date();
    let span = (today - earliest_day()).num_days().clamp(1, 3 * 366);
    let day = today - Duration::days(1 + rng.below(span as u64) as i64);
    let submitted = day
        .and_hms_opt(
            9 + rng.below(9) as u32,
            rng.below(60) as u32,
            rng.below(60) as u32,
        )
        .unwrap_or(now);

    // What: the kind, channel and outcome.
    let roll = rng.below(100);
    let (kind, channel) = match roll {
        0..=54 => ("formation", "counter"),
        55..=69 => ("formation", "portal"),
        70..=79 => ("formation_convicted", "counter"),
        _ => ("correction", "counter"),
    };
    // The edition in force on the day decides whether the portal takes applications
    // (not since the edition of 2024): else the applicant came to the counter.
    let portal_open = crate::domain::edition::edition_on(day).is_some_and(|e| {
        e.allows(
            crate::domain::request::RequestKind::Formation,
            crate::domain::request::Channel::Portal,
        )
    });
    let channel = if portal_open { channel } else { "counter" };
    let status = match rng.below(100) {
        0..=9 => "accepted",
        10..=24 => "sent",
        25..=69 if kind == "correction" => "corrected",
        25..=69 => "formed",
        70..=84 => "refused",
        _ => "refused_to_accept",
    };

    let person = demo_person(&mut rng, day, status);
    let (birth, sex) = (person.birth, person.sex);
    let mut applicant = person.applicant;
    if kind == "formation_convicted" {
        // Appendix 2 is for a person without an identity document (the rules refuse one).
        applicant.document_number.clear();
        applicant.document_issue_date.clear();
        applicant.document_expiry_date.clear();
        applicant.document_issuing_country.clear();
    }
    let package = demo_package(
        &mut rng,
        (kind, channel, status),
        day,
        (birth, sex, person.expiry),
    );
    let (documents, representative, institution, correction) = (
        package.documents,
        package.representative,
        package.institution,
        package.correction,
    );
    let result = demo_result(
        &mut rng,
        (kind, status),
        (submitted, now),
        (birth, sex),
        correction.as_ref(),
    );

    let portal = channel == "portal";
    RequestForm {
        id: id.to_string(),
        kind: kind.to_string(),
        channel: channel.to_string(),
        status: status.to_string(),
        submitted_at: date_time(submitted),
        office: if portal {
            String::new()
        } else {
            rng.pick(OFFICES).to_string()
        },
        counter: if portal {
            String::new()
        } else {
            (1 + rng.below(12)).to_string()
        },
        clerk: if portal {
            String::new()
        } else {
            rng.pick(CLERKS).to_string()
        },
        applicant,
        representative,
        institution,
        correction,
        documents,
        result,
        ..RequestForm::default()
    }
}

/// A demo applicant and the facts about them the rest of the request depends on.
struct DemoPerson {
    applicant: ApplicantForm,
    birth: NaiveDate,
    sex: Sex,
    /// The identity document's expiry date.
    expiry: NaiveDate,
}

/// Who: a person of one of the naming traditions, with an identity document that is
/// valid on `day` unless the request is refused to accept.
fn demo_person(rng: &mut DemoRng, day: NaiveDate, status: &str) -> DemoPerson {
    // Who: a person of one of the naming traditions.
    let culture = *rng.pick(CULTURES);
    let sex = if rng.chance(50) {
        Sex::Male
    } else {
        Sex::Female
    };
    let male = sex == Sex::Male;
    let (sm, sf) = rng.pick(culture.surnames);
    let surname = if male { sm } else { sf };
    let given = rng.pick(if male { culture.male } else { culture.female });
    let patronymic = if culture.patronymics.is_empty() {
        None
    } else {
        let (pm, pf) = rng.pick(culture.patronymics);
        Some(if male { pm } else { pf })
    };
    let citizenship = *rng.pick(culture.countries);
    let birth = NaiveDate::from_ymd_opt(1950 + rng.below(55) as i32, 1, 1)
        .map(|d| d + Duration::days(rng.below(365) as i64))
        .unwrap_or(NaiveDate::MIN);

    // The identity document: valid for ten years; a refusal to accept has it expired
    // half of the time (otherwise a document is missing from the package).
    let expired = status == "refused_to_accept" && rng.chance(50);
    // An expired passport ran out shortly before the visit, and after the rules in force
    // began (validation of a refusal looks at the package as of the expiry day).
    let (issue, expiry) = if expired {
        let expiry = (day - Duration::days(1 + rng.below(180) as i64)).max(earliest_day());
        (expiry - Duration::days(3_652), expiry)
    } else {
        let issue =
            (day - Duration::days(30 + rng.below(3_200) as i64)).max(birth + Duration::days(1));
        (issue, issue + Duration::days(3_652))
    };
    let issuing = if citizenship == "XXA" {
        "RUS"
    } else {
        citizenship
    };
    let letters = b"ABCDEFGHJKLMNPRSTUVWXYZ";
    let doc_number = format!(
        "{}{}{:07}",
        letters[rng.below(letters.len() as u64) as usize] as char,
        letters[rng.below(letters.len() as u64) as usize] as char,
        rng.below(10_000_000)
    );
    let city = *rng.pick(CITIES);
    let applicant = ApplicantForm {
        surname: surname.latin.to_string(),
        name: given.latin.to_string(),
        patronymic: patronymic.map(|p| p.latin.to_string()).unwrap_or_default(),
        surname_cyr: surname.cyrillic.unwrap_or_default().to_string(),
        name_cyr: given.cyrillic.unwrap_or_default().to_string(),
        patronymic_cyr: patronymic
            .and_then(|p| p.cyrillic)
            .unwrap_or_default()
            .to_string(),
        birth_date: date(birth),
        birth_place: rng.pick(BIRTH_PLACES).to_string(),
        citizenship: citizenship.to_string(),
        sex: sex.code().to_string(),
        document_number: doc_number,
        document_issue_date: date(issue),
        document_expiry_date: date(expiry),
        document_issuing_country: issuing.to_string(),
        document_has_latin_or_cyrillic: true,
        address: format!(
            "{city}, {} {}, apt {}",
            rng.pick(STREETS),
            1 + rng.below(150),
            1 + rng.below(300)
        ),
        phone: format!(
            "+7 7{:02} {:03} {:02} {:02}",
            rng.below(100),
            rng.below(1000),
            rng.below(100),
            rng.below(100)
        ),
    };

    DemoPerson {
        applicant,
        birth,
        sex,
        expiry,
    }
}

/// The documents and parties of a demo request.
struct DemoPackage {
    documents: BTreeMap<String, bool>,
    representative: Option<RepresentativeForm>,
    institution: Option<InstitutionForm>,
    correction: Option<CorrectionForm>,
}

/// The package: every required document, except one missing for half the refusals.
fn demo_package(
    rng: &mut DemoRng,
    (kind, channel, status): (&str, &str, &str),
    day: NaiveDate,
    (birth, sex, expiry): (NaiveDate, Sex, NaiveDate),
) -> DemoPackage {
    // The package: every required document, except one missing for half the refusals.
    let mut documents = BTreeMap::new();
    let mut representative = None;
    let mut institution = None;
    let mut correction = None;
    match (kind, channel) {
        ("formation", "portal") => {
            documents.insert("electronic_request".to_string(), true);
            documents.insert("identity_document_copy".to_string(), true);
            documents.insert("change_certificate".to_string(), true);
        }
        ("formation", _) => {
            documents.insert("application_formation".to_string(), true);
            documents.insert("identity_document".to_string(), true);
        }
        ("formation_convicted", _) => {
            documents.insert("application_convicted".to_string(), true);
            let (name, head) = *rng.pick(INSTITUTIONS);
            institution = Some(InstitutionForm {
                name: name.to_string(),
                head: head.to_string(),
            });
            representative = Some(RepresentativeForm {
                full_name: rng.pick(OFFICERS).to_string(),
                document: format!("служебное удостоверение {:04}", rng.below(10_000)),
                ..RepresentativeForm::default()
            });
        }
        _ => {
            documents.insert("application_correction".to_string(), true);
            documents.insert("identity_document".to_string(), true);
            documents.insert("change_certificate".to_string(), true);
            let mut changes = BTreeMap::new();
            if rng.chance(50) {
                changes.insert("surname".to_string(), "NEWSURNAME".to_string());
            } else {
                changes.insert("document_number".to_string(), "MP0000099".to_string());
                let new_issue = day - Duration::days(1 + rng.below(20) as i64);
                changes.insert("document_issue_date".to_string(), date(new_issue));
                changes.insert(
                    "document_expiry_date".to_string(),
                    date(new_issue + Duration::days(3_652)),
                );
            }
            correction = Some(CorrectionForm {
                current_iin: some_iin(rng, birth, sex),
                changes,
            });
        }
    }
    if kind != "formation_convicted" && status != "refused_to_accept" && rng.chance(10) {
        documents.insert("power_of_attorney".to_string(), true);
        let poa = day - Duration::days(1 + rng.below(60) as i64);
        representative = Some(RepresentativeForm {
            full_name: rng.pick(REPRESENTATIVES).to_string(),
            document: format!("ID card {:09}", rng.below(1_000_000_000)),
            poa_number: format!("N-{}", rng.below(100_000)),
            poa_date: date(poa),
            poa_notary: rng.pick(NOTARIES).to_string(),
            poa_valid_until: date(poa + Duration::days(365)),
            ..RepresentativeForm::default()
        });
    }
    // Only a formation at the counter is refused for its expired passport alone (a
    // correction may bring a new document).
    let expiry_checked = channel == "counter" && kind == "formation";
    if status == "refused_to_accept" && !(expiry < day && expiry_checked) {
        if let Some(first) = documents.keys().next().cloned() {
            documents.insert(first, false);
        }
    }

    DemoPackage {
        documents,
        representative,
        institution,
        correction,
    }
}

/// The back office's result for a request with `status`, decided a few days after
/// `submitted` (but not after `now`).
fn demo_result(
    rng: &mut DemoRng,
    (kind, status): (&str, &str),
    (submitted, now): (NaiveDateTime, NaiveDateTime),
    (birth, sex): (NaiveDate, Sex),
    correction: Option<&CorrectionForm>,
) -> Option<ResultForm> {
    // The back office's result.
    let decided = (submitted + Duration::days(1 + rng.below(4) as i64)).min(now);
    match status {
        "formed" => Some(ResultForm {
            iin: some_iin(rng, birth, sex),
            decided_at: date_time(decided),
            ..ResultForm::default()
        }),
        "corrected" => Some(ResultForm {
            iin: correction
                .map(|c| c.current_iin.clone())
                .unwrap_or_default(),
            decided_at: date_time(decided),
            ..ResultForm::default()
        }),
        "refused" => {
            let grounds: &[&str] = if kind == "correction" {
                &["unreliable_documents", "data_not_compliant"]
            } else {
                &[
                    "unreliable_documents",
                    "data_not_compliant",
                    "iin_already_registered",
                ]
            };
            Some(ResultForm {
                ground: rng.pick(grounds).to_string(),
                comment: rng.pick(COMMENTS).to_string(),
                decided_at: date_time(decided),
                ..ResultForm::default()
            })
        }
        _ => None,
    }
}

/// `iin-desk demo-data --count N [--seed S]`: fills the store (administrator only).
/// Without a seed, one is taken from the clock, so that repeated runs add new requests.
pub(super) fn demo_data(s: &mut Session, count: u64, seed: Option<u64>) -> Result<u8, CliError> {
    let seed = seed.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    let started = Instant::now();
    let mut progress =
        super::progress::Progress::start(s.ctx.lang, super::progress::Unit::Requests, count);
    let stored = fill_store(
        &mut s.store,
        count,
        seed,
        &s.user.login,
        s.ctx.now,
        |done| progress.set(done),
    )
    .map_err(|e| CliError::new(exit::STORE, e))?;
    progress.finish();
    if count > BATCH as u64 {
        // Many small index segments slow the name search (41 ms against 27 ms over a
        // million requests): merge them once at the end of a big fill.
        s.store
            .optimize_search_index()
            .map_err(|e| CliError::new(exit::STORE, e.message(s.ctx.lang)))?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{}",
        tr_args(
            s.ctx.lang,
            "cli-demo-stored",
            &[
                ("secs", format!("{secs:.1}").into()),
                ("seed", seed.to_string().into()),
                ("stored", stored.into())
            ]
        )
    );
    Ok(exit::OK)
}

#[cfg(test)]
#[path = "demo_tests.rs"]
mod tests;
