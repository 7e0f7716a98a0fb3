//go:build !js

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// overflowJS lists every element of the masthead, form and panels that sticks
// out of its nearest panel or section (left or right), and the sections
// that stick out of the window. An element inside a box that clips or
// scrolls (overflow other than visible) is that box's business: the box
// itself is checked. It returns one line per offender.
const overflowJS = `(() => {
	const sections = ".form, .panels, .panel, fieldset, .masthead, .banner, footer";
	const clips = (e) => { const s = getComputedStyle(e); return s.overflowX !== "visible" || s.overflowY !== "visible"; };
	const name = (e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
		(typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\s+/).join(".") : "");
	const box = (r) => "[" + Math.round(r.left) + " to " + Math.round(r.right) + "]";
	const out = [];
	for (const e of document.querySelectorAll(".masthead *, .form *, .panels *")) {
		if (e.tagName === "OPTION" || e.tagName === "DATALIST" || e.getClientRects().length === 0) continue;
		let c = e.parentElement, clipped = false;
		while (c && !c.matches(sections)) { if (clips(c)) clipped = true; c = c.parentElement; }
		if (!c || clipped) continue;
		const r = e.getBoundingClientRect(), b = c.getBoundingClientRect();
		if (r.width > 0 && (r.right > b.right + 0.5 || r.left < b.left - 0.5)) {
			out.push(name(e) + " " + box(r) + " sticks out of " + name(c) + " " + box(b));
		}
	}
	const width = document.documentElement.clientWidth;
	for (const c of document.querySelectorAll(sections)) {
		const b = c.getBoundingClientRect();
		if (b.width > 0 && (b.right > width + 0.5 || b.left < -0.5)) out.push(name(c) + " " + box(b) + " sticks out of the window [0 to " + width + "]");
	}
	return out;
})()`

// TestBrowserLayoutFitsTheScreen loads the page at phone and desktop widths
// with long values revealed, a long error answered and two history rows, and
// checks that nothing scrolls sideways and nothing sticks out of its panel.
func TestBrowserLayoutFitsTheScreen(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)

	// Long values without a place to break: a URL, a token, a name.
	longURL := "https://scim.example.com/" + strings.Repeat("averyveryverylongpathsegment", 8) + "?access=" + strings.Repeat("x", 120)
	longToken := strings.Repeat("A1b2C3d4E5", 30)
	choosePreset(t, tab, "scim-token")
	run(t, tab,
		paste("#object-id", graphtest.ServicePrincipals[0].ObjectID),
		paste("#value-0", longURL),
		paste("#value-1", longToken),
		press("#reveal"),
		press("#sandbox-token"),
	)
	waitText(t, tab, "#token-note", "sandbox token")
	waitText(t, tab, "#request", longToken)
	fits(t, tab, "the filled form", 360, 1280)

	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204")
	badKey := strings.Repeat("UnknownKeyName", 20)
	sb.Respond(graphtest.Reply{Status: 400, Body: graphError("BadRequest", "Requested value '"+badKey+"' was not found.")})
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "400")
	waitJS(t, tab, `!!document.querySelector("#history-1")`)
	fits(t, tab, "after a 204 and a 400, two history rows", 360, 390, 1280, 1920)

	run(t, tab, press("#history-show-1"))
	waitText(t, tab, "#history-request", "POST ")
	fits(t, tab, "a history entry shown", 390, 1280)
	// Unfolded, the masthead's explanation fits too.
	run(t, tab, press("#about-summary"))
	waitJS(t, tab, `document.querySelector("#about").open`)
	fits(t, tab, "the masthead unfolded", 360, 1280)

	// The Admin Credentials step: a long authorization URL built, Test
	// connection answered (its call in the history), Save's plan.
	choosePreset(t, tab, "oauth-code")
	run(t, tab, paste("#authz-url", sb.VendorAuthorizationURL()+"&prompt="+strings.Repeat("consent", 30)))
	waitText(t, tab, "#authz-built", "redirect_uri=")
	run(t, tab, press("#test-connection"))
	waitText(t, tab, "#response-call", "validateCredentials")
	waitJS(t, tab, `!!document.querySelector("#history-2")`)
	run(t, tab, paste("#value-1", longURL), press("#save-credentials"))
	waitJS(t, tab, `!!document.querySelector("#save-plan")`)
	fits(t, tab, "Get the code, Test connection, Save's plan", 360, 1280)
}

// fits checks the page at each width: the document is no wider than the
// window, and no element of the form or panels sticks out of its panel.
func fits(t *testing.T, tab context.Context, state string, widths ...int64) {
	t.Helper()
	for _, w := range widths {
		run(t, tab, chromedp.EmulateViewport(w, 900))
		var scroll, inner int
		var out []string
		run(t, tab,
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll),
			chromedp.Evaluate(`window.innerWidth`, &inner),
			chromedp.Evaluate(overflowJS, &out),
		)
		t.Logf("%-42s at %4d px: page %4d px wide, %d elements stick out", state, w, scroll, len(out))
		if inner != int(w) {
			t.Fatalf("the window is %d px wide, want the emulated %d", inner, w)
		}
		if scroll > inner {
			t.Errorf("%s at %d px: the page is %d px wide and scrolls sideways", state, w, scroll)
		}
		// From a laptop up, the history's and jobs' tables fit their panel:
		// scrolling sideways is for phones.
		if w >= 1280 {
			var scrolls []string
			run(t, tab, chromedp.Evaluate(`[...document.querySelectorAll(".table-scroll")].filter(e => e.scrollWidth > e.clientWidth).map(e => e.firstElementChild.className + " needs " + e.scrollWidth + " px of " + e.clientWidth)`, &scrolls))
			for _, s := range scrolls {
				t.Errorf("%s at %d px: table.%s: it scrolls sideways", state, w, s)
			}
		}
		for i, o := range out {
			if i == 12 {
				t.Errorf("%s at %d px: … and %d more", state, w, len(out)-i)
				break
			}
			t.Errorf("%s at %d px: %s", state, w, o)
		}
	}
	run(t, tab, chromedp.EmulateViewport(1280, 900))
}
