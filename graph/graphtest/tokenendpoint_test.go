package graphtest

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestSignInAndCallGraph walks the app's whole path: sign-in page, code,
// redemption as MSAL Go posts it, then the Graph action with the token.
func TestSignInAndCallGraph(t *testing.T) {
	s := newEntra(t)
	tr := signInTokens(t, s, "admin")
	if tr.TokenType != "Bearer" || tr.Scope != s.Scope() || tr.ExpiresIn != 3600 || tr.ExtExpiresIn != 3600 ||
		tr.RefreshToken == "" || tr.RefreshTokenExpiresIn < 86390 || tr.RefreshTokenExpiresIn > 86400 {
		t.Errorf("token response %+v", tr)
	}
	info, err := base64.RawURLEncoding.DecodeString(tr.ClientInfo)
	if want := `{"uid":"` + AdminObjectID + `","utid":"` + TenantID + `"}`; err != nil || string(info) != want {
		t.Errorf("client_info %q decodes to %q, want %s", tr.ClientInfo, info, want)
	}
	id := claimsOf(t, s, tr.IDToken)
	for name, want := range map[string]any{"aud": ClientID, "iss": s.Authority() + "/v2.0", "tid": TenantID,
		"oid": AdminObjectID, "preferred_username": AdminUPN, "name": AdminName, "nonce": "n-1", "ver": "2.0"} {
		if id[name] != want {
			t.Errorf("id_token %s = %v, want %v", name, id[name], want)
		}
	}
	access := claimsOf(t, s, tr.AccessToken)
	for name, want := range map[string]any{"aud": s.Audience(), "scp": Scope, "upn": AdminUPN, "appid": ClientID,
		"oid": AdminObjectID, "tid": TenantID, "ver": "1.0", "iss": "https://sts.windows.net/" + TenantID + "/"} {
		if access[name] != want {
			t.Errorf("access token %s = %v, want %v", name, access[name], want)
		}
	}
	if exp, iat := access["exp"].(float64), access["iat"].(float64); exp-iat != 3600 || id["sub"] == nil || id["sub"] != access["sub"] {
		t.Errorf("access token lifetime %v s, sub %v / %v", exp-iat, id["sub"], access["sub"])
	}
	if r := post(t, s, actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID), tr.AccessToken, validBody); r.status != 204 {
		t.Errorf("Graph with the signed-in token: got %d %s, want 204", r.status, r.body)
	}
	if r := post(t, s, actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID), tr.IDToken, validBody); r.status != 401 {
		t.Errorf("Graph with the id token: got %d, want 401", r.status)
	}
	var sawToken bool
	for _, rec := range s.Requests() {
		if rec.Path == tokenPathV2 {
			sawToken = true
			if rec.Method != "POST" {
				t.Errorf("%s reached the token endpoint", rec.Method)
			}
		}
	}
	if !sawToken {
		t.Error("the token request was not recorded")
	}
}

func TestPlainUserIsForbidden(t *testing.T) {
	s := newEntra(t)
	tr := signInTokens(t, s, "plain")
	c := claimsOf(t, s, tr.AccessToken)
	wids, _ := c["wids"].([]any)
	if c["upn"] != UserUPN || c["oid"] != UserObjectID || !slices.Equal(wids, []any{DefaultUser}) || c["scp"] != Scope {
		t.Errorf("plain user's claims %v", c)
	}
	r := post(t, s, actionPath("beta", "applications", Applications[0].ObjectID), tr.AccessToken, validBody)
	wantError(t, r, 401, "UnknownError", "") // the synchronization API's answer to a user without the role
}

