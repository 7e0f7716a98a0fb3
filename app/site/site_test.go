package site

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	ui "synctoken/app"
)

func TestMain(m *testing.M) {
	ui.Route()
	os.Exit(m.Run())
}

func TestCSP(t *testing.T) {
	meta := CSP(Options{}, false)
	for _, want := range []string{
		"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "img-src 'self' data:", "object-src 'none'", "base-uri 'none'",
		"https://login.microsoftonline.com", "https://graph.microsoft.com", "https://login.microsoftonline.us", "https://graph.microsoft.us",
		"https://dod-graph.microsoft.us", "https://login.chinacloudapi.cn", "https://login.partner.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn",
		"form-action https://login.microsoftonline.com https://login.microsoftonline.us https://login.partner.microsoftonline.cn",
	} {
		if !strings.Contains(meta, want) {
			t.Errorf("CSP lacks %q:\n%s", want, meta)
		}
	}
	if strings.Contains(meta, "unsafe-inline") || strings.Contains(meta, "frame-ancestors") || strings.Contains(meta, "127.0.0.1") {
		t.Errorf("meta CSP of the published site: %s", meta)
	}
	header := CSP(Options{Sandbox: "http://127.0.0.1:8001"}, true)
	if !strings.Contains(header, "frame-ancestors 'none'") || !strings.Contains(header, " http://127.0.0.1:8001 http://localhost:8001;") {
		t.Errorf("header CSP with a sandbox: %s", header)
	}
}

