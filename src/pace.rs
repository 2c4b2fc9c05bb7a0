//! A pause between the steps of long work, for the real-window tests only.
//!
//! The tests under Xvfb press *Cancel* while a long job runs (the search-index build at a
//! login, a sync round with a big outbox). How long such a job takes depends on the
//! machine: on a quiet one it ended before the click, on a loaded one it outran the test's
//! patience. With `IIN_DESK_TEST_PACE_MS=N` a debug build waits N milliseconds at each
//! progress step of that work, so a small job lasts long enough on any machine. A release
//! build (what is shipped) ignores the variable.

use std::time::Duration;

/// The variable's name.
pub const PACE_VAR: &str = "IIN_DESK_TEST_PACE_MS";

/// Waits the pause `IIN_DESK_TEST_PACE_MS` asks for, in a debug build; nothing otherwise
/// (and nothing when the variable is missing or not a number of milliseconds up to 10 s).
pub fn step() {
    if let Some(pause) = pause() {
        std::thread::sleep(pause);
    }
}

fn pause() -> Option<Duration> {
    if !cfg!(debug_assertions) {
        return None;
    }
    parse(&std::env::var(PACE_VAR).ok()?)
}

fn parse(text: &str) -> Option<Duration> {
    let ms: u64 = text.trim().parse().ok()?;
    (1..=10_000)
        .contains(&ms)
        .then(|| Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_is_a_number_of_milliseconds_up_to_ten_seconds() {
        for (text, expected) in [
            ("250", Some(250)),
            (" 40 ", Some(40)),
            ("0", None),
            ("10000", Some(10_000)),
            ("10001", None),
            ("-5", None),
            ("fast", None),
            ("", None),
        ] {
            assert_eq!(parse(text), expected.map(Duration::from_millis), "{text:?}");
        }
    }
}