func TestRedeemErrors(t *testing.T) {
	start := time.Now()
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, s *Server, f url.Values) (origin string)
		status int
		err    string
		aadsts int
	}{
		{"valid", func(*testing.T, *Server, url.Values) string { return appOrigin }, 200, "", 0},
		{"9 minutes old", func(_ *testing.T, s *Server, _ url.Values) string {
			s.SetClock(at(start.Add(9 * time.Minute)))
			return appOrigin
		}, 200, "", 0},
		{"no Origin", func(*testing.T, *Server, url.Values) string { return "" }, 400, "invalid_request", 9002327},
		{"reused", func(t *testing.T, s *Server, f url.Values) string {
			if r := postToken(t, s, f, appOrigin); r.status != 200 {
				t.Errorf("first redemption: %d %s", r.status, r.body)
			}
			return appOrigin
		}, 400, "invalid_grant", 54005},
		{"expired", func(_ *testing.T, s *Server, _ url.Values) string {
			s.SetClock(at(start.Add(11 * time.Minute)))
			return appOrigin
		}, 400, "invalid_grant", 70008},
		{"bad verifier", func(_ *testing.T, _ *Server, f url.Values) string {
			v, _ := newVerifier()
			f.Set("code_verifier", v)
			return appOrigin
		}, 400, "invalid_grant", 501481},
		{"challenge as verifier", func(_ *testing.T, _ *Server, f url.Values) string {
			_, c := newVerifier()
			f.Set("code_verifier", c)
			return appOrigin
		}, 400, "invalid_grant", 501481},
		{"no verifier", func(_ *testing.T, _ *Server, f url.Values) string { f.Del("code_verifier"); return appOrigin }, 400, "invalid_request", 900144},
		{"other redirect_uri", func(_ *testing.T, _ *Server, f url.Values) string { f.Set("redirect_uri", appOrigin); return appOrigin }, 400, "invalid_grant", 500112},
		{"unknown code", func(_ *testing.T, _ *Server, f url.Values) string { f.Set("code", "1.Anope"); return appOrigin }, 400, "invalid_grant", 9002313},
		{"no code", func(_ *testing.T, _ *Server, f url.Values) string { f.Del("code"); return appOrigin }, 400, "invalid_request", 900144},
		{"other client", func(_ *testing.T, _ *Server, f url.Values) string {
			f.Set("client_id", Applications[0].AppID)
			return appOrigin
		}, 400, "unauthorized_client", 700016},
		{"no grant_type", func(_ *testing.T, _ *Server, f url.Values) string { f.Del("grant_type"); return appOrigin }, 400, "invalid_request", 900144},
		{"password grant", func(_ *testing.T, _ *Server, f url.Values) string { f.Set("grant_type", "password"); return appOrigin }, 400, "unsupported_grant_type", 70003},
		{"unknown scope", func(t *testing.T, s *Server, f url.Values) string {
			f.Set("scope", s.Audience()+"/Mail.Send")
			return appOrigin
		}, 400, "invalid_scope", 70011},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newEntra(t)
			s.SetClock(at(start))
			verifier, challenge := newVerifier()
			form := redeemForm(s, signIn(t, s, authorizeParams(s, challenge, nil), "admin"), verifier)
			origin := tc.change(t, s, form)
			r := postToken(t, s, form, origin)
			if got := r.header.Get("Access-Control-Allow-Origin"); got != origin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, origin)
			}
			if tc.status == 200 {
				tokensOf(t, r)
				return
			}
			wantOAuthError(t, s, r, tc.status, tc.err, tc.aadsts)
		})
	}
}

func TestTokenEndpointRequests(t *testing.T) {
	s := newEntra(t)
	form := refreshForm(s, "x").Encode()
	for _, tc := range []struct {
		name, method, path, contentType string
		err                             string
		aadsts                          int
	}{
		{"GET", "GET", tokenPathV2, "", "invalid_request", 900561},
		{"JSON body", "POST", tokenPathV2, "application/json", "invalid_request", 900144},
		{"unknown tenant", "POST", "/fabrikam.onmicrosoft.com/oauth2/v2.0/token", "application/x-www-form-urlencoded", "invalid_request", 90002},
		{"common", "POST", "/common/oauth2/v2.0/token", "application/x-www-form-urlencoded", "invalid_grant", 9002313},
	} {
		r := call(t, s, tc.method, tc.path, map[string]string{"Content-Type": tc.contentType, "Origin": appOrigin}, form)
		t.Run(tc.name, func(t *testing.T) { wantOAuthError(t, s, r, 400, tc.err, tc.aadsts) })
	}
}

