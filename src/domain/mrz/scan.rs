//! A keyboard-wedge reader's scan: its keystrokes buffered until one whole zone has
//! arrived, wherever it lands.
//!
//! A reader types a zone line by line — line 1, Enter, line 2, Enter (TD1: three lines) —
//! or as one run, in whatever keyboard layout the workstation has. The zone is whole when
//! the lines have the count and width of TD1 (3 × 30), TD2 (2 × 36) or TD3 (2 × 44); an
//! Enter between lines is only a line break, never the end. The end is an Enter after a
//! whole zone, or a quiet gap ([`QUIET_GAP`]) after it when the reader sends no final
//! Enter; Enters that follow within the gap still belong to the scan. The caller passes
//! the time (any monotonic origin): the domain reads no clock.

use std::time::Duration;

use super::check_digits::{field_verifies, Layout};
use super::text::{exact_shape, normalize_text};
use super::{CheckField, MrzFormat};

/// How long a reader stays quiet before a whole zone without a final Enter is taken as
/// ended, and how long Enters after a scan still belong to it. Readers type a character
/// every 5–30 ms.
pub const QUIET_GAP: Duration = Duration::from_millis(400);

/// How far the text of a scan box has got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZoneProgress {
    /// Nothing typed.
    Empty,
    /// Part of a zone: the lines arrived so far (the last one possibly unfinished) and the
    /// lines the zone has, when the first line's width tells.
    Partial {
        /// Lines typed so far.
        lines: usize,
        /// Lines of the zone the first line's width belongs to.
        expected: Option<usize>,
    },
    /// A whole zone, as MRZ lines (keyboard layout recovered).
    Complete(Vec<String>),
}

/// Whether `lines` are one whole zone: the count and width of a format, the MRZ
/// alphabet, and a document code the format uses. A run of 72 characters split in two
/// counts as TD2 only when its date check digits agree, since a TD1 zone typed without
/// breaks passes 72 on its way to 90.
pub(super) fn is_whole_zone(lines: &[String], split: bool) -> bool {
    let Some(format) = exact_shape(lines) else {
        return false;
    };
    let first = lines.first().and_then(|line| line.chars().next());
    let code_fits = match format {
        MrzFormat::Td3 => matches!(first, Some('P' | 'V')),
        MrzFormat::Td2 => matches!(first, Some('I' | 'A' | 'C' | 'V')),
        MrzFormat::Td1 => matches!(first, Some('I' | 'A' | 'C')),
    };
    if !code_fits {
        return false;
    }
    if split && format == MrzFormat::Td2 {
        let cells: Vec<Vec<char>> = lines.iter().map(|line| line.chars().collect()).collect();
        let layout = Layout::of(format);
        return layout
            .fields
            .iter()
            .filter(|field| matches!(field.check, CheckField::BirthDate | CheckField::ExpiryDate))
            .all(|field| field_verifies(&cells, field));
    }
    true
}

/// How far `text` has got towards a whole zone. A whole zone at the end of the text
/// counts even after stray lines (an earlier, broken scan left in the box).
pub fn zone_progress(text: &str) -> ZoneProgress {
    let (lines, split) = normalize_text(text);
    if lines.is_empty() {
        return ZoneProgress::Empty;
    }
    if is_whole_zone(&lines, split) {
        return ZoneProgress::Complete(lines);
    }
    if split {
        return ZoneProgress::Partial {
            lines: 1,
            expected: None,
        };
    }
    {
        for count in [2, 3] {
            if let Some(tail) = lines.len().checked_sub(count).map(|start| &lines[start..]) {
                if is_whole_zone(tail, false) {
                    return ZoneProgress::Complete(tail.to_vec());
                }
            }
        }
    }
    let expected = lines
        .first()
        .and_then(|line| match line.chars().count() {
            30 => Some(MrzFormat::Td1),
            36 => Some(MrzFormat::Td2),
            44 => Some(MrzFormat::Td3),
            _ => None,
        })
        .map(MrzFormat::line_count);
    ZoneProgress::Partial {
        lines: lines.len(),
        expected,
    }
}

/// Whether the text ends with a line break (the reader's Enter after the last line).
fn ends_with_break(text: &str) -> bool {
    text.trim_end_matches([' ', '\t'])
        .ends_with(['\n', '\r', '\u{2028}', '\u{2029}'])
}

/// Watches a scan box's text, frame by frame, and hands out each whole zone once.
#[derive(Debug, Clone, Default)]
pub struct ZoneScanner {
    text: String,
    changed_at: Option<Duration>,
    handed_out: bool,
    ended_at: Option<Duration>,
    pasted: bool,
}

/// More characters than a reader types between two looks: a paste, which ends at once.
const PASTE_CHARS: usize = 30;

impl ZoneScanner {
    /// A scanner that has seen nothing.
    pub fn new() -> ZoneScanner {
        ZoneScanner::default()
    }

    /// Looks at the box's `text` at `now`. Returns the zone (its lines joined by `\n`,
    /// layout recovered) the first time a whole zone has arrived and ended: an Enter
    /// after it, [`QUIET_GAP`] without a keystroke, or a paste that completed it (more
    /// text at once than a reader types between two frames). A partial zone is never
    /// returned, however many Enters came.
    pub fn observe(&mut self, text: &str, now: Duration) -> Option<String> {
        if text != self.text {
            let grown = text
                .chars()
                .count()
                .saturating_sub(self.text.chars().count());
            self.pasted = grown >= PASTE_CHARS;
            self.text = text.to_string();
            self.changed_at = Some(now);
            self.handed_out = false;
        }
        if self.handed_out {
            return None;
        }
        let ZoneProgress::Complete(lines) = zone_progress(text) else {
            return None;
        };
        let quiet = self
            .changed_at
            .is_none_or(|at| now.saturating_sub(at) >= QUIET_GAP);
        if !(ends_with_break(text) || quiet || self.pasted) {
            return None;
        }
        self.handed_out = true;
        self.ended_at = Some(now);
        Some(lines.join("\n"))
    }

    /// Whether an Enter at `now` is the tail of the scan that just ended (so it must not
    /// move the focus or act on a button).
    pub fn swallows_enter(&self, now: Duration) -> bool {
        self.ended_at
            .is_some_and(|at| now.saturating_sub(at) < QUIET_GAP)
    }

    /// When a whole zone waits for the quiet gap, how long until it ends (the caller
    /// asks for a frame then).
    pub fn wake_in(&self, now: Duration) -> Option<Duration> {
        let at = self.changed_at?;
        if self.handed_out {
            return None;
        }
        matches!(zone_progress(&self.text), ZoneProgress::Complete(_))
            .then(|| QUIET_GAP.saturating_sub(now.saturating_sub(at)))
    }

    /// Records that the box holds `text` and it has been dealt with (read by a button, or
    /// put there with a zone already read), so it is not handed out again.
    pub fn settle(&mut self, text: &str) {
        self.text = text.to_string();
        self.changed_at = None;
        self.handed_out = true;
        self.pasted = false;
    }
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
