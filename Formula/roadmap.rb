# Homebrew formula: `brew tap roadmap-cli/roadmap https://github.com/roadmap-cli/roadmap` then
# `brew install roadmap` (the latest release's binary) or `brew install --HEAD roadmap` (built from main).
# The release workflow rewrites the version, URLs and checksums below for each tag (Scripts/formula.sh);
# until the first release only --HEAD installs, and it needs Swift (Xcode or swift.org's toolchain).
class Roadmap < Formula
  desc "Keeps a learning roadmap's progress tracker honest, from the evidence in git"
  homepage "https://github.com/roadmap-cli/roadmap"
  version "0.2.0"
  head "https://github.com/roadmap-cli/roadmap.git", branch: "main"

  on_macos do
    on_arm do
      url "https://github.com/roadmap-cli/roadmap/releases/download/v0.2.0/roadmap-macos-arm64.tar.gz"
      sha256 "RELEASE_SHA256_MACOS_ARM64"
    end
  end
  on_linux do
    on_intel do
      url "https://github.com/roadmap-cli/roadmap/releases/download/v0.2.0/roadmap-linux-x86_64.tar.gz"
      sha256 "RELEASE_SHA256_LINUX_X86_64"
    end
    on_arm do
      url "https://github.com/roadmap-cli/roadmap/releases/download/v0.2.0/roadmap-linux-arm64.tar.gz"
      sha256 "RELEASE_SHA256_LINUX_ARM64"
    end
  end

  head do
    depends_on "pkg-config" => :build
    depends_on "cmark-gfm"
    depends_on "libgit2"
  end

  def install
    if build.head?
      system "swift", "build", "--disable-sandbox", "-c", "release", "--product", "roadmap"
      bin.install ".build/release/roadmap"
    else
      bin.install "bin/roadmap"
      man1.install "share/man/man1/roadmap.1"
    end
  end

  test do
    system "git", "init", "-q", "-b", "main"
    system bin/"roadmap", "init"
    assert_match "0/58 done", shell_output("#{bin}/roadmap status")
  end
end
