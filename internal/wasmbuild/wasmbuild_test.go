package wasmbuild

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const repo = "../.."

// forbidden are symbols that must not be reachable in the browser build:
// the heart of net/http's client transport and of TLS (about 5 MB of wasm
// with what they pull in: the wasm sends through fetch), and the sandbox,
// which the published site must never contain.
var forbidden = regexp.MustCompile(`^(net/http\.\(\*Transport\)\.roundTrip$|net/http\.\(\*persistConn\)\.|crypto/tls\.\(\*Conn\)\.Handshake$|synctoken/graph/graphtest\.)`)

// TestWasmLinksNoTransport builds the browser app as make wasm does and
// fails if a forbidden symbol is linked, whatever reaches it. -dumpdep
// prints, for each reachable symbol, the edge that first reached it, so
// the dump is a tree: the test looks at targets, not callers, and prints
// the chain from the root. MSAL Go's own two paths are cut by msalPatch.
func TestWasmLinksNoTransport(t *testing.T) {
	skipBuild(t)
	out := filepath.Join(t.TempDir(), "app.wasm")
	deps, err := Build(repo, ".", out, "-dumpdep")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(deps), "synctoken/graph.(*Client).Do") {
		t.Fatal("-dumpdep output lacks graph.(*Client).Do: the check would pass vacuously")
	}
	if !strings.Contains(string(deps), MSALModule+"/apps/public.New") {
		t.Fatal("-dumpdep output lacks MSAL Go's public.New: the check would not cover MSAL")
	}
	if bad := linked(string(deps)); len(bad) > 0 {
		t.Errorf("the wasm links the client transport, TLS or the sandbox: %d forbidden symbols, reached by", len(bad))
		for _, chain := range bad[:min(len(bad), 3)] {
			t.Error(chain)
		}
	}
}

// linked returns, for each forbidden symbol in a -dumpdep dump, the chain
// of edges that reached it.
func linked(dump string) []string {
	parent := map[string]string{}
	var hits []string
	for _, line := range strings.Split(dump, "\n") {
		from, to, ok := strings.Cut(line, " -> ")
		if !ok {
			continue
		}
		// Drop marks such as " <UsedInIface>" from both ends.
		from, _, _ = strings.Cut(from, " <")
		to, _, _ = strings.Cut(to, " <")
		if _, seen := parent[to]; !seen {
			parent[to] = from
		}
		if forbidden.MatchString(to) {
			hits = append(hits, to)
		}
	}
	var chains []string
	seen := map[string]bool{}
	for _, sym := range hits {
		if seen[sym] {
			continue
		}
		seen[sym] = true
		chain := []string{sym}
		for p, n := parent[sym], 0; p != "" && n < 40; p, n = parent[p], n+1 {
			chain = append(chain, p)
		}
		slices.Reverse(chain)
		chains = append(chains, strings.Join(chain, " -> "))
	}
	return chains
}

// TestLinkedSeesEveryPath: a forbidden symbol is found whatever its
// caller, a type's method table included (the path an interface call on a
// struct field takes), and not by a name that only starts alike.
func TestLinkedSeesEveryPath(t *testing.T) {
	dump := strings.Join([]string{
		"main.main -> synctoken/app.Route",
		"synctoken/app.Route -> type:*synctoken/app.holder <UsedInIface>",
		"type:*synctoken/app.holder <UsedInIface> -> type:*net/http.Client <UsedInIface>",
		"type:*net/http.Client <UsedInIface> -> net/http.(*Client).Do",
		"net/http.(*Client).Do -> net/http.(*Transport).roundTrip",
		"net/http.Header.Get -> net/http.(*Transport).roundTripper", // a longer name: not the transport
	}, "\n")
	got := linked(dump)
	want := "main.main -> synctoken/app.Route -> type:*synctoken/app.holder -> type:*net/http.Client -> net/http.(*Client).Do -> net/http.(*Transport).roundTrip"
	if len(got) != 1 || got[0] != want {
		t.Errorf("linked() = %q, want [%q]", got, want)
	}
}

// TestMSALAsPublishedLinksTransport is the reason for the patch's
// shared.go and authority.go hunks: without them the same build links the
// transport through MSAL Go. When this fails, MSAL Go no longer needs the
// hunk it names; drop it. (The accesstokens.go hunk only saves size: see
// the patch's header.)
func TestMSALAsPublishedLinksTransport(t *testing.T) {
	skipBuild(t)
	out := filepath.Join(t.TempDir(), "app.wasm")
	cmd := goCmd(repo, "build", "-trimpath", "-ldflags=-dumpdep", "-o", out, ".")
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("building the wasm: %v\n%s", err, deps[:min(len(deps), 2000)])
	}
	if !strings.Contains(string(deps), MSALModule+"/apps/public.New -> go:itab.*net/http.Client,") {
		t.Error("MSAL Go as published no longer links net/http's client from public.New: the shared.go edit may be unneeded")
	}
	if !strings.Contains(string(deps), "ops/authority.detectRegion -> ") {
		t.Error("MSAL Go as published no longer has detectRegion: the authority.go edit may be unneeded")
	}
	// And the check of TestWasmLinksNoTransport sees it.
	if len(linked(string(deps))) == 0 {
		t.Error("linked() finds nothing in a build that links the transport: TestWasmLinksNoTransport would pass vacuously")
	}
}

