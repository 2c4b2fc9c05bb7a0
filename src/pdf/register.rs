//! The supervisor's daily register: the day's requests at an office (or one counter)
//! with their kind, outcome, clerk, waiting and service time, and the totals: requests
//! by outcome, the average waiting and service times and how many exceeded the State
//! Corporation's limits (15 minutes of waiting, 20 of service: Appendix 3, item 3). A
//! time over its limit is marked `!` by the one rule of [`crate::domain::timing`]
//! (longer than the limit to the second), as the clerk's timer and the journal mark it.
//!
//! The register lists request ids, not names: it is a working list for the supervisor.
//! The input is plain data ([`Register`]); the caller gathers it from the store.

use chrono::{Duration, NaiveDate, NaiveDateTime};
use printpdf::PdfDocument;

use crate::domain::lang::Lang;
use crate::domain::request::{RequestKind, Status};
use crate::domain::timing::{mm_ss, over_limit};

use super::layout::{Align, Cell, Orientation, Style, Writer, MM};
use super::wording;
use super::{save, PdfError, PrintContext};

/// One request in the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    /// The request's id.
    pub request_id: String,
    /// When the package was handed in.
    pub submitted_at: NaiveDateTime,
    /// Kind.
    pub kind: RequestKind,
    /// Status now (the outcome).
    pub status: Status,
    /// The counter that took it.
    pub counter: String,
    /// The clerk (full name, or login when unknown).
    pub clerk: String,
    /// How long the applicant waited in the queue, from taking the ticket to the opening
    /// of the request (unknown without a ticket: imported, portal requests).
    pub waiting: Option<Duration>,
    /// From the first opening of the request at the counter to the clerk's decision,
    /// when the request was taken at this counter (unknown for imported requests).
    pub service: Option<Duration>,
}

/// A day's register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Register {
    /// The day.
    pub date: NaiveDate,
    /// The counter it is limited to, if any.
    pub counter: Option<String>,
    /// The requests, in the order to print (usually by submission time).
    pub rows: Vec<RegisterRow>,
}

/// The outcomes counted in the totals, in this order.
const OUTCOMES: [Status; 6] = [
    Status::Accepted,
    Status::Sent,
    Status::Formed,
    Status::Corrected,
    Status::Refused,
    Status::RefusedToAccept,
];

/// Prints the register with a blank line for the supervisor's name (see
/// [`daily_register_signed`]). `ctx.printed_at` and the office come from the caller.
pub fn daily_register(register: &Register, ctx: &PrintContext) -> Result<Vec<u8>, PdfError> {
    daily_register_signed(register, ctx, None)
}

/// Prints the register naming `supervisor` in the supervisor's place, when the person
/// printing it is one (a supervisor or an administrator); `None` leaves a blank line for
/// the name. `ctx.clerk_name`, whoever printed it, is never taken for the supervisor.
pub fn daily_register_signed(
    register: &Register,
    ctx: &PrintContext,
    supervisor: Option<&str>,
) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new("Күнделікті тізілім / Ежедневный реестр");
    let date = wording::date(register.date);
    let mut w = Writer::with_orientation(
        &mut doc,
        format!(
            "Күнделікті тізілім / Ежедневный реестр · {date} · {}",
            wording::date_time(ctx.printed_at)
        ),
        Orientation::Landscape,
    )?;
    heading(&mut w, register, ctx, &date);
    table(&mut w, register);
    totals(&mut w, register);
    signature(&mut w, supervisor, ctx);
    let pages = w.finish()?;
    Ok(save(
        doc,
        pages,
        "Күнделікті тізілім / Ежедневный реестр",
        vec![format!("register {}", register.date)],
        ctx,
    ))
}

