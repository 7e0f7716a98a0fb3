package graph

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestImports: graph builds and sends the Graph calls and nothing else, so
// it links neither MSAL Go (graph/signin holds it), nor the UI, nor the
// sandbox, natively or in the browser build.
func TestImports(t *testing.T) {
	tool := os.Getenv("GO")
	if tool == "" {
		tool = "go"
	}
	forbidden := []string{
		"github.com/AzureAD/microsoft-authentication-library-for-go",
		"github.com/maxence-charriere/go-app",
		"synctoken/app",
		"synctoken/graph/signin",
		"synctoken/graph/graphtest",
	}
	for _, env := range [][]string{nil, {"GOOS=js", "GOARCH=wasm"}} {
		cmd := exec.Command(tool, "list", "-deps", ".")
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps (%v): %v", env, err)
		}
		deps := strings.Fields(string(out))
		if len(deps) < 10 || deps[len(deps)-1] != "synctoken/graph" {
			t.Fatalf("go list -deps (%v) listed %d packages ending in %q: the check would pass vacuously", env, len(deps), deps[len(deps)-1])
		}
		for _, d := range deps {
			for _, f := range forbidden {
				if d == f || strings.HasPrefix(d, f+"/") {
					t.Errorf("graph imports %s (%v)", d, env)
				}
			}
		}
	}
}
