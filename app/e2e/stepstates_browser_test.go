//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// stepIs waits until step id reads state (To do, Done, Needs attention)
// with a summary holding summary, and returns the summary.
func stepIs(t *testing.T, tab context.Context, id, state, summary string) string {
	t.Helper()
	waitJS(t, tab, fmt.Sprintf(`(() => { const s = document.querySelector("#step-%s .step-state"); return !!s && s.textContent === %q; })()`, id, state))
	return waitText(t, tab, "#step-"+id+"-summary", summary)
}

// currentStep waits until step id is the current one.
func currentStep(t *testing.T, tab context.Context, id string) {
	t.Helper()
	waitJS(t, tab, fmt.Sprintf(`(() => { const c = document.querySelectorAll("[aria-current=step]"); return c.length === 1 && c[0].id === "step-%s"; })()`, id))
}

// TestBrowserStepStates walks a whole sandbox repair step by step, as a
// new admin follows the page from the top, its steps as they open by
// themselves: sign in, the Object ID, the vendor's code, Send request
// (204), Test connection, Save, then the quarantined job restarted. At
// each state the current step, the steps' states and summaries are
// checked, and axe-core finds nothing serious.
func TestBrowserStepStates(t *testing.T) {
	t.Parallel()
	axeScript(t) // fail first, and fast, without axe-core
	sb, appURL := sandboxApp(t)
	sp := graphtest.ServicePrincipals[0]
	tab := newTab(t)
	openFresh(t, tab, appURL)
	injectAxe(t, tab)
	markLive(t, tab)
	currentStep(t, tab, "signin")
	stepIs(t, tab, "signin", "To do", "Sign in to")
	stepIs(t, tab, "getcode", "To do", "authorization page")
	checkA11y(t, tab, "steps: fresh")

	signInWithPopup(t, tab, "user-admin")
	stepIs(t, tab, "signin", "Done", "Signed in as "+graphtest.AdminUPN)
	currentStep(t, tab, "application")
	run(t, tab, paste("#object-id", sp.ObjectID))
	stepIs(t, tab, "application", "Done", sp.ObjectID)
	// Credentials offer the default, the code preset: the step waits for
	// the admin's choice, and is current. Chosen, Get the code (which
	// fills its rows) is current, and opens by itself.
	stepIs(t, tab, "credentials", "To do", "choose what you are configuring")
	currentStep(t, tab, "credentials")
	waitJS(t, tab, `!!document.querySelector("#step-credentials-body #preset")`)
	markLive(t, tab) // the step's body is new on screen, not a message
	run(t, tab, setSelect("#preset", "oauth-code"))
	stepIs(t, tab, "credentials", "Done", "Get the code fills its rows")
	currentStep(t, tab, "getcode")
	waitJS(t, tab, `!!document.querySelector("#step-getcode-body #authz-url")`)
	checkA11y(t, tab, "steps: signed in, get the code")

	run(t, tab, paste("#authz-url", sb.VendorAuthorizationURL()))
	waitText(t, tab, "#authz-built", "redirect_uri="+url.QueryEscape(sb.LandingURL()))
	vendor, _ := vendorPage(t, tab, "#authz-open")
	run(t, vendor, press("#vendor-allow"))
	waitJS(t, vendor, `!!document.querySelector("#landing-address")`)
	landing := valueOf(t, vendor, "#landing-address")
	chromedp.Cancel(vendor)
	run(t, tab, paste("#authz-landing", landing), press("#authz-landing-use"))
	waitText(t, tab, "#authz-landing-problems", "rows are filled")
	stepIs(t, tab, "getcode", "Done", "Code taken ")
	currentStep(t, tab, "handover")
	waitJS(t, tab, `!!document.querySelector("#step-handover-body #send") && !document.querySelector("#send").disabled`)
	checkA11y(t, tab, "steps: code taken")

	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	summary := stepIs(t, tab, "handover", "Done", "Code handed over ")
	if !strings.Contains(summary, ", 204") {
		t.Errorf("Hand it over says %q", summary)
	}
	currentStep(t, tab, "test")
	waitText(t, tab, "#step-handover-next", "Next: Test connection")
	checkA11y(t, tab, "steps: code handed over (204)")

	run(t, tab, press("#step-handover-next"))
	waitJS(t, tab, `document.activeElement && document.activeElement.id === "step-test-toggle"`)
	markLive(t, tab) // the step's live regions, there before its messages
	run(t, tab, press("#test-connection"))
	waitText(t, tab, "#response-call", "validateCredentials")
	waitText(t, tab, "#response-status", "204 No Content")
	stepIs(t, tab, "test", "Done", "Connection works ")
	currentStep(t, tab, "save")
	waitJS(t, tab, `!!document.querySelector("#step-save-body #save-credentials")`)
	checkA11y(t, tab, "steps: connection works")

	run(t, tab, press("#save-credentials"))
	waitText(t, tab, "#save-plan", "set Oauth2RedirectUri")
	stepIs(t, tab, "save", "To do", "Confirm save")
	run(t, tab, press("#save-confirm"))
	waitText(t, tab, "#response-call", "secrets")
	waitText(t, tab, "#response-status", "204 No Content")
	stepIs(t, tab, "save", "Done", "Saved ")
	currentStep(t, tab, "provisioning")
	waitJS(t, tab, `!!document.querySelector("#step-provisioning-body #job-read")`)
	checkA11y(t, tab, "steps: saved")

	run(t, tab, press("#job-read"))
	waitText(t, tab, "#job-title", "Provisioning is quarantined (Quarantine)")
	stepIs(t, tab, "provisioning", "Needs attention", "quarantined")
	checkA11y(t, tab, "steps: the job quarantined")
	run(t, tab, press("#job-restart"))
	waitText(t, tab, "#job-confirm-list", "QuarantineState")
	run(t, tab, press("#job-restart-confirm"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#job-title", "Provisioning is running (Active)")
	stepIs(t, tab, "provisioning", "Done", "running")
	for _, id := range []string{"signin", "application", "credentials", "getcode", "handover", "test", "save", "provisioning"} {
		if got := textOf(t, tab, "#step-"+id+" .step-state"); got != "Done" {
			t.Errorf("after the repair, step %s reads %q", id, got)
		}
	}
	waitText(t, tab, "#step-history-summary", "requests from this tab; the last, restart, got 204")
	checkA11y(t, tab, "steps: the job restarted, every step done")
	t.Logf("%-30s → %s", "repair", "every step done: "+textOf(t, tab, "#step-handover-summary")+" "+textOf(t, tab, "#step-provisioning-summary"))
}
