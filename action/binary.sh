#!/usr/bin/env bash
# Puts the roadmap binary in place, in two steps around the action's cache step:
#   binary.sh resolve   the version to use and the tool-cache folder it lives in ($GITHUB_OUTPUT: version, dir)
#   binary.sh install   the `roadmap-binary` input as given; else the release binary for the runner's OS and
#                       CPU in that folder, downloaded and checked by Scripts/install.sh unless the cache
#                       restored it; else, with `build: true` only, a build of the action's own checkout
#                       ($GITHUB_OUTPUT: path)
set -euo pipefail
: "${GITHUB_OUTPUT:?}"
action=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=${ROADMAP_REPO:-roadmap-cli/roadmap}

case ${1:?usage: binary.sh resolve|install} in
resolve)
  version=${INPUT_VERSION:-}
  # `uses: …@v1.2.0` pins that release's binary; `@v1`, `@main` or a commit take the latest release.
  if [[ -z $version && ${ACTION_REF:-} =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then version=$ACTION_REF; fi
  if [[ -z $version || $version == latest ]]; then
    if [[ -n ${ROADMAP_RELEASE_URL:-} ]]; then
      version=latest
    else
      # GitHub answers /releases/latest with a redirect to the newest release's tag.
      url=$(curl -fsSLI -o /dev/null -w '%{url_effective}' "https://github.com/$repo/releases/latest") ||
        { echo "::error title=roadmap::could not ask github.com/$repo for its latest release"; exit 1; }
      [[ $url == */releases/tag/* ]] ||
        { echo "::error title=roadmap::github.com/$repo has no release yet; set build: true to build roadmap from source"; exit 1; }
      version=${url##*/}
    fi
  fi
  version=${version#v}
  { echo "version=$version"; echo "dir=${RUNNER_TOOL_CACHE:-$HOME/.cache}/roadmap/$version"; } >> "$GITHUB_OUTPUT"
  ;;
install)
  if [[ -n ${INPUT_ROADMAP_BINARY:-} ]]; then
    [[ -x $INPUT_ROADMAP_BINARY ]] || { echo "::error title=roadmap::roadmap-binary $INPUT_ROADMAP_BINARY is not an executable file"; exit 1; }
    echo "path=$INPUT_ROADMAP_BINARY" >> "$GITHUB_OUTPUT"
    exit 0
  fi
  if [[ ${INPUT_BUILD:-false} == true ]]; then
    bash "$action/Scripts/bootstrap.sh" >&2
    swift build -c release --static-swift-stdlib --product roadmap --package-path "$action" >&2
    echo "path=$action/.build/release/roadmap" >> "$GITHUB_OUTPUT"
    exit 0
  fi
  : "${ROADMAP_VERSION:?}" "${ROADMAP_TOOL_DIR:?}"
  if [[ ! -x $ROADMAP_TOOL_DIR/bin/roadmap ]]; then
    [[ $ROADMAP_VERSION == latest ]] && unset ROADMAP_VERSION
    PREFIX=$ROADMAP_TOOL_DIR bash "$action/Scripts/install.sh" >&2 || {
      echo "::error title=roadmap::could not install the roadmap release binary (set build: true to build it from source instead)"
      exit 1
    }
  fi
  echo "path=$ROADMAP_TOOL_DIR/bin/roadmap" >> "$GITHUB_OUTPUT"
  ;;
*) echo "usage: binary.sh resolve|install" >&2; exit 2 ;;
esac
