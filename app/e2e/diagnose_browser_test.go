//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// readyToSend opens the app against sb with a valid form and the sandbox's
// token, so a click on Send sends.
func readyToSend(t *testing.T, sb *graphtest.Server, appURL string) context.Context {
	t.Helper()
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	run(t, tab, press("#sandbox-token"))
	waitText(t, tab, "#token-note", "sandbox token")
	waitJS(t, tab, `!document.querySelector("#send").disabled`)
	return tab
}

// formIntact fails unless the fields fillForm typed still hold their values.
func formIntact(t *testing.T, tab context.Context, when string) {
	t.Helper()
	for sel, want := range map[string]string{
		"#object-id": graphtest.ServicePrincipals[0].ObjectID,
		"#value-0":   "https://scim.example.com/scim",
		"#value-1":   "value-never-stored",
	} {
		if got := valueOf(t, tab, sel); got != want {
			t.Errorf("%s: %s = %q, want %q", when, sel, got, want)
		}
	}
}

func graphError(code, message string) string {
	return `{"error":{"code":"` + code + `","message":"` + message + `","innerError":{"date":"2026-11-25T10:00:00","request-id":"5e1d2c3b-0000-4000-8000-000000000001"}}}`
}

// TestBrowserExplainsEachFailureClass drives each class of failure through
// the sandbox and checks the explanation above the raw answer, and that
// the form survives each.
func TestBrowserExplainsEachFailureClass(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	cases := []struct {
		name  string
		reply graphtest.Reply
		title string // in #explanation-title
		more  string // in #explanation
	}{
		{"400 unknown key", graphtest.Reply{Status: 400, Body: graphError("BadRequest", "Requested value 'BaseAdress' was not found.")},
			"Unknown key \"BaseAdress\" (400", "BaseAdress"},
		{"401", graphtest.Reply{Status: 401, Body: graphError("InvalidAuthenticationToken", "")}, "(401 Unauthorized)", "token"},
		{"403 Authorization_RequestDenied", graphtest.Reply{Status: 403, Body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")},
			"(403 Forbidden)", "role"},
		{"409", graphtest.Reply{Status: 409, Body: graphError("Conflict", "")}, "Conflict", "another admin"},
		{"500 UnknownError, no message", graphtest.Reply{Status: 500, Body: graphError("UnknownError", "")}, "Graph failed", "request-id"},
		{"502 HTML from a proxy", graphtest.Reply{Status: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><body><h1>Bad gateway</h1></body></html>"},
			"proxy", "HTML"},
		{"no CORS headers", graphtest.Reply{Status: 200, Header: http.Header{"X-Sandbox-No-CORS": {"1"}}}, "No answer", "CORS"},
	}
	for _, c := range cases {
		sb.Respond(c.reply)
		run(t, tab, press("#send"))
		got := waitText(t, tab, "#explanation-title", c.title)
		x := waitText(t, tab, "#explanation", c.more)
		t.Logf("%-32s → %s", c.name, strings.ReplaceAll(got, "\n", " "))
		if strings.Contains(x, sb.Token()[:20]) {
			t.Errorf("%s: the explanation shows the token", c.name)
		}
		formIntact(t, tab, c.name)
		waitJS(t, tab, `!document.querySelector("#send").disabled`)
	}

	// A 404 for an appId (the commonest mistake) is Graph's real answer:
	// the page says the ID is likely of the wrong kind and offers Look up.
	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").value = ""`, nil),
		chromedp.SendKeys("#object-id", graphtest.ServicePrincipals[0].AppID, chromedp.ByQuery))
	// Wait for the page to take the new ID in: the click must not land
	// while the form above Send is still changing height.
	waitText(t, tab, "#request", graphtest.ServicePrincipals[0].AppID)
	waitJS(t, tab, `!document.querySelector("#send").disabled && document.querySelector("#send").getAttribute("aria-disabled") !== "true"`)
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "404")
	waitText(t, tab, "#explanation", "object ID")
	waitJS(t, tab, `!!document.querySelector("#explanation-lookup")`)
}

// TestBrowserRetriesWithCountdownAndCancel checks that a throttled send is
// retried after a visible countdown with the same client-request-id, that
// Cancel stops the retries, and that repeated clicks never double a send.
func TestBrowserRetriesWithCountdownAndCancel(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)

	sb.Respond(graphtest.Reply{Status: 503, Body: graphError("ServiceUnavailable", "")})
	run(t, tab, press("#send"))
	waitText(t, tab, "#retry-countdown", "Sending again in")
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#explanation", "2 times")
	posts := graphPosts(sb)
	if len(posts) != 2 {
		t.Fatalf("%d POSTs, want the 503 and one retry", len(posts))
	}
	if a, b := posts[0].Header.Get("client-request-id"), posts[1].Header.Get("client-request-id"); a != b || a == "" {
		t.Errorf("the retry changed client-request-id: %q then %q", a, b)
	}

	sb.Reset()
	sb.Respond(graphtest.Reply{Status: 429, Body: graphError("TooManyRequests", ""), Times: 10})
	run(t, tab, press("#send"))
	waitText(t, tab, "#retry-countdown", "send 2 of 4")
	run(t, tab, press("#cancel"))
	waitText(t, tab, "#explanation-title", "Retry cancelled")
	waitText(t, tab, "#response-status", "429")
	waitIdle(t, tab) // a retry not cancelled would keep the page busy until it was sent
	if n := len(graphPosts(sb)); n != 1 {
		t.Errorf("%d POSTs after Cancel, want 1", n)
	}
	formIntact(t, tab, "after cancel")

	// A request in flight can be cancelled, and clicks while it is in
	// flight send nothing more.
	sb.Reset()
	sb.Respond(graphtest.Reply{Delay: 20 * time.Second})
	run(t, tab, chromedp.Evaluate(`(() => { const b = document.querySelector("#send"); b.click(); b.click(); b.click(); })()`, nil))
	waitText(t, tab, "#response-pending", "Sending")
	run(t, tab, press("#send"), press("#cancel"))
	waitText(t, tab, "#explanation-title", "Cancelled")
	if n := len(graphPosts(sb)); n != 1 {
		t.Errorf("repeated clicks made %d POSTs, want 1", n)
	}
}

