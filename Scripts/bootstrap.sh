#!/usr/bin/env bash
# Installs what building and testing roadmap needs and a fresh machine lacks: libgit2's headers and
# pkg-config, cmark-gfm, and rsvg-convert (Debian packages). Safe to run again: it installs nothing that is already there.
set -euo pipefail

missing=()
pkg-config --version >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libgit2 2>/dev/null; then missing+=(libgit2-dev); fi
# GitHub's Markdown parser, which reads the tracker's block structure (the extensions library has no .pc file).
if ! pkg-config --exists libcmark-gfm 2>/dev/null; then missing+=(libcmark-gfm-dev); fi
[[ -e /usr/include/cmark-gfm-core-extensions.h ]] || missing+=(libcmark-gfm-extensions-dev)
# The differential tests compare the engine with the parser's own command-line renderer.
command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
command -v git >/dev/null 2>&1 || missing+=(git)
# The picture tests render the badge and chart to PNG with a real SVG renderer.
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
# Scripts/validate-workflows.sh makes a virtualenv; Debian's own python3 needs python3-venv for that.
python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)
if [[ ${ROADMAP_BOOTSTRAP_EXTRAS:-} != "" ]]; then
  for tool in ${ROADMAP_BOOTSTRAP_EXTRAS}; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
fi

if ((${#missing[@]})); then
  echo "bootstrap: installing ${missing[*]}" >&2
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

command -v swift >/dev/null 2>&1 || {
  echo "bootstrap: swift is not on PATH; install Swift 6 from swift.org first" >&2
  exit 1
}
