# Everyday targets. CI runs .ci/run, which calls the same commands.
GO ?= go
GOLANGCI_LINT_VERSION ?= v2.15.0
BIN := bin

FUZZTIME ?= 60s

.PHONY: all build test race lint docs update bench benchgo fuzz example check clean

all: check

build:
	$(GO) build -o $(BIN)/aovpnlint ./cmd/aovpnlint

test:
	$(GO) test ./...

race:
	$(GO) test -race ./...

$(BIN)/golangci-lint:
	GOBIN=$(CURDIR)/$(BIN) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

lint: $(BIN)/golangci-lint
	$(BIN)/golangci-lint run ./...

# Regenerate docs/rules.md from the rules' metadata (a test fails when it is stale).
docs:
	$(GO) run ./cmd/aovpnlint rules --format markdown > docs/rules.md
	$(GO) run ./cmd/aovpnlint explain --all --format markdown > docs/windows-errors.md

# Rewrite golden files and generated certificate fixtures after an intended
# change; review the diff.
update:
	$(GO) test ./rules -run TestCertFixturesUpToDate -update
	$(GO) test ./cmd/aovpnlint -update

# make bench: the real binary over synthetic estates against the targets of
# issue 7 (scripts/bench.sh); make benchgo: the Go benchmarks.
bench:
	scripts/bench.sh

benchgo:
	$(GO) test ./... -run '^$$' -bench . -benchmem

# Run each fuzz target for FUZZTIME, one after another (go test -fuzz takes one
# target per package and run). Crashers land in <package>/testdata/fuzz: commit
# them as regression seeds.
# Minimising a new input is capped: at the default (60s) it can take a whole
# FUZZTIME on a loaded machine.
FUZZMINIMIZETIME ?= 5s
FUZZ_LOAD := FuzzParse FuzzProfileXML FuzzEapXML FuzzPowerShell FuzzCIMDump FuzzIntuneJSON \
	FuzzSyncML FuzzPEM FuzzDER FuzzNPSConfig FuzzNPSLog FuzzSuppressions
fuzz:
	set -e; for t in $(FUZZ_LOAD); do \
		$(GO) test ./lint/load -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME); \
	done
	$(GO) test ./rules -run '^$$' -fuzz '^FuzzRules$$' -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZETIME)

example:
	$(GO) run ./cmd/aovpnlint testdata/examples

check: test lint
	gofmt -l . | (! grep .)
	$(GO) vet ./...

clean:
	rm -rf $(BIN)
