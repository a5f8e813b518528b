#!/usr/bin/env bash
# The Python tools the tests use, in a virtualenv under .build-tools so nothing is installed system-wide:
# check-jsonschema (workflow files against GitHub's schemas) and mdformat with its GFM plugin (the progress
# block survives a Markdown formatter). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-tools/venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
for tool in check-jsonschema mdformat; do
  [[ -x $venv/bin/$tool ]] && continue
  "$venv/bin/pip" install -q --disable-pip-version-check check-jsonschema mdformat mdformat-gfm
  break
done
"$venv/bin/python" -c 'import mdformat_gfm' 2>/dev/null || "$venv/bin/pip" install -q --disable-pip-version-check mdformat-gfm
