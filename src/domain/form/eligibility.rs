//! Who may apply: the service is for foreigners and stateless persons temporarily staying
//! in Kazakhstan (the Rules' title, para 1), so the applicant's citizenship decides. The
//! rule is a table of nationality codes (ICAO Doc 9303 / ISO 3166-1 alpha-3): a listed code
//! says whether its holder may apply; every other known code is a foreign state's and may.

use crate::domain::field::Problem;

/// Who a citizenship code stands for, as far as the service is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicant {
    /// A citizen of a foreign state.
    Foreigner,
    /// A stateless person (`XXA`).
    Stateless,
    /// A refugee (`XXB` under the 1951 Convention, `XXC` otherwise): no citizenship to
    /// rely on, so treated as stateless.
    Refugee,
    /// The nationality is not specified (`XXX`): not a citizen of Kazakhstan as far as the
    /// document shows.
    Unspecified,
    /// A citizen of Kazakhstan: not a foreigner, the service is not for them (citizens get
    /// their IIN with their identity document).
    CitizenOfKazakhstan,
}

impl Applicant {
    /// Whether the service is for them; `None` when it is, else the problem to report.
    pub fn refusal(self) -> Option<Problem> {
        match self {
            Applicant::Foreigner
            | Applicant::Stateless
            | Applicant::Refugee
            | Applicant::Unspecified => None,
            Applicant::CitizenOfKazakhstan => Some(Problem::CitizenOfKazakhstan),
        }
    }
}

/// The codes that do not stand for a foreign state's citizen, with whom they stand for.
pub const CITIZENSHIPS: &[(&str, Applicant)] = &[
    ("KAZ", Applicant::CitizenOfKazakhstan),
    ("XXA", Applicant::Stateless),
    ("XXB", Applicant::Refugee),
    ("XXC", Applicant::Refugee),
    ("XXX", Applicant::Unspecified),
];

/// Who the (normalised, alpha-3) citizenship code stands for.
pub fn applicant_of(code: &str) -> Applicant {
    CITIZENSHIPS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(Applicant::Foreigner, |(_, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::country;

    #[test]
    fn who_may_apply() {
        let table = [
            ("KAZ", Applicant::CitizenOfKazakhstan, false),
            ("XXA", Applicant::Stateless, true),
            ("XXB", Applicant::Refugee, true),
            ("XXC", Applicant::Refugee, true),
            ("XXX", Applicant::Unspecified, true),
            ("UZB", Applicant::Foreigner, true),
            ("RUS", Applicant::Foreigner, true),
            ("DEU", Applicant::Foreigner, true),
        ];
        for (code, who, may) in table {
            assert_eq!(applicant_of(code), who, "{code}");
            assert_eq!(who.refusal().is_none(), may, "{code}");
        }
        // Every code of the table is one the country table knows.
        for (code, _) in CITIZENSHIPS {
            assert_eq!(country::normalize_code(code), Some(*code));
        }
    }
}
