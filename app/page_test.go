package app

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/graph/signin"
)

const token = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ"

// mount renders p in go-app's native client tester, every step open, and
// returns its HTML.
func mount(t *testing.T, p *Page) string {
	t.Helper()
	d := app.NewClientTester(p)
	t.Cleanup(d.Close)
	p.openAllSteps()
	return app.HTMLString(p.Render())
}

// mountFresh mounts p as a fresh page opens, its steps as they open; it
// returns what closes the tester.
func mountFresh(t *testing.T, p *Page) func() {
	t.Helper()
	return app.NewClientTester(p).Close
}

// TestPageFirstScreen checks that a fresh page lists every step in the
// admin's order but builds only Sign in's and Application's fields.
func TestPageFirstScreen(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	d := app.NewClientTester(p)
	t.Cleanup(d.Close)
	html := app.HTMLString(p.Render())
	last := -1
	for _, id := range []string{"signin", "application", "credentials", "getcode", "handover", "test", "save", "provisioning", "history"} {
		i := strings.Index(html, `id="step-`+id+`"`)
		if i < last {
			t.Errorf("step %s is missing or out of the admin's order", id)
		}
		last = i
	}
	for _, built := range []string{`id="object-id"`, `id="tenant"`, `id="step-signin-body"`, `id="step-application-body"`} {
		if !strings.Contains(html, built) {
			t.Errorf("the first screen lacks %s", built)
		}
	}
	for _, notYet := range []string{`id="value-0"`, `id="authz-url"`, `id="send"`, `id="test-connection"`, `id="save-credentials"`, `id="job-read"`, `id="step-credentials-body"`} {
		if strings.Contains(html, notYet) {
			t.Errorf("the first screen builds %s, of a step not reached", notYet)
		}
	}
}

// sendDisabled reports whether the Send button is disabled; go-app writes
// attributes in map order, so the tag is matched loosely.
var sendButton = regexp.MustCompile(`<button[^>]*\bid="send"[^>]*>`)

func sendDisabled(html string) bool {
	return regexp.MustCompile(`\sdisabled[\s>=]`).MatchString(sendButton.FindString(html))
}

func rerender(t *testing.T, p *Page) string {
	t.Helper()
	return app.HTMLString(p.Render())
}

func TestPageDefaults(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	html := mount(t, p)
	if p.target.cloud.ID != graph.Global.ID || p.target.version != graph.V1 || p.target.kind != graph.ServicePrincipals {
		t.Errorf("defaults = %s %s %s", p.target.cloud.ID, p.target.version, p.target.kind)
	}
	if strings.Contains(html, `value="sandbox"`) {
		t.Error("a build without a sandbox offers the Sandbox cloud")
	}
	for _, label := range []string{">Cloud<", ">API version<", ">Endpoint<", ">Object ID<", ">Key<", ">Value<", ">Access token<", ">Send request<", ">Add credential<", ">Remove<", "Reveal values", ">Request<", ">Response<"} {
		if !strings.Contains(html, label) {
			t.Errorf("page lacks %q", label)
		}
	}
	if !sendDisabled(html) {
		t.Error("Send is enabled on an empty form")
	}
	if strings.Contains(html, "Object ID is required") && strings.Contains(html, `id="object-id-problems"`) &&
		strings.Contains(html[strings.Index(html, `id="object-id-problems"`):], `class="problem error">Object ID is required`) {
		t.Error("an untouched object ID is flagged next to the field")
	}
	if !strings.Contains(html, "Object ID is required") {
		t.Error("Send's reasons do not say the object ID is missing")
	}
	// The key list is rendered empty and filled when a key field takes the
	// focus (TestBrowserFastTypingLosesNothing): only the fields' link to it here.
	if !strings.Contains(html, `<datalist id="secret-keys"></datalist>`) || !strings.Contains(html, `list="secret-keys"`) {
		t.Error("the key fields lack their (empty) list of Graph's names")
	}
}

func TestPageWithSandbox(t *testing.T) {
	t.Setenv(SandboxEnv, "http://127.0.0.1:8001")
	p := &Page{}
	html := mount(t, p)
	if !p.target.cloud.IsSandbox() || p.target.cloud.GraphBase() != "http://127.0.0.1:8001" {
		t.Errorf("cloud = %+v, want the sandbox preselected", p.target.cloud)
	}
	if !strings.Contains(html, `id="sandbox-token"`) {
		t.Error("no sandbox token button")
	}
	t.Setenv(SandboxEnv, "https://evil.example")
	p = &Page{}
	mount(t, p)
	if p.target.cloud.IsSandbox() {
		t.Error("a non-loopback sandbox URL was accepted")
	}
}

