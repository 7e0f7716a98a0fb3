//go:build !js

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// authorizeOnThisPage readies tab for Get the code with the Authorization
// URL authURL and This page as redirect URI.
func authorizeOnThisPage(t *testing.T, tab context.Context, appURL, authURL string) {
	t.Helper()
	open(t, tab, appURL)
	fillForm(t, tab)
	oauthRows(t, tab)
	run(t, tab, paste("#authz-url", authURL), setSelect("#authz-redirect-choice", "page"))
	waitJS(t, tab, `!!document.querySelector("#authz-built")`)
}

// TestBrowserVendorHandOffCannotBeSpoofed: two tabs each open an Authorize
// whose URL fixes its state (Amazon Business publishes state=1), with This
// page as redirect URI. A page that names a window as synctoken's vendor
// windows were named, and opens this site in it with a code and that
// state, fills neither tab; the vendor's answer in one tab's window fills
// that tab only, which says the fixed state cannot tell Authorizes apart.
// The vendor's page has no handle on the tab, and the tab keeps nothing
// of the Authorize in its storage.
func TestBrowserVendorHandOffCannotBeSpoofed(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.AllowVendorRedirectURI(appURL + "/")
	fixed := sb.VendorAuthorizationURL() + "&state=1"
	tabA, tabB := newTab(t), newTab(t)
	authorizeOnThisPage(t, tabA, appURL, fixed)
	authorizeOnThisPage(t, tabB, appURL, fixed)
	waitText(t, tabA, "#authz-url-problems", "cannot tell this Authorize")

	vendorA, idA := vendorPage(t, tabA, "#authz-open")
	waitText(t, tabA, "#authz-waiting", "comes back here by itself")
	if !evalBool(t, vendorA, `window.opener === null`) {
		t.Error("the vendor's window has a handle on the page that opened it")
	}
	vendorB, _ := vendorPage(t, tabB, "#authz-open")
	waitText(t, tabB, "#authz-waiting", "comes back here by itself")
	for _, tab := range []context.Context{tabA, tabB} {
		if stored := storageDump(t, tab); strings.Contains(stored, "synctoken.vendor") {
			t.Errorf("the tab keeps the Authorize in its storage: %s", stored)
		}
	}

	// The vendor answers in tab A's window: tab A takes the code, tab B,
	// waiting on the same fixed state, does not.
	run(t, vendorA, press("#vendor-allow"))
	waitClosed(t, tabA, idA, "tab A's vendor window")
	waitText(t, tabA, "#authz-landing-problems", "came back to this page")
	waitText(t, tabA, "#authz-landing-problems", "cannot tell this answer from another")
	code := valueOf(t, tabA, "#value-0")
	if !strings.HasPrefix(code, "sbx/") {
		t.Fatalf("tab A's code row holds %q, want its vendor's code", code)
	}
	// The channel delivered to every listener when it delivered to tab A:
	// once tab B has rendered all it was dispatched, it has answered.
	settled(t, tabB)
	if got := valueOf(t, tabB, "#value-0"); got != "" {
		t.Errorf("tab B took tab A's code: %q", got)
	}
	waitText(t, tabB, "#authz-waiting", "comes back here by itself")

	// Another page names a window as synctoken's vendor windows were
	// named, and opens this site in it with its own code and the fixed
	// state: tab B, still waiting, takes nothing.
	spoof := newTab(t)
	open(t, spoof, appURL)
	run(t, spoof, chromedp.Evaluate(`window.name = "synctoken-vendor-0123456789abcdef01234567"; location.href = "`+appURL+`/?code=sbx%2Fspoofed&state=1"`, nil))
	// The spoof page runs the app and decides what it is; a relay would
	// have posted by the time it has nothing under way.
	waitJS(t, spoof, `location.search.includes("code=") || !!document.querySelector("#popup-note, #object-id")`)
	waitJS(t, spoof, `!document.getElementById("app-wasm-loader")`)
	waitNotBusy(t, spoof)
	settled(t, tabB)
	if got := valueOf(t, tabB, "#value-0"); got != "" {
		t.Errorf("tab B took a code from a window synctoken did not open: %q", got)
	}
	waitText(t, tabB, "#authz-waiting", "comes back here by itself")
	chromedp.Cancel(vendorB)
}

// TestBrowserTokenFragmentRemoved: an implicit grant's token that lands on
// the page in the address's fragment is removed from the address (and the
// history entry) at once.
func TestBrowserTokenFragmentRemoved(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	for _, frag := range []string{"#access_token=leaked-token&token_type=Bearer&state=1", "#state=1&id_token=leaked.id.token"} {
		open(t, tab, appURL+"/?x=1"+frag)
		where := evalString(t, tab, `location.href`, "the address")
		if strings.Contains(where, "leaked") || !strings.Contains(where, "?x=1") {
			t.Errorf("after landing with %s the address is %s", frag, where)
		}
	}
}

// TestBrowserSignInPopupCarriesNoSession: the sign-in popup starts with a
// copy of the tab's sessionStorage, where MSAL keeps its refresh token;
// the page clears that copy as soon as the window opens.
func TestBrowserSignInPopupCarriesNoSession(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	// What the popup's copy holds is read once the click's handler has
	// run, while the window is still this site's empty page.
	run(t, tab, chromedp.Evaluate(`sessionStorage.setItem("synctoken.msal.test.refresh", "refresh-token-copy");
		(() => {
			const open = window.open;
			window.open = function (...args) {
				const w = open.apply(window, args);
				setTimeout(() => {
					try { window.__popupStorage = JSON.stringify({...w.sessionStorage}) } catch (e) { window.__popupStorage = "unreadable: " + e }
				}, 0);
				return w;
			};
		})()`, nil), press("#sign-in"))
	waitJS(t, tab, `window.__popupStorage !== undefined`)
	if got := evalString(t, tab, `window.__popupStorage`, "the popup's sessionStorage"); got != "{}" {
		t.Errorf("the sign-in popup carries the tab's sessionStorage: %s", got)
	}
}
