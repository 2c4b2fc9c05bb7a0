//! Field-level validation errors with messages in Kazakh, Russian and English.
//!
//! Every message names the field (in the reader's language) and says what is expected,
//! so a clerk at the counter and an administrator reading an import report both know
//! what to fix.

use chrono::NaiveDate;
use serde::Serialize;

use super::identity::Parameter;
use super::iin::IinError;
use super::lang::{Lang, Tr};

/// A field of a request, as the paper form and the import file name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Field {
    /// Request id.
    Id,
    /// Kind of request.
    Kind,
    /// Channel.
    Channel,
    /// Status.
    Status,
    /// Date and time of submission.
    SubmittedAt,
    /// Latin surname.
    Surname,
    /// Latin name.
    Name,
    /// Latin patronymic.
    Patronymic,
    /// Cyrillic surname.
    SurnameCyrillic,
    /// Cyrillic name.
    NameCyrillic,
    /// Cyrillic patronymic.
    PatronymicCyrillic,
    /// Date of birth.
    BirthDate,
    /// Place of birth.
    BirthPlace,
    /// Citizenship.
    Citizenship,
    /// Sex.
    Sex,
    /// Identity document number.
    DocumentNumber,
    /// Identity document issue date.
    DocumentIssueDate,
    /// Identity document validity date.
    DocumentExpiryDate,
    /// Identity document issuing country.
    IssuingCountry,
    /// Address of stay in Kazakhstan.
    Address,
    /// Phone.
    Phone,
    /// Representative's full name.
    RepresentativeName,
    /// Representative's identity document.
    RepresentativeDocument,
    /// Power of attorney number.
    PowerOfAttorneyNumber,
    /// Power of attorney date.
    PowerOfAttorneyDate,
    /// Notary who certified the power of attorney.
    PowerOfAttorneyNotary,
    /// Power of attorney validity date.
    PowerOfAttorneyValidUntil,
    /// Penal institution's name.
    InstitutionName,
    /// Head of the penal institution.
    InstitutionHead,
    /// The current IIN (correction).
    CurrentIin,
    /// The list of changes (correction).
    Changes,
    /// The new value of one parameter (correction).
    Change(Parameter),
    /// The documents the clerk confirmed.
    Documents,
    /// The result's IIN.
    ResultIin,
    /// The refusal ground.
    RefusalGround,
    /// The result's date.
    DecidedAt,
}

impl Field {
    /// Where the field sits in the import/export JSON object.
    pub fn json_path(self) -> String {
        let s = match self {
            Field::Change(p) => return format!("correction.changes.{}", p.key()),
            Field::Id => "id",
            Field::Kind => "kind",
            Field::Channel => "channel",
            Field::Status => "status",
            Field::SubmittedAt => "submitted_at",
            Field::Surname => "applicant.surname",
            Field::Name => "applicant.name",
            Field::Patronymic => "applicant.patronymic",
            Field::SurnameCyrillic => "applicant.surname_cyr",
            Field::NameCyrillic => "applicant.name_cyr",
            Field::PatronymicCyrillic => "applicant.patronymic_cyr",
            Field::BirthDate => "applicant.birth_date",
            Field::BirthPlace => "applicant.birth_place",
            Field::Citizenship => "applicant.citizenship",
            Field::Sex => "applicant.sex",
            Field::DocumentNumber => "applicant.document_number",
            Field::DocumentIssueDate => "applicant.document_issue_date",
            Field::DocumentExpiryDate => "applicant.document_expiry_date",
            Field::IssuingCountry => "applicant.document_issuing_country",
            Field::Address => "applicant.address",
            Field::Phone => "applicant.phone",
            Field::RepresentativeName => "representative.full_name",
            Field::RepresentativeDocument => "representative.document",
            Field::PowerOfAttorneyNumber => "representative.poa_number",
            Field::PowerOfAttorneyDate => "representative.poa_date",
            Field::PowerOfAttorneyNotary => "representative.poa_notary",
            Field::PowerOfAttorneyValidUntil => "representative.poa_valid_until",
            Field::InstitutionName => "institution.name",
            Field::InstitutionHead => "institution.head",
            Field::CurrentIin => "correction.current_iin",
            Field::Changes => "correction.changes",
            Field::Documents => "documents",
            Field::ResultIin => "result.iin",
            Field::RefusalGround => "result.ground",
            Field::DecidedAt => "result.decided_at",
        };
        s.to_string()
    }