// fakeWeb makes a web/ folder with a stand-in app.wasm.
func fakeWeb(t *testing.T, wasm string) string {
	t.Helper()
	web := filepath.Join(t.TempDir(), "web")
	os.MkdirAll(web, 0o755)
	for name, body := range map[string]string{"app.wasm": wasm, "synctoken.css": strings.Repeat("body{}\n", 300), "icon-192.png": "png", "icon.svg": `<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>`, "synctoken.js": "function synctokenHref(w) {}\n"} {
		if err := os.WriteFile(filepath.Join(web, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildWritesACompleteSite(t *testing.T) {
	wasm := strings.Repeat("\x00asm-stand-in", 500)
	web := fakeWeb(t, wasm)
	out := filepath.Join(t.TempDir(), "dist")
	if err := Build(BuildConfig{Out: out, Web: web, Precompress: true, Options: Options{Version: "abc123"}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "404.html", "app.js", "app-worker.js", "manifest.webmanifest", "wasm_exec.js", "web/app.wasm", "web/synctoken.css", "staticwebapp.config.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("dist lacks %s", f)
		}
	}
	index := read(t, filepath.Join(out, "index.html"))
	if read(t, filepath.Join(out, "404.html")) != index {
		t.Error("404.html differs from index.html: deep links would not load the app")
	}
	if !strings.Contains(index, `http-equiv="Content-Security-Policy"`) || !strings.Contains(index, `name="referrer" content="no-referrer"`) {
		t.Error("index.html lacks the CSP or referrer meta")
	}
	if inline := regexp.MustCompile(`<script(?:\s[^>]*)?>[^<]+</script>`).FindString(index); inline != "" {
		t.Errorf("index.html has an inline script: %s", inline)
	}
	for _, s := range regexp.MustCompile(`<script[^>]*>`).FindAllString(index, -1) {
		if !strings.Contains(s, "src=") {
			t.Errorf("inline script tag: %s", s)
		}
	}
	if !strings.Contains(index, `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,%3Csvg%20xmlns=`) || strings.Contains(index, `href="/web/icon.svg"`) {
		t.Error("the favicon is not inlined: a first visit fetches icon.svg for it and again for the manifest")
	}
	if !strings.Contains(read(t, filepath.Join(out, "app-worker.js")), `"/web/icon.svg"`) {
		t.Error("the service worker does not cache the SVG icon: offline, the manifest's icon is missing")
	}
	if strings.Contains(index, "https://storage.googleapis.com") || strings.Contains(read(t, filepath.Join(out, "manifest.webmanifest")), "http") {
		t.Error("the site refers to a remote icon: offline install and the CSP would break")
	}
	appJS := read(t, filepath.Join(out, "app.js"))
	if !strings.Contains(appJS, "const total = "+itoa(len(wasm))+";") || !strings.Contains(appJS, `"GOAPP_VERSION":"abc123"`) {
		t.Errorf("app.js: progress not patched to the wasm's size or version missing")
	}
	if !strings.Contains(read(t, filepath.Join(out, "app-worker.js")), `{ cache: "no-cache" }`) {
		t.Error("the service worker fills its cache from the HTTP cache without revalidating")
	}
	if !strings.Contains(appJS, `synctokenFetchWasm("/web/app.wasm"`) || !strings.Contains(appJS, `caches.match(url, { cacheName: "app-" + goappEnv["GOAPP_VERSION"] })`) ||
		!strings.Contains(read(t, filepath.Join(out, "app-worker.js")), `const cacheName = "app-" + "abc123";`) {
		t.Error("a return visit does not read the wasm from the service worker's cache (or the cache names differ)")
	}
	if js := read(t, filepath.Join(out, "web", "synctoken.js")); !strings.HasPrefix(js, "function synctokenHref(w) {}\n") || !strings.Contains(js, "var synctokenEarlyWasm = ") ||
		!strings.Contains(appJS, "const response = await synctokenTakeEarlyWasm(url);") {
		t.Error("a first visit does not start the wasm's download while the page is parsed")
	}
	if js := read(t, filepath.Join(web, "synctoken.js")); strings.Contains(js, "synctokenEarlyWasm") {
		t.Error("the build changed the repository's synctoken.js, not its copy")
	}
	if strings.Index(appJS, "goappInitServiceWorker();") < strings.Index(appJS, "go.run(wasm.instance)") {
		t.Error("the service worker is registered before the wasm runs: its install races the page's download")
	}
	var swa struct {
		MimeTypes     map[string]string        `json:"mimeTypes"`
		GlobalHeaders map[string]string        `json:"globalHeaders"`
		Fallback      struct{ Rewrite string } `json:"navigationFallback"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "staticwebapp.config.json"))), &swa); err != nil {
		t.Fatal(err)
	}
	if swa.MimeTypes[".wasm"] != "application/wasm" || !strings.Contains(swa.GlobalHeaders["Content-Security-Policy"], "frame-ancestors 'none'") ||
		swa.GlobalHeaders["X-Content-Type-Options"] != "nosniff" || swa.GlobalHeaders["Referrer-Policy"] != "no-referrer" || swa.Fallback.Rewrite != "/index.html" {
		t.Errorf("staticwebapp.config.json = %+v", swa)
	}
	for _, f := range []string{"web/app.wasm", "app.js", "web/synctoken.css"} {
		orig := read(t, filepath.Join(out, f))
		gz, err := gzip.NewReader(bytes.NewReader([]byte(read(t, filepath.Join(out, f+".gz")))))
		if err != nil {
			t.Fatal(err)
		}
		g, _ := io.ReadAll(gz)
		b, _ := io.ReadAll(brotli.NewReader(bytes.NewReader([]byte(read(t, filepath.Join(out, f+".br"))))))
		if string(g) != orig || string(b) != orig {
			t.Errorf("%s: .gz or .br does not decompress to the file", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "web/icon-192.png.br")); err == nil {
		t.Error("a small file was precompressed")
	}
}

func TestBuildUnderSubPathAndVersion(t *testing.T) {
	web := fakeWeb(t, "wasm")
	out := filepath.Join(t.TempDir(), "dist")
	if err := Build(BuildConfig{Out: out, Web: web, Options: Options{Base: "/synctoken/"}}); err != nil {
		t.Fatal(err)
	}
	index := read(t, filepath.Join(out, "index.html"))
	if !strings.Contains(index, `href="/synctoken/web/synctoken.css"`) || !strings.Contains(index, `src="/synctoken/app.js"`) {
		t.Errorf("index.html does not point under /synctoken/:\n%s", index)
	}
	if !strings.Contains(index, `<link rel="icon" type="image/svg+xml" href="data:image/svg+xml,`) {
		t.Error("under /synctoken/, the favicon is not inlined")
	}
	if !strings.Contains(read(t, filepath.Join(out, "app.js")), `"/synctoken/web/app.wasm"`) {
		t.Error("app.js loads the wasm from outside the sub-path")
	}
	v1 := contentVersion(web)
	if v1 != contentVersion(web) {
		t.Error("the version of the same files changed")
	}
	os.WriteFile(filepath.Join(web, "app.wasm"), []byte("wasm2"), 0o644)
	if contentVersion(web) == v1 {
		t.Error("a changed wasm kept its version: the update would go unnoticed")
	}
	if err := Build(BuildConfig{Out: out, Web: filepath.Join(t.TempDir(), "none")}); err == nil || !strings.Contains(err.Error(), "build the wasm first") {
		t.Errorf("building without a wasm: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
