#!/usr/bin/env bash
# Runs every check and test of iin-desk. This is the README's test command and what CI
# runs. It installs what the tests need from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# The real window is started under Xvfb and photographed with ImageMagick.
command -v Xvfb >/dev/null || need_apt+=(xvfb)
command -v import >/dev/null || need_apt+=(imagemagick)
for lib in libxcursor.so.1 libXi.so.6 libxkbcommon-x11.so.0; do
  ldconfig -p | grep -q "$lib" || need_apt+=(libxcursor1 libxi6 libxkbcommon-x11-0)
done
ldconfig -p | grep -q libGL.so.1 || need_apt+=(libgl1 libgl1-mesa-dri libegl1)
# Printed documents are rendered to PNG with poppler's pdftoppm (tests/pdf.rs).
command -v pdftoppm >/dev/null || need_apt+=(poppler-utils)
command -v 7z >/dev/null || need_apt+=(p7zip-full)
ldconfig -p | grep -q libwayland-egl.so.1 || need_apt+=(libwayland-egl1)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "${need_apt[@]}"
fi

rustup component add rustfmt clippy >/dev/null 2>&1 || true

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
log="$(mktemp)"
set +e
cargo test --locked --all-targets 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line for the whole run: the last binary cargo runs may be an example
# with no tests of its own.
awk '/^test result:/ { for (i = 2; i <= NF; i++) { if ($i ~ /^passed;?$/) p += $(i-1); if ($i ~ /^failed;?$/) f += $(i-1) } }
     END { printf "total: %d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
