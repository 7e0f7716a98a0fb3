//go:build !js

package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// signInPage presses trigger and returns the new window that shows the
// sandbox's sign-in page, attached. Unlike popupFrom it asks nothing of
// the window's opener, which a Cross-Origin-Opener-Policy cuts.
func signInPage(t *testing.T, tab context.Context, trigger string) (context.Context, target.ID) {
	t.Helper()
	return windowShowing(t, tab, trigger, "/oauth2/v2.0/authorize", "#user-admin", "the sign-in page")
}

// waitClosed waits until the window id is gone.
func waitClosed(t *testing.T, tab context.Context, id target.ID, what string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(tab)
		if err != nil {
			t.Fatal(err)
		}
		open := false
		for _, info := range infos {
			open = open || info.TargetID == id
		}
		if !open {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("%s is still open 20 s later", what)
}

// codeRedemptions returns the authorization_code grants the token
// endpoint received, as forms.
func codeRedemptions(sb *graphtest.Server) []url.Values {
	posts, _ := tokenRequests(sb)
	var out []url.Values
	for _, p := range posts {
		if form, _ := url.ParseQuery(string(p.Body)); form.Get("grant_type") == "authorization_code" {
			out = append(out, form)
		}
	}
	return out
}

// TestBrowserPopupSignInUnderCOOP signs in with the popup against a sign-in
// page that sends Cross-Origin-Opener-Policy: same-origin, as Entra's does,
// and one that does not. With COOP the page loses its link to the popup
// (popup.closed reads true, the popup's window.opener is null): it must
// say so plainly, and the answer must still come back to it, be redeemed
// by it alone, and the popup close itself.
func TestBrowserPopupSignInUnderCOOP(t *testing.T) {
	t.Parallel()
	for _, coop := range []bool{true, false} {
		name := "without COOP"
		if coop {
			name = "with COOP same-origin"
		}
		t.Run(name, func(t *testing.T) {
			sb, appURL := sandboxApp(t)
			sb.SetSignInCOOP(coop)
			tab := newTab(t)
			open(t, tab, appURL)
			fillForm(t, tab)
			// Whether the page ever says the link was cut, from before the
			// popup opens to the end of the sign-in.
			run(t, tab, chromedp.Evaluate(`(() => {
				window.__cutShown = false;
				new MutationObserver(() => { window.__cutShown ||= !!document.querySelector("#signin-waiting"); })
					.observe(document.body, {childList: true, subtree: true});
			})()`, nil))
			popup, id := signInPage(t, tab, "#sign-in")

			var severed bool
			run(t, popup, chromedp.Evaluate(`window.opener === null`, &severed))
			if severed != coop {
				t.Fatalf("the sign-in page's window.opener is null: %v; the sandbox's COOP is %v", severed, coop)
			}
			if coop {
				msg := waitText(t, tab, "#signin-waiting", "link to this page was cut")
				if !strings.Contains(msg, "the answer will still arrive here") {
					t.Errorf("the cut link is not explained: %q", msg)
				}
			}

			run(t, popup, press("#user-admin"))
			waitText(t, tab, "#upn", graphtest.AdminUPN)
			waitClosed(t, tab, id, "the sign-in popup")
			// The page watched the popup all along the sign-in: had it
			// misread the popup as closed, it would have said so.
			if !coop && evalBool(t, tab, `window.__cutShown`) {
				t.Error("the page said the link was cut while it was not")
			}
			page := textOf(t, tab, ".form")
			for _, wrong := range []string{"closed before", "link to this page was cut"} {
				if strings.Contains(page, wrong) {
					t.Errorf("signed in, the page still says %q", wrong)
				}
			}
			if got := valueOf(t, tab, "#value-1"); got != "value-never-stored" {
				t.Errorf("the popup sign-in lost a typed value: %q", got)
			}
			codes := codeRedemptions(sb)
			if len(codes) != 1 || codes[0].Get("code_verifier") == "" || codes[0].Get("client_id") != graphtest.ClientID {
				t.Errorf("want one redemption, by the page that holds the verifier; got %v", codes)
			}
			run(t, tab, press("#send"))
			waitText(t, tab, "#response-status", "204 No Content")
		})
	}
}

// TestBrowserSignInPopupGetsAFreshWindow: each sign-in opens its own
// window under a new name, so that a window left over with an older name
// (here, the one every sign-in used to share) is never reused.
func TestBrowserSignInPopupGetsAFreshWindow(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	gesture := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithUserGesture(true) }
	var opened bool
	run(t, tab, chromedp.Evaluate(`(window.stale = window.open("", "synctoken-signin", "popup")) !== null`, &opened, gesture))
	if !opened {
		t.Fatal("the test could not open the stale window")
	}

	var names []string
	for range 2 {
		popup, _ := signInPage(t, tab, "#sign-in")
		var name string
		run(t, popup, chromedp.Evaluate(`window.name`, &name))
		names = append(names, name)
		run(t, popup, press("#user-admin"))
		waitText(t, tab, "#upn", graphtest.AdminUPN)
		run(t, tab, press("#sign-out"))
		waitJS(t, tab, `!!document.querySelector("#sign-in")`)
	}
	var stale string
	run(t, tab, chromedp.Evaluate(`(() => { try { return window.stale.closed ? "closed" : window.stale.location.href } catch (e) { return "navigated away: " + e.name } })()`, &stale))
	if stale != "about:blank" {
		t.Errorf("the stale window was reused by a sign-in: %s", stale)
	}
	if names[0] == names[1] || !strings.HasPrefix(names[0], "synctoken-signin-") || len(names[0]) < len("synctoken-signin-")+16 {
		t.Errorf("sign-in windows were named %q: want a fresh random name each time", names)
	}
}

// TestBrowserSignInInThisTab: the full-page sign-in is offered beside Sign
// in from the start, not only when a popup is blocked, and opens no popup.
func TestBrowserSignInInThisTab(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	run(t, tab, setSelect("#version", "beta"))
	before := ourTargets(t, tab)
	if got := textOf(t, tab, "#sign-in-here"); got != "Sign in in this tab" {
		t.Fatalf("#sign-in-here reads %q", got)
	}
	run(t, tab, press("#sign-in-here"))
	waitJS(t, tab, `!!document.querySelector("#user-admin")`)
	run(t, tab, press("#user-admin"))
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	after := ourTargets(t, tab)
	if len(after) > len(before) {
		t.Errorf("Sign in in this tab opened a window: %d targets before, %d after", len(before), len(after))
	}
	if got := valueOf(t, tab, "#version"); got != "beta" {
		t.Errorf("version not restored after the full-page sign-in: %q", got)
	}
	var where string
	run(t, tab, chromedp.Evaluate(`location.search + location.hash`, &where))
	if where != "" {
		t.Errorf("the address still carries %q after sign-in", where)
	}
}
