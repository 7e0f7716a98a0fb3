# synctoken: two commands do everything on a fresh machine.
#   make run    build the app and serve it with the sandbox on http://127.0.0.1:8000
#   make test   the whole suite, browser tests in headless Chromium included
# Also: make site [BASE=/synctoken/] [SANDBOX=http://127.0.0.1:PORT]  writes the static site to dist/

SHELL   := /bin/bash
GO      ?= go
ADDR    ?= 127.0.0.1:8000
SANDBOX_ADDR ?= 127.0.0.1:8001
WASM    := web/app.wasm
# How many browser tests run at once: they wait on Chromium more than they
# compute, and more than three at once on two cores only queues them.
PARALLEL ?= 3
# The site's version is the commit it was built from, so a redeploy is
# detected by the service worker; outside git, a hash of web/ is used.
VERSION ?= $(shell git rev-parse --short=12 HEAD 2>/dev/null)

.PHONY: run test site wasm tools chromium axe clean bench size

## tools: Go must be there; everything else the module brings.
tools:
	@command -v $(GO) >/dev/null 2>&1 || { echo "synctoken needs Go 1.26 or newer: install it from https://go.dev/dl/ and put it on PATH"; exit 1; }

## wasm: the app compiled for the browser (stripped: symbols are not needed to run),
## against MSAL Go trimmed of what only servers reach (internal/wasmbuild).
wasm: tools
	$(GO) run . wasm -o $(WASM)

run: wasm
	$(GO) run . serve -addr $(ADDR) -sandbox $(SANDBOX_ADDR)

## chromium: browser tests need a Chromium; install Debian's when missing and we may.
chromium:
	@if [ -n "$$CHROME" ] || command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "make test needs Chromium for its browser tests: run 'sudo apt-get install chromium' (Debian/Ubuntu) or set CHROME=/path/to/chrome"; exit 1; \
	fi

## axe: the accessibility tests run axe-core in the page; its exact version is pinned in
## internal/a11y/package-lock.json and installed with npm ci when missing or outdated.
A11Y := internal/a11y
axe:
	@if [ -f $(A11Y)/node_modules/axe-core/axe.min.js ] && [ ! $(A11Y)/package-lock.json -nt $(A11Y)/node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		echo "installing axe-core for the accessibility tests (npm ci in $(A11Y))"; \
		cd $(A11Y) && npm ci --no-audit --no-fund --loglevel=error; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing Debian's npm, then axe-core for the accessibility tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null && \
		cd $(A11Y) && npm ci --no-audit --no-fund --loglevel=error; \
	else \
		echo "make test needs npm to install axe-core for its accessibility tests: run 'sudo apt-get install npm' (Debian/Ubuntu) or install Node.js with npm 7 or newer from https://nodejs.org"; exit 1; \
	fi

test: tools chromium axe
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet . ./app ./graph ./graph/signin
	@# -json through testreport: package results, every case table the tests
	@# logged (input or fault → what the page showed), skips with their reason,
	@# the full output of whatever failed, and the slowest tests. The browser
	@# tests (app/e2e) run $(PARALLEL) at a time: each mostly waits on Chromium.
	set -o pipefail; $(GO) test -count=1 -timeout 9m -parallel $(PARALLEL) -json ./... | $(GO) run ./internal/testreport

## site: the static site in dist/; BASE=/synctoken/ for a sub-path, SANDBOX=URL to offer a running sandbox.
site: wasm
	$(GO) run . build -o dist $(if $(BASE),-base $(BASE)) $(if $(SANDBOX),-sandbox $(SANDBOX)) $(if $(VERSION),-version $(VERSION))

## bench: synctoken's wasm size and load times against three floors (a go-app page; the same
## with MSAL Go's sign-in URL; (b+), which decides the budgets: also redeeming, refreshing and
## caching as synctoken must), in headless Chromium, cold, warm and cold over 20 Mbit/s;
## fails over budget. Not part of test. RUNS=5, BENCH_OUT=file.md.
bench: tools chromium
	$(GO) run ./internal/bench $(if $(RUNS),-runs $(RUNS)) $(if $(BENCH_OUT),-o $(BENCH_OUT))

## size: where the wasm's bytes are, per package and compressed, against floor (b+): what a
## change to first-visit transfer should aim at (internal/wasmsize). About two minutes.
size: tools
	$(GO) run ./internal/wasmsize -brotli

## clean: build outputs. The browser build keeps its patched MSAL Go and go-app in the user's
## cache folder (see CONTRIBUTING.md, "Bumping MSAL Go"), shared by checkouts like Go's own caches,
## and clean leaves it; .cache/wasmbuild is where older builds kept it.
clean:
	rm -rf $(WASM) dist $(A11Y)/node_modules .cache/wasmbuild
