//! The applicant's identifying data: the eleven parameters of Appendix 2-1, names in the
//! MRZ's Latin and, where the applicant has them, in Cyrillic, and contact details.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::i18n::Msg;
use super::lang::{Lang, Tr};

/// Sex as the passport states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Male (`M`).
    Male,
    /// Female (`F`).
    Female,
}

impl Sex {
    /// The one-letter code used in files and the MRZ.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }

    /// Parses `M`/`F` and the words clerks type in the three languages.
    pub fn parse(text: &str) -> Option<Sex> {
        match text.trim().to_lowercase().as_str() {
            "m" | "male" | "ер" | "еркек" | "м" | "муж" | "мужской" => {
                Some(Sex::Male)
            }
            "f" | "female" | "әйел" | "ә" | "ж" | "жен" | "женский" => {
                Some(Sex::Female)
            }
            _ => None,
        }
    }

    /// The word in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Sex::Male => Msg("sex-male").get(lang),
            Sex::Female => Msg("sex-female").get(lang),
        }
    }
}

/// The identity document the applicant presents (usually a foreign passport).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    /// Document number, upper-case Latin letters and digits.
    pub number: String,
    /// Date of issue.
    pub issue_date: NaiveDate,
    /// Last day of validity.
    pub expiry_date: NaiveDate,
    /// Issuing country, ISO 3166-1 alpha-3 (or an ICAO code such as `XXA`).
    pub issuing_country: String,
    /// Whether the document carries the identifying data (surname, name, patronymic,
    /// place of birth) in Cyrillic or Latin script; if not, a notarized translation is
    /// required (Appendix 3, item 8).
    pub has_latin_or_cyrillic: bool,
}

/// Names in Cyrillic, where the applicant has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CyrillicName {
    /// Surname (тегі).
    pub surname: Option<String>,
    /// Name (аты).
    pub name: Option<String>,
    /// Patronymic (әкесінің аты).
    pub patronymic: Option<String>,
}

/// A person's identifying data, validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Surname as in the MRZ (Latin, upper case). Empty only for a convicted person
    /// without documents whose name is known in Cyrillic alone.
    pub surname: String,
    /// Given name(s) as in the MRZ.
    pub name: String,
    /// Patronymic, if any.
    pub patronymic: Option<String>,
    /// The same names in Cyrillic, where known.
    pub cyrillic: CyrillicName,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Place of birth as written in the document.
    pub birth_place: String,
    /// Citizenship, alpha-3 (`XXA` for a stateless person).
    pub citizenship: String,
    /// Sex.
    pub sex: Sex,
    /// The identity document; `None` only for a convicted person without documents.
    pub document: Option<IdentityDocument>,
}

impl Identity {
    /// Full name in Latin: "SURNAME NAME PATRONYMIC".
    pub fn full_name_latin(&self) -> String {
        join_name([
            Some(self.surname.as_str()),
            Some(self.name.as_str()),
            self.patronymic.as_deref(),
        ])
    }

    /// Full name in Cyrillic, if the surname is known in Cyrillic.
    pub fn full_name_cyrillic(&self) -> Option<String> {
        self.cyrillic.surname.as_ref()?;
        Some(join_name([
            self.cyrillic.surname.as_deref(),
            self.cyrillic.name.as_deref(),
            self.cyrillic.patronymic.as_deref(),
        ]))
    }

    /// The best full name to show: Cyrillic where known, else Latin.
    pub fn display_name(&self) -> String {
        self.full_name_cyrillic()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.full_name_latin())
    }
}

fn join_name(parts: [Option<&str>; 3]) -> String {
    parts
        .into_iter()
        .flatten()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The applicant: identifying data plus where to reach them in Kazakhstan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// Identifying data.
    pub identity: Identity,
    /// Address of stay in Kazakhstan.
    pub address: String,
    /// Phone number, as typed (digits, `+`, spaces).
    pub phone: String,
}

/// The eleven parameters of Appendix 2-1, in the form's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parameter {
    /// 1. Тегі.
    Surname,
    /// 2. Аты.
    Name,
    /// 3. Әкесінің аты.
    Patronymic,
    /// 4. Туған күні.
    BirthDate,
    /// 5. Туған жері.
    BirthPlace,
    /// 6. Азаматтығы.
    Citizenship,
    /// 7. Жынысы.
    Sex,
    /// 8. Құжат нөмірі.
    DocumentNumber,
    /// 9. Құжат берілген күн.
    DocumentIssueDate,
    /// 10. Құжаттың жарамдылық мерзімі.
    DocumentExpiryDate,
    /// 11. Құжатты берген ел.
    IssuingCountry,
}

