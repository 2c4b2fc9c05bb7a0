//! Service deadlines.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{WorkingCalendar, PROVIDER_CLOSES, RECEPTION_CLOSES};

/// When an application is received and by when the service must be done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deadline {
    /// The working day on which the provider receives the application.
    pub received_on: NaiveDate,
    /// The end of the service term: 18:30 on the first working day after
    /// `received_on`.
    pub due: NaiveDateTime,
}

impl Deadline {
    /// Whether the deadline has passed at `now`. The instant of the deadline
    /// itself (18:30:00) is still in time; one second later is overdue.
    pub fn is_overdue(&self, now: NaiveDateTime) -> bool {
        now > self.due
    }
}

impl WorkingCalendar {
    /// The deadline of an application submitted at `submitted_at`.
    ///
    /// The service term is one working day. This module reads the standard
    /// as follows:
    ///
    /// * The provider receives applications on working days from 9:00 until
    ///   17:30 (17:30:00 itself is too late) and works until 18:30. The
    ///   standard says Monday to Friday; a Saturday the government declared a
    ///   working day counts as a working day like any other.
    /// * A submission on a working day before 17:30 is received that day. One
    ///   made before 9:00 is received when reception opens at 9:00 the same
    ///   day, which changes nothing about the date.
    /// * A submission at or after 17:30, or on a weekend or day off, is
    ///   received at 9:00 on the next working day.
    /// * The deadline is 18:30 on the first working day after the day of
    ///   receipt: Monday 10:00 is due Tuesday 18:30, Monday 17:45 Wednesday
    ///   18:30, Friday 19:00 and Saturday 11:00 both Tuesday 18:30.
    /// * The same rule serves both channels. For the portal the order
    ///   (Appendix 3, item 7, 3)) says: «демалыс және мереке күндері, жұмыс
    ///   уақыты аяқталғаннан кейін көрсетілетін қызметті алушының өтініші
    ///   кезінде, мемлекеттік көрсетілетін қызмет нәтижелерін беру келесі
    ///   жұмыс күні жүзеге асырылады» — a portal request made on a day off or
    ///   after working hours is counted from the next working day; the working
    ///   hours that end are the provider's hours for receiving applications
    ///   (9:00–17:30, item 7, 1)). See `docs/rules-decisions.md`.
    pub fn service_deadline(&self, submitted_at: NaiveDateTime) -> Deadline {
        let date = submitted_at.date();
        let received_on = if self.is_working_day(date) && submitted_at.time() < RECEPTION_CLOSES {
            date
        } else {
            self.next_working_day(date)
        };
        let due = self.next_working_day(received_on).and_time(PROVIDER_CLOSES);
        Deadline { received_on, due }
    }

    /// The deadline of a request submitted at `submitted_at` under this
    /// calendar, when it differs from the one stored (`stored_due`), else
    /// `None`. Used after a calendar import to find the open requests whose
    /// deadline the change affects; a request with no stored deadline counts
    /// as affected.
    pub fn revised_deadline(
        &self,
        submitted_at: NaiveDateTime,
        stored_due: Option<NaiveDateTime>,
    ) -> Option<Deadline> {
        let deadline = self.service_deadline(submitted_at);
        (stored_due != Some(deadline.due)).then_some(deadline)
    }
}
