#!/usr/bin/env bash
# Runs `roadmap sync` (GITHUB_ACTIONS=true makes it write the step outputs, the job summary and annotations).
set -euo pipefail
: "${ROADMAP_BIN:?}" "${GITHUB_OUTPUT:?}"
args=(sync)
[[ -n ${INPUT_FILE:-} ]] && args+=(--file "$INPUT_FILE")
case ${INPUT_MODE:-commit} in
  commit) ;;
  check) args+=(--check) ;;
  dry-run) args+=(--dry-run) ;;
  *) echo "::error title=roadmap::mode must be commit, check or dry-run, not ${INPUT_MODE}"; exit 2 ;;
esac
export GITHUB_ACTIONS=true
# sync appends changed, written, done, total, percent and file (the tracker it wrote) to $GITHUB_OUTPUT.
"$ROADMAP_BIN" "${args[@]}"
