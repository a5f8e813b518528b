#!/usr/bin/env bash
# Installs what building and testing roadmap needs and a fresh machine lacks: libgit2's headers and
# pkg-config, cmark-gfm, and rsvg-convert, with apt-get (Debian, Ubuntu) or brew (macOS, Linuxbrew); elsewhere
# it names what to install. Safe to run again: it installs nothing that is already there.
set -euo pipefail

missing=()
pkg-config --version >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libgit2 2>/dev/null; then missing+=(libgit2-dev); fi
# GitHub's Markdown parser, which reads the tracker's block structure (the extensions library has no .pc file).
if ! pkg-config --exists libcmark-gfm 2>/dev/null; then missing+=(libcmark-gfm-dev); fi
includes=$(pkg-config --variable=includedir libcmark-gfm 2>/dev/null || echo /usr/include)
[[ -e ${includes:-/usr/include}/cmark-gfm-core-extensions.h ]] || missing+=(libcmark-gfm-extensions-dev)
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
  if command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing ${missing[*]}" >&2
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v brew >/dev/null 2>&1; then
    # Homebrew names: one formula carries each library with its headers and tools.
    formulas=()
    for package in "${missing[@]}"; do
      case $package in
        libgit2-dev) formulas+=(libgit2) ;;
        libcmark-gfm-dev | libcmark-gfm-extensions-dev | cmark-gfm) formulas+=(cmark-gfm) ;;
        librsvg2-bin) formulas+=(librsvg) ;;
        python3-venv) ;;
        *) formulas+=("$package") ;;
      esac
    done
    if ((${#formulas[@]})); then
      formulas=($(printf '%s\n' "${formulas[@]}" | sort -u))
      echo "bootstrap: brew install ${formulas[*]}" >&2
      brew install "${formulas[@]}"
    fi
  else
    echo "bootstrap: missing ${missing[*]} (Debian package names), and neither apt-get nor brew is here to install them;" \
      "install libgit2 (1.5 or later) with its headers, cmark-gfm with its extensions, pkg-config, git, python3 and rsvg-convert" \
      "with your system's package manager, then run make again" >&2
    exit 1
  fi
fi

command -v swift >/dev/null 2>&1 || {
  echo "bootstrap: swift is not on PATH; install Swift 6 from swift.org first" >&2
  exit 1
}
