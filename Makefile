# The two commands README.md opens with: `make demo` and `make test`.
SWIFT ?= swift
# The Swift runtime linked in: the binary runs alone on a machine without Swift, and starts in half the time.
RELEASE := -c release --static-swift-stdlib
BIN := .build/release/roadmap

.PHONY: bootstrap build demo test validate bench fuzz install clean embed pictures

bootstrap:
	@bash Scripts/bootstrap.sh

build: bootstrap
	$(SWIFT) build $(RELEASE) --product roadmap

# Builds a throwaway repository from the embedded roadmap, syncs it and shows the result.
demo: build
	$(BIN) demo

test: bootstrap validate
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The workflow, action and example files against GitHub's schemas.
validate:
	@bash Scripts/validate-workflows.sh

# Measures roadmap against git on synthetic repositories and rewrites BENCHMARKS.md (several minutes),
# then times the document engine on big generated pages (its own section of BENCHMARKS.md).
bench: bootstrap
	bash Benchmarks/run.sh
	bash Benchmarks/document.sh

# libFuzzer on the document engine and the commit grammar, FUZZ_SECONDS each (default 60).
# Seeds: Fuzz/Corpus/*; findings land in .build-fuzz/findings/ (turn each into a fixture and a test).
FUZZ_SECONDS ?= 60
fuzz: bootstrap
	bash Scripts/fuzz.sh $(FUZZ_SECONDS)

# Redraws docs/roadmap-badge.svg and docs/roadmap-chart.svg (shown in README.md) from the demo's history.
pictures: build
	bash Scripts/pictures.sh $(BIN)

install: build
	install -m 0755 $(BIN) /usr/local/bin/roadmap

# Regenerates the Swift source that compiles the seed roadmap into the binary.
embed:
	python3 Scripts/embed-roadmap.py

clean:
	rm -rf .build
