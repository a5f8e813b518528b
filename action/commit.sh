#!/usr/bin/env bash
# Commits the synced tracker, and the badge and chart when .roadmap.yml names them, as the bot and pushes;
# `[skip ci]` in the message keeps it from triggering another run. A push raced by another one is rebased
# and retried.
set -euo pipefail
: "${ROADMAP_FILE:?}" "${GITHUB_OUTPUT:?}"
git config user.name "${INPUT_GIT_USER_NAME:-github-actions[bot]}"
git config user.email "${INPUT_GIT_USER_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
paths=("$ROADMAP_FILE")
for picture in "${ROADMAP_BADGE:-}" "${ROADMAP_CHART:-}"; do
  [[ -n $picture && -e $picture ]] && paths+=("$picture")
done
git add -- "${paths[@]}"
if git diff --cached --quiet -- "${paths[@]}"; then
  echo "roadmap: ${paths[*]} unchanged; nothing to commit"
  exit 0
fi
git commit -q -m "${INPUT_COMMIT_MESSAGE:-docs(roadmap): sync progress [skip ci]}" -- "${paths[@]}"
for attempt in 1 2 3; do
  if git push -q origin "HEAD:${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}"; then
    echo "commit=$(git rev-parse HEAD)" >> "$GITHUB_OUTPUT"
    exit 0
  fi
  echo "roadmap: push rejected (attempt $attempt); rebasing on the remote and retrying" >&2
  git pull -q --rebase origin "${GITHUB_REF_NAME:-$(git rev-parse --abbrev-ref HEAD)}"
done
echo "::error title=roadmap::could not push the tracker after 3 attempts"
exit 1
