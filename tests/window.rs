//! The real binary, started under Xvfb: the login window renders, and a passport reader
//! (xdotool pressing its keys, line by line, ~20 ms a key) scanning on Today under the
//! Latin, Russian and Kazakh layouts opens a formation whose draft holds both lines. The
//! screenshots are kept as `target/screenshots/xvfb-login.png` and `xvfb-scans.png`.
//!
//! The modules drive the window by keyboard and mouse over what is tested through
//! egui_kittest otherwise, and check what came of it in the store and the central queue:
//! a request the queue set aside ([`set_aside`]), a long sync with Cancel
//! ([`sync_progress`]) and a login that builds the search index, with Cancel
//! ([`index_progress`]).

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

#[path = "window/index_progress.rs"]
mod index_progress;
#[path = "shared/old_store.rs"]
mod old_store;
#[path = "window/set_aside.rs"]
mod set_aside;
#[path = "window/sync_progress.rs"]
mod sync_progress;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Number of distinct colours in a PNG, by ImageMagick.
fn colours(png: &Path) -> u64 {
    let out = Command::new("convert")
        .arg(png)
        .args(["-format", "%k", "info:"])
        .output();
    out.ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn the_login_window_renders_under_xvfb() {
    if !(have("Xvfb") && have("import") && have("convert")) {
        // The test command installs them; elsewhere say why nothing ran.
        assert!(
            std::env::var("CI").is_err(),
            "Xvfb and ImageMagick are needed in CI (scripts/test.sh installs them)"
        );
        eprintln!("skipped: Xvfb or ImageMagick missing");
        return;
    }
    let display = format!(":{}", 50 + std::process::id() % 200);
    let _xvfb = Killed(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1280x900x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_millis(800));
    let data = data_with_admin();
    let bin = env!("CARGO_BIN_EXE_iin-desk");
    let mut app = Killed(
        Command::new(bin)
            .arg("--data-dir")
            .arg(data.path())
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let shot = dir.join("xvfb-login.png");
    let start = Instant::now();
    let mut seen = 0;
    while start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(1000));
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the app exited: {status}");
        }
        let ok = Command::new("import")
            .args(["-display", &display, "-window", "root"])
            .arg(&shot)
            .status()
            .is_ok_and(|s| s.success());
        seen = if ok { colours(&shot) } else { 0 };
        // Text is anti-aliased: a rendered login screen has many colours; a blank
        // (or black) screen has one or two.
        if seen > 20 {
            break;
        }
    }
    assert!(
        seen > 20,
        "the screen stayed blank ({seen} colours), see {}",
        shot.display()
    );
}

/// A TD3 zone (a synthetic Uzbek passport), as a reader types it: line 1, then line 2.
const ZONE: [&str; 2] = [
    "P<UZBTESTOVA<<MALIKA<<<<<<<<<<<<<<<<<<<<<<<<",
    "FA12345673UZB9003152F3103142<<<<<<<<<<<<<<06",
];

/// The X keycode (evdev, as Xvfb's default keymap) of the US-keyboard key a reader
/// presses for `c`, and whether with Shift. A reader sends key positions, so under a
/// Russian or Kazakh layout the same keys give Cyrillic characters.
fn reader_key(c: char) -> Option<String> {
    const ROWS: [(&str, u8); 4] = [
        ("1234567890", 10),
        ("QWERTYUIOP", 24),
        ("ASDFGHJKL", 38),
        ("ZXCVBNM", 52),
    ];
    if c == '<' {
        return Some("shift+59".into());
    }
    ROWS.iter().find_map(|(keys, first)| {
        let at = keys.chars().position(|k| k == c)?;
        let code = u32::from(*first) + u32::try_from(at).ok()?;
        Some(if c.is_ascii_alphabetic() {
            format!("shift+{code}")
        } else {
            code.to_string()
        })
    })
}

fn xdotool(display: &str, args: &[&str]) {
    let ok = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "xdotool {args:?} failed");
}

/// The reader types the zone line by line, an Enter (keycode 36) after each line,
/// about 20 ms a key.
fn reader_scans(display: &str) {
    for line in ZONE {
        let mut keys: Vec<String> = line.chars().filter_map(reader_key).collect();
        assert_eq!(
            keys.len(),
            line.chars().count(),
            "every character has its key"
        );
        keys.push("36".into());
        let mut args = vec!["key", "--delay", "20"];
        args.extend(keys.iter().map(String::as_str));
        xdotool(display, &args);
    }
}

