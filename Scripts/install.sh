#!/bin/sh
# Installs the roadmap release binary for this machine:
#   curl -fsSL https://raw.githubusercontent.com/roadmap-cli/roadmap/main/Scripts/install.sh | sh
# Picks the archive for the OS and CPU (Linux x86_64/arm64, macOS arm64), checks it against the release's
# SHA256SUMS, and installs bin/roadmap and its man page under PREFIX (default ~/.local). Nothing is
# installed unless the checksum matches.
#   ROADMAP_VERSION=1.2.0   a release other than the latest
#   PREFIX=/opt/roadmap     somewhere other than ~/.local
#   ROADMAP_RELEASE_URL=…   the folder holding the archives and SHA256SUMS (a mirror, or file:// in tests)
set -eu

repo=${ROADMAP_REPO:-roadmap-cli/roadmap}
prefix=${PREFIX:-$HOME/.local}
version=${ROADMAP_VERSION:-latest}

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

case $(uname -s) in
  Linux) os=linux ;;
  Darwin) os=macos ;;
  *) fail "no roadmap release is built for $(uname -s); build it from source instead: https://github.com/$repo#from-source" ;;
esac
case $(uname -m) in
  x86_64 | amd64) arch=x86_64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) fail "no roadmap release is built for $(uname -m) on $os; build it from source instead: https://github.com/$repo#from-source" ;;
esac
[ "$os-$arch" = macos-x86_64 ] && fail "no roadmap release is built for Intel Macs; use Homebrew (brew install --build-from-source) or build from source: https://github.com/$repo#from-source"

if [ -n "${ROADMAP_RELEASE_URL:-}" ]; then
  base=$ROADMAP_RELEASE_URL
elif [ "$version" = latest ]; then
  base=https://github.com/$repo/releases/latest/download
else
  base=https://github.com/$repo/releases/download/v${version#v}
fi
archive=roadmap-$os-$arch.tar.gz

fetch() { # url file
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL "$1" -o "$2" || fail "could not download $1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q "$1" -O "$2" || fail "could not download $1"
  else
    fail "neither curl nor wget is installed; install one of them and run this again"
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum >/dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  else
    fail "neither sha256sum nor shasum is installed, so the download cannot be checked"
  fi
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
fetch "$base/$archive" "$work/$archive"
fetch "$base/SHA256SUMS" "$work/SHA256SUMS"
expected=$(awk -v name="$archive" '$2 == name || $2 == "*" name { print $1 }' "$work/SHA256SUMS")
[ -n "$expected" ] || fail "SHA256SUMS at $base lists no $archive; nothing was installed"
actual=$(sha256 "$work/$archive")
[ "$expected" = "$actual" ] || fail "checksum mismatch for $archive (expected $expected, got $actual); nothing was installed"

mkdir -p "$work/unpacked"
tar -xzf "$work/$archive" -C "$work/unpacked"
[ -f "$work/unpacked/bin/roadmap" ] || fail "$archive holds no bin/roadmap; nothing was installed"
mkdir -p "$prefix/bin"
# Copied next to its target and renamed over it, so a running roadmap is never half overwritten.
cp "$work/unpacked/bin/roadmap" "$prefix/bin/.roadmap.new"
chmod 0755 "$prefix/bin/.roadmap.new"
mv -f "$prefix/bin/.roadmap.new" "$prefix/bin/roadmap"
if [ -d "$work/unpacked/share" ]; then
  mkdir -p "$prefix/share"
  cp -R "$work/unpacked/share/." "$prefix/share/"
fi

echo "installed $("$prefix/bin/roadmap" --version 2>/dev/null || echo roadmap) to $prefix/bin/roadmap"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "$prefix/bin is not on your PATH; add it, e.g.: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile" ;;
esac
