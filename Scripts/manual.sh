#!/usr/bin/env bash
# Writes roadmap.1, the man page, into FOLDER: generated from the command-line definitions by
# swift-argument-parser's generate-manual plugin, so it never disagrees with --help.
#   Scripts/manual.sh FOLDER
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:?usage: Scripts/manual.sh FOLDER}
mkdir -p "$folder"
folder=$(cd "$folder" && pwd)
swift package --scratch-path .build-man --allow-writing-to-directory "$folder" \
  generate-manual --output-directory "$folder" >/dev/null
[[ -s $folder/roadmap.1 ]] || { echo "manual: generate-manual wrote no roadmap.1" >&2; exit 1; }
echo "$folder/roadmap.1"
