#!/usr/bin/env bash
# Validates the workflow and action files against GitHub's published schemas (check-jsonschema's
# vendored copies), in a virtualenv under .build-tools so nothing is installed system-wide.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-tools/venv
if [[ ! -x $venv/bin/check-jsonschema ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check check-jsonschema
fi
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml docs/examples/*.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions .github/actions/*/action.yml
