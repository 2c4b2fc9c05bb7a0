//! Progress of long jobs on stderr when it is not a terminal (the tests' pipes): plain
//! lines with count, rate and time left, at most every few seconds, and a last line with
//! the total time; small jobs print none.

use crate::support::*;

/// `D/TOTAL UNIT, R/s, T left` → D, checking the rest of the line's shape.
#[track_caller]
fn progress_line(line: &str, total: u64, unit: &str) -> u64 {
    let (count, rest) = line
        .split_once(' ')
        .unwrap_or_else(|| panic!("not a progress line: {line:?}"));
    let (done, of) = count
        .split_once('/')
        .unwrap_or_else(|| panic!("no done/total in {line:?}"));
    assert_eq!(of, total.to_string(), "{line:?}");
    let parts: Vec<&str> = rest.split(", ").collect();
    assert_eq!(parts.len(), 3, "{line:?}");
    assert_eq!(parts[0], unit, "{line:?}");
    let rate = parts[1]
        .strip_suffix("/s")
        .unwrap_or_else(|| panic!("no rate in {line:?}"));
    assert!(rate.parse::<u64>().is_ok_and(|r| r > 0), "{line:?}");
    let left = parts[2]
        .strip_suffix(" s left")
        .unwrap_or_else(|| panic!("no time left in {line:?}"));
    assert!(
        left.split(" min ").all(|n| n.parse::<u64>().is_ok()),
        "{line:?}"
    );
    done.parse()
        .unwrap_or_else(|e| panic!("{line:?}: done is not a number: {e}"))
}

/// `N UNIT in S s, R/s` → N.
#[track_caller]
fn final_line(line: &str, unit: &str) -> u64 {
    let (n, rest) = line
        .split_once(' ')
        .unwrap_or_else(|| panic!("not a final line: {line:?}"));
    let rest = rest
        .strip_prefix(&format!("{unit} in "))
        .unwrap_or_else(|| panic!("no unit in {line:?}"));
    let (secs, rate) = rest
        .split_once(" s, ")
        .unwrap_or_else(|| panic!("no time in {line:?}"));
    assert!(secs.parse::<f64>().is_ok(), "{line:?}");
    let rate = rate
        .strip_suffix("/s")
        .unwrap_or_else(|| panic!("no rate in {line:?}"));
    assert!(rate.parse::<u64>().is_ok_and(|r| r > 0), "{line:?}");
    n.parse()
        .unwrap_or_else(|e| panic!("{line:?}: count is not a number: {e}"))
}

