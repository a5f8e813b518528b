#!/usr/bin/env bash
# make bench: roadmap measured side by side with git on generated repositories, in one run, at two sizes,
# and BENCHMARKS.md rewritten from the results.
#   Benchmarks/run.sh [TIERS]      TIERS: "learner stress" (the default) or one of them
#   learner: 5 000 commits, 2 000 files (minutes); stress: 200 000 commits, 100 000 files (generating it
#   takes most of an hour on two cores; repositories are kept under Benchmarks/work/ for the next run).
#   STYLES (default "default conventional reverts") picks the message styles of Benchmarks/generate.py.
set -euo pipefail
cd "$(dirname "$0")/.."
tiers=${1:-learner stress}
styles=${STYLES:-default conventional reverts}
declare -A commits=([learner]=5000 [stress]=200000) files=([learner]=2000 [stress]=100000) runs=([learner]=10 [stress]=3)
ROADMAP_BOOTSTRAP_EXTRAS="hyperfine" bash Scripts/bootstrap.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
# The binary users install: `make release`'s (static Swift runtime, libgit2 built without network transports).
[[ -n ${GENERATE_ONLY:-} ]] || bash Scripts/release.sh >&2
bin=$PWD/.build-release/release/roadmap
work=$PWD/Benchmarks/work
results=$work/results
mkdir -p "$work" "$results"
seed=Tests/RoadmapKitTests/Fixtures/seed-clean.md
# An empty home rather than GIT_CONFIG_* variables, as a learner's shell has: libgit2 follows none of
# those, and under them the hook's fold check leaves more to git (README, "The repository changes only
# through git"). The system file is read by git and libgit2 alike.
mkdir -p "$work/home"
export HOME=$work/home
unset GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL XDG_CONFIG_HOME

generate() { # tier style
  local repo=$work/$1-$2
  if [[ ! -d $repo/.git ]]; then
    echo "generating $1-$2 (${commits[$1]} commits, ${files[$1]} files)…" >&2
    git init -q -b main "$repo"
    python3 Benchmarks/generate.py "${commits[$1]}" "${files[$1]}" "$seed" "$2" | git -C "$repo" fast-import --quiet
    git -C "$repo" checkout -q main
    git -C "$repo" config user.name "Bench Learner"
    git -C "$repo" config user.email bench@example.com
    git -C "$repo" repack -adq
  fi
  echo "$repo"
}

bench() { # name, then hyperfine arguments
  local name=$1; shift
  hyperfine --style basic --export-json "$results/$name.json" --export-markdown "$results/$name.md" "$@" >&2
}

if [[ -n ${GENERATE_ONLY:-} ]]; then
  for tier in $tiers; do for style in $styles; do generate "$tier" "$style" >/dev/null; done; done
  exit 0
fi

