//! The password file of PostgreSQL's clients (`~/.pgpass`, `%APPDATA%\postgresql\pgpass.conf`,
//! or `PGPASSFILE`): `host:port:database:user:password` lines, `*` matching anything,
//! `\:` and `\\` escaped. The `postgres` crate does not read it by itself.

use std::path::PathBuf;

fn file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(p));
    }
    #[cfg(windows)]
    {
        std::env::var_os("APPDATA").map(|a| PathBuf::from(a).join("postgresql").join("pgpass.conf"))
    }
    #[cfg(not(windows))]
    {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass"))
    }
}

/// Splits a line at unescaped colons, unescaping `\:` and `\\`.
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(last)) = (chars.next(), out.last_mut()) {
                    last.push(next);
                }
            }
            ':' => out.push(String::new()),
            c => {
                if let Some(last) = out.last_mut() {
                    last.push(c);
                }
            }
        }
    }
    out
}

/// The password for the first line of `text` that matches.
pub(crate) fn find(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(fields)
        .filter(|f| f.len() == 5)
        .find(|f| {
            let ok = |pattern: &str, value: &str| pattern == "*" || pattern == value;
            ok(&f[0], host) && ok(&f[1], &port) && ok(&f[2], db) && ok(&f[3], user)
        })
        .map(|f| f[4].clone())
}

/// The password for the connection from the password file, if there is one.
pub(crate) fn lookup(host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let text = std::fs::read_to_string(file()?).ok()?;
    find(&text, host, port, db, user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_matching_line_gives_the_password() {
        let text = "# comment\n\
                    db.local:5432:other:clerk:nope\n\
                    db.local:*:iin:clerk:pa\\:ss\\\\word\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            find(text, "db.local", 5432, "iin", "clerk").as_deref(),
            Some("pa:ss\\word")
        );
        assert_eq!(
            find(text, "elsewhere", 5432, "iin", "x").as_deref(),
            Some("fallback")
        );
        assert_eq!(find("a:b:c\n", "a", 1, "c", "d"), None);
    }
}
