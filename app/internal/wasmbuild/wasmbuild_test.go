package wasmbuild

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const repo = "../../.."

// entry matches the linker edges through which code reaches net/http's
// client and transport, or the sandbox.
var entry = regexp.MustCompile(`-> (net/http\.(DefaultTransport|DefaultClient|Get|Post|PostForm|Head|\(\*Client\)\.(Do|do|send)|\(\*Transport\)\.(RoundTrip|roundTrip))|go:itab\.\*?net/http\.(Client|Transport),|type:\*?net/http\.(Client|Transport) |synctoken/graph/graphtest\.[^ ]*)`)

// linkerNoise are the data symbols the linker merges across packages and
// may name after any of them: not code of that package.
var linkerNoise = regexp.MustCompile(`\.(stkobj|arginfo\d*|argliveinfo|stmp_\d+|opendefer|args_stackmap|wrapinfo)( |$)`)

// TestWasmLinksNoTransport builds the browser app as make wasm does and
// fails if anything links net/http's client or transport (about 5 MB: the
// wasm sends through fetch) or the sandbox, which the published site must
// never contain. MSAL Go's own two paths are cut by msalEdits; this is
// the test that they stay cut.
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
	for _, line := range strings.Split(string(deps), "\n") {
		caller, _, _ := strings.Cut(line, " -> ")
		if !entry.MatchString(line) || linkerNoise.MatchString(line) {
			continue
		}
		if strings.HasPrefix(caller, "net/http.") || strings.HasPrefix(caller, "type:") || strings.HasPrefix(caller, "go:itab.") ||
			strings.HasPrefix(caller, "synctoken/graph/graphtest.") {
			continue // net/http's own wiring, reached only if an entry above is
		}
		t.Errorf("the wasm links the client transport or the sandbox through: %s", line)
	}
}

// TestMSALAsPublishedLinksTransport is the reason for the edits: without
// them the same build links the transport through MSAL Go. When this
// fails, MSAL Go no longer needs them; drop them.
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

// TestTrimmedMSALKeepsItsAPI: the edited copy still compiles natively and
// vets clean, so the edits changed behaviour only where they say.
func TestTrimmedMSALKeepsItsAPI(t *testing.T) {
	dir, err := trimmedMSAL(repo, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"apps/internal/shared/shared.go", "apps/internal/oauth/ops/authority/authority.go"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !strings.Contains(string(b), "synctoken's browser build") {
			t.Errorf("%s in the copy does not carry its edit (%v)", f, err)
		}
	}
	cmd := goCmd(dir, "vet", "./apps/public/", "./apps/internal/...")
	cmd.Env = append(cmd.Env, "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the trimmed MSAL Go: %v\n%s", err, out)
	}
}
