package graph

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWasmLinksNoTransport builds the browser app and fails if it links
// net/http's client transport (about 5 MB of a 12.5 MB build) or the
// sandbox, which the published site must never contain.
func TestWasmLinksNoTransport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the wasm; run without -short")
	}
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
	for _, forbidden := range []string{
		"net/http.(*Transport).roundTrip",
		"net/http.(*Client).Do",
		"synctoken/graph/graphtest.",
		"net/http.(*Server).Serve",
	} {
		for _, line := range strings.Split(string(deps), "\n") {
			if strings.HasSuffix(line, "-> "+forbidden) || strings.Contains(line, "-> "+forbidden) {
				t.Errorf("the wasm links %s, via: %s", forbidden, line)
				break
			}
		}
	}
}
