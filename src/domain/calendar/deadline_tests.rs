//! Table tests of the portal's after-hours rule and of the deadlines a calendar
//! import revises.
//!
//! The order (Appendix 3, item 7, 3)) on the portal: «тәулік бойы (Қазақстан
//! Республикасының еңбек заңнамасына сәйкес демалыс және мереке күндері, жұмыс
//! уақыты аяқталғаннан кейін көрсетілетін қызметті алушының өтініші кезінде,
//! мемлекеттік көрсетілетін қызмет нәтижелерін беру келесі жұмыс күні жүзеге
//! асырылады)» — round the clock; a request made on a weekend or holiday, or after
//! working hours, is served from the next working day. Item 3: the term is «1 (бір)
//! жұмыс күні» from the day the package is handed in; item 7, 1): the provider
//! receives applications «сағат 9.00-ден 17.30-ға дейін».

use super::*;
use chrono::{NaiveDate, NaiveDateTime};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn dt(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day)
        .and_hms_opt(h, min, 0)
        .expect("valid test time")
}

fn due(y: i32, m: u32, day: u32) -> NaiveDateTime {
    dt(y, m, day, 18, 30)
}

/// 2024 with the government's moves: Saturday 4 May working, Wednesday 8 May off,
/// Sunday 16 June Kurban Ait — and, for these tests, Monday 17 June off as well.
fn calendar_2024() -> WorkingCalendar {
    let file = r#"{ "year": 2024, "days": [
        { "date": "2024-05-04", "kind": "working", "note": "moved to 8 May" },
        { "date": "2024-05-08", "kind": "holiday", "note": "moved from 4 May" },
        { "date": "2024-06-16", "kind": "holiday", "note": "Kurban Ait" },
        { "date": "2024-06-17", "kind": "holiday", "note": "Kurban Ait, day 2" }
    ] }"#;
    WorkingCalendar::new(parse_calendar_file(file).expect("good file").days)
}

/// (what the order's words say, submitted at, received on, due).
type Row = (&'static str, NaiveDateTime, NaiveDate, NaiveDateTime);

#[test]
fn portal_requests_after_hours_or_on_a_day_off_count_from_the_next_working_day() {
    let table: [Row; 11] = [
        (
            "working day, working hours: the term runs from that day",
            dt(2024, 6, 12, 11, 0),
            d(2024, 6, 12),
            due(2024, 6, 13),
        ),
        (
            "during the lunch break the day is still a working day",
            dt(2024, 6, 12, 13, 45),
            d(2024, 6, 12),
            due(2024, 6, 13),
        ),
        (
            "«жұмыс уақыты аяқталғаннан кейін»: 17:30 exactly is after reception hours",
            dt(2024, 6, 12, 17, 30),
            d(2024, 6, 13),
            due(2024, 6, 14),
        ),
        (
            "«жұмыс уақыты аяқталғаннан кейін»: late evening, the next working day",
            dt(2024, 6, 12, 23, 59),
            d(2024, 6, 13),
            due(2024, 6, 14),
        ),
        (
            "before 9:00 on a working day: that day is the next working day",
            dt(2024, 6, 13, 3, 0),
            d(2024, 6, 13),
            due(2024, 6, 14),
        ),
        (
            "«демалыс күндері»: Friday after hours, counted from Monday — but Kurban Ait",
            dt(2024, 6, 14, 19, 0),
            d(2024, 6, 18),
            due(2024, 6, 19),
        ),
        (
            "«мереке күндері»: on Kurban Ait, counted from the next working day",
            dt(2024, 6, 16, 12, 0),
            d(2024, 6, 18),
            due(2024, 6, 19),
        ),
        (
            "a day off moved by decree (Wednesday 8 May 2024) is a day off",
            dt(2024, 5, 8, 10, 0),
            d(2024, 5, 10),
            due(2024, 5, 13),
        ),
        (
            "a Saturday declared working (4 May 2024) is a working day",
            dt(2024, 5, 4, 10, 0),
            d(2024, 5, 4),
            due(2024, 5, 6),
        ),
        (
            "the day before a day off: the term skips it",
            dt(2024, 5, 6, 10, 0),
            d(2024, 5, 6),
            due(2024, 5, 10),
        ),
        (
            "a fixed holiday on a weekday (Independence Day, Monday 16.12.2024)",
            dt(2024, 12, 16, 10, 0),
            d(2024, 12, 17),
            due(2024, 12, 18),
        ),
    ];
    let cal = calendar_2024();
    for (rule, submitted, received_on, due) in table {
        assert_eq!(
            cal.service_deadline(submitted),
            Deadline { received_on, due },
            "{rule}: submitted {submitted}"
        );
    }
}

#[test]
fn a_calendar_change_revises_only_the_deadlines_it_affects() {
    // The computed calendar knows no Kurban Ait; the import adds it.
    let before = WorkingCalendar::default();
    let after = calendar_2024();
    // (submitted, expected new due when it changes).
    let table: [(NaiveDateTime, Option<NaiveDateTime>); 5] = [
        // Friday 14 June: due Monday 17 June before; 17 June is now off → Tuesday 18.
        (dt(2024, 6, 14, 10, 0), Some(due(2024, 6, 18))),
        // Thursday 13 June: due Friday 14 June, untouched by the change.
        (dt(2024, 6, 13, 10, 0), None),
        // Friday after hours: received Monday 17 → now Tuesday 18, due Wednesday 19.
        (dt(2024, 6, 14, 18, 0), Some(due(2024, 6, 19))),
        // Friday 3 May: due Monday 6 May before; Saturday 4 May is now working.
        (dt(2024, 5, 3, 10, 0), Some(due(2024, 5, 4))),
        // A request long before the change is not affected.
        (dt(2024, 2, 1, 10, 0), None),
    ];
    for (submitted, expected) in table {
        let stored = before.service_deadline(submitted).due;
        let revised = after
            .revised_deadline(submitted, Some(stored))
            .map(|deadline| deadline.due);
        assert_eq!(revised, expected, "submitted {submitted}");
    }
    // A request with no stored deadline gets one.
    let submitted = dt(2024, 6, 13, 10, 0);
    assert_eq!(
        after.revised_deadline(submitted, None),
        Some(after.service_deadline(submitted))
    );
}
