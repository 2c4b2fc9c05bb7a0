use super::*;
use crate::domain::lang::Lang;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn dt(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> NaiveDateTime {
    d(y, m, day)
        .and_hms_opt(h, min, s)
        .expect("valid test time")
}

/// The exceptions the administrator would import for 2024–2026.
fn test_calendar() -> WorkingCalendar {
    let file_2024 = r#"{ "year": 2024, "days": [
        { "date": "2024-05-04", "kind": "working", "note": "moved to 8 May" },
        { "date": "2024-05-08", "kind": "holiday", "note": "moved from 4 May" },
        { "date": "2024-06-16", "kind": "holiday", "note": "Kurban Ait" },
        { "date": "2024-07-08", "kind": "working", "note": "override" }
    ] }"#;
    let file_2025 = r#"{ "year": 2025, "days": [
        { "date": "2025-06-06", "kind": "holiday", "note": "Kurban Ait" }
    ] }"#;
    let days = [file_2024, file_2025]
        .into_iter()
        .flat_map(|text| parse_calendar_file(text).expect("good file").days);
    WorkingCalendar::new(days)
}

#[track_caller]
fn check_status(cal: &WorkingCalendar, date: NaiveDate, expected: DayStatus) {
    let actual = cal.day_status(date);
    assert_eq!(actual, expected, "status of {date} ({})", date.weekday());
    assert_eq!(cal.is_working_day(date), expected.is_working(), "{date}");
}

#[test]
fn day_statuses() {
    use DayStatus as S;
    let note = |s: &str| s.to_owned();
    let table = [
        // Ordinary days.
        (d(2025, 2, 3), S::Working),
        (d(2025, 2, 8), S::Weekend),
        (d(2025, 2, 9), S::Weekend),
        // New Year on weekdays, and on a weekend outside the table years.
        (d(2024, 1, 1), S::Holiday(Holiday::NewYear)),
        (d(2024, 1, 2), S::Holiday(Holiday::NewYear)),
        (d(2028, 1, 1), S::Holiday(Holiday::NewYear)),
        (d(2028, 1, 3), S::MovedHoliday { of: d(2028, 1, 1) }),
        (d(2028, 1, 4), S::MovedHoliday { of: d(2028, 1, 2) }),
        (d(2028, 1, 5), S::Working),
        // 7 January on a Sunday is not moved.
        (d(2024, 1, 7), S::Holiday(Holiday::OrthodoxChristmas)),
        (d(2024, 1, 8), S::Working),
        // 8 March 2025 is a Saturday: Monday 10 March is off.
        (d(2025, 3, 8), S::Holiday(Holiday::WomensDay)),
        (d(2025, 3, 9), S::Weekend),
        (d(2025, 3, 10), S::MovedHoliday { of: d(2025, 3, 8) }),
        (d(2025, 3, 11), S::Working),
        // Nauryz 2025: Fri, Sat, Sun, moved to Mon and Tue.
        (d(2025, 3, 21), S::Holiday(Holiday::Nauryz)),
        (d(2025, 3, 24), S::MovedHoliday { of: d(2025, 3, 22) }),
        (d(2025, 3, 25), S::MovedHoliday { of: d(2025, 3, 23) }),
        (d(2025, 3, 26), S::Working),
        // Nauryz 2026: Sat, Sun, Mon; the moved days skip Monday.
        (d(2026, 3, 8), S::Holiday(Holiday::WomensDay)),
        (d(2026, 3, 9), S::MovedHoliday { of: d(2026, 3, 8) }),
        (d(2026, 3, 21), S::Holiday(Holiday::Nauryz)),
        (d(2026, 3, 22), S::Holiday(Holiday::Nauryz)),
        (d(2026, 3, 23), S::Holiday(Holiday::Nauryz)),
        (d(2026, 3, 24), S::MovedHoliday { of: d(2026, 3, 21) }),
        (d(2026, 3, 25), S::MovedHoliday { of: d(2026, 3, 22) }),
        (d(2026, 3, 26), S::Working),
        // Nauryz 2024: Thu, Fri, Sat → Monday 25 March.
        (d(2024, 3, 23), S::Holiday(Holiday::Nauryz)),
        (d(2024, 3, 25), S::MovedHoliday { of: d(2024, 3, 23) }),
        // May 2024 with the moved working day from the file.
        (d(2024, 5, 1), S::Holiday(Holiday::UnityDay)),
        (
            d(2024, 5, 4),
            S::ExceptionWorking {
                note: note("moved to 8 May"),
            },
        ),
        (d(2024, 5, 7), S::Holiday(Holiday::DefenderDay)),
        (
            d(2024, 5, 8),
            S::ExceptionHoliday {
                note: note("moved from 4 May"),
            },
        ),
        (d(2024, 5, 9), S::Holiday(Holiday::VictoryDay)),
        // Kurban Ait from the file: a Sunday (not moved) and a Friday.
        (
            d(2024, 6, 16),
            S::ExceptionHoliday {
                note: note("Kurban Ait"),
            },
        ),
        (d(2024, 6, 17), S::Working),
        (
            d(2025, 6, 6),
            S::ExceptionHoliday {
                note: note("Kurban Ait"),
            },
        ),
        // Capital Day 2024 is a Saturday; the file overrides its moved day.
        (d(2024, 7, 6), S::Holiday(Holiday::CapitalDay)),
        (
            d(2024, 7, 8),
            S::ExceptionWorking {
                note: note("override"),
            },
        ),
        // Other weekend holidays of 2025.
        (d(2025, 7, 7), S::MovedHoliday { of: d(2025, 7, 6) }),
        (d(2025, 9, 1), S::MovedHoliday { of: d(2025, 8, 30) }),
        (
            d(2025, 10, 27),
            S::MovedHoliday {
                of: d(2025, 10, 25),
            },
        ),
        (d(2025, 12, 16), S::Holiday(Holiday::IndependenceDay)),
    ];
    let cal = test_calendar();
    for (date, expected) in table {
        check_status(&cal, date, expected);
    }
}

