//! How far a long sync round is, and its Cancel: the round calls its progress callback
//! once before the push, after each batch the central queue committed and after each
//! result applied locally; the callback answers whether to go on. A round told to stop
//! stops there, between two batches: what the queue committed is marked sent, the rest
//! stays in the outbox (results not yet applied stay awaited) and goes in a later round.
//!
//! The background worker (`sync_worker.rs`) keeps the round's [`RoundProgress`] in its
//! status for the window, and its handle's `cancel_round` asks the running round to stop. The arithmetic
//! (rate, time left, grouped counts) is shared with the command line's progress.

use std::ops::ControlFlow;
use std::time::{Duration, Instant};

use crate::domain::lang::Lang;

/// Rounds of at most this many items show no bar in the window: they end at once.
pub const WINDOW_QUIET_UP_TO: u64 = 300;

/// What a round is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Pushing the outbox to the central queue.
    Push,
    /// Applying the results that arrived.
    Pull,
}

/// How far one phase of a round is: items handled so far out of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PushProgress {
    /// Requests handled (delivered, conflicting or damaged; results applied).
    pub done: u64,
    /// Requests the phase handles.
    pub total: u64,
    /// Pushing or pulling.
    pub phase: Phase,
}

/// The round's progress callback: `Break` stops the round safely at this point.
pub type OnProgress<'a> = dyn FnMut(PushProgress) -> ControlFlow<()> + 'a;

/// A callback that only lets the round go on.
pub fn never_stop(_: PushProgress) -> ControlFlow<()> {
    ControlFlow::Continue(())
}

/// A running round as the window sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundProgress {
    /// The phase and its count.
    pub progress: PushProgress,
    /// When the phase started.
    pub started: Instant,
    /// Cancel was pressed: the round stops after the batch in flight.
    pub cancel_requested: bool,
}

impl RoundProgress {
    /// Whether the window shows a bar: a phase of more than [`WINDOW_QUIET_UP_TO`] items.
    pub fn worth_showing(&self) -> bool {
        self.progress.total > WINDOW_QUIET_UP_TO
    }

    /// The part done, 0 to 1.
    pub fn fraction(&self) -> f32 {
        fraction(self.progress.done, self.progress.total)
    }

    /// Items per second so far, at `now`.
    pub fn rate(&self, now: Instant) -> u64 {
        rate(
            self.progress.done,
            now.saturating_duration_since(self.started),
        )
    }

    /// Seconds the rest takes at the rate so far, at `now`.
    pub fn secs_left(&self, now: Instant) -> u64 {
        let p = self.progress;
        secs_left(p.done, p.total, now.saturating_duration_since(self.started))
    }
}

/// `done` of `total` as 0 to 1 (1 when there is nothing to do).
pub fn fraction(done: u64, total: u64) -> f32 {
    if total == 0 {
        return 1.0;
    }
    (done.min(total) as f64 / total as f64) as f32
}

/// Items per second, whole (0 before any time has passed).
pub fn rate(done: u64, elapsed: Duration) -> u64 {
    let secs = elapsed.as_secs_f64();
    if secs <= 0.0 {
        return 0;
    }
    (done as f64 / secs).round() as u64
}

/// The seconds the rest takes at the rate so far, rounded up (0 before anything is done).
pub fn secs_left(done: u64, total: u64, elapsed: Duration) -> u64 {
    if done == 0 {
        return 0;
    }
    // In whole milliseconds, rounded up to a second: no float error in the count.
    let ms = elapsed.as_millis() * u128::from(total.saturating_sub(done)) / u128::from(done);
    u64::try_from(ms.div_ceil(1000)).unwrap_or(u64::MAX)
}

/// `n` with its thousands grouped as `lang` writes them: "5,000" in English, "5 000"
/// (a no-break space) in Kazakh and Russian.
pub fn grouped(lang: Lang, n: u64) -> String {
    let sep = match lang {
        Lang::En => ',',
        Lang::Kk | Lang::Ru => '\u{a0}',
    };
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_time_left_and_fraction_from_the_count_and_the_clock() {
        // (done, total, elapsed ms) → (rate, seconds left, fraction)
        let cases: &[(u64, u64, u64, u64, u64, f32)] = &[
            (1_200, 5_000, 3_000, 400, 10, 0.24),
            (0, 5_000, 3_000, 0, 0, 0.0),
            (5_000, 5_000, 2_000, 2_500, 0, 1.0),
            (1, 3, 1_000, 1, 2, 1.0 / 3.0),
            (10_000, 1_000_000, 10_000, 1_000, 990, 0.01),
            (7, 0, 1_000, 7, 0, 1.0),
        ];
        for &(done, total, ms, want_rate, want_left, want_fraction) in cases {
            let elapsed = Duration::from_millis(ms);
            assert_eq!(rate(done, elapsed), want_rate, "{done}/{total}");
            assert_eq!(secs_left(done, total, elapsed), want_left, "{done}/{total}");
            assert!((fraction(done, total) - want_fraction).abs() < 1e-6);
        }
        assert_eq!(rate(10, Duration::ZERO), 0);
    }

    #[test]
    fn counts_are_grouped_as_each_language_writes_them() {
        let cases: &[(Lang, u64, &str)] = &[
            (Lang::En, 0, "0"),
            (Lang::En, 999, "999"),
            (Lang::En, 1_200, "1,200"),
            (Lang::En, 1_000_000, "1,000,000"),
            (Lang::Ru, 5_000, "5\u{a0}000"),
            (Lang::Kk, 40_000, "40\u{a0}000"),
            (Lang::Ru, 123_456_789, "123\u{a0}456\u{a0}789"),
        ];
        for &(lang, n, want) in cases {
            assert_eq!(grouped(lang, n), want);
        }
    }
}
