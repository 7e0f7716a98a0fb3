package app_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestHandlersRecover checks, by reading the package's source, that every
// handler go-app calls starts with `defer recovered(ctx)`: a panic
// anywhere else stops the wasm and leaves a dead page (see guard.go).
//
// What counts as a handler, in every non-test .go file of the package:
//   - an argument of a call to a method named On or On…(OnClick,
//     OnInput, OnChange, OnFocus, On("focusin", …), …): go-app's element
//     event handlers;
//   - an argument of a call to a method named Handle: ctx.Handle's
//     action handlers, which go-app also calls on the page's goroutine;
//   - the value of a composite literal's field named On… (the Response
//     panel's OnLookUp and OnTest): a handler handed to a component,
//     which registers it with OnClick(r.OnLookUp);
//   - a method named On… whose first parameter is an app.Context:
//     go-app's lifecycle hooks (OnMount, OnNav, OnAppUpdate), called
//     on the page's goroutine like handlers.
//
// A handler given as a func literal is checked in place; one given as a
// method value (p.onSend) or a function name is looked up by name among
// the package's declarations and its body checked; one built by a call
// (storeValue(&p.x)) is looked up by the name of the function called,
// every one of whose returns must be a func literal, each checked. A component field
// passed on (r.OnLookUp) is not checked there: what is assigned to it is.
// A handler given any other way cannot be checked and is an offender.
// Its first statement must be `defer recovered(x)`, x being its first
// parameter, the app.Context go-app gives it.
//
// Not counted: app.FuncOf callbacks (window listeners, BroadcastChannel
// messages, the test panic hook). They are JavaScript glue with no
// app.Context to report a panic to; they hand their work to the page
// through p.dispatch or dispatch, which recover.
func TestHandlersRecover(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var parsed []*ast.File
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, f)
	}
	h := handlerCheck{fset: fset, funcs: map[string][]*ast.FuncDecl{}, fields: map[string]bool{}}
	h.declare(parsed)
	for _, f := range parsed {
		h.inspect(f)
	}
	if h.checked == 0 {
		t.Fatal("found no event handler at all: the test does not recognise how the page registers them")
	}
	t.Logf("checked %d handlers", h.checked)
	slices.Sort(h.offenders)
	for _, o := range slices.Compact(h.offenders) {
		t.Error(o)
	}
}

// handlerCheck walks the package's files for handlers (see
// TestHandlersRecover) and collects those that do not recover.
type handlerCheck struct {
	fset      *token.FileSet
	funcs     map[string][]*ast.FuncDecl // by name: methods of any receiver, and functions
	fields    map[string]bool            // struct fields named On…: handlers passed on to a component
	checked   int
	offenders []string
}

// declare indexes the package's functions and methods by name, and the
// struct fields named On….
func (h *handlerCheck) declare(files []*ast.File) {
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				h.funcs[n.Name.Name] = append(h.funcs[n.Name.Name], n)
			case *ast.StructType:
				for _, field := range n.Fields.List {
					for _, name := range field.Names {
						if handlerName(name.Name) {
							h.fields[name.Name] = true
						}
					}
				}
			}
			return true
		})
	}
}

// inspect finds the handlers of one file and checks each.
func (h *handlerCheck) inspect(f *ast.File) {
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			if n.Recv != nil && handlerName(n.Name.Name) && firstParamIsContext(n.Type) {
				h.check(n.Name.Name, n.Type, n.Body, n.Pos())
			}
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			// On(event, h, scope…) and Handle(action, h) name what they
			// handle first; OnClick(h, scope…) and the like take h first.
			at := 0
			switch name := sel.Sel.Name; {
			case name == "On" || name == "Handle":
				at = 1
			case !handlerName(name):
				return true
			}
			if at < len(n.Args) {
				h.handler(sel.Sel.Name, n.Args[at])
			}
		case *ast.KeyValueExpr:
			if key, ok := n.Key.(*ast.Ident); ok && handlerName(key.Name) {
				h.handler(key.Name+":", n.Value)
			}
		}
		return true
	})
}

