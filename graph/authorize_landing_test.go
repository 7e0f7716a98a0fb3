package graph

import (
	"errors"
	"net/url"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
)

func TestParseLanding(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	ours := Authorization{RedirectURI: portal, State: "s7aTe", StateAdded: true}
	amazon := Authorization{RedirectURI: portal, State: "1"}
	for _, tc := range []struct {
		name, pasted string
		a            Authorization
		code, state  string
		note         string // in a note
	}{
		{"full address", portal + "?code=4%2F0AbC-d_e&scope=x%20y&state=s7aTe", ours, "4/0AbC-d_e", "s7aTe", "state matches"},
		{"spaces around", "\n " + portal + "?state=s7aTe&code=abc \t", ours, "abc", "s7aTe", "state matches"},
		{"fragment", portal + "#code=frag123&state=s7aTe", ours, "frag123", "s7aTe", "state matches"},
		{"query alone", "?code=q1&state=s7aTe", ours, "q1", "s7aTe", ""},
		{"pairs alone", "code=q2&state=s7aTe", ours, "q2", "s7aTe", ""},
		{"no scheme", "portal.azure.com/TokenAuthorize?code=q3&state=s7aTe", ours, "q3", "s7aTe", ""},
		{"Amazon's fixed state", portal + "?code=ANxyz&state=1", amazon, "ANxyz", "1", "state matches"},
		{"Amazon's state not echoed", portal + "?code=ANxyz", amazon, "ANxyz", "", "carries no state"},
		{"bare code", "4/0AbC-d_e", ours, "4/0AbC-d_e", "", "could not check"},
		{"bare code with padding", "Zm9v==", ours, "Zm9v==", "", "could not check"},
		{"another address", "https://evil.example/cb?code=c1&state=s7aTe", ours, "c1", "s7aTe", "not the redirect URI"},
		{"no state to check", portal + "?code=c2", Authorization{RedirectURI: portal}, "c2", "", "no state to check"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseLanding(tc.pasted, tc.a)
			if err != nil {
				t.Fatal(err)
			}
			if l.Code != tc.code || l.State != tc.state || l.RedirectURI != portal {
				t.Errorf("got %+v, want code %q, state %q", l, tc.code, tc.state)
			}
			if c := l.Credentials(); len(c) != 2 || c[0] != (Credential{"Oauth2AuthorizationCode", tc.code}) || c[1] != (Credential{"Oauth2RedirectUri", portal}) {
				t.Errorf("Credentials() = %+v", c)
			}
			if tc.note != "" && !hasNote(l.Notes, tc.note) {
				t.Errorf("notes %+v lack %q", l.Notes, tc.note)
			}
		})
	}
}

func hasNote(ps []Problem, s string) bool {
	for _, p := range ps {
		if strings.Contains(p.Message, s) {
			return true
		}
	}
	return false
}

func TestBadInputLanding(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	ours := Authorization{RedirectURI: portal, State: "s7aTe", StateAdded: true}
	amazon := Authorization{RedirectURI: portal, State: "1"}
	for _, tc := range []struct {
		name, pasted string
		a            Authorization
		want         string
	}{
		{"empty", "  ", ours, "required"},
		{"too long", strings.Repeat("a", paste.MaxPasteBytes+1), ours, "64 KiB"},
		{"too long, spaces first", strings.Repeat(" ", paste.MaxPasteBytes+1) + "code", ours, "64 KiB"},
		{"no Authorize yet", "abc", Authorization{}, "authorization URL first"},
		{"state mismatch", portal + "?code=c&state=other", ours, `state "other" is not this Authorize's`},
		{"Amazon's state mismatch", portal + "?code=c&state=2", amazon, `state "2"`},
		{"state missing though added", portal + "?code=c", ours, "carries no state"},
		{"empty state though added", portal + "?code=c&state=", ours, `state "" is not`},
		{"code with spaces", "a code with spaces", ours, "a space at character 2"},
		{"code with a line break", "abc\ndef", ours, "a line break at character 4"},
		{"code with an invisible character", "abc\u200bdef", ours, "U+200B"},
		{"address with a spaced code", portal + "?code=a%20b&state=s7aTe", ours, "a space at character 2"},
		{"empty code", portal + "?code=&state=s7aTe", ours, "is empty"},
		{"two codes", portal + "?code=a&code=b&state=s7aTe", ours, "two different codes"},
		{"no code", portal + "?state=s7aTe", ours, "holds no code"},
		{"the authorization URL itself", "https://v.example/authorize?client_id=x&response_type=code&state=s7aTe", ours, "not the landing address"},
		{"junk address", "https://%zz", ours, "not a web address"},
		{"huge code", strings.Repeat("c", paste.MaxCodeBytes+1), ours, "KiB"},
		{"not UTF-8", "\xff\xfe", ours, "not text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, err := ParseLanding(tc.pasted, tc.a)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %+v, %v; want an error with %q", l, err, tc.want)
			}
			if l.Code != "" {
				t.Errorf("a refused answer still gave code %q", l.Code)
			}
			if len(err.Error()) > 500 {
				t.Errorf("a %d-byte message: the paste must not be echoed", len(err.Error()))
			}
		})
	}
}

