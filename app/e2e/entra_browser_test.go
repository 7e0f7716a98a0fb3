//go:build !js

package e2e

import (
	"net/http"
	"strings"
	"testing"

	"synctoken/graph/graphtest"
)

// noSignInPreflights fails t, once it ends, if any CORS preflight reached
// the sandbox's sign-in endpoints. Its token endpoint answers preflights,
// as Entra's does, so a sign-in that sends MSAL's custom headers still
// works: only this check catches it.
func noSignInPreflights(t *testing.T, sb *graphtest.Server) {
	t.Cleanup(func() {
		for _, r := range sb.SignInPreflights() {
			t.Errorf("a CORS preflight reached %s%s (asking for %q): every sign-in request must be CORS-simple",
				r.Host, r.Path, r.Header.Get("Access-Control-Request-Headers"))
		}
	})
}

// TestBrowserSignInThroughAliasHost: the sandbox's OpenID configuration
// names its authorize and token endpoints on its second name (graphtest's
// UseAliasHost: Entra's follow the host asked, but a configuration naming
// another of the cloud's sign-in hosts must still work). The popup
// sign-in, the code's redemption and the send work through it, and no
// token request is preflighted.
func TestBrowserSignInThroughAliasHost(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.UseAliasHost()
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	signInWithPopup(t, tab, "user-admin")
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")

	posts, preflights := tokenRequests(sb)
	if preflights != 0 || len(sb.SignInPreflights()) != 0 {
		t.Errorf("%d preflights reached the token endpoint", preflights)
	}
	if len(posts) == 0 {
		t.Fatal("no token request reached the sandbox")
	}
	for _, p := range posts {
		if p.Method != http.MethodPost || p.Host != sb.AliasHost() {
			t.Errorf("%s token request to %s, want POST to the alias %s", p.Method, p.Host, sb.AliasHost())
		}
		for name := range p.Header {
			if l := strings.ToLower(name); strings.HasPrefix(l, "x-client") || l == "client-request-id" || l == "return-client-request-id" {
				t.Errorf("a token request to the alias carried %s", name)
			}
		}
	}
	authorizedOnAlias := false
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, "/oauth2/v2.0/authorize") && r.Host == sb.AliasHost() {
			authorizedOnAlias = true
		}
	}
	if !authorizedOnAlias {
		t.Error("the sign-in page was not shown from the alias")
	}
}

// TestBrowserTokenRefusalWithoutCORS: Entra answers some refusals of its
// token endpoint (401s) without CORS headers, so the page only sees a
// failed fetch. It says Entra may have refused and what to check.
func TestBrowserTokenRefusalWithoutCORS(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.FailTokenWith(graphtest.TokenFailure{Code: "invalid_client", AADSTS: 7000218, Status: http.StatusUnauthorized, NoCORS: true,
		Description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."})
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	signInWithPopup(t, tab, "user-admin")
	msg := waitText(t, tab, "#signin-error", "Entra ID may have refused")
	for _, want := range []string{"Single-page application", "consent", "Tenant"} {
		if !strings.Contains(msg, want) {
			t.Errorf("the message lacks %q: %s", want, msg)
		}
	}
	if got := valueOf(t, tab, "#value-1"); got != "value-never-stored" {
		t.Errorf("the refused sign-in lost a typed value: %q", got)
	}
}

// TestBrowserTokenPanelShowsV1Token: the sandbox issues Graph's tokens in
// Graph's v1.0 shape (upn, appid, app_displayname), as Entra does; the
// token panel shows their user and app.
func TestBrowserTokenPanelShowsV1Token(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := signedIn(t, appURL)
	claims := waitText(t, tab, "#token-claims", graphtest.AdminUPN)
	for _, want := range []string{"User\t" + graphtest.AdminUPN, "App\tsynctoken (sandbox) (" + graphtest.ClientID + ")"} {
		if !strings.Contains(strings.ReplaceAll(claims, "\n", "\t"), want) {
			t.Errorf("the token panel lacks %q: %q", want, claims)
		}
	}
	if w := textOf(t, tab, "#token-warnings"); w != "" {
		t.Errorf("a v1.0 admin token got warnings: %q", w)
	}
}
