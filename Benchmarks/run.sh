#!/usr/bin/env bash
# make bench: measures roadmap against git itself on synthetic repositories and writes BENCHMARKS.md.
#   Benchmarks/run.sh [COMMITS] [FILES]      (defaults: 200000 commits, 100000 files)
# Repositories are generated once with git fast-import (Benchmarks/generate.py) under Benchmarks/work/.
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-200000}
files=${2:-100000}
runs=${RUNS:-10}
ROADMAP_BOOTSTRAP_EXTRAS="hyperfine" bash Scripts/bootstrap.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
swift build -c release --static-swift-stdlib --product roadmap >&2
bin=$PWD/.build/release/roadmap
work=$PWD/Benchmarks/work
results=$work/results
mkdir -p "$work" "$results"
seed=Tests/RoadmapKitTests/Fixtures/seed-clean.md

generate() { # name commits files
  local repo=$work/$1
  if [[ ! -d $repo/.git ]]; then
    echo "generating $1 ($2 commits, $3 files)…" >&2
    git init -q -b main "$repo"
    python3 Benchmarks/generate.py "$2" "$3" "$seed" | git -C "$repo" fast-import --quiet
    git -C "$repo" checkout -q main
    git -C "$repo" config user.name "Bench Learner"
    git -C "$repo" config user.email bench@example.com
    git -C "$repo" repack -adq
  fi
  echo "$repo"
}

