//! The message catalogue: the texts a clerk, a supervisor, an MIA operator or an
//! administrator reads, in Fluent files per language under `assets/i18n/{kk,ru,en}/`
//! (see `docs/translating.md`). The files are compiled into the program: looking a text up
//! reads no file. Printed documents' legal wording is not here: it is the rules' edition data.
//!
//! Ids are written out as string literals where they are used, so the catalogue test can
//! find the unused ones; a missing id shows the id itself rather than failing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

use super::lang::Lang;

fluent_templates::static_loader! {
    static CATALOGUE = {
        locales: "./assets/i18n",
        fallback_language: "kk",
        // No Unicode isolation marks around values: the texts go to egui, the terminal and
        // PDFs, none of which lays out bidirectional text.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A value put into a message: text or a number (numbers pick plural forms).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, inserted as it is.
    Text(String),
    /// A whole number; `{ $n -> [one] … *[other] … }` selects by it.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Arg::Text(value.to_string())
    }
}

impl From<String> for Arg {
    fn from(value: String) -> Self {
        Arg::Text(value)
    }
}

impl From<&String> for Arg {
    fn from(value: &String) -> Self {
        Arg::Text(value.clone())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u8, u16, u32, u64, usize);

fn language(lang: Lang) -> &'static LanguageIdentifier {
    static IDS: OnceLock<[LanguageIdentifier; 3]> = OnceLock::new();
    let ids = IDS.get_or_init(|| {
        [
            LanguageIdentifier::from_parts("kk".parse().unwrap_or_default(), None, None, &[]),
            LanguageIdentifier::from_parts("ru".parse().unwrap_or_default(), None, None, &[]),
            LanguageIdentifier::from_parts("en".parse().unwrap_or_default(), None, None, &[]),
        ]
    });
    match lang {
        Lang::Kk => &ids[0],
        Lang::Ru => &ids[1],
        Lang::En => &ids[2],
    }
}

/// The text `id` in `lang`; the id itself when the catalogue lacks it (the catalogue test
/// makes that a test failure, never a crash at the counter).
pub fn tr(lang: Lang, id: &str) -> String {
    CATALOGUE
        .try_lookup(language(lang), id)
        .unwrap_or_else(|| id.to_string())
}

/// The text `id` in `lang` with values: `tr_args(lang, "sync-sent", &[("n", 3.into())])`.
pub fn tr_args(lang: Lang, id: &str, args: &[(&'static str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    CATALOGUE
        .try_lookup_with_args(language(lang), id, &map)
        .unwrap_or_else(|| id.to_string())
}

/// A fixed text without values, for places that keep a `&'static str` (labels of enums).
/// Each (language, id) pair is looked up once and kept for the life of the program: the
/// set of ids is fixed at compile time, so this holds a bounded table, never a growing one.
pub fn tr_static(lang: Lang, id: &'static str) -> &'static str {
    static TABLE: OnceLock<Mutex<HashMap<(Lang, &'static str), &'static str>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut table = match table.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    table
        .entry((lang, id))
        .or_insert_with(|| Box::leak(tr(lang, id).into_boxed_str()))
}

/// A fixed text named by its catalogue id, for tables of labels: `Msg("role-clerk")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Msg(pub &'static str);

impl Msg {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        tr_static(lang, self.0)
    }
}

#[cfg(test)]
mod tests;
