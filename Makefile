# Everyday targets. CI runs .ci/run, which calls the same commands.
GO ?= go
GOLANGCI_LINT_VERSION ?= v2.15.0
BIN := bin

FUZZTIME ?= 60s

.PHONY: all build test race lint docs update bench fuzz example check clean

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

bench:
	$(GO) test ./... -run '^$$' -bench . -benchmem

# Run each fuzz target for FUZZTIME (crashers land in testdata/fuzz: commit them as regression seeds).
fuzz:
	$(GO) test ./lint/load -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME)
	$(GO) test ./rules -run '^$$' -fuzz FuzzRules -fuzztime $(FUZZTIME)
	$(GO) test ./lint/load -run '^$$' -fuzz FuzzSuppressions -fuzztime $(FUZZTIME)

example:
	$(GO) run ./cmd/aovpnlint testdata/examples

check: test lint
	gofmt -l . | (! grep .)
	$(GO) vet ./...

clean:
	rm -rf $(BIN)
