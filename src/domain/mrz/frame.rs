//! A serial (virtual COM) reader's bytes cut into zones.
//!
//! A serial reader does not type: it sends the zone's bytes over a port, in one of two
//! framings the workstation's settings name ([`Framing`]):
//!
//! - **CR/LF**: each line of the zone ends with CR, LF or CR LF; the zone is whole when its
//!   last two (TD2, TD3) or three (TD1) lines have the count and width of a format, as for a
//!   scan typed on the keyboard ([`super::zone_progress`]).
//! - **STX/ETX**: the zone (its lines separated by CR/LF, or none) stands between STX (0x02)
//!   and ETX (0x03); bytes outside a frame are noise.
//!
//! Bytes arrive in pieces of any size (a zone split across reads), with noise between
//! frames (a reader's status bytes, a half frame after a reconnect). [`FrameDecoder`] keeps
//! what it has not yet understood and hands out each whole zone once, as the keyboard
//! scanner does: lines joined by `\n`. Anything that is not the MRZ alphabet is dropped
//! inside a line; a line or frame longer than [`MAX_FRAME_BYTES`] is thrown away whole.
//! Pure: no IO, no clock.

use super::scan::{zone_progress, ZoneProgress};

/// Start of text: opens an STX/ETX frame.
pub const STX: u8 = 0x02;
/// End of text: closes an STX/ETX frame.
pub const ETX: u8 = 0x03;

/// The longest frame (STX/ETX) or line (CR/LF) kept, in bytes: a TD1 zone with CR LF after
/// each line is 96 bytes, so anything this long is noise or a lost terminator.
pub const MAX_FRAME_BYTES: usize = 256;

/// How a serial reader marks its zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Framing {
    /// Lines ending in CR, LF or CR LF.
    #[default]
    CrLf,
    /// The zone between STX and ETX.
    StxEtx,
}

impl Framing {
    /// Every framing, in the order the settings list them.
    pub const ALL: [Framing; 2] = [Framing::CrLf, Framing::StxEtx];

    /// The key kept in the settings.
    pub fn key(self) -> &'static str {
        match self {
            Framing::CrLf => "crlf",
            Framing::StxEtx => "stx-etx",
        }
    }

    /// The framing kept as `key` (any case, surrounding blanks ignored).
    pub fn from_key(key: &str) -> Option<Framing> {
        let key = key.trim().to_ascii_lowercase();
        Framing::ALL.into_iter().find(|f| f.key() == key)
    }
}

/// What the decoder made of the bytes it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// A whole zone: its lines joined by `\n`.
    Zone(String),
    /// A frame (STX/ETX) that held no whole zone, or a line or frame longer than
    /// [`MAX_FRAME_BYTES`]: thrown away. The count of bytes, for the log (never the text:
    /// it may be personal data).
    Dropped(usize),
}

/// Cuts a reader's bytes into zones, piece by piece.
#[derive(Debug, Clone, Default)]
pub struct FrameDecoder {
    framing: Framing,
    /// The line (CR/LF) or frame (STX/ETX) being received.
    current: Vec<u8>,
    /// CR/LF: the last complete lines, at most three (a TD1 zone).
    lines: Vec<String>,
    /// STX/ETX: whether an STX opened a frame not yet closed.
    in_frame: bool,
    /// The current line or frame passed [`MAX_FRAME_BYTES`]: skipped to its end.
    overflow: usize,
}

/// Whether `b` may stand in a zone's line: the MRZ alphabet, any case (a reader may send
/// lower case), and a blank (dropped later, as in a typed zone).
fn zone_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'<' || b == b' '
}

impl FrameDecoder {
    /// A decoder for `framing` that has seen nothing.
    pub fn new(framing: Framing) -> FrameDecoder {
        FrameDecoder {
            framing,
            ..FrameDecoder::default()
        }
    }

    /// The framing it decodes.
    pub fn framing(&self) -> Framing {
        self.framing
    }

    /// Takes the next bytes read from the port; returns the zones (and dropped frames)
    /// they completed, in order.
    pub fn push(&mut self, bytes: &[u8]) -> Vec<Decoded> {
        let mut out = Vec::new();
        for &b in bytes {
            match self.framing {
                Framing::CrLf => self.push_line_byte(b, &mut out),
                Framing::StxEtx => self.push_frame_byte(b, &mut out),
            }
        }
        out
    }

    /// Forgets a partial line or frame (the port was closed and opened again).
    pub fn reset(&mut self) {
        *self = FrameDecoder::new(self.framing);
    }

