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
A() { IIN_DESK_PASSWORD=Admin12345 $BIN --data-dir "$DATA" --user admin --lang en "$@"; }
A import tests/fixtures/requests.json >/dev/null
# A request the central queue rejects, for real: a second counter of the office (with
# the office's queue key) pushes the fixture's first request with another name first, so
# this counter's sync sets it aside (the journal marks it; its view says why).
OTHER=$(mktemp -d)
B() { IIN_DESK_PASSWORD=Admin12345 $BIN --data-dir "$OTHER" --user admin --lang en "$@"; }
echo 'Admin12345' | $BIN --data-dir "$OTHER" init --password-stdin --lang en >/dev/null 2>&1
A key queue-export --out "$OTHER/office.key" >/dev/null
B key queue-import "$OTHER/office.key" >/dev/null
python3 - "$OTHER/clash.json" <<'PY'
import json, sys
forms = [f for f in json.load(open('tests/fixtures/requests.json')) if f['id'].endswith('0001')]
forms[0]['applicant']['name'] = 'ANNA'
json.dump(forms, open(sys.argv[1], 'w'))
PY
B import "$OTHER/clash.json" >/dev/null
B --queue "$DATA/central-queue.sqlite3" sync >/dev/null
A sync >/dev/null 2>&1 || true  # exits 1: the conflict
A search --set-aside
rm -rf "$OTHER"
DISPLAY_NUM=:97
Xvfb $DISPLAY_NUM -screen 0 1366x768x24 >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$DATA"' EXIT
sleep 1
export DISPLAY=$DISPLAY_NUM
# Logs in as the administrator (Enter in the login moves to the password).
log_in() {
  xdotool type --delay 20 admin; xdotool key Return; sleep 0.3
  xdotool type --delay 20 Admin12345; xdotool key Return
}
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
  log_in
  sleep 1.5; import -window root "$OUT/$lang-2-dashboard.png"
  xdotool key ctrl+n; sleep 1
  xdotool type --delay 5 "$MRZ1"; xdotool key Return; xdotool type --delay 5 "$MRZ2"; xdotool key Return; sleep 1.5
  import -window root "$OUT/$lang-3-editor.png"
  xdotool key ctrl+f; sleep 1.5
  import -window root "$OUT/$lang-4-journal.png"
  # The journal's second row is the request set aside (marked): its view, with the
  # reason and Send again.
  xdotool mousemove 300 200 click 1; sleep 1.5
  import -window root "$OUT/$lang-4-set-aside-view.png"
  # The status filter "Set aside by the queue" (the list's second choice), then Search
  # by Enter in the name field.
  xdotool key Escape; sleep 1
  # The list's place depends on the language's words (in kk it wraps to the second row).
  case $lang in kk) LIST_X=142 LIST_Y=80 ;; ru) LIST_X=108 LIST_Y=80 ;; *) LIST_X=1256 LIST_Y=47 ;; esac
  xdotool mousemove $LIST_X $LIST_Y click 1; sleep 0.6
  xdotool mousemove $LIST_X $((LIST_Y + 67)) click 1; sleep 0.6
  xdotool mousemove 240 47 click 1; xdotool key Return; sleep 1.5
  import -window root "$OUT/$lang-4-set-aside-filter.png"
  # Administration (its place in the top bar depends on the language's words).
  case $lang in kk) ADMIN_X=697 ;; ru) ADMIN_X=716 ;; *) ADMIN_X=603 ;; esac
  xdotool mousemove $ADMIN_X 15 click 1; sleep 1.5
  import -window root "$OUT/$lang-5-admin.png"
  xdotool mousemove 600 500; for _ in 1 2 3 4 5 6 7 8 9 10; do xdotool click 5; done; sleep 1
  import -window root "$OUT/$lang-6-admin-keys.png"
  kill $APP; wait $APP 2>/dev/null || true
done
# A long sync: a day offline, 2,000 more requests to send at each login; Today shows the
# round's bar (count, rate, time left) and Cancel. The window is closed mid-round (a
# round stopped at any moment loses and doubles nothing).
python3 - "$DATA/outbox.json" <<'PY'
import json, sys, uuid
base = [f for f in json.load(open('tests/fixtures/requests.json')) if f['id'].endswith('0002')][0]
out = []
for i in range(2000):
    f = json.loads(json.dumps(base))
    f['id'] = str(uuid.uuid4())
    f['applicant']['document_number'] = 'SP%07d' % i
    out.append(f)
json.dump(out, open(sys.argv[1], 'w'))
PY
for lang in kk ru en; do
  printf '%s' "$lang" > "$DATA/language"
  python3 - "$DATA/outbox.json" <<'PY'
import json, sys, uuid
forms = json.load(open(sys.argv[1]))
for f in forms:
    f['id'] = str(uuid.uuid4())
json.dump(forms, open(sys.argv[1], 'w'))
PY
  A import "$DATA/outbox.json" >/dev/null
  $BIN --data-dir "$DATA" &
  APP=$!
  sleep 4
  WIN=$(xdotool search --sync --name iin-desk | head -1)
  xdotool windowfocus "$WIN"; sleep 0.3
  xdotool mousemove 640 201 click 1; sleep 0.3
  log_in
  # Until the bar shows part done (its fill, #C7DDF2, at its left end), 15 s at most.
  for _ in $(seq 30); do
    sleep 0.5
    import -window root "$OUT/$lang-7-sync-progress.png"
    convert "$OUT/$lang-7-sync-progress.png" -crop 1x1+25+143 -depth 8 txt:- | grep -q C7DDF2 && break
  done
  kill $APP; wait $APP 2>/dev/null || true
done
echo "screenshots in $OUT"
