//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// The Admin Credentials step in the browser: Get the code (the vendor's
// page in a new window, its answer pasted or handed back), the code sent
// once, Test connection and Save, each through the same panels as
// acquireAccessToken.

// vendorPage presses trigger and returns the new window that shows the
// sandbox vendor's authorization page, attached.
func vendorPage(t *testing.T, tab context.Context, trigger string) (context.Context, target.ID) {
	t.Helper()
	return windowShowing(t, tab, trigger, "/_vendor/authorize", "#vendor-allow", "the vendor's page")
}

// oauthRows chooses the OAuth connector's preset, its values empty: Get
// the code appears.
func oauthRows(t *testing.T, tab context.Context) {
	t.Helper()
	choosePreset(t, tab, "oauth-code")
	run(t, tab, paste("#value-0", ""), paste("#value-1", ""))
	waitJS(t, tab, `!!document.querySelector("#authz-url")`)
}

// requestsTo returns the sandbox's requests whose path ends with suffix,
// of method (any when empty).
func requestsTo(sb *graphtest.Server, method, suffix string) []graphtest.Recorded {
	var out []graphtest.Recorded
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, suffix) && (method == "" || r.Method == method) {
			out = append(out, r)
		}
	}
	return out
}

// codeIn reports whether s holds code, as is or URL-encoded.
func codeIn(s, code string) bool {
	return strings.Contains(s, code) || strings.Contains(s, url.QueryEscape(code))
}

