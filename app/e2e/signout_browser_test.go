//go:build !js

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// TestBrowserSignOutDuringARefreshStaysSignedOut: Look up's first token for
// Application.Read.All comes with the refresh token, and the sandbox holds
// that refresh on the wire; the session ends while it is held (Sign out,
// or a cloud switch away and back and then Sign out), then the refresh
// answers with a new refresh token. Nothing of it reaches sessionStorage,
// and a reload is signed out.
func TestBrowserSignOutDuringARefreshStaysSignedOut(t *testing.T) {
	t.Parallel()
	signOut := func(t *testing.T, tab context.Context) {
		run(t, tab, press("#sign-out"))
		waitJS(t, tab, `!!document.querySelector("#sign-in")`)
	}
	for _, tc := range []struct {
		name string
		end  func(*testing.T, context.Context)
	}{
		{"sign out", signOut},
		{"cloud switch away and back, then sign out", func(t *testing.T, tab context.Context) {
			run(t, tab, setSelect("#cloud", "global"))
			waitJS(t, tab, `!document.querySelector("#sandbox-token")`)
			run(t, tab, setSelect("#cloud", "sandbox"))
			waitText(t, tab, "#upn", graphtest.AdminUPN) // resumed, by a new client
			signOut(t, tab)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb, appURL := sandboxApp(t)
			tab := signedIn(t, appURL)
			run(t, tab, paste("#object-id", graphtest.ServicePrincipals[0].ObjectID))
			waitJS(t, tab, `!document.querySelector("#lookup").disabled`)
			hold := sb.HoldRefresh()
			run(t, tab, press("#lookup"))
			select {
			case <-hold.Arrived():
			case <-time.After(20 * time.Second):
				t.Fatalf("Look up's refresh did not reach the sandbox in 20 s\n%s", pageReport(tab))
			}
			tc.end(t, tab)
			hold.Release()
			select {
			case <-hold.Answered():
			case <-time.After(20 * time.Second):
				t.Fatal("the held refresh was not answered in 20 s")
			}
			waitIdle(t, tab) // the page has taken the answer in: Look up is over

			var keys string
			run(t, tab, chromedp.Evaluate(`Object.keys(sessionStorage).join(" ")`, &keys))
			if strings.Contains(keys, "synctoken.msal.") {
				t.Errorf("after the session ended, its refresh wrote MSAL's cache back: sessionStorage holds %s", keys)
			}
			open(t, tab, appURL)
			waitIdle(t, tab) // a resume would keep the page busy until it ended
			var upn bool
			run(t, tab, chromedp.Evaluate(`!!document.querySelector("#upn")`, &upn))
			if upn {
				t.Error("signed in again after a reload: the late refresh brought the session back")
			}
		})
	}
}
