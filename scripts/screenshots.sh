#!/usr/bin/env bash
# Starts the real window under Xvfb on a scratch store, drives it with the keyboard
# (xdotool) and saves a screenshot of each screen in each language under
# target/screenshots/. For looking at the product, not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
# The binary as the tests build it (the same features: no second build of the dependencies).
cargo test --quiet --no-default-features --no-run --test window
BIN=target/debug/iin-desk
OUT=target/screenshots
mkdir -p "$OUT"
DATA=$(mktemp -d)
echo 'Admin12345' | $BIN --data-dir "$DATA" init --password-stdin --lang en >/dev/null 2>&1
IIN_DESK_PASSWORD=Admin12345 $BIN --data-dir "$DATA" --user admin import tests/fixtures/requests.json >/dev/null
DISPLAY_NUM=:97
Xvfb $DISPLAY_NUM -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
sleep 1
export DISPLAY=$DISPLAY_NUM
MRZ1='P<UZBTESTOVA<<MALIKA<<<<<<<<<<<<<<<<<<<<<<<<'
MRZ2='FA12345673UZB9003152F3103142<<<<<<<<<<<<<<06'
for lang in kk ru en; do
  # The login screen's language (the settings themselves are in the encrypted store).
  printf '%s' "$lang" > "$DATA/language"
  $BIN --data-dir "$DATA" &
  APP=$!
  sleep 4
  import -window root "$OUT/$lang-1-login.png"
  # Without a window manager the window must be given the keyboard explicitly.
  WIN=$(xdotool search --sync --name iin-desk | head -1)
  xdotool windowfocus "$WIN"; sleep 0.3
  xdotool mousemove 640 201 click 1; sleep 0.3
  xdotool type --delay 20 admin; xdotool key Tab; xdotool type --delay 20 Admin12345; xdotool key Return
  sleep 1.5; import -window root "$OUT/$lang-2-dashboard.png"
  xdotool key ctrl+n; sleep 1
  xdotool type --delay 5 "$MRZ1"; xdotool key Return; xdotool type --delay 5 "$MRZ2"; xdotool key Return; sleep 1.5
  import -window root "$OUT/$lang-3-editor.png"
  xdotool key ctrl+f; sleep 1.5
  import -window root "$OUT/$lang-4-journal.png"
  # Administration (its place in the top bar depends on the language's words).
  case $lang in kk) ADMIN_X=697 ;; ru) ADMIN_X=716 ;; *) ADMIN_X=603 ;; esac
  xdotool mousemove $ADMIN_X 15 click 1; sleep 1.5
  import -window root "$OUT/$lang-5-admin.png"
  xdotool mousemove 600 500; for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool click 5; done; sleep 1
  import -window root "$OUT/$lang-6-admin-keys.png"
  kill $APP; wait $APP 2>/dev/null || true
done
echo "screenshots in $OUT"