func TestPageShowsProblemsAndRequest(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	p.target.objectID = "12345"
	p.auth.token = token
	p.creds.rows = []graph.Credential{{Key: "BaseAddress", Value: "https://scim"}, {Key: "BaseAddress", Value: "x"}, {Key: "Custom", Value: "y"}}
	html := rerender(t, p)
	for _, want := range []string{
		"Object ID must be a GUID",
		`Key &#34;BaseAddress&#34; appears more than once`,
		`Key &#34;Custom&#34; is not a synchronizationSecret name`,
		"Incomplete: the {placeholders} are filled in",
		"/servicePrincipals/{object-id}/synchronization/acquireAccessToken",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}

	p.target.objectID = "4A3F1C2E-9B8D-4E7F-A6B5-C4D3E2F1A0B9"
	p.creds.rows = p.creds.rows[:1]
	html = rerender(t, p)
	if sendDisabled(html) {
		t.Error("Send disabled on a valid form", sendButton.FindString(html))
	}
	if !strings.Contains(html, "POST /v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken HTTP/1.1") {
		t.Error("request panel lacks the request line")
	}
	panel := html[strings.Index(html, `id="request"`):]
	if strings.Contains(panel, token) || strings.Contains(panel, "https://scim") {
		t.Error("the request panel shows the token or a hidden value")
	}
	if !strings.Contains(html, "This is exactly what Send request sends.") {
		t.Error("a complete form's request is not marked as what Send sends")
	}
	if !strings.Contains(html, "client-request-id: "+p.out.requestID) {
		t.Error("the request shown lacks the id the next send uses")
	}
	p.creds.reveal = true
	html = rerender(t, p)
	if panel = html[strings.Index(html, `id="request"`):]; !strings.Contains(panel, "https://scim") || strings.Contains(panel, token) {
		t.Error("reveal must show values and never the token")
	}
}

func TestPageBetaShowsDeprecation(t *testing.T) {
	p := &Page{}
	mount(t, p)
	p.target.version = graph.Beta
	html := rerender(t, p)
	for _, want := range []string{"Deprecated in beta on 2026-02-06, removal 2027-07-06", "validateConnectivity", "connectivityParameters", "SynchronizationJobSettings"} {
		if !strings.Contains(html, want) {
			t.Errorf("beta notice lacks %q", want)
		}
	}
	p.target.version = graph.V1
	if strings.Contains(rerender(t, p), "version-notice") {
		t.Error("v1.0 shows the beta deprecation notice")
	}
}

func TestRemoveCredentialKeepsTheOthers(t *testing.T) {
	p := &Page{creds: credentialsStep{credentialsState: credentialsState{rows: []graph.Credential{{Key: "A", Value: "1"}, {Key: "B", Value: "2"}, {Key: "C", Value: "3"}}}}}
	p.wire() // as OnInit does
	p.creds.removeCredential(1)
	p.creds.removeCredential(7) // out of range: nothing happens
	if len(p.creds.rows) != 2 || p.creds.rows[0].Value != "1" || p.creds.rows[1].Value != "3" {
		t.Errorf("credentials = %v", p.creds.rows)
	}
	p.creds.setValue(5, "x")
	p.creds.setKey(0, "BaseAddress")
	if p.creds.rows[0].Key != "BaseAddress" {
		t.Errorf("setKey: %v", p.creds.rows)
	}
}

func TestResponsePanel(t *testing.T) {
	r := &ResponsePanel{Response: &graph.Response{Status: 404, Reason: "Not Found",
		Header: []graph.Header{{Name: "request-id", Value: "hdr-rid"}},
		Body:   []byte(`{"error":{"code":"Request_ResourceNotFound","message":""}}`),
		Error:  &graph.GraphError{Code: "Request_ResourceNotFound"}}}
	html := app.HTMLString(r.Render())
	for _, want := range []string{"404 Not Found", "Request_ResourceNotFound", "(Graph sent no message)", "hdr-rid", "(not sent)", `&#34;code&#34;: &#34;Request_ResourceNotFound&#34;`} {
		if !strings.Contains(html, want) {
			t.Errorf("response panel lacks %q:\n%s", want, html)
		}
	}
	ok := &ResponsePanel{Response: &graph.Response{Status: 204, Reason: "No Content"}}
	if html := app.HTMLString(ok.Render()); !strings.Contains(html, "accepted the credentials") || !strings.Contains(html, "(no body)") {
		t.Errorf("204 panel:\n%s", html)
	}
	failed := &ResponsePanel{Err: "The browser got no readable answer"}
	if html := app.HTMLString(failed.Render()); !strings.Contains(html, "no readable answer") {
		t.Errorf("error panel:\n%s", html)
	}
}

