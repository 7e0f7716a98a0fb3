//go:build !js

package e2e

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"synctoken/graph/graphtest"
)

// faultTimeout is the request timeout of the fault tests' site, short so a
// "delay past the timeout" takes seconds.
const faultTimeout = 3 * time.Second

// faultApp is sandboxApp with a short request timeout.
func faultApp(t *testing.T) (*graphtest.Server, string) {
	t.Helper()
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	noSignInPreflights(t, sb)
	appURL := serveAppWith(t, sb.URL, faultTimeout)
	sb.AllowRedirectURI(appURL + "/")
	return sb, appURL
}

// historyHolds is a page expression, true once the history table has n rows.
func historyHolds(n int) string {
	return `document.querySelectorAll("#history tbody tr").length === ` + strconv.Itoa(n)
}

// checkRecovered checks what every fault must leave: the form intact, the
// send in the history, Send enabled again, and the page still answering
// (a click on the newest history row shows it).
func checkRecovered(t *testing.T, tab context.Context, name string, rows int) {
	t.Helper()
	formIntact(t, tab, name)
	waitJS(t, tab, `(b => !b.disabled && b.getAttribute("aria-disabled") !== "true")(document.querySelector("#send"))`)
	waitJS(t, tab, historyHolds(rows))
	run(t, tab, press("#history-show-0"))
	waitJS(t, tab, `!!document.querySelector("#history-detail")`)
	run(t, tab, press("#history-back"))
}

// TestBrowserFaults drives each fault the sandbox can inject through the
// page and prints what the page showed, as the case table of the suite.
func TestBrowserFaults(t *testing.T) {
	t.Parallel()
	sb, appURL := faultApp(t)
	tab := readyToSend(t, sb, appURL)
	big := strings.Repeat("x", 10<<20)
	cases := []struct {
		name  string
		setup func()
		undo  func()
		want  string // in the explanation or the response
	}{
		{name: "connection refused", setup: func() { sb.Refuse(true) }, undo: func() { sb.Refuse(false) }, want: "No answer could be read"},
		{name: "connection dropped", setup: func() { sb.Respond(graphtest.Reply{Fault: graphtest.FaultDrop, Times: 2}) }, want: "No answer could be read"},
		{name: "delay past the timeout", setup: func() { sb.Respond(graphtest.Reply{Delay: 2 * faultTimeout}) }, want: "No answer in time"},
		{name: "500 Internal Server Error", setup: func() { sb.Respond(graphtest.Reply{Status: 500, Body: graphError("UnknownError", "")}) }, want: "Graph failed"},
		{name: "502, empty body", setup: func() { sb.Respond(graphtest.Reply{Status: 502}) }, want: "Graph failed (502"},
		{name: "503, then success", setup: func() { sb.Respond(graphtest.Reply{Status: 503}) }, want: "Success"},
		{name: "504, then success", setup: func() { sb.Respond(graphtest.Reply{Status: 504}) }, want: "Success"},
		{name: "HTML body", setup: func() {
			sb.Respond(graphtest.Reply{Status: 403, Header: http.Header{"Content-Type": {"text/html"}}, Body: "<html><script>window.__pwned=1</script>Blocked by policy</html>"})
		}, want: "proxy"},
		{name: "truncated JSON body", setup: func() { sb.Respond(graphtest.Reply{Status: 400, Body: `{"error":{"code":"BadRequ`}) }, want: "Malformed answer"},
		{name: "body cut off mid-way", setup: func() {
			sb.Respond(graphtest.Reply{Status: 400, Body: graphError("BadRequest", "x"), Fault: graphtest.FaultTruncate})
		}, want: "cut off"},
		{name: "empty body with 500", setup: func() { sb.Respond(graphtest.Reply{Status: 500}) }, want: "Graph failed"},
		{name: "10 MB body", setup: func() {
			sb.Respond(graphtest.Reply{Status: 500, Header: http.Header{"Content-Type": {"text/plain"}}, Body: big})
		}, want: "proxy"},
		{name: "endless body", setup: func() { sb.Respond(graphtest.Reply{Status: 500, Fault: graphtest.FaultEndless}) }, want: "Answer too large"},
		{name: "redirect to another host", setup: func() {
			sb.Respond(graphtest.Reply{Status: 307, Header: http.Header{"Location": {"https://attacker.example/steal"}}})
		}, want: "Redirected"},
		{name: "no CORS headers", setup: func() { sb.Respond(graphtest.Reply{Status: 204, Header: http.Header{"X-Sandbox-No-CORS": {"1"}}}) }, want: "CORS"},
	}
	for i, c := range cases {
		c.setup()
		start := time.Now()
		run(t, tab, press("#send"))
		// The last case's explanation stays until this send ends, and a
		// fault cleared (Reset) before the browser used it would test
		// nothing: wait for this send's row in the history first.
		waitJS(t, tab, historyHolds(i+1))
		got := waitText(t, tab, "#explanation", c.want)
		title, _, _ := strings.Cut(got, "\n")
		t.Logf("%-26s → %s (%s)", c.name, title, time.Since(start).Round(100*time.Millisecond))
		if c.undo != nil {
			c.undo()
		}
		sb.Reset() // a reply the browser did not use (it retries a dropped connection or not) must not leak into the next case
		checkRecovered(t, tab, c.name, i+1)
		if evalBool(t, tab, `window.__pwned !== undefined`) {
			t.Fatalf("%s: script from the response ran", c.name)
		}
		if c.name == "endless body" {
			// The page stopped reading at 1 MiB and the download with it:
			// reading on would have ended in the 3 s timeout instead.
			deadline := time.Now().Add(10 * time.Second)
			for sb.EndlessSent() == 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if sent := sb.EndlessSent(); sent == 0 || sent > 64<<20 {
				t.Errorf("the sandbox sent %d bytes of the endless body before the page stopped reading", sent)
			}
			waitText(t, tab, "#response-body", "synctoken read the first 1 MiB (1048576 bytes) and stopped")
			waitText(t, tab, "#explanation", "larger than 1 MiB")
		}
		if c.name == "10 MB body" {
			if body := textOf(t, tab, "#response-body"); len(body) > 100<<10 || !strings.Contains(body, "not shown") {
				t.Errorf("the page shows %d bytes of a 10 MB body, ending %q", len(body), body[max(0, len(body)-80):])
			}
		}
	}
}