    fn keep(&mut self, b: u8) {
        if self.overflow > 0 {
            self.overflow += 1;
        } else if self.current.len() >= MAX_FRAME_BYTES {
            self.overflow = self.current.len() + 1;
            self.current.clear();
        } else {
            self.current.push(b);
        }
    }

    /// Ends the current line or frame; `Some(text)` when it is to be read, else what
    /// to report when it was too long.
    fn take_current(&mut self) -> Result<String, usize> {
        let overflow = std::mem::take(&mut self.overflow);
        let bytes = std::mem::take(&mut self.current);
        if overflow > 0 {
            return Err(overflow);
        }
        Ok(bytes
            .into_iter()
            .filter(|b| zone_byte(*b) || matches!(b, b'\r' | b'\n'))
            .map(char::from)
            .collect())
    }

    fn push_line_byte(&mut self, b: u8, out: &mut Vec<Decoded>) {
        if !matches!(b, b'\r' | b'\n') {
            if zone_byte(b) || self.overflow > 0 || !self.current.is_empty() {
                self.keep(b);
            }
            return;
        }
        match self.take_current() {
            Err(n) => {
                // A line that long is no part of a zone: start afresh.
                self.lines.clear();
                out.push(Decoded::Dropped(n));
            }
            Ok(line) => {
                let line = line.trim().to_string();
                if line.is_empty() {
                    return;
                }
                self.lines.push(line);
                if self.lines.len() > 3 {
                    self.lines.remove(0);
                }
                if let ZoneProgress::Complete(zone) = zone_progress(&self.lines.join("\n")) {
                    self.lines.clear();
                    out.push(Decoded::Zone(zone.join("\n")));
                }
            }
        }
    }