#[test]
fn without_exceptions_the_computed_calendar_applies() {
    let cal = WorkingCalendar::default();
    check_status(&cal, d(2024, 5, 4), DayStatus::Weekend);
    check_status(&cal, d(2024, 5, 8), DayStatus::Working);
    check_status(
        &cal,
        d(2024, 7, 8),
        DayStatus::MovedHoliday { of: d(2024, 7, 6) },
    );
    check_status(&cal, d(2024, 6, 16), DayStatus::Weekend);
}

#[test]
fn later_exception_for_the_same_date_wins() {
    let exception = |kind| CalendarException {
        date: d(2025, 2, 3),
        kind,
        note: String::new(),
    };
    let cal = WorkingCalendar::new([
        exception(ExceptionKind::Working),
        exception(ExceptionKind::Holiday),
    ]);
    assert!(!cal.is_working_day(d(2025, 2, 3)));
}

#[test]
fn fixed_holidays_are_sorted_and_complete() {
    let list = fixed_holidays(2025);
    assert_eq!(list.len(), 14);
    assert!(list.windows(2).all(|w| w[0].0 < w[1].0));
    assert!(fixed_holidays(i32::MAX).is_empty());
    assert!(fixed_holidays(i32::MIN).is_empty());
}

#[test]
fn holiday_names_exist_in_every_language() {
    let all = [
        Holiday::NewYear,
        Holiday::OrthodoxChristmas,
        Holiday::WomensDay,
        Holiday::Nauryz,
        Holiday::UnityDay,
        Holiday::DefenderDay,
        Holiday::VictoryDay,
        Holiday::CapitalDay,
        Holiday::ConstitutionDay,
        Holiday::RepublicDay,
        Holiday::IndependenceDay,
    ];
    for holiday in all {
        for lang in Lang::ALL {
            assert!(!holiday.name(lang).is_empty(), "{holiday:?} {lang:?}");
        }
    }
}

#[track_caller]
fn check_deadline(
    cal: &WorkingCalendar,
    submitted: NaiveDateTime,
    received_on: NaiveDate,
    due: NaiveDateTime,
) {
    let deadline = cal.service_deadline(submitted);
    assert_eq!(
        deadline,
        Deadline { received_on, due },
        "submitted {submitted} ({})",
        submitted.weekday()
    );
}

