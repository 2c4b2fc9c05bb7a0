#!/usr/bin/env bash
# Cross-builds the Windows release of iin-desk on Debian and wraps it in an NSIS installer:
#   target/x86_64-pc-windows-gnu/release/iin-desk.exe
#   target/windows/iin-desk-VERSION-setup.exe
# Needs the Rust target (rustup target add x86_64-pc-windows-gnu) and Debian's mingw-w64
# and nsis packages; scripts/test.sh installs them when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
missing=()
rustup target list --installed 2>/dev/null | grep -qx "$target" || missing+=("rustup target add $target")
command -v x86_64-w64-mingw32-gcc >/dev/null || missing+=("apt-get install mingw-w64")
command -v makensis >/dev/null || missing+=("apt-get install nsis")
if [ "${#missing[@]}" -gt 0 ]; then
  printf 'missing, install with: %s\n' "${missing[@]}" >&2
  exit 1
fi

# IIN_DESK_WINDOWS_PROFILE=ci-windows: CI's quicker build of the same code (Cargo.toml).
profile="${IIN_DESK_WINDOWS_PROFILE:-release}"
echo "== cargo build --profile $profile --target $target"
cargo build --locked --profile "$profile" --target "$target"
# CARGO_TARGET_DIR is honoured (CI builds Windows in its own folder, beside the Linux build).
build_dir="${CARGO_TARGET_DIR:-target}"
exe="$build_dir/$target/$profile/iin-desk.exe"
window_exe="$build_dir/$target/$profile/iin-desk-window.exe"
for f in "$exe" "$window_exe"; do
  bash packaging/check-pe.sh "$f"
  # Only DLLs every Windows has: a MinGW runtime DLL (libgcc_s_seh-1.dll,
  # libwinpthread-1.dll) would be missing on the counters and the program would not start.
  dlls="$(x86_64-w64-mingw32-objdump -p "$f" | sed -n 's/^\s*DLL Name: //p' | sort -uf)"
  if grep -iE '^lib|mingw' <<<"$dlls"; then
    echo "$f needs the MinGW DLLs above, which Windows does not have" >&2
    exit 1
  fi
  # The icon and version information (build.rs) are in the resources.
  x86_64-w64-mingw32-objdump -h "$f" | grep -q '\.rsrc' || { echo "$f: no resources (icon)" >&2; exit 1; }
done
# iin-desk.exe is a console program (the command line); the Start-menu launcher is not.
subsystem() { x86_64-w64-mingw32-objdump -p "$1" | sed -n 's/^Subsystem\s*//p' | head -n1; }
case "$(subsystem "$exe")" in *"Windows CUI"*) ;; *) echo "$exe: not a console program" >&2; exit 1 ;; esac
case "$(subsystem "$window_exe")" in *"Windows GUI"*) ;; *) echo "$window_exe: not a GUI program" >&2; exit 1 ;; esac

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
# Windows version resources want four numbers: 0.1.0-beta.2 becomes 0.1.0.0.
IFS=. read -r major minor patch _ <<<"${version%%[-+]*}"
version4="${major:-0}.${minor:-0}.${patch:-0}.0"

mkdir -p target/windows
staged="target/windows/iin-desk.exe"
# Symbols are not shipped: the installer stays small.
x86_64-w64-mingw32-strip -o "$staged" "$exe"
staged_window="target/windows/iin-desk-window.exe"
x86_64-w64-mingw32-strip -o "$staged_window" "$window_exe"
setup="target/windows/iin-desk-${version}-setup.exe"
echo "== makensis"
makensis -V2 -INPUTCHARSET UTF8 \
  -DVERSION="$version" -DVERSION4="$version4" \
  -DEXE="$PWD/$staged" \
  -DWINDOW_EXE="$PWD/$staged_window" \
  -DICON="$PWD/assets/icons/iin-desk.ico" \
  -DLICENSES="$PWD/assets/THIRD-PARTY-LICENSES.md" \
  -DCONFIG_EXAMPLE="$PWD/packaging/config.example.toml" \
  -DOUTFILE="$PWD/$setup" \
  packaging/windows/iin-desk.nsi
bash packaging/check-pe.sh "$setup"
# 7-Zip reads NSIS installers: the packed program must be the one just built.
if command -v 7z >/dev/null; then
  unpacked="$(mktemp -d)"
  trap 'rm -rf "$unpacked"' EXIT
  7z e -bd -y -o"$unpacked" "$setup" iin-desk.exe iin-desk-window.exe THIRD-PARTY-LICENSES.md >/dev/null
  cmp -s "$unpacked/iin-desk.exe" "$staged" || { echo "$setup: iin-desk.exe differs" >&2; exit 1; }
  cmp -s "$unpacked/iin-desk-window.exe" "$staged_window" || { echo "$setup: iin-desk-window.exe differs" >&2; exit 1; }
  [ -s "$unpacked/THIRD-PARTY-LICENSES.md" ] || { echo "$setup: no licences" >&2; exit 1; }
  echo "$setup: holds the built iin-desk.exe, iin-desk-window.exe and the licences"
fi
echo "$setup"
