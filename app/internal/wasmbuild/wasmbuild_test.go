package wasmbuild

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const repo = "../../.."

// forbidden are symbols that must not be reachable in the browser build:
// the heart of net/http's client transport and of TLS (about 5 MB of wasm
// with what they pull in: the wasm sends through fetch), and the sandbox,
// which the published site must never contain.
var forbidden = regexp.MustCompile(`^(net/http\.\(\*Transport\)\.roundTrip$|net/http\.\(\*persistConn\)\.|crypto/tls\.\(\*Conn\)\.Handshake$|synctoken/graph/graphtest\.)`)

// TestWasmLinksNoTransport builds the browser app as make wasm does and
// fails if a forbidden symbol is linked, whatever reaches it. -dumpdep
// prints, for each reachable symbol, the edge that first reached it, so
// the dump is a tree: the test looks at targets, not callers, and prints
// the chain from the root. MSAL Go's own two paths are cut by msalEdits.
func TestWasmLinksNoTransport(t *testing.T) {
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

// TestMSALAsPublishedLinksTransport is the reason for the first two edits:
// without them the same build links the transport through MSAL Go. When
// this fails, MSAL Go no longer needs the one it names; drop it. (The
// certificate-signing edit only saves size: see its why.)
func TestMSALAsPublishedLinksTransport(t *testing.T) {
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

// TestEditsNeedTheirText: an edit whose text is missing or repeated (the
// source changed under it) fails the build rather than being skipped.
func TestEditsNeedTheirText(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte("x := 1\nx := 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		old, want string
	}{
		{"y := 2\n", "occurs 0 times"},
		{"x := 1\n", "occurs 2 times"},
	} {
		err := applyEdits(dir, []edit{{file: "a.go", old: tc.old, new: "", why: "test"}})
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "a.go") {
			t.Errorf("edit of %q: error %v, want one naming a.go and %q", tc.old, err, tc.want)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.go"))
	if string(b) != "x := 1\nx := 1\n" {
		t.Errorf("a failed edit changed the file: %q", b)
	}
}

// TestTrimmedMSALBuilds: every edit is in the copy, and the whole edited
// module (confidential and managed identity clients included) still
// compiles, so an edit cannot leave an API behind that no longer builds.
// What the edits change at run time is argued in each edit's why.
func TestTrimmedMSALBuilds(t *testing.T) {
	dir, err := trimmedMSAL(repo, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range msalEdits {
		if e.new == "" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(e.file)))
		if err != nil || !strings.Contains(string(b), e.new) {
			t.Errorf("%s in the copy lacks its edit (%v)", e.file, err)
		}
	}
	cmd := goCmd(dir, "build", "-mod=readonly", "./apps/...")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build of the trimmed MSAL Go: %v\n%s", err, out)
	}
}
