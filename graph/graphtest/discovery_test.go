package graphtest

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
)

func TestDiscovery(t *testing.T) {
	s := newSandbox(t)
	base := s.Audience() + "/"
	for _, tc := range []struct{ tenant, seg, issuer string }{
		{TenantID, TenantID, base + TenantID + "/v2.0"},
		{TenantDomain, TenantID, base + TenantID + "/v2.0"},
		{"Contoso.OnMicrosoft.com", TenantID, base + TenantID + "/v2.0"},
		{"organizations", "organizations", base + "{tenantid}/v2.0"},
		{"common", "common", base + "{tenantid}/v2.0"},
	} {
		r := call(t, s, "GET", "/"+tc.tenant+"/v2.0/.well-known/openid-configuration", map[string]string{"Origin": appOrigin}, "")
		var doc map[string]any
		if err := json.Unmarshal([]byte(r.body), &doc); err != nil || r.status != 200 {
			t.Fatalf("%s: got %d %s", tc.tenant, r.status, r.body)
		}
		if got := r.header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("%s: Access-Control-Allow-Origin %q, want *", tc.tenant, got)
		}
		for name, want := range map[string]string{
			"issuer":                 tc.issuer,
			"authorization_endpoint": base + tc.seg + "/oauth2/v2.0/authorize",
			"token_endpoint":         base + tc.seg + "/oauth2/v2.0/token",
			"jwks_uri":               base + tc.seg + "/discovery/v2.0/keys",
			"end_session_endpoint":   base + tc.seg + "/oauth2/v2.0/logout",
		} {
			if doc[name] != want {
				t.Errorf("%s: %s = %v, want %s", tc.tenant, name, doc[name], want)
			}
		}
		for name, want := range map[string]string{"code_challenge_methods_supported": "S256",
			"response_types_supported": "code", "scopes_supported": "offline_access", "response_modes_supported": "fragment"} {
			list, _ := doc[name].([]any)
			if !slices.Contains(list, any(want)) {
				t.Errorf("%s: %s = %v, want it to hold %s", tc.tenant, name, doc[name], want)
			}
		}
	}
	r := call(t, s, "GET", "/fabrikam.onmicrosoft.com/v2.0/.well-known/openid-configuration", nil, "")
	wantOAuthError(t, s, r, 400, "invalid_tenant", 90002)
	if r.header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("unknown tenant: Access-Control-Allow-Origin %q, want *", r.header.Get("Access-Control-Allow-Origin"))
	}
}

// TestAuthorityForMSAL checks what MSAL Go demands of an authority: https,
// a tenant segment, and a discovery document at authority +
// "/v2.0/.well-known/openid-configuration" whose issuer has the authority's
// scheme and host.
func TestAuthorityForMSAL(t *testing.T) {
	s := newSandbox(t)
	host := strings.TrimPrefix(s.URL, "http://")
	if s.Authority() != "https://"+host+"/"+TenantID || s.Scope() != "https://"+host+"/Synchronization.ReadWrite.All" {
		t.Fatalf("Authority %q, Scope %q", s.Authority(), s.Scope())
	}
	auth, _ := url.Parse(s.Authority())
	r := call(t, s, "GET", auth.Path+"/v2.0/.well-known/openid-configuration", nil, "")
	var doc struct{ Issuer, AuthorizationEndpoint, TokenEndpoint string }
	json.Unmarshal([]byte(r.body), &doc)
	iss, err := url.Parse(doc.Issuer)
	if err != nil || iss.Scheme != auth.Scheme || iss.Host != auth.Host {
		t.Errorf("issuer %q does not match authority %q", doc.Issuer, s.Authority())
	}
	if !strings.Contains(r.body, `"authorization_endpoint":"`+s.Authority()+`/oauth2/v2.0/authorize"`) ||
		!strings.Contains(r.body, `"token_endpoint":"`+s.Authority()+`/oauth2/v2.0/token"`) {
		t.Errorf("endpoints do not start with the authority: %s", r.body)
	}
}

func TestKeys(t *testing.T) {
	s := newSandbox(t)
	r := call(t, s, "GET", "/"+TenantDomain+"/discovery/v2.0/keys", nil, "")
	var set struct {
		Keys []struct{ Kty, Use, Kid, N, E string }
	}
	if err := json.Unmarshal([]byte(r.body), &set); err != nil || r.status != 200 || len(set.Keys) != 1 {
		t.Fatalf("got %d %s", r.status, r.body)
	}
	k := set.Keys[0]
	n, errN := base64.RawURLEncoding.DecodeString(k.N)
	e, errE := base64.RawURLEncoding.DecodeString(k.E)
	if k.Kty != "RSA" || k.Use != "sig" || len(k.Kid) != 27 || errN != nil || errE != nil {
		t.Fatalf("key %+v", k)
	}
	pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
	tok, err := jwt.Parse(s.Token(), func(tok *jwt.Token) (any, error) {
		if tok.Header["kid"] != k.Kid {
			t.Errorf("token kid %v, JWKS kid %s", tok.Header["kid"], k.Kid)
		}
		return pub, nil
	})
	if err != nil || !tok.Valid {
		t.Errorf("a sandbox token does not verify with the JWKS key: %v", err)
	}
	if r := call(t, s, "GET", "/nowhere/discovery/v2.0/keys", nil, ""); r.status != 400 {
		t.Errorf("keys of an unknown tenant: got %d", r.status)
	}
}
