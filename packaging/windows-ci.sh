#!/usr/bin/env bash
# The Windows part of the test command (scripts/test.sh runs it in the background, beside the
# Linux build and the tests). Two forms:
#
# - The full build: both Windows programs, their PE checks and the NSIS installer
#   (packaging/build-windows.sh, profile ci-windows: the release settings without
#   optimisation). It runs whenever what goes into the installer changed since the last full
#   build that passed: the crates (Cargo.toml, Cargo.lock), build.rs, the packaging scripts,
#   the installer script, the icon, the licences, the example configuration. The hash of those
#   files is kept in packaging/windows/verified-inputs.sha256; after a full build passes, this
#   script writes it (commit the file).
# - Otherwise, clippy over the Windows target (`cargo clippy --target x86_64-pc-windows-gnu`
#   through clippy-driver, -D warnings): every `cfg(windows)` line of src/ type-checked and
#   linted, the resources embedded by build.rs, without generating and linking the code
#   (so without OpenSSL's and SQLCipher's C code, which the full build compiles). That is
#   all a change to src/ can break: the crate forbids unsafe code, so it declares no
#   foreign function, and what it links comes only from the crates and build.rs, which are
#   the installer's inputs above.
#
# IIN_DESK_WINDOWS=full forces the full build; IIN_DESK_WINDOWS=check forces the check.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
stamp=packaging/windows/verified-inputs.sha256

inputs_hash() {
  local f
  for f in Cargo.toml Cargo.lock build.rs packaging/build-windows.sh packaging/check-pe.sh \
    packaging/windows-ci.sh packaging/windows/iin-desk.nsi packaging/config.example.toml \
    assets/icons/iin-desk.ico assets/THIRD-PARTY-LICENSES.md; do
    printf '%s\n' "$f"
    if [ "$f" = Cargo.toml ]; then
      # The dev profile's sections build the tests, not the installer (the Windows builds use
      # the ci-windows and release profiles): a change there needs no full build.
      awk '/^\[/ { dev = ($0 ~ /^\[profile\.dev[].]/) } !dev' "$f"
    else
      cat "$f"
    fi
  done | sha256sum | cut -d' ' -f1
}

hash="$(inputs_hash)"
mode="${IIN_DESK_WINDOWS:-}"
if [ -z "$mode" ]; then
  if [ -f "$stamp" ] && [ "$(tr -d '[:space:]' <"$stamp")" = "$hash" ]; then
    mode=check
  else
    mode=full
  fi
fi

# OpenSSL's build script (openssl-src) compiles its ~1,100 C files at -O2 whatever the profile
# says; a later -O0 in CFLAGS (cc puts it last) makes CI's build like the rest of its profile.
export CFLAGS_x86_64_pc_windows_gnu=-O0
# Each form in a folder of its own: they build OpenSSL differently, and a warm folder stays warm.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/windows-$mode}"
start=$SECONDS
case "$mode" in
  full)
    echo "== Windows: the full build and the installer (the installer's inputs changed since $stamp)"
    IIN_DESK_WINDOWS_PROFILE=ci-windows bash packaging/build-windows.sh
    printf '%s\n' "$hash" >"$stamp"
    echo "== Windows: built and checked in $((SECONDS - start)) s; $stamp updated (commit it)"
    ;;
  check)
    echo "== Windows: clippy over the Windows target (the installer's inputs are those of $stamp)"
    # Checking links nothing, so OpenSSL's code is not needed, only its headers: Debian's
    # (libssl-dev; the architecture's configuration.h beside the common ones) stand in for the
    # vendored build, whose 1,100 C files would be half the time of the check.
    headers="$CARGO_TARGET_DIR/openssl-headers"
    rm -rf "$headers"
    mkdir -p "$headers/include/openssl" "$headers/lib"
    for h in /usr/include/openssl/*.h /usr/include/*-linux-*/openssl/*.h; do
      ln -sf "$h" "$headers/include/openssl/"
    done
    # Nor is SQLCipher's C code: with LIBSQLITE3_SYS_USE_PKG_CONFIG, rusqlite's build script
    # names the library to link (which a check never links) and takes the bindings it ships,
    # instead of compiling the amalgamation for Windows (~30 CPU-s).
    LIBSQLITE3_SYS_USE_PKG_CONFIG=1 \
      OPENSSL_NO_VENDOR=1 OPENSSL_STATIC=1 OPENSSL_DIR="$headers" \
      RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver" \
      CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__" \
      cargo check --locked --profile ci-windows --target "$target" --lib --bins
    echo "== Windows: checked in $((SECONDS - start)) s"
    ;;
  *)
    echo "IIN_DESK_WINDOWS must be full or check, not $mode" >&2
    exit 2
    ;;
esac
