use std::time::Duration;

use super::super::layout::tests::{typed_kazakh, typed_russian};
use super::*;
// The zones of the reading tests (ICAO 9303 specimens).
use crate::domain::mrz::tests::{TD1, TD2, TD3};

/// How a reader sends the zone: the text of each key and the pause before it.
struct Reader {
    /// Milliseconds between keys.
    key_ms: u64,
    /// What it sends after each line (`"\n"`, `"\r\n"`, `""`).
    line_end: &'static str,
    /// The keyboard layout's rendering of the zone's keys.
    layout: Typist,
}

/// What happened while a reader typed: the frames at which the scanner handed out a
/// zone, and the zone; whether every Enter after the end was swallowed.
struct Outcome {
    zones: Vec<(usize, String)>,
    keys: usize,
    trailing_enters_swallowed: bool,
}

/// How a keyboard layout renders the keys of a text.
type Typist = fn(&str) -> String;

fn latin(text: &str) -> String {
    text.to_string()
}

/// Types `lines` as `reader` does, observing after every key, then idles for a second
/// with a frame every 50 ms, sending `extra_enters` Enters 20 ms apart right after.
fn scan(lines: &[&str], reader: &Reader, extra_enters: usize) -> Outcome {
    let mut scanner = ZoneScanner::new();
    let mut text = String::new();
    let mut now = Duration::from_secs(10);
    let mut zones = Vec::new();
    let mut keys = 0;
    let mut sent: Vec<String> = Vec::new();
    for line in lines {
        for c in (reader.layout)(line).chars() {
            sent.push(c.to_string());
        }
        if !reader.line_end.is_empty() {
            sent.push(reader.line_end.to_string());
        }
    }
    for key in sent {
        text.push_str(&key);
        now += Duration::from_millis(reader.key_ms);
        keys += 1;
        if let Some(zone) = scanner.observe(&text, now) {
            zones.push((keys, zone));
        }
    }
    let mut swallowed = true;
    for _ in 0..extra_enters {
        now += Duration::from_millis(20);
        swallowed &= scanner.swallows_enter(now);
    }
    for _ in 0..20 {
        now += Duration::from_millis(50);
        if let Some(zone) = scanner.observe(&text, now) {
            zones.push((keys + 1, zone));
        }
    }
    Outcome {
        zones,
        keys,
        trailing_enters_swallowed: swallowed,
    }
}

#[test]
fn a_reader_typing_line_by_line_gives_one_whole_zone_under_every_layout() {
    let layouts: [(&str, Typist); 3] = [
        ("latin", latin),
        ("russian", typed_russian),
        ("kazakh", typed_kazakh),
    ];
    let zones: [(&str, &[&str]); 3] = [("TD3", &TD3), ("TD2", &TD2), ("TD1", &TD1)];
    let endings = ["\n", "\r\n", "\r", ""];
    for (layout_name, layout) in layouts {
        for (zone_name, lines) in zones {
            for line_end in endings {
                for key_ms in [5, 20, 60] {
                    let reader = Reader {
                        key_ms,
                        line_end,
                        layout,
                    };
                    let label = format!("{zone_name} {layout_name} {line_end:?} {key_ms} ms");
                    let outcome = scan(lines, &reader, 2);
                    assert_eq!(outcome.zones.len(), 1, "{label}: one zone, once");
                    let (at, zone) = &outcome.zones[0];
                    assert_eq!(zone, &lines.join("\n"), "{label}");
                    if line_end.is_empty() {
                        assert!(*at > outcome.keys, "{label}: ends by the quiet gap");
                    } else {
                        assert_eq!(*at, outcome.keys, "{label}: ends at the final Enter");
                        assert!(outcome.trailing_enters_swallowed, "{label}");
                    }
                    let read = crate::domain::mrz::read_mrz(
                        zone,
                        chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
                    )
                    .unwrap();
                    assert!(read.all_checks_pass(), "{label}");
                }
            }
        }
    }
}