/// The title, the service, the office and the counter.
fn heading(w: &mut Writer, register: &Register, ctx: &PrintContext, date: &str) {
    w.para_full(
        &format!("Өтінімдердің күнделікті тізілімі — {date}"),
        Style::bold(13.0),
        Align::Center,
    );
    w.para_full(
        &format!("Ежедневный реестр заявок — {date}"),
        Style::bold(11.0).greyed(),
        Align::Center,
    );
    w.gap(4.0);
    // The service and the edition of the Rules in force on the register's day.
    let edition = crate::domain::edition::edition_on(register.date);
    let lines = match edition {
        Some(e) => [
            format!("«{}» / «{}»", e.texts.service.kk, e.texts.service.ru),
            format!(
                "Қағидалардың редакциясы / Редакция Правил: {}, {} / {}, {}",
                e.name(Lang::Kk),
                e.start_text(),
                e.name(Lang::Ru),
                e.start_text()
            ),
        ],
        None => [
            String::new(),
            "Қағидалардың редакциясы / Редакция Правил: —".to_string(),
        ],
    };
    for line in lines.iter().filter(|l| !l.is_empty()) {
        w.para_full(line, Style::regular(7.5), Align::Center);
    }
    w.gap(6.0);
    let counter = register
        .counter
        .as_deref()
        .map(|c| format!("терезе / окно № {c}"))
        .unwrap_or_else(|| "барлық терезелер / все окна".to_string());
    w.para_full(
        &format!(
            "Бөлімше / Отделение: {}; {counter}",
            wording::or_dash(&ctx.office_name)
        ),
        Style::regular(9.0),
        Align::Left,
    );
    w.gap(6.0);
}

/// A time as `MM:SS`, marked `!` over `limit` minutes; a dash when unknown.
fn time_cell(d: Option<Duration>, limit: i64) -> String {
    match d {
        Some(d) if over_limit(d, limit) => format!("{} !", mm_ss(d)),
        Some(d) => mm_ss(d),
        None => "—".to_string(),
    }
}

/// The table of the day's requests, one row each.
fn table(w: &mut Writer, register: &Register) {
    // The limits of the edition in force on the register's day.
    let limits = crate::domain::edition::limits_on(register.date);
    let (max_waiting, max_service) = (limits.max_waiting_minutes, limits.max_service_minutes);
    let head = Style::bold(7.5);
    let head_ru = Style::regular(7.0).greyed();
    let cell = Style::regular(8.0);
    let cell_ru = Style::regular(7.0).greyed();
    // Landscape: 257 mm between the margins; the clerk takes what is left.
    let before = [9.0, 15.0, 57.0, 14.0, 42.0, 38.0];
    let after = [19.0, 19.0];
    let fixed = before.iter().chain(after.iter()).sum::<f32>() * MM;
    let mut widths: Vec<f32> = before.iter().map(|w| w * MM).collect();
    widths.push(w.content_w() - fixed);
    widths.extend(after.iter().map(|w| w * MM));
    let h =
        |kk: &str, ru: &str| -> Cell { vec![(kk.to_string(), head), (ru.to_string(), head_ru)] };
    let limit = |kk: &str, ru: &str, minutes: i64| -> Cell {
        vec![
            (kk.to_string(), head),
            (ru.to_string(), head_ru),
            (format!("(! > {minutes}:00)"), head_ru),
        ]
    };
    let header = vec![
        vec![("№".to_string(), head)],
        h("Уақыты", "Время"),
        h("Өтінім", "Заявка"),
        h("Терезе", "Окно"),
        h("Түрі", "Вид"),
        h("Нәтиже", "Результат"),
        h("Қызметкер", "Сотрудник"),
        limit("Күту", "Ожидание", max_waiting),
        limit("Қызмет", "Обслуж.", max_service),
    ];
    let rows: Vec<Vec<Cell>> = register
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            vec![
                vec![((i + 1).to_string(), cell)],
                vec![(r.submitted_at.format("%H:%M").to_string(), cell)],
                vec![(r.request_id.clone(), Style::regular(7.0))],
                vec![(wording::or_dash(&r.counter), cell)],
                vec![
                    (r.kind.label(Lang::Kk).to_string(), cell),
                    (r.kind.label(Lang::Ru).to_string(), cell_ru),
                ],
                vec![
                    (r.status.label(Lang::Kk).to_string(), cell),
                    (r.status.label(Lang::Ru).to_string(), cell_ru),
                ],
                vec![(wording::or_dash(&r.clerk), Style::regular(7.5))],
                vec![(time_cell(r.waiting, max_waiting), cell)],
                vec![(time_cell(r.service, max_service), cell)],
            ]
        })
        .collect();
    w.table(&widths, &header, &rows);
    w.gap(10.0);
}

