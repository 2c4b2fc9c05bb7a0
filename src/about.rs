//! What the About dialog shows: the program's version, the edition of the Rules it checks
//! against, its licence and the third-party licences. Data only; the window draws it.

use chrono::NaiveDate;

use crate::domain::edition::edition_on;
use crate::domain::i18n::{tr, tr_args, Msg};
use crate::domain::lang::Lang;

/// The program's version, from Cargo.toml.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The list of third-party crates, fonts and data with their licences (Markdown), generated
/// by `packaging/licenses.py`.
pub const THIRD_PARTY_LICENSES: &str = include_str!("../assets/THIRD-PARTY-LICENSES.md");

/// The About dialog's contents in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    /// The dialog's title.
    pub title: &'static str,
    /// The program's name.
    pub name: &'static str,
    /// One sentence: what the program is for.
    pub summary: &'static str,
    /// Label–value rows: version, rules edition, licence.
    pub rows: Vec<(&'static str, String)>,
    /// The heading above the third-party licences ([`crate::licences`]: the crates as
    /// rows, the fonts and data as plain notices).
    pub third_party_heading: &'static str,
}

const TITLE: Msg = Msg("about-title");
const SUMMARY: Msg = Msg("about-summary");
const VERSION_LABEL: Msg = Msg("about-version");
const RULES_LABEL: Msg = Msg("about-rules-edition");
const LICENCE_LABEL: Msg = Msg("about-licence");
const THIRD_PARTY_HEADING: Msg = Msg("about-third-party");

/// The edition of the Rules in force on `today`, by its name and start date, e.g.
/// `The edition approved on 29 February 2024 (in force from 16.03.2024)`, marked when
/// that date is still to be confirmed.
fn rules_edition(lang: Lang, today: NaiveDate) -> String {
    match edition_on(today) {
        Some(e) => {
            let text = tr_args(
                lang,
                "about-edition-in-force",
                &[
                    ("edition", e.name(lang).into()),
                    ("from", e.start_text().into()),
                ],
            );
            if e.start_confirmed {
                text
            } else {
                format!("{text} {}", tr(lang, "edition-start-to-be-confirmed"))
            }
        }
        None => "—".to_string(),
    }
}

/// The About dialog's contents in `lang` on `today` (it names the edition in force).
pub fn about_text(lang: Lang, today: NaiveDate) -> About {
    About {
        title: TITLE.get(lang),
        name: "iin-desk",
        summary: SUMMARY.get(lang),
        rows: vec![
            (VERSION_LABEL.get(lang), VERSION.to_string()),
            (RULES_LABEL.get(lang), rules_edition(lang, today)),
            (
                LICENCE_LABEL.get(lang),
                env!("CARGO_PKG_LICENSE").to_string(),
            ),
        ],
        third_party_heading: THIRD_PARTY_HEADING.get(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn every_language_shows_the_version_and_the_edition() {
        let today = day(2026, 11, 25);
        let edition = edition_on(today).expect("an edition");
        for lang in Lang::ALL {
            let about = about_text(lang, today);
            let values: Vec<&str> = about.rows.iter().map(|(_, v)| v.as_str()).collect();
            assert_eq!(values[0], env!("CARGO_PKG_VERSION"), "{lang:?}");
            assert!(
                values[1].starts_with(edition.name(lang)),
                "{lang:?}: {}",
                values[1]
            );
            assert!(values[1].contains("16.03.2024"), "{lang:?}: {}", values[1]);
            assert_eq!(values[2], "MIT");
            assert!(about.rows.iter().all(|(label, _)| !label.is_empty()));
        }
        let titles = Lang::ALL.map(|l| about_text(l, today).title);
        assert!(titles[0] != titles[1] && titles[1] != titles[2]);
    }

    #[test]
    fn the_edition_in_force_by_its_name_and_date() {
        let table = [
            (
                day(2026, 11, 25),
                Lang::En,
                "The edition approved on 29 February 2024 (in force from 16.03.2024) (date to be confirmed)",
            ),
            (
                day(2023, 3, 1),
                Lang::En,
                "MIA Order No. 146 of 8 February 2023 (in force from 25.02.2023)",
            ),
            (
                day(2023, 3, 1),
                Lang::Ru,
                "Приказ МВД от 8 февраля 2023 года № 146 (действует с 25.02.2023)",
            ),
            (day(2021, 1, 1), Lang::En, "—"),
        ];
        for (today, lang, expected) in table {
            assert_eq!(about_text(lang, today).rows[1].1, expected, "{today}");
        }
    }

    #[test]
    fn the_licences_are_included() {
        // What the dialog lists under its third-party heading.
        assert!(!about_text(Lang::Kk, day(2026, 11, 25))
            .third_party_heading
            .is_empty());
        let crates = crate::licences::crates();
        for name in ["egui", "rusqlite"] {
            assert!(crates.iter().any(|c| c.name == name), "{name}");
        }
        let notices = crate::licences::notices();
        for needle in ["Bitstream Vera", "iso-codes"] {
            assert!(notices.iter().any(|n| n.text.contains(needle)), "{needle}");
        }
    }
}
