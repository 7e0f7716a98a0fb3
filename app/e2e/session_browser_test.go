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

// TestBrowserSessionEndDropsTheSendInFlight: Sign out or a cloud switch
// while a send is in flight (slow, or waiting to retry) stops it, and what
// it would have brought back — the token, a history row, the request with
// the token — never comes back into the page.
func TestBrowserSessionEndDropsTheSendInFlight(t *testing.T) {
	t.Parallel()
	signOut := func(t *testing.T, tab context.Context) {
		run(t, tab, press("#sign-out"))
		waitJS(t, tab, `!!document.querySelector("#sign-in")`)
	}
	switchCloud := func(t *testing.T, tab context.Context) {
		run(t, tab, setSelect("#cloud", "global"))
		waitJS(t, tab, `!document.querySelector("#sandbox-token")`)
	}
	for _, tc := range []struct {
		name     string
		signedIn bool // else the sandbox's token, pasted
		reply    graphtest.Reply
		retrying bool // end the session during the retry countdown
		end      func(*testing.T, context.Context)
		why      string
	}{
		{name: "sign out during a slow send", signedIn: true, reply: graphtest.Reply{Delay: 4 * time.Second},
			end: signOut, why: "you signed out"},
		{name: "sign out during the retry countdown", signedIn: true, reply: graphtest.Reply{Status: 503, Times: 4}, retrying: true,
			end: signOut, why: "you signed out"},
		{name: "cloud switch during a slow send", reply: graphtest.Reply{Delay: 4 * time.Second},
			end: switchCloud, why: "you switched cloud"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sb, appURL := sandboxApp(t)
			var tab context.Context
			if tc.signedIn {
				tab = signedIn(t, appURL)
			} else {
				tab = readyToSend(t, sb, appURL)
			}
			sb.Respond(tc.reply)
			run(t, tab, press("#send"))
			if tc.retrying {
				waitText(t, tab, "#retry-countdown", "Sending again in")
			} else {
				waitText(t, tab, "#response-pending", "Sending")
				waitFor(t, "the send to reach the sandbox", func() bool { return len(graphPosts(sb)) == 1 })
			}
			posts := graphPosts(sb)
			token := strings.TrimPrefix(posts[0].Header.Get("Authorization"), "Bearer ")
			if len(token) < 100 {
				t.Fatalf("the send carried no token: %q", token)
			}
			tc.end(t, tab)
			waitText(t, tab, "#response-error", "stopped because "+tc.why)
			waitIdle(t, tab) // the send, had it gone on, would keep the page busy until answered

			if n := len(graphPosts(sb)); n != 1 {
				t.Errorf("%d sends reached Graph, want 1: the send went on after the session ended", n)
			}
			var rows int
			run(t, tab, chromedp.Evaluate(`document.querySelectorAll(".history-row").length`, &rows))
			if rows != 0 {
				t.Errorf("%d history rows after the session ended", rows)
			}
			if got := valueOf(t, tab, "#token"); got != "" {
				t.Errorf("the token field holds %.12q…", got)
			}
			if got := textOf(t, tab, "#token-panel"); got != "" {
				t.Errorf("the token panel shows %q", got)
			}
			for sel, text := range map[string]string{"the request panel": textOf(t, tab, "#request"), "the page": textOf(t, tab, "body")} {
				if strings.Contains(text, token[:12]) || strings.Contains(text, token[len(token)-20:]) {
					t.Errorf("%s shows the old session's token:\n%s", sel, text)
				}
			}
			var upn bool
			run(t, tab, chromedp.Evaluate(`!!document.querySelector("#upn")`, &upn))
			if upn {
				t.Error("signed in again by a send of the old session")
			}
			if !strings.Contains(textOf(t, tab, "#response-error"), "stopped because "+tc.why) {
				t.Error("the page no longer says why the send stopped")
			}
		})
	}
}

// TestBrowserSignInAnsweredAfterACloudSwitchIsDropped: the popup's answer
// comes back after the admin switched cloud. The page no longer listens,
// so nothing is redeemed, nobody is signed in, and the popup says that no
// page is waiting. (With COOP the page cannot close the popup itself.)
func TestBrowserSignInAnsweredAfterACloudSwitchIsDropped(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.SetSignInCOOP(true)
	tab := newTab(t)
	open(t, tab, appURL)
	popup, _ := signInPage(t, tab, "#sign-in")
	run(t, tab, setSelect("#cloud", "global"))
	waitJS(t, tab, `!document.querySelector("#sandbox-token")`)
	run(t, popup, press("#user-admin"))
	waitText(t, popup, "#popup-note", "No synctoken page is waiting")

	if codes := codeRedemptions(sb); len(codes) != 0 {
		t.Errorf("a code was redeemed after the cloud switch: %v", codes)
	}
	var upn bool
	run(t, tab, chromedp.Evaluate(`!!document.querySelector("#upn")`, &upn))
	if upn {
		t.Error("signed in by an answer that came after the cloud switch")
	}
	run(t, tab, setSelect("#cloud", "sandbox"))
	waitJS(t, tab, `!!document.querySelector("#sandbox-token")`)
	waitIdle(t, tab) // a resume would keep the page busy until it ended
	run(t, tab, chromedp.Evaluate(`!!document.querySelector("#upn")`, &upn))
	if upn {
		t.Error("back on the sandbox, a session of the dropped sign-in was resumed")
	}
}

// waitFor polls cond for up to 20 s.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
