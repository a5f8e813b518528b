#!/usr/bin/env bash
# Builds the libFuzzer targets (address sanitizer) and runs each for SECONDS seconds on a working copy of
# the seed corpus. Prints executions and findings per target; exits 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scratch=.build-fuzz
found=0
for target in ${FUZZ_TARGETS:-document grammar}; do
  swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING \
    --product "roadmap-fuzz-$target" --scratch-path "$scratch" >&2
  corpus=$scratch/corpus/$target
  findings=$scratch/findings/$target
  mkdir -p "$corpus" "$findings"
  cp -n Fuzz/Corpus/"${target^}"/* "$corpus"/ 2>/dev/null || true
  # The document target also starts from every shape fixture the tests read.
  [[ $target != document ]] || cp -n Tests/RoadmapKitTests/Fixtures/shapes/*.md "$corpus"/
  log=$scratch/$target.log
  "$scratch/release/roadmap-fuzz-$target" "$corpus" -max_total_time="$seconds" -max_len=16384 \
    -artifact_prefix="$findings/" -print_final_stats=1 >"$log" 2>&1 || true
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  crashes=$(find "$findings" -type f | wc -l)
  echo "$target: $runs executions in ${seconds}s, $crashes finding(s) in $findings"
  ((crashes == 0)) || found=1
done
exit $found
