package graph

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// keyTableFiles are the only files that may spell a credential key: the
// embedded enum and the constants written beside it.
var keyTableFiles = map[string]bool{"secretkeys_names.go": true}

// TestNoKeyLiteralOutsideItsTable finds every string literal equal to a
// synchronizationSecret name in the non-test Go files of graph/ and app/
// (graph/graphtest keeps its own table on purpose, to check graph against
// an independent copy) and fails on each outside the key table: a key is
// named once, as a constant, so a typo is a compile error, not a 400.
func TestNoKeyLiteralOutsideItsTable(t *testing.T) {
	var found []string
	for _, root := range []string{".", "../app"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if path != root && (d.Name() == "graphtest" || d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) {
					return filepath.SkipDir
				}
				return nil
			}
			name := d.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || keyTableFiles[name] && filepath.Dir(path) == "." {
				return nil
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			ast.Inspect(f, func(n ast.Node) bool {
				lit, ok := n.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				// "None" is also a member of other enums (a restart's
				// criteria), and never a key anyone sends.
				if s, err := strconv.Unquote(lit.Value); err == nil && IsSecretKey(s) && s != KeyNone {
					found = append(found, fset.Position(lit.Pos()).String()+": "+lit.Value)
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range found {
		t.Errorf("%s: a credential key spelled outside its table; use its Key… constant", f)
	}
}

var updateKeys = flag.Bool("update-keys", false, "rewrite secretkeys_names.go from secretkeys.tsv")

// TestKeyConstantsMatchTable checks that secretkeys_names.go holds one
// constant per name of secretkeys.tsv, spelled as the table spells it, and
// nothing else; -update-keys rewrites it after a new table is copied in.
func TestKeyConstantsMatchTable(t *testing.T) {
	var b bytes.Buffer
	b.WriteString(`// Code generated from secretkeys.tsv by TestKeyConstantsMatchTable; DO NOT EDIT.
// To refresh after copying a new secretkeys.tsv: go test ./graph -run TestKeyConstantsMatchTable -update-keys

package graph

// The names of Graph's synchronizationSecret enum (secretkeys.tsv), one
// constant each: the only place in graph and app where a credential key is
// spelled, so that a mistyped key is a compile error rather than Graph's
// 400 "Requested value … was not found" (TestNoKeyLiteralOutsideItsTable).
const (
`)
	for _, k := range SecretKeys() {
		fmt.Fprintf(&b, "\tKey%s = %q // %d\n", k.Name, k.Name, k.Value)
	}
	b.WriteString(")\n")
	want, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if *updateKeys {
		if err := os.WriteFile("secretkeys_names.go", want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("secretkeys_names.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("secretkeys_names.go differs from secretkeys.tsv; run go test ./graph -run TestKeyConstantsMatchTable -update-keys. Want:\n%s", want)
	}
}
