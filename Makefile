# The two commands in README.md: `make run` and `make test`.
.PHONY: run build assets test clean

GO ?= go

# Builds Hearth and serves it on http://127.0.0.1:8080 with Demo City loaded
# into ./hearth-data/hearth.db on first run.
run: build
	./hearth serve --demo

build: assets
	$(GO) build -o hearth ./cmd/hearth

# GOV.UK Frontend comes from the npm registry and is embedded in the binary.
assets:
	./scripts/assets

# Every check and test: formatting, vet, unit and store tests on SQLite and
# PostgreSQL, the HTTP and browser tests, and short fuzz runs.
test: assets
	./scripts/test

clean:
	rm -rf hearth node_modules internal/web/static/govuk
