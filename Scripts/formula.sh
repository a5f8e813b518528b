#!/usr/bin/env bash
# Points Formula/roadmap.rb at a release: its version, archive URLs and their SHA-256 from SHA256SUMS.
#   Scripts/formula.sh v1.2.0 dist/SHA256SUMS     (rewrites Formula/roadmap.rb in place)
set -euo pipefail
cd "$(dirname "$0")/.."
tag=${1:?usage: Scripts/formula.sh TAG SHA256SUMS}
sums=${2:?usage: Scripts/formula.sh TAG SHA256SUMS}
version=${tag#v}
python3 - "$version" "$sums" "${FORMULA:-Formula/roadmap.rb}" <<'PY'
import re, sys
version, sums, path = sys.argv[1], sys.argv[2], sys.argv[3]
digests = {}
for line in open(sums):
    digest, name = line.split()
    digests[name.lstrip("*")] = digest
text = open(path).read()
text = re.sub(r'version "[^"]*"', f'version "{version}"', text, count=1)
text = re.sub(r'releases/download/v[^/]+/', f'releases/download/v{version}/', text)
def checksum(match):
    archive = match.group(2)
    if archive not in digests:
        sys.exit(f"formula: {sums} has no checksum for {archive}")
    return f'{match.group(1)}{digests[archive]}"'
text, count = re.subn(r'(url "[^"]*/(roadmap-[a-z0-9_-]+\.tar\.gz)"\n\s*sha256 ")[^"]*"', checksum, text)
if count != 3:
    sys.exit(f"formula: expected 3 archives in {path}, found {count}")
open(path, "w").write(text)
PY
echo "${FORMULA:-Formula/roadmap.rb}: roadmap $version"
