#!/usr/bin/env bash
# The post-commit hook's cost per commit: `git commit` with and without the hook, measured by hyperfine
# on a synthetic repository (Benchmarks/generate.py) of COMMITS commits and FILES files.
#   Benchmarks/hook-cost.sh [COMMITS] [FILES]
set -euo pipefail
cd "$(dirname "$0")/.."
commits=${1:-2000}
files=${2:-1000}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 1; }
swift build -c release --static-swift-stdlib --product roadmap >&2
bin=$PWD/.build/release/roadmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_repo() {
  git init -q -b main "$1"
  python3 Benchmarks/generate.py "$commits" "$files" Tests/RoadmapKitTests/Fixtures/seed-clean.md | git -C "$1" fast-import --quiet
  git -C "$1" checkout -q main
  git -C "$1" config user.name "Bench Learner"
  git -C "$1" config user.email bench@example.com
  (cd "$1" && "$bin" sync >/dev/null 2>&1 && git add README.md && git commit -qm "docs(roadmap): sync progress")
}

make_repo "$work/plain"
make_repo "$work/hooked"
(cd "$work/hooked" && PATH="$(dirname "$bin"):$PATH" "$bin" hook install >/dev/null)

# A commit whose evidence changes the tracker every time (done, then reopen, then done…): the amend path.
cat > "$work/toggle.sh" <<'SH'
#!/bin/sh
if [ -f .toggle ]; then rm .toggle; msg="reopen #streams"; else touch .toggle; msg="finished #streams"; fi
exec git commit -q --allow-empty -m "$msg"
SH
chmod +x "$work/toggle.sh"

export PATH="$(dirname "$bin"):$PATH"
hyperfine --warmup 3 --runs 30 --export-markdown "$work/hook.md" \
  -n "git commit, no hook" "git -C $work/plain commit -q --allow-empty -m 'chore: nothing to track'" \
  -n "git commit + hook, tracker unchanged" "git -C $work/hooked commit -q --allow-empty -m 'chore: nothing to track'" \
  -n "git commit + hook, tracker amended" "cd $work/hooked && $work/toggle.sh"
cat "$work/hook.md"