// handler checks what was registered with via (OnClick, Handle, OnLookUp:
// …) as the expression e.
func (h *handlerCheck) handler(via string, e ast.Expr) {
	switch e := e.(type) {
	case *ast.FuncLit:
		h.check("the func literal given to "+via, e.Type, e.Body, e.Pos())
	case *ast.SelectorExpr: // a method value, p.onSend, or a component's field passed on, r.OnLookUp
		switch decls := h.funcs[e.Sel.Name]; {
		case len(decls) > 0:
			h.checkDecls(e.Sel.Name, decls, e.Pos())
		case h.fields[e.Sel.Name]: // checked where it is set
		default:
			h.offend(e.Pos(), "%s is given %s, which the test cannot find among the package's methods", via, e.Sel.Name)
		}
	case *ast.Ident:
		switch decls := h.funcs[e.Name]; {
		case e.Name == "nil":
		case len(decls) > 0:
			h.checkDecls(e.Name, decls, e.Pos())
		default:
			h.offend(e.Pos(), "%s is given %s, which the test cannot find among the package's functions: give a method or a func literal", via, e.Name)
		}
	case *ast.CallExpr:
		var name string
		switch fn := e.Fun.(type) {
		case *ast.Ident:
			name = fn.Name
		case *ast.SelectorExpr:
			name = fn.Sel.Name
		}
		decls := h.funcs[name]
		if len(decls) == 0 {
			h.offend(e.Pos(), "%s is given a handler built by a call the test cannot follow: give a method or a func literal", via)
		}
		for _, d := range decls {
			h.checkBuilt(name, d, e.Pos())
		}
	default:
		h.offend(e.Pos(), "%s is given a handler the test cannot follow: give a method or a func literal", via)
	}
}

// checkBuilt checks the handlers the function d returns, called at pos to
// build one: each of its returns must be a func literal that recovers.
func (h *handlerCheck) checkBuilt(name string, d *ast.FuncDecl, pos token.Pos) {
	at := h.fset.Position(pos)
	returns := 0
	ast.Inspect(d.Body, func(n ast.Node) bool {
		if _, ok := n.(*ast.FuncLit); ok {
			return false // its own returns are not the handler
		}
		r, ok := n.(*ast.ReturnStmt)
		if !ok {
			return true
		}
		returns++
		var lit *ast.FuncLit
		if len(r.Results) == 1 {
			lit, _ = r.Results[0].(*ast.FuncLit)
		}
		if lit == nil {
			h.offend(r.Pos(), "%s (building a handler at %s:%d) returns something other than a func literal", name, at.Filename, at.Line)
			return true
		}
		h.check(fmt.Sprintf("the func literal %s returns (building a handler at %s:%d)", name, at.Filename, at.Line), lit.Type, lit.Body, lit.Pos())
		return true
	})
	if returns == 0 {
		h.offend(d.Pos(), "%s (building a handler at %s:%d) returns no func literal", name, at.Filename, at.Line)
	}
}

// checkDecls checks the declarations of name, a handler registered at
// pos; an offender is reported where it is declared and says where it is
// registered.
func (h *handlerCheck) checkDecls(name string, decls []*ast.FuncDecl, pos token.Pos) {
	at := h.fset.Position(pos)
	for _, d := range decls {
		h.check(fmt.Sprintf("%s (registered at %s:%d)", name, at.Filename, at.Line), d.Type, d.Body, d.Pos())
	}
}

// check reports the handler what unless its body starts with
// defer recovered(x), x its first parameter.
func (h *handlerCheck) check(what string, ft *ast.FuncType, body *ast.BlockStmt, pos token.Pos) {
	h.checked++
	ctx := firstParamName(ft)
	if body == nil || len(body.List) == 0 || !defersRecovered(body.List[0], ctx) {
		h.offend(pos, "%s does not start with `defer recovered(ctx)`, ctx its first parameter, the app.Context", what)
	}
}

func (h *handlerCheck) offend(pos token.Pos, format string, args ...any) {
	p := h.fset.Position(pos)
	h.offenders = append(h.offenders, fmt.Sprintf("%s:%d: ", p.Filename, p.Line)+fmt.Sprintf(format, args...))
}

// defersRecovered reports whether s is `defer recovered(ctx)`.
func defersRecovered(s ast.Stmt, ctx string) bool {
	d, ok := s.(*ast.DeferStmt)
	if !ok || ctx == "" || ctx == "_" {
		return false
	}
	fn, ok := d.Call.Fun.(*ast.Ident)
	if !ok || fn.Name != "recovered" || len(d.Call.Args) != 1 {
		return false
	}
	arg, ok := d.Call.Args[0].(*ast.Ident)
	return ok && arg.Name == ctx
}

// handlerName reports whether name is On, or On followed by a capital:
// OnClick, OnLookUp; not Once or Online.
func handlerName(name string) bool {
	rest, ok := strings.CutPrefix(name, "On")
	return ok && (rest == "" || unicode.IsUpper([]rune(rest)[0]))
}

func firstParamName(ft *ast.FuncType) string {
	if ft.Params == nil || len(ft.Params.List) == 0 || len(ft.Params.List[0].Names) == 0 {
		return ""
	}
	return ft.Params.List[0].Names[0].Name
}

// firstParamIsContext reports whether ft's first parameter is an
// app.Context.
func firstParamIsContext(ft *ast.FuncType) bool {
	if ft.Params == nil || len(ft.Params.List) == 0 {
		return false
	}
	sel, ok := ft.Params.List[0].Type.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "app" && sel.Sel.Name == "Context"
}