    /// The field's name in `lang`.
    pub fn label(self, lang: Lang) -> String {
        let tr = match self {
            Field::Change(p) => {
                let prefix = Tr::new("Өзгерту", "Изменение", "Change").get(lang);
                return format!("{prefix}: {}", p.label(lang));
            }
            Field::Id => Tr::new("Өтінім нөмірі", "Номер заявки", "Request id"),
            Field::Kind => Tr::new("Өтінім түрі", "Вид заявки", "Request kind"),
            Field::Channel => Tr::new("Жүгіну арнасы", "Канал обращения", "Channel"),
            Field::Status => Tr::new("Мәртебесі", "Статус", "Status"),
            Field::SubmittedAt => Tr::new(
                "Тапсырылған күні мен уақыты",
                "Дата и время подачи",
                "Submitted at",
            ),
            Field::Surname => Tr::new("Тегі (латынша)", "Фамилия (латиницей)", "Surname (Latin)"),
            Field::Name => Tr::new("Аты (латынша)", "Имя (латиницей)", "Name (Latin)"),
            Field::Patronymic => Tr::new(
                "Әкесінің аты (латынша)",
                "Отчество (латиницей)",
                "Patronymic (Latin)",
            ),
            Field::SurnameCyrillic => Tr::new(
                "Тегі (кириллица)",
                "Фамилия (кириллицей)",
                "Surname (Cyrillic)",
            ),
            Field::NameCyrillic => {
                Tr::new("Аты (кириллица)", "Имя (кириллицей)", "Name (Cyrillic)")
            }
            Field::PatronymicCyrillic => Tr::new(
                "Әкесінің аты (кириллица)",
                "Отчество (кириллицей)",
                "Patronymic (Cyrillic)",
            ),
            Field::BirthDate => Tr::new("Туған күні", "Дата рождения", "Date of birth"),
            Field::BirthPlace => Tr::new("Туған жері", "Место рождения", "Place of birth"),
            Field::Citizenship => Tr::new("Азаматтығы", "Гражданство", "Citizenship"),
            Field::Sex => Tr::new("Жынысы", "Пол", "Sex"),
            Field::DocumentNumber => Tr::new("Құжат нөмірі", "Номер документа", "Document number"),
            Field::DocumentIssueDate => Tr::new(
                "Құжат берілген күн",
                "Дата выдачи документа",
                "Document issue date",
            ),
            Field::DocumentExpiryDate => Tr::new(
                "Құжаттың жарамдылық мерзімі",
                "Срок действия документа",
                "Document validity date",
            ),
            Field::IssuingCountry => Tr::new(
                "Құжатты берген ел",
                "Страна выдачи документа",
                "Issuing country",
            ),
            Field::Address => Tr::new(
                "Қазақстандағы болу мекенжайы",
                "Адрес пребывания в Казахстане",
                "Address of stay in Kazakhstan",
            ),
            Field::Phone => Tr::new("Телефон", "Телефон", "Phone"),
            Field::RepresentativeName => Tr::new(
                "Өкілдің Т.А.Ә.",
                "Ф.И.О. представителя",
                "Representative's full name",
            ),
            Field::RepresentativeDocument => Tr::new(
                "Өкілдің жеке басын куәландыратын құжаты",
                "Документ, удостоверяющий личность представителя",
                "Representative's identity document",
            ),
            Field::PowerOfAttorneyNumber => Tr::new(
                "Сенімхат нөмірі",
                "Номер доверенности",
                "Power of attorney number",
            ),
            Field::PowerOfAttorneyDate => Tr::new(
                "Сенімхат күні",
                "Дата доверенности",
                "Power of attorney date",
            ),
            Field::PowerOfAttorneyNotary => Tr::new(
                "Сенімхатты куәландырған нотариус",
                "Нотариус, удостоверивший доверенность",
                "Notary of the power of attorney",
            ),
            Field::PowerOfAttorneyValidUntil => Tr::new(
                "Сенімхаттың жарамдылық мерзімі",
                "Срок действия доверенности",
                "Power of attorney valid until",
            ),
            Field::InstitutionName => Tr::new(
                "Қылмыстық-атқару мекемесінің атауы",
                "Наименование учреждения уголовно-исполнительной системы",
                "Penal institution",
            ),
            Field::InstitutionHead => Tr::new(
                "Мекеме басшысының Т.А.Ә.",
                "Ф.И.О. начальника учреждения",
                "Head of the institution",
            ),
            Field::CurrentIin => Tr::new("Ағымдағы ЖСН", "Текущий ИИН", "Current IIN"),
            Field::Changes => Tr::new(
                "Түзетілетін параметрлер",
                "Корректируемые параметры",
                "Parameters to correct",
            ),
            Field::Documents => Tr::new("Құжаттар", "Документы", "Documents"),
            Field::ResultIin => Tr::new("Қалыптастырылған ЖСН", "Сформированный ИИН", "Formed IIN"),
            Field::RefusalGround => {
                Tr::new("Бас тарту негізі", "Основание отказа", "Refusal ground")
            }
            Field::DecidedAt => Tr::new("Шешім күні", "Дата решения", "Decision date"),
        };
        tr.get(lang).to_string()
    }
}

