package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hello builds testdata/hello for js/wasm, as a plain go build does.
func hello(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "hello.wasm")
	cmd := exec.Command("go", "build", "-o", out, "./testdata/hello")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWORK=off")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/hello: %v\n%s", err, b)
	}
	return out
}

// TestReadsAGoWasm: every function of the code section is named by
// runtime.pclntab, in one order, with its package and sizes; the
// pclntab's parts lie in order inside the memory image.
func TestReadsAGoWasm(t *testing.T) {
	x, err := load(hello(t), "")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]fn{}
	for _, f := range x.t.funcs {
		byName[f.name] = f
	}
	for name, pkg := range map[string]string{"main.main": "main", "main.greeting": "main", "fmt.Fprintln": "fmt", "runtime.main": "runtime"} {
		f, ok := byName[name]
		if !ok {
			t.Errorf("%s is not among the %d functions read", name, len(x.t.funcs))
			continue
		}
		if f.pkg != pkg || f.code <= 0 || f.meta <= len(name) {
			t.Errorf("%s: package %q, code %d, metadata %d bytes; want %q and sizes above its name's", name, f.pkg, f.code, f.meta, pkg)
		}
	}
	t0 := x.t
	bounds := []int{0, t0.start, t0.funcnames[0], t0.funcnames[1], t0.cutab[1], t0.filetab[1], t0.pctab[1], t0.recs[1], len(x.m.mem)}
	for i := 1; i < len(bounds); i++ {
		if bounds[i] < bounds[i-1] {
			t.Errorf("pclntab's parts out of order: %v", bounds)
		}
	}
	if t0.pctab[0] != t0.filetab[1] || t0.recs[0] != t0.pctab[1] {
		t.Errorf("pclntab's parts do not adjoin: %v %v %v", t0.filetab, t0.pctab, t0.recs)
	}
}

// TestComparedWithItself: a file against itself has nothing more in any
// package, and its sizes appear in both columns.
func TestComparedWithItself(t *testing.T) {
	f := hello(t)
	var b bytes.Buffer
	if err := run(&b, f, f, "main", 1000, false); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	rows := 0
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "| runtime |") || strings.HasPrefix(line, "| main |") || strings.HasPrefix(line, "| fmt |") {
			rows++
			if !strings.HasSuffix(line, " +0.0 KB |") {
				t.Errorf("against itself: %s", line)
			}
		}
	}
	if rows != 3 {
		t.Errorf("the report lists %d of runtime, main and fmt:\n%s", rows, out)
	}
}

// TestRefusesWhatIsNotAGoWasm: a cut file and a file of another kind are
// refused with an error, never a panic.
func TestRefusesWhatIsNotAGoWasm(t *testing.T) {
	b, err := os.ReadFile(hello(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{0, 7, 9, 100, len(b) / 3, len(b) - 1} {
		if m, err := parse(b[:cut]); err == nil {
			if _, err := findPclntab(m.mem); err == nil && cut < len(b)/2 {
				t.Errorf("the first %d bytes read as a whole Go wasm", cut)
			}
		}
	}
	if _, err := parse([]byte("\x7fELF\x02\x01\x01\x00")); err == nil {
		t.Error("an ELF header reads as wasm")
	}
	if _, err := findPclntab(make([]byte, 4096)); err == nil {
		t.Error("zeros read as a pclntab")
	}
}

func TestPkgOf(t *testing.T) {
	for name, want := range map[string]string{
		"synctoken/app.(*Page).Render":                                  "synctoken/app",
		"synctoken/app.(*signInStep).completeSignIn.func1.1":            "synctoken/app",
		"github.com/maxence-charriere/go-app/v9/pkg/app.Div":            "github.com/maxence-charriere/go-app/v9/pkg/app",
		"encoding/json.(*decodeState).object":                           "encoding/json",
		"slices.Index[go.shape.[]synctoken/graph.Kind,go.shape.string]": "slices",
		"type:.eq.synctoken/graph.Job":                                  "type:.eq.synctoken/graph",
		"go:buildid":                                                    "go",
		"main.main":                                                     "main",
	} {
		if got := pkgOf(name); got != want {
			t.Errorf("pkgOf(%q) = %q, want %q", name, got, want)
		}
	}
}
