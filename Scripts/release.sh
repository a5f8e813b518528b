#!/usr/bin/env bash
# make release: the self-contained binary, as the release workflow builds it, into dist/:
#   dist/roadmap-<os>-<arch>.tar.gz (bin/roadmap, share/man/man1/roadmap.1) and dist/SHA256SUMS.
# Swift's runtime and libgit2 (built by Scripts/build-libgit2.sh without network transports), cmark-gfm
# and zlib are linked in statically, so the binary needs only the C library of the machine it runs on.
set -euo pipefail
cd "$(dirname "$0")/.."
case $(uname -s) in Linux) os=linux ;; Darwin) os=macos ;; *) echo "release: no release build for $(uname -s)" >&2; exit 1 ;; esac
case $(uname -m) in x86_64 | amd64) arch=x86_64 ;; aarch64 | arm64) arch=arm64 ;; *) echo "release: no release build for $(uname -m)" >&2; exit 1 ;; esac

# The version the binary prints is the source's (Sources/roadmap/BuildVersion.swift); a tag must name it.
number=$(sed -n 's/.*static let number = "\(.*\)".*/\1/p' Sources/roadmap/BuildVersion.swift)
if [[ -n ${ROADMAP_VERSION:-} && ${ROADMAP_VERSION#v} != "$number" ]]; then
  echo "release: the tag says ${ROADMAP_VERSION#v} but Sources/roadmap/BuildVersion.swift says $number; bump one of them" >&2
  exit 1
fi
command -v cmake >/dev/null 2>&1 || ROADMAP_BOOTSTRAP_EXTRAS=cmake bash Scripts/bootstrap.sh
libgit2=$(bash Scripts/build-libgit2.sh)
# pkg-config files that name only static archives: SwiftPM asks pkg-config how to link libgit2 and
# cmark-gfm, and a folder holding no shared object leaves the linker nothing else to pick.
static=$PWD/.build-libgit2/static
rm -rf "$static" && mkdir -p "$static/pkgconfig"
cp "$libgit2/lib/libgit2.a" "$static/"
if [[ $os == linux ]]; then
  # The C compiler the toolchain links with (clang in the swift images, gcc elsewhere) knows both paths.
  compiler=$(command -v clang || command -v gcc || command -v cc)
  libdir=/usr/lib/$("$compiler" -print-multiarch 2>/dev/null | grep . || echo "$(uname -m)-linux-gnu")
  for lib in cmark-gfm cmark-gfm-extensions http_parser z; do cp "$libdir/lib$lib.a" "$static/"; done
  # The Swift runtime's C++ library: its link line asks for -lstdc++, found here first.
  cp "$("$compiler" -print-file-name=libstdc++.a)" "$static/"
  cmark_include=/usr/include
  git2_extra="-lhttp_parser -lz"
else
  brew_prefix=$(brew --prefix cmark-gfm)
  for lib in cmark-gfm cmark-gfm-extensions; do cp "$brew_prefix/lib/lib$lib.a" "$static/"; done
  # macOS's own zlib, a shared library of the system like its C library.
  ln -sf "$(xcrun --show-sdk-path)/usr/lib/libz.tbd" "$static/libz.tbd"
  cmark_include=$brew_prefix/include
  git2_extra="-lz"
fi
cat > "$static/pkgconfig/libgit2.pc" <<PC
Name: libgit2
Description: libgit2 without network transports, static
Version: 1.5.1
Libs: -L$static -lgit2 $git2_extra
Cflags: -I$libgit2/include
PC
cat > "$static/pkgconfig/zlib.pc" <<PC
Name: zlib
Description: zlib, static
Version: 1.2
Libs: -L$static -lz
Cflags:
PC
cat > "$static/pkgconfig/libcmark-gfm.pc" <<PC
Name: libcmark-gfm
Description: cmark-gfm and its extensions, static
Version: 0.29.0
Libs: -L$static -lcmark-gfm -lcmark-gfm-extensions
Cflags: -I$cmark_include
PC

flags=(-c release --product roadmap --scratch-path .build-release -Xswiftc -DROADMAP_RELEASE)
# libgcc, which the Swift runtime uses, is linked in too: glibc is all the binary needs.
[[ $os == linux ]] && flags+=(--static-swift-stdlib -Xlinker -s -Xswiftc -Xclang-linker -Xswiftc -static-libgcc)
PKG_CONFIG_PATH=$static/pkgconfig swift build "${flags[@]}" >&2
binary=.build-release/release/roadmap

stage=.build-release/stage
rm -rf "$stage" && mkdir -p "$stage/bin" "$stage/share/man/man1" dist
cp "$binary" "$stage/bin/roadmap"
bash Scripts/manual.sh "$stage/share/man/man1" >&2
archive=roadmap-$os-$arch.tar.gz
tar -czf "dist/$archive" -C "$stage" bin share
(cd dist && { sha256sum "$archive" 2>/dev/null || shasum -a 256 "$archive"; } > "$archive.sha256")
cat dist/*.tar.gz.sha256 > dist/SHA256SUMS
echo "dist/$archive"