/// A script a name may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Script {
    /// Latin letters as in the MRZ.
    Latin,
    /// Cyrillic letters, including the Kazakh ones.
    Cyrillic,
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Problem {
    /// Required but empty.
    Required,
    /// Not a date, or a date that does not exist.
    NotADate,
    /// Not a date and time.
    NotADateTime,
    /// A date after the reference day (application day, or today).
    InFuture,
    /// A birth date before 1900.
    BirthBefore1900,
    /// The document's validity ended before the application day.
    Expired {
        /// Last day of validity.
        valid_until: NaiveDate,
        /// The application day.
        on: NaiveDate,
    },
    /// Issue date not before the validity date.
    IssueNotBeforeExpiry,
    /// Letters outside the allowed script.
    WrongScript(Script),
    /// Longer than allowed.
    TooLong {
        /// Maximum number of characters.
        max: usize,
    },
    /// Not a known ISO 3166-1 alpha-3 code.
    UnknownCountry,
    /// Not `M` or `F`.
    NotASex,
    /// Not a document number (Latin letters and digits).
    NotADocumentNumber,
    /// Not a phone number.
    NotAPhone,
    /// Not a valid IIN.
    Iin(IinError),
    /// A correction that changes nothing.
    NoChange,
    /// A "change" equal to the current value.
    SameAsCurrent,
    /// Not one of the listed values.
    NotOneOf(&'static [&'static str]),
    /// Not allowed for this kind of request in the edition in force.
    NotAllowed,
    /// The documents do not allow acceptance (the checklist refuses).
    ChecklistRefuses,
    /// A refusal to accept with a complete package in date: nothing to refuse.
    NothingToRefuse,
    /// The rules in force on the date are not known to this program.
    NoEdition,
    /// Not a UUID.
    NotAnId,
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// Which field.
    pub field: Field,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// A new error.
    pub fn new(field: Field, problem: Problem) -> Self {
        FieldError { field, problem }
    }

    /// "«Field»: what is wrong; what is expected", in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        format!(
            "«{}»: {}",
            self.field.label(lang),
            self.problem.message(lang)
        )
    }
}

