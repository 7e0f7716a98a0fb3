package app

import (
	"go/ast"
	"go/parser"
	gotoken "go/token"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// TestSelectorsInApp is the guard the markup constructors need, as the
// compiler no longer checks their markup: it reads app/'s code (go/ast,
// not the running page, so a selector on a rarely shown branch is read
// too) and holds every selector passed to a constructor, a function with
// a parameter sel, to parseSelector's grammar (markup.go). A selector
// that is not a string literal is refused, as the guard could not read
// it, except a constructor handing its own sel on. Classes given to
// button, and the names in attrs{…} literals, are checked as well.
func TestSelectorsInApp(t *testing.T) {
	fset := gotoken.NewFileSet()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// The constructors: each function with a string parameter sel, and
	// the index of that parameter.
	ctors := map[string]int{}
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil {
				continue
			}
			i := 0
			for _, field := range fn.Type.Params.List {
				for _, n := range field.Names {
					if n.Name == "sel" {
						ctors[fn.Name.Name] = i
					}
					i++
				}
				if len(field.Names) == 0 {
					i++
				}
			}
		}
	}
	for _, name := range []string{"el", "elWith", "elem", "textEl", "textWith"} {
		if _, ok := ctors[name]; !ok {
			t.Errorf("the guard found no constructor %s(sel …): it would check nothing of its calls", name)
		}
	}
	checked := 0
	for _, f := range files {
		var inCtor bool
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok {
				_, inCtor = ctors[fn.Name.Name]
			}
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CallExpr:
					fn, ok := n.Fun.(*ast.Ident)
					if !ok {
						return true
					}
					if i, ok := ctors[fn.Name]; ok && i < len(n.Args) {
						arg := n.Args[i]
						if id, ok := arg.(*ast.Ident); ok && id.Name == "sel" && inCtor {
							return true
						}
						sel, ok := stringLit(arg)
						if !ok {
							t.Errorf("%s: %s's selector is not a string literal: the guard cannot read it", fset.Position(arg.Pos()), fn.Name)
							return true
						}
						checked++
						parsed, err := parseSelector(sel)
						if err != nil {
							t.Errorf("%s: %s(%q): %v", fset.Position(arg.Pos()), fn.Name, sel, err)
						}
						// The names the page adds (dyn) must not repeat the
						// selector's: a second id, or a value set twice.
						// Classes join, so class may be in both.
						for _, name := range dynNames(fn.Name, n) {
							for _, a := range parsed.attrs {
								if a[0] == name && name != "class" {
									t.Errorf("%s: %s(%q, …) sets %s again in its attributes", fset.Position(arg.Pos()), fn.Name, sel, name)
								}
							}
						}
					}
					if fn.Name == "inputEl" || fn.Name == "textWith" {
						for _, name := range dynNames(fn.Name, n) {
							if name != "id" && name != "class" && !knownAttr(name) {
								t.Errorf("%s: %s(…, %q, …): unknown attribute", fset.Position(n.Pos()), fn.Name, name)
							}
						}
					}
					if fn.Name == "button" && len(n.Args) == 3 {
						if class, ok := stringLit(n.Args[1]); ok && class != "" {
							for _, c := range strings.Fields(class) {
								if !isName(c) {
									t.Errorf("%s: button class %q: a class is letters, digits, - and _", fset.Position(n.Args[1].Pos()), c)
								}
							}
						}
					}
				case *ast.CompositeLit:
					if typ, ok := n.Type.(*ast.Ident); !ok || typ.Name != "attrs" {
						return true
					}
					for i := 0; i < len(n.Elts); i += 2 {
						name, ok := stringLit(n.Elts[i])
						switch {
						case !ok:
							t.Errorf("%s: an attribute name in attrs{…} is not a string literal: the guard cannot read it", fset.Position(n.Elts[i].Pos()))
						case name != "id" && name != "class" && !knownAttr(name):
							t.Errorf("%s: attrs{%q, …}: unknown attribute", fset.Position(n.Elts[i].Pos()), name)
						}
					}
				}
				return true
			})
		}
	}
	// app/ has some two hundred selectors: far fewer means the guard
	// stopped seeing them.
	if checked < 150 {
		t.Errorf("the guard read %d selectors in app/, want at least 150: does it still find the constructors' calls?", checked)
	}
	t.Logf("%d selectors read", checked)
}

// dynNames are the attribute names a call to fn sets besides its
// selector, as far as they are literals: attrs{…} given to elWith or elem,
// the name and value pairs after textWith's text, and inputEl's pairs.
func dynNames(fn string, call *ast.CallExpr) []string {
	var pairs []ast.Expr
	switch fn {
	case "elWith", "elem":
		if len(call.Args) > 1 {
			if lit, ok := call.Args[1].(*ast.CompositeLit); ok {
				pairs = lit.Elts
			}
		}
	case "textWith":
		if len(call.Args) > 2 && call.Ellipsis == gotoken.NoPos {
			pairs = call.Args[2:]
		}
	case "inputEl":
		if call.Ellipsis == gotoken.NoPos {
			pairs = call.Args
		}
	}
	var names []string
	for i := 0; i < len(pairs); i += 2 {
		if name, ok := stringLit(pairs[i]); ok {
			names = append(names, name)
		}
	}
	return names
}

