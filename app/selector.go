package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// cutPart splits the part of a selector that rest starts with (after the
// tag): its kind ('#', '.' or '['), its text (for '[', what is between
// the brackets) and what follows. elem and parseSelector both read
// selectors through it, so what the guard accepts is what elem renders.
func cutPart(rest string) (kind byte, v, after string) {
	kind, rest = rest[0], rest[1:]
	end := strings.IndexAny(rest, "#.[]")
	if kind == '[' {
		end = strings.IndexByte(rest, ']')
	}
	if end < 0 {
		return kind, rest, ""
	}
	if kind == '[' {
		return kind, rest[:end], rest[end+1:]
	}
	return kind, rest[:end], rest[end:]
}

// selector is a selector as parseSelector reads it: the tag, then the
// attributes in the order elem sets them (id and [name=value] as
// written, the classes joined last).
type selector struct {
	tag   string
	attrs [][2]string
}

// parseSelector reads sel by the grammar in markup.go's doc comment and
// says what is wrong with it. Only the tests call it (TestSelectorsInApp
// reads every selector in app/ through it), so neither it nor its tables
// are in the wasm: elem trusts the selectors the guard has read.
func parseSelector(sel string) (selector, error) {
	var s selector
	if strings.ContainsAny(sel, "\"'`") {
		return s, errors.New("a quote: values are written bare, [aria-label=Request details], and a quote would be part of the value")
	}
	i := strings.IndexAny(sel, "#.[]")
	if i < 0 {
		i = len(sel)
	}
	s.tag = sel[:i]
	switch {
	case s.tag == "":
		return s, errors.New("no tag: a selector starts with the element's name")
	case !in(htmlTags, s.tag):
		return s, fmt.Errorf("unknown tag %q: add it to htmlTags (selector.go) if it is an HTML element the page may use", s.tag)
	}
	var class []string
	seen := map[string]bool{}
	for rest := sel[i:]; rest != ""; {
		if rest[0] == ']' {
			return s, errors.New("a ] without its [")
		}
		kind, v, after := cutPart(rest)
		switch kind {
		case '#', '.':
			what := map[byte]string{'#': "id", '.': "class"}[kind]
			if !isName(v) {
				return s, fmt.Errorf("%s %q: an id or class is letters, digits, - and _, and not empty", what, v)
			}
			if kind == '.' {
				class = append(class, v)
				break
			}
			if seen["id"] {
				return s, fmt.Errorf("two ids (#%s): an element has one", v)
			}
			seen["id"] = true
			s.attrs = append(s.attrs, [2]string{"id", v})
		case '[':
			if !strings.HasPrefix(rest, "["+v+"]") {
				return s, fmt.Errorf("[%s has no ]", v)
			}
			if strings.Contains(v, "[") {
				return s, fmt.Errorf("[%s]: a [ inside brackets", v)
			}
			name, value, ok := strings.Cut(v, "=")
			if err := checkAttr(name, value, ok); err != nil {
				return s, err
			}
			if seen[name] {
				return s, fmt.Errorf("[%s] twice", name)
			}
			seen[name] = true
			s.attrs = append(s.attrs, [2]string{name, value})
		}
		rest = after
	}
	if class != nil {
		s.attrs = append(s.attrs, [2]string{"class", strings.Join(class, " ")})
	}
	return s, nil
}

// checkAttr says what is wrong with the attribute name=value of a
// selector; ok is whether the = was there.
func checkAttr(name, value string, ok bool) error {
	switch {
	case name == "id" || name == "class":
		return fmt.Errorf("[%s=…]: write #id or .class", name)
	case !knownAttr(name):
		return fmt.Errorf("unknown attribute %q: add it to htmlAttrs (selector.go) if it is one", name)
	case !ok && in(booleanAttrs, name):
		// go-app sets a boolean attribute as the DOM property of that
		// name, to strconv.ParseBool of its value: "" is false, so
		// button[disabled] renders an enabled button.
		return fmt.Errorf("[%s] bare: go-app reads a boolean attribute's value, and an empty one is false; write [%s=true]", name, name)
	case !ok:
		return fmt.Errorf("[%s] bare: write [%s=value]", name, name)
	case in(booleanAttrs, name) && value == "false":
		// go-app's HTML (the static pages) writes disabled="false",
		// which a browser reads as disabled.
		return fmt.Errorf("[%s=false]: leave the attribute out; the prerendered HTML would say %s=\"false\", which HTML reads as %s", name, name, name)
	case in(booleanAttrs, name) && value != "true":
		return fmt.Errorf("[%s=%s]: a boolean attribute in a selector is [%s=true]", name, value, name)
	case value == "":
		return fmt.Errorf("[%s=] has an empty value: leave the attribute out", name)
	}
	return nil
}

// isName reports whether s is a non-empty id or class: ASCII letters,
// digits, - and _.
func isName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return s != ""
}

// knownAttr reports whether name is an attribute the page may set: one
// of htmlAttrs or a data- attribute.
func knownAttr(name string) bool {
	if d, ok := strings.CutPrefix(name, "data-"); ok {
		return d != "" && strings.Trim(d, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
	}
	return in(htmlAttrs, name) || in(booleanAttrs, name)
}

// in reports whether word is one of list's space-separated words. The
// lists are constants, not maps, so that nothing of them is built at
// init or kept in the wasm, where parseSelector is not called.
func in(list, word string) bool {
	return slices.Contains(strings.Fields(list), word)
}

// htmlTags are the HTML elements a selector may name. Not script, style,
// iframe, object or embed: the page builds none, and one made from a
// selector would slip past the review its risk needs.
const htmlTags = `a abbr article aside b blockquote br button caption code col colgroup
	datalist dd del details dfn div dl dt em fieldset figcaption figure footer form
	h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label legend li main mark meter nav
	ol optgroup option output p pre progress q s samp section select small span strong
	sub summary sup table tbody td textarea tfoot th thead time tr u ul var`

// booleanAttrs are the attributes go-app sets as boolean DOM properties
// (setJSAttribute in its attribute.go), from strconv.ParseBool of the value.
const booleanAttrs = `async autofocus autoplay checked default defer disabled hidden
	loop multiple muted open required reversed selected readonly ismap`

// htmlAttrs are the other attributes a selector may set: HTML's and
// ARIA's that the page has use for.
const htmlAttrs = `accept action alt autocomplete cols colspan datetime dir download
	enctype enterkeyhint for headers height href inputmode label lang list max maxlength
	method min minlength name pattern placeholder referrerpolicy rel role rows rowspan
	scope size spellcheck src start step tabindex target title translate type value width wrap
	aria-activedescendant aria-atomic aria-busy aria-checked aria-colcount aria-colindex
	aria-controls aria-current aria-describedby aria-details aria-disabled aria-errormessage
	aria-expanded aria-haspopup aria-hidden aria-invalid aria-keyshortcuts aria-label
	aria-labelledby aria-level aria-live aria-modal aria-multiline aria-orientation aria-owns
	aria-placeholder aria-posinset aria-pressed aria-readonly aria-relevant aria-required
	aria-roledescription aria-rowcount aria-rowindex aria-selected aria-setsize aria-sort
	aria-valuemax aria-valuemin aria-valuenow aria-valuetext`
