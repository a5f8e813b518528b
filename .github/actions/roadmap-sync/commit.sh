#!/usr/bin/env bash
# Commits the synced tracker as the bot and pushes it; `[skip ci]` in the message keeps it from
# triggering another run. A push raced by another one is rebased and retried.
set -euo pipefail
: "${ROADMAP_FILE:?}" "${GITHUB_OUTPUT:?}"
git config user.name "${INPUT_GIT_USER_NAME:-github-actions[bot]}"
git config user.email "${INPUT_GIT_USER_EMAIL:-41898282+github-actions[bot]@users.noreply.github.com}"
git add -- "$ROADMAP_FILE"
if git diff --cached --quiet -- "$ROADMAP_FILE"; then
  echo "roadmap: $ROADMAP_FILE unchanged; nothing to commit"
  exit 0
fi
git commit -q -m "${INPUT_COMMIT_MESSAGE:-docs(roadmap): sync progress [skip ci]}" -- "$ROADMAP_FILE"
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