func TestLandingVendorErrors(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	a := Authorization{RedirectURI: portal, State: "s", StateAdded: true}
	for _, tc := range []struct {
		query string
		want  []string // in Title, Cause or Next
	}{
		{"error=access_denied&error_description=The+user+denied+access&state=s", []string{"declined", "allow access", "The user denied access"}},
		{"error=access_denied&error_description=Disabled+by+Administrator", []string{"administrator", "unpublished apps"}},
		{"error=invalid_scope&error_description=bad+scope", []string{"scope", "bad scope"}},
		{"error=unauthorized_client", []string{"does not accept this app", "client_id"}},
		{"error=temporarily_unavailable", []string{"vendor failed", "Wait a minute"}},
		{"error=weird_thing&error_description=%3Cb%3Ehi%3C%2Fb%3E", []string{"weird_thing", `"<b>hi</b>"`, "Authorize again"}},
	} {
		query := tc.query
		if !strings.Contains(query, "state=") {
			query += "&state=s" // vendors send the state back with a refusal too
		}
		l, err := ParseLanding(portal+"?"+query, a)
		var ve *VendorError
		if !errors.As(err, &ve) || l.Code != "" {
			t.Errorf("%s: got %+v, %v; want a *VendorError and no code", tc.query, l, err)
			continue
		}
		q, _ := url.ParseQuery(tc.query)
		if ve.Code != q.Get("error") || ve.Description != q.Get("error_description") {
			t.Errorf("%s: VendorError %+v", tc.query, ve)
		}
		x := ve.Explain()
		all := x.Title + " " + x.Cause + " " + x.Next
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: explanation %q lacks %q", tc.query, all, w)
			}
		}
		if x.Retryable || !strings.HasPrefix(err.Error(), x.Title) {
			t.Errorf("%s: Error() = %q, Retryable %v", tc.query, err, x.Retryable)
		}
	}
}

// FuzzAuthorizeAndLanding: whatever is pasted, AuthorizationURL gives a
// URL that carries the redirect URI and state it reports, and a landing
// address built from it gives back the code, or refuses.
func FuzzAuthorizeAndLanding(f *testing.F) {
	for _, s := range []string{amazonURL, "https://v.example/a?b=c&d", "https://v.example/a?redirect_uri=%zz&state=%", "https://v/a#b?c", "https://v/?&&=&", "http://x", ""} {
		f.Add(s, "code")
	}
	f.Fuzz(func(t *testing.T, pasted, code string) {
		portal := Global.PortalRedirectURI()
		a, err := AuthorizationURL(pasted, portal, Global)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		u, err := url.Parse(a.URL)
		if err != nil || u.Query().Get("redirect_uri") != portal {
			t.Fatalf("AuthorizationURL(%q) = %q: redirect_uri not %s (%v)", pasted, a.URL, portal, err)
		}
		if a.State == "" {
			t.Fatalf("AuthorizationURL(%q) has no state", pasted)
		}
		landing := portal + "?" + url.Values{"code": {code}, "state": {a.State}}.Encode()
		l, err := ParseLanding(landing, a)
		if err == nil && (l.Code != code || l.RedirectURI != portal) {
			t.Fatalf("ParseLanding(%q) = %+v", landing, l)
		}
	})
}

// TestLandingVendorErrorChecksState: a refusal meant for another Authorize
// is not reported as this one's; it is checked against the state as a
// code is.
func TestLandingVendorErrorChecksState(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	ours := Authorization{RedirectURI: portal, State: "s7aTe", StateAdded: true}
	amazon := Authorization{RedirectURI: portal, State: "1"}
	for _, tc := range []struct {
		name, pasted string
		a            Authorization
		want         string // in the error, which is no *VendorError
	}{
		{"another state", portal + "?error=access_denied&state=other", ours, "another Authorize"},
		{"no state, ours added", portal + "?error=access_denied", ours, "carries no state"},
		{"another fixed state", portal + "?error=access_denied&state=2", amazon, "another Authorize"},
		{"in the fragment", portal + "#error=access_denied&state=other", ours, "another Authorize"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseLanding(tc.pasted, tc.a)
			var ve *VendorError
			if err == nil || errors.As(err, &ve) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v; want a state refusal saying %q, not the vendor's refusal", err, tc.want)
			}
		})
	}
	var ve *VendorError
	if _, err := ParseLanding(portal+"?error=access_denied&state=s7aTe", ours); !errors.As(err, &ve) {
		t.Errorf("this Authorize's own refusal: %v", err)
	}
}

// TestLandingFixedStateSaysSo: Amazon Business's published state=1 matches
// every Authorize made with that URL; the note says it cannot tell them
// apart.
func TestLandingFixedStateSaysSo(t *testing.T) {
	const portal = "https://portal.azure.com/TokenAuthorize"
	l, err := ParseLanding(portal+"?code=ANxyz&state=1", Authorization{RedirectURI: portal, State: "1"})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(l.Notes, "cannot tell this answer from another") {
		t.Errorf("notes %+v do not say that a fixed state cannot tell Authorizes apart", l.Notes)
	}
	a, err := AuthorizationURL(amazonURL, portal, Global)
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(a.Notes, "cannot tell this Authorize") || a.Notes[0].Severity != Warning {
		t.Errorf("Amazon's fixed state got notes %+v; want a warning that it cannot tell Authorizes apart", a.Notes)
	}
}
