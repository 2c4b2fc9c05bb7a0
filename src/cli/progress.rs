//! Progress of a long command-line job (`demo-data`, `import`, `export`): on a terminal an
//! `indicatif` bar with count, rate and time left; otherwise (a pipe, a log file, a test)
//! a plain line on stderr — the first as soon as there is a rate, then at most every
//! [`INTERVAL`], and a last one with the total time. Jobs of at most [`QUIET_UP_TO`] items
//! show nothing: they end before anyone would look.

use std::cell::RefCell;
use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::rc::Rc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::domain::i18n::tr_args;
use crate::domain::lang::Lang;
use crate::queue::sync_progress::{rate, secs_left};
use crate::store::{with_index_progress, IndexProgress};

/// The least time between two plain lines.
pub const INTERVAL: Duration = Duration::from_secs(5);

/// Jobs of at most this many items show no progress.
pub const QUIET_UP_TO: u64 = 10_000;

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Requests (stored, checked, written).
    Requests,
    /// Rows of a database (`queue migrate`).
    Rows,
}

impl Unit {
    /// "requests" in `lang`, its form chosen by `n`.
    fn name(self, lang: Lang, n: u64) -> String {
        match self {
            Unit::Requests => tr_args(lang, "progress-unit-requests", &[("n", n.into())]),
            Unit::Rows => tr_args(lang, "progress-unit-rows", &[("n", n.into())]),
        }
    }
}

/// "19 s" or "3 min 5 s": the time the rest takes at the rate so far.
fn time_left(lang: Lang, done: u64, total: u64, elapsed: Duration) -> String {
    let left = secs_left(done, total, elapsed);
    if left < 60 {
        tr_args(lang, "progress-left-secs", &[("s", left.into())])
    } else {
        tr_args(
            lang,
            "progress-left-min",
            &[("m", (left / 60).into()), ("s", (left % 60).into())],
        )
    }
}

/// "12000/100000 requests, 4100/s, 19 s left".
pub fn plain_line(lang: Lang, unit: Unit, done: u64, total: u64, elapsed: Duration) -> String {
    tr_args(
        lang,
        "progress-line",
        &[
            ("done", done.into()),
            ("left", time_left(lang, done, total, elapsed).into()),
            ("rate", rate(done, elapsed).into()),
            ("total", total.into()),
            ("unit", unit.name(lang, total).into()),
        ],
    )
}

/// "25000 requests in 6.1 s, 4100/s".
pub fn final_line(lang: Lang, unit: Unit, done: u64, elapsed: Duration) -> String {
    tr_args(
        lang,
        "progress-done",
        &[
            ("done", done.into()),
            ("rate", rate(done, elapsed).into()),
            ("secs", format!("{:.1}", elapsed.as_secs_f64()).into()),
            ("unit", unit.name(lang, done).into()),
        ],
    )
}

/// The progress of one job; [`Progress::set`] after each batch, [`Progress::finish`] at
/// the end.
pub struct Progress {
    lang: Lang,
    unit: Unit,
    total: u64,
    done: u64,
    started: Instant,
    last_line: Option<Instant>,
    shown: bool,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Starts the clock for `total` items; a bar when stderr is a terminal.
    pub fn start(lang: Lang, unit: Unit, total: u64) -> Self {
        let shown = total > QUIET_UP_TO;
        let bar = (shown && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{wide_bar} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            lang,
            unit,
            total,
            done: 0,
            started: Instant::now(),
            last_line: None,
            shown,
            bar,
        }
    }

    /// `done` items of the total are done.
    pub fn set(&mut self, done: u64) {
        self.done = done;
        if !self.shown {
            return;
        }
        let line = || {
            plain_line(
                self.lang,
                self.unit,
                done,
                self.total,
                self.started.elapsed(),
            )
        };
        if let Some(bar) = &self.bar {
            // The message first: setting the position draws.
            bar.set_message(line());
            bar.set_position(done);
            return;
        }
        let due = self.last_line.is_none_or(|t| t.elapsed() >= INTERVAL);
        if done > 0 && done < self.total && due {
            eprintln!("{}", line());
            self.last_line = Some(Instant::now());
        }
    }

    /// A step of a longer job ended: the bar goes, without a last line (the job's last
    /// step prints it).
    pub fn clear(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    /// The job ended: the bar goes, the last line says how many in how long.
    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
        if self.shown {
            eprintln!(
                "{}",
                final_line(self.lang, self.unit, self.done, self.started.elapsed())
            );
        }
    }
}

