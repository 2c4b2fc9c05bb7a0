#!/usr/bin/env bash
# Regenerates the raster icons from assets/icons/iin-desk.svg with ImageMagick:
# the 256 px PNG (Linux desktop entry) and the multi-size ICO (Windows installer and
# Start-menu shortcut). The outputs are committed; run this after editing the SVG.
set -euo pipefail
cd "$(dirname "$0")/../assets/icons"
convert -background none iin-desk.svg -resize 256x256 png32:iin-desk-256.png
convert iin-desk-256.png -define icon:auto-resize=256,64,48,32,16 iin-desk.ico
echo "wrote assets/icons/iin-desk-256.png and assets/icons/iin-desk.ico"