for tier in $tiers; do
  n=${runs[$tier]}
  # The binary's own start-up, the unit of the incremental target.
  bench "$tier-startup" -N --warmup 5 --runs 50 -n "roadmap --version" "$bin --version"
  for style in $styles; do
    repo=$(generate "$tier" "$style")
    # Full sync without the cache against git reading the same messages, in alternating rounds too.
    bench "$tier-$style-full" --warmup 1 --runs "$n" \
      -n "roadmap sync --dry-run --no-cache" "$bin -C $repo sync --dry-run --no-cache >/dev/null 2>&1" \
      -n "git log --format=%B" "git -C $repo log --format=%B >/dev/null"
    : > "$results/$tier-$style-full-rounds.txt"
    for round in $(seq 1 "$n"); do
      t0=$(date +%s%N); "$bin" -C "$repo" sync --dry-run --no-cache >/dev/null 2>&1; t1=$(date +%s%N)
      git -C "$repo" log --format=%B >/dev/null; t2=$(date +%s%N)
      echo "$((t1 - t0)) $((t2 - t1))" >> "$results/$tier-$style-full-rounds.txt"
    done
    # Incremental: the cache is warm, and each run sees exactly one new commit (hyperfine -N: no shell).
    "$bin" -C "$repo" sync --dry-run >/dev/null 2>&1
    bench "$tier-$style-incremental" -N --warmup 3 --runs 30 \
      --prepare "git -C $repo commit -q --allow-empty -m 'wip #streams'" \
      -n "roadmap sync --dry-run (cache warm, 1 new commit)" "$bin -C $repo sync --dry-run"
  done
  repo=$work/$tier-default
  /usr/bin/time -v "$bin" -C "$repo" sync --dry-run --no-cache >/dev/null 2>"$results/$tier-memory-roadmap.txt" || true
  /usr/bin/time -v git -C "$repo" log --format=%B >/dev/null 2>"$results/$tier-memory-git.txt"

  # The hook's added time per commit, the amend included: commits with and without the hook in
  # alternating rounds, so that the host's drifts hit a round's three alike.
  hooked=$work/$tier-hooked
  rm -rf "$hooked" && git clone -q --no-local "$repo" "$hooked"
  git -C "$hooked" config user.name "Bench Learner" && git -C "$hooked" config user.email bench@example.com
  # An item of the bench's own, which no folder mentions, toggled by the amend case: one more overview row.
  sed -i 's/^| Phase 11 |.*$/&\n| Phase 12 | Bench | • Toggle Item | ⏳ Not Started | 1 |/' "$hooked/README.md"
  (cd "$hooked" && "$bin" sync >/dev/null 2>&1; git commit -qam "docs(roadmap): sync" || true
   PATH="$(dirname "$bin"):$PATH" "$bin" hook install >/dev/null)
  printf 'chore: nothing to track\n' > "$work/msg-quiet"
  state=$work/$tier-toggle-state
  rm -f "$state"
  : > "$results/$tier-hook-rounds.txt"
  for round in $(seq 1 30); do
    if [[ -f $state ]]; then rm "$state"; echo "reopen #toggle-item" > "$work/msg-toggle"
    else : > "$state"; echo "finished #toggle-item" > "$work/msg-toggle"; fi
    sleep 0.3
    t0=$(date +%s%N); git -C "$hooked" -c core.hooksPath=/nonexistent commit -q --allow-empty -F "$work/msg-quiet"; t1=$(date +%s%N)
    sleep 0.3
    t2=$(date +%s%N); PATH="$(dirname "$bin"):$PATH" git -C "$hooked" commit -q --allow-empty -F "$work/msg-quiet" 2>/dev/null; t3=$(date +%s%N)
    sleep 0.3
    t4=$(date +%s%N); PATH="$(dirname "$bin"):$PATH" git -C "$hooked" commit -q --allow-empty -F "$work/msg-toggle" 2>/dev/null; t5=$(date +%s%N)
    echo "$((t1 - t0)) $((t3 - t2)) $((t5 - t4))" >> "$results/$tier-hook-rounds.txt"
  done
  # The hook did its work: the last commit holds the toggled item and leaves nothing to commit.
  if ! git -C "$hooked" show HEAD:README.md | grep -q "Toggle Item" || [[ -n $(git -C "$hooked" status --porcelain) ]]; then
    echo "the hook did not amend as expected (git status: $(git -C "$hooked" status --porcelain))" >&2
    exit 1
  fi
  # Where the time goes, for the notes: a traced hook run that amends, an incremental and a full sync.
  echo "finished #toggle-item" > "$work/msg-toggle"; [[ -f $state ]] && echo "reopen #toggle-item" > "$work/msg-toggle"
  git -C "$hooked" -c core.hooksPath=/nonexistent commit -q --allow-empty -F "$work/msg-toggle"
  (cd "$hooked" && ROADMAP_TRACE=1 PATH="$(dirname "$bin"):$PATH" "$bin" hook run 2> "$results/$tier-trace-hook.txt") || true
  git -C "$repo" commit -q --allow-empty -m 'wip #streams'
  ROADMAP_TRACE=1 "$bin" -C "$repo" sync --dry-run 2> "$results/$tier-trace-sync.txt" >/dev/null || true
  ROADMAP_TRACE=1 "$bin" -C "$repo" sync --dry-run --no-cache 2> "$results/$tier-trace-full.txt" >/dev/null || true
done

# The document and cohort sections (document.sh, cohort.sh) are carried over as they are.
previous=$(mktemp)
cp BENCHMARKS.md "$previous" 2>/dev/null || true
python3 Benchmarks/report.py "$results" "$tiers" "$styles" > BENCHMARKS.md
python3 Benchmarks/sections.py carry "$previous"
rm -f "$previous"
echo "wrote BENCHMARKS.md" >&2
