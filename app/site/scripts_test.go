package site

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template"
)

// buildSite writes a static site from a stand-in web/ with version abc123
// and returns its folder and the web/ it was built from.
func buildSite(t *testing.T) (out, web string) {
	t.Helper()
	web = fakeWeb(t, strings.Repeat("\x00asm-stand-in", 100))
	out = filepath.Join(t.TempDir(), "dist")
	if err := Build(BuildConfig{Out: out, Web: web, Options: Options{Version: "abc123"}}); err != nil {
		t.Fatal(err)
	}
	return out, web
}

// TestWorkerIsJSFile: the site's app-worker.js is js/worker.js as go-app
// fills it in (version and files to cache), byte for byte, and it still
// makes the change it exists for: the install revalidates every file.
func TestWorkerIsJSFile(t *testing.T) {
	src := read(t, "js/worker.js")
	out, _ := buildSite(t)
	worker := read(t, filepath.Join(out, "app-worker.js"))

	list := regexp.MustCompile(`(?m)^const resourcesToCache = (.*);$`).FindStringSubmatch(worker)
	if list == nil {
		t.Fatalf("app-worker.js has no resourcesToCache line:\n%s", worker)
	}
	var want strings.Builder
	err := template.Must(template.New("worker").Parse(src)).Execute(&want, struct{ Version, ResourcesToCache string }{"abc123", list[1]})
	if err != nil {
		t.Fatal(err)
	}
	if worker != want.String() {
		t.Errorf("app-worker.js is not js/worker.js filled in:\n%s", worker)
	}
	for _, patched := range []string{
		`new Request(url, { cache: "no-cache" })`, // the install revalidates
		`const cacheName = "app-" + "abc123";`,    // the name fetch-wasm.js reads
	} {
		if !strings.Contains(worker, patched) {
			t.Errorf("app-worker.js lacks %s", patched)
		}
	}
	if strings.Contains(worker, `"push"`) {
		t.Error("app-worker.js handles push notifications, which synctoken does not use")
	}
}

// TestLoaderIsPatchedWithJSFile: go-app's app.js gets each of patchAppJS's
// edits, and ends with js/fetch-wasm.js and js/found-update.js, which
// define what the edits call.
func TestLoaderIsPatchedWithJSFile(t *testing.T) {
	src := read(t, "js/fetch-wasm.js")
	found := read(t, "js/found-update.js")
	out, _ := buildSite(t)
	appJS := read(t, filepath.Join(out, "app.js"))
	if !strings.HasSuffix(appJS, src+found) {
		t.Fatal("app.js does not end with js/fetch-wasm.js and js/found-update.js")
	}
	loader := strings.TrimSuffix(appJS, src+found)
	if !strings.Contains(found, "function synctokenOfferFoundUpdate(registration)") {
		t.Error("js/found-update.js lacks synctokenOfferFoundUpdate")
	}
	for _, call := range []string{`synctokenFetchWasm("`, "await synctokenTakeEarlyWasm(url);", "goappInitServiceWorker(); // after the wasm", "goappSetupNotifyUpdate(registration);\n      synctokenOfferFoundUpdate(registration);"} {
		if !strings.Contains(loader, call) {
			t.Errorf("go-app's loader is not patched to call %s", call)
		}
	}
	for _, def := range []string{"async function synctokenFetchWasm(url, progress)", "function synctokenTakeEarlyWasm(url)", `caches.match(url, { cacheName: "app-" + goappEnv["GOAPP_VERSION"] })`, "window.synctokenEarlyWasm"} {
		if !strings.Contains(src, def) {
			t.Errorf("js/fetch-wasm.js lacks %s", def)
		}
	}
	if strings.Contains(loader, "parseInt(contentLength, 10)") || strings.Index(loader, "goappInitServiceWorker();") < strings.Index(loader, "go.run(wasm.instance)") {
		t.Error("go-app's loader still counts progress from Content-Length or registers the worker before the wasm runs")
	}
}

// TestEarlyWasmIsJSFile: the site's synctoken.js is the repository's with
// js/early-wasm.js appended, which sets what fetch-wasm.js takes over.
func TestEarlyWasmIsJSFile(t *testing.T) {
	src := read(t, "js/early-wasm.js")
	out, web := buildSite(t)
	if got, want := read(t, filepath.Join(out, "web", "synctoken.js")), read(t, filepath.Join(web, "synctoken.js"))+src; got != want {
		t.Errorf("the site's synctoken.js is not web/synctoken.js then js/early-wasm.js:\n%s", got)
	}
	if !strings.Contains(src, "var synctokenEarlyWasm = ") || !strings.Contains(src, "return { url: url, response: response };") {
		t.Error("js/early-wasm.js does not set synctokenEarlyWasm to the download it started")
	}
}

// TestScriptsParse: what the browser runs of js/ is valid JavaScript, as
// the site writes it (the worker is a template until then). It needs
// Node.js, which make test has (make axe).
func TestScriptsParse(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("no node on PATH: the syntax check of the site's scripts needs Node.js (make axe installs npm with it)")
	}
	out, _ := buildSite(t)
	for _, f := range []string{"app-worker.js", "app.js", "web/synctoken.js"} {
		if b, err := exec.Command(node, "--check", filepath.Join(out, f)).CombinedOutput(); err != nil {
			t.Errorf("%s does not parse: %v\n%s", f, err, b)
		}
	}
}

// TestNoJavaScriptInGoStrings: JavaScript lives in .js files, where
// editors, linters and node --check read it; Go code only places it.
// A raw string literal that reads like a script fails here.
func TestNoJavaScriptInGoStrings(t *testing.T) {
	looksLikeJS := regexp.MustCompile(`\bfunction\s*\w*\s*\(|=>\s*[{(]|addEventListener\(|\bconst \w+ = |\bvar \w+ = `)
	files := 0
	for _, dir := range []string{".", ".."} {
		names, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			files++
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if ok && lit.Kind == token.STRING && strings.HasPrefix(lit.Value, "`") && strings.Contains(lit.Value, "\n") && looksLikeJS.MatchString(lit.Value) {
					t.Errorf("%s holds JavaScript in a Go string (%.60q…): move it to a .js file and embed it", name, lit.Value)
				}
				return true
			})
		}
	}
	if files < 10 {
		t.Fatalf("read %d Go files of app/site and app/: the check would pass vacuously", files)
	}
	if _, err := os.Stat("js"); err != nil {
		t.Fatal(err)
	}
}
