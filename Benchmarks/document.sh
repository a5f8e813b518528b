#!/usr/bin/env bash
# make bench, the document part: parse + render of big generated pages, and the cost of doubling them.
# Writes its section of BENCHMARKS.md (between <!-- document-bench --> markers), leaving the rest as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
ROADMAP_BOOTSTRAP_EXTRAS="hyperfine" bash Scripts/bootstrap.sh
swift build -c release --static-swift-stdlib --product roadmap >&2
bin=$PWD/.build/release/roadmap
work=$PWD/Benchmarks/work/document
results=$work/results
mkdir -p "$results"

page_repository() { # kind size
  local repo=$work/$1-$2
  if [[ ! -d $repo/.git ]]; then
    git init -q -b main "$repo"
    python3 Benchmarks/document.py "$1" "$2" > "$repo/README.md"
    git -C "$repo" add README.md
    local ref=p1/topic-2-of-the-plan
    [[ $1 == table ]] && ref=p1/lesson-3
    git -C "$repo" -c user.name=B -c user.email=b@example.com commit -q -m "Roadmap: done $ref"
  fi
  echo "$repo"
}

hyperfine --style basic -N --warmup 3 --runs 30 --export-json "$results/document-startup.json" \
  -n "roadmap --version" "$bin --version" >&2
for kind_size in "tasks 10000" "tasks 20000" "table 5000" "table 10000"; do
  set -- $kind_size
  repo=$(page_repository "$1" "$2")
  # Sanity: the whole page is the tracker, or the timing measures a refusal.
  "$bin" -C "$repo" status --json | python3 -c "import json,sys; n=sum(len(p['items']) for p in json.load(sys.stdin)['phases']); sys.exit(0 if n == $2 else f'read {n} items of $2')"
  hyperfine --style basic --warmup 2 --runs 20 --export-json "$results/document-$1-$2.json" \
    -n "roadmap $1 $2" "$bin -C $repo sync --dry-run --no-cache >/dev/null" \
    -n "cmark-gfm $1 $2" "cmark-gfm -e table -e tasklist $repo/README.md >/dev/null" >&2
done

section=$(python3 Benchmarks/document.py report "$results")
printf '%s\n' "$section" | python3 Benchmarks/sections.py put document
echo "wrote the document section of BENCHMARKS.md" >&2
