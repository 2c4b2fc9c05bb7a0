//! The Debian package: built by `packaging/build-deb.sh`, installed with `dpkg -i`, the
//! installed `/usr/bin/iin-desk` started under Xvfb until its window shows, then removed
//! with `dpkg -r`. While the window is up, every shared library the process has loaded must
//! come from a package the .deb's `Depends` pull in (eframe loads X11, Wayland and GL
//! libraries at run time, which no linker check sees).
//!
//! It runs only when `IIN_DESK_DEB` names a package (`bash packaging/build-deb.sh` prints its
//! path), because it changes the machine. It also needs root and dpkg: without them the test
//! says why and passes, except in CI (`CI` set), where it fails. The screenshot is kept as
//! `target/screenshots/deb-window.png`.

#![cfg(target_os = "linux")]
// Helpers outside #[test] functions panic with a message, like the tests themselves.
#![allow(clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long dpkg may wait for another installer to release its lock.
const DPKG_LOCK_WAIT: Duration = Duration::from_secs(120);
/// How long the window may take to show.
const WINDOW_WAIT: Duration = Duration::from_secs(60);

/// The packages the brief requires the .deb to depend on.
const REQUIRED_DEPENDS: [&str; 8] = [
    "libc6",
    "libgl1",
    "libegl1",
    "libxkbcommon-x11-0",
    "libxcursor1",
    "libxi6",
    "libx11-6",
    "libwayland-client0",
];

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Serializes package tests of parallel test runs on one machine (they share dpkg's
/// database and /usr/bin/iin-desk): a directory created atomically, holding the owner's pid,
/// removed on drop; a lock whose owner is gone is taken over.
struct MachineLock(PathBuf);

impl MachineLock {
    fn acquire() -> MachineLock {
        let dir = std::env::temp_dir().join("iin-desk-deb-test.lock");
        let start = Instant::now();
        loop {
            if std::fs::create_dir(&dir).is_ok() {
                let _ = std::fs::write(dir.join("pid"), std::process::id().to_string());
                return MachineLock(dir);
            }
            let owner = std::fs::read_to_string(dir.join("pid")).unwrap_or_default();
            let alive = !owner.trim().is_empty() && Path::new("/proc").join(owner.trim()).exists();
            if !alive && start.elapsed() > Duration::from_secs(2) {
                let _ = std::fs::remove_dir_all(&dir);
                continue;
            }
            assert!(
                start.elapsed() < DPKG_LOCK_WAIT,
                "another package test holds {} (pid {owner})",
                dir.display()
            );
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

impl Drop for MachineLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Removes the package when the test ends, whether it passed or panicked.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        match dpkg(&["-r", "iin-desk"]) {
            Ok(_) => {}
            Err(e) => eprintln!("dpkg -r iin-desk failed; remove it by hand: {e}"),
        }
    }
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn output(program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

fn stdout_of(program: &str, args: &[&str]) -> String {
    let out = output(program, args);
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs dpkg, waiting while another installer (apt in a parallel test run) holds its lock.
fn dpkg(args: &[&str]) -> Result<(), String> {
    let start = Instant::now();
    loop {
        let out = output("dpkg", args);
        if out.status.success() {
            return Ok(());
        }
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        if !err.contains("lock") || start.elapsed() > DPKG_LOCK_WAIT {
            return Err(format!("dpkg {args:?}: {err}"));
        }
        std::thread::sleep(Duration::from_secs(2));
    }
}

/// Whether the test can run here; if not, the reason.
fn missing_prerequisite() -> Option<String> {
    let uid = Command::new("id").arg("-u").output().ok();
    let root = uid.is_some_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        return Some("not root: dpkg -i needs root".into());
    }
    for tool in [
        "dpkg",
        "dpkg-deb",
        "dpkg-query",
        "objdump",
        "Xvfb",
        "import",
        "convert",
    ] {
        if !have(tool) {
            return Some(format!("{tool} is missing"));
        }
    }
    let status = output("dpkg-query", &["-W", "-f", "${Status}", "iin-desk"]);
    if String::from_utf8_lossy(&status.stdout).contains("installed") {
        return Some(
            "iin-desk is already installed here; the test leaves it alone \
             (dpkg -r iin-desk to let it run)"
                .into(),
        );
    }
    None
}

/// Package names of a `Depends`-style field: every alternative, without versions or
/// architecture qualifiers.
fn dependency_names(field: &str) -> Vec<String> {
    field
        .split([',', '|'])
        .filter_map(|alt| alt.split_whitespace().next())
        .map(|name| name.split(':').next().unwrap_or(name).to_string())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The installed packages that `roots` pull in, following Depends and Pre-Depends
/// (every installed alternative, and the installed providers of virtual packages).
fn dependency_closure(roots: &[String]) -> BTreeSet<String> {
    let list = stdout_of(
        "dpkg-query",
        &[
            "-W",
            "-f",
            "${db:Status-Abbrev}\t${Package}\t${Provides}\t${Depends}, ${Pre-Depends}\n",
        ],
    );
    let mut depends: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut providers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in list.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [status, name, provides, deps] = fields.as_slice() else {
            continue;
        };
        if !status.starts_with("ii") {
            continue;
        }
        for virtual_name in dependency_names(provides) {
            providers
                .entry(virtual_name)
                .or_default()
                .push(name.to_string());
        }
        depends
            .entry(name.to_string())
            .or_default()
            .extend(dependency_names(deps));
    }
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.to_vec();
    while let Some(name) = todo.pop() {
        let mut real = Vec::new();
        if depends.contains_key(&name) {
            real.push(name.clone());
        }
        real.extend(providers.get(&name).cloned().unwrap_or_default());
        for package in real {
            if seen.insert(package.clone()) {
                todo.extend(depends.get(&package).cloned().unwrap_or_default());
            }
        }
    }
    seen
}

/// The shared libraries a running process has mapped.
fn loaded_libraries(pid: u32) -> BTreeSet<String> {
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).unwrap_or_default();
    maps.lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .filter(|path| path.starts_with('/') && (path.ends_with(".so") || path.contains(".so.")))
        .map(str::to_string)
        .collect()
}

/// The names dpkg may list a file under: as given, resolved, and with or without `/usr`
/// (merged-/usr systems reach `/usr/lib/…` through `/lib/…`).
fn path_spellings(path: &str) -> Vec<String> {
    let mut spellings = vec![path.to_string()];
    if let Ok(real) = std::fs::canonicalize(path) {
        spellings.push(real.display().to_string());
    }
    for s in spellings.clone() {
        match s.strip_prefix("/usr") {
            Some(rest) => spellings.push(rest.to_string()),
            None => spellings.push(format!("/usr{s}")),
        }
    }
    spellings
}

/// The packages owning each of `paths` (one `dpkg -S` for all: it reads a large database).
/// Files no package owns (built by hand under /usr/local, say) are left out.
fn owners(paths: &BTreeSet<String>) -> BTreeMap<String, Vec<String>> {
    let spellings: BTreeMap<&String, Vec<String>> =
        paths.iter().map(|p| (p, path_spellings(p))).collect();
    let mut args = vec!["-S".to_string()];
    args.extend(spellings.values().flatten().cloned());
    let out = Command::new("dpkg").args(&args).output().expect("dpkg -S");
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if line.starts_with("diversion") {
            continue;
        }
        if let Some((packages, file)) = line.rsplit_once(": ") {
            by_file
                .entry(file.trim().to_string())
                .or_default()
                .extend(dependency_names(packages));
        }
    }
    spellings
        .into_iter()
        .filter_map(|(path, names)| {
            let found = names.iter().find_map(|n| by_file.get(n))?;
            Some((path.clone(), found.clone()))
        })
        .collect()
}

/// Starts Xvfb on a free display; returns it and the display name.
fn xvfb() -> (Killed, String) {
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x900x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb");
    let mut line = String::new();
    if let Some(out) = child.stdout.take() {
        let _ = BufReader::new(out).read_line(&mut line);
    }
    let number = line.trim().to_string();
    assert!(!number.is_empty(), "Xvfb did not start");
    (Killed(child), format!(":{number}"))
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

/// The metadata and the files, before installing anything.
fn check_package_contents(deb_text: &str) {
    let depends = stdout_of("dpkg-deb", &["-f", deb_text, "Depends"]);
    let declared = dependency_names(&depends);
    for required in REQUIRED_DEPENDS {
        assert!(
            declared.iter().any(|d| d == required),
            "Depends lacks {required}: {depends}"
        );
    }
    let contents = stdout_of("dpkg-deb", &["-c", deb_text]);
    for file in [
        "./usr/bin/iin-desk",
        "./usr/share/applications/iin-desk.desktop",
        "./usr/share/icons/hicolor/scalable/apps/iin-desk.svg",
        "./usr/share/icons/hicolor/256x256/apps/iin-desk.png",
        "./usr/share/doc/iin-desk/copyright",
        "./usr/share/doc/iin-desk/config.example.toml",
    ] {
        assert!(contents.contains(file), "the package lacks {file}");
    }
}

/// Waits until the installed app's window on `display` shows something (a screenshot with
/// many colours), and fails if it stays blank or the app exits.
fn wait_for_window(app: &mut Killed, display: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots folder");
    let shot = dir.join("deb-window.png");
    let start = Instant::now();
    let mut seen = 0;
    while start.elapsed() < WINDOW_WAIT {
        std::thread::sleep(Duration::from_millis(1000));
        if let Ok(Some(status)) = app.0.try_wait() {
            panic!("the installed app exited: {status}");
        }
        let ok = Command::new("import")
            .args(["-display", display, "-window", "root"])
            .arg(&shot)
            .status()
            .is_ok_and(|s| s.success());
        seen = if ok { colours(&shot) } else { 0 };
        // A rendered window has anti-aliased text: many colours. Blank is one or two.
        if seen > 20 {
            break;
        }
    }
    assert!(
        seen > 20,
        "the installed app's window stayed blank ({seen} colours), see {}",
        shot.display()
    );
}

/// Every library the window of process `pid` loaded comes from a declared dependency (or
/// theirs).
fn check_loaded_libraries(pid: u32) {
    let closure = dependency_closure(&["iin-desk".to_string()]);
    let loaded = loaded_libraries(pid);
    assert!(
        loaded
            .iter()
            .any(|l| l.contains("libGL") || l.contains("libEGL")),
        "the window runs on GL: {loaded:?}"
    );
    let owned = owners(&loaded);
    // Guards the check itself: dpkg must have named the owner of the GL library.
    assert!(
        owned
            .keys()
            .any(|l| l.contains("libGL") || l.contains("libEGL")),
        "dpkg -S found no owner for the GL libraries: {owned:?}"
    );
    let undeclared: Vec<String> = owned
        .into_iter()
        .filter(|(_, owners)| !owners.iter().any(|o| closure.contains(o)))
        .map(|(lib, owners)| format!("{lib} ({})", owners.join(", ")))
        .collect();
    assert!(
        undeclared.is_empty(),
        "libraries loaded from packages the .deb does not depend on: {undeclared:?}"
    );
}

#[test]
fn the_package_installs_starts_its_window_and_removes() {
    // Installing a package changes the machine: the test runs when asked to, with the
    // package built by packaging/build-deb.sh (IIN_DESK_DEB=path/to.deb).
    if std::env::var_os("IIN_DESK_DEB").is_none() {
        eprintln!("skipped: set IIN_DESK_DEB to a package built by packaging/build-deb.sh");
        return;
    }
    let _lock = MachineLock::acquire();
    if let Some(reason) = missing_prerequisite() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the package test must run in CI, but {reason}"
        );
        eprintln!("skipped: {reason}");
        return;
    }
    let work = tempfile::tempdir().expect("temp dir");
    let deb = PathBuf::from(std::env::var_os("IIN_DESK_DEB").unwrap_or_default());
    assert!(
        deb.is_file(),
        "IIN_DESK_DEB: no package at {}",
        deb.display()
    );
    let deb_text = deb.display().to_string();

    check_package_contents(&deb_text);

    dpkg(&["-i", &deb_text]).unwrap_or_else(|e| panic!("{e}"));
    let installed = Installed;
    let bin = "/usr/bin/iin-desk";
    let version = stdout_of(bin, &["--version"]);
    assert_eq!(
        version.trim(),
        format!("iin-desk {}", env!("CARGO_PKG_VERSION"))
    );
    if have("desktop-file-validate") {
        stdout_of(
            "desktop-file-validate",
            &["/usr/share/applications/iin-desk.desktop"],
        );
    }

    let (_xvfb, display) = xvfb();
    let data = work.path().join("data");
    let mut app = Killed(
        Command::new(bin)
            .arg("--data-dir")
            .arg(&data)
            .env("DISPLAY", &display)
            .env(
                "IIN_DESK_MACHINE_CONFIG",
                work.path().join("no-config.toml"),
            )
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the installed binary"),
    );
    wait_for_window(&mut app, &display);

    check_loaded_libraries(app.0.id());

    drop(app);
    drop(installed);
    assert!(!Path::new(bin).exists(), "dpkg -r left {bin}");
}

#[test]
fn dependency_fields_are_read_like_dpkg() {
    assert_eq!(
        dependency_names("libc6 (>= 2.34), libgl1 | libgl1-mesa-glx:amd64, python3:any"),
        ["libc6", "libgl1", "libgl1-mesa-glx", "python3"]
    );
    assert!(dependency_names(" , ").is_empty());
}
