//! Build script: on Windows targets, embeds the icon and the version information into the
//! executables (Explorer, the taskbar and the Start menu show them). Nothing on other
//! targets. Cross-builds use MinGW's `x86_64-w64-mingw32-windres` (Debian's mingw-w64).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/icons/iin-desk.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let mut res = winresource::WindowsResource::new();
    res.set_icon("assets/icons/iin-desk.ico")
        .set("ProductName", "iin-desk")
        .set(
            "FileDescription",
            "iin-desk: IIN of foreigners and stateless persons (counter)",
        )
        .set(
            "CompanyName",
            "State Corporation \"Government for Citizens\"",
        )
        .set("LegalCopyright", "MIT licence");
    if let Err(e) = res.compile() {
        eprintln!("cannot embed the Windows resources (icon, version): {e}");
        std::process::exit(1);
    }
}
