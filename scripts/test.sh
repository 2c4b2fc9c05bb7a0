#!/usr/bin/env bash
# Runs every check and test of iin-desk. This is the README's test command and what CI
# runs. It installs what the tests need from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# The real window is started under Xvfb and photographed with ImageMagick.
command -v Xvfb >/dev/null || need_apt+=(xvfb)
command -v import >/dev/null || need_apt+=(imagemagick)
# tests/window.rs types as a passport reader does (xdotool) under the us, ru and kz layouts.
command -v xdotool >/dev/null || need_apt+=(xdotool)
command -v setxkbmap >/dev/null || need_apt+=(x11-xkb-utils)
[ -f /usr/share/X11/xkb/symbols/kz ] || need_apt+=(xkb-data)
for lib in libxcursor.so.1 libXi.so.6 libxkbcommon-x11.so.0; do
  ldconfig -p | grep -q "$lib" || need_apt+=(libxcursor1 libxi6 libxkbcommon-x11-0)
done
ldconfig -p | grep -q libGL.so.1 || need_apt+=(libgl1 libgl1-mesa-dri libegl1)
# Printed documents are rendered to PNG with poppler's pdftoppm (tests/pdf/).
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v 7z >/dev/null || need_apt+=(p7zip-full)
command -v socat >/dev/null || need_apt+=(socat)
# tests/queue/tls.rs makes a CA and a server certificate with the openssl command.
command -v openssl >/dev/null || need_apt+=(openssl)
# The queue tests start throwaway PostgreSQL clusters of their own (tests/queue_support/pg.rs).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
ldconfig -p | grep -q libwayland-egl.so.1 || need_apt+=(libwayland-egl1)
# The tests build SQLCipher against Debian's libcrypto (--no-default-features: OpenSSL is not
# compiled from source a second time); the Windows build compiles it with perl and make.
[ -f /usr/include/openssl/evp.h ] || need_apt+=(libssl-dev)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
command -v make >/dev/null || need_apt+=(make)
command -v perl >/dev/null || need_apt+=(perl)
# The Windows cross-build and its installer (packaging/build-windows.sh).
command -v x86_64-w64-mingw32-gcc >/dev/null || need_apt+=(mingw-w64)
command -v makensis >/dev/null || need_apt+=(nsis)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target list --installed | grep -qx x86_64-pc-windows-gnu ||
  rustup target add x86_64-pc-windows-gnu

# Each part says when it ended (seconds since here) and, for the tests, the CPU it took:
# where a slow run went.
began=$SECONDS
echo "== cargo fmt --check"
cargo fmt --all -- --check

