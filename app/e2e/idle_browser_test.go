//go:build !js

package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/performance"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// idleWindow is how long the page is left alone, and idleBudget the script
// time Chromium may count in it (Performance.getMetrics' ScriptDuration:
// the tab's main-thread JavaScript and wasm). One render of the whole page
// costs ~5 ms on a quiet machine and several times that on a busy one, so
// a page that renders once a second, as it did, spends 25 ms or more in
// the window (180 ms measured with the machine busy). A page that renders
// nothing spends under 1 ms: go-app's frame timer slowing down. The budget
// sits between: less than one render, several times what idle costs.
const (
	idleWindow = 5 * time.Second
	idleBudget = 5 * time.Millisecond
)

// TestBrowserIdlePageDoesNotRender leaves the page alone, opened and then
// with a token whose countdown is shown, and checks that it spends
// (almost) no script time: nothing renders when nothing changed (issue
// 19). Then the clock still counts: a token in its last two minutes
// counts down every second.
func TestBrowserIdlePageDoesNotRender(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	run(t, tab, chromedp.ActionFunc(func(ctx context.Context) error { return performance.Enable().Do(ctx) }))
	idle(t, tab, "opened, nothing typed")

	run(t, tab, press("#sandbox-token"))
	claims := waitText(t, tab, "#token-claims", " min")
	// The countdown says "in 59 min": the page redraws when a minute of
	// the token's life ends. Measure between two of those moments.
	exp, err := time.Parse("2006-01-02 15:04:05 UTC", expiresLine(claims)[:23])
	if err != nil {
		t.Fatalf("reading the expiry of %q: %v", expiresLine(claims), err)
	}
	if next := time.Until(exp) % time.Minute; next < idleWindow+settleMax {
		time.Sleep(next + time.Second)
	}
	idle(t, tab, "a token with its countdown")

	run(t, tab, paste("#token", sb.Token(graphtest.WithExpiry(time.Now().Add(100*time.Second)))))
	first := expiresLine(waitText(t, tab, "#token-claims", "in 1m"))
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && expiresLine(textOf(t, tab, "#token-claims")) == first {
		time.Sleep(100 * time.Millisecond)
	}
	second := expiresLine(textOf(t, tab, "#token-claims"))
	if second == first {
		t.Errorf("a token 100 s from expiry: the countdown stayed at %q for 5 s", first)
	}
	t.Logf("a token 100 s from expiry counts down: %q, then %q", first, second)
}

// expiresLine is the line of the token's claims that says when it expires.
func expiresLine(claims string) string {
	for _, l := range strings.Split(claims, "\n") {
		if strings.Contains(l, " UTC") {
			return strings.TrimSpace(l)
		}
	}
	return claims
}

// settleMax bounds the wait for the page to settle before idle measures.
const settleMax = 4 * time.Second

// idle waits for the page to settle (the last action's renders, go-app's
// frames slowing down: a second with under 1 ms of script; a page that
// renders every second never settles, and is measured anyway after
// settleMax), then measures the script time it spends in idleWindow
// without anybody touching it.
func idle(t *testing.T, tab context.Context, state string) {
	t.Helper()
	for end := time.Now().Add(settleMax); time.Now().Before(end); {
		before := scriptDuration(t, tab)
		time.Sleep(time.Second)
		if scriptDuration(t, tab)-before < time.Millisecond {
			break
		}
	}
	before := scriptDuration(t, tab)
	time.Sleep(idleWindow)
	spent := scriptDuration(t, tab) - before
	t.Logf("%s: %.2f ms of script in %s idle", state, float64(spent)/float64(time.Millisecond), idleWindow)
	if spent > idleBudget {
		t.Errorf("%s: the page spent %s of script in %s with nobody touching it, want at most %s: it renders when nothing changed",
			state, spent.Round(10*time.Microsecond), idleWindow, idleBudget)
	}
}

// scriptDuration is Chromium's cumulative ScriptDuration for the tab.
func scriptDuration(t *testing.T, tab context.Context) time.Duration {
	t.Helper()
	var metrics []*performance.Metric
	run(t, tab, chromedp.ActionFunc(func(ctx context.Context) (err error) {
		metrics, err = performance.GetMetrics().Do(ctx)
		return err
	}))
	for _, m := range metrics {
		if m.Name == "ScriptDuration" {
			return time.Duration(m.Value * float64(time.Second))
		}
	}
	t.Fatal("Chromium reported no ScriptDuration")
	return 0
}
