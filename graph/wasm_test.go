package graph

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// msalDefaultClient is the one way net/http's client reaches the wasm:
// MSAL Go's public.New stores its shared *http.Client as the default
// before WithHTTPClient replaces it, and that conversion alone links the
// transport (measured: floor with public.New 12.9 MB, page without 8.2 MB).
const msalDefaultClient = "github.com/AzureAD/microsoft-authentication-library-for-go/apps/public.New -> go:itab.*net/http.Client,"

// entry matches the linker edges through which code reaches net/http's
// client and transport, or the sandbox.
var entry = regexp.MustCompile(`-> (net/http\.(DefaultTransport|DefaultClient|Get|Post|PostForm|Head|\(\*Transport\)\.RoundTrip)|go:itab\.\*net/http\.(Client|Transport),|type:\*net/http\.(Client|Transport) |synctoken/graph/graphtest\.[^ ]*)$`)

// linkerNoise are the data symbols the linker merges across packages and
// may name after any of them: not code of that package.
var linkerNoise = regexp.MustCompile(`\.(stkobj|arginfo\d*|argliveinfo|stmp_\d+|opendefer|args_stackmap|wrapinfo)( |$)`)

// TestWasmLinksNoTransport builds the browser app and fails if synctoken's
// own code links net/http's client transport (about 5 MB: the wasm sends
// through fetch) or the sandbox, which the published site must never
// contain. The single path MSAL Go itself opens is allowed and named.
func TestWasmLinksNoTransport(t *testing.T) {
	out := filepath.Join(t.TempDir(), "app.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-dumpdep", "-o", out, "..")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	deps, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("building the wasm: %v\n%s", err, deps[:min(len(deps), 2000)])
	}
	if !strings.Contains(string(deps), "synctoken/graph.(*Client).Do") {
		t.Fatal("-dumpdep output lacks graph.(*Client).Do: the check would pass vacuously")
	}
	for _, line := range strings.Split(string(deps), "\n") {
		caller, _, _ := strings.Cut(line, " -> ")
		if !entry.MatchString(line) || linkerNoise.MatchString(line) || strings.HasPrefix(line, msalDefaultClient) {
			continue
		}
		if strings.HasPrefix(caller, "net/http.") || strings.HasPrefix(caller, "type:") || strings.HasPrefix(caller, "go:itab.*net/http.") ||
			strings.HasPrefix(caller, "synctoken/graph/graphtest.") {
			continue // net/http's own wiring, reached only if an entry above is
		}
		t.Errorf("the wasm links the client transport or the sandbox through: %s", line)
	}
}
