//! The fixed public holidays and the days off given for those that fall on a weekend.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;

/// A fixed public holiday (a non-working day set by law on the same date every
/// year). Kurban Ait is not here because its date changes every year and only
/// comes from the administrator's calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// New Year, 1 and 2 January.
    NewYear,
    /// Orthodox Christmas, 7 January; never moved off a weekend.
    OrthodoxChristmas,
    /// International Women's Day, 8 March.
    WomensDay,
    /// Nauryz, 21–23 March.
    Nauryz,
    /// Unity Day of the People of Kazakhstan, 1 May.
    UnityDay,
    /// Defender of the Fatherland Day, 7 May.
    DefenderDay,
    /// Victory Day, 9 May.
    VictoryDay,
    /// Capital Day, 6 July.
    CapitalDay,
    /// Constitution Day, 30 August.
    ConstitutionDay,
    /// Republic Day, 25 October.
    RepublicDay,
    /// Independence Day, 16 December.
    IndependenceDay,
}

impl Holiday {
    /// The official name of the holiday in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        let msg = match self {
            Holiday::NewYear => Msg("holiday-new-year"),
            Holiday::OrthodoxChristmas => Msg("holiday-orthodox-christmas"),
            Holiday::WomensDay => Msg("holiday-womens-day"),
            Holiday::Nauryz => Msg("holiday-nauryz"),
            Holiday::UnityDay => Msg("holiday-unity-day"),
            Holiday::DefenderDay => Msg("holiday-defender-day"),
            Holiday::VictoryDay => Msg("holiday-victory-day"),
            Holiday::CapitalDay => Msg("holiday-capital-day"),
            Holiday::ConstitutionDay => Msg("holiday-constitution-day"),
            Holiday::RepublicDay => Msg("holiday-republic-day"),
            Holiday::IndependenceDay => Msg("holiday-independence-day"),
        };
        msg.get(lang)
    }

    /// Whether a day off lost to a weekend is given back on a working day.
    /// Religious holidays are excluded by law.
    fn moves_off_weekend(self) -> bool {
        self != Holiday::OrthodoxChristmas
    }
}

/// The fixed holidays by (month, day), in date order.
const FIXED_HOLIDAYS: [(u32, u32, Holiday); 14] = [
    (1, 1, Holiday::NewYear),
    (1, 2, Holiday::NewYear),
    (1, 7, Holiday::OrthodoxChristmas),
    (3, 8, Holiday::WomensDay),
    (3, 21, Holiday::Nauryz),
    (3, 22, Holiday::Nauryz),
    (3, 23, Holiday::Nauryz),
    (5, 1, Holiday::UnityDay),
    (5, 7, Holiday::DefenderDay),
    (5, 9, Holiday::VictoryDay),
    (7, 6, Holiday::CapitalDay),
    (8, 30, Holiday::ConstitutionDay),
    (10, 25, Holiday::RepublicDay),
    (12, 16, Holiday::IndependenceDay),
];

/// The fixed public holidays of `year`, in date order.
///
/// Dates chrono cannot represent (years beyond its range) are left out, so a
/// far-away year simply yields fewer or no holidays.
pub fn fixed_holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    FIXED_HOLIDAYS
        .iter()
        .filter_map(|&(month, day, holiday)| {
            NaiveDate::from_ymd_opt(year, month, day).map(|date| (date, holiday))
        })
        .collect()
}

/// Whether `date` is a Saturday or Sunday.
pub(super) fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off given in place of the holidays in `fixed` (one year's
/// [`fixed_holidays`]) that fell on a weekend, as (day off, holiday it
/// replaces), in date order.
///
/// Only the computed rules are used here; the administrator's exceptions are
/// applied afterwards and win, because the government decree they come from
/// already accounts for the moves. The latest fixed holiday is 16 December, so
/// a moved day never crosses into the next year and each year can be computed
/// on its own.
pub(super) fn moved_holidays(fixed: &[(NaiveDate, Holiday)]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut moved: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &(date, holiday) in fixed {
        if !holiday.moves_off_weekend() || !is_weekend(date) {
            continue;
        }
        let already_off = |day: NaiveDate, moved: &[(NaiveDate, NaiveDate)]| {
            is_weekend(day)
                || fixed.iter().any(|&(d, _)| d == day)
                || moved.iter().any(|&(d, _)| d == day)
        };
        // Two weeks is far more than any run of days off can take; the bound
        // keeps the loop finite, and running off the end of chrono's range
        // simply drops the moved day.
        let mut candidate = date.succ_opt();
        for _ in 0..14 {
            match candidate {
                Some(day) if already_off(day, &moved) => candidate = day.succ_opt(),
                Some(day) => {
                    moved.push((day, date));
                    break;
                }
                None => break,
            }
        }
    }
    moved
}