#[test]
fn deadlines() {
    let table = [
        // Monday during reception: received that day, due Tuesday.
        (
            dt(2025, 2, 3, 10, 0, 0),
            d(2025, 2, 3),
            dt(2025, 2, 4, 18, 30, 0),
        ),
        // Before opening: received at 9:00 the same day.
        (
            dt(2025, 2, 3, 8, 30, 0),
            d(2025, 2, 3),
            dt(2025, 2, 4, 18, 30, 0),
        ),
        // The last second of reception and the closing time itself.
        (
            dt(2025, 2, 3, 17, 29, 59),
            d(2025, 2, 3),
            dt(2025, 2, 4, 18, 30, 0),
        ),
        (
            dt(2025, 2, 3, 17, 30, 0),
            d(2025, 2, 4),
            dt(2025, 2, 5, 18, 30, 0),
        ),
        // Monday after hours: received Tuesday, due Wednesday.
        (
            dt(2025, 2, 3, 17, 45, 0),
            d(2025, 2, 4),
            dt(2025, 2, 5, 18, 30, 0),
        ),
        // Friday evening and Saturday: received Monday, due Tuesday.
        (
            dt(2025, 2, 7, 19, 0, 0),
            d(2025, 2, 10),
            dt(2025, 2, 11, 18, 30, 0),
        ),
        (
            dt(2025, 2, 8, 11, 0, 0),
            d(2025, 2, 10),
            dt(2025, 2, 11, 18, 30, 0),
        ),
        // The day before a holiday weekend (8 March 2025 moved to 10 March).
        (
            dt(2025, 3, 7, 10, 0, 0),
            d(2025, 3, 7),
            dt(2025, 3, 11, 18, 30, 0),
        ),
        // The day before Kurban Ait 2025 (Friday 6 June).
        (
            dt(2025, 6, 5, 10, 0, 0),
            d(2025, 6, 5),
            dt(2025, 6, 9, 18, 30, 0),
        ),
        // On a holiday: Nauryz 2026 runs to Wednesday 25 March.
        (
            dt(2026, 3, 23, 10, 0, 0),
            d(2026, 3, 26),
            dt(2026, 3, 27, 18, 30, 0),
        ),
        // Due on the moved working Saturday 4 May 2024.
        (
            dt(2024, 5, 3, 12, 0, 0),
            d(2024, 5, 3),
            dt(2024, 5, 4, 18, 30, 0),
        ),
        // On Defender Day 2024: 8 and 9 May are off too.
        (
            dt(2024, 5, 7, 10, 0, 0),
            d(2024, 5, 10),
            dt(2024, 5, 13, 18, 30, 0),
        ),
    ];
    let cal = test_calendar();
    for (submitted, received_on, due) in table {
        check_deadline(&cal, submitted, received_on, due);
    }
}

#[test]
fn overdue_boundary() {
    let deadline = test_calendar().service_deadline(dt(2025, 2, 3, 10, 0, 0));
    let table = [
        (dt(2025, 2, 4, 18, 29, 59), false),
        (dt(2025, 2, 4, 18, 30, 0), false),
        (dt(2025, 2, 4, 18, 30, 1), true),
        (dt(2025, 2, 5, 9, 0, 0), true),
    ];
    for (now, expected) in table {
        assert_eq!(deadline.is_overdue(now), expected, "at {now}");
    }
}

#[test]
fn parses_a_good_file() {
    let file = parse_calendar_file(
        r#"{"year": 2024, "days": [
            {"date": "2024-05-04", "kind": "working", "note": "moved"},
            {"date": "2024-05-08", "kind": "holiday"}
        ]}"#,
    )
    .expect("good file");
    assert_eq!(file.year, 2024);
    assert_eq!(
        file.days,
        vec![
            CalendarException {
                date: d(2024, 5, 4),
                kind: ExceptionKind::Working,
                note: "moved".to_owned(),
            },
            CalendarException {
                date: d(2024, 5, 8),
                kind: ExceptionKind::Holiday,
                note: String::new(),
            },
        ]
    );
    // Writing the file back gives the same JSON shape the parser reads.
    let written = serde_json::to_string(&file).expect("serializable");
    assert_eq!(parse_calendar_file(&written), Ok(file));
    assert!(
        parse_calendar_file(r#"{"year": 2100, "days": []}"#).is_ok(),
        "an empty year is fine"
    );
}

