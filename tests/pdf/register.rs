//! The daily register.

use chrono::{Duration, NaiveDate};
use iin_desk::domain::request::{RequestKind, Status};
use iin_desk::pdf::{self, Register, RegisterRow};

use crate::support::*;

#[test]
fn the_daily_register_lists_and_totals() {
    let kinds = [
        RequestKind::Formation,
        RequestKind::Correction,
        RequestKind::FormationConvicted,
    ];
    let statuses = [
        Status::Accepted,
        Status::RefusedToAccept,
        Status::Formed,
        Status::Sent,
    ];
    let rows: Vec<RegisterRow> = (0..40)
        .map(|i| RegisterRow {
            request_id: format!("5a1c2e4f-0000-4000-8000-{:012}", i),
            submitted_at: at(2026, 11, 20, 9 + (i / 6) as u32, (i % 6 * 10) as u32),
            kind: kinds[i % 3],
            status: statuses[i % 4],
            counter: "7".into(),
            clerk: "Жұмабаева Гүлнәр Серікқызы".into(),
            waiting: if i % 4 == 0 {
                None
            } else {
                Some(Duration::minutes(i as i64 % 20) + Duration::seconds(30))
            },
            service: if i % 5 == 0 {
                None
            } else {
                Some(Duration::minutes(i as i64))
            },
        })
        .collect();
    let register = Register {
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        counter: Some("7".into()),
        rows,
    };
    let bytes = pdf::daily_register(&register, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("register", &bytes);
    let pages = page_texts(&bytes);
    assert!(pages.len() >= 2, "40 rows take more than a page");
    // The header is repeated on every page.
    for p in pages.iter().filter(|p| p.contains("5a1c2e4f")) {
        has(p, "Нәтиже");
    }
    let text = pages.concat();
    has_all(
        &text,
        &[
            "Өтінімдердің күнделікті тізілімі — 20.11.2026",
            "Ежедневный реестр заявок — 20.11.2026",
            "терезе / окно № 7",
            "5a1c2e4f-0000-4000-8000-000000000039",
            "Өтінімдер: 40",
            "Заявок: 40",
            "Қабылданды: 10",
            "Құжаттарды қабылдаудан бас тартылды: 10",
            "20 минуттан асқаны (!): 16",
            "15 минуттан көп күткені (!): 8",
            "Ожидание дольше 15 минут (!): 8",
            "Ожидание",
            "(! > 15:00)",
            "(! > 20:00)",
            "15:30 !",
            "39:00 !",
            "Жұмабаева Гүлнәр Серікқызы",
        ],
    );
}

fn small_register() -> Register {
    Register {
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
        counter: None,
        rows: vec![RegisterRow {
            request_id: "5a1c2e4f-0000-4000-8000-000000000001".into(),
            submitted_at: at(2026, 11, 20, 10, 0),
            kind: RequestKind::Formation,
            status: Status::Accepted,
            counter: "7".into(),
            clerk: "Clerk Name".into(),
            waiting: None,
            service: Some(Duration::minutes(12)),
        }],
    }
}

#[test]
fn the_register_names_the_supervisor_or_leaves_a_blank() {
    // The print context's clerk is whoever printed; the register never names them as
    // the supervisor by itself.
    let blank =
        text_of(&pdf::daily_register(&small_register(), &ctx()).unwrap_or_else(|e| panic!("{e}")));
    has_all(
        &blank,
        &[
            "Супервайзер: ____________________ ____________________ (қолы)",
            "Супервайзер: ____________________ ____________________ (подпись)",
        ],
    );
    assert!(
        !blank.contains("Супервайзер: Жұмабаева"),
        "the printing clerk is not the supervisor: {blank}"
    );
    let named = text_of(
        &pdf::daily_register_signed(&small_register(), &ctx(), Some("Сейткали Асхат"))
            .unwrap_or_else(|e| panic!("{e}")),
    );
    has_all(
        &named,
        &[
            "Супервайзер: Сейткали Асхат ____________________ (қолы)",
            "Супервайзер: Сейткали Асхат ____________________ (подпись)",
        ],
    );
}

#[test]
fn only_a_supervisor_or_an_administrator_signs_the_register() {
    use iin_desk::domain::account::Role;
    use iin_desk::printing::signing_supervisor;
    use iin_desk::store::User;
    let table = [
        (Role::Clerk, false),
        (Role::Supervisor, true),
        (Role::BackOffice, false),
        (Role::Administrator, true),
    ];
    for (role, signs) in table {
        let user = User {
            login: "u".into(),
            full_name: "Сейткали Асхат".into(),
            role,
            active: true,
            must_change_password: false,
        };
        let expected = signs.then(|| "Сейткали Асхат".to_string());
        assert_eq!(signing_supervisor(&user), expected, "{role:?}");
    }
}

#[test]
fn the_register_flags_a_time_over_its_limit_as_the_timer_does() {
    // 20:00 is within 20 minutes, 20:01 over; 15:00 of waiting within 15, 15:01 over.
    let table = [
        (
            Duration::seconds(900),
            Duration::seconds(1200),
            "15:00",
            "20:00",
            0,
            0,
        ),
        (
            Duration::seconds(901),
            Duration::seconds(1201),
            "15:01 !",
            "20:01 !",
            1,
            1,
        ),
    ];
    for (waiting, service, shown_waiting, shown_service, waited_over, served_over) in table {
        let mut register = small_register();
        register.rows[0].waiting = Some(waiting);
        register.rows[0].service = Some(service);
        let text =
            text_of(&pdf::daily_register(&register, &ctx()).unwrap_or_else(|e| panic!("{e}")));
        has_all(
            &text,
            &[
                shown_waiting,
                shown_service,
                &format!("15 минуттан көп күткені (!): {waited_over}"),
                &format!("20 минуттан асқаны (!): {served_over}"),
            ],
        );
        if waited_over == 0 {
            assert!(
                !text.contains("15:00 !") && !text.contains("20:00 !"),
                "{text}"
            );
        }
    }
}
