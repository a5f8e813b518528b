#!/usr/bin/env bash
# Writes the learner's status JSON (`roadmap status --json`, after the sync) for a mentor's `roadmap cohort`
# to merge: the map step of the class's map/reduce, run in each learner's own CI.
#   status-json: commit    at status-json-path (default .roadmap/status.json), committed with the tracker
#   status-json: artifact  under RUNNER_TEMP, for the next step to upload (the checkout stays clean)
set -euo pipefail
: "${ROADMAP_BIN:?}" "${GITHUB_OUTPUT:?}"
case ${INPUT_STATUS_JSON:-} in
  commit) path=${INPUT_STATUS_JSON_PATH:-.roadmap/status.json} ;;
  artifact) path=${RUNNER_TEMP:-/tmp}/roadmap-status/status.json ;;
  *) echo "::error title=roadmap::status-json must be commit or artifact, not ${INPUT_STATUS_JSON:-}"; exit 2 ;;
esac
args=(status --json)
[[ -n ${INPUT_FILE:-} ]] && args+=(--file "$INPUT_FILE")
mkdir -p "$(dirname "$path")"
# Written whole or not at all: a failed status leaves the last good file.
"$ROADMAP_BIN" "${args[@]}" > "$path.partial"
mv "$path.partial" "$path"
changed=true
if [[ $INPUT_STATUS_JSON == commit ]] && git cat-file -e "HEAD:$path" 2>/dev/null; then
  if git show "HEAD:$path" | cmp -s - "$path"; then changed=false; fi
fi
echo "path=$path" >> "$GITHUB_OUTPUT"
echo "changed=$changed" >> "$GITHUB_OUTPUT"