#[test]
fn demo_data_export_and_import_show_plain_progress_lines_when_not_on_a_terminal() {
    let desk = Desk::set_up();
    let out = desk
        .admin()
        .args(["demo-data", "--count", "25000", "--seed", "16"])
        .run();
    out.code(OK)
        .stdout_has("stored 25000 synthetic requests (seed 16,");
    let lines = out.stderr_lines();
    let (last, progress) = lines
        .split_last()
        .unwrap_or_else(|| panic!("no progress on stderr\n{out}"));
    // The first line as soon as the first batch gives a rate; then at most one more
    // (every 5 s) before the end; never a carriage-return bar.
    assert!(!out.stderr.contains('\r'), "{out}");
    assert!(!progress.is_empty() && progress.len() <= 2, "{out}");
    let done: Vec<u64> = progress
        .iter()
        .map(|l| progress_line(l, 25_000, "requests"))
        .collect();
    assert_eq!(done[0], 10_000, "{out}");
    assert!(done.iter().all(|d| [10_000, 20_000].contains(d)), "{out}");
    assert!(done.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert_eq!(final_line(last, "requests"), 25_000, "{out}");

    // Export counts the forms as it writes them, and the file is the usual JSON array.
    let file = desk.path("all.json");
    let out = desk.admin().arg("export").arg("--out").arg(&file).run();
    out.code(OK);
    let written = read_json(&file)
        .as_array()
        .map(Vec::len)
        .unwrap_or_else(|| panic!("not an array\n{out}"));
    assert!(written > 10_000, "{written} forms\n{out}");
    out.stdout_has(&format!("{written} "));
    let lines = out.stderr_lines();
    let (last, progress) = lines
        .split_last()
        .unwrap_or_else(|| panic!("no progress on stderr\n{out}"));
    for line in progress {
        let done = progress_line(line, written as u64, "requests");
        assert!(done < written as u64, "{out}");
    }
    assert_eq!(final_line(last, "requests"), written as u64, "{out}");
    // Two steps counted: reading from the store, then writing the file; each shows its
    // first line after its first 1000 requests.
    let first = format!("1000/{written} requests, ");
    assert_eq!(
        progress.iter().filter(|l| l.starts_with(&first)).count(),
        2,
        "{out}"
    );

    // Import shows the check of the file's requests, then says it stores them.
    let other = Desk::set_up();
    let out = other.admin().arg("import").arg(&file).run();
    out.code(OK)
        .stdout_has(&format!("{written} "))
        .stderr_has(&format!("storing {written} requests in one transaction…"));
    let lines = out.stderr_lines();
    let checked = lines
        .iter()
        .position(|l| l.starts_with(&format!("{written} requests in ")))
        .unwrap_or_else(|| panic!("no end of the check\n{out}"));
    assert_eq!(final_line(lines[checked], "requests"), written as u64);
    assert!(checked >= 1, "no progress line before the end\n{out}");
    for line in &lines[..checked] {
        progress_line(line, written as u64, "requests");
    }
    // Then the storing step: its heading, its progress lines and its own last line.
    assert_eq!(
        lines[checked + 1],
        format!("storing {written} requests in one transaction…"),
        "{out}"
    );
    let (stored, storing) = lines[checked + 2..]
        .split_last()
        .unwrap_or_else(|| panic!("no progress of the storing\n{out}"));
    assert!(!storing.is_empty(), "{out}");
    let done: Vec<u64> = storing
        .iter()
        .map(|l| progress_line(l, written as u64, "requests"))
        .collect();
    assert_eq!(done[0], 1000, "{out}");
    assert!(done.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert_eq!(final_line(stored, "requests"), written as u64, "{out}");
}

#[test]
fn russian_progress_takes_the_plural_forms() {
    let desk = Desk::set_up();
    let out = desk
        .admin()
        .lang("ru")
        .args(["demo-data", "--count", "10001", "--seed", "3"])
        .run();
    out.code(OK);
    let lines = out.stderr_lines();
    let last = lines
        .last()
        .unwrap_or_else(|| panic!("no progress on stderr\n{out}"));
    // 10001 → «заявка» (one), not «заявок».
    assert!(last.starts_with("10001 заявка за "), "{out}");
    assert!(last.ends_with("/с"), "{out}");
    let first = lines[0];
    assert!(first.starts_with("10000/10001 заявка, "), "{out}");
    assert!(first.contains("/с, осталось "), "{out}");
}

#[test]
fn a_small_job_prints_no_progress() {
    let desk = Desk::set_up();
    desk.admin()
        .args(["demo-data", "--count", "200", "--seed", "5"])
        .run()
        .code(OK)
        .stdout_has("stored 200 synthetic requests")
        .stderr_empty();
    desk.admin()
        .arg("import")
        .arg(fixture("requests.json"))
        .run()
        .code(OK)
        .stderr_empty();
    let file = desk.path("out.json");
    desk.admin()
        .arg("export")
        .arg("--out")
        .arg(&file)
        .run()
        .code(OK)
        .stderr_empty();
}

#[test]
fn a_rebuild_of_the_central_queue_shows_the_push_progress() {
    // Real (not synthetic) requests: demo data exported, imported by another counter.
    let demo = Desk::set_up();
    demo.admin()
        .args(["demo-data", "--count", "14000", "--seed", "21"])
        .run()
        .code(OK);
    let file = demo.path("all.json");
    demo.admin()
        .arg("export")
        .arg("--out")
        .arg(&file)
        .run()
        .code(OK);
    let desk = Desk::set_up();
    desk.admin().arg("import").arg(&file).run().code(OK);

    let queue = desk.path("central.sqlite3");
    let out = desk
        .admin()
        .arg("--queue")
        .arg(&queue)
        .args(["sync", "--repush-all", "--json"])
        .run();
    out.code(OK);
    let report = out.json();
    let count = |key: &str| report[key].as_array().map_or(0, Vec::len) as u64;
    let total =
        report["pushed"].as_u64().unwrap_or_default() + count("conflicts") + count("damaged");
    assert!(total > 10_000, "{report}");
    let lines = out.stderr_lines();
    let (last, progress) = lines
        .split_last()
        .unwrap_or_else(|| panic!("no progress on stderr\n{out}"));
    assert!(!out.stderr.contains('\r'), "{out}");
    assert!(!progress.is_empty(), "{out}");
    let done: Vec<u64> = progress
        .iter()
        .map(|l| progress_line(l, total, "requests"))
        .collect();
    // The first line after the first batch the central file committed (100 requests).
    assert_eq!(done[0], 100, "{out}");
    assert!(done.iter().all(|d| d % 100 == 0 && *d < total), "{out}");
    assert!(done.windows(2).all(|w| w[0] < w[1]), "{out}");
    assert_eq!(final_line(last, "requests"), total, "{out}");
}