impl Parameter {
    /// All eleven, in the form's order.
    pub const ALL: [Parameter; 11] = [
        Parameter::Surname,
        Parameter::Name,
        Parameter::Patronymic,
        Parameter::BirthDate,
        Parameter::BirthPlace,
        Parameter::Citizenship,
        Parameter::Sex,
        Parameter::DocumentNumber,
        Parameter::DocumentIssueDate,
        Parameter::DocumentExpiryDate,
        Parameter::IssuingCountry,
    ];

    /// The row number on the form (1–11).
    pub fn number(self) -> usize {
        Parameter::ALL
            .iter()
            .position(|p| *p == self)
            .map_or(0, |i| i + 1)
    }

    /// The snake_case key used in files.
    pub fn key(self) -> &'static str {
        match self {
            Parameter::Surname => "surname",
            Parameter::Name => "name",
            Parameter::Patronymic => "patronymic",
            Parameter::BirthDate => "birth_date",
            Parameter::BirthPlace => "birth_place",
            Parameter::Citizenship => "citizenship",
            Parameter::Sex => "sex",
            Parameter::DocumentNumber => "document_number",
            Parameter::DocumentIssueDate => "document_issue_date",
            Parameter::DocumentExpiryDate => "document_expiry_date",
            Parameter::IssuingCountry => "issuing_country",
        }
    }

    /// Parses a file key.
    pub fn from_key(key: &str) -> Option<Parameter> {
        Parameter::ALL.into_iter().find(|p| p.key() == key)
    }

    /// The row's name as the form prints it (Kazakh from the seed).
    pub fn label(self, lang: Lang) -> &'static str {
        let tr = match self {
            Parameter::Surname => Tr::new("Тегі", "Фамилия", "Surname"),
            Parameter::Name => Tr::new("Аты", "Имя", "Name"),
            Parameter::Patronymic => Tr::new("Әкесінің аты", "Отчество", "Patronymic"),
            Parameter::BirthDate => Tr::new("Туған күні", "Дата рождения", "Date of birth"),
            Parameter::BirthPlace => Tr::new("Туған жері", "Место рождения", "Place of birth"),
            Parameter::Citizenship => Tr::new("Азаматтығы", "Гражданство", "Citizenship"),
            Parameter::Sex => Tr::new("Жынысы", "Пол", "Sex"),
            Parameter::DocumentNumber => {
                Tr::new("Құжат нөмірі", "Номер документа", "Document number")
            }
            Parameter::DocumentIssueDate => Tr::new(
                "Құжат берілген күн",
                "Дата выдачи документа",
                "Document issue date",
            ),
            Parameter::DocumentExpiryDate => Tr::new(
                "Құжаттың жарамдылық мерзімі",
                "Срок действия документа",
                "Document validity date",
            ),
            Parameter::IssuingCountry => Tr::new(
                "Құжатты берген ел",
                "Страна выдачи документа",
                "Issuing country",
            ),
        };
        tr.get(lang)
    }

    /// The parameter's value in `identity`, as text (dates ISO, sex `M`/`F`).
    pub fn value_of(self, identity: &Identity) -> String {
        let doc = identity.document.as_ref();
        match self {
            Parameter::Surname => identity.surname.clone(),
            Parameter::Name => identity.name.clone(),
            Parameter::Patronymic => identity.patronymic.clone().unwrap_or_default(),
            Parameter::BirthDate => identity.birth_date.to_string(),
            Parameter::BirthPlace => identity.birth_place.clone(),
            Parameter::Citizenship => identity.citizenship.clone(),
            Parameter::Sex => identity.sex.code().to_string(),
            Parameter::DocumentNumber => doc.map(|d| d.number.clone()).unwrap_or_default(),
            Parameter::DocumentIssueDate => {
                doc.map(|d| d.issue_date.to_string()).unwrap_or_default()
            }
            Parameter::DocumentExpiryDate => {
                doc.map(|d| d.expiry_date.to_string()).unwrap_or_default()
            }
            Parameter::IssuingCountry => doc.map(|d| d.issuing_country.clone()).unwrap_or_default(),
        }
    }
}
