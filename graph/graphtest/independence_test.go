package graphtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"synctoken/graph"
)

// TestNoAnswersFromGraph: the sandbox takes from package graph only its
// types (a Credential is the shape both sides share), never its answers:
// not IsSecretKey, CarriesAuthorizationCode, InvalidCredentialsText nor
// any other function, constant or variable, as a simulator that asks the
// client what is right agrees with it by construction and cannot catch
// its mistakes. Read with go/ast over the package's non-test files, and
// graph's own files for which of its names are types.
func TestNoAnswersFromGraph(t *testing.T) {
	types := map[string]bool{}
	for _, f := range parseDir(t, "..") {
		for _, d := range f.Decls {
			if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.TYPE {
				for _, s := range g.Specs {
					types[s.(*ast.TypeSpec).Name.Name] = true
				}
			}
		}
	}
	if !types["Credential"] || types["IsSecretKey"] {
		t.Fatalf("reading graph's types went wrong: %v", types)
	}
	fset := token.NewFileSet()
	uses := 0
	for name, f := range parseDirFset(t, fset, ".") {
		local := ""
		for _, im := range f.Imports {
			if p, _ := strconv.Unquote(im.Path.Value); p == "synctoken/graph" {
				local = "graph"
				if im.Name != nil {
					local = im.Name.Name
				}
			}
		}
		if local == "" {
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == local && x.Obj == nil {
				uses++
				if !types[sel.Sel.Name] {
					t.Errorf("%s: %s uses graph.%s, an answer of the client under test: the sandbox must have its own", name, fset.Position(sel.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
	if uses == 0 {
		t.Error("the sandbox uses nothing of graph: the check found no graph.X at all, so it no longer sees them")
	}
	// The three answers issue 20 named, in case graph ever made one a type.
	for _, name := range []string{"IsSecretKey", "CarriesAuthorizationCode", "InvalidCredentialsText"} {
		if types[name] {
			t.Errorf("graph.%s is now a type: check by name instead", name)
		}
	}
}

// TestSandboxAnswersAgreeWithGraph: the sandbox's own answers and graph's
// agree today; when they part, one of them is wrong, and this says which
// question to take to the reference data.
func TestSandboxAnswersAgreeWithGraph(t *testing.T) {
	for _, k := range graph.SecretKeys() {
		if !isSecretKey(k.Name) {
			t.Errorf("graph names %q a secret key; the sandbox's copy of the enum does not", k.Name)
		}
	}
	for _, name := range []string{"", "None", "BaseAddress", "SecretToken", "secrettoken", "Oauth2AuthorizationCode", "NotAKey"} {
		if isSecretKey(name) != graph.IsSecretKey(name) {
			t.Errorf("isSecretKey(%q) = %v, graph.IsSecretKey = %v", name, isSecretKey(name), graph.IsSecretKey(name))
		}
	}
	for _, pairs := range [][]graph.Credential{nil, {{Key: "Oauth2AuthorizationCode"}}, {{Key: "Oauth2AuthorizationCode", Value: "c"}}, {{Key: "SecretToken", Value: "c"}}} {
		if carriesCode(pairs) != graph.CarriesAuthorizationCode(pairs) {
			t.Errorf("carriesCode(%v) = %v, graph says %v", pairs, carriesCode(pairs), !carriesCode(pairs))
		}
	}
	if !strings.HasPrefix(invalidCredentials, graph.InvalidCredentialsText+" ") {
		t.Errorf("the sandbox's failure text %q does not start with graph's %q", invalidCredentials, graph.InvalidCredentialsText)
	}
}

// parseDir parses the non-test Go files of dir.
func parseDir(t *testing.T, dir string) map[string]*ast.File {
	return parseDirFset(t, token.NewFileSet(), dir)
}

func parseDirFset(t *testing.T, fset *token.FileSet, dir string) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	return files
}