#[track_caller]
fn check_error(json: &str, expected: &CalendarError) {
    match parse_calendar_file(json) {
        Err(err) => assert_eq!(&err, expected, "for {json}"),
        Ok(file) => panic!("accepted {json}: {file:?}"),
    }
}

#[test]
fn rejects_bad_files() {
    check_error(
        r#"{"year": 1999, "days": []}"#,
        &CalendarError::YearOutOfRange { year: 1999 },
    );
    check_error(
        r#"{"year": 2101, "days": []}"#,
        &CalendarError::YearOutOfRange { year: 2101 },
    );
    check_error(
        r#"{"year": 2024, "days": [
            {"date": "2024-05-04", "kind": "working"},
            {"date": "2025-05-08", "kind": "holiday"}]}"#,
        &CalendarError::DateOutsideYear {
            index: 1,
            date: d(2025, 5, 8),
            year: 2024,
        },
    );
    check_error(
        r#"{"year": 2024, "days": [
            {"date": "2024-05-04", "kind": "working"},
            {"date": "2024-05-08", "kind": "holiday"},
            {"date": "2024-05-04", "kind": "holiday"}]}"#,
        &CalendarError::DuplicateDate {
            index: 2,
            first_index: 0,
            date: d(2024, 5, 4),
        },
    );
}

#[track_caller]
fn check_json_error(json: &str, line: usize, detail_contains: &str) {
    match parse_calendar_file(json) {
        Err(CalendarError::Json {
            line: l,
            column,
            detail,
        }) => {
            assert_eq!(l, line, "line of {detail}");
            assert!(column > 0, "column of {detail}");
            assert!(detail.contains(detail_contains), "{detail}");
            assert!(!detail.contains(" at line "), "{detail}");
        }
        other => panic!("expected a JSON error for {json}, got {other:?}"),
    }
}

#[test]
fn reports_json_errors_with_position() {
    check_json_error("{\"year\": 2024,\n \"days\": [,]}", 2, "expected value");
    check_json_error(
        "{\"year\": 2024, \"days\": [\n {\"date\": \"2024-05-04\", \"kind\": \"workday\"}]}",
        2,
        "unknown variant `workday`",
    );
    check_json_error(
        "{\"year\": 2024, \"days\": [\n {\"date\": \"2024-02-30\", \"kind\": \"working\"}]}",
        2,
        "",
    );
    check_json_error("{\"year\": 2024}", 1, "missing field `days`");
    check_json_error("{\"year\": 2024, \"days\": [", 1, "EOF");
    // An empty file has no column to point at, but is still a JSON error.
    assert!(matches!(
        parse_calendar_file(""),
        Err(CalendarError::Json { line: 1, .. })
    ));
}

#[test]
fn messages_in_every_language() {
    let errors = [
        parse_calendar_file("{\"year\": 2024,\n \"days\": [,]}").expect_err("bad JSON"),
        CalendarError::YearOutOfRange { year: 1999 },
        CalendarError::DateOutsideYear {
            index: 1,
            date: d(2025, 5, 8),
            year: 2024,
        },
        CalendarError::DuplicateDate {
            index: 2,
            first_index: 0,
            date: d(2024, 5, 4),
        },
    ];
    for err in &errors {
        let texts = Lang::ALL.map(|lang| err.message(lang));
        for text in &texts {
            assert!(!text.trim().is_empty(), "{err:?}");
        }
        assert_ne!(texts[0], texts[1], "{err:?}");
        assert_ne!(texts[0], texts[2], "{err:?}");
        assert_ne!(texts[1], texts[2], "{err:?}");
        assert_eq!(texts[2], err.to_string());
    }
    // The messages name the entry (counting from 1) and its date.
    for lang in Lang::ALL {
        let text = errors[3].message(lang);
        assert!(text.contains("3") && text.contains("1"), "{text}");
        assert!(text.contains("2024-05-04"), "{text}");
        let text = errors[2].message(lang);
        assert!(
            text.contains("2025-05-08") && text.contains("2024"),
            "{text}"
        );
        let text = errors[0].message(lang);
        assert!(
            text.contains('2') && text.contains("expected value"),
            "{text}"
        );
    }
}

