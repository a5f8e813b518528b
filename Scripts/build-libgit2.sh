#!/usr/bin/env bash
# Builds a static libgit2 without network transports into .build-libgit2/ for the release binary:
# roadmap only reads local repositories, so HTTPS, SSH, GSSAPI and NTLM are off, and the library needs
# nothing beyond zlib and the C library (distribution builds also pull in mbedTLS or OpenSSL, libssh2 and
# Kerberos, which have no static archives on Debian).
#   Scripts/build-libgit2.sh            prints the folder holding lib/libgit2.a and include/
# The source: $LIBGIT2_SOURCE if set (the release workflow checks out libgit2's v1.5.1 tag there on macOS);
# else Debian's source package (apt-get source: the same 1.5.1 the development builds link).
set -euo pipefail
cd "$(dirname "$0")/.."
version=1.5.1
out=$PWD/.build-libgit2
prefix=$out/prefix
[[ -f $prefix/lib/libgit2.a ]] && { echo "$prefix"; exit 0; }
mkdir -p "$out"

source_dir=${LIBGIT2_SOURCE:-}
if [[ -z $source_dir ]]; then
  if command -v apt-get >/dev/null 2>&1; then
    # Debian's source package needs a deb-src entry; the one added here names the same suite as the system's.
    if ! apt-get source --download-only --print-uris "libgit2=$version*" >/dev/null 2>&1; then
      sudo=""
      [[ $(id -u) -eq 0 ]] || sudo=sudo
      codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
      printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$codename" | $sudo tee /etc/apt/sources.list.d/roadmap-libgit2-src.sources >/dev/null
      $sudo apt-get update -qq
    fi
    (cd "$out" && apt-get source --download-only -qq "libgit2=$version*" >/dev/null 2>&1 || apt-get source --download-only -qq libgit2 >/dev/null)
    tarball=$(ls "$out"/libgit2_*.orig.tar.* | head -1)
  else
    echo "build-libgit2: set LIBGIT2_SOURCE to a checkout of libgit2 v$version (git clone -b v$version https://github.com/libgit2/libgit2)" >&2
    exit 1
  fi
  rm -rf "$out/src" && mkdir -p "$out/src"
  tar -xf "$tarball" -C "$out/src" --strip-components 1
  source_dir=$out/src
fi

# Debian's source has no bundled deps/: http-parser comes from the system there (a static archive).
http_parser=builtin
[[ -d $source_dir/deps/http-parser ]] || http_parser=system
cmake -S "$source_dir" -B "$out/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
  -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF -DBUILD_TESTS=OFF -DBUILD_CLI=OFF \
  -DUSE_HTTPS=OFF -DUSE_SSH=OFF -DUSE_GSSAPI=OFF -DUSE_NTLMCLIENT=OFF -DUSE_ICONV=OFF \
  -DUSE_SHA1=CollisionDetection -DUSE_SHA256=Builtin -DREGEX_BACKEND=regcomp -DUSE_HTTP_PARSER=$http_parser \
  >"$out/cmake.log" 2>&1 || { tail -20 "$out/cmake.log" >&2; exit 1; }
cmake --build "$out/build" --parallel "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)" >"$out/build.log" 2>&1 || { tail -20 "$out/build.log" >&2; exit 1; }
cmake --install "$out/build" >/dev/null
[[ -d $prefix/lib ]] || ln -s lib64 "$prefix/lib"
echo "$prefix"
