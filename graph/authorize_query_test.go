package graph

import (
	"net/url"
	"strings"
	"testing"
)

// vendorLanding builds the landing address as two Go OAuth servers do:
// ory/fosite (WriteAuthorizeResponse, response mode query) and
// go-oauth2/oauth2 (Server.GetRedirectURI) both take the redirect URI's
// own query with url.URL.Query, Set code and state on it, and write it
// back with url.Values.Encode: the redirect URI's parameters are kept,
// but sorted by name and escaped anew.
func vendorLanding(t *testing.T, redirectURI, code, state string) string {
	t.Helper()
	u, err := url.Parse(redirectURI)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("code", code)
	if state != "" {
		q.Set("state", state)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// TestLandingRedirectURIWithQuery: OAuth allows a redirect URI with its
// own query (RFC 6749 §3.1.2: it "MUST be retained when adding additional
// query parameters"). The landing address the vendor builds from it is the
// redirect URI, whatever order and escaping the vendor gives its
// parameters; one that lost a parameter of the redirect URI, or sits on
// another path, is not.
func TestLandingRedirectURIWithQuery(t *testing.T) {
	const redirect = "https://app.example.com/oauth/cb?tenant=contoso&kind=scim%20v2"
	a := Authorization{RedirectURI: redirect, State: "s7aTe", StateAdded: true}
	for _, tc := range []struct {
		name, pasted string
		warned       bool
	}{
		{"as fosite and go-oauth2 build it", vendorLanding(t, redirect, "c0de", "s7aTe"), false},
		{"parameters appended in order", redirect + "&code=c0de&state=s7aTe", false},
		{"code first, + for the space", "https://app.example.com/oauth/cb?code=c0de&kind=scim+v2&state=s7aTe&tenant=contoso", false},
		{"a parameter of the redirect URI lost", "https://app.example.com/oauth/cb?code=c0de&state=s7aTe&tenant=contoso", true},
		{"a parameter of the redirect URI changed", "https://app.example.com/oauth/cb?code=c0de&state=s7aTe&tenant=fabrikam&kind=scim%20v2", true},
		{"another path", "https://app.example.com/other?tenant=contoso&kind=scim%20v2&code=c0de&state=s7aTe", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseLanding(tc.pasted, a)
			if err != nil {
				t.Fatal(err)
			}
			if l.Code != "c0de" || l.State != "s7aTe" || l.RedirectURI != redirect {
				t.Errorf("got %+v", l)
			}
			if got := hasNote(l.Notes, "redirect URI"); got != tc.warned {
				t.Errorf("warned %v, want %v: %+v", got, tc.warned, l.Notes)
			}
		})
	}
}

// TestLandingSemicolon: Go's url.ParseQuery drops (and errors on) a pair
// holding an unescaped ";", so a state or code holding one vanished and
// the answer was refused for the wrong reason. Browsers' URLSearchParams
// (the WHATWG URL standard) split on "&" alone and keep ";" in the value:
// synctoken reads it so, and says so.
func TestLandingSemicolon(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	for _, tc := range []struct {
		name, pasted, state string
		code, gotState      string
	}{
		{"in the state", portal + "?code=c0de&state=a;b", "a;b", "c0de", "a;b"},
		{"in the code", portal + "?code=c0;de&state=s7aTe", "s7aTe", "c0;de", "s7aTe"},
		{"in another parameter", portal + "?scope=openid;profile&code=c0de&state=s7aTe", "s7aTe", "c0de", "s7aTe"},
		{"in a fragment", portal + "#code=c0de&state=a;b", "a;b", "c0de", "a;b"},
		{"query alone", "?code=c0de&state=a;b", "a;b", "c0de", "a;b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseLanding(tc.pasted, Authorization{RedirectURI: portal, State: tc.state, StateAdded: true})
			if err != nil {
				t.Fatal(err)
			}
			if l.Code != tc.code || l.State != tc.gotState {
				t.Errorf("got code %q state %q, want %q %q", l.Code, l.State, tc.code, tc.gotState)
			}
			if !hasNote(l.Notes, `";"`) {
				t.Errorf("no note says how the \";\" was read: %+v", l.Notes)
			}
		})
	}
	// Without a ";", no such note; a bad %-escape is kept as typed, not dropped.
	l, err := ParseLanding(portal+"?code=c0%zzde&state=s7aTe", Authorization{RedirectURI: portal, State: "s7aTe", StateAdded: true})
	if err != nil {
		t.Fatal(err)
	}
	if l.Code != "c0%zzde" || hasNote(l.Notes, `";"`) {
		t.Errorf("got code %q, notes %+v", l.Code, l.Notes)
	}
	for _, n := range l.Notes {
		if strings.Contains(n.Message, "not the redirect URI") {
			t.Errorf("warned: %s", n.Message)
		}
	}
}
