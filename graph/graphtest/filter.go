package graphtest

import (
	"fmt"
	"net/http"
	"strings"
)

// The sandbox's $filter understands one clause, the look-ups an admin
// makes: startswith(displayName,'Con'), and eq on displayName, appId or id.
// Strings compare without regard to case, as in the directory. Anything
// else that Graph would parse is refused as Graph refuses what it does not
// support (Request_UnsupportedQuery), and what it would not parse as a
// syntax error.

// filterable lists, by property, the operators the sandbox supports.
var filterable = []struct {
	prop string
	ops  []string
}{
	{"displayName", []string{"startswith", "eq"}},
	{"appId", []string{"eq"}},
	{"id", []string{"eq"}},
}

// parseFilter compiles a $filter expression for rt's collection into a
// predicate on its objects.
func parseFilter(expr string, rt route) (func(Object) bool, *apiError) {
	p := &filterParser{s: expr}
	fn, prop, lit, err := p.clause()
	if err != nil {
		return nil, err
	}
	qualified, resource := rt.entityType()
	var known object
	if len(rt.objects) > 0 {
		known = rt.members(rt.objects[0])
	}
	i := -1
	for j, m := range known {
		if strings.EqualFold(m.name, prop) {
			i = j
		}
	}
	if i < 0 {
		return nil, badRequest("Could not find a property named '%s' on type '%s'.", prop, qualified)
	}
	prop = known[i].name
	supported := false
	for _, f := range filterable {
		if f.prop == prop {
			for _, op := range f.ops {
				supported = supported || op == fn
			}
		}
	}
	if !supported || lit == nil {
		return nil, &apiError{http.StatusBadRequest, "Request_UnsupportedQuery", fmt.Sprintf(
			"Unsupported or invalid query filter clause specified for property '%s' of resource '%s'.", prop, resource)}
	}
	want := strings.ToLower(*lit)
	return func(o Object) bool {
		var got string
		for _, m := range rt.members(o) {
			if m.name == prop {
				got, _ = m.value.(string)
			}
		}
		got = strings.ToLower(got)
		if fn == "startswith" {
			return strings.HasPrefix(got, want)
		}
		return got == want
	}, nil
}

// A filterParser reads one clause of a $filter expression.
type filterParser struct {
	s string
	i int
}

// clause reads "fn(prop, 'literal')" or "prop op 'literal'". fn and op come
// back in lower case; lit is nil for a literal that is not a string.
func (p *filterParser) clause() (fn, prop string, lit *string, err *apiError) {
	p.space()
	name := p.ident()
	if name == "" {
		return "", "", nil, p.syntax()
	}
	p.space()
	if p.take('(') {
		fn = strings.ToLower(name)
		if fn != "startswith" && fn != "endswith" && fn != "contains" {
			return "", "", nil, badRequest("An unknown function with name '%s' was found. This may also be a "+
				"function import or a key lookup on a navigation property, which is not allowed.", name)
		}
		p.space()
		if prop = p.ident(); prop == "" {
			return "", "", nil, p.syntax()
		}
		p.space()
		if !p.take(',') {
			return "", "", nil, p.syntax()
		}
		p.space()
		if lit, err = p.literal(); err != nil {
			return "", "", nil, err
		}
		p.space()
		if !p.take(')') {
			return "", "", nil, p.syntax()
		}
	} else {
		prop = name
		start := p.i
		switch fn = strings.ToLower(p.ident()); fn {
		case "eq", "ne", "gt", "ge", "lt", "le":
		default:
			p.i = start
			return "", "", nil, p.syntax()
		}
		p.space()
		if lit, err = p.literal(); err != nil {
			return "", "", nil, err
		}
	}
	p.space()
	if p.i < len(p.s) {
		start := p.i
		if w := strings.ToLower(p.ident()); w == "and" || w == "or" {
			// Graph would combine clauses; the sandbox does not.
			return "", "", nil, &apiError{http.StatusBadRequest, "Request_UnsupportedQuery", "Unsupported Query."}
		}
		p.i = start
		return "", "", nil, p.syntax()
	}
	return fn, prop, lit, nil
}

func (p *filterParser) space() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

func (p *filterParser) take(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// ident reads a name such as displayName or startswith.
func (p *filterParser) ident() string {
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || p.i > start && c >= '0' && c <= '9' {
			p.i++
			continue
		}
		break
	}
	return p.s[start:p.i]
}

// literal reads a quoted string, with OData's doubled quote inside, or
// skips any other literal (a number, true, null) and returns nil for it.
func (p *filterParser) literal() (*string, *apiError) {
	if !p.take('\'') {
		start := p.i
		for p.i < len(p.s) && !strings.ContainsRune(" ,)", rune(p.s[p.i])) {
			p.i++
		}
		if p.i == start {
			return nil, p.syntax()
		}
		return nil, nil
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if !p.take('\'') {
			s := b.String()
			return &s, nil
		}
		b.WriteByte('\'')
	}
	return nil, badRequest("Invalid filter clause: There is an unterminated string literal at position %d in '%s'.", p.i, p.s)
}

func (p *filterParser) syntax() *apiError {
	return badRequest("Invalid filter clause: Syntax error at position %d in '%s'.", p.i, p.s)
}