// TestSignInPreflights checks that the token endpoint answers a CORS
// preflight, as Entra's does, that the other sign-in endpoints refuse
// OPTIONS, that Graph's still answers, and that SignInPreflights records
// every preflight to the sign-in endpoints, past a Reset.
func TestSignInPreflights(t *testing.T) {
	s := newEntra(t)
	header := map[string]string{"Origin": appOrigin, "Access-Control-Request-Method": "POST",
		"Access-Control-Request-Headers": "client-request-id,x-client-sku"}
	answered := []string{tokenPathV2, "/common/oauth2/v2.0/token"}
	refused := []string{"/" + TenantID + "/v2.0/.well-known/openid-configuration",
		"/" + TenantID + "/oauth2/v2.0/authorize", "/" + TenantID + "/discovery/v2.0/keys"}
	for _, path := range answered {
		r := call(t, s, "OPTIONS", path, header, "")
		h := r.header
		if r.status != 200 || h.Get("Access-Control-Allow-Origin") != appOrigin || !strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			h.Get("Access-Control-Allow-Headers") != "client-request-id,x-client-sku" || r.body != "" {
			t.Errorf("OPTIONS %s: got %d %v %q", path, r.status, h, r.body)
		}
	}
	for _, path := range refused {
		r := call(t, s, "OPTIONS", path, header, "")
		if r.status != 400 {
			t.Errorf("OPTIONS %s: got %d, want 400", path, r.status)
		}
		for k := range r.header {
			if strings.HasPrefix(strings.ToLower(k), "access-control-") {
				t.Errorf("OPTIONS %s: answered %s", path, k)
			}
		}
	}
	if r := call(t, s, "OPTIONS", actionPath("v1.0", "applications", Applications[0].ObjectID), header, ""); r.status != 200 {
		t.Errorf("Graph preflight: got %d, want 200", r.status)
	}
	// Neither an OPTIONS without Origin nor a POST is a preflight.
	call(t, s, "OPTIONS", tokenPathV2, nil, "")
	postToken(t, s, url.Values{}, appOrigin)
	s.Reset()
	got := s.SignInPreflights()
	var paths []string
	for _, r := range got {
		paths = append(paths, r.Path)
	}
	if want := append(answered, refused...); !slices.Equal(paths, want) {
		t.Errorf("SignInPreflights after Reset: %v, want %v", paths, want)
	}
	if len(got) > 0 && (got[0].Method != "OPTIONS" || got[0].Header.Get("Access-Control-Request-Headers") == "" || got[0].Host != strings.TrimPrefix(s.URL, "http://")) {
		t.Errorf("recorded preflight: %+v", got[0])
	}
}

func TestRefreshRotates(t *testing.T) {
	s := newEntra(t)
	first := signInTokens(t, s, "admin")
	wantOAuthError(t, s, postToken(t, s, refreshForm(s, first.RefreshToken), ""), 400, "invalid_request", 9002327)
	second := tokensOf(t, postToken(t, s, refreshForm(s, first.RefreshToken), appOrigin))
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken || second.Scope != s.Scope() || second.ClientInfo != first.ClientInfo {
		t.Errorf("refresh: %+v", second)
	}
	if id := claimsOf(t, s, second.IDToken); id["nonce"] != nil || id["oid"] != AdminObjectID {
		t.Errorf("refreshed id token %v: want the user, without nonce", id)
	}
	if r := post(t, s, actionPath("v1.0", "applications", Applications[1].ObjectID), second.AccessToken, validBody); r.status != 204 {
		t.Errorf("Graph with the refreshed token: %d %s", r.status, r.body)
	}
	wantOAuthError(t, s, postToken(t, s, refreshForm(s, first.RefreshToken), appOrigin), 400, "invalid_grant", 9002313)
	noScope := refreshForm(s, second.RefreshToken)
	noScope.Del("scope")
	third := tokensOf(t, postToken(t, s, noScope, appOrigin))
	if third.Scope != s.Scope() || third.RefreshToken == "" || third.RefreshToken == second.RefreshToken {
		t.Errorf("refresh without scope: %+v", third)
	}
	plain := signInTokens(t, s, "plain")
	fromPlain := tokensOf(t, postToken(t, s, refreshForm(s, plain.RefreshToken), appOrigin))
	if c := claimsOf(t, s, fromPlain.AccessToken); c["oid"] != UserObjectID {
		t.Errorf("the plain user's refresh token gave a token for %v", c["oid"])
	}
}

// TestRefreshExpiresAfterADay checks the SPA rule: a refresh token dies 24
// hours after sign-in, and rotation does not extend that.
func TestRefreshExpiresAfterADay(t *testing.T) {
	s := newEntra(t)
	start := time.Now()
	s.SetClock(at(start))
	rt := signInTokens(t, s, "admin").RefreshToken
	s.SetClock(at(start.Add(23 * time.Hour)))
	late := tokensOf(t, postToken(t, s, refreshForm(s, rt), appOrigin))
	if late.RefreshTokenExpiresIn > 3600 || late.RefreshTokenExpiresIn < 3590 {
		t.Errorf("refresh_token_expires_in %d after 23 hours, want about 3600", late.RefreshTokenExpiresIn)
	}
	s.SetClock(at(start.Add(24*time.Hour + time.Minute)))
	wantOAuthError(t, s, postToken(t, s, refreshForm(s, late.RefreshToken), appOrigin), 400, "invalid_grant", 700084)
}

