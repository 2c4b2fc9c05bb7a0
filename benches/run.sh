#!/usr/bin/env bash
# Measures iin-desk against its baselines in one run and prints each ratio (BENCHMARKS.md).
# Not run by CI. Needs Xvfb and LibreOffice (libreoffice-writer-nogui); every measurement
# is bounded by `timeout`; Xvfb and the scratch folder are removed on exit. The store of
# 1,000,000 synthetic requests is made once by `iin-desk demo-data` and kept in
# target/bench-data/journal-1000000 (about 1 GB; delete it to make it again).
#
#   bash benches/run.sh            # everything; RUNS=5 start-ups of each window
#   REGISTRY=1000000 bash benches/run.sh   # the registry at another size (0: not measured)
#   PUSHES=3                       # push rounds (each beside its bare insert); the medians
#   DEMO_COUNT=100000              # the size of the `demo` part's fill
#   PARTS="push journal" bash benches/run.sh   # only these parts, in run.sh's order, of:
#                                  # startup memory journal certificate push demo registry
#                                  # (default: all). The store of 1,000,000 requests, and
#                                  # with it the `demo-data` figure, is made whenever it is
#                                  # missing, whatever PARTS says.
#
# Every cargo command builds without the default feature (the vendored OpenSSL), as CI
# does; export the same RUSTC_WORKSPACE_WRAPPER as for the tests, or the crate is built
# again.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
PUSHES=${PUSHES:-3}
DEMO_COUNT=${DEMO_COUNT:-100000}
PARTS=${PARTS:-startup memory journal certificate push demo registry}
PASS='Bench-admin-2026'
part() { case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

TMP=$(mktemp -d)
XVFB=
cleanup() {
  [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT

echo "== building (release)" >&2
cargo build --quiet --release --no-default-features --bin iin-desk --example bare_window
PROBE=$(cargo bench --no-default-features --bench probe --no-run --message-format=json 2>/dev/null |
  python3 -c 'import sys,json
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable") and m["target"]["name"]=="probe": print(m["executable"])' | tail -1)
JOURNAL=$(cargo bench --no-default-features --bench journal --no-run --message-format=json 2>/dev/null |
  python3 -c 'import sys,json
for l in sys.stdin:
    m=json.loads(l)
    if m.get("reason")=="compiler-artifact" and m.get("executable") and m["target"]["name"]=="journal": print(m["executable"])' | tail -1)
BIN=target/release/iin-desk
BARE=target/release/examples/bare_window

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
field() { tr ' ' '\n' | sed -n "s/^$1=//p"; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "== machine" >&2
CPU=$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)
MEM=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
echo "machine: $(nproc) CPUs, $CPU, $MEM RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

# A scratch store (10,000 requests) for the start-up, and the cached one of 1,000,000.
init_store() { # DIR
  echo "$PASS" | "$BIN" --data-dir "$1" --lang en init --admin admin --name "Bench Admin" --password-stdin >/dev/null
}
fill_store() { # DIR COUNT
  IIN_DESK_USER=admin IIN_DESK_PASSWORD=$PASS timeout 1800 "$BIN" --data-dir "$1" --lang en demo-data --count "$2" --seed 42
}
init_store "$TMP/small"
fill_store "$TMP/small" 10000 >/dev/null
BIG=target/bench-data/journal-1000000
if [ ! -e "$BIG/complete" ]; then
  echo "== demo-data --count 1000000 (once), and its baseline" >&2
  rm -rf "$BIG"; mkdir -p "$BIG"
  init_store "$BIG"
  T=$(date +%s%N)
  fill_store "$BIG" 1000000 >/dev/null 2>&1
  D=$(ms_since "$T")
  touch "$BIG/complete"
  # The same rows into a bare table of an encrypted file (`probe bare-fill`).
  mkdir -p "$TMP/bare-fill"
  F=$(timeout 1800 "$PROBE" bare-fill 1000000 "$TMP/bare-fill" | field bare_fill_ms)
  rm -rf "$TMP/bare-fill"
  echo "demo-data 1,000,000 requests: ${D} ms ($(du -sh "$BIG" | cut -f1)), bare insert of the same rows ${F} ms, ratio $(awk "BEGIN {printf \"%.2f\", $D/$F}") (goal <= 60 s)"
fi

if part startup || part memory; then
Xvfb :98 -screen 0 1366x900x24 >/dev/null 2>&1 &
XVFB=$!
sleep 1
export DISPLAY=:98
fi
if part startup; then
echo "== start-up to the first frame under Xvfb" >&2
first_frame() { # command...
  local t; t=$(date +%s%N)
  IIN_DESK_EXIT_AFTER_FIRST_FRAME=1 timeout 60 "$@" >/dev/null 2>&1
  ms_since "$t"
}
first_frame "$BARE" >/dev/null; first_frame "$BIN" --data-dir "$TMP/small" >/dev/null # warm the caches
: >"$TMP/bare"; : >"$TMP/app"
for _ in $(seq "$RUNS"); do
  first_frame "$BARE" >>"$TMP/bare"
  first_frame "$BIN" --data-dir "$TMP/small" >>"$TMP/app"
done
B=$(median <"$TMP/bare"); A=$(median <"$TMP/app")
echo "first frame: iin-desk ${A} ms, bare eframe ${B} ms, ratio $(awk "BEGIN {printf \"%.2f\", $A/$B}") (goal <= 1.5)"
fi

if part memory; then
echo "== resident memory" >&2
BARE_MEM=$(IIN_DESK_EXIT_AFTER_FIRST_FRAME=1 timeout 60 "$BARE")
JOURNAL_MEM=$(timeout 300 "$PROBE" journal-window "$BIG")
BH=$(echo "$BARE_MEM" | field hwm_kb); JH=$(echo "$JOURNAL_MEM" | field hwm_kb)
JR=$(echo "$JOURNAL_MEM" | field rss_kb)
echo "memory: journal of $(echo "$JOURNAL_MEM" | field rows) requests RSS $((JR / 1024)) MB (peak $((JH / 1024)) MB), bare eframe peak $((BH / 1024)) MB, ratio $(awk "BEGIN {printf \"%.2f\", $JH/$BH}") (goal <= 150 MB)"
fi
[ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null || true; XVFB=

if part journal; then
echo "== journal over 1,000,000 requests" >&2
S=$(timeout 600 "$PROBE" search "$BIG")
echo "journal search: $S (goal name search <= 30 ms)"
# The name search (count + first page) through the trigram index beside the same search
# reading every row, and a deep keyset page beside the same page by OFFSET (benches/journal.rs).
timeout 1200 "$JOURNAL" --bench "$BIG" | sed 's/^/journal: /'
F=$(timeout 600 "$PROBE" journal-frame "$BIG")
echo "journal frame (kittest): $F (goal frame_cpu_ms <= 4)"
fi

if part certificate; then
echo "== registration certificate vs LibreOffice" >&2
C=$(timeout 300 "$PROBE" certificate "$TMP/cert")
CM=$(echo "$C" | field certificate_ms)
LO="timeout 120 soffice --headless --norestore -env:UserInstallation=file://$TMP/lo-profile"
$LO --infilter="Text (encoded):UTF8" --convert-to pdf --outdir "$TMP/lo" "$TMP/cert/certificate.txt" >/dev/null 2>&1 # first start makes the profile
: >"$TMP/lo-times"
for _ in 1 2 3; do
  T=$(date +%s%N)
  $LO --infilter="Text (encoded):UTF8" --convert-to pdf --outdir "$TMP/lo" "$TMP/cert/certificate.txt" >/dev/null 2>&1
  ms_since "$T" >>"$TMP/lo-times"
done
LM=$(median <"$TMP/lo-times")
echo "certificate PDF: iin-desk ${CM} ms, LibreOffice ${LM} ms, $(awk "BEGIN {printf \"%.0f\", $LM/$CM}")x faster (goal >= 50x)"
fi

if part push; then
echo "== push 10,000 requests vs a bare SQLite table" >&2
: >"$TMP/push"; : >"$TMP/bare-push"; : >"$TMP/push-cpu"; : >"$TMP/bare-push-cpu"
for _ in $(seq "$PUSHES"); do
  P=$(timeout 900 "$PROBE" push 10000)
  echo "push round: $P"
  echo "$P" | field push_ms >>"$TMP/push"
  echo "$P" | field bare_ms >>"$TMP/bare-push"
  echo "$P" | field push_cpu_ms >>"$TMP/push-cpu"
  echo "$P" | field bare_cpu_ms >>"$TMP/bare-push-cpu"
done
PM=$(median <"$TMP/push"); BM=$(median <"$TMP/bare-push")
echo "push: median of $PUSHES: push ${PM} ms, bare insert ${BM} ms, ratio $(awk "BEGIN {printf \"%.2f\", $PM/$BM}") (goal <= 3); CPU time: push $(median <"$TMP/push-cpu") ms, bare insert $(median <"$TMP/bare-push-cpu") ms"
fi

if part demo; then
echo "== demo-data --count $DEMO_COUNT vs a bare insert of the same rows" >&2
# Wall and CPU time (user + system) of the whole process; the bare insert's figure is its
# inserts and commits (rows made off the clock) and its process's CPU time, making the
# rows included as `demo-data`'s is.
cpu_run() { # OUT command...: wall ms, CPU ms of the process into OUT
  /usr/bin/time -f "%e %U %S" -o "$1.time" "${@:2}" >"$1.out" 2>/dev/null
  awk '{printf "%.0f %.0f\n", $1 * 1000, ($2 + $3) * 1000}' "$1.time" >"$1"
}
init_store "$TMP/demo"
L1=$(cut -d' ' -f1 /proc/loadavg)
cpu_run "$TMP/demo-run" env IIN_DESK_USER=admin IIN_DESK_PASSWORD=$PASS timeout 1800 \
  "$BIN" --data-dir "$TMP/demo" --lang en demo-data --count "$DEMO_COUNT" --seed 42
DSIZE=$(du -sh "$TMP/demo" | cut -f1); rm -rf "$TMP/demo"
mkdir -p "$TMP/bare-demo"
L2=$(cut -d' ' -f1 /proc/loadavg)
cpu_run "$TMP/bare-run" timeout 1800 "$PROBE" bare-fill "$DEMO_COUNT" "$TMP/bare-demo"
rm -rf "$TMP/bare-demo"
read -r DW DC <"$TMP/demo-run"; read -r _ BC <"$TMP/bare-run"
BW=$(field bare_fill_ms <"$TMP/bare-run.out")
echo "demo-data $DEMO_COUNT requests: ${DW} ms (CPU ${DC} ms, $DSIZE, load $L1), bare insert of the same rows ${BW} ms (process CPU ${BC} ms, load $L2), ratio $(awk "BEGIN {printf \"%.2f\", $DW/$BW}") (CPU $(awk "BEGIN {printf \"%.2f\", $DC/$BC}"))"
fi

if [ "${REGISTRY:-5000000}" = 0 ] || ! part registry; then
  echo "registry: not measured (REGISTRY=0 or not in PARTS)"
  exit 0
fi
echo "== registry duplicates on a PostgreSQL server (a throwaway cluster, as the tests start one)" >&2
R=$(IIN_DESK_BENCH_REGISTRY=${REGISTRY:-5000000} timeout 3600 cargo bench --quiet --no-default-features --bench registry 2>/dev/null | grep '^registry: ')
echo "$R"
