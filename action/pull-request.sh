#!/usr/bin/env bash
# Opens the pull request for the bot's branch through GitHub's REST API, or finds the one already open
# (the push just updated it). Needs GITHUB_TOKEN with pull-requests: write, GITHUB_REPOSITORY, and
# GITHUB_API_URL (set on every runner; a stand-in server in the tests).
#   pull-request.sh BRANCH BASE TITLE
set -euo pipefail
branch=${1:?} base=${2:?} title=${3:?}
: "${GITHUB_TOKEN:?mode pull-request needs the token: with: github-token (default: github.token)}" "${GITHUB_REPOSITORY:?}" "${GITHUB_OUTPUT:?}"
api=${GITHUB_API_URL:-https://api.github.com}/repos/$GITHUB_REPOSITORY
owner=${GITHUB_REPOSITORY%%/*}
request() { # method url [body]
  local arguments=(-sS --fail-with-body -X "$1" -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json"
    -H "X-GitHub-Api-Version: 2022-11-28")
  [[ $# -ge 3 ]] && arguments+=(-H "Content-Type: application/json" --data "$3")
  curl "${arguments[@]}" "$2"
}
field() { python3 -c "import json,sys; d=json.load(sys.stdin); d=d[0] if isinstance(d,list) and d else d; print(d.get('$1','') if isinstance(d,dict) else '')"; }

open=$(request GET "$api/pulls?state=open&head=$owner:$branch&base=$base") ||
  { echo "::error title=roadmap::GitHub's API refused to list pull requests: $open"; exit 1; }
number=$(field number <<<"$open")
if [[ -n $number ]]; then
  url=$(field html_url <<<"$open")
  echo "roadmap: pull request #$number already open for $branch; the push updated it"
else
  body=$(python3 -c 'import json,sys; print(json.dumps({"title": sys.argv[1], "head": sys.argv[2], "base": sys.argv[3],
    "body": "The roadmap tracker, synced from the evidence in git by the roadmap action. Merge it to bring the tracker up to date; the next sync updates this pull request rather than opening another."}))' "$title" "$branch" "$base")
  created=$(request POST "$api/pulls" "$body") ||
    { echo "::error title=roadmap::GitHub's API refused to open the pull request (does the token have pull-requests: write?): $created"; exit 1; }
  number=$(field number <<<"$created")
  url=$(field html_url <<<"$created")
  echo "roadmap: opened pull request #$number for $branch"
fi
{ echo "pull-request=$number"; echo "pull-request-url=$url"; } >> "$GITHUB_OUTPUT"
