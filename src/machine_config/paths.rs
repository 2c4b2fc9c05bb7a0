//! Where a path written in the machine configuration points: classified by its text, the
//! same on every OS.

/// How a path written in the configuration is anchored. Classified by text, the same on
/// every OS, because a file written for Windows counters is also read in tests on Linux.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathKind<'a> {
    /// `\\server\share\…` or `//server/share/…` (also `\\?\UNC\server\share\…`).
    Unc {
        /// The server's name.
        server: &'a str,
        /// The share's name.
        share: &'a str,
    },
    /// `C:\…` or `C:/…` (also `\\?\C:\…`).
    Drive(char),
    /// `/…`: a Unix absolute path.
    Unix,
    /// Anything else: relative to a working folder nobody controls on a counter.
    Relative,
}

impl PathKind<'_> {
    /// Whether the path names the same file whatever the working folder.
    pub fn is_absolute(&self) -> bool {
        !matches!(self, PathKind::Relative)
    }
}

/// Classifies a path written as text (see [`PathKind`]).
pub fn classify_path(path: &str) -> PathKind<'_> {
    let is_sep = |c: char| c == '\\' || c == '/';
    // Win32 "verbatim" prefixes: \\?\C:\… and \\?\UNC\server\share\….
    let verbatim = path
        .strip_prefix(r"\\?\")
        .or_else(|| path.strip_prefix(r"\\.\"));
    if let Some(rest) = verbatim {
        let unc = rest
            .get(..4)
            .filter(|p| p[..3].eq_ignore_ascii_case("UNC") && p.ends_with(is_sep));
        return match unc {
            Some(_) => unc_parts(&rest[4..]),
            None => drive(rest),
        };
    }
    let mut chars = path.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if is_sep(a) && is_sep(b) => unc_parts(&path[2..]),
        (Some('/'), _) => PathKind::Unix,
        _ => drive(path),
    }
}

/// `server\share\rest` after the leading `\\`.
fn unc_parts(rest: &str) -> PathKind<'_> {
    let mut parts = rest.split(['\\', '/']);
    match (parts.next(), parts.next()) {
        (Some(server), Some(share)) if valid_unc_name(server) && valid_unc_name(share) => {
            PathKind::Unc { server, share }
        }
        _ => PathKind::Relative,
    }
}

fn valid_unc_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(':')
}

/// `C:\rest` or `C:/rest`; `C:rest` is relative to the drive's current folder.
fn drive(path: &str) -> PathKind<'_> {
    let b = path.as_bytes();
    match b {
        [d, b':', sep, ..] if d.is_ascii_alphabetic() && (*sep == b'\\' || *sep == b'/') => {
            PathKind::Drive(char::from(d.to_ascii_uppercase()))
        }
        _ => PathKind::Relative,
    }
}