#[test]
fn half_a_zone_never_ends_a_scan() {
    let table: &[(&str, String, ZoneProgress)] = &[
        ("empty", String::new(), ZoneProgress::Empty),
        ("enters only", "\n\r\n".into(), ZoneProgress::Empty),
        (
            "TD3 line 1 and Enter",
            format!("{}\n", TD3[0]),
            ZoneProgress::Partial {
                lines: 1,
                expected: Some(2),
            },
        ),
        (
            "TD3 line 1, Enter, half of line 2",
            format!("{}\n{}", TD3[0], &TD3[1][..20]),
            ZoneProgress::Partial {
                lines: 2,
                expected: Some(2),
            },
        ),
        (
            "TD1 two lines and Enters",
            format!("{}\n{}\n", TD1[0], TD1[1]),
            ZoneProgress::Partial {
                lines: 2,
                expected: Some(3),
            },
        ),
        (
            "TD1 as a run, 72 characters so far",
            format!("{}{}{}", TD1[0], TD1[1], &TD1[2][..12]),
            ZoneProgress::Partial {
                lines: 1,
                expected: None,
            },
        ),
        (
            "russian TD3 line 1",
            format!("{}\r\n", typed_russian(TD3[0])),
            ZoneProgress::Partial {
                lines: 1,
                expected: Some(2),
            },
        ),
        (
            "a whole zone after a broken one",
            format!("{}\n{}\n{}\n", &TD3[0][..30], TD3[0], TD3[1]),
            ZoneProgress::Complete(TD3.iter().map(|l| l.to_string()).collect()),
        ),
        (
            "kazakh TD2",
            typed_kazakh(&TD2.join("\n")),
            ZoneProgress::Complete(TD2.iter().map(|l| l.to_string()).collect()),
        ),
    ];
    for (label, text, expected) in table {
        assert_eq!(&zone_progress(text), expected, "{label}");
        let mut scanner = ZoneScanner::new();
        let complete = matches!(expected, ZoneProgress::Complete(_));
        let later = scanner
            .observe(text, Duration::from_secs(1))
            .or_else(|| scanner.observe(text, Duration::from_secs(5)));
        assert_eq!(later.is_some(), complete, "{label}");
    }
}

#[test]
fn a_zone_is_handed_out_once_and_enters_after_it_are_swallowed_only_briefly() {
    let mut scanner = ZoneScanner::new();
    let text = format!("{}\n{}\n", TD3[0], TD3[1]);
    let t = Duration::from_secs(3);
    assert!(!scanner.swallows_enter(t));
    assert!(scanner.observe(&text, t).is_some());
    assert!(scanner.observe(&text, t + QUIET_GAP).is_none());
    assert!(scanner.swallows_enter(t + Duration::from_millis(100)));
    assert!(!scanner.swallows_enter(t + QUIET_GAP));
    // A paste of a whole zone ends at once.
    let mut scanner = ZoneScanner::new();
    assert!(scanner.observe(&TD3.join("\n"), t).is_some());
    // Without a final Enter the scanner asks to be woken when the gap ends.
    let mut scanner = ZoneScanner::new();
    let run = TD3.concat();
    assert!(scanner.observe(&run[..80], t).is_none());
    assert!(scanner.observe(&run, t).is_none());
    assert_eq!(
        scanner.wake_in(t + Duration::from_millis(100)),
        Some(QUIET_GAP - Duration::from_millis(100))
    );
    assert!(scanner.observe(&run, t + QUIET_GAP).is_some());
    assert_eq!(scanner.wake_in(t + QUIET_GAP), None);
    // The box emptied and the same passport scanned again: a new zone.
    assert!(scanner.observe("", t + QUIET_GAP * 2).is_none());
    assert!(scanner.observe(&text, t + QUIET_GAP * 3).is_some());
    // A zone put in the box already read is not handed out again, nor waited for.
    scanner.settle(&run);
    assert!(scanner.observe(&run, t + QUIET_GAP * 9).is_none());
    assert_eq!(scanner.wake_in(t + QUIET_GAP * 9), None);
}
