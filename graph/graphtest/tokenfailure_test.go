package graphtest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestFailTokenAADSTS(t *testing.T) {
	s := newEntra(t)
	rt := signInTokens(t, s, "admin").RefreshToken
	for _, tc := range []struct {
		aadsts            int
		code, suberror    string
		claims            bool
		descriptionHasAny string
	}{
		{50058, "invalid_grant", "", false, "no user is signed in"},
		{50076, "invalid_grant", "basic_action", true, "must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'"},
		{50079, "interaction_required", "basic_action", false, "must enroll in multi-factor authentication"},
		{50173, "invalid_grant", "", false, "revoked"},
		{65001, "invalid_grant", "consent_required", false, "with ID '" + ClientID + "' named 'synctoken (sandbox)'"},
		{70008, "invalid_grant", "", false, "expired due to inactivity"},
		{700084, "invalid_grant", "", false, "single page app (SPA)"},
		{9002326, "invalid_request", "", false, "Request origin: '" + appOrigin + "'."},
		{9002327, "invalid_request", "", false, "may only be redeemed via cross-origin requests"},
	} {
		s.FailTokenAADSTS(tc.aadsts)
		r := postToken(t, s, refreshForm(s, rt), appOrigin)
		wantOAuthError(t, s, r, 400, tc.code, tc.aadsts)
		var e errorJSON
		json.Unmarshal([]byte(r.body), &e)
		if e.Suberror != tc.suberror || (e.Claims != "") != tc.claims || !strings.Contains(e.Description, tc.descriptionHasAny) ||
			r.header.Get("Access-Control-Allow-Origin") != appOrigin {
			t.Errorf("AADSTS%d: %s", tc.aadsts, r.body)
		}
		if tc.claims && !json.Valid([]byte(e.Claims)) {
			t.Errorf("AADSTS%d: claims %q is not JSON", tc.aadsts, e.Claims)
		}
		if tc.suberror != "" && strings.Index(r.body, `"error_uri"`) > strings.Index(r.body, `"suberror"`) {
			t.Errorf("AADSTS%d: members out of Entra's order: %s", tc.aadsts, r.body)
		}
		if tc.suberror == "" && strings.Contains(r.body, "suberror") {
			t.Errorf("AADSTS%d: unexpected suberror: %s", tc.aadsts, r.body)
		}
	}
	// The failures were used up; the refresh token still works.
	tokensOf(t, postToken(t, s, refreshForm(s, rt), appOrigin))
}

func TestFailTokenWith(t *testing.T) {
	s := newEntra(t)
	rt := signInTokens(t, s, "admin").RefreshToken
	s.FailTokenWith(TokenFailure{Code: "consent_required", AADSTS: 65001, Description: "Consent, please.", Suberror: "consent_required"})
	s.FailTokenWith(TokenFailure{Code: "temporarily_unavailable", AADSTS: 50196, Description: "Slow down.", Status: 429})
	r := postToken(t, s, refreshForm(s, rt), appOrigin)
	wantOAuthError(t, s, r, 400, "consent_required", 65001)
	if !strings.Contains(r.body, `"suberror":"consent_required"`) {
		t.Errorf("body %s", r.body)
	}
	wantOAuthError(t, s, postToken(t, s, refreshForm(s, rt), appOrigin), 429, "temporarily_unavailable", 50196)
	defer func() {
		if recover() == nil {
			t.Error("FailTokenAADSTS(1) did not panic")
		}
	}()
	s.FailTokenAADSTS(1)
}

// TestFailTokenWithoutCORS: NoCORS answers the failure without any
// Access-Control-* header, as Entra answers some 401s, and is used up.
func TestFailTokenWithoutCORS(t *testing.T) {
	s := newEntra(t)
	rt := signInTokens(t, s, "admin").RefreshToken
	s.FailTokenWith(TokenFailure{Code: "invalid_client", AADSTS: 7000218, Status: 401, NoCORS: true,
		Description: "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."})
	r := postToken(t, s, refreshForm(s, rt), appOrigin)
	wantOAuthError(t, s, r, 401, "invalid_client", 7000218)
	for k := range r.header {
		if strings.HasPrefix(strings.ToLower(k), "access-control-") {
			t.Errorf("NoCORS failure carries %s", k)
		}
	}
	if r := tokensOf(t, postToken(t, s, refreshForm(s, rt), appOrigin)); r.AccessToken == "" {
		t.Error("no token after the failure")
	}
}