// TestBrowserGetTheCode walks the portal's Admin Credentials step with the
// portal's landing page as redirect URI: the vendor's page opens in a new
// window, its landing address is pasted, the code is sent once, then Test
// connection and Save; and each way it can go wrong.
func TestBrowserGetTheCode(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	sp := graphtest.ServicePrincipals[0]
	oauthRows(t, tab)
	if got := textOf(t, tab, "#authorize"); !strings.Contains(got, "Authorization URL") || !strings.Contains(got, "Redirect URI") ||
		!strings.Contains(got, "Open authorization page") || !strings.Contains(got, "Landing address") {
		t.Fatalf("Get the code lacks its labels: %q", got)
	}
	if got := valueOf(t, tab, "#authz-redirect-choice"); got != "portal" {
		t.Errorf("the redirect URI is %q by default, want the portal's landing page", got)
	}

	t.Run("bad input", func(t *testing.T) {
		good := map[string]string{"#object-id": sp.ObjectID, "#key-0": "Oauth2AuthorizationCode", "#key-1": "Oauth2RedirectUri",
			"#token": valueOf(t, tab, "#token")}
		cases := []struct {
			before           chromedp.Action
			field, input     string
			problems, want   string
			keepsWhatIsTyped bool
		}{
			{nil, "#authz-url", "http://vendor.example/authorize?client_id=x", "#authz-url-problems", "starts with http://", true},
			{nil, "#authz-url", "https://", "#authz-url-problems", "has no host", true},
			{nil, "#authz-url", "javascript:alert(1)", "#authz-url-problems", "javascript", true},
			{nil, "#authz-url", "https://vendor.example/authorize?scope=a b", "#authz-url-problems", "contains a space", true},
			{nil, "#authz-url", "https://vendor.example/authorize?q=" + strings.Repeat("a", 65<<10), "#authz-url-problems", "paste the vendor's authorization URL alone", true},
			{nil, "#authz-url", sb.VendorAuthorizationURL(), "#authz-url-problems", "Added redirect_uri", true},
			{nil, "#authz-landing", sb.LandingURL() + "?state=abc", "#authz-landing-problems", "holds no code", true},
			{nil, "#authz-landing", "abc def", "#authz-landing-problems", "contains a space", true},
			{nil, "#authz-landing", sb.VendorAuthorizationURL(), "#authz-landing-problems", "not the landing address", true},
			{nil, "#authz-landing", "https://x.example/?q=" + strings.Repeat("c", 65<<10), "#authz-landing-problems", "paste the address the vendor's page ended on", true},
			{setSelect("#authz-redirect-choice", "typed"), "#authz-redirect", "http://example.com/callback", "#authz-redirect-choice-problems", "starts with http://", true},
			{nil, "#authz-redirect", "https://", "#authz-redirect-choice-problems", "has no host", true},
			{nil, "#authz-redirect", "https://example.com/callback#x", "#authz-redirect-choice-problems", "fragment", true},
		}
		for _, c := range cases {
			if c.before != nil {
				run(t, tab, c.before)
				waitJS(t, tab, fmt.Sprintf(`!!document.querySelector(%q)`, c.field))
			}
			run(t, tab, paste(c.field, c.input))
			got := waitText(t, tab, c.problems, c.want)
			shown := c.input
			if len(shown) > 44 {
				shown = fmt.Sprintf("%.34s… (%d bytes)", shown, len(shown))
			}
			t.Logf("%-16s %-48q → %s", c.field, shown, strings.ReplaceAll(strings.TrimSpace(got), "\n", " | "))
			if evalBool(t, tab, `!!document.querySelector("#crash, #crashed")`) {
				t.Fatalf("%s %q crashed the page", c.field, shown)
			}
			if got := valueOf(t, tab, c.field); got != c.input {
				t.Errorf("%s: the field shows %.40q, not what was pasted", c.field, got)
			}
			for sel, want := range good {
				if got := valueOf(t, tab, sel); got != want {
					t.Errorf("%s %q changed %s to %.40q", c.field, shown, sel, got)
				}
			}
			if v := valueOf(t, tab, "#value-0"); v != "" {
				t.Errorf("%s %q filled the code row: %q", c.field, shown, v)
			}
		}
		if !evalBool(t, tab, `document.querySelector("#authz-open").disabled`) {
			t.Error("Open authorization page is enabled with a bad redirect URI")
		}
		run(t, tab, setSelect("#authz-redirect-choice", "portal"), paste("#authz-landing", ""))
		waitJS(t, tab, `!document.querySelector("#authz-open").disabled`)
	})

	var code string
	t.Run("walk", func(t *testing.T) {
		waitText(t, tab, "#authz-built", "redirect_uri="+url.QueryEscape(sb.LandingURL()))
		vendor, _ := vendorPage(t, tab, "#authz-open")
		if !evalBool(t, vendor, `window.opener === null`) {
			t.Error("the vendor's window has a handle on the page: it was opened without noopener")
		}
		run(t, vendor, press("#vendor-allow"))
		waitJS(t, vendor, `!!document.querySelector("#landing-address")`)
		landing := valueOf(t, vendor, "#landing-address")
		lu, err := url.Parse(landing)
		if err != nil || lu.Query().Get("code") == "" {
			t.Fatalf("the landing page shows %q", landing)
		}
		code = lu.Query().Get("code")
		chromedp.Cancel(vendor) // the admin closes it

		// As the admin does it: paste into the field, then press Take the
		// code. The press first takes the focus away, whose change event
		// takes the code and empties the field; the click that follows
		// must leave that success alone, not call the empty field missing.
		run(t, tab, chromedp.Focus("#authz-landing", chromedp.ByQuery), input.InsertText(landing), press("#authz-landing-use"))
		waitText(t, tab, "#authz-landing-problems", "rows are filled")
		waitText(t, tab, "#authz-landing-problems", "The state matches")
		settled(t, tab)
		if x := textOf(t, tab, "#authz-landing-problems"); !strings.Contains(x, "rows are filled") || strings.Contains(x, "required") {
			t.Errorf("after a paste and Take the code the field says:\n%s", x)
		}
		if got := valueOf(t, tab, "#value-0"); got != code {
			t.Errorf("Oauth2AuthorizationCode = %q, want the vendor's code %q", got, code)
		}
		if got := valueOf(t, tab, "#value-1"); got != sb.LandingURL() {
			t.Errorf("Oauth2RedirectUri = %q, want the redirect URI used, %q", got, sb.LandingURL())
		}
		if got := valueOf(t, tab, "#authz-landing"); got != "" {
			t.Errorf("the landing address (with the code) stays in its field once taken: %q", got)
		}
		if !evalBool(t, tab, `document.querySelector("#value-0").classList.contains("masked")`) {
			t.Error("the code is shown: its field is not masked")
		}
		if shown := textOf(t, tab, "#request"); codeIn(shown, code) {
			t.Errorf("the request panel shows the code:\n%s", shown)
		}

		run(t, tab, press("#send"))
		waitText(t, tab, "#response-status", "204 No Content")
		waitText(t, tab, "#explanation-title", "Code handed over")
		waitText(t, tab, "#explanation-cause", "redeems it with the vendor")
		posts := graphPosts(sb)
		if len(posts) != 1 || !codeIn(string(posts[0].Body), code) {
			t.Fatalf("want one acquireAccessToken carrying the code; got %d", len(posts))
		}

		run(t, tab, press("#explanation-test"))
		waitText(t, tab, "#response-call", "validateCredentials")
		waitText(t, tab, "#response-status", "204 No Content")
		waitText(t, tab, "#explanation-title", "Connection works")
		tests := requestsTo(sb, http.MethodPost, "/validateCredentials")
		if len(tests) != 1 || !strings.Contains(tests[0].Path, "/jobs/salesforce.") || !strings.Contains(string(tests[0].Body), `"useSavedCredentials": true`) ||
			strings.Contains(string(tests[0].Body), "credentials\"") {
			t.Errorf("Test connection sent %d requests: %+v", len(tests), tests)
		}
		if got := textOf(t, tab, "#request"); !strings.Contains(got, "/validateCredentials HTTP/1.1") || !strings.Contains(textOf(t, tab, "#request-state"), "exactly what Test connection sends") {
			t.Errorf("the Request panel does not show Test connection's request:\n%s", got)
		}
		run(t, tab, chromedp.Evaluate(`navigator.clipboard.writeText = async (s) => { window.__copied = s }`, nil),
			setSelect("#copy-kind", "curl"), press("#copy"))
		waitJS(t, tab, `!!window.__copied`)
		if copied := evalString(t, tab, `window.__copied`, "the copy"); !strings.Contains(copied, "/validateCredentials") || strings.Contains(copied, sb.Token()[:30]) {
			t.Errorf("Copy as curl after Test connection: %q", copied)
		}

		run(t, tab, press("#save-credentials"))
		waitText(t, tab, "#save-plan", "set Oauth2RedirectUri")
		waitText(t, tab, "#save-problems", "Oauth2AuthorizationCode, is not saved")
		waitText(t, tab, "#save-current", "Oauth2AccessToken: *")
		if got := textOf(t, tab, "#request"); !strings.HasPrefix(got, "PUT ") || codeIn(got, code) {
			t.Errorf("the Request panel does not show Save's request, or shows the code:\n%s", got)
		}
		run(t, tab, press("#save-confirm"))
		waitText(t, tab, "#response-call", "secrets")
		waitText(t, tab, "#response-status", "204 No Content")
		waitText(t, tab, "#save-settled", "Graph shows the change")
		saved := waitText(t, tab, "#saved-keys", "Oauth2RedirectUri: "+sb.LandingURL())
		for _, want := range []string{"Oauth2AccessToken: *", "Oauth2RefreshToken: *", "Oauth2AccessTokenCreationTime: 20"} {
			if !strings.Contains(saved, want) {
				t.Errorf("#saved-keys lacks %q:\n%s", want, saved)
			}
		}
		puts := requestsTo(sb, http.MethodPut, "/synchronization/secrets")
		if len(puts) != 1 || codeIn(string(puts[0].Body), code) || !strings.Contains(string(puts[0].Body), "Oauth2RedirectUri") {
			t.Errorf("Save sent %d PUTs: %v", len(puts), puts)
		}
		for i, want := range []string{"secrets (PUT)", "validateCredentials", "acquireAccessToken"} {
			waitText(t, tab, fmt.Sprintf("#history-%d .history-call", i), want)
		}
		t.Logf("%-30s → %s", "walk", "landing pasted, code sent (204), Test connection (204), Save (204), saved keys listed")
	})

	t.Run("same code twice", func(t *testing.T) {
		if code == "" || valueOf(t, tab, "#value-0") != code {
			t.Skip("the walk did not leave its code in the row")
		}
		before := len(graphPosts(sb))
		run(t, tab, press("#send"))
		waitText(t, tab, "#send-again", "was sent already")
		waitIdle(t, tab) // a send that should not happen would be under way, or done
		if n := len(graphPosts(sb)); n != before {
			t.Fatalf("Send sent the same code again without asking: %d sends, was %d", n, before)
		}
		run(t, tab, press("#send-again-confirm"))
		waitText(t, tab, "#response-status", "400")
		waitText(t, tab, "#explanation-title", "used already")
		if n := len(graphPosts(sb)); n != before+1 {
			t.Errorf("confirmed, the code was sent %d times, want once", n-before)
		}
		t.Logf("%-30s → %s", "the same code sent twice", "asked first, then 400 used already explained")
	})

	t.Run("503 with a code is not resent", func(t *testing.T) {
		run(t, tab, paste("#value-0", "sbx/typed-code"))
		sb.Respond(graphtest.Reply{Status: 503, Body: graphError("ServiceUnavailable", ""), Times: 5})
		before := len(graphPosts(sb))
		run(t, tab, press("#send"))
		waitText(t, tab, "#response-status", "503")
		x := waitText(t, tab, "#explanation", "not sent again")
		waitIdle(t, tab) // a retry would keep the page busy until it was sent
		if n := len(graphPosts(sb)); n != before+1 {
			t.Errorf("a send with a code reached the sandbox %d times after a 503, want once", n-before)
		}
		if evalBool(t, tab, `!!document.querySelector("#retry-countdown")`) {
			t.Error("a retry countdown was shown for a send with a code")
		}
		sb.Reset() // the replies left
		t.Logf("%-30s → %s", "503 on a send with a code", strings.SplitN(x, "\n", 2)[0])
	})

	t.Run("deny", func(t *testing.T) {
		run(t, tab, paste("#value-0", ""))
		vendor, _ := vendorPage(t, tab, "#authz-open")
		run(t, vendor, press("#vendor-deny"))
		waitJS(t, vendor, `!!document.querySelector("#landing-error")`)
		landing := valueOf(t, vendor, "#landing-address")
		chromedp.Cancel(vendor)
		run(t, tab, paste("#authz-landing", landing))
		x := waitText(t, tab, "#authz-vendor-error", "access_denied")
		if got := valueOf(t, tab, "#value-0"); got != "" {
			t.Errorf("a refusal filled the code row: %q", got)
		}
		if got := valueOf(t, tab, "#authz-landing"); got != landing {
			t.Errorf("the refused landing address was not kept in its field: %q", got)
		}
		t.Logf("%-30s → %s", "Deny at the vendor", strings.SplitN(x, "\n", 2)[0])
	})

	t.Run("another state", func(t *testing.T) {
		forged := sb.LandingURL() + "?code=sbx%2Fforged&state=another-authorize"
		run(t, tab, paste("#authz-landing", forged))
		x := waitText(t, tab, "#authz-landing-problems", "is not this Authorize's")
		if got := valueOf(t, tab, "#value-0"); got != "" {
			t.Errorf("an answer of another state filled the code row: %q", got)
		}
		if got := valueOf(t, tab, "#authz-landing"); got != forged {
			t.Errorf("the refused landing address was not kept: %q", got)
		}
		t.Logf("%-30s → %s", "a landing of another state", x)
	})

	t.Run("save leaves an empty Oauth2 value out", func(t *testing.T) {
		run(t, tab, paste("#value-1", ""))
		before := len(requestsTo(sb, http.MethodPut, "/synchronization/secrets"))
		run(t, tab, press("#save-credentials"))
		x := waitText(t, tab, "#save-problems", "Oauth2RedirectUri, is empty: left out of the Save")
		waitText(t, tab, "#save-problems", "Nothing to save")
		if !evalBool(t, tab, `document.querySelector("#save-confirm").disabled`) {
			t.Error("Confirm save is enabled with nothing to save")
		}
		if n := len(requestsTo(sb, http.MethodPut, "/synchronization/secrets")); n != before {
			t.Errorf("a Save with only an empty Oauth2 value was sent (%d PUTs)", n-before)
		}
		run(t, tab, setSelect("#endpoint", "applications"))
		waitText(t, tab, "#test-endpoint-note", "act on the service principal")
		if !evalBool(t, tab, `document.querySelector("#test-connection").disabled && document.querySelector("#save-credentials").disabled`) {
			t.Error("Test connection or Save is enabled for the Application endpoint")
		}
		run(t, tab, setSelect("#endpoint", "servicePrincipals"))
		waitJS(t, tab, `!document.querySelector("#test-connection").disabled`)
		for _, line := range strings.Split(x, "\n") {
			if strings.Contains(line, "is empty") {
				t.Logf("%-30s → %s", "Save an empty Oauth2 value", line)
			}
		}
	})
	t.Run("a token connector: several jobs, then none", func(t *testing.T) {
		fabrikam := graphtest.ServicePrincipals[1]
		job := "scim.4b7d2e9a1c3f4e6b8a0d5c7e9f1b3a26." + graphtest.TenantID
		choosePreset(t, tab, "scim-token")
		run(t, tab, paste("#object-id", fabrikam.ObjectID), paste("#value-0", "https://scim.example.com/scim"), paste("#value-1", "typed-secret"),
			setSelect("#tc-credentials", "typed"))
		sb.Respond(graphtest.Reply{Status: 200, Path: "/synchronization/jobs$",
			Body: `{"value":[{"id":"scim.deleted-job","templateId":"scim"},{"id":"` + job + `","templateId":"scim"}]}`})
		before := len(requestsTo(sb, http.MethodPost, "/validateCredentials"))
		run(t, tab, press("#test-connection"))
		waitText(t, tab, "#test-connection-problems", "2 provisioning jobs: choose the one to test")
		if n := len(requestsTo(sb, http.MethodPost, "/validateCredentials")); n != before {
			t.Fatalf("Test connection picked one of two jobs by itself")
		}
		run(t, tab, setSelect("#tc-job", job), press("#test-connection"))
		waitText(t, tab, "#explanation-title", "Connection works")
		tests := requestsTo(sb, http.MethodPost, "/validateCredentials")
		last := tests[len(tests)-1]
		if !strings.Contains(last.Path, "/jobs/"+job+"/") || !strings.Contains(string(last.Body), `"useSavedCredentials": false`) ||
			!strings.Contains(string(last.Body), "typed-secret") {
			t.Errorf("Test connection of the typed credentials sent %s %s", last.Path, last.Body)
		}

		namesake := graphtest.NamesakeServicePrincipals[0]
		rows := evalInt(t, tab, `document.querySelectorAll("#history tbody tr").length`)
		run(t, tab, paste("#object-id", namesake.ObjectID), press("#test-connection"))
		waitText(t, tab, "#tc-template", "scim")
		waitFor(t, "Test connection for the template", func() bool { return len(requestsTo(sb, http.MethodPost, "/validateCredentials")) > len(tests) })
		tests = requestsTo(sb, http.MethodPost, "/validateCredentials")
		last = tests[len(tests)-1]
		if !strings.HasSuffix(last.Path, "/servicePrincipals/"+namesake.ObjectID+"/synchronization/jobs/validateCredentials") ||
			!strings.Contains(string(last.Body), `"templateId": "scim"`) {
			t.Errorf("without a job, Test connection sent %s %s", last.Path, last.Body)
		}
		waitJS(t, tab, historyHolds(rows+1))
		waitText(t, tab, "#explanation-title", "Connection works")
		t.Logf("%-30s → %s", "several jobs, then none", "asked to choose a job; then tested for the template")
	})
}