impl Problem {
    /// The problem and what is expected, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let t = |kk: &str, ru: &str, en: &str| [kk, ru, en][lang_index(lang)].to_string();
        match self {
            Problem::Required => t("толтыру міндетті", "обязательно для заполнения", "is required"),
            Problem::NotADate => t(
                "мұндай күн жоқ; КК.АА.ЖЖЖЖ немесе ЖЖЖЖ-АА-КК түрінде нақты күн күтіледі",
                "такой даты нет; ожидается существующая дата в виде ДД.ММ.ГГГГ или ГГГГ-ММ-ДД",
                "is not a date; a real date as DD.MM.YYYY or YYYY-MM-DD is expected",
            ),
            Problem::NotADateTime => t(
                "күн мен уақыт ЖЖЖЖ-АА-ККTСС:ММ[:СС] түрінде күтіледі",
                "ожидаются дата и время в виде ГГГГ-ММ-ДДTЧЧ:ММ[:СС]",
                "a date and time as YYYY-MM-DDTHH:MM[:SS] is expected",
            ),
            Problem::InFuture => t(
                "болашақтағы күн болмауы керек",
                "не может быть в будущем",
                "must not be in the future",
            ),
            Problem::BirthBefore1900 => t(
                "1900 жылдан ерте болмауы керек",
                "не может быть раньше 1900 года",
                "must not be before 1900",
            ),
            Problem::Expired { valid_until, on } => {
                let (u, o) = (valid_until.format("%d.%m.%Y"), on.format("%d.%m.%Y"));
                match lang {
                    Lang::Kk => format!("құжаттың мерзімі {u} өтіп кеткен; өтініш күні {o} жарамды құжат күтіледі"),
                    Lang::Ru => format!("срок действия истёк {u}; ожидается документ, действительный на день обращения {o}"),
                    Lang::En => format!("expired on {u}; a document valid on the application day {o} is expected"),
                }
            }
            Problem::IssueNotBeforeExpiry => t(
                "берілген күн жарамдылық мерзімінен ерте болуы керек",
                "дата выдачи должна быть раньше срока действия",
                "the issue date must be before the validity date",
            ),
            Problem::WrongScript(Script::Latin) => t(
                "тек латын әріптері, бос орын, дефис және апостроф күтіледі",
                "ожидаются только латинские буквы, пробел, дефис и апостроф",
                "only Latin letters, spaces, hyphens and apostrophes are expected",
            ),
            Problem::WrongScript(Script::Cyrillic) => t(
                "тек кирилл әріптері (қазақ әріптерімен), бос орын, дефис және апостроф күтіледі",
                "ожидаются только кириллические буквы (включая казахские), пробел, дефис и апостроф",
                "only Cyrillic letters (Kazakh ones included), spaces, hyphens and apostrophes are expected",
            ),
            Problem::TooLong { max } => match lang {
                Lang::Kk => format!("тым ұзын; ең көбі {max} таңба"),
                Lang::Ru => format!("слишком длинно; не более {max} символов"),
                Lang::En => format!("is too long; at most {max} characters"),
            },
            Problem::UnknownCountry => t(
                "белгісіз ел; ISO 3166-1 үш әріпті коды күтіледі (мысалы, UZB, азаматтығы жоқ адам үшін XXA)",
                "неизвестная страна; ожидается трёхбуквенный код ISO 3166-1 (например, UZB, для лица без гражданства XXA)",
                "unknown country; an ISO 3166-1 three-letter code is expected (e.g. UZB, XXA for a stateless person)",
            ),
            Problem::NotASex => t(
                "M (ер) немесе F (әйел) күтіледі",
                "ожидается M (мужской) или F (женский)",
                "M (male) or F (female) is expected",
            ),
            Problem::NotADocumentNumber => t(
                "тек латын әріптері мен цифрлар күтіледі (ең көбі 20)",
                "ожидаются только латинские буквы и цифры (не более 20)",
                "only Latin letters and digits are expected (at most 20)",
            ),
            Problem::NotAPhone => t(
                "10–15 цифрлы телефон нөмірі күтіледі, мысалы +7 701 234 56 78",
                "ожидается номер телефона из 10–15 цифр, например +7 701 234 56 78",
                "a phone number of 10–15 digits is expected, e.g. +7 701 234 56 78",
            ),
            Problem::Iin(e) => e.message(lang),
            Problem::NoChange => t(
                "кемінде бір параметр өзгеруі керек",
                "должен изменяться хотя бы один параметр",
                "at least one parameter must change",
            ),
            Problem::SameAsCurrent => t(
                "жаңа мән ағымдағымен бірдей; тек өзгеретін параметрлерді толтырыңыз",
                "новое значение совпадает с текущим; заполняйте только изменяемые параметры",
                "the new value equals the current one; fill in only the parameters that change",
            ),
            Problem::NotOneOf(values) => match lang {
                Lang::Kk => format!("мына мәндердің бірі күтіледі: {}", values.join(", ")),
                Lang::Ru => format!("ожидается одно из значений: {}", values.join(", ")),
                Lang::En => format!("one of these is expected: {}", values.join(", ")),
            },
            Problem::NotAllowed => t(
                "қолданыстағы қағидалар бойынша бұл өтінім түріне рұқсат етілмейді",
                "не допускается для этого вида заявки по действующим правилам",
                "is not allowed for this kind of request under the rules in force",
            ),
            Problem::ChecklistRefuses => t(
                "құжаттар топтамасы толық емес немесе мерзімі өткен; қабылдауға болмайды",
                "пакет документов неполный или с истекшим сроком; принять нельзя",
                "the document package is incomplete or expired; it cannot be accepted",
            ),
            Problem::NothingToRefuse => t(
                "құжаттар топтамасы толық әрі мерзімі өтпеген; қабылдаудан бас тарту үшін ұсынылмаған немесе мерзімі өткен құжат керек",
                "пакет документов полный и действителен; для отказа в приёме нужен непредставленный или просроченный документ",
                "the package is complete and in date; a refusal to accept needs a missing or expired document",
            ),
            Problem::NoEdition => t(
                "бұл күнге қолданыстағы қағидалар редакциясы белгісіз",
                "редакция правил, действующая на эту дату, неизвестна",
                "no edition of the rules is known to be in force on this date",
            ),
            Problem::NotAnId => t(
                "UUID түріндегі нөмір күтіледі",
                "ожидается номер в формате UUID",
                "a UUID is expected",
            ),
        }
    }
}

fn lang_index(lang: Lang) -> usize {
    match lang {
        Lang::Kk => 0,
        Lang::Ru => 1,
        Lang::En => 2,
    }
}
