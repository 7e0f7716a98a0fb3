//go:build !js

package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSavedFormGoesWithoutAnAnswer: the form a full-page sign-in
// keeps in sessionStorage is removed when the page loads without a
// sign-in answer in its address (the admin came back without signing in),
// rather than left there for the rest of the tab's life.
func TestBrowserSavedFormGoesWithoutAnAnswer(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	run(t, tab, chromedp.Evaluate(`sessionStorage.setItem("synctoken.form", JSON.stringify(JSON.stringify(
		{cloud: "sandbox", version: "v1.0", kind: "servicePrincipals", objectId: "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9", keys: ["SecretToken"]})))`, nil))
	open(t, tab, appURL+"/?utm=1") // a load with a query, but no answer in it
	settled(t, tab)
	var kept bool
	run(t, tab, chromedp.Evaluate(`sessionStorage.getItem("synctoken.form") !== null`, &kept))
	if kept {
		t.Error("the form kept for a sign-in is still in sessionStorage after a load without an answer")
	}
}
