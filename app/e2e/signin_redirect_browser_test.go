//go:build !js

package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// TestBrowserRedirectSignInRedeemsWithWhatItBeganWith: while the tab is
// away on the sign-in page, another tab changes the tenant and client ID
// remembered for the cloud. The answer is still redeemed with those the
// sign-in began with: a code is good only for the client it was issued to.
func TestBrowserRedirectSignInRedeemsWithWhatItBeganWith(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	run(t, tab, press("#sign-in-here"))
	waitJS(t, tab, `!!document.querySelector("#user-admin")`)

	const otherClient = "11111111-2222-3333-4444-555555555555"
	other := newTab(t)
	open(t, other, appURL)
	for sel, v := range map[string]string{"#tenant": graphtest.TenantID, "#client-id": otherClient} {
		run(t, other, chromedp.Evaluate(`(() => { const e = document.querySelector("`+sel+`"); e.value = "`+v+`";
			e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); })()`, nil))
	}
	waitJS(t, other, `JSON.stringify({...localStorage}).includes("`+otherClient+`")`)

	run(t, tab, press("#user-admin"))
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
	waitText(t, tab, "#upn", graphtest.AdminUPN)

	posts, _ := tokenRequests(sb)
	codes := codeRedemptions(sb)
	if len(codes) != 1 || codes[0].Get("client_id") != graphtest.ClientID {
		t.Fatalf("the code was redeemed as %v, want once by %s", codes, graphtest.ClientID)
	}
	for _, p := range posts {
		if !strings.HasPrefix(p.Path, "/organizations/") {
			t.Errorf("a token request went to %s, not the tenant the sign-in began with (organizations)", p.Path)
		}
	}
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
}
