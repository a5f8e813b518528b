#!/usr/bin/env bash
# Validates the workflow and action files against GitHub's published schemas (check-jsonschema's
# vendored copies), with the tools Scripts/python-tools.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash Scripts/python-tools.sh
venv=.build-tools/venv
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-workflows .github/workflows/*.yml docs/examples/*.yml
"$venv/bin/check-jsonschema" --builtin-schema vendor.github-actions action.yml
# actionlint: expressions, runner labels, shell scripts in run: steps (through shellcheck when it is installed).
"$venv/bin/actionlint" .github/workflows/*.yml docs/examples/*.yml
