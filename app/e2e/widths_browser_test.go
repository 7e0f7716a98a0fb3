//go:build !js

package e2e

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// screens are the widths the page must fit (issue 19), each with a
// height such a screen has: two phones, a tablet, a laptop, a desktop.
var screens = []struct{ w, h int64 }{{360, 780}, {390, 844}, {768, 1024}, {1280, 800}, {1920, 1080}}

// fitJS lists what does not fit at the current width: the document
// scrolling sideways, an element of the page sticking out of its panel
// (the nearest panel, fieldset, column, masthead, banner or footer) or out
// of the window, and a box that cuts its content off sideways (a table
// scrolling inside its panel is cut off too: the admin would have to find
// the scroll bar). Form fields are not boxes here: a long value scrolls
// inside its field by nature. One line per offender.
const fitJS = `(() => {
	const panels = ".panel, fieldset, .form, .panels, .masthead, .banner, footer, .page";
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
	const box = (r) => "[" + Math.round(r.left) + " to " + Math.round(r.right) + "]";
	const width = window.innerWidth, out = [];
	const doc = document.scrollingElement.scrollWidth;
	if (doc > width) out.push("the document is " + doc + " px wide: it scrolls sideways");
	for (const e of document.querySelectorAll(".page *")) {
		if (e.tagName === "OPTION" || e.tagName === "DATALIST" || e.getClientRects().length === 0) continue;
		const r = e.getBoundingClientRect();
		if (r.width === 0) continue;
		if (r.left < -0.5 || r.right > width + 0.5) out.push(name(e) + " " + box(r) + " sticks out of the window [0 to " + width + "]");
		const p = e.parentElement && e.parentElement.closest(panels);
		if (p) {
			const b = p.getBoundingClientRect();
			if (r.left < b.left - 0.5 || r.right > b.right + 0.5) out.push(name(e) + " " + box(r) + " sticks out of " + name(p) + " " + box(b));
		}
		if (!["INPUT", "SELECT", "TEXTAREA"].includes(e.tagName) && getComputedStyle(e).overflowX !== "visible" && e.scrollWidth > e.clientWidth + 1) {
			out.push(name(e) + " cuts off its content: " + e.scrollWidth + " px in " + e.clientWidth);
		}
	}
	return out;
})()`

// TestBrowserFitsEveryWidth walks the five widths after a send, with two
// history rows: nothing scrolls sideways, nothing is cut off or sticks
// out of its panel, the history stacks its rows where its panel is
// narrow, and on wide screens the request and the response stay beside
// the step the admin is at; axe-core finds nothing serious at any width.
func TestBrowserFitsEveryWidth(t *testing.T) {
	t.Parallel()
	axeScript(t) // fail first, and fast, without axe-core
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	markLive(t, tab)
	choosePreset(t, tab, "scim-token")
	run(t, tab,
		paste("#object-id", graphtest.ServicePrincipals[0].ObjectID),
		paste("#value-0", "https://scim.example.com/scim/v2"),
		paste("#value-1", "a-secret-token-value"),
		press("#sandbox-token"),
	)
	waitText(t, tab, "#token-note", "sandbox token")
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204")
	sb.Respond(graphtest.Reply{Status: 400, Body: graphError("BadRequest", "Requested value 'BaseAdress' was not found.")})
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "400")
	waitJS(t, tab, `!!document.querySelector("#history-1")`)
	injectAxe(t, tab)

	for _, s := range screens {
		run(t, tab, chromedp.EmulateViewport(s.w, s.h), chromedp.Evaluate(`window.scrollTo(0, 0)`, nil))
		var out []string
		var stacked bool
		var panel float64
		run(t, tab,
			chromedp.Evaluate(fitJS, &out),
			chromedp.Evaluate(`getComputedStyle(document.querySelector("#history-0")).display === "block"`, &stacked),
			// The container query's width: the panel's, inside its padding.
			chromedp.Evaluate(`(() => { const h = document.querySelector("#history"), cs = getComputedStyle(h);
				return h.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight); })()`, &panel),
		)
		t.Logf("%4d px: %d elements do not fit; history stacked: %v (its panel %.0f px wide)", s.w, len(out), stacked, panel)
		for i, o := range out {
			if i == 15 {
				t.Errorf("%d px: … and %d more", s.w, len(out)-i)
				break
			}
			t.Errorf("%d px: %s", s.w, o)
		}
		// Stacked on a phone, and wherever the history's step is too narrow
		// for its columns (the steps' column beside the panels, at 1280 px);
		// a table wherever it is wide enough.
		if want := s.w < 768 || panel <= 600; stacked != want {
			t.Errorf("%d px: the history's rows stacked: %v, want %v (its panel %.0f px wide)", s.w, stacked, want, panel)
		}
		if s.w >= 1200 {
			besideTheStep(t, tab, s.w, "#test-connection")
			besideTheStep(t, tab, s.w, "#save-credentials")
		}
		// The stacked history and the column that scrolls on its own
		// are for everyone: axe-core finds nothing serious in them.
		checkA11y(t, tab, fmt.Sprintf("two history rows at %d px", s.w))
	}
	run(t, tab, chromedp.EmulateViewport(1280, 900))
}

// besideTheStep scrolls the page to the control step and checks that the
// request's and the response's headings are in the window, to its right.
func besideTheStep(t *testing.T, tab context.Context, width int64, step string) {
	t.Helper()
	var where []string
	run(t, tab, chromedp.Evaluate(fmt.Sprintf(`(() => {
		document.querySelector(%q).scrollIntoView({block: "center"});
		const step = document.querySelector(%q).getBoundingClientRect(), out = [];
		for (const id of ["#request-title", "#response-title"]) {
			const r = document.querySelector(id).getBoundingClientRect();
			if (r.left < step.right) out.push(id + " is not beside " + %q + " (at x " + Math.round(r.left) + ", the step ends at " + Math.round(step.right) + ")");
			if (r.top < 0 || r.bottom > innerHeight) out.push(id + " is out of the window (at y " + Math.round(r.top) + " of " + innerHeight + ") while " + %q + " is at y " + Math.round(step.top));
		}
		return out;
	})()`, step, step, step, step), &where))
	for _, w := range where {
		t.Errorf("%d px: %s", width, w)
	}
}
