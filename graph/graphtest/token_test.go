package graphtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestTokenClaims(t *testing.T) {
	s := newSandbox(t)
	before := time.Now().Add(-time.Second)
	tok, _, err := jwt.NewParser().ParseUnverified(s.Token(), jwt.MapClaims{})
	if err != nil {
		t.Fatal(err)
	}
	if tok.Method.Alg() != "RS256" {
		t.Errorf("alg %s, want RS256", tok.Method.Alg())
	}
	c := tok.Claims.(jwt.MapClaims)
	host := strings.TrimPrefix(s.URL, "http://")
	// Graph's tokens are v1.0 whatever endpoint issued them: Graph's app
	// registration accepts v1.0 tokens only.
	for name, want := range map[string]any{
		"aud": "https://" + host, "iss": "https://sts.windows.net/" + TenantID + "/",
		"tid": TenantID, "oid": AdminObjectID, "upn": AdminUPN, "unique_name": AdminUPN,
		"name": AdminName, "scp": "Synchronization.ReadWrite.All", "ver": "1.0",
		"appid": ClientID, "appidacr": "0", "app_displayname": "synctoken (sandbox)", "idtyp": "user",
	} {
		if c[name] != want {
			t.Errorf("%s = %v, want %v", name, c[name], want)
		}
	}
	for _, v2 := range []string{"azp", "azpacr", "preferred_username"} {
		if c[v2] != nil {
			t.Errorf("a v1.0 token carries the v2.0 claim %s", v2)
		}
	}
	if s.Audience() != c["aud"] {
		t.Errorf("Audience() = %q, token aud %v", s.Audience(), c["aud"])
	}
	wids, _ := c["wids"].([]any)
	if !slices.Equal(wids, []any{"9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3", "b79fbf4d-3ef9-4689-8143-76b194e85509"}) {
		t.Errorf("wids = %v", wids)
	}
	iat, _ := c.GetIssuedAt()
	nbf, _ := c.GetNotBefore()
	exp, _ := c.GetExpirationTime()
	if iat == nil || nbf == nil || exp == nil || iat.Before(before.Truncate(time.Second)) ||
		exp.Sub(iat.Time) != time.Hour || !nbf.Equal(iat.Time) {
		t.Errorf("iat %v nbf %v exp %v: want now, now, now+1h", iat, nbf, exp)
	}
}

func TestTokenChecks(t *testing.T) {
	s := newSandbox(t)
	other := newSandbox(t)
	good := s.Token()
	parts := strings.Split(good, ".")
	tampered := parts[0] + "." + parts[1] + "." + strings.Repeat("A", len(parts[2]))
	const empty = "Access token is empty."
	for _, tc := range []struct {
		name, authorization string
		status              int
		code, message       string
	}{
		{"valid", "Bearer " + good, 204, "", ""},
		{"scheme case", "bearer " + good, 204, "", ""},
		{"extra scopes", "Bearer " + s.Token(WithScope("openid profile Synchronization.ReadWrite.All")), 204, "", ""},
		{"cloud app admin", "Bearer " + s.Token(WithClaim("wids", []string{CloudApplicationAdministrator})), 204, "", ""},
		{"app-only", "Bearer " + s.Token(WithClaim("scp", nil), WithClaim("roles", []string{"Application.ReadWrite.OwnedBy"})), 204, "", ""},
		{"missing", "", 401, "InvalidAuthenticationToken", empty},
		{"not bearer", "Basic " + good, 401, "InvalidAuthenticationToken", empty},
		{"bearer only", "Bearer ", 401, "InvalidAuthenticationToken", empty},
		{"no dots", "Bearer abc", 401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed, there are no dots (.)."},
		{"malformed", "Bearer a.b.c", 401, "InvalidAuthenticationToken", "CompactToken parsing failed with error code: 80049217"},
		{"tampered", "Bearer " + tampered, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid signature."},
		{"other sandbox", "Bearer " + other.Token(WithAudience(s.Audience())), 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid signature."},
		{"real graph audience", "Bearer " + s.Token(WithAudience("https://graph.microsoft.com")), 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience."},
		{"expired", "Bearer " + s.Token(WithExpiry(time.Now().Add(-time.Minute))), 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is expired."},
		{"not yet valid", "Bearer " + s.Token(WithClaim("nbf", time.Now().Add(time.Hour).Unix())), 401, "InvalidAuthenticationToken", "Lifetime validation failed, the token is not yet valid."},
		{"other issuer", "Bearer " + s.Token(WithClaim("iss", "https://login.microsoftonline.com/x/v2.0")), 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid issuer."},
		{"wrong scope", "Bearer " + s.Token(WithScope("User.Read")), 401, "UnknownError", ""},
		{"no roles", "Bearer " + s.Token(WithoutRoles()), 401, "UnknownError", ""},
		{"app-only without role", "Bearer " + s.Token(WithClaim("scp", nil)), 401, "UnknownError", ""},
	} {
		header := map[string]string{"Content-Type": "application/json"}
		if tc.authorization != "" {
			header["Authorization"] = tc.authorization
		}
		r := call(t, s, "POST", actionPath("v1.0", "servicePrincipals", ServicePrincipals[1].ObjectID), header, validBody)
		if tc.status == 204 {
			if r.status != 204 {
				t.Errorf("%s: got %d %s, want 204", tc.name, r.status, r.body)
			}
			continue
		}
		t.Run(tc.name, func(t *testing.T) { wantError(t, r, tc.status, tc.code, tc.message) })
		challenge := r.header.Get("WWW-Authenticate")
		if want := `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`; tc.status == 401 && challenge != want {
			t.Errorf("%s: WWW-Authenticate %q, want %q", tc.name, challenge, want)
		}
	}
}

func TestSandboxTokenEndpoint(t *testing.T) {
	s := newSandbox(t)
	r := call(t, s, "GET", "/_sandbox/token", map[string]string{"Origin": "http://127.0.0.1:8000"}, "")
	var got struct {
		AccessToken string `json:"access_token"`
		TokenType   string `json:"token_type"`
		ExpiresIn   int    `json:"expires_in"`
	}
	if err := json.Unmarshal([]byte(r.body), &got); err != nil || r.status != 200 {
		t.Fatalf("got %d %q: %v", r.status, r.body, err)
	}
	if got.TokenType != "Bearer" || got.ExpiresIn != 3600 || r.header.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:8000" {
		t.Errorf("got %+v, Access-Control-Allow-Origin %q", got, r.header.Get("Access-Control-Allow-Origin"))
	}
	if r := post(t, s, actionPath("beta", "applications", Applications[1].ObjectID), got.AccessToken, validBody); r.status != 204 {
		t.Errorf("token from /_sandbox/token: got %d %s, want 204", r.status, r.body)
	}
	if r := call(t, s, "POST", "/_sandbox/token", nil, ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST /_sandbox/token: got %d, want 405", r.status)
	}
}
