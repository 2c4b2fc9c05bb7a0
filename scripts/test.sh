#!/usr/bin/env bash
# Runs every check and test of iin-desk. This is the README's test command and what CI
# runs. It installs what the tests need from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Nothing beyond the Rust toolchain is needed yet; GUI tests will add Xvfb here.
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
cargo test --locked --all-targets