# The Windows part runs in the background, in a target folder of its own (one cargo lock
# each), beside the Linux build and the tests; its log is shown after them. It runs at the
# lowest priority: the Linux build keeps both cores busy and comes first, so the Windows part
# takes what the build leaves idle (its serial stretches: one long crate, the links) and
# goes on beside the tests, which mostly wait. (Started after the build at nice 10, it was
# the last thing to finish in CI.) It is the full build with the installer when the
# installer's inputs (the crates, build.rs, the packaging) changed since the last full build
# that passed, and clippy over the Windows target otherwise: packaging/windows-ci.sh says why
# that is enough. `bash packaging/build-windows.sh` alone makes the release build that is
# shipped.
windows_log="$(mktemp)"
nice -n 19 bash packaging/windows-ci.sh >"$windows_log" 2>&1 &
windows_pid=$!
trap 'kill "$windows_pid" 2>/dev/null || true' EXIT
# Clippy and the tests share one build: clippy-driver compiles the crate's own targets (the
# lints of `cargo clippy --all-targets -- -D warnings`, then the code the tests run), so the
# dependencies are compiled once, not once for checking and again for testing.
# --no-default-features: SQLCipher links Debian's libcrypto (Cargo.toml, [features]).
echo "== cargo clippy + cargo test --no-run (one build)"
export RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
cargo test --locked --no-default-features --all-targets --no-run
echo "== the build ended at $((SECONDS - began)) s"
# The .deb wraps the binary just built (one Linux build less in CI; a release package is
# `bash packaging/build-deb.sh`, README "Deploying to an office"); tests/deb.rs installs it,
# starts it under Xvfb and removes it, as one of the test binaries below.
echo "== packaging/build-deb.sh --binary target/debug/iin-desk --fast"
deb="$(bash packaging/build-deb.sh --binary target/debug/iin-desk --fast | tail -n1)"
export IIN_DESK_DEB="$PWD/$deb"
# The test binaries run side by side (TEST_LANES at a time, longest first): most of them wait
# on PostgreSQL, Xvfb, xdotool's typing pace or child processes rather than on the CPU, so
# one after another left a core idle. Each binary's output is shown whole when it ends.
lanes="${TEST_LANES:-4}"
echo "== cargo test ($lanes test binaries at a time)"
log="$(mktemp)"
lanes_dir="$(mktemp -d)"
selections=()
# The longest first, so that the last lane to finish is a short one.
for t in queue_faults queue cli gui; do selections+=("--test $t"); done
# The benchmarks in test mode, each run once: named one by one, since `--benches` also runs
# the library's and the programs' unit tests again (they are bench targets too).
benches=""
for f in benches/*.rs; do t="${f#benches/}"; benches+="--bench ${t%.rs} "; done
selections+=("--lib" "${benches% }")
for t in window encryption pdf; do selections+=("--test $t"); done
for f in tests/*.rs tests/*/main.rs; do
  t="${f#tests/}"; t="${t%.rs}"; t="${t%/main}"
  case " ${selections[*]} " in *" --test $t "*) continue ;; esac
  selections+=("--test $t")
done
selections+=("--bins")
run_lane() {
  local name="${*// /_}" start=$SECONDS rc cpu
  # shellcheck disable=SC2068 # "--test NAME" splits into two arguments on purpose
  cargo test --locked --no-default-features $@ >"$lanes_dir/$name.log" 2>&1
  rc=$?
  # This lane's subshell: the user and system CPU of what it ran (bash's `times`, run
  # here, not in a command substitution's fork, which would count nothing).
  times >"$lanes_dir/$name.times"
  cpu="$(tail -n1 "$lanes_dir/$name.times")"
  {
    cat "$lanes_dir/$name.log"
    echo "== cargo test $*: exit $rc after $((SECONDS - start)) s, ended at" \
      "$((SECONDS - began)) s, CPU $cpu"
  } | flock "$lanes_dir/.print" cat
  return "$rc"
}
set +e
status=0
running=()
for sel in "${selections[@]}"; do
  while [ "${#running[@]}" -ge "$lanes" ]; do
    wait -n -p done_pid "${running[@]}"
    rc=$?
    [ "$status" -ne 0 ] || status=$rc
    still=()
    for pid in "${running[@]}"; do [ "$pid" = "$done_pid" ] || still+=("$pid"); done
    running=("${still[@]}")
  done
  run_lane "$sel" &
  running+=("$!")
done
for pid in "${running[@]}"; do
  wait "$pid"
  rc=$?
  [ "$status" -ne 0 ] || status=$rc
done
set -e
cat "$lanes_dir"/*.log >"$log"
rm -rf "$lanes_dir"

# Shipping: the Windows part (started above) must have passed.
echo "== the tests ended at $((SECONDS - began)) s"
echo "== packaging/windows-ci.sh (its log; it ran beside the build and the tests)"
set +e
wait "$windows_pid"
windows_status=$?
set -e
echo "== the Windows part ended at $((SECONDS - began)) s"
cat "$windows_log"
if [ "$windows_status" -ne 0 ]; then
  echo "the Windows build or check failed (exit $windows_status)" >&2
  [ "$status" -ne 0 ] || status=$windows_status
fi
# One closing line for the whole run: the last binary cargo runs may be an example
# with no tests of its own.
awk '/^test result:/ { for (i = 2; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "total: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
