//! The third-party licence list (`assets/THIRD-PARTY-LICENSES.md`) stays current: every
//! crate in `Cargo.lock` is listed with its version and a licence. Regenerate the list with
//! `python3 packaging/licenses.py` after changing dependencies.

use std::collections::BTreeSet;
use std::path::Path;

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (name, version) of every registry or git package in a Cargo.lock: the crates we ship
/// but did not write (path packages such as iin-desk itself have no `source`).
fn locked_packages(lock: &str) -> BTreeSet<(String, String)> {
    let value = |block: &str, key: &str| {
        block.lines().find_map(|line| {
            let rest = line.strip_prefix(key)?.trim_start().strip_prefix('=')?;
            Some(rest.trim().trim_matches('"').to_string())
        })
    };
    lock.split("[[package]]")
        .skip(1)
        .filter(|block| value(block, "source").is_some())
        .filter_map(|block| Some((value(block, "name")?, value(block, "version")?)))
        .collect()
}

/// (name, version) → licence of each row of the Markdown table.
fn listed_packages(list: &str) -> Vec<(String, String, String)> {
    list.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim().strip_prefix('|')?.split(" | ").collect();
            match cells.as_slice() {
                [name, version, licence, _repo] => Some((
                    name.trim().to_string(),
                    version.trim().to_string(),
                    licence.trim().to_string(),
                )),
                _ => None,
            }
        })
        .collect()
}

#[test]
fn every_locked_crate_is_listed() {
    let locked = locked_packages(&read("Cargo.lock"));
    assert!(
        locked.len() > 100,
        "Cargo.lock parsed: {} packages",
        locked.len()
    );
    let listed: BTreeSet<(String, String)> =
        listed_packages(&read("assets/THIRD-PARTY-LICENSES.md"))
            .into_iter()
            .map(|(name, version, _)| (name, version))
            .collect();
    let missing: Vec<String> = locked
        .difference(&listed)
        .map(|(name, version)| format!("{name} {version}"))
        .collect();
    assert!(
        missing.is_empty(),
        "assets/THIRD-PARTY-LICENSES.md lacks {} crate(s) of Cargo.lock: {}\n\
         run: python3 packaging/licenses.py",
        missing.len(),
        missing.join(", ")
    );
}

#[test]
fn every_listed_crate_has_a_licence() {
    let rows = listed_packages(&read("assets/THIRD-PARTY-LICENSES.md"));
    let unknown: Vec<&str> = rows
        .iter()
        .filter(|(_, _, licence)| licence.is_empty() || licence == "not stated")
        .map(|(name, _, _)| name.as_str())
        .collect();
    assert!(unknown.is_empty(), "crates without a licence: {unknown:?}");
}

#[test]
fn the_fonts_and_data_are_credited() {
    let list = read("assets/THIRD-PARTY-LICENSES.md");
    let dejavu = read("assets/fonts/LICENSE-DejaVu.txt");
    assert!(
        list.contains(dejavu.trim_end()),
        "the DejaVu licence is quoted in full"
    );
    assert!(list.contains("iso-codes") && list.contains("LGPL-2.1-or-later"));
}

#[test]
fn the_lock_parser_skips_our_own_crate() {
    let lock = r#"
[[package]]
name = "iin-desk"
version = "0.1.0"

[[package]]
name = "egui"
version = "0.37.0"
source = "registry+https://github.com/rust-lang/crates.io-index"
"#;
    let expected = BTreeSet::from([("egui".to_string(), "0.37.0".to_string())]);
    assert_eq!(locked_packages(lock), expected);
}
