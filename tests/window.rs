//! The real binary, started under Xvfb: the login window renders. The screenshot is
//! kept as `target/screenshots/xvfb-login.png` to look at.

#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used)]

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
    let data = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_iin-desk");
    let mut init = Command::new(bin)
        .args(["--data-dir"])
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