// TestBrowserHistoryKeepsThisTabsSends checks the history: newest first,
// an entry shown again, loaded back without values, nothing secret in it.
func TestBrowserHistoryKeepsThisTabsSends(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)

	sb.Respond(graphtest.Reply{Status: 403, Body: graphError("Authorization_RequestDenied", "Insufficient privileges to complete the operation.")})
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "403")
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204")
	waitText(t, tab, "#history-0 .history-status", "204")
	waitText(t, tab, "#history-1 .history-status", "403")

	history := textOf(t, tab, "#history")
	for _, secret := range []string{"value-never-stored", sb.Token()[:20]} {
		if strings.Contains(history, secret) {
			t.Errorf("the history shows %q", secret)
		}
	}
	run(t, tab, press("#history-show-1"))
	waitText(t, tab, "#response-status", "403")
	shown := waitText(t, tab, "#history-request", "POST ")
	if strings.Contains(shown, "value-never-stored") || strings.Contains(shown, sb.Token()[:20]) {
		t.Errorf("the history's request shows a value or the token:\n%s", shown)
	}
	run(t, tab, press("#history-back"))
	waitText(t, tab, "#response-status", "204")

	// Load into form: the target and keys come back, values do not.
	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").value = ""`, nil),
		chromedp.SendKeys("#object-id", "x", chromedp.ByQuery),
		paste("#key-1", "ChangedKey"), // so that Load has a key to bring back
		press("#history-load-1"))
	waitJS(t, tab, `document.querySelector("#object-id").value === "`+graphtest.ServicePrincipals[0].ObjectID+`"`)
	if v := valueOf(t, tab, "#value-1"); v != "" {
		t.Errorf("Load into form brought a value back: %q", v)
	}
	if k := valueOf(t, tab, "#key-1"); k != "SecretToken" {
		t.Errorf("Load into form: key-1 = %q, want SecretToken", k)
	}
	var stored string
	run(t, tab, chromedp.Evaluate(`JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})`, &stored))
	if strings.Contains(stored, "history") || strings.Contains(stored, "403") {
		t.Errorf("the history reached storage: %s", stored)
	}
}

// TestBrowserCopiesSnippets copies the request as each kind of command: the
// token is always $TOKEN, values only when ticked, for that copy.
func TestBrowserCopiesSnippets(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	// The clipboard needs a focused window in headless Chromium: record
	// what the page writes instead.
	run(t, tab, chromedp.Evaluate(`navigator.clipboard.writeText = async (s) => { window.__copied = s }`, nil))
	copied := func() string {
		var s string
		run(t, tab, chromedp.Evaluate(`window.__copied || ""`, &s))
		return s
	}
	token := sb.Token()

	kinds := []string{}
	run(t, tab, chromedp.Evaluate(`[...document.querySelectorAll("#copy-kind option")].map(o => o.value)`, &kinds))
	if len(kinds) < 5 {
		t.Fatalf("copy kinds = %v, want curl, two PowerShell, mgc and raw HTTP", kinds)
	}
	for _, kind := range kinds {
		run(t, tab, setSelect("#copy-kind", kind), press("#copy"))
		masked := copied()
		if masked == "" || strings.Contains(masked, "value-never-stored") || strings.Contains(masked, token[:20]) {
			t.Errorf("%s without values: %q", kind, masked)
		}
		run(t, tab, press("#copy-values"), press("#copy"))
		full := copied()
		if !strings.Contains(full, "value-never-stored") || strings.Contains(full, token[:20]) {
			t.Errorf("%s with values: want the value and never the token: %q", kind, full)
		}
		if checked := evalBool(t, tab, `document.querySelector("#copy-values").checked`); checked {
			t.Errorf("%s: include values stayed ticked after the copy", kind)
		}
		t.Logf("%-22s → %d bytes, masked and with values", kind, len(full))
		if kind == "curl" {
			// The curl body parses back to the request's JSON.
			_, rest, _ := strings.Cut(full, "--data-raw '")
			body, _, _ := strings.Cut(rest, "'\n")
			var v struct {
				Credentials []struct{ Key, Value string }
			}
			if err := json.Unmarshal([]byte(body), &v); err != nil || len(v.Credentials) != 2 || v.Credentials[1].Value != "value-never-stored" {
				t.Errorf("curl body %q does not parse back: %v %+v", body, err, v)
			}
		}
	}
}

func evalInt(t *testing.T, tab context.Context, expr string) int {
	t.Helper()
	var n int
	run(t, tab, chromedp.Evaluate(expr, &n))
	return n
}

func evalBool(t *testing.T, tab context.Context, expr string) bool {
	t.Helper()
	var b bool
	run(t, tab, chromedp.Evaluate(expr, &b))
	return b
}