/// Runs `open` (a login that opens the store) with a bar for the build of the search
/// index, when the opening migrates a store that has none: a line saying what is going
/// on, then the usual bar or plain lines, and the total time at the end.
pub fn with_index_bar<T, E>(lang: Lang, open: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    let bar: Rc<RefCell<Option<Progress>>> = Rc::default();
    let hook_bar = Rc::clone(&bar);
    let hook = Box::new(move |p: IndexProgress| {
        let mut bar = hook_bar.borrow_mut();
        let progress = bar.get_or_insert_with(|| {
            if p.total > QUIET_UP_TO {
                eprintln!(
                    "{}",
                    tr_args(lang, "progress-index-cli", &[("n", p.total.into())])
                );
            }
            Progress::start(lang, Unit::Requests, p.total)
        });
        progress.set(p.done);
        ControlFlow::Continue(())
    });
    let opened = with_index_progress(hook, open);
    if let Some(p) = bar.borrow_mut().as_mut() {
        match opened {
            Ok(_) => p.finish(),
            Err(_) => p.clear(),
        }
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_line_has_count_rate_and_time_left() {
        let cases: &[(Lang, u64, u64, u64, &str)] = &[
            (
                Lang::En,
                12_000,
                100_000,
                3_000,
                "12000/100000 requests, 4000/s, 22 s left",
            ),
            (Lang::En, 1, 1, 1_000, "1/1 request, 1/s, 0 s left"),
            (
                Lang::En,
                10_000,
                1_000_000,
                10_000,
                "10000/1000000 requests, 1000/s, 16 min 30 s left",
            ),
            (
                Lang::Ru,
                12_000,
                100_000,
                3_000,
                "12000/100000 заявок, 4000/с, осталось 22 с",
            ),
            (Lang::Ru, 1, 21, 1_000, "1/21 заявка, 1/с, осталось 20 с"),
            (Lang::Ru, 2, 22, 1_000, "2/22 заявки, 2/с, осталось 10 с"),
            (Lang::Ru, 5, 25, 1_000, "5/25 заявок, 5/с, осталось 4 с"),
            (
                Lang::Ru,
                10_000,
                1_000_000,
                10_000,
                "10000/1000000 заявок, 1000/с, осталось 16 мин 30 с",
            ),
            (
                Lang::Kk,
                12_000,
                100_000,
                3_000,
                "12000/100000 өтінім, 4000/с, 22 с қалды",
            ),
        ];
        for &(lang, done, total, ms, want) in cases {
            let got = plain_line(lang, Unit::Requests, done, total, Duration::from_millis(ms));
            assert_eq!(got, want, "{lang:?} {done}/{total} in {ms} ms");
        }
    }

    #[test]
    fn the_final_line_has_count_time_and_rate() {
        let cases: &[(Lang, u64, u64, &str)] = &[
            (Lang::En, 25_000, 6_100, "25000 requests in 6.1 s, 4098/s"),
            (Lang::En, 1, 500, "1 request in 0.5 s, 2/s"),
            (Lang::Ru, 25_000, 6_100, "25000 заявок за 6.1 с, 4098/с"),
            (Lang::Ru, 3, 1_000, "3 заявки за 1.0 с, 3/с"),
            (Lang::Ru, 21, 1_000, "21 заявка за 1.0 с, 21/с"),
            (Lang::Kk, 25_000, 6_100, "25000 өтінім 6.1 с ішінде, 4098/с"),
        ];
        for &(lang, done, ms, want) in cases {
            let got = final_line(lang, Unit::Requests, done, Duration::from_millis(ms));
            assert_eq!(got, want, "{lang:?} {done} in {ms} ms");
        }
        let rows: &[(Lang, u64, u64, &str)] = &[
            (Lang::En, 1, 1_000, "1 row in 1.0 s, 1/s"),
            (Lang::En, 30_000, 2_000, "30000 rows in 2.0 s, 15000/s"),
            (Lang::Ru, 1, 1_000, "1 строка за 1.0 с, 1/с"),
            (Lang::Ru, 3, 1_000, "3 строки за 1.0 с, 3/с"),
            (Lang::Ru, 30_000, 2_000, "30000 строк за 2.0 с, 15000/с"),
            (Lang::Kk, 30_000, 2_000, "30000 жол 2.0 с ішінде, 15000/с"),
        ];
        for &(lang, done, ms, want) in rows {
            let got = final_line(lang, Unit::Rows, done, Duration::from_millis(ms));
            assert_eq!(got, want, "{lang:?} {done} in {ms} ms");
        }
    }

    #[test]
    fn no_time_yet_is_no_rate_rather_than_a_division_by_zero() {
        assert_eq!(rate(10, Duration::ZERO), 0);
        assert_eq!(
            plain_line(Lang::En, Unit::Requests, 0, 10, Duration::ZERO),
            "0/10 requests, 0/s, 0 s left"
        );
    }
}
