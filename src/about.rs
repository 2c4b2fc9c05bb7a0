//! What the About dialog shows: the program's version, the edition of the Rules it checks
//! against, its licence and the third-party licences. Data only; the window draws it.

use crate::domain::checklist::EDITIONS;
use crate::domain::i18n::{tr_args, Msg};
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
    /// The heading above [`About::third_party`].
    pub third_party_heading: &'static str,
    /// The third-party licences (Markdown; shown as plain text it reads fine too).
    pub third_party: &'static str,
}

const TITLE: Msg = Msg("about-title");
const SUMMARY: Msg = Msg("about-summary");
const VERSION_LABEL: Msg = Msg("about-version");
const RULES_LABEL: Msg = Msg("about-rules-edition");
const LICENCE_LABEL: Msg = Msg("about-licence");
const THIRD_PARTY_HEADING: Msg = Msg("about-third-party");

/// The rules edition the program knows last, e.g. `order-146-2023 (in force from 2023-…)`.
fn rules_edition(lang: Lang) -> String {
    match EDITIONS.last() {
        Some(e) => tr_args(
            lang,
            "about-edition-in-force",
            &[
                ("edition", e.id.into()),
                (
                    "from",
                    e.effective_date().format("%d.%m.%Y").to_string().into(),
                ),
            ],
        ),
        None => "—".to_string(),
    }
}

/// The About dialog's contents in `lang`.
pub fn about_text(lang: Lang) -> About {
    About {
        title: TITLE.get(lang),
        name: "iin-desk",
        summary: SUMMARY.get(lang),
        rows: vec![
            (VERSION_LABEL.get(lang), VERSION.to_string()),
            (RULES_LABEL.get(lang), rules_edition(lang)),
            (
                LICENCE_LABEL.get(lang),
                env!("CARGO_PKG_LICENSE").to_string(),
            ),
        ],
        third_party_heading: THIRD_PARTY_HEADING.get(lang),
        third_party: THIRD_PARTY_LICENSES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_shows_the_version_and_the_edition() {
        let edition = EDITIONS.last().expect("an edition").id;
        for lang in Lang::ALL {
            let about = about_text(lang);
            let values: Vec<&str> = about.rows.iter().map(|(_, v)| v.as_str()).collect();
            assert_eq!(values[0], env!("CARGO_PKG_VERSION"), "{lang:?}");
            assert!(values[1].starts_with(edition), "{lang:?}: {}", values[1]);
            assert_eq!(values[2], "MIT");
            assert!(about.rows.iter().all(|(label, _)| !label.is_empty()));
        }
        let titles = Lang::ALL.map(|l| about_text(l).title);
        assert!(titles[0] != titles[1] && titles[1] != titles[2]);
    }

    #[test]
    fn the_edition_shows_its_date() {
        let edition = EDITIONS.last().expect("an edition");
        let (y, m, d) = edition.effective_from;
        let expected = format!("{} (in force from {d:02}.{m:02}.{y})", edition.id);
        assert_eq!(about_text(Lang::En).rows[1].1, expected);
    }

    #[test]
    fn the_licences_are_included() {
        let text = about_text(Lang::Kk).third_party;
        for needle in ["| egui |", "| rusqlite |", "Bitstream Vera", "iso-codes"] {
            assert!(text.contains(needle), "{needle}");
        }
    }
}
