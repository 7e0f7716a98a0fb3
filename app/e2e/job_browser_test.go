//go:build !js

package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// TestBrowserRestartsAQuarantinedJob walks a whole sandbox repair to its
// end: signed in, the seeded Contoso job reads as quarantined and
// Restart provisioning is not offered; the vendor's code is handed over
// (204), Test connection answers 204, and then Restart provisioning,
// confirmed after the page says what it clears, is sent through the
// panels, and the page reads the job again until it runs (Active).
func TestBrowserRestartsAQuarantinedJob(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := signedIn(t, appURL)
	oauthRows(t, tab)
	run(t, tab, paste("#authz-url", sb.VendorAuthorizationURL()))
	waitText(t, tab, "#authz-built", "redirect_uri="+url.QueryEscape(sb.LandingURL()))

	run(t, tab, press("#job-read"))
	waitText(t, tab, "#job-title", "Provisioning is quarantined (Quarantine)")
	waitText(t, tab, "#job-facts", "SalesforceInvalidCredentials")
	waitText(t, tab, "#job-restart-gate", "after Test connection answers 204")
	if evalBool(t, tab, `!!document.querySelector("#job-restart")`) {
		t.Error("Restart provisioning is offered before a working Test connection")
	}

	vendor, _ := vendorPage(t, tab, "#authz-open")
	run(t, vendor, press("#vendor-allow"))
	waitJS(t, vendor, `!!document.querySelector("#landing-address")`)
	landing := valueOf(t, vendor, "#landing-address")
	chromedp.Cancel(vendor)
	run(t, tab, paste("#authz-landing", landing), press("#authz-landing-use"))
	waitText(t, tab, "#authz-landing-problems", "rows are filled")
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#explanation-title", "Code handed over")
	run(t, tab, press("#explanation-test"))
	waitText(t, tab, "#response-call", "validateCredentials")
	waitText(t, tab, "#response-status", "204 No Content")

	run(t, tab, press("#job-restart"))
	confirm := waitText(t, tab, "#job-confirm-list", "QuarantineState")
	for _, want := range []string{"Temporarily lifts the quarantine", "Watermark", "Escrows"} {
		if !strings.Contains(confirm, want) {
			t.Errorf("the confirmation does not say %q:\n%s", want, confirm)
		}
	}
	if got := textOf(t, tab, "#request"); !strings.Contains(got, "/restart HTTP/1.1") || !strings.Contains(got, `"criteria": {}`) {
		t.Errorf("the Request panel does not show restart's request:\n%s", got)
	}
	if n := len(requestsTo(sb, http.MethodPost, "/restart")); n != 0 {
		t.Fatalf("restart sent before the confirmation: %d", n)
	}
	run(t, tab, press("#job-restart-confirm"))
	waitText(t, tab, "#response-call", "restart")
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#explanation-title", "Restart accepted")
	waitText(t, tab, "#job-settled", "The job changed")
	waitText(t, tab, "#job-title", "Provisioning is running (Active)")
	posts := requestsTo(sb, http.MethodPost, "/restart")
	sp := graphtest.ServicePrincipals[0]
	if len(posts) != 1 || !strings.Contains(posts[0].Path, "/servicePrincipals/"+sp.ObjectID+"/synchronization/jobs/salesforce.") ||
		!strings.Contains(string(posts[0].Body), `"criteria": {}`) {
		t.Errorf("restart sent %d requests: %+v", len(posts), posts)
	}
	waitText(t, tab, "#history-0 .history-call", "restart")
	t.Logf("%-30s → %s", "repair", "quarantined job read, code sent (204), Test connection (204), Restart (204), job Active")

	// A restart that does not show within 30 s: the page stops reading and says so.
	sb.SetJobDelay(time.Hour)
	run(t, tab, press("#job-restart"))
	waitText(t, tab, "#job-confirm-list", "QuarantineState")
	run(t, tab, press("#job-restart-confirm"))
	waitText(t, tab, "#job-settling", "until it changes")
	time.Sleep(20 * time.Second)
	waitText(t, tab, "#job-settled", "After 30 s the job has not changed yet")
	if evalBool(t, tab, `!!document.querySelector("#job-settling")`) {
		t.Error("the page still says it reads the job after giving up")
	}
	t.Logf("%-30s → %s", "no change in 30 s", "the reads stop, the page says so")

	// A paused job gets Start provisioning; its error's markup stays text.
	sb.SetJobDelay(0)
	paused := graphtest.ServicePrincipals[2]
	run(t, tab, paste("#object-id", paused.ObjectID), press("#job-read"))
	waitText(t, tab, "#job-title", "Provisioning is paused (Paused)")
	if evalBool(t, tab, `!!document.querySelector("#job-settled")`) {
		t.Error("what the reads after the other job's restart said stays with this job")
	}
	waitText(t, tab, "#job-facts", "<script>window.__pwned=2</script>")
	run(t, tab, press("#job-start"))
	waitText(t, tab, "#response-call", "start")
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#job-title", "Provisioning is running (Active)")
	if starts := requestsTo(sb, http.MethodPost, "/start"); len(starts) != 1 || len(starts[0].Body) != 0 ||
		!strings.Contains(starts[0].Path, "/servicePrincipals/"+paused.ObjectID+"/synchronization/jobs/scim.") {
		t.Errorf("start sent %+v", starts)
	}
	if evalBool(t, tab, `window.__pwned !== undefined`) {
		t.Error("markup in the job's error ran")
	}
	t.Logf("%-30s → %s", "paused job", "Start provisioning (204), job Active")
}
