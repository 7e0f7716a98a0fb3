package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// The page's elements are built with el and the shapes below rather than
// go-app's typed builder chains: in Go's wasm every call site costs a
// couple of hundred bytes (stack spills, a resume point, an interface
// dispatch), and app.P().ID(id).Class("hint").Text(t) is four of them
// where textWith("p.hint", t, "id", id) is one call over a few strings.
// The markup is the same: go-app keeps every attribute as a
// string (Disabled(true) is "true", AutoComplete(false) is "off"), and
// compares elements by tag, not by Go type.

// attrs are an element's attributes whose values the page computes,
// name and value pairs, set in order after those of its selector.
type attrs []string

// el returns the element sel names with the children kids. sel is the
// tag, then the fixed attributes: #id, .class (several join into one
// class attribute, as Class does) and [name=value]. One string constant
// costs the call site far less than a pair of them per attribute.
//
// A selector's grammar, which parseSelector (selector.go) reads and
// TestSelectorsInApp holds every selector in app/ to:
//
//	selector  = tag { "#" name | "." name | "[" attribute "=" value "]" }
//	tag       = an HTML element of htmlTags, lower case: p, button, h2
//	name      = ASCII letters, digits, "-" and "_", at least one
//	attribute = one of htmlAttrs or booleanAttrs, or data-…; never id or
//	            class (written # and .)
//	value     = any characters but "[", "]" and quotes, at least one;
//	            true for a boolean attribute
//
// with at most one #id and each attribute once. Values are bare,
// [aria-label=Request details]: a quote would be part of the value. A
// boolean attribute is written [disabled=true], never bare: go-app sets it
// in the browser as the DOM property of that name, to strconv.ParseBool of
// the value, so a bare [disabled], whose value is "", renders an enabled
// button (and [disabled=false] a disabled one in the prerendered HTML,
// which writes disabled="false"). A boolean the page computes goes in
// dyn. elem does not check: the guard has read every selector in app/.
func el(sel string, kids ...app.UI) app.UI {
	return elem(sel, nil, kids...)
}

// elWith is el with the attributes dyn added, those whose values the
// page computes.
func elWith(sel string, dyn attrs, kids ...app.UI) app.UI {
	return elem(sel, dyn, kids...)
}

// elem is elWith for an element that is given handlers (On). The others
// are built as app.UI: handing go-app's HTMLElem on as a child is a
// conversion, a runtime call at the call site.
func elem(sel string, dyn attrs, kids ...app.UI) app.HTMLElem {
	i := strings.IndexAny(sel, "#.[")
	if i < 0 {
		i = len(sel)
	}
	e := app.Elem(sel[:i])
	var class []string
	for rest := sel[i:]; rest != ""; {
		kind, v, after := cutPart(rest)
		switch kind {
		case '#':
			e.Attr("id", v)
		case '.':
			class = append(class, v)
		case '[':
			name, value, _ := strings.Cut(v, "=")
			e.Attr(name, value)
		}
		rest = after
	}
	if class != nil {
		e.Attr("class", strings.Join(class, " "))
	}
	for i := 1; i < len(dyn); i += 2 {
		e.Attr(dyn[i-1], dyn[i])
	}
	if len(kids) > 0 {
		// A copy: go-app keeps the slice it is given, and a kids that
		// does not escape is built on the caller's stack, not the heap.
		e.Body(append([]app.UI(nil), kids...)...)
	}
	return e
}

// textEl returns the element sel names (see el) holding the text t.
func textEl(sel, t string) app.UI {
	return elem(sel, nil, app.Text(t))
}

// textWith is textEl with the attributes dyn added.
func textWith(sel, t string, dyn ...string) app.UI {
	return elem(sel, dyn, app.Text(t))
}

// inputEl returns an input, the one self-closing element the page uses.
func inputEl(attrs ...string) app.HTMLElemSelfClosing {
	e := app.ElemSelfClosing("input")
	for i := 1; i < len(attrs); i += 2 {
		e.Attr(attrs[i-1], attrs[i])
	}
	return e
}

// textInput is a text field the browser must not complete or spell-check,
// showing value, with its problems and hints named by describedby.
func textInput(id, value, placeholder, describedby string, invalid bool) app.HTMLElemSelfClosing {
	return inputEl("id", id, "type", "text", "value", value, "placeholder", placeholder,
		"autocomplete", "off", "spellcheck", "false", "aria-describedby", describedby, "aria-invalid", strconv.FormatBool(invalid))
}

// button returns a button of type button labelled label; class may be
// empty, as go-app's Class("") sets none.
func button(id, class, label string) app.HTMLElem {
	return elem("button[type=button]", attrs{"id", id, "class", class}, app.Text(label))
}

// headerList is a dl of name and value rows, each a div of a dt and a dd,
// as the token's claims, a Graph error and the response's headers show.
func headerList(id string, rows [][2]string) app.UI {
	kids := make([]app.UI, len(rows))
	for i, r := range rows {
		kids[i] = el("div", textEl("dt", r[0]), textEl("dd", r[1]))
	}
	return elWith("dl.headers", attrs{"id", id}, kids...)
}

// when is ui if cond holds, else nothing: app.If for one element, without
// the condition type and the slice app.If takes. Unlike a plain if, ui is
// built either way: kept for what is cheap to build.
func when(cond bool, ui app.UI) app.UI {
	if cond {
		return ui
	}
	return nil
}

// dash is s, or a dash for a value Graph left empty.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