/// The totals: requests by outcome, the average service time and how many exceeded it.
fn totals(w: &mut Writer, register: &Register) {
    // The limits of the edition in force on the register's day.
    let limits = crate::domain::edition::limits_on(register.date);
    let (max_waiting, max_service) = (limits.max_waiting_minutes, limits.max_service_minutes);
    // Totals.
    w.side_by_side("Барлығы", "Итого", Style::bold(10.0));
    w.gap(2.0);
    let total = register.rows.len();
    w.side_by_side(
        &format!("Өтінімдер: {total}"),
        &format!("Заявок: {total}"),
        Style::regular(9.0),
    );
    for status in OUTCOMES {
        let n = register.rows.iter().filter(|r| r.status == status).count();
        if n > 0 {
            w.side_by_side(
                &format!("{}: {n}", status.label(Lang::Kk)),
                &format!("{}: {n}", status.label(Lang::Ru)),
                Style::regular(9.0),
            );
        }
    }
    let waited: Vec<Duration> = register.rows.iter().filter_map(|r| r.waiting).collect();
    if !waited.is_empty() {
        let over = waited
            .iter()
            .filter(|d| over_limit(**d, max_waiting))
            .count();
        let average = average_minutes(&waited);
        w.side_by_side(
            &format!("Кезекте күтудің орташа уақыты: {average:.1} мин"),
            &format!("Среднее время ожидания в очереди: {average:.1} мин"),
            Style::regular(9.0),
        );
        w.side_by_side(
            &format!("{max_waiting} минуттан көп күткені (!): {over}"),
            &format!("Ожидание дольше {max_waiting} минут (!): {over}"),
            Style::regular(9.0),
        );
    }
    let timed: Vec<Duration> = register.rows.iter().filter_map(|r| r.service).collect();
    if !timed.is_empty() {
        let average = average_minutes(&timed);
        let over = timed
            .iter()
            .filter(|d| over_limit(**d, max_service))
            .count();
        w.side_by_side(
            &format!("Қызмет көрсетудің орташа уақыты: {average:.1} мин"),
            &format!("Среднее время обслуживания: {average:.1} мин"),
            Style::regular(9.0),
        );
        w.side_by_side(
            &format!("{max_service} минуттан асқаны (!): {over}"),
            &format!("Превышение {max_service} минут (!): {over}"),
            Style::regular(9.0),
        );
    }
}

/// The average of `times` in minutes (`times` not empty).
fn average_minutes(times: &[Duration]) -> f64 {
    let seconds = times
        .iter()
        .map(Duration::num_seconds)
        .fold(0_i64, i64::saturating_add);
    seconds as f64 / 60.0 / times.len().max(1) as f64
}

/// The supervisor's signature and the date: the supervisor's name when the register
/// is named, else a blank line for it (a clerk who prints it is not the supervisor).
fn signature(w: &mut Writer, supervisor: Option<&str>, ctx: &PrintContext) {
    let name = supervisor
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(wording::BLANK);
    w.gap(16.0);
    w.side_by_side(
        &format!(
            "Супервайзер: {name} {} (қолы)\n{}",
            wording::BLANK,
            wording::date_words(ctx.printed_at.date()).0
        ),
        &format!(
            "Супервайзер: {name} {} (подпись)\n{}",
            wording::BLANK,
            wording::date_words(ctx.printed_at.date()).1
        ),
        Style::regular(9.0),
    );
}
