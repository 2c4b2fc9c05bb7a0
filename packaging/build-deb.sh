#!/usr/bin/env bash
# Builds the Debian package target/debian/iin-desk_VERSION_ARCH.deb with dpkg-deb: the
# release binary, a desktop entry, the icons, the example machine configuration and the
# licences. Prints the package's path on the last line of stdout.
#
#   bash packaging/build-deb.sh                    # cargo build --release, then package it
#   bash packaging/build-deb.sh --binary FILE      # package an already built binary
#        [--out DIR] [--fast]                      # where to write; --fast: no compression
#
# The package metadata lives here rather than in Cargo.toml ([package.metadata.deb] would
# need cargo-deb, one more tool to install in CI); dpkg-deb is part of every Debian system.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
out="target/debian"
compress=(-Zxz)
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --fast) compress=(-Znone); shift ;;
    *) echo "usage: $0 [--binary FILE] [--out DIR] [--fast]" >&2; exit 2 ;;
  esac
done

if [ -z "$binary" ]; then
  # Debian's libcrypto (libssl3 in Depends), not a copy built in: security updates reach it.
  echo "== cargo build --release --no-default-features" >&2
  cargo build --locked --release --no-default-features >&2
  binary="target/release/iin-desk"
fi
[ -x "$binary" ] || { echo "no executable at $binary" >&2; exit 1; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
arch="$(dpkg --print-architecture)"
[ -n "$version" ] || { echo "no version in Cargo.toml" >&2; exit 1; }

# The glibc version the binary needs, from its versioned symbols (GLIBC_2.34 and so on).
glibc="$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)"

# Linked: libc6, libgcc-s1, libssl3 (SQLCipher's libcrypto). Loaded at run time by eframe/winit/glutin (dlopen): X11 and its
# extensions, xkbcommon, Wayland, GL/EGL through libglvnd; by rfd's file dialogs: D-Bus.
# tests/deb.rs checks that every library the running window loads comes from these.
depends="libc6 (>= ${glibc:-2.31}), libgcc-s1, libssl3, libx11-6, libx11-xcb1, libxcb1, libxrender1, libxcursor1, libxi6, libxkbcommon0, libxkbcommon-x11-0, libwayland-client0, libwayland-egl1, libgl1, libegl1, libdbus-1-3"
# File dialogs go through the desktop portal; PDFs open in the desktop's viewer.
recommends="xdg-desktop-portal-gtk | xdg-desktop-portal, xdg-utils"

# File dates in the package: the last commit's, so the same tree gives the same package.
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
root="$stage/iin-desk_${version}_${arch}"
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
  "$root/usr/share/icons/hicolor/scalable/apps" "$root/usr/share/icons/hicolor/256x256/apps" \
  "$root/usr/share/doc/iin-desk"
install -m 0755 "$binary" "$root/usr/bin/iin-desk"
# Debug symbols are not shipped (a smaller download; a debug build stays usable, too).
strip --strip-unneeded "$root/usr/bin/iin-desk" 2>/dev/null || true
install -m 0644 packaging/linux/iin-desk.desktop "$root/usr/share/applications/iin-desk.desktop"
install -m 0644 assets/icons/iin-desk.svg "$root/usr/share/icons/hicolor/scalable/apps/iin-desk.svg"
install -m 0644 assets/icons/iin-desk-256.png "$root/usr/share/icons/hicolor/256x256/apps/iin-desk.png"
install -m 0644 packaging/config.example.toml "$root/usr/share/doc/iin-desk/config.example.toml"
install -m 0644 assets/THIRD-PARTY-LICENSES.md "$root/usr/share/doc/iin-desk/THIRD-PARTY-LICENSES.md"
cat > "$root/usr/share/doc/iin-desk/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: iin-desk
Comment: The crates, fonts and data built into the program and their licences are
 listed in /usr/share/doc/iin-desk/THIRD-PARTY-LICENSES.md.

Files: *
Copyright: State Corporation "Government for Citizens"
License: MIT
EOF

installed_kib="$(du -sk --exclude=DEBIAN "$root" | cut -f1)"
cat > "$root/DEBIAN/control" <<EOF
Package: iin-desk
Version: ${version}
Architecture: ${arch}
Maintainer: iin-desk developers <iin-desk@gov4c.kz>
Installed-Size: ${installed_kib}
Depends: ${depends}
Recommends: ${recommends}
Section: misc
Priority: optional
Description: counter application for forming and correcting IINs of foreigners
 The counter window of the State Corporation "Government for Citizens" for the
 public service "Formation and correction of the IIN of foreigners and stateless
 persons temporarily staying in the Republic of Kazakhstan", and the
 administrator's command line (iin-desk --help).
 .
 A machine-wide configuration in /etc/iin-desk/config.toml sets up every user of
 a counter PC; see /usr/share/doc/iin-desk/config.example.toml.
EOF

mkdir -p "$out"
deb="$out/iin-desk_${version}_${arch}.deb"
dpkg-deb --root-owner-group "${compress[@]}" --build "$root" "$deb" >&2
echo "$deb"