// TestBrowserGetTheCodeOnThisPage: with This page as redirect URI, the
// vendor's window comes back to the site, which hands the code to the page
// that opened it and closes, leaving it nowhere (address, storage,
// console, history, copies). A sign-in meanwhile neither takes nor spoils
// it, and no vendor code ever reaches the sign-in host.
func TestBrowserGetTheCodeOnThisPage(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.AllowVendorRedirectURI(appURL + "/")
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	oauthRows(t, tab)
	run(t, tab, press("#add-credential"))
	waitJS(t, tab, `!!document.querySelector("#key-2")`)
	run(t, tab, paste("#key-2", "Oauth2ClientSecret"), paste("#value-2", "client-secret-never-stored"),
		paste("#authz-url", sb.VendorAuthorizationURL()), setSelect("#authz-redirect-choice", "page"))
	waitText(t, tab, "#authz-built", "redirect_uri="+url.QueryEscape(appURL+"/"))

	var code string
	t.Run("handed back", func(t *testing.T) {
		vendor, id := vendorPage(t, tab, "#authz-open")
		waitText(t, tab, "#authz-waiting", "comes back here by itself")
		if stored := storageDump(t, tab); strings.Contains(stored, "synctoken.vendor") {
			t.Errorf("the tab keeps the Authorize in its storage: the vendor's window is readied by the tab itself: %s", stored)
		}

		// A sign-in while the vendor's page is open: its answer is Entra's,
		// and must not fill the vendor's code, nor stop the wait for it.
		signInWithPopup(t, tab, "user-admin")
		waitText(t, tab, "#upn", graphtest.AdminUPN)
		if got := valueOf(t, tab, "#value-0"); got != "" {
			t.Errorf("the sign-in's answer filled the vendor's code row: %q", got)
		}
		waitText(t, tab, "#authz-waiting", "comes back here by itself")

		run(t, vendor, press("#vendor-allow"))
		waitClosed(t, tab, id, "the vendor's window")
		waitText(t, tab, "#authz-landing-problems", "came back to this page")
		code = valueOf(t, tab, "#value-0")
		if !strings.HasPrefix(code, "sbx/") {
			t.Fatalf("the code row holds %q, want the vendor's code", code)
		}
		if got := valueOf(t, tab, "#value-1"); got != appURL+"/" {
			t.Errorf("Oauth2RedirectUri = %q, want this page, %q", got, appURL+"/")
		}
		for _, p := range requestsTo(sb, "", "/oauth2/v2.0/token") {
			if codeIn(string(p.Body), code) || codeIn(p.RawQuery, code) {
				t.Errorf("the vendor's code reached the sign-in host: %s", p.Body)
			}
		}

		run(t, tab, press("#send"))
		waitText(t, tab, "#explanation-title", "Code handed over")
		run(t, tab, press("#explanation-test"))
		waitText(t, tab, "#response-call", "validateCredentials")
		waitText(t, tab, "#explanation-title", "Connection works")
		if stored := storageDump(t, tab); strings.Contains(stored, "synctoken.vendor.pending") {
			t.Errorf("the Authorize's state stays in sessionStorage after its answer: %s", stored)
		}
	})

	t.Run("nothing left behind", func(t *testing.T) {
		if code == "" {
			t.Skip("no code came back")
		}
		// A copy of Send request's request, as the admin would make it.
		run(t, tab, chromedp.Focus("#send", chromedp.ByQuery))
		waitText(t, tab, "#request-call", "acquireAccessToken")
		run(t, tab, chromedp.Evaluate(`navigator.clipboard.writeText = async (s) => { window.__copied = s }`, nil), press("#copy"))
		waitJS(t, tab, `(window.__copied || "").includes("acquireAccessToken")`)
		// Asked for, a copy carries the values, but never the code: the
		// one send spent it.
		run(t, tab, chromedp.Evaluate(`window.__copied = ""`, nil), press("#copy-values"), press("#copy"))
		waitJS(t, tab, `(window.__copied || "").includes("acquireAccessToken")`)
		if withValues := evalString(t, tab, `window.__copied`, "the copy with values"); codeIn(withValues, code) || !strings.Contains(withValues, "client-secret-never-stored") {
			t.Errorf("a copy with values carries the code, or lacks the values asked for:\n%s", withValues)
		}
		run(t, tab, press("#copy")) // the next copy masks again, as the audit below expects
		waitJS(t, tab, `!(window.__copied || "").includes("client-secret-never-stored")`)
		secrets := append([]string{code, "client-secret-never-stored"}, sentTokens(t, sb)...)
		if msal := noSecretLeft(t, tab, secrets, 2); msal == "" {
			t.Error("no MSAL cache entry in sessionStorage: the audit read the wrong place")
		}
	})

	t.Run("nobody waiting", func(t *testing.T) {
		vendor, _ := vendorPage(t, tab, "#authz-open")
		run(t, tab, chromedp.Reload()) // the page that asked is gone
		waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
		run(t, vendor, press("#vendor-allow"))
		waitText(t, vendor, "#popup-note", "No synctoken page is waiting")
		var where, stored string
		run(t, vendor, chromedp.Evaluate(`location.href`, &where), chromedp.Evaluate(`JSON.stringify({...sessionStorage, ...localStorage})`, &stored))
		if strings.Contains(where, "code=") || strings.Contains(stored, "sbx/") || strings.Contains(stored, "sbx%2F") {
			t.Errorf("the vendor's window left the code behind: at %s, storage %s", where, stored)
		}
		// The tab was signed in: the window started with a copy of its
		// sessionStorage, MSAL's refresh token included, which the relay
		// cleared first thing. A reload there resumes no session.
		if n := evalString(t, vendor, `String(sessionStorage.length)`, "the window's sessionStorage"); n != "0" {
			t.Errorf("the vendor's window keeps %s sessionStorage entries after its hand-off: %s", n, stored)
		}
		if !strings.HasPrefix(where, appURL) {
			t.Errorf("the vendor's window is at %s, not this site", where)
		}
		t.Logf("%-30s → %s", "the page that asked reloaded", textOf(t, vendor, "#popup-note"))
		run(t, vendor, chromedp.Reload())
		waitJS(t, vendor, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
		waitIdle(t, vendor) // a resume would keep the page busy until it ended
		if evalBool(t, vendor, `!!document.querySelector("#upn")`) {
			t.Errorf("the vendor's window, reloaded, resumed the tab's session: %s", textOf(t, vendor, "#upn"))
		}
		chromedp.Cancel(vendor)
	})

	t.Run("a vendor's answer is never redeemed as a sign-in", func(t *testing.T) {
		run(t, tab, press("#sign-out"))
		waitJS(t, tab, `!!document.querySelector("#sign-in")`)
		redirectSignIn(t, tab) // a full-page sign-in is pending in this tab
		open(t, tab, appURL+"/?code=sbx%2Fvendor-code-at-the-page&state=vendor-state&scope=users%3Aread")
		waitText(t, tab, "#signin-error", "state differs")
		for _, p := range requestsTo(sb, "", "/oauth2/v2.0/token") {
			if codeIn(string(p.Body), "sbx/vendor-code-at-the-page") {
				t.Errorf("a vendor's code reached the sign-in host: %s", p.Body)
			}
		}
		var where string
		run(t, tab, chromedp.Evaluate(`location.href`, &where))
		if strings.Contains(where, "code=") || strings.Contains(where, "scope=") {
			t.Errorf("the answer stays in the address: %s", where)
		}
	})

}
