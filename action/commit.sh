#!/usr/bin/env bash
# Commits the synced tracker, and the badge and chart when .roadmap.yml names them (and the status JSON with
# status-json: commit), as the bot.
#   mode commit:        pushes it to the branch that ran the workflow; `[skip ci]` in the message keeps it
#                       from triggering another run. A push raced by another one is rebased and retried; a
#                       protected branch is said so at once, pointing to mode: pull-request.
#   mode pull-request:  pushes it to one branch of its own (force, so the branch is always one commit on top
#                       of the base) and opens a pull request for it, or leaves the open one to show it.
set -euo pipefail
: "${ROADMAP_FILE:?}" "${GITHUB_OUTPUT:?}"
base=${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}
git config user.name "${INPUT_GIT_USER_NAME:-github-actions[bot]}"
git config user.email "${INPUT_GIT_USER_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
paths=("$ROADMAP_FILE")
for picture in "${ROADMAP_BADGE:-}" "${ROADMAP_CHART:-}" "${ROADMAP_STATUS_JSON:-}"; do
  [[ -n $picture && -e $picture ]] && paths+=("$picture")
done
git add -- "${paths[@]}"
if git diff --cached --quiet -- "${paths[@]}"; then
  echo "roadmap: ${paths[*]} unchanged; nothing to commit"
  exit 0
fi
message=${INPUT_COMMIT_MESSAGE:-docs(roadmap): sync progress [skip ci]}
git commit -q -m "$message" -- "${paths[@]}"

if [[ ${INPUT_MODE:-commit} == pull-request ]]; then
  branch=${INPUT_BRANCH:-roadmap/sync}
  git push -q --force origin "HEAD:refs/heads/$branch"
  echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
  exec bash "$(dirname "${BASH_SOURCE[0]}")/pull-request.sh" "$branch" "$base" "$message"
fi

for attempt in 1 2 3; do
  if push=$(git push -q origin "HEAD:$base" 2>&1); then
    echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
    exit 0
  fi
  echo "$push" >&2
  # GitHub refuses a protected branch with GH006 ("Protected branch update failed"); retrying cannot help.
  if grep -qi -e 'GH006' -e 'protected branch' <<<"$push"; then
    echo "::error title=roadmap::the branch $base is protected and refused the bot's push; use mode: pull-request to propose the tracker change as a pull request instead"
    exit 1
  fi
  echo "roadmap: push rejected (attempt $attempt); rebasing on the remote and retrying" >&2
  git pull -q --rebase origin "$base"
done
echo "::error title=roadmap::could not push the tracker after 3 attempts"
exit 1
