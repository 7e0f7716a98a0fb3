//go:build !js

package site

import _ "embed"

// The site's own JavaScript lives in js/, as JavaScript, and is embedded
// here: the Go code only puts each piece where go-app's generated files
// need it (scripts_test.go checks that each patch still lands).

// serviceWorker is go-app v9's worker (a text/template go-app fills with
// the version and the files to cache) with one change that matters: the
// install step fetches every file with {cache: "no-cache"}. go-app's own
// cache.addAll reads the browser's HTTP cache as it is, so on a host that
// sends max-age (GitHub Pages: 600 s) an update would cache the old files
// under the new version. "no-cache" revalidates each file with the host:
// a changed file is downloaded, an unchanged one (the wasm the page just
// loaded) costs a 304, where "reload" would download it all again. Push
// notifications, which synctoken does not use, are left out.
//
//go:embed js/worker.js
var serviceWorker string

// fetchWasmJS is appended to go-app's app.js (see patchAppJS). The cache
// name is the service worker's (js/worker.js): "app-" and the version.
//
//go:embed js/fetch-wasm.js
var fetchWasmJS string

// foundUpdateJS is appended to go-app's app.js after fetchWasmJS: it
// offers a new version the browser found before the app registered the
// worker (see patchAppJS), which go-app's loader would never offer.
//
//go:embed js/found-update.js
var foundUpdateJS string

// earlyWasmJS starts a first visit's download of the wasm from
// synctoken.js, which runs in <head> while the page is parsed, instead of
// from go-app's loader, a deferred script that runs once it is parsed:
// ~70 ms sooner on a first visit (make bench). When the service worker
// controls the page, the loader reads its cache instead, bots or
// ?wasm=false load no wasm at all (go-app's own rules), and neither does a
// framed page, which synctoken.js refuses to run. appendEarlyWasm appends
// it to the site's copy of synctoken.js.
//
//go:embed js/early-wasm.js
var earlyWasmJS string
