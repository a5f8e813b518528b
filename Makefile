# The two commands README.md opens with: `make demo` and `make test`.
SWIFT ?= swift
# The Swift runtime linked in: the binary runs alone on a machine without Swift, and starts in half the time.
RELEASE := -c release --static-swift-stdlib
BIN := .build/release/roadmap

.PHONY: bootstrap browser build demo test validate bench fuzz install release clean embed pictures format

bootstrap:
	@bash Scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build $(RELEASE) --product roadmap

# Builds a throwaway repository from the embedded roadmap, syncs it and shows the result.
demo: build
	$(BIN) demo

# Under CI=true a warning fails the build.
WARNINGS := $(if $(filter true,$(CI)),-Xswiftc -warnings-as-errors,)

# The cohort page's browser test renders it with headless Chromium: on Linux Debian's `chromium` is
# installed here (about 35 s and 300 MB with apt's lists already fetched); elsewhere the test runs when
# Chrome is installed or ROADMAP_CHROMIUM names a browser, and is skipped otherwise.
browser:
	@if [ "$$(uname)" = Linux ]; then ROADMAP_BOOTSTRAP_EXTRAS="chromium $${ROADMAP_BOOTSTRAP_EXTRAS:-}" bash Scripts/bootstrap.sh; fi

# The code is held to .swift-format (4-space indent, 120 columns) first; `make format` rewrites it so.
test: bootstrap browser validate
	$(SWIFT) format lint --strict -r Sources Tests Package.swift
	$(SWIFT) build --build-tests $(WARNINGS)
	$(SWIFT) test --skip-build

format:
	$(SWIFT) format --in-place -r Sources Tests Package.swift

# The workflow, action and example files against GitHub's schemas.
validate:
	@bash Scripts/validate-workflows.sh

# Measures roadmap against git on synthetic repositories and rewrites BENCHMARKS.md (several minutes),
# then times the document engine on big generated pages, and the cohort on a generated class (their own
# sections of BENCHMARKS.md).
bench: bootstrap
	bash Benchmarks/run.sh
	bash Benchmarks/document.sh
	bash Benchmarks/cohort.sh

# libFuzzer on the document engine and the commit grammar, FUZZ_SECONDS each (default 60).
# Seeds: Fuzz/Corpus/*; findings land in .build-fuzz/findings/ (turn each into a fixture and a test).
FUZZ_SECONDS ?= 60
fuzz: bootstrap
	bash Scripts/fuzz.sh $(FUZZ_SECONDS)

# Redraws docs/roadmap-badge.svg and docs/roadmap-chart.svg (shown in README.md) from the demo's history.
pictures: build
	bash Scripts/pictures.sh $(BIN)

# The self-contained release archive (dist/), as the release workflow builds it, then checked in a root that
# holds only the C library and git (Scripts/release-check.sh).
release: bootstrap
	bash Scripts/release.sh
	bash Scripts/release-check.sh dist/roadmap-$$(uname -s | sed 's/Linux/linux/;s/Darwin/macos/')-$$(uname -m | sed 's/aarch64/arm64/;s/amd64/x86_64/').tar.gz

# No root needed: make install PREFIX=~/.local puts bin/roadmap and the man page there.
PREFIX ?= /usr/local
install: build
	install -d $(PREFIX)/bin $(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(PREFIX)/bin/roadmap
	bash Scripts/manual.sh $(PREFIX)/share/man/man1 >/dev/null

# Regenerates the Swift source that compiles the seed roadmap into the binary.
embed:
	python3 Scripts/embed-roadmap.py

clean:
	rm -rf .build
