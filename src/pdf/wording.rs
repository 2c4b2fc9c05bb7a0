//! The fixed wording shared by the printed documents, Kazakh from the seed and Russian as
//! our translation, and the formatting of values as they are printed: dates
//! `DD.MM.YYYY`, countries by name with their code, sex in words. The wording an edition
//! of the Rules may change (the service's name, the corners, the receipt's body, the
//! refusal grounds) is the edition's data ([`crate::domain::edition::PrintedTexts`]).

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use crate::domain::country;
use crate::domain::edition::{Printed, PrintedTexts};
use crate::domain::identity::{Identity, Sex};
use crate::domain::lang::Lang;

/// Fills the places of an edition's text: `{service}` with the service's name of
/// `texts` in the same language, `{name}` with the value of `values`.
pub(crate) fn fill(
    text: Printed,
    texts: &PrintedTexts,
    values: &[(&str, &str)],
) -> (String, String) {
    let one = |t: &str, service: &str| {
        values
            .iter()
            .fold(t.replace("{service}", service), |t, (k, v)| {
                t.replace(&format!("{{{k}}}"), v)
            })
    };
    (
        one(text.kk, texts.service.kk),
        one(text.ru, texts.service.ru),
    )
}

/// The top right corner of a form as the edition words it: "… қағидаларына N-қосымша"
/// and the Russian "Приложение N к Правилам …".
pub(crate) fn corner(texts: &PrintedTexts, appendix: &str) -> (String, String) {
    fill(texts.corner, texts, &[("appendix", appendix)])
}

/// "Нысан" / "Форма" under the corner of a form.
pub(crate) const FORM_KK: &str = "Нысан";
/// Russian of [`FORM_KK`].
pub(crate) const FORM_RU: &str = "Форма";

/// "full name (if any)", as the seed's captions put it.
pub(crate) const FULL_NAME_KK: &str = "Т.А.Ә. (болған кезде)";
/// Russian of [`FULL_NAME_KK`].
pub(crate) const FULL_NAME_RU: &str = "Ф.И.О. (при его наличии)";

/// A blank to fill in by hand.
pub(crate) const BLANK: &str = "____________________";

/// A date left for the signer to write by hand, as the seed's blank has it: Kazakh,
/// Russian.
pub(crate) const BLANK_DATE: (&str, &str) =
    ("20__ жылғы \"___\" _________", "\"___\" _________ 20__ г.");

/// A date as printed: `DD.MM.YYYY`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// A date and time as printed: `DD.MM.YYYY HH:MM`.
pub(crate) fn date_time(t: NaiveDateTime) -> String {
    t.format("%d.%m.%Y %H:%M").to_string()
}

const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];
const MONTHS_RU: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A date in words, as the seed's blank «20__ жылғы "___" _________» is filled in:
/// `2026 жылғы "20" қараша` and `"20" ноября 2026 г.`.
pub(crate) fn date_words(d: NaiveDate) -> (String, String) {
    let m = usize::try_from(d.month0()).unwrap_or(0).min(11);
    (
        format!("{} жылғы \"{:02}\" {}", d.year(), d.day(), MONTHS_KK[m]),
        format!("\"{:02}\" {} {} г.", d.day(), MONTHS_RU[m], d.year()),
    )
}

/// A country as printed: "Kazakh name / Russian name (CODE)", one name when both are
/// spelled alike; the code alone if it is not in the table.
pub(crate) fn country(code: &str) -> String {
    match country::by_code(code) {
        Some(c) if c.name(Lang::Kk) == c.name(Lang::Ru) => {
            format!("{} ({})", c.name(Lang::Kk), c.alpha3)
        }
        Some(c) => format!("{} / {} ({})", c.name(Lang::Kk), c.name(Lang::Ru), c.alpha3),
        None => code.to_string(),
    }
}

/// Sex in words, both languages.
pub(crate) fn sex(s: Sex) -> String {
    format!("{} / {}", s.label(Lang::Kk), s.label(Lang::Ru))
}

/// A value, or a dash when there is none.
pub(crate) fn or_dash(value: &str) -> String {
    if value.trim().is_empty() {
        "—".to_string()
    } else {
        value.trim().to_string()
    }
}

/// The applicant's full name for headers: Latin as in the passport and, where known,
/// Cyrillic after it.
pub(crate) fn full_name(identity: &Identity) -> String {
    let latin = identity.full_name_latin();
    match identity.full_name_cyrillic() {
        Some(cyr) if !cyr.is_empty() && !latin.trim().is_empty() => format!("{latin} ({cyr})"),
        Some(cyr) if !cyr.is_empty() => cyr,
        _ => latin,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 5).unwrap_or_default();
        assert_eq!(
            date_words(d),
            (
                "2026 жылғы \"05\" қараша".to_string(),
                "\"05\" ноября 2026 г.".to_string()
            )
        );
        assert_eq!(date(d), "05.11.2026");
    }

    #[test]
    fn countries_by_name_and_code() {
        assert!(country("UZB").ends_with("(UZB)"));
        assert_eq!(country("QQQ"), "QQQ");
    }
}