// stringLit is the value of e if it is a string literal.
func stringLit(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != gotoken.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

// TestParseSelector: the grammar in markup.go's doc comment, selector by
// selector, each good one with what it sets and each bad one with the
// reason it is refused.
func TestParseSelector(t *testing.T) {
	for _, tc := range []struct {
		sel   string
		tag   string
		attrs [][2]string
	}{
		{"p", "p", nil},
		{"h2", "h2", nil},
		{"p.hint", "p", [][2]string{{"class", "hint"}}},
		{"p#lookup-error.problem.error", "p", [][2]string{{"id", "lookup-error"}, {"class", "problem error"}}},
		{"button.primary#send[type=button]", "button", [][2]string{{"id", "send"}, {"type", "button"}, {"class", "primary"}}},
		{"section.form[aria-label=Request details]", "section", [][2]string{{"aria-label", "Request details"}, {"class", "form"}}},
		{"div#retry[aria-live=polite][aria-relevant=additions]", "div", [][2]string{{"id", "retry"}, {"aria-live", "polite"}, {"aria-relevant", "additions"}}},
		{"option[selected=true]", "option", [][2]string{{"selected", "true"}}},
		{"label[for=preset]", "label", [][2]string{{"for", "preset"}}},
		{"div[data-kind=x.y#z]", "div", [][2]string{{"data-kind", "x.y#z"}}},
		{"a[href=https://example.com/a?b=c]", "a", [][2]string{{"href", "https://example.com/a?b=c"}}},
	} {
		got, err := parseSelector(tc.sel)
		if err != nil || got.tag != tc.tag || !reflect.DeepEqual(got.attrs, tc.attrs) {
			t.Errorf("parseSelector(%q) = %q %q, %v; want %q %q", tc.sel, got.tag, got.attrs, err, tc.tag, tc.attrs)
		}
	}
	for _, tc := range []struct{ sel, err string }{
		{"", "no tag"},
		{"#id", "no tag"},
		{".hint", "no tag"},
		{"Div", `unknown tag "Div"`},
		{"buton", `unknown tag "buton"`},
		{"script", `unknown tag "script"`},
		{"iframe#x", `unknown tag "iframe"`},
		{"button[disabled]", "[disabled] bare: go-app reads a boolean attribute's value, and an empty one is false; write [disabled=true]"},
		{"option[selected]", "[selected] bare"},
		{"details[open]", "[open] bare"},
		{"input[type]", "[type] bare: write [type=value]"},
		{"button[disabled=yes]", "a boolean attribute in a selector is [disabled=true]"},
		{"button[disabled=1]", "a boolean attribute in a selector is [disabled=true]"},
		{"button[disabled=false]", `leave the attribute out; the prerendered HTML would say disabled="false"`},
		{"button[disabld=true]", `unknown attribute "disabld"`},
		{"div[aria-labeledby=x]", `unknown attribute "aria-labeledby"`},
		{"div[onclick=alert(1)]", `unknown attribute "onclick"`},
		{"div[style=color:red]", `unknown attribute "style"`},
		{"div[data-=x]", `unknown attribute "data-"`},
		{`div[aria-label="Request"]`, "a quote"},
		{"div[aria-label='Request']", "a quote"},
		{"div[title=`x`]", "a quote"},
		{"p#a#b", "two ids (#b)"},
		{"p#a.x#b", "two ids (#b)"},
		{"p[id=a]", "write #id or .class"},
		{"p[class=a]", "write #id or .class"},
		{"div[role=alert", "[role=alert has no ]"},
		{"div[role=alert][", "[ has no ]"},
		{"div[role=[alert]", "a [ inside brackets"},
		{"div]", "a ] without its ["},
		{"div[role=alert]]", "a ] without its ["},
		{"p.a]b", "a ] without its ["},
		{"p.", `class "": an id or class is letters, digits`},
		{"p#", `id "": an id or class is letters, digits`},
		{"p..a", `class ""`},
		{"p.a b", `class "a b"`},
		{"div[role=]", "empty value"},
		{"div[role=alert][role=status]", "[role] twice"},
	} {
		got, err := parseSelector(tc.sel)
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("parseSelector(%q) = %q %q, %v; want an error with %q", tc.sel, got.tag, got.attrs, err, tc.err)
		}
	}
}

// TestElemSetsWhatParseSelectorReads: elem renders every attribute of a
// good selector as parseSelector reads it, and [disabled=true], which the
// guard asks for instead of a bare [disabled], renders a disabled button.
func TestElemSetsWhatParseSelectorReads(t *testing.T) {
	// go-app writes an attribute whose value is true bare.
	attr := regexp.MustCompile(` ([a-z-]+)(?:="([^"]*)")?`)
	for _, sel := range []string{
		"p#lookup-error.problem.error",
		"button.primary#send[type=button]",
		"section.form[aria-label=Request details]",
		"div#retry[aria-live=polite][aria-relevant=additions]",
		"a[href=https://example.com/a?b=c]",
		"div[data-kind=x.y#z]",
		"button[disabled=true]",
	} {
		want, err := parseSelector(sel)
		if err != nil {
			t.Fatal(err)
		}
		html := app.HTMLString(el(sel))
		got := map[string]string{}
		for _, m := range attr.FindAllStringSubmatch(html, -1) {
			got[m[1]] = m[2]
			if !strings.Contains(m[0], "=") {
				got[m[1]] = "true"
			}
		}
		if len(got) != len(want.attrs) || !strings.HasPrefix(html, "<"+want.tag) {
			t.Errorf("el(%q) renders %s, want %s with %q", sel, html, want.tag, want.attrs)
		}
		for _, a := range want.attrs {
			if got[a[0]] != a[1] {
				t.Errorf("el(%q) renders %s: %s=%q, want %q", sel, html, a[0], got[a[0]], a[1])
			}
		}
	}
}
