#!/usr/bin/env bash
# Runs `roadmap sync` (GITHUB_ACTIONS=true makes it write the step outputs, the job summary and annotations).
set -euo pipefail
: "${ROADMAP_BIN:?}" "${GITHUB_OUTPUT:?}"
args=(sync)
[[ -n ${INPUT_FILE:-} ]] && args+=(--file "$INPUT_FILE")
case ${INPUT_MODE:-commit} in
  commit | pull-request) ;;
  check) args+=(--check) ;;
  dry-run) args+=(--dry-run) ;;
  *) echo "::error title=roadmap::mode must be commit, pull-request, check or dry-run, not ${INPUT_MODE}"; exit 2 ;;
esac
# A shallow clone (actions/checkout's default) holds one commit: the evidence, and the chart's dates, are
# in the rest of the history, so it is fetched first.
if [[ $(git rev-parse --is-shallow-repository) == true ]]; then
  git fetch -q --unshallow origin || echo "::warning title=roadmap::could not fetch the full history (git fetch --unshallow); set fetch-depth: 0 on actions/checkout"
fi
# Typos are annotated once: only in commits since the bot's last sync commit, when there is one.
bot=$(git log -1 --format=%H --fixed-strings --author="${INPUT_GIT_USER_NAME:-github-actions[bot]}" 2>/dev/null || true)
if [[ -n $bot ]]; then
  export ROADMAP_ANNOTATE_COMMITS=${RUNNER_TEMP:-/tmp}/roadmap-new-commits-$$
  git rev-list "$bot..HEAD" > "$ROADMAP_ANNOTATE_COMMITS"
  trap 'rm -f "$ROADMAP_ANNOTATE_COMMITS"' EXIT
fi
export GITHUB_ACTIONS=true
# sync appends changed, written, done, total, percent and file (the tracker it wrote) to $GITHUB_OUTPUT.
"$ROADMAP_BIN" "${args[@]}"
