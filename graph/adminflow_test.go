package graph_test

import (
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// adminBrowser plays the admin's browser on the sandbox's pages: it follows no
// redirect, so each step is seen.
var adminBrowser = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func fetch(t *testing.T, method, u, form string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	if form != "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := adminBrowser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

var (
	hidden   = regexp.MustCompile(`<input type="hidden" name="([^"]*)" value="([^"]*)">`)
	button   = regexp.MustCompile(`<button type="submit" name="([^"]*)" value="([^"]*)" id="([^"]*)">`)
	textarea = regexp.MustCompile(`(?s)<textarea id="landing-address"[^>]*>(.*?)</textarea>`)
)

// authorizeInBrowser opens the Authorize URL, presses the vendor's button
// (vendor-allow or vendor-deny), follows the redirect to the landing page
// and returns the address it shows in #landing-address, as the admin
// copies it.
func authorizeInBrowser(t *testing.T, sb *graphtest.Server, a graph.Authorization, id string) string {
	t.Helper()
	resp, page := fetch(t, "GET", a.URL, "")
	if resp.StatusCode != 200 {
		t.Fatalf("vendor page: %d %s", resp.StatusCode, page)
	}
	form := url.Values{}
	for _, m := range hidden.FindAllStringSubmatch(page, -1) {
		form.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	for _, m := range button.FindAllStringSubmatch(page, -1) {
		if m[3] == id {
			form.Set(m[1], m[2])
		}
	}
	resp, _ = fetch(t, "POST", sb.URL+"/_vendor/authorize", form.Encode())
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("%s: %d", id, resp.StatusCode)
	}
	resp, page = fetch(t, "GET", resp.Header.Get("Location"), "")
	m := textarea.FindStringSubmatch(page)
	if resp.StatusCode != 200 || m == nil {
		t.Fatalf("landing page: %d %s", resp.StatusCode, page)
	}
	return html.UnescapeString(m[1])
}

// TestAdminCredentialsFlow drives the whole step as the page will, over
// HTTP against the sandbox: Authorize (the vendor's Allow, the landing
// address, acquireAccessToken with the code, once), Test connection with
// the saved credentials, then Save and the re-read until it shows.
func TestAdminCredentialsFlow(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.SetSecretsDelay(300 * time.Millisecond)
	cloud, _ := graph.Sandbox(sb.URL)
	ctx, c := context.Background(), &graph.Client{}
	sp := graphtest.ServicePrincipals[1]
	target := graph.SyncTarget{Cloud: cloud, ServicePrincipalID: sp.ObjectID, Token: sb.Token()}
	job := graphtest.Jobs(sp.ObjectID)[0].ID
	testSaved := func() graph.Response {
		t.Helper()
		r, err := graph.TestConnectionRequest(target, graph.Validation{JobID: job, UseSavedCredentials: true}, graph.NewRequestID())
		if err != nil {
			t.Fatal(err)
		}
		resp, err := graph.Send(ctx, c, r)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}

	// Before Authorize, Test connection fails, explained.
	if resp := testSaved(); resp.Status != 400 || !strings.Contains(graph.ExplainTestConnection(&resp, nil, nil, cloud).Title, "validate its authorization") {
		t.Errorf("Test connection before Authorize: %d %s", resp.Status, resp.Body)
	}

	// Authorize: the tool's URL, the vendor's Allow, the landing address.
	a, err := graph.AuthorizationURL(sb.VendorAuthorizationURL(), cloud.PortalRedirectURI(), cloud)
	if err != nil || a.RedirectURI != sb.LandingURL() || !a.StateAdded {
		t.Fatalf("AuthorizationURL: %+v %v", a, err)
	}
	landing := authorizeInBrowser(t, sb, a, "vendor-allow")
	l, err := graph.ParseLanding(landing, a)
	if err != nil {
		t.Fatalf("ParseLanding(%s): %v", landing, err)
	}
	in := graph.Input{Cloud: cloud, Version: graph.V1, Kind: graph.ServicePrincipals, ObjectID: sp.ObjectID,
		Credentials: l.Credentials(), Token: sb.Token()}
	req, err := graph.Build(in, graph.NewRequestID())
	if err != nil {
		t.Fatal(err)
	}
	b := graph.BackoffFor(in.Credentials)
	resp, sends, err := graph.SendRetrying(ctx, c, req, b, nil)
	if err != nil || resp.Status != 204 || sends != 1 {
		t.Fatalf("Authorize: %d %s after %d sends, %v", resp.Status, resp.Body, sends, err)
	}
	if x := graph.ExplainCodeSend(&resp, nil, nil, cloud, graph.ServicePrincipals); !strings.Contains(x.Next, "Test connection") {
		t.Errorf("after the 204: %+v", x)
	}
	// The same code again is refused by the vendor, explained.
	again, _ := graph.Send(ctx, c, req)
	if x := graph.ExplainCodeSend(&again, nil, nil, cloud, graph.ServicePrincipals); again.Status != 400 || !strings.Contains(x.Title, "used already") {
		t.Errorf("the code sent twice: %d %s → %q", again.Status, again.Body, x.Title)
	}

	// Test connection with the saved credentials proves it.
	if resp := testSaved(); resp.Status != 204 {
		t.Errorf("Test connection after Authorize: %d %s", resp.Status, resp.Body)
	}

	// Save: plan from what is saved, send, and read until it shows.
	saved, err := graph.ReadSecrets(ctx, c, target)
	if err != nil || len(saved) != 3 || saved[0].Value != graph.SavedMask || saved[2].Value == graph.SavedMask {
		t.Fatalf("saved after Authorize: %+v %v", saved, err)
	}
	rows := append(l.Credentials(), graph.Credential{Key: "SyncAll", Value: "false"})
	d := graph.PlanSave(saved, rows, nil)
	if len(d.Changes) != 2 || d.Changes[0] != (graph.Change{Key: "Oauth2RedirectUri", Kind: graph.ChangeSet}) {
		t.Fatalf("plan: %+v", d)
	}
	put, err := graph.SaveSecretsRequest(target, d, graph.NewRequestID())
	if err != nil || strings.Contains(string(put.Body), l.Code) {
		t.Fatalf("Save request %v:\n%s", err, put.Body)
	}
	if resp, err := graph.Send(ctx, c, put); err != nil || resp.Status != 204 {
		t.Fatalf("Save: %d %v", resp.Status, err)
	}
	got, _ := graph.ReadSecrets(ctx, c, target)
	if d.ReflectedIn(got) {
		t.Errorf("the Save shows at once; the sandbox should lag like Graph: %+v", got)
	}
	deadline := time.Now().Add(graph.SaveSettle)
	for !d.ReflectedIn(got) && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		got, _ = graph.ReadSecrets(ctx, c, target)
	}
	if !d.ReflectedIn(got) || len(got) != 5 {
		t.Errorf("after the Save: %+v", got)
	}

	// Templates, for Test connection before a job exists.
	templates, err := graph.ListTemplates(ctx, c, target)
	if err != nil || len(templates) != 1 || templates[0].ID != "scim" || templates[0].FactoryTag == "" {
		t.Errorf("ListTemplates = %+v, %v", templates, err)
	}
}

func TestAuthorizeDenied(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	cloud, _ := graph.Sandbox(sb.URL)
	a, _ := graph.AuthorizationURL(sb.VendorAuthorizationURL(), cloud.PortalRedirectURI(), cloud)
	landing := authorizeInBrowser(t, sb, a, "vendor-deny")
	_, err := graph.ParseLanding(landing, a)
	var ve *graph.VendorError
	if !strings.Contains(landing, "error=access_denied") || !errors.As(err, &ve) || ve.Code != "access_denied" {
		t.Fatalf("Deny: landing %s, %v", landing, err)
	}
	// A landing address of another Authorize is refused by its state.
	other, _ := graph.AuthorizationURL(sb.VendorAuthorizationURL(), cloud.PortalRedirectURI(), cloud)
	landing = authorizeInBrowser(t, sb, other, "vendor-allow")
	if _, err := graph.ParseLanding(landing, a); err == nil || !strings.Contains(err.Error(), "another Authorize") {
		t.Errorf("another Authorize's answer: %v", err)
	}
}

func TestReadsAroundAdminCredentialsRefused(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	cloud, _ := graph.Sandbox(sb.URL)
	ctx, c := context.Background(), &graph.Client{}
	for _, tc := range []struct {
		name string
		t    graph.SyncTarget
		want string
	}{
		{"unknown", graph.SyncTarget{Cloud: cloud, ServicePrincipalID: "0badc0de-0000-4000-8000-000000000404", Token: sb.Token()}, "found no service principal"},
		{"no permission", graph.SyncTarget{Cloud: cloud, ServicePrincipalID: graphtest.ServicePrincipals[0].ObjectID, Token: sb.Token(graphtest.WithScope(graphtest.ReadScope))}, "Synchronization.Read.All"},
		{"bad ID", graph.SyncTarget{Cloud: cloud, ServicePrincipalID: "nope", Token: sb.Token()}, "Object ID"},
	} {
		_, err := graph.ReadSecrets(ctx, c, tc.t)
		_, err2 := graph.ListTemplates(ctx, c, tc.t)
		var le *graph.LookupError
		if !errors.As(err, &le) || !strings.Contains(err.Error(), tc.want) || err2 == nil || !strings.Contains(err2.Error(), tc.want) {
			t.Errorf("%s: %v / %v, want %q", tc.name, err, err2, tc.want)
		}
	}
}
