#!/usr/bin/env bash
# Regenerates the example pictures under docs/ with the real binary, from the history `roadmap demo` scripts
# (fixed dates, so the same binary always draws the same bytes).
set -euo pipefail
bin=${1:?usage: pictures.sh path/to/roadmap}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$bin" demo --under "$scratch" >/dev/null
demo=$(echo "$scratch"/roadmap-demo-*)
mkdir -p docs
"$bin" -C "$demo" badge > docs/roadmap-badge.svg
"$bin" -C "$demo" chart > docs/roadmap-chart.svg
echo "docs/roadmap-badge.svg and docs/roadmap-chart.svg redrawn from the demo history"
