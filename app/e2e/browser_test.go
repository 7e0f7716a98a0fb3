//go:build !js

package e2e

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// graphPosts returns the acquireAccessToken POSTs the sandbox received.
func graphPosts(sb *graphtest.Server) []graphtest.Recorded {
	var out []graphtest.Recorded
	for _, r := range sb.Requests() {
		if r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/acquireAccessToken") {
			out = append(out, r)
		}
	}
	return out
}

func TestBrowserSendsExactlyTheShownRequest(t *testing.T) {
	t.Parallel()
	sb := graphtest.NewServer()
	defer sb.Close()
	appURL := serveApp(t, sb.URL)
	tab := newTab(t)
	open(t, tab, appURL)

	if got := valueOf(t, tab, "#cloud"); got != "sandbox" {
		t.Fatalf("cloud = %q, want the sandbox preselected", got)
	}
	sp := graphtest.ServicePrincipals[0]
	choosePreset(t, tab, "scim-token")
	if err := chromedp.Run(tab,
		chromedp.SendKeys("#object-id", " {"+strings.ToUpper(sp.ObjectID)+"} ", chromedp.ByQuery),
		chromedp.SendKeys("#value-0", "https://scim.example.com/scim?a=1&b=<2>", chromedp.ByQuery),
		chromedp.SendKeys("#value-1", "sëcret-123", chromedp.ByQuery),
		press("#sandbox-token"),
	); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#token-note", "sandbox token")
	if err := chromedp.Run(tab, press("#reveal")); err != nil {
		t.Fatal(err)
	}
	shown := waitText(t, tab, "#request", "sëcret-123")
	if strings.Contains(shown, sb.Token()[:40]) {
		t.Errorf("the request panel shows the token in full:\n%s", shown)
	}

	if err := chromedp.Run(tab, press("#send")); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#explanation", "took the credentials")
	// The status is said once, in the explanation's title; the line under
	// it adds the time, and no summary repeats the explanation.
	panel := textOf(t, tab, `section[aria-labelledby="response-title"]`)
	if n := strings.Count(panel, "204 No Content"); n != 1 || evalBool(t, tab, `!!document.querySelector("#response-summary")`) ||
		!evalBool(t, tab, `!!document.querySelector("#explanation-title #response-status")`) {
		t.Errorf("the response panel says 204 No Content %d times (want once, in the explanation's title), or sums it up again:\n%s", n, panel)
	}
	waitText(t, tab, "#response-time", "Answered in")

	posts := graphPosts(sb)
	if len(posts) != 1 {
		t.Fatalf("sandbox received %d POSTs, want 1", len(posts))
	}
	got := posts[0]
	head, body, _ := strings.Cut(shown, "\n\n")
	if string(got.Body) != body {
		t.Errorf("sandbox received body\n%s\nthe page showed\n%s", got.Body, body)
	}
	lines := strings.Split(head, "\n")
	wantLine := "POST " + got.Path + " HTTP/1.1"
	if lines[0] != wantLine {
		t.Errorf("request line shown %q, sandbox got %q", lines[0], wantLine)
	}
	if !strings.Contains(got.Path, "/v1.0/servicePrincipals/"+sp.ObjectID+"/") {
		t.Errorf("path %q lacks the normalised object ID", got.Path)
	}
	for _, l := range lines[2:] {
		name, value, _ := strings.Cut(l, ": ")
		sent := got.Header.Get(name)
		if name == "Authorization" {
			prefix := strings.TrimSuffix(value, "…")
			if !strings.HasSuffix(value, "…") || !strings.HasPrefix(sent, prefix) || len(sent) < len(prefix)+100 {
				t.Errorf("Authorization shown %q, sent %q…", value, sent[:min(len(sent), 30)])
			}
			continue
		}
		if sent != value {
			t.Errorf("header %s shown %q, sent %q", name, value, sent)
		}
	}
	if got.Header.Get("Origin") != appURL {
		t.Errorf("Origin = %q: the request must really be cross-origin from %s", got.Header.Get("Origin"), appURL)
	}
	preflights := 0
	for _, r := range sb.Requests() {
		if r.Method == http.MethodOptions {
			preflights++
		}
	}
	if preflights == 0 {
		t.Error("no CORS preflight reached the sandbox: the browser did not treat the call as cross-origin")
	}
}

