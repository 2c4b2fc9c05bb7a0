//! The editor's warning about the same person: the requests of the last
//! [`crate::store::RECENT_DAYS`] days with the request's document number, or its name and
//! birth date. The app looks them up whenever those values change
//! ([`RecentCheck::wanted`]); the editor shows them, each with a link, before the decision.

use crate::domain::form::RequestForm;
use crate::store::{RecentMatch, RecentProbe};

/// The matches of the values last looked up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecentCheck {
    probe: Option<RecentProbe>,
    /// The same person's recent requests, newest first.
    pub matches: Vec<RecentMatch>,
}

impl RecentCheck {
    /// The values to look up now: `Some` when `form`'s document number, birth date or
    /// name changed since the last look-up.
    pub fn wanted(&self, form: &RequestForm) -> Option<RecentProbe> {
        let probe = RecentProbe::of(form);
        (self.probe.as_ref() != Some(&probe)).then_some(probe)
    }

    /// Keeps what the look-up of `probe` found.
    pub fn found(&mut self, probe: RecentProbe, matches: Vec<RecentMatch>) {
        self.probe = Some(probe);
        self.matches = matches;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_up_is_wanted_only_when_the_values_change() {
        let mut form = RequestForm::default();
        let mut check = RecentCheck::default();
        let probe = check.wanted(&form).unwrap();
        check.found(probe, Vec::new());
        assert_eq!(check.wanted(&form), None);
        form.applicant.document_number = "FA1234567".into();
        let probe = check.wanted(&form).unwrap();
        assert_eq!(probe.doc_number, "FA1234567");
        check.found(probe, Vec::new());
        assert_eq!(check.wanted(&form), None);
        // A field the look-up does not read changes nothing.
        form.applicant.phone = "+77011234567".into();
        assert_eq!(check.wanted(&form), None);
    }
}