    fn push_frame_byte(&mut self, b: u8, out: &mut Vec<Decoded>) {
        match b {
            STX => {
                if self.in_frame {
                    // The previous frame lost its ETX: it is dropped, this one starts.
                    let n = self.current.len() + self.overflow;
                    self.current.clear();
                    self.overflow = 0;
                    out.push(Decoded::Dropped(n));
                }
                self.in_frame = true;
            }
            ETX if self.in_frame => {
                self.in_frame = false;
                match self.take_current() {
                    Err(n) => out.push(Decoded::Dropped(n)),
                    Ok(text) => match zone_progress(&text) {
                        ZoneProgress::Complete(zone) => out.push(Decoded::Zone(zone.join("\n"))),
                        _ => out.push(Decoded::Dropped(text.len())),
                    },
                }
            }
            _ if self.in_frame => self.keep(b),
            // Noise between frames.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::mrz::tests::{TD1, TD2, TD3};

    fn zone(lines: &[&str]) -> Decoded {
        Decoded::Zone(lines.join("\n"))
    }

    /// Feeds `bytes` in pieces of `piece` bytes; every result, in order.
    fn feed(framing: Framing, bytes: &[u8], piece: usize) -> Vec<Decoded> {
        let mut decoder = FrameDecoder::new(framing);
        bytes
            .chunks(piece.max(1))
            .flat_map(|chunk| decoder.push(chunk))
            .collect()
    }

    fn crlf(lines: &[&str], end: &str) -> Vec<u8> {
        lines
            .iter()
            .flat_map(|l| format!("{l}{end}").into_bytes())
            .collect()
    }

    fn stx(lines: &[&str], sep: &str) -> Vec<u8> {
        let mut bytes = vec![STX];
        bytes.extend(lines.join(sep).into_bytes());
        bytes.push(ETX);
        bytes
    }

    #[test]
    fn every_format_in_every_line_ending_and_piece_size() {
        for lines in [&TD3[..], &TD2[..], &TD1[..]] {
            for end in ["\r\n", "\n", "\r"] {
                for piece in [1, 2, 7, 31, 1000] {
                    assert_eq!(
                        feed(Framing::CrLf, &crlf(lines, end), piece),
                        vec![zone(lines)],
                        "{end:?} {piece}"
                    );
                }
            }
            for sep in ["\r\n", "\r", "\n", ""] {
                for piece in [1, 5, 1000] {
                    assert_eq!(
                        feed(Framing::StxEtx, &stx(lines, sep), piece),
                        vec![zone(lines)],
                        "{sep:?} {piece}"
                    );
                }
            }
        }
    }

    #[test]
    fn noise_between_frames_is_skipped() {
        // (framing, bytes, expected)
        let mut cases: Vec<(Framing, Vec<u8>, Vec<Decoded>)> = Vec::new();
        // CR/LF: a status line, control bytes, a blank line, a stray half line.
        let mut bytes = b"READY\r\n\x00\x11\x13\r\n\r\n".to_vec();
        bytes.extend(crlf(&TD3, "\r\n"));
        bytes.extend(b"\x07OK\r\n");
        bytes.extend(crlf(&TD1, "\r\n"));
        cases.push((Framing::CrLf, bytes, vec![zone(&TD3), zone(&TD1)]));
        // CR/LF: control bytes before a line's first character are not part of it.
        let mut bytes = b"\x00\x05".to_vec();
        bytes.extend(crlf(&TD2, "\n"));
        cases.push((Framing::CrLf, bytes, vec![zone(&TD2)]));
        // STX/ETX: noise outside frames, an ETX without STX.
        let mut bytes = b"\x03garbage\r\n\xff\xfe".to_vec();
        bytes.extend(stx(&TD3, "\r"));
        bytes.extend(b"more noise");
        bytes.extend(stx(&TD1, "\r\n"));
        cases.push((Framing::StxEtx, bytes, vec![zone(&TD3), zone(&TD1)]));
        // STX/ETX: a frame that lost its ETX is dropped when the next one starts.
        let mut bytes = vec![STX];
        bytes.extend(b"P<UTOERIKS");
        bytes.extend(stx(&TD2, "\n"));
        cases.push((
            Framing::StxEtx,
            bytes,
            vec![Decoded::Dropped(10), zone(&TD2)],
        ));
        // STX/ETX: a frame without a whole zone.
        cases.push((
            Framing::StxEtx,
            stx(&[TD3[0]], ""),
            vec![Decoded::Dropped(44)],
        ));
        for (i, (framing, bytes, expected)) in cases.into_iter().enumerate() {
            for piece in [1, 3, 1000] {
                assert_eq!(feed(framing, &bytes, piece), expected, "case {i}, {piece}");
            }
        }
    }

    #[test]
    fn a_partial_zone_waits_for_the_rest() {
        let mut decoder = FrameDecoder::new(Framing::CrLf);
        let first = format!("{}\r\n{}", TD3[0], &TD3[1][..20]);
        assert!(decoder.push(first.as_bytes()).is_empty());
        let rest = format!("{}\r\n", &TD3[1][20..]);
        assert_eq!(decoder.push(rest.as_bytes()), vec![zone(&TD3)]);
        // Handed out once: another line break adds nothing.
        assert!(decoder.push(b"\r\n").is_empty());

        let mut decoder = FrameDecoder::new(Framing::StxEtx);
        assert!(decoder.push(&stx(&TD1, "\r\n")[..50]).is_empty());
        decoder.reset();
        // After a reset the rest of the old frame is noise; the next frame is read.
        let mut bytes = stx(&TD1, "\r\n")[50..].to_vec();
        bytes.extend(stx(&TD1, "\r\n"));
        assert_eq!(decoder.push(&bytes), vec![zone(&TD1)]);
    }

    #[test]
    fn a_stale_line_before_a_zone_is_forgotten() {
        // A TD1 line left from an interrupted scan, then a whole TD3 zone.
        let mut bytes = crlf(&[TD1[0]], "\r\n");
        bytes.extend(crlf(&TD3, "\r\n"));
        assert_eq!(feed(Framing::CrLf, &bytes, 4), vec![zone(&TD3)]);
    }

    #[test]
    fn lines_and_frames_past_the_limit_are_thrown_away() {
        let long = vec![b'A'; MAX_FRAME_BYTES + 10];
        let mut bytes = long.clone();
        bytes.extend(b"\r\n");
        bytes.extend(crlf(&TD3, "\r\n"));
        assert_eq!(
            feed(Framing::CrLf, &bytes, 64),
            vec![Decoded::Dropped(MAX_FRAME_BYTES + 10), zone(&TD3)]
        );
        let mut bytes = vec![STX];
        bytes.extend(&long);
        bytes.push(ETX);
        bytes.extend(stx(&TD3, "\r\n"));
        assert_eq!(
            feed(Framing::StxEtx, &bytes, 64),
            vec![Decoded::Dropped(MAX_FRAME_BYTES + 10), zone(&TD3)]
        );
    }

    #[test]
    fn framing_keys() {
        for f in Framing::ALL {
            assert_eq!(Framing::from_key(f.key()), Some(f));
        }
        assert_eq!(Framing::from_key(" STX-ETX "), Some(Framing::StxEtx));
        assert_eq!(Framing::from_key("lf"), None);
        assert_eq!(Framing::default(), Framing::CrLf);
    }
}
