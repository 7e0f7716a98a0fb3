package signin_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestSignInThroughAliasHost: the sandbox's OpenID configuration names its
// authorize and token endpoints on a second name of the sandbox
// (graphtest's UseAliasHost: Entra's follow the host asked, but a
// configuration naming another of the cloud's sign-in hosts must still
// work). MSAL Go follows it; every request it makes, to either name, must
// be CORS-simple, and sign-in, refresh and the token on Graph must work.
func TestSignInThroughAliasHost(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	sb.UseAliasHost()
	sb.SetTokenLifetime(2 * 60 * 1e9) // within MSAL's 5 minutes: Token refreshes
	b := &corsBrowser{browser{origin: strings.TrimSuffix(appURL, "/")}}
	si, cloud := newSignIn(t, sb, b, "organizations")
	if !slices.Contains(cloud.Aliases, sb.AliasHost()) {
		t.Fatalf("the sandbox cloud's aliases %v lack %s", cloud.Aliases, sb.AliasHost())
	}
	ctx := context.Background()
	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(authURL, "http://"+sb.AliasHost()+"/organizations/oauth2/v2.0/authorize?") {
		t.Errorf("authorize URL %s: want the alias, over http", authURL)
	}
	if _, err := si.Complete(ctx, pending, pickUser(t, authURL, "user-admin")); err != nil {
		t.Fatal(err)
	}
	token, err := si.Token(ctx)
	if err != nil {
		t.Fatal(err)
	}
	toAlias := 0
	for _, r := range b.sent {
		if r.URL.Host == sb.AliasHost() {
			toAlias++
		}
		for name := range r.Header {
			if !strings.EqualFold(name, "Content-Type") && !strings.EqualFold(name, "Origin") {
				t.Errorf("%s %s%s carried header %s: the browser would preflight", r.Method, r.URL.Host, r.URL.Path, name)
			}
		}
	}
	var grants []string
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, "/oauth2/v2.0/token") {
			if r.Host != sb.AliasHost() {
				t.Errorf("a token request went to %s, not the alias", r.Host)
			}
			grants = append(grants, r.Method)
		}
	}
	if toAlias == 0 || len(grants) < 2 {
		t.Errorf("%d requests to the alias, token requests %v: want the redemption and a refresh there", toAlias, grants)
	}
	claims, _ := graph.DecodeToken(token)
	if claims.User != graphtest.AdminUPN {
		t.Errorf("token for %q", claims.User)
	}
	if n := len(sb.SignInPreflights()); n != 0 {
		t.Errorf("%d preflights", n)
	}
}