#[test]
fn extremes_of_chronos_range() {
    let cal = test_calendar();
    assert_eq!(cal.next_working_day(NaiveDate::MAX), NaiveDate::MAX);
    let deadline = cal.service_deadline(NaiveDate::MAX.and_time(hm(23, 59)));
    assert_eq!(deadline.received_on, NaiveDate::MAX);
    let first = cal.next_working_day(NaiveDate::MIN);
    assert!(first > NaiveDate::MIN && cal.is_working_day(first));
}

#[test]
fn a_closed_year_still_terminates() {
    let start = d(2025, 1, 1);
    let closed = start.iter_days().take(400).map(|date| CalendarException {
        date,
        kind: ExceptionKind::Holiday,
        note: String::new(),
    });
    let cal = WorkingCalendar::new(closed);
    assert_eq!(cal.next_working_day(start), d(2025, 1, 2));
}

/// Any date chrono can represent, with the ends of the range weighted in.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let min = NaiveDate::MIN.num_days_from_ce();
    let max = NaiveDate::MAX.num_days_from_ce();
    let edge = 30;
    prop_oneof![
        min..=max,
        min..=min + edge,
        max - edge..=max,
        // The years the product is used in.
        d(2000, 1, 1).num_days_from_ce()..=d(2100, 12, 31).num_days_from_ce(),
    ]
    .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).expect("in range"))
}

fn any_date_time() -> impl Strategy<Value = NaiveDateTime> {
    (any_date(), 0u32..86_400).prop_map(|(date, secs)| {
        date.and_time(NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).expect("valid second"))
    })
}

proptest! {
    #[test]
    fn next_working_day_is_the_first_working_day_after(date in any_date()) {
        let cal = test_calendar();
        let _ = cal.day_status(date);
        let next = cal.next_working_day(date);
        // A working day is always within a fortnight except at the very
        // end of chrono's range, where the result saturates.
        let room = date.checked_add_days(chrono::Days::new(14)).is_some();
        if room {
            prop_assert!(next > date);
            prop_assert!(cal.is_working_day(next));
            for day in date.iter_days().skip(1).take_while(|&day| day < next) {
                prop_assert!(!cal.is_working_day(day), "{} skipped", day);
            }
        } else {
            prop_assert!(next >= date);
        }
    }

    #[test]
    fn service_deadline_never_panics(at in any_date_time()) {
        let cal = test_calendar();
        let deadline = cal.service_deadline(at);
        prop_assert!(deadline.received_on >= at.date());
        prop_assert!(deadline.due.date() >= deadline.received_on);
        if at.date().checked_add_days(chrono::Days::new(14)).is_some() {
            prop_assert!(deadline.due.date() > deadline.received_on);
            prop_assert!(cal.is_working_day(deadline.received_on));
            prop_assert!(!deadline.is_overdue(at));
        }
    }

    #[test]
    fn parse_never_panics(text in any::<String>()) {
        let _ = parse_calendar_file(&text);
    }

    #[test]
    fn parse_never_panics_on_near_json(
        year in any::<i64>(),
        date in "[+-]?[0-9]{1,7}-[0-9]{1,2}-[0-9]{1,2}",
        kind in "working|holiday|[a-z]{0,8}",
        tail in ".{0,20}",
    ) {
        let text = format!(
            r#"{{"year": {year}, "days": [{{"date": "{date}", "kind": "{kind}"}}{tail}]}}"#
        );
        if let Err(err) = parse_calendar_file(&text) {
            for lang in Lang::ALL {
                prop_assert!(!err.message(lang).is_empty());
            }
        }
    }
}
