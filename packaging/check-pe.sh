#!/usr/bin/env bash
# Checks that each FILE is a Windows PE executable: "MZ" at the start, and "PE\0\0" at the
# offset the DOS header gives (e_lfanew, 4 bytes little-endian at 0x3C).
#   bash packaging/check-pe.sh FILE...
set -euo pipefail
for f in "$@"; do
  [ -s "$f" ] || { echo "$f: missing or empty" >&2; exit 1; }
  [ "$(head -c 2 "$f")" = "MZ" ] || { echo "$f: no MZ header, not a Windows executable" >&2; exit 1; }
  offset=$(od -An -tu4 -j 60 -N 4 "$f" | tr -d ' ')
  sig=$(od -An -tx1 -j "$offset" -N 4 "$f" | tr -d ' \n')
  [ "$sig" = "50450000" ] || { echo "$f: no PE signature at $offset, not a Windows executable" >&2; exit 1; }
  echo "$f: PE executable ($(du -h "$f" | cut -f1))"
done
