//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// The accessibility tests run axe-core (pinned in
// internal/a11y/package-lock.json, installed by make test with npm ci)
// inside the page on each state of it, and drive the form by keyboard alone.

// axeDir holds axe-core's package, relative to app/ (the tests' directory).
const axeDir = "../../internal/a11y"

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// axeScript returns axe.min.js, failing (not skipping) when it is missing:
// an accessibility check that silently does not run is worse than none.
// Under -short the test skips first, as every browser test does, so the
// quick loop needs no npm.
func axeScript(t *testing.T) string {
	t.Helper()
	skipShort(t)
	axeOnce.Do(func() {
		path := filepath.Join(axeDir, "node_modules", "axe-core", "axe.min.js")
		b, err := os.ReadFile(path)
		if err != nil {
			abs, _ := filepath.Abs(axeDir)
			axeErr = fmt.Errorf("axe-core is missing (%v): the accessibility tests need it. "+
				"Run `make test`, which installs it, or `cd %s && npm ci --no-audit --no-fund` "+
				"(npm: `apt-get install npm` on Debian/Ubuntu)", err, abs)
			return
		}
		axeSrc = string(b)
	})
	if axeErr != nil {
		t.Fatal(axeErr)
	}
	return axeSrc
}

// pinnedAxe is the version of axe-core package-lock.json pins.
func pinnedAxe(t *testing.T) string {
	t.Helper()
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	b, err := os.ReadFile(filepath.Join(axeDir, "package-lock.json"))
	if err == nil {
		err = json.Unmarshal(b, &lock)
	}
	if err != nil {
		t.Fatalf("reading axe-core's pin: %v", err)
	}
	return lock.Packages["node_modules/axe-core"].Version
}

// axeNode is one element a rule failed on.
type axeNode struct {
	Target  []any  `json:"target"`
	Summary string `json:"failureSummary"`
}

// axeViolation is one rule axe-core found broken.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	URL    string    `json:"helpUrl"`
	Nodes  []axeNode `json:"nodes"`
}

// injectAxe evaluates axe.min.js in the page. Runtime.evaluate is not
// subject to the page's Content-Security-Policy; newTab still fails the
// test if anything axe does breaks it.
func injectAxe(t *testing.T, tab context.Context) {
	t.Helper()
	src := axeScript(t)
	var ok bool
	run(t, tab, chromedp.Evaluate(src+"\n;typeof axe === 'object'", &ok))
	if !ok {
		t.Fatal("axe.min.js ran but defined no axe")
	}
}