func TestBrowserBlocksInvalidObjectID(t *testing.T) {
	t.Parallel()
	sb := graphtest.NewServer()
	defer sb.Close()
	tab := newTab(t)
	open(t, tab, serveApp(t, sb.URL))

	if err := chromedp.Run(tab,
		chromedp.SendKeys("#object-id", "not-a-guid", chromedp.ByQuery),
		chromedp.SendKeys("#value-0", "https://scim.example.com", chromedp.ByQuery),
		press("#sandbox-token"),
	); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#token-note", "sandbox token")
	msg := waitText(t, tab, "#object-id-problems", "Object ID must be a GUID")
	if !strings.Contains(textOf(t, tab, "#send-blocked"), msg) {
		t.Errorf("Send's reason does not repeat the field's message %q", msg)
	}
	var disabled bool
	if err := chromedp.Run(tab, chromedp.Evaluate(`document.querySelector("#send").disabled`, &disabled)); err != nil {
		t.Fatal(err)
	}
	if !disabled {
		t.Fatal("Send is enabled with an invalid object ID")
	}
	// A click on the disabled button sends nothing.
	chromedp.Run(tab, chromedp.Evaluate(`document.querySelector("#send").click()`, nil))
	if n := len(graphPosts(sb)); n != 0 {
		t.Errorf("the sandbox received %d requests from an invalid form", n)
	}
	if got := valueOf(t, tab, "#object-id"); got != "not-a-guid" {
		t.Errorf("the typed object ID changed to %q", got)
	}
}

func TestBrowserShowsDecoded404WithFormIntact(t *testing.T) {
	t.Parallel()
	sb := graphtest.NewServer()
	defer sb.Close()
	tab := newTab(t)
	open(t, tab, serveApp(t, sb.URL))

	unknown := "0badc0de-0000-4000-8000-000000000404"
	if err := chromedp.Run(tab,
		setSelect("#endpoint", "applications"),
		chromedp.SendKeys("#object-id", unknown, chromedp.ByQuery),
		chromedp.SendKeys("#value-0", "https://scim.example.com", chromedp.ByQuery),
		chromedp.SendKeys("#value-1", "keep-me", chromedp.ByQuery),
		press("#sandbox-token"),
	); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#token-note", "sandbox token")
	if err := chromedp.Run(tab, press("#send")); err != nil {
		t.Fatal(err)
	}
	waitText(t, tab, "#response-status", "404 Not Found")
	decoded := waitText(t, tab, "#graph-error", "Request_ResourceNotFound")
	// The explanation comes first and names the usual cause.
	if x := textOf(t, tab, "#explanation"); !strings.Contains(strings.ToLower(x), "object id") {
		t.Errorf("404 explanation %q does not point at the object ID", x)
	}
	posts := graphPosts(sb)
	if len(posts) != 1 {
		t.Fatalf("sandbox received %d POSTs", len(posts))
	}
	if cid := posts[0].Header.Get("client-request-id"); !strings.Contains(decoded, cid) {
		t.Errorf("decoded error %q lacks the client-request-id %s", decoded, cid)
	}
	if !strings.Contains(posts[0].Path, "/applications/"+unknown+"/") {
		t.Errorf("path %q", posts[0].Path)
	}
	for sel, want := range map[string]string{"#object-id": unknown, "#value-0": "https://scim.example.com", "#value-1": "keep-me", "#endpoint": "applications"} {
		if got := valueOf(t, tab, sel); got != want {
			t.Errorf("%s = %q after the error, want %q", sel, got, want)
		}
	}
}

// TestBrowserFastTypingLosesNothing types as fast as the browser accepts
// keys: a re-render landing between two keystrokes must not drop one.
func TestBrowserFastTypingLosesNothing(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	// The key list is filled when a key field first takes the focus, not
	// with the page: nothing to mount or compare before it is needed.
	const keyList = `document.querySelectorAll("#secret-keys option").length`
	if n := evalInt(t, tab, keyList); n != 0 {
		t.Errorf("the key list holds %d options before any key field was focused, want 0", n)
	}
	typed := map[string]string{"#object-id": "a b c d e f", "#value-0": "p q r s t", "#key-1": "x y", "#token": "t o k e n"}
	for _, sel := range []string{"#object-id", "#value-0", "#key-1", "#token"} {
		run(t, tab, chromedp.SendKeys(sel, typed[sel], chromedp.ByQuery))
	}
	settled(t, tab) // the render after the last keystroke is the one that could lose it
	// "x y" was typed after the key of the default preset's second row.
	key1 := graph.DefaultPreset().Credentials[1].Key + "x y"
	want := map[string]string{"#object-id": "a b c d e f", "#value-0": "p q r s t", "#key-1": key1, "#token": "t o k e n"}
	for sel, w := range want {
		if got := valueOf(t, tab, sel); got != w {
			t.Errorf("%s = %q, want %q", sel, got, w)
		}
	}
	wantKeys := len(graph.SecretKeys())
	if n := evalInt(t, tab, keyList); n != wantKeys {
		t.Errorf("after typing in a key field the key list holds %d options, want %d", n, wantKeys)
	}
	// Removing a row moves the next one up, values included.
	run(t, tab, press("#remove-0"))
	waitJS(t, tab, `!document.querySelector("#key-1")`)
	if got := valueOf(t, tab, "#key-0"); got != key1 {
		t.Errorf("after removing row 1, row 1 shows %q", got)
	}
	// Re-renders leave the filled list alone.
	if n := evalInt(t, tab, keyList); n != wantKeys || !evalBool(t, tab, `[...document.querySelectorAll("#secret-keys option")].some(o => o.value === "SecretToken")`) {
		t.Errorf("after a re-render the key list holds %d options (want %d, SecretToken among them)", n, wantKeys)
	}
}
