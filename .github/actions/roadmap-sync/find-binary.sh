#!/usr/bin/env bash
# Finds the roadmap binary: the input, then PATH, then a release build of the action's own checkout.
set -euo pipefail
bin=${INPUT_ROADMAP_BINARY:-}
if [[ -z $bin ]]; then bin=$(command -v roadmap || true); fi
if [[ -z $bin ]]; then
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
  if ! pkg-config --exists libgit2 2>/dev/null; then
    sudo apt-get update -qq && sudo apt-get install -y -qq libgit2-dev pkg-config
  fi
  swift build -c release --static-swift-stdlib --product roadmap --package-path "$root" >&2
  bin="$root/.build/release/roadmap"
fi
[[ -x $bin ]] || { echo "::error title=roadmap::no roadmap binary at $bin"; exit 1; }
echo "path=$bin" >> "$GITHUB_OUTPUT"
