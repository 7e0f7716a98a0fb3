//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// The page as steps in the admin's order (app/steps.go): each says where
// it stands, only the steps reached build their fields, any step opens
// at any time, and Next goes where the admin is.

// stepIDs are the steps, in the admin's order.
var stepIDs = []string{"signin", "application", "credentials", "getcode", "handover", "test", "save", "provisioning", "history"}

// TestBrowserStepsInAdminsOrder checks the order (Sign in before Get the
// code), that a fresh page builds only Sign in and Application, that a
// token connector has no Get the code and is told Send request is not its
// call, that any step opens at any time, and that a step closed and opened
// again keeps what was typed.
func TestBrowserStepsInAdminsOrder(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	openFresh(t, tab, appURL)

	if got := evalString(t, tab, `[...document.querySelectorAll("ol.steps > li.step")].map(e => e.id).join(" ")`, "the steps"); got != "step-"+strings.Join(stepIDs, " step-") {
		t.Fatalf("the steps are, in order: %s", got)
	}
	if got := textOf(t, tab, "#step-getcode-toggle"); got != "4. Get the code" {
		t.Errorf("Get the code's title reads %q", got)
	}
	if got := evalString(t, tab, `[...document.querySelectorAll(".step-body")].map(e => e.id).join(" ")`, "the open steps"); got != "step-signin-body step-application-body" {
		t.Errorf("a fresh page builds the bodies of: %s", got)
	}
	if evalBool(t, tab, `!!document.querySelector("#authz-url, #send, #save-credentials, #value-0")`) {
		t.Error("a fresh page builds fields of steps not reached")
	}
	if !evalBool(t, tab, `document.querySelector("#step-signin").getAttribute("aria-current") === "step"`) {
		t.Errorf("Sign in is not the current step: %s", evalString(t, tab, `document.querySelector("[aria-current=step]")?.id || "none"`, "current"))
	}
	var n int
	run(t, tab, chromedp.Evaluate(`document.querySelectorAll(".page *").length`, &n))
	t.Logf("first screen: %d elements", n)

	// A token connector: no Get the code, and Send request is not its call.
	openStep(t, tab, "credentials")
	choosePreset(t, tab, "scim-token")
	waitJS(t, tab, `document.querySelector("#step-getcode").hidden`)
	if got := textOf(t, tab, "#step-handover-toggle"); got != "4. Hand it over" {
		t.Errorf("with no Get the code, Hand it over's title reads %q", got)
	}
	waitText(t, tab, "#step-handover-summary", "not this connector's call")
	waitText(t, tab, "#step-handover", "Not needed")

	// Any step, any time; a step closed and opened again keeps what was typed.
	openStep(t, tab, "save")
	waitJS(t, tab, `!!document.querySelector("#save-credentials")`)
	sp := graphtest.ServicePrincipals[0].ObjectID
	run(t, tab, paste("#object-id", sp), press("#step-application-toggle"))
	waitJS(t, tab, `!document.querySelector("#step-application-body")`)
	openStep(t, tab, "application")
	if got := valueOf(t, tab, "#object-id"); got != sp {
		t.Errorf("Application closed and opened again shows Object ID %q, want %q", got, sp)
	}
	waitText(t, tab, "#step-application-summary", sp)
	waitText(t, tab, "#step-application", "Done")
}

// TestBrowserNextAfter204 checks that after an Authorize's 204 the page
// goes on to its own Test connection: Hand it over is done with its
// summary, Test connection is the current step, and Next takes the focus
// there.
func TestBrowserNextAfter204(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	openFresh(t, tab, appURL)
	run(t, tab, press("#sandbox-token"))
	waitText(t, tab, "#token-note", "sandbox token")
	waitText(t, tab, "#step-signin-summary", "access token")
	run(t, tab, paste("#object-id", graphtest.ServicePrincipals[0].ObjectID))
	openStep(t, tab, "credentials")
	run(t, tab, paste("#value-0", "sbx/typed-code"), paste("#value-1", sb.LandingURL()))
	openStep(t, tab, "handover")
	waitJS(t, tab, `!document.querySelector("#send").disabled`)
	sb.Respond(graphtest.Reply{Status: 204}) // the sandbox redeems only its own vendor's codes
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitIdle(t, tab)

	waitJS(t, tab, `document.querySelector("#step-test").getAttribute("aria-current") === "step"`)
	if got := textOf(t, tab, "#step-handover-summary"); !strings.Contains(got, "Code handed over") || !strings.Contains(got, ", 204") {
		t.Errorf("Hand it over says %q after the 204", got)
	}
	waitText(t, tab, "#step-handover", "Done")
	waitText(t, tab, "#step-handover-next", "Next: Test connection")
	run(t, tab, press("#step-handover-next"))
	waitJS(t, tab, `!!document.querySelector("#step-test-body #test-connection")`)
	waitJS(t, tab, `document.activeElement && document.activeElement.id === "step-test-toggle"`)
	t.Logf("%-30s → %s", "after a 204", fmt.Sprintf("%q, then Next: Test connection", textOf(t, tab, "#step-handover-summary")))
}
