#!/usr/bin/env bash
# Checks a release archive the way a user's machine meets it:
#   Scripts/release-check.sh dist/roadmap-linux-x86_64.tar.gz
# 1. `readelf -d` names only the C library's own shared objects (libc, libm, the dynamic loader);
# 2. `roadmap demo`, `roadmap sync` and `roadmap status` run in a root that holds nothing but the C library,
#    git (for the commits), /bin/sh and the binary: no Swift, no libgit2, no cmark-gfm, no zlib of the
#    system's. The root is a folder and chroot (or, without root, a user namespace's chroot).
set -euo pipefail
archive=${1:?usage: Scripts/release-check.sh ARCHIVE}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$archive" -C "$work"
binary=$work/bin/roadmap

if [[ $(uname -s) == Darwin ]]; then
  # macOS: every library the binary loads is the system's own (/usr/lib, /System), none of Homebrew's.
  foreign=$(otool -L "$binary" | tail -n +2 | awk '{print $1}' | grep -v -e '^/usr/lib/' -e '^/System/Library/' || true)
  [[ -z $foreign ]] || { echo "release-check: $archive loads $foreign, which macOS does not ship" >&2; exit 1; }
  "$binary" --version
  (cd "$work" && "$binary" demo --under "$work" >/dev/null)
  echo "release-check: loads only the system's libraries; demo ran"
  exit 0
fi
needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
for library in $needed; do
  case $library in
    libc.so.* | libm.so.* | ld-linux*.so.* | libpthread.so.* | libdl.so.* | librt.so.*) ;;
    *) echo "release-check: $archive needs $library, which is not the C library's" >&2; exit 1 ;;
  esac
done
echo "release-check: shared objects: $(echo $needed)"

root=$work/root
mkdir -p "$root/bin" "$root/tmp" "$root/etc"
copy() { # a file, with the folders above it, into the root
  mkdir -p "$root$(dirname "$1")"
  cp -L "$1" "$root$1"
}
# git and /bin/sh (for git's own helpers) with exactly the libraries they load: the binary gets none of its own.
for program in "$(command -v git)" /bin/sh; do
  copy "$program"
  for library in $(ldd "$program" | grep -o '/[^ ]*'); do copy "$library"; done
done
for library in $(ldd "$binary" | grep -o '/[^ ]*'); do [[ -e $root$library ]] || copy "$library"; done
cp "$binary" "$root/bin/roadmap"
echo "root:x:0:0:root:/tmp:/bin/sh" > "$root/etc/passwd"
if find "$root" -name 'libgit2*' -o -name 'libswift*' -o -name 'libcmark*' -o -name 'libFoundation*' | grep -q .; then
  echo "release-check: the test root holds a library the binary must not need" >&2
  exit 1
fi

in_root() {
  # The host's chroot (or unshare) starts the command with this environment and nothing else.
  local environment=(env -i HOME=/tmp PATH=/bin:/usr/bin GIT_AUTHOR_NAME=Check GIT_AUTHOR_EMAIL=check@example.com
    GIT_COMMITTER_NAME=Check GIT_COMMITTER_EMAIL=check@example.com GIT_CONFIG_NOSYSTEM=1)
  # A mount namespace of its own gives the root /proc and /dev, as every machine has, and takes them away
  # again when the command ends; without root, a user namespace grants the same.
  local user=()
  [[ $(id -u) -eq 0 ]] || user=(--map-root-user)
  "${environment[@]}" "$(command -v unshare)" "${user[@]}" --mount --pid --fork "$(command -v bash)" -c '
    mount=$1 chroot=$2 root=$3; shift 3
    mkdir -p "$root/proc" "$root/dev"
    "$mount" -t proc proc "$root/proc" && "$mount" --rbind /dev "$root/dev" && exec "$chroot" "$root" "$@"
  ' in-root "$(command -v mount)" "$(command -v chroot)" "$root" "$@"
}
version=$(in_root /bin/roadmap --version)
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "release-check: --version says '$version', not a release's version" >&2; exit 1; }
echo "release-check: roadmap $version"
in_root /bin/roadmap demo --under /tmp >/dev/null
repo=/tmp/learner
in_root "$(command -v git)" init -q -b main "$repo"
in_root /bin/sh -c "cd $repo && /bin/roadmap init >/dev/null && $(command -v git) add -A && $(command -v git) commit -qm 'Roadmap: done p1/event-loop' && /bin/roadmap sync && /bin/roadmap status >/dev/null"
grep -q "✅ Event Loop" "$root$repo/README.md" || { echo "release-check: sync in the bare root did not mark p1/event-loop done" >&2; exit 1; }
echo "release-check: demo, init, sync and status ran in a root with only the C library and git"