// runAxe runs axe-core on the whole document and returns its violations.
func runAxe(t *testing.T, tab context.Context) []axeViolation {
	t.Helper()
	var js string
	err := chromedp.Run(tab, chromedp.Evaluate(
		`(typeof axe === "object" ? axe.run(document, {resultTypes: ["violations"]}) : Promise.reject(new Error("axe is not injected")))
			.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
				nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))}))))`,
		&js, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if err != nil {
		t.Fatalf("running axe: %v", err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(js), &vs); err != nil {
		t.Fatalf("reading axe's results: %v\n%s", err, js)
	}
	return vs
}

// markLive remembers the live regions the page has now (aria-live or a
// live role): a message inserted later is announced only in a region that
// was already there, or as role="alert".
func markLive(t *testing.T, tab context.Context) {
	t.Helper()
	run(t, tab, chromedp.Evaluate(`(() => {
		window.__a11yLive = new WeakSet(document.querySelectorAll("[aria-live], [role=status], [role=alert], [role=log], [role=timer]"));
	})()`, nil))
}

// unannounced lists the messages on screen (field problems, errors,
// explanations, the retry countdown) that no screen reader would announce:
// not in a live region marked before they appeared, nor role="alert". (A
// region replaced by go-app counts as new: what it holds is not announced.)
func unannounced(t *testing.T, tab context.Context) []string {
	t.Helper()
	var missing []string
	run(t, tab, chromedp.Evaluate(`(() => {
		const seen = window.__a11yLive || new WeakSet();
		const out = [];
		for (const e of document.querySelectorAll(".problem, #explanation, #retry-countdown")) {
			if (!e.offsetParent || e.closest("[role=alert]")) continue;
			let r = e.closest("[aria-live]:not([aria-live=off]), [role=status], [role=log]");
			if (!r || !seen.has(r)) out.push("#" + (e.id || (e.parentElement && e.parentElement.id) || e.className) + ": " + e.innerText.slice(0, 60));
		}
		return out;
	})()`, &missing))
	return missing
}

// checkA11y runs axe on the page in its current state, logs one line for
// it, and fails on every serious or critical violation and on every message
// shown that no live region announces.
func checkA11y(t *testing.T, tab context.Context, state string) {
	t.Helper()
	start := time.Now()
	vs := runAxe(t, tab)
	var minor []string
	for _, v := range vs {
		switch v.Impact {
		case "serious", "critical":
			var nodes []string
			for _, n := range v.Nodes {
				nodes = append(nodes, fmt.Sprintf("      %v: %s", n.Target, strings.ReplaceAll(n.Summary, "\n", " ")))
			}
			t.Errorf("%s: %s (%s): %s — %s\n%s", state, v.ID, v.Impact, v.Help, v.URL, strings.Join(nodes, "\n"))
		default:
			minor = append(minor, fmt.Sprintf("%s (%s, %d)", v.ID, v.Impact, len(v.Nodes)))
		}
	}
	for _, m := range unannounced(t, tab) {
		t.Errorf("%s: a message screen readers would not announce (no live region before it appeared, no role=alert): %s", state, m)
	}
	markLive(t, tab)
	listed := ""
	if len(minor) > 0 {
		listed = " (" + strings.Join(minor, ", ") + ")"
	}
	t.Logf("%-30s → %d violations%s [%s]", state, len(vs), listed, time.Since(start).Round(time.Millisecond))
}

// TestBrowserA11y runs axe-core on each state of the page, in one tab:
// zero serious or critical violations, and every message announced.
func TestBrowserA11y(t *testing.T) {
	t.Parallel()
	axeScript(t) // fail first, and fast, without axe-core
	start := time.Now()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	opened := time.Now()
	injectAxe(t, tab)
	var version string
	run(t, tab, chromedp.Evaluate(`axe.version`, &version))
	if pinned := pinnedAxe(t); version != pinned {
		t.Fatalf("axe-core %s is installed but package-lock.json pins %s: run `cd internal/a11y && npm ci` (make test does)", version, pinned)
	}
	t.Logf("axe-core %s; the page opened in %s (the wasm built, if this test was first)", version, opened.Sub(start).Round(time.Millisecond))
	markLive(t, tab)
	checkA11y(t, tab, "fresh form")

	run(t, tab, chromedp.SendKeys("#object-id", "not-an-object-id", chromedp.ByQuery))
	waitJS(t, tab, `!!document.querySelector("#object-id-problems .problem.error")`)
	checkA11y(t, tab, "invalid object ID")
	// The field says it is invalid, and points at its message.
	var invalid, describedBy string
	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").getAttribute("aria-invalid") || ""`, &invalid),
		chromedp.Evaluate(`document.querySelector("#object-id").getAttribute("aria-describedby") || ""`, &describedBy))
	if invalid != "true" || !strings.Contains(" "+describedBy+" ", " object-id-problems ") {
		t.Errorf("invalid object ID: aria-invalid=%q aria-describedby=%q, want true and the problems' id", invalid, describedBy)
	}

	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").value = ""`, nil))
	fillForm(t, tab)
	run(t, tab, press("#sandbox-token"))
	waitText(t, tab, "#token-note", "sandbox token")
	waitJS(t, tab, `!document.querySelector("#send").disabled && document.querySelector("#object-id").getAttribute("aria-invalid") !== "true"`)
	checkA11y(t, tab, "ready, sandbox token")

	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitJS(t, tab, `!!document.querySelector("#explanation-title")`)
	checkA11y(t, tab, "sent: 204, history of one")

	sb.Respond(graphtest.Reply{Status: 403, Body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")})
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "403")
	waitText(t, tab, "#explanation-title", "")
	waitJS(t, tab, `!!document.querySelector("#history-1")`)
	checkA11y(t, tab, "failed: 403 explained")

	run(t, tab, press("#history-show-1"))
	waitText(t, tab, "#history-request", "POST ")
	checkA11y(t, tab, "history: an entry shown")
	run(t, tab, press("#history-back"))
	waitJS(t, tab, `!document.querySelector("#history-detail")`)

	sb.Respond(graphtest.Reply{Status: 503, Body: graphError("ServiceUnavailable", ""), Times: 10})
	run(t, tab, press("#send"))
	waitText(t, tab, "#retry-countdown", "Sending again in")
	checkA11y(t, tab, "retry countdown after a 503")
	run(t, tab, press("#cancel"))
	waitText(t, tab, "#explanation-title", "ancelled") // "Retry cancelled", or "Cancelled" in flight
	sb.Reset()

	signInWithPopup(t, tab, "user-admin")
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	checkA11y(t, tab, "signed in (popup)")

	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").value = ""`, nil),
		chromedp.SendKeys("#object-id", graphtest.ServicePrincipals[0].AppID, chromedp.ByQuery))
	waitJS(t, tab, `!document.querySelector("#lookup").disabled`)
	run(t, tab, press("#lookup"))
	waitJS(t, tab, `!!document.querySelector("#lookup-results, #lookup-error, #lookup-consent, #lookup-none")`)
	if !evalBool(t, tab, `!!document.querySelector("#lookup-results")`) {
		t.Fatalf("Look up found nothing: %s", textOf(t, tab, "#lookup-area"))
	}
	waitJS(t, tab, `!!document.querySelector("#jobs-table, #jobs-none, #jobs-error")`)
	checkA11y(t, tab, "look up: match and jobs")

	// The Admin Credentials step: Get the code, Test connection, Save.
	choosePreset(t, tab, "oauth-code")
	run(t, tab, paste("#object-id", graphtest.ServicePrincipals[0].ObjectID))
	waitJS(t, tab, `!!document.querySelector("#authz-url")`)
	checkA11y(t, tab, "get the code")
	run(t, tab, paste("#authz-url", sb.VendorAuthorizationURL()))
	waitText(t, tab, "#authz-built", "redirect_uri=")
	checkA11y(t, tab, "get the code: URL built")
	run(t, tab, paste("#authz-landing", "not a code"))
	waitText(t, tab, "#authz-landing-problems", "contains a space")
	checkA11y(t, tab, "get the code: landing refused")
	run(t, tab, press("#test-connection"))
	waitText(t, tab, "#response-call", "validateCredentials")
	waitJS(t, tab, `!!document.querySelector("#explanation-title")`)
	checkA11y(t, tab, "test connection explained")
	run(t, tab, press("#save-credentials"))
	waitText(t, tab, "#save-problems", "is empty")
	checkA11y(t, tab, "save: plan refused")
	t.Logf("states checked in %s", time.Since(opened).Round(time.Millisecond))
}

// rgb parses a computed CSS color ("rgb(r, g, b)" or "rgba(r, g, b, a)").
func rgb(t *testing.T, css string) (c [3]float64, alpha float64) {
	t.Helper()
	alpha = 1
	inner := css[strings.Index(css, "(")+1 : strings.LastIndex(css, ")")]
	parts := strings.Split(inner, ",")
	for i := range 3 {
		fmt.Sscan(strings.TrimSpace(parts[i]), &c[i])
	}
	if len(parts) == 4 {
		fmt.Sscan(strings.TrimSpace(parts[3]), &alpha)
	}
	return c, alpha
}

// contrast is WCAG 2's contrast ratio of two sRGB colors.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	x, y := lum(a)+0.05, lum(b)+0.05
	return max(x, y) / min(x, y)
}

// TestBrowserKeyboard tabs through the ready form from the top: every
// control reachable, in visual order, each with a visible focus ring; then
// Send is pressed with Enter and with Space.
func TestBrowserKeyboard(t *testing.T) {
	t.Parallel()
	axeScript(t)
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	start := time.Now()

	// Start the sequential focus navigation at the top of the page.
	run(t, tab, chromedp.Click("h1", chromedp.ByQuery))
	type stop struct {
		ID, Tag        string
		InForm         bool
		Outline        string  // style and width
		Width          float64 // of the outline, in px
		Color, Behind  string  // the outline's color, the background it is drawn on
		Top, Left, Row float64
	}
	var stops []stop
	for range 80 {
		run(t, tab, chromedp.KeyEvent("\t"))
		var s stop
		run(t, tab, chromedp.Evaluate(`(() => {
			const e = document.activeElement, cs = getComputedStyle(e), r = e.getBoundingClientRect();
			let behind = "rgb(255, 255, 255)";
			for (let a = e.parentElement; a; a = a.parentElement) {
				const bg = getComputedStyle(a).backgroundColor;
				if (bg && bg !== "transparent" && !/rgba\(.*, 0\)$/.test(bg)) { behind = bg; break; }
			}
			return {ID: e.id, Tag: e.tagName, InForm: !!e.closest(".form"), Outline: cs.outlineStyle + " " + cs.outlineWidth,
				Width: parseFloat(cs.outlineWidth) || 0, Color: cs.outlineColor, Behind: behind,
				Top: r.top + scrollY, Left: r.left, Row: r.height};
		})()`, &s))
		if s.Tag == "BODY" {
			break // past the last control
		}
		stops = append(stops, s)
	}

	var ids, formIDs []string
	for _, s := range stops {
		ids = append(ids, s.ID)
		if s.InForm {
			formIDs = append(formIDs, s.ID)
		}
		// Visible focus: a ring of at least 2 px, 3:1 against what it is drawn on.
		c, _ := rgb(t, s.Color)
		b, _ := rgb(t, s.Behind)
		if ratio := contrast(c, b); strings.HasPrefix(s.Outline, "none") || s.Width < 2 || ratio < 3 {
			t.Errorf("#%s: focus not visible enough: outline %s %s on %s (contrast %.2f:1, want ≥ 3:1)", s.ID, s.Outline, s.Color, s.Behind, ratio)
		}
	}
	t.Logf("%-30s → %s", "tab order", strings.Join(ids, " "))

	// The steps in the admin's order, every one open (open), each led by
	// its title; Next on the step before the current one (Test connection);
	// a hint's More (the longer why) after it.
	want := []string{"open-all-steps",
		"step-signin-toggle", "tenant", "client-id", "sign-in", "sign-in-here", "token", "sandbox-token", "copy-token",
		"step-application-toggle", "cloud", "version", "endpoint", "object-id", "lookup",
		"step-credentials-toggle", "step-credentials-next",
		"preset", "key-0", "value-0", "remove-0", "key-1", "value-1", "remove-1", "add-credential", "reveal",
		"step-handover-toggle", "send",
		"step-test-toggle", "test-hint-more", "tc-credentials", "tc-credentials-hint-more", "test-connection",
		"step-save-toggle", "save-hint-more", "save-credentials",
		"step-provisioning-toggle", "job-hint-more", "job-read",
		"step-history-toggle"}
	if strings.Join(formIDs, " ") != strings.Join(want, " ") {
		t.Errorf("the form's tab order is\n  %s\nwant\n  %s", strings.Join(formIDs, " "), strings.Join(want, " "))
	}
	// Every control of the form is reachable.
	var controls []string
	run(t, tab, chromedp.Evaluate(`[...document.querySelectorAll(".form input, .form select, .form button, .form textarea, .form a[href]")]
		.filter(e => !e.disabled && e.offsetParent && e.type !== "hidden").map(e => e.id || e.outerHTML.slice(0, 80))`, &controls))
	for _, c := range controls {
		if !slices.Contains(ids, c) {
			t.Errorf("%s cannot be reached with Tab", c)
		}
	}
	// Visual order: each stop of the form is below the one before, or on
	// the same row and to its right.
	var prev *stop
	for i := range stops {
		s := &stops[i]
		if !s.InForm {
			continue
		}
		if prev != nil {
			sameRow := s.Top < prev.Top+prev.Row && prev.Top < s.Top+s.Row
			if (sameRow && s.Left <= prev.Left) || (!sameRow && s.Top < prev.Top) {
				t.Errorf("Tab goes from #%s (%.0f, %.0f) back to #%s (%.0f, %.0f)", prev.ID, prev.Left, prev.Top, s.ID, s.Left, s.Top)
			}
		}
		prev = s
	}

	// Send with the keyboard: Enter, then Space; the focus stays on Send.
	run(t, tab, chromedp.Focus("#send", chromedp.ByQuery), chromedp.KeyEvent("\r"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitJS(t, tab, historyHolds(1))
	var focused string
	run(t, tab, chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &focused))
	if focused != "send" {
		t.Errorf("after sending with Enter the focus is on %s, not Send: a keyboard user loses their place", focused)
		run(t, tab, chromedp.Focus("#send", chromedp.ByQuery))
	}
	sb.Respond(graphtest.Reply{Status: 403, Body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")})
	run(t, tab, chromedp.KeyEvent(" "))
	waitText(t, tab, "#response-status", "403")
	waitJS(t, tab, historyHolds(2))
	t.Logf("%-30s → %s", "Enter, then Space on Send", "204, then 403: both sent, focus kept")

	// Showing a history entry with the keyboard keeps the focus where it was.
	run(t, tab, chromedp.Focus("#history-show-1", chromedp.ByQuery), chromedp.KeyEvent("\r"))
	waitText(t, tab, "#history-request", "POST ")
	run(t, tab, chromedp.Evaluate(`document.activeElement.id || document.activeElement.tagName`, &focused))
	if focused != "history-show-1" {
		t.Errorf("after Show in the history the focus is on %s, not the Show button", focused)
	}
	t.Logf("%-30s → %s", "Enter on a history Show", "entry shown, focus on "+focused)
	t.Logf("keyboard checks took %s", time.Since(start).Round(time.Millisecond))
}