func TestRequestedScopesShapeTheResponse(t *testing.T) {
	s := newEntra(t)
	for _, tc := range []struct {
		name, scope, wantScope, wantSCP string
		clientInfo, refresh, id         bool
	}{
		{"resource only", s.Scope(), s.Scope(), Scope, false, false, false},
		{"no offline_access", s.Scope() + " openid profile", s.Scope(), Scope, true, false, true},
		{"short name", "Synchronization.ReadWrite.All offline_access", "Synchronization.ReadWrite.All", Scope, false, true, false},
		{".default", s.Audience() + "/.default openid", s.Audience() + "/.default", ReadScope + " " + JobsScope + " " + Scope + " User.Read", false, false, true},
		{"OpenID only", "openid profile offline_access", "User.Read openid profile", "User.Read", false, true, true},
	} {
		verifier, challenge := newVerifier()
		code := signIn(t, s, authorizeParams(s, challenge, map[string]string{"scope": tc.scope}), "admin")
		form := redeemForm(s, code, verifier)
		form.Set("scope", tc.scope)
		if !tc.clientInfo {
			form.Del("client_info")
		}
		tr := tokensOf(t, postToken(t, s, form, appOrigin))
		if tr.Scope != tc.wantScope || claimsOf(t, s, tr.AccessToken)["scp"] != tc.wantSCP ||
			(tr.RefreshToken != "") != tc.refresh || (tr.IDToken != "") != tc.id || (tr.ClientInfo != "") != tc.clientInfo {
			t.Errorf("%s: got %+v", tc.name, tr)
		}
	}
}

func TestTokenLifetimeAndExpiry(t *testing.T) {
	s := newEntra(t)
	s.SetTokenLifetime(10 * time.Minute)
	start := time.Now()
	s.SetClock(at(start))
	tr := signInTokens(t, s, "admin")
	c := claimsOf(t, s, tr.AccessToken)
	if tr.ExpiresIn != 600 || c["exp"].(float64)-c["iat"].(float64) != 600 {
		t.Errorf("expires_in %d, exp-iat %v, want 600", tr.ExpiresIn, c["exp"].(float64)-c["iat"].(float64))
	}
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[1].ObjectID)
	if r := post(t, s, path, tr.AccessToken, validBody); r.status != 204 {
		t.Errorf("fresh token: %d %s", r.status, r.body)
	}
	s.SetClock(at(start.Add(11 * time.Minute)))
	wantError(t, post(t, s, path, tr.AccessToken, validBody), 401, "InvalidAuthenticationToken",
		"Lifetime validation failed, the token is expired.")
	s.SetClock(nil)
	if r := post(t, s, path, s.Token(), validBody); r.status != 204 {
		t.Errorf("after SetClock(nil): %d %s", r.status, r.body)
	}
}

func TestFailToken(t *testing.T) {
	s := newEntra(t)
	rt := signInTokens(t, s, "admin").RefreshToken
	for _, tc := range []struct {
		code   string
		aadsts int
		status int
	}{
		{"invalid_grant", 50173, 400},
		{"temporarily_unavailable", 50196, 503},
		{"server_error", 50000, 500},
		{"invalid_client", 7000215, 401},
		{"interaction_required", 50076, 400},
	} {
		const text = "Injected by the test."
		s.FailToken(tc.code, tc.aadsts, text)
		r := postToken(t, s, refreshForm(s, rt), appOrigin)
		t.Run(tc.code, func(t *testing.T) { wantOAuthError(t, s, r, tc.status, tc.code, tc.aadsts) })
		if !strings.Contains(r.body, text) || r.header.Get("Access-Control-Allow-Origin") != appOrigin {
			t.Errorf("%s: body %s, Access-Control-Allow-Origin %q", tc.code, r.body, r.header.Get("Access-Control-Allow-Origin"))
		}
		// The failure is used up and the refresh token was left alone.
		rt = tokensOf(t, postToken(t, s, refreshForm(s, rt), appOrigin)).RefreshToken
	}
}