// TestPatchedCopiesBuild: every hunk is in each patched copy the build
// uses, and the whole patched module (MSAL Go's confidential and managed
// identity clients included) still compiles, so a hunk cannot leave an
// API behind that no longer builds. What the hunks change at run time is
// argued in each patch's header; that go-app still builds the same page is
// what every browser test sees, since they all run the patched build.
func TestPatchedCopiesBuild(t *testing.T) {
	skipBuild(t)
	cache := t.TempDir()
	for _, p := range patchedModules {
		dir, err := patchedCopy(repo, cache, p)
		if err != nil {
			t.Fatal(err)
		}
		files, err := parsePatch(p.name, p.patch)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.NewName)))
			for i, frag := range f.TextFragments {
				var after strings.Builder
				for _, l := range frag.Lines {
					if l.New() {
						after.WriteString(l.Line)
					}
				}
				if err != nil || !strings.Contains(string(b), after.String()) {
					t.Errorf("%s in the %s copy lacks hunk %d (%v)", f.NewName, p.name, i+1, err)
				}
			}
		}
		var out strings.Builder
		if err := buildCopy(&out, dir, p); err != nil {
			t.Fatalf("go build of the patched %s: %v\n%s", p.name, err, out.String())
		}
	}
}

// TestCacheIsOutsideRepo: the patched copies and the go.work live in the
// user's cache folder, not in the checkout, and the go.work names each
// copy relative to itself (what the wasm's build info records).
func TestCacheIsOutsideRepo(t *testing.T) {
	abs, err := filepath.Abs(repo)
	if err != nil {
		t.Fatal(err)
	}
	name, err := Workspace(repo)
	if err != nil {
		t.Fatal(err)
	}
	work, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(work), "\nuse "+strconv.Quote(abs)+"\n") {
		t.Errorf("%s does not use the repository %s:\n%s", name, abs, work)
	}
	paths := []string{name}
	for _, p := range patchedModules {
		_, replace, ok := strings.Cut(string(work), "\nreplace "+p.path+" => ")
		if !ok {
			t.Fatalf("%s does not replace %s:\n%s", name, p.name, work)
		}
		replace, _, _ = strings.Cut(replace, "\n")
		replace, err = strconv.Unquote(replace)
		if err != nil {
			t.Fatalf("%s: replace path of %s: %v", name, p.name, err)
		}
		if want := "../" + p.id + "-" + p.version + "-" + patchHash(p.patch); replace != want {
			t.Errorf("%s replaces %s by %s, want %s", name, p.name, replace, want)
		}
		dir := filepath.Join(filepath.Dir(name), filepath.FromSlash(replace))
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
			t.Errorf("%s's copy: %v", p.name, err)
		}
		paths = append(paths, dir)
	}
	for _, p := range paths {
		if rel, err := filepath.Rel(abs, p); err == nil && filepath.IsLocal(rel) {
			t.Errorf("%s is inside the repository %s", p, abs)
		}
		if !strings.HasPrefix(p, cacheDir()+string(filepath.Separator)) {
			t.Errorf("%s is not under the cache folder %s", p, cacheDir())
		}
	}
	if user, err := os.UserCacheDir(); err == nil && !strings.HasPrefix(cacheDir(), user) {
		t.Errorf("cacheDir() = %s, not under the user's cache folder %s", cacheDir(), user)
	}
}

// TestCacheWithoutHome: with no cache folder known, the build still has
// one, in the temporary folder.
func TestCacheWithoutHome(t *testing.T) {
	for _, v := range []string{"HOME", "XDG_CACHE_HOME", "LocalAppData", "home"} {
		t.Setenv(v, "")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		t.Skipf("this OS still has a cache folder without $HOME: %s", dir)
	}
	if got, want := cacheDir(), filepath.Join(os.TempDir(), "synctoken-cache", "wasmbuild"); got != want {
		t.Errorf("cacheDir() = %s, want %s", got, want)
	}
}

// TestWasmImportsNoBuildTool: go-gitdiff (and wasmbuild itself) are
// build tools; none of it may reach the browser app.
func TestWasmImportsNoBuildTool(t *testing.T) {
	cmd := goCmd(repo, "list", "-deps", ".")
	cmd.Env = append(cmd.Env, "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "synctoken/graph") || !slices.Contains(deps, MSALModule+"/apps/public") {
		t.Fatalf("go list -deps lacks synctoken/graph or MSAL Go: the check would pass vacuously:\n%s", out)
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "github.com/bluekeyes/go-gitdiff") || strings.HasPrefix(d, "synctoken/internal/wasmbuild") {
			t.Errorf("the browser app imports the build tool %s", d)
		}
	}
}

// skipBuild skips a test that compiles the browser app or all of MSAL Go
// under go test -short, saying why, so that `go test -short ./...` stays a
// quick loop; make test runs them all.
func skipBuild(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("build test: skipped under -short (it compiles the wasm or the patched MSAL Go, 10-40 s); make test runs it")
	}
}