big=$(generate "repo-$commits" "$commits" "$files")
tree=$(generate "tree-$files" 1 "$files")
# One commit whose message is 20 MB (and one of 10 MB, to see the cost double), evidence on its last line.
message_repository() { # name megabytes
  local repo=$work/$1
  if [[ ! -d $repo/.git ]]; then
    git init -q -b main "$repo"
    cp "$seed" "$repo/README.md"
    python3 -c "
import sys
line = 'lorem ipsum dolor sit amet, consectetur adipiscing elit #12 https://example.test/#frag\n'
sys.stdout.write('big import\n\n' + line * ($2_000_000 // len(line)) + 'Roadmap: done p1/streams\n')" > "$work/$1.txt"
    git -C "$repo" add README.md
    git -C "$repo" -c user.name=B -c user.email=b@example.com commit -q --cleanup=verbatim -F "$work/$1.txt"
  fi
  echo "$repo"
}
huge=$(message_repository huge-message 20)
half=$(message_repository half-message 10)

bench() { # name, then hyperfine arguments
  local name=$1; shift
  hyperfine --style basic --export-json "$results/$name.json" --export-markdown "$results/$name.md" "$@" >&2
}

# 1. Full sync without the cache vs git reading the same messages.
bench full --warmup 1 --runs "$runs" \
  -n "roadmap sync --dry-run --no-cache" "$bin -C $big sync --dry-run --no-cache --file README.md >/dev/null 2>&1" \
  -n "git log --format=%B" "git -C $big log --format=%B >/dev/null"
# 1b. The same pair in alternating rounds, so that a burst of noise from the host hits both alike.
: > "$results/full-interleaved.txt"
for round in $(seq 1 "$runs"); do
  t0=$(date +%s%N); "$bin" -C "$big" sync --dry-run --no-cache >/dev/null 2>&1; t1=$(date +%s%N)
  git -C "$big" log --format=%B >/dev/null; t2=$(date +%s%N)
  echo "$((t1 - t0)) $((t2 - t1))" >> "$results/full-interleaved.txt"
done
# 1c. The same history fully repacked (git repack -adf, as git gc --aggressive or a hosting server does):
# fast-import stores each tree as a delta on the version before it, which no repacked repository does.
repacked=$work/repo-$commits-repacked
if [[ ! -d $repacked/.git ]]; then
  echo "repacking a copy of repo-$commits…" >&2
  cp -r "$big" "$repacked" && git -C "$repacked" repack -adfq
fi
bench full-repacked --warmup 1 --runs "$runs" \
  -n "roadmap sync --dry-run --no-cache" "$bin -C $repacked sync --dry-run --no-cache >/dev/null 2>&1" \
  -n "git log --format=%B" "git -C $repacked log --format=%B >/dev/null"
# 2. The tree pass: one commit, FILES paths.
bench tree --warmup 2 --runs "$runs" \
  -n "roadmap sync --dry-run --no-cache (1 commit, $files files)" "$bin -C $tree sync --dry-run --no-cache >/dev/null 2>&1" \
  -n "git ls-tree -r --name-only HEAD" "git -C $tree ls-tree -r --name-only HEAD >/dev/null"
# 3. Incremental: the cache is warm, and each run sees exactly one new commit.
"$bin" -C "$big" sync --dry-run >/dev/null 2>&1
# Run without a shell (-N; hyperfine discards the output itself): a shell's start-up is not roadmap's.
bench incremental -N --warmup 3 --runs 60 \
  --prepare "git -C $big commit -q --allow-empty -m 'wip #streams'" \
  -n "roadmap sync --dry-run (cache warm, 1 new commit)" "$bin -C $big sync --dry-run"
# 4. The hook's added time per commit on the big repository (amend included).
hooked=$work/hooked
rm -rf "$hooked" && git clone -q --no-local "$big" "$hooked"
git -C "$hooked" config user.name "Bench Learner" && git -C "$hooked" config user.email bench@example.com
# The generated history finishes every item (DONE markers in the tree win over a reopen), so the amend case
# toggles an item of its own, which no folder mentions: one more overview row.
sed -i 's/^| Phase 11 |.*$/&\n| Phase 12 | Bench | • Toggle Item | ⏳ Not Started | 1 |/' "$hooked/README.md"
(cd "$hooked" && "$bin" sync >/dev/null 2>&1; git commit -qam "docs(roadmap): sync" || true; PATH="$(dirname "$bin"):$PATH" "$bin" hook install >/dev/null)
# All three cases run the same command, `git commit -F FILE`; the amend case's message (finished or reopen
# the bench's item, in turn) is chosen before each run, untimed (hyperfine --prepare).
printf 'chore: nothing to track\n' > "$work/msg-quiet"
cat > "$work/toggle-message.sh" <<'SH'
#!/bin/sh
work=${0%/*}
if [ -f "$work/toggle-state" ]; then rm "$work/toggle-state"; echo "reopen #toggle-item" > "$work/msg-toggle"
else : > "$work/toggle-state"; echo "finished #toggle-item" > "$work/msg-toggle"; fi
SH
printf '#!/bin/sh\nsleep 0.5\nexec "${0%%/*}/toggle-message.sh"\n' > "$work/settle-toggle.sh"
chmod +x "$work/toggle-message.sh" "$work/settle-toggle.sh"
plain="git -C $hooked -c core.hooksPath=/nonexistent commit -q --allow-empty -F $work/msg-quiet"
same="git -C $hooked commit -q --allow-empty -F $work/msg-quiet"
amend="git -C $hooked commit -q --allow-empty -F $work/msg-toggle"
# As a learner commits: each run half a second after the one before (untimed), as for all three rows, so
# that what the last commit left the kernel to do (writing its index back to disk, freeing the one it
# replaced) is done, as it is seconds later.
PATH="$(dirname "$bin"):$PATH" bench hook -N --warmup 3 --runs 30 --prepare "sleep 0.5" --prepare "sleep 0.5" --prepare "$work/settle-toggle.sh" \
  -n "git commit, no hook" "$plain" -n "git commit + hook, tracker unchanged" "$same" -n "git commit + hook, tracker amended" "$amend"
# 4a. The same back to back, as a script committing in a loop would: each run starts while the kernel is
# still busy with the last one's index.
PATH="$(dirname "$bin"):$PATH" bench hook-back-to-back -N --warmup 3 --runs 30 --prepare true --prepare true --prepare "$work/toggle-message.sh" \
  -n "git commit, no hook" "$plain" -n "git commit + hook, tracker unchanged" "$same" -n "git commit + hook, tracker amended" "$amend"
# 4b. The same three in alternating rounds: a burst of noise from the host hits a round's three alike, and
# the added times are the rounds' differences.
: > "$results/hook-interleaved.txt"
for round in $(seq 1 30); do
  "$work/toggle-message.sh"
  t0=$(date +%s%N); $plain; t1=$(date +%s%N)
  PATH="$(dirname "$bin"):$PATH" $same 2>/dev/null; t2=$(date +%s%N)
  PATH="$(dirname "$bin"):$PATH" $amend 2>/dev/null; t3=$(date +%s%N)
  echo "$((t1 - t0)) $((t2 - t1)) $((t3 - t2))" >> "$results/hook-interleaved.txt"
done
# The hook did its work: the last commit holds the toggled item and leaves nothing to commit.
last=$(git -C "$hooked" log -1 --format=%s)
if ! git -C "$hooked" show HEAD:README.md | grep -q "Toggle Item" || [[ -n $(git -C "$hooked" status --porcelain) ]] \
   || ! grep -qx "$last" "$work/msg-toggle"; then
  echo "the hook did not amend as expected (last commit: $last; git status: $(git -C "$hooked" status --porcelain))" >&2
  exit 1
fi
# 5. A 20 MB message: the grammar vs reading it.
bench huge --warmup 1 --runs "$runs" \
  -n "roadmap sync --dry-run --no-cache (one 20 MB message)" "$bin -C $huge sync --dry-run --no-cache >/dev/null 2>&1" \
  -n "git log --format=%B (one 20 MB message)" "git -C $huge log --format=%B >/dev/null" \
  -n "roadmap sync --dry-run --no-cache (one 10 MB message)" "$bin -C $half sync --dry-run --no-cache >/dev/null 2>&1" \
  -n "git log --format=%B (one 10 MB message)" "git -C $half log --format=%B >/dev/null"
# 6. Peak memory.
/usr/bin/time -v "$bin" -C "$big" sync --dry-run --no-cache >/dev/null 2>"$results/memory-roadmap.txt" || true
/usr/bin/time -v "$bin" -C "$repacked" sync --dry-run --no-cache >/dev/null 2>"$results/memory-roadmap-repacked.txt" || true
/usr/bin/time -v git -C "$big" log --format=%B >/dev/null 2>"$results/memory-git.txt"

python3 Benchmarks/report.py "$results" "$commits" "$files" > BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