/// A new data folder with the administrator `admin` (password `Admin12345`).
fn data_with_admin() -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    let mut init = Command::new(env!("CARGO_BIN_EXE_iin-desk"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--lang", "en", "init", "--password-stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    if let Some(mut stdin) = init.stdin.take() {
        use std::io::Write;
        stdin.write_all(b"Admin12345\n").unwrap();
    }
    assert!(init.wait().unwrap().success());
    data
}

/// A new data folder with the administrator, and the window on `display` with the
/// administrator logged in by keyboard (Enter in the login moves to the password).
fn desk_logged_in(display: &str) -> (tempfile::TempDir, Killed) {
    let data = data_with_admin();
    let app = window_logged_in(display, data.path(), "admin", "Admin12345");
    (data, app)
}

/// The window on `display` over the data folder `data`, given the keyboard, with
/// `login` logged in by keyboard (Enter in the login moves to the password).
fn window_logged_in(display: &str, data: &Path, login: &str, password: &str) -> Killed {
    let app = window_logging_in(display, data, login, password);
    std::thread::sleep(Duration::from_secs(2));
    app
}

/// [`window_logged_in`], returning as soon as the password's Enter was pressed.
fn window_logging_in(display: &str, data: &Path, login: &str, password: &str) -> Killed {
    window_logging_in_paced(display, data, login, password, None)
}

/// [`window_logging_in`] with the window's long work (the index build, a sync round)
/// paused `pace_ms` at each progress step (`iin_desk::pace`), so that it lasts long enough
/// for a click on Cancel on any machine.
fn window_logging_in_paced(
    display: &str,
    data: &Path,
    login: &str,
    password: &str,
    pace_ms: Option<u64>,
) -> Killed {
    let bin = env!("CARGO_BIN_EXE_iin-desk");
    let mut command = Command::new(bin);
    if let Some(ms) = pace_ms {
        command.env(iin_desk::pace::PACE_VAR, ms.to_string());
    }
    let mut app = Killed(
        command
            .arg("--data-dir")
            .arg(data)
            .env("DISPLAY", display)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    // Wait for the window, then give it the keyboard (there is no window manager).
    let start = Instant::now();
    let window = loop {
        assert!(start.elapsed() < Duration::from_secs(60), "no window");
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the app exited: {status}");
        }
        let found = Command::new("xdotool")
            .args(["search", "--name", "iin-desk"])
            .env("DISPLAY", display)
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.lines().next().map(str::to_string));
        if let Some(id) = found {
            break id;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    std::thread::sleep(Duration::from_secs(3));
    xdotool(display, &["windowfocus", &window]);
    std::thread::sleep(Duration::from_millis(300));
    // Log in by keyboard: Enter in the login moves to the password.
    xdotool(display, &["type", "--delay", "20", login]);
    xdotool(display, &["key", "Return"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(display, &["type", "--delay", "20", password]);
    xdotool(display, &["key", "Return"]);
    app
}

/// A new X server on a display numbered from `base` (each test its own base: the tests
/// of this binary run in parallel, in one process).
fn xvfb(base: u32) -> (String, Killed) {
    let display = format!(":{}", base + std::process::id() % 200);
    let server = Killed(
        Command::new("Xvfb")
            .args([display.as_str(), "-screen", "0", "1366x768x24"])
            .args(["-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    std::thread::sleep(Duration::from_millis(800));
    (display, server)
}

/// The screen of `display` saved as `target/screenshots/NAME.png`.
fn screenshot(display: &str, name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.png"));
    let ok = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(&path)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "no screenshot of {display}");
    path
}

/// Photographs `display` (as `NAME.png`) until the pixel at (`x`, `y`) satisfies `want`,
/// for up to `patience` (a loaded machine draws late); the last photograph, and whether
/// the pixel came.
fn photograph_until(
    display: &str,
    name: &str,
    (x, y): (u32, u32),
    want: impl Fn(Option<(u8, u8, u8)>) -> bool,
    patience: Duration,
) -> (std::path::PathBuf, bool) {
    let start = Instant::now();
    loop {
        let shot = screenshot(display, name);
        if want(pixel(&shot, x, y)) {
            return (shot, true);
        }
        if start.elapsed() >= patience {
            return (shot, false);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// The middle of the rightmost button on row `y` of a PNG: egui's buttons are filled
/// with `BUTTON_FILL` on the window's background, so the button is the run of
/// non-background pixels around the row's last filled one. For a button whose place
/// moves with the text left of it (a rate, a time left).
fn rightmost_button(png: &Path, y: u32) -> Option<u32> {
    const BUTTON_FILL: &str = "E6E6E6";
    const BACKGROUND: &str = "FBFBF9";
    let out = Command::new("convert")
        .arg(png)
        .args(["-crop", &format!("1366x1+0+{y}"), "-depth", "8", "txt:-"])
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    // "X,0: (r,g,b)  #RRGGBB  srgb(...)" per pixel, after a header line.
    let row: Vec<&str> = text
        .lines()
        .skip(1)
        .filter_map(|l| l.split('#').nth(1)?.get(..6))
        .collect();
    let right = row.iter().rposition(|c| *c == BUTTON_FILL)?;
    let left = row[..right]
        .iter()
        .rposition(|c| *c == BACKGROUND)
        .map_or(0, |x| x + 1);
    u32::try_from((left + right) / 2).ok()
}

/// The colour of the pixel at (`x`, `y`) of a PNG, by ImageMagick.
fn pixel(png: &Path, x: u32, y: u32) -> Option<(u8, u8, u8)> {
    let out = Command::new("convert")
        .arg(png)
        .args(["-crop", &format!("1x1+{x}+{y}"), "-depth", "8", "txt:-"])
        .output()
        .ok()?;
    // A header line, then "0,0: (253,240,217)  #FDF0D9  srgb(253,240,217)".
    let text = String::from_utf8(out.stdout).ok()?;
    let hex = text.rsplit('#').next()?.get(..6)?;
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some((byte(0)?, byte(2)?, byte(4)?))
}

/// Runs the command line over `data` as `user` (password `password`), with `stdin`:
/// whether it succeeded, and its output.
fn cli(data: &Path, user: (&str, &str), args: &[&str], stdin: &str) -> (bool, String) {
    let mut call = Command::new(env!("CARGO_BIN_EXE_iin-desk"))
        .arg("--data-dir")
        .arg(data)
        .args(["--lang", "en", "--user", user.0])
        .args(args)
        .env("IIN_DESK_PASSWORD", user.1)
        .env_remove("IIN_DESK_QUEUE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(mut input) = call.stdin.take() {
        use std::io::Write;
        input.write_all(stdin.as_bytes()).unwrap();
    }
    let out = call.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

/// Whether the tools of the keyboard-driven tests are here (else says why nothing ran;
/// in CI they must be).
fn have_window_tools() -> bool {
    if have("Xvfb") && have("xdotool") && have("import") && have("convert") {
        return true;
    }
    assert!(
        std::env::var("CI").is_err(),
        "Xvfb, xdotool and ImageMagick are needed in CI"
    );
    eprintln!("skipped: Xvfb, xdotool or ImageMagick missing");
    false
}

#[test]
fn a_reader_scanning_line_by_line_on_today_under_latin_russian_and_kazakh_layouts() {
    if !(have("Xvfb") && have("xdotool") && have("setxkbmap")) {
        assert!(
            std::env::var("CI").is_err(),
            "Xvfb, xdotool and setxkbmap are needed in CI"
        );
        eprintln!("skipped: Xvfb, xdotool or setxkbmap missing");
        return;
    }
    let today = chrono::Local::now().date_naive();
    let reading = iin_desk::domain::mrz::read_mrz(&ZONE.join("\n"), today).unwrap();
    assert!(reading.all_checks_pass(), "the test's zone is valid");

    let (display, _xvfb) = xvfb(250);
    let (data, app) = desk_logged_in(&display);

    let mut layouts = Vec::new();
    for layout in ["us", "ru", "kz"] {
        let set = Command::new("setxkbmap")
            .arg(layout)
            .env("DISPLAY", &display)
            .status()
            .is_ok_and(|s| s.success());
        if !set {
            eprintln!("setxkbmap {layout} failed under Xvfb: not scanned");
            continue;
        }
        layouts.push(layout);
        std::thread::sleep(Duration::from_millis(300));
        // On Today, the box has the focus: the reader scans.
        reader_scans(&display);
        // The formation opened; its draft is saved, then Esc goes back to Today.
        std::thread::sleep(Duration::from_secs(3));
        xdotool(&display, &["key", "Escape"]);
        std::thread::sleep(Duration::from_secs(1));
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let _ = Command::new("import")
        .args(["-display", &display, "-window", "root"])
        .arg(dir.join("xvfb-scans.png"))
        .status();
    drop(app);

    assert_eq!(
        layouts,
        ["us", "ru", "kz"],
        "every layout was set and scanned (scripts/test.sh installs setxkbmap and xkb-data)"
    );
    drafts_hold_both_lines(data.path(), &layouts);
}

/// The drafts in the store of `data`: one per layout scanned, each with line 1's name and
/// line 2's number and dates.
fn drafts_hold_both_lines(data: &Path, layouts: &[&str]) {
    let now = chrono::Local::now().naive_local();
    let unlocked = iin_desk::store::Store::unlock_in(data, "admin", "Admin12345", now).unwrap();
    let filter = iin_desk::store::RequestFilter {
        include_drafts: true,
        ..iin_desk::store::RequestFilter::default()
    };
    let rows = unlocked.store.list_requests(&filter, 0, 100).unwrap();
    assert_eq!(
        rows.len(),
        layouts.len(),
        "one draft per scan under {layouts:?}"
    );
    for row in rows {
        let a = unlocked.store.request(&row.id).unwrap().form.applicant;
        // Line 1's name and line 2's number, sex and expiry, whatever the layout (the
        // edition of 2024 leaves the date of birth to the visual zone).
        assert_eq!(
            (
                a.surname.as_str(),
                a.name.as_str(),
                a.document_number.as_str(),
                a.sex.as_str(),
                a.document_expiry_date.as_str()
            ),
            ("TESTOVA", "MALIKA", "FA1234567", "F", "14.03.2031")
        );
    }
}