func TestTokenPanel(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	claims := `{"aud":"https://graph.microsoft.us","tid":"t1","upn":"ann@contoso.us","scp":"User.Read","wids":["b79fbf4d-3ef9-4689-8143-76b194e85509"],"exp":` +
		strconv.FormatInt(now.Add(90*time.Second).Unix(), 10) + `}`
	tok := "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2lnbmF0dXJl"
	html := app.HTMLString((&TokenPanel{Token: tok, Cloud: graph.Global, Now: now}).Render())
	for _, want := range []string{
		"https://graph.microsoft.us", "ann@contoso.us", "Member (default user role)", "in 1m30s",
		"for graph.microsoft.us, not graph.microsoft.com", graph.RedactToken(tok), "Copy token",
	} {
		if !strings.Contains(html, want) {
			t.Errorf("token panel lacks %q", want)
		}
	}
	// For the right cloud, the missing permission and role are named.
	html = app.HTMLString((&TokenPanel{Token: tok, Cloud: graph.USGovL4, Now: now}).Render())
	for _, want := range []string{"lacks the delegated permission Synchronization.ReadWrite.All", "holds none of the roles"} {
		if !strings.Contains(html, want) {
			t.Errorf("token panel for the right cloud lacks %q", want)
		}
	}
	if strings.Contains(html, tok) {
		t.Error("the token panel shows the whole token")
	}
	later := app.HTMLString((&TokenPanel{Token: tok, Cloud: graph.USGovL4, Now: now.Add(2 * time.Minute)}).Render())
	if !strings.Contains(later, "expired 30s ago") || strings.Contains(later, "not graph.microsoft") {
		t.Errorf("two minutes later the panel should say expired and accept the cloud:\n%s", later)
	}
	if html := app.HTMLString((&TokenPanel{Token: "opaque"}).Render()); !strings.Contains(html, "cannot be decoded") {
		t.Errorf("an opaque token: %s", html)
	}
}

func TestSignInSection(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	html := mount(t, p)
	for _, want := range []string{">Tenant<", ">Client ID<", ">Sign in<", "or paste a token", "az account get-access-token --resource-type ms-graph"} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	p.auth.tenant, p.auth.clientID = "common", "nope"
	html = rerender(t, p)
	if !strings.Contains(html, "personal Microsoft accounts") || !strings.Contains(html, "Client ID must be a GUID") {
		t.Error("bad tenant and client ID are not explained next to their fields")
	}
	p.auth.account = &signin.Account{UPN: "admin@contoso.com"}
	html = rerender(t, p)
	if !strings.Contains(html, "admin@contoso.com") || !strings.Contains(html, ">Sign out<") || strings.Contains(html, `id="token"`) {
		t.Error("signed in: the page must show the UPN and Sign out instead of the paste field")
	}
	p.target.cloud = graph.USGovL5
	if html := rerender(t, p); strings.Contains(html, "--resource-type ms-graph") && !strings.Contains(html, "dod-graph.microsoft.us") {
		t.Error("DoD's az command must name dod-graph")
	}
}

func TestRequestPanelOffersCopyOnlyWhenComplete(t *testing.T) {
	in := graph.Input{Cloud: graph.Global, Version: graph.V1, Kind: graph.ServicePrincipals, ObjectID: "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9",
		Credentials: []graph.Credential{{Key: "SecretToken", Value: "s3cret"}}, Token: token}
	draft := graph.Draft(in, "rid")
	incomplete := app.HTMLString((&RequestPanel{Request: draft}).Render())
	if strings.Contains(incomplete, `id="copy"`) {
		t.Error("an incomplete request can be copied")
	}
	html := app.HTMLString((&RequestPanel{Request: draft, Complete: true}).Render())
	for _, k := range graph.SnippetKinds() {
		if !strings.Contains(html, k.Label()) {
			t.Errorf("copy menu lacks %q", k.Label())
		}
	}
	if !strings.Contains(html, "include values") || strings.Contains(html, "s3cret") || strings.Contains(html, token) {
		t.Error("copy controls missing, or a secret rendered")
	}
}
