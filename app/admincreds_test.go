package app

import (
	"crypto/sha256"
	"regexp"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
)

// oauthPage is a mounted page for the Global cloud with an OAuth
// connector's rows and a valid target and token.
func oauthPage(t *testing.T) *Page {
	t.Helper()
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	p.target.objectID, p.auth.token = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9", token
	p.creds.rows = []graph.Credential{{Key: codeKey}, {Key: "Oauth2RedirectUri"}}
	return p
}

func TestGetTheCodeIsForOAuthRows(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	p.creds.rows = []graph.Credential{{Key: "BaseAddress"}, {Key: "SecretToken"}}
	html := rerender(t, p)
	if strings.Contains(html, "Get the code") {
		t.Error("Get the code is shown for the SCIM pair")
	}
	p.creds.rows = []graph.Credential{{Key: codeKey}}
	html = rerender(t, p)
	for _, want := range []string{">Get the code<", ">Authorization URL<", ">Redirect URI<", ">Open authorization page<", ">Landing address<",
		"The portal&#39;s landing page — https://portal.azure.com/TokenAuthorize", "Vendors register https://portal.azure.com/TokenAuthorize", ">Test connection<", ">Save credentials<"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// TestRedirectHintSaysUnverified: the US Gov and China landing addresses
// are said to be unverified next to the Redirect URI, as plainly as the
// presets say it of the key names.
func TestRedirectHintSaysUnverified(t *testing.T) {
	p := oauthPage(t)
	for _, c := range []graph.Cloud{graph.USGovL4, graph.China} {
		p.target.cloud = c
		html := rerender(t, p)
		if want := "Unverified: no public source shows " + c.Name + "&#39;s landing address; " + c.PortalRedirectURI() + " is an assumption"; !strings.Contains(html, want) {
			t.Errorf("%s: the page lacks %q", c.Name, want)
		}
	}
}

func TestTakeLandingFillsTheRows(t *testing.T) {
	p := oauthPage(t)
	p.authz.pasted = "https://vendor.example/authorize?client_id=c&response_type=code&scope=users"
	a, err := p.authz.authorization()
	if err != nil || a.RedirectURI != graph.Global.PortalRedirectURI() {
		t.Fatalf("authorization: %+v %v", a, err)
	}
	if again, _ := p.authz.authorization(); again.State != a.State {
		t.Error("the Authorize was made again without a change: its state changed")
	}

	// A refusal fills nothing and is explained.
	p.authz.landing = a.RedirectURI + "?error=access_denied&state=" + a.State
	p.authz.useLanding(p.session.page)
	if p.authz.vendorErr == nil || !strings.Contains(p.authz.vendorErr.Title, "access_denied") || codeOf(p.creds.rows) != "" {
		t.Errorf("a refusal: %+v, rows %v", p.authz.vendorErr, p.creds.rows)
	}
	if html := rerender(t, p); !strings.Contains(html, `id="authz-vendor-error"`) {
		t.Error("the refusal is not shown at the field")
	}

	p.authz.landing = a.RedirectURI + "?code=v%2Fcode&state=" + a.State
	p.authz.useLanding(p.session.page)
	want := []graph.Credential{{Key: codeKey, Value: "v/code"}, {Key: "Oauth2RedirectUri", Value: a.RedirectURI}}
	if len(p.creds.rows) != 2 || p.creds.rows[0] != want[0] || p.creds.rows[1] != want[1] {
		t.Errorf("rows = %v, want %v", p.creds.rows, want)
	}
	if p.authz.landing != "" || p.shown["authz-landing"] != "" || p.shown["value-0"] != "v/code" {
		t.Errorf("the landing address stays, or the rows' fields were not set: %q %v", p.authz.landing, p.shown)
	}

	// The rows lacking Oauth2RedirectUri get it.
	p.creds.rows = []graph.Credential{{Key: "Oauth2ClientId", Value: "c"}, {Key: codeKey}}
	p.authz.takeLanding(p.session.page, "code2", a, false)
	if len(p.creds.rows) != 3 || p.creds.rows[1].Value != "code2" || p.creds.rows[2] != (graph.Credential{Key: "Oauth2RedirectUri", Value: a.RedirectURI}) {
		t.Errorf("rows = %v", p.creds.rows)
	}
}

func TestCodeAgeWarnsAboveSend(t *testing.T) {
	p := oauthPage(t)
	now := time.Now()
	p.creds.rows[0].Value = "the-code"
	p.authz.codeSum, p.authz.codeAt, p.now = sha256.Sum256([]byte("the-code")), now.Add(-11*time.Minute), now
	if html := rerender(t, p); !strings.Contains(html, "11 minutes old") || !strings.Contains(html, "Authorize again for a new code") {
		t.Error("an 11-minute-old code is not warned about")
	}
	p.authz.codeAt = now.Add(-time.Minute)
	if html := rerender(t, p); strings.Contains(html, "minutes old") || strings.Contains(html, "minute old") {
		t.Error("a fresh code is warned about")
	}
	p.authz.codeAt = now.Add(-11 * time.Minute)
	p.creds.rows[0].Value = "typed-by-hand"
	if html := rerender(t, p); strings.Contains(html, "minutes old") {
		t.Error("a code typed by hand is given the age of the one it replaced")
	}
}

func TestSendAgainAsksFirst(t *testing.T) {
	p := oauthPage(t)
	p.creds.rows[0].Value = "sent-code"
	p.creds.rows[1].Value = "https://portal.azure.com/TokenAuthorize"
	if p.authz.wasSent(p.creds.rows) {
		t.Fatal("a code never sent reads as sent")
	}
	p.authz.markSent(p.creds.rows)
	p.authz.again = true
	if html := rerender(t, p); !strings.Contains(html, `id="send-again-confirm"`) || !strings.Contains(html, "Send again anyway") {
		t.Error("Send does not ask before sending a code again")
	}
	p.creds.rows[0].Value = "fresh-code"
	if html := rerender(t, p); strings.Contains(html, `id="send-again-confirm"`) {
		t.Error("a fresh code is asked about")
	}
	for k := range p.authz.sentCodes {
		if strings.Contains(string(k[:]), "sent-code") {
			t.Error("the code itself is kept")
		}
	}
}

func TestIsVendorAnswer(t *testing.T) {
	for href, want := range map[string]bool{
		"https://site.example/?code=v&state=S&scope=x":           true,
		"https://site.example/?error=access_denied&state=S":      true,
		"https://site.example/?code=v&state=T":                   false, // another Authorize
		"https://site.example/?code=v":                           false, // no state
		"https://site.example/#code=e&state=popup.S&session=s":   false, // a sign-in popup's answer
		"https://site.example/?code=v&state=popup.S":             false,
		"https://site.example/?state=S":                          false, // no answer
		"https://site.example/?code=e&state=S#code=v&state=popx": false, // the fragment's answer is read, as a sign-in's would be
	} {
		state := "S"
		if strings.Contains(href, "popup.S") {
			state = "popup.S"
		}
		if got := isVendorAnswer(href, state); got != want {
			t.Errorf("isVendorAnswer(%s, %s) = %v, want %v", href, state, got, want)
		}
	}
	if isVendorAnswer("https://site.example/?code=v", "") {
		t.Error("an answer is taken for an Authorize without state")
	}
}

func TestTestConnectionDefaultsAndPreview(t *testing.T) {
	p := oauthPage(t)
	if !p.validate.useSavedCredentials() {
		t.Error("an OAuth connector's rows test the typed credentials (a code) by default")
	}
	p.creds.rows = []graph.Credential{{Key: "BaseAddress", Value: "https://scim.example.com"}, {Key: "SecretToken", Value: "s"}}
	if p.validate.useSavedCredentials() {
		t.Error("a token connector's rows test the saved credentials by default")
	}
	p.authz.handedOver = true
	if !p.validate.useSavedCredentials() {
		t.Error("after an Authorize's 204, the typed credentials are tested by default")
	}
	p.validate.use = useTyped
	if p.validate.useSavedCredentials() {
		t.Error("the admin's choice is not kept")
	}

	p.validate.jobsFor, p.validate.jobs, p.validate.job = p.spID(), []graph.Job{{ID: "scim.job"}}, "scim.job"
	checked := p.input().Check()
	for c, want := range map[call]string{
		callAuthorize: "POST /v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken",
		callTest:      "POST /v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/jobs/scim.job/validateCredentials",
		callSave:      "PUT /v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/secrets",
	} {
		p.call = c
		r, _ := p.preview(checked)
		if got := r.Redacted(false).HTTP(); !strings.HasPrefix(got, want) {
			t.Errorf("%s: the Request panel shows\n%s\nwant %s", c.endpoint(), got, want)
		}
		if html := rerender(t, p); !strings.Contains(html, "<strong>"+c.endpoint()+"</strong>\n, sent by "+c.button()) {
			t.Errorf("%s: the Request panel does not name the call", c.endpoint())
		}
		if callNamed(c.dataCall()) != c {
			t.Errorf("%s: data-call %q reads back as another call", c.endpoint(), c.dataCall())
		}
	}
	p.call = callSave
	if _, complete := p.preview(checked); complete {
		t.Error("Save's request is complete before the saved credentials were read")
	}
	p.target.kind = graph.Applications
	if html := rerender(t, p); !strings.Contains(html, "act on the service principal") {
		t.Error("the Application endpoint is not said to be unsupported by Test connection and Save")
	}
}

// TestSavePlanLeavesEmptyRowsOut: an empty row is left out of Save (its
// saved key kept), deleting a saved key is its own choice on the plan,
// shown as a deletion, its empty value empty in the preview; and a saved
// key the Save did not touch that vanished is reported loudly.
func TestSavePlanLeavesEmptyRowsOut(t *testing.T) {
	p := oauthPage(t)
	p.call = callSave
	p.save.readFor, p.save.saved = p.spID(), []graph.Credential{{Key: "Oauth2AccessToken", Value: graph.SavedMask}, {Key: "SyncAll", Value: "false"}}
	p.creds.rows = []graph.Credential{{Key: codeKey, Value: "c"}, {Key: "Oauth2RedirectUri"}, {Key: "SyncAll"}}
	html := rerender(t, p)
	if !strings.Contains(html, "Row 2, Oauth2RedirectUri, is empty: left out of the Save") || !strings.Contains(html, "the saved SyncAll is kept") ||
		!regexpDisabled("save-confirm", html) || strings.Contains(html, `class="change-delete"`) {
		t.Error("empty rows are not left out, or Save is offered with nothing to save")
	}
	// Delete is chosen on the plan, beside the saved key.
	if !strings.Contains(html, `id="save-delete-0"`) || !strings.Contains(html, "Delete on Save") {
		t.Fatal("no Delete beside the saved keys")
	}
	p.save.toggleDelete(0)
	html = rerender(t, p)
	if regexpDisabled("save-confirm", html) || !strings.Contains(html, "<li class=\"change-delete\">\ndelete \n<code>Oauth2AccessToken</code>") ||
		!strings.Contains(html, "Deleting Oauth2AccessToken removes what Authorize obtained") || !regexp.MustCompile(`id="save-delete-0"[^>]* checked|checked[^>]*id="save-delete-0"`).MatchString(html) {
		t.Errorf("a deletion chosen is not planned, warned and offered:\n%s", html[strings.Index(html, `id="save-plan-box"`):])
	}
	r, complete := p.preview(p.input().Check())
	if !complete || !strings.Contains(string(r.Redacted(false).Body), "\"key\": \"Oauth2AccessToken\",\n      \"value\": \"\"") || strings.Contains(string(r.Redacted(false).Body), graph.Mask) {
		t.Errorf("the preview does not show the deletion with an empty value:\n%s", r.Redacted(false).Body)
	}
	p.save.toggleDelete(0)
	p.creds.rows[1].Value = "https://portal.azure.com/TokenAuthorize"
	html = rerender(t, p)
	if regexpDisabled("save-confirm", html) || !strings.Contains(html, "Oauth2AuthorizationCode, is not saved") || strings.Contains(html, `class="change-delete"`) {
		t.Error("a good plan is blocked, the code row is not said to be left out, or Delete undone still deletes")
	}

	// After a Save that Graph applied by replacing: the lost key is said.
	d := p.save.savePlan()
	p.save.plan, p.save.after, p.save.afterRead = d, []graph.Credential{{Key: "Oauth2RedirectUri", Value: "https://portal.azure.com/TokenAuthorize"}}, true
	html = rerender(t, p)
	if !strings.Contains(html, `id="save-vanished"`) || !strings.Contains(html, "Enter Oauth2AccessToken, SyncAll again") {
		t.Error("saved keys lost by the Save are not reported")
	}
	p.save.after = append(p.save.after, p.save.saved...)
	if html := rerender(t, p); strings.Contains(html, `id="save-vanished"`) {
		t.Error("a merge is reported as a loss")
	}
}

// TestDeprecationNoticesOnBeta: on beta, Test connection and Save carry
// their own notice from the metadata, as Send does, each saying the
// successors cannot be called yet; on v1.0 none.
func TestDeprecationNoticesOnBeta(t *testing.T) {
	p := oauthPage(t)
	p.target.version = graph.Beta
	html := rerender(t, p)
	for id, words := range map[string]string{
		"version-notice":   "Code Grant will be completely deprecated",
		"test-deprecation": "Use validateConnectivity instead. This action will be removed.",
		"save-deprecation": "Use connectivityParameters for oauth flows and scim endpoint connectivity.",
	} {
		i := strings.Index(html, `id="`+id+`"`)
		if i < 0 {
			t.Errorf("beta: no %s", id)
			continue
		}
		notice := html[i:]
		notice = notice[:strings.Index(notice, "</p>")]
		for _, want := range []string{"Deprecated in beta on 2026-02-06, removal 2027-07-06.", words, "cannot be called"} {
			if !strings.Contains(notice, want) {
				t.Errorf("%s lacks %q: %s", id, want, notice)
			}
		}
	}
	p.target.version = graph.V1
	html = rerender(t, p)
	for _, id := range []string{"version-notice", "test-deprecation", "save-deprecation"} {
		if strings.Contains(html, `id="`+id+`"`) {
			t.Errorf("v1.0 shows %s", id)
		}
	}
}

// TestValueLabelsAsThePortal: a row's value is named as the admin center
// names the field, with the key beside it.
func TestValueLabelsAsThePortal(t *testing.T) {
	p := oauthPage(t)
	cc, _ := graph.PresetByID("oauth-client-credentials")
	p.creds.choosePreset(cc)
	html := rerender(t, p)
	for _, want := range []string{">Tenant URL (BaseAddress)<", ">Token Endpoint (Oauth2TokenExchangeUri)<", ">Client Identifier (Oauth2ClientId)<",
		">Client Secret (Oauth2ClientSecret)<", ">Authentication Method (AuthenticationType)<", "Oauth2AccessTokenCreationTime", "no public key names yet"} {
		if !strings.Contains(html, want) {
			t.Errorf("the client-credentials rows lack %q", want)
		}
	}
}

// regexpDisabled reports whether the button id is disabled in html.
func regexpDisabled(id, html string) bool {
	i := strings.Index(html, `id="`+id+`"`)
	if i < 0 {
		return false
	}
	start := strings.LastIndex(html[:i], "<button")
	end := i + strings.Index(html[i:], ">")
	return strings.Contains(html[start:end], " disabled")
}

func TestLoadHistoryOfASavedCredentialsTestKeepsTheRows(t *testing.T) {
	p := oauthPage(t)
	p.creds.rows[0].Value = "kept"
	p.history.record(historyEntry{Call: callTest, Cloud: p.target.cloud, Version: graph.V1, Kind: graph.ServicePrincipals, ObjectID: "x"})
	p.history.record(historyEntry{Call: callSave, Cloud: p.target.cloud, Version: graph.V1, Kind: graph.ServicePrincipals, ObjectID: "y", Keys: []string{"SecretToken"}})
	if html := rerender(t, p); !strings.Contains(html, `class="history-call">validateCredentials<`) || !strings.Contains(html, `class="history-call">secrets (PUT)<`) {
		t.Error("the history does not name the calls")
	}
	p.history.loadHistory(p.session.page, 1)
	if p.target.objectID != "x" || len(p.creds.rows) != 2 || p.creds.rows[0].Value != "kept" {
		t.Errorf("loading a test of the saved credentials: object ID %q, rows %v", p.target.objectID, p.creds.rows)
	}
	p.history.loadHistory(p.session.page, 0)
	if p.target.objectID != "y" || len(p.creds.rows) != 1 || p.creds.rows[0] != (graph.Credential{Key: "SecretToken"}) {
		t.Errorf("loading a Save: object ID %q, rows %v", p.target.objectID, p.creds.rows)
	}
}

// TestCloudSwitchDropsTheTokenNote: the note that a token was filled in
// goes with the token when the cloud changes.
func TestCloudSwitchDropsTheTokenNote(t *testing.T) {
	p := oauthPage(t)
	p.auth.tokenNote = "A sandbox token valid for one hour was filled in."
	if html := rerender(t, p); !strings.Contains(html, `id="token-note"`) {
		t.Fatal("the note is not shown before the switch: the check would pass vacuously")
	}
	p.switchCloud(p.session.page, graph.USGovL4)
	if html := rerender(t, p); strings.Contains(html, `id="token-note"`) || p.auth.token != "" {
		t.Errorf("after a cloud switch the token (%q) or its note stays", p.auth.token)
	}
}