// TestBrowserTokenEndpointFaults signs in, then makes the renewal before a
// send fail as Entra does: the page says why and what to do, keeps the form
// and lets the admin send again once the sign-in works.
func TestBrowserTokenEndpointFaults(t *testing.T) {
	t.Parallel()
	sb, appURL := faultApp(t)
	sb.SetTokenLifetime(2 * time.Minute) // MSAL renews tokens this close to expiry before every send
	tab := signedIn(t, appURL)

	cases := []struct {
		name  string
		fail  func()
		wants []string
	}{
		{"refresh token expired (invalid_grant)", func() { sb.FailTokenAADSTS(700084) }, []string{"AADSTS700084", "Sign in again"}},
		{"MFA required (interaction_required)", func() { sb.FailTokenAADSTS(50076) }, []string{"AADSTS50076", "Sign in again"}},
		{"consent missing (AADSTS65001)", func() { sb.FailTokenAADSTS(65001) }, []string{"AADSTS65001"}},
		{"token endpoint unreachable", func() { sb.Refuse(true) }, []string{"could not be reached"}},
	}
	for i, c := range cases {
		c.fail()
		run(t, tab, press("#send"))
		var got string
		for _, w := range c.wants {
			got = waitText(t, tab, "#response", w)
		}
		t.Logf("%-38s → %s", c.name, strings.ReplaceAll(got, "\n", " "))
		sb.Refuse(false)
		checkRecovered(t, tab, c.name, i+1)
	}
	// The failures were one-shot: the next send renews and succeeds.
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
}
