package graph

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
	"time"
)

func jwtWith(t *testing.T, claims map[string]any) string {
	t.Helper()
	b, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(b) + ".c2ln"
}

func TestDecodeToken(t *testing.T) {
	exp := time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC)
	tok := jwtWith(t, map[string]any{
		"aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/t/", "tid": "t",
		"upn": "admin@contoso.com", "appid": "app", "scp": "Synchronization.ReadWrite.All User.Read",
		"wids": []string{roleApplicationAdministrator}, "exp": exp.Unix(), "iat": exp.Add(-time.Hour).Unix(),
	})
	c, err := DecodeToken("Bearer " + tok + " ")
	if err != nil {
		t.Fatal(err)
	}
	if c.Audience != "https://graph.microsoft.com" || c.User != "admin@contoso.com" || c.AppID != "app" ||
		len(c.Scopes) != 2 || !c.Expires.Equal(exp) || c.TenantID != "t" || !c.Delegated() {
		t.Errorf("claims = %+v", c)
	}
	if ps := c.Check(Global, exp.Add(-time.Minute)); len(ps) != 0 {
		t.Errorf("a good token got warnings: %v", ps)
	}
	for _, bad := range []string{"abc", "a.b", "a.!!!.c", "a." + base64.RawURLEncoding.EncodeToString([]byte("[1]")) + ".c"} {
		if _, err := DecodeToken(bad); err == nil || !strings.Contains(err.Error(), "not a JWT") {
			t.Errorf("DecodeToken(%q) err = %v", bad, err)
		}
	}
}

func TestClaimsCheck(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	good := Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"}, WIDs: []string{roleCloudApplicationAdministrator}, Expires: now.Add(time.Hour)}
	tests := []struct {
		name  string
		c     func(Claims) Claims
		cloud Cloud
		want  string
	}{
		{"other cloud", func(c Claims) Claims { c.Audience = "https://graph.microsoft.us"; return c }, Global, "for graph.microsoft.us, not graph.microsoft.com"},
		{"gov token on global", func(c Claims) Claims { return c }, USGovL4, "for graph.microsoft.com, not graph.microsoft.us"},
		{"missing scope", func(c Claims) Claims { c.Scopes = []string{"User.Read"}; return c }, Global, "lacks the delegated permission Synchronization.ReadWrite.All (it has: User.Read)"},
		{"no admin role", func(c Claims) Claims { c.WIDs = []string{"b79fbf4d-3ef9-4689-8143-76b194e85509"}; return c }, Global, "holds none of the roles"},
		{"expired", func(c Claims) Claims { c.Expires = now.Add(-90 * time.Second); return c }, Global, "expired 1m30s ago"},
		{"app-only without roles", func(c Claims) Claims { c.Scopes, c.Roles = nil, []string{"User.Read.All"}; return c }, Global, "neither Application.ReadWrite.OwnedBy nor Synchronization.ReadWrite.All"},
	}
	for _, tt := range tests {
		ps := tt.c(good).Check(tt.cloud, now)
		if len(ps) != 1 || !strings.Contains(ps[0].Message, tt.want) {
			t.Errorf("%s: problems %v, want one saying %q", tt.name, ps, tt.want)
		}
	}
	appOnly := Claims{Audience: "00000003-0000-0000-c000-000000000000", Roles: []string{"Application.ReadWrite.OwnedBy"}, Expires: now.Add(time.Hour)}
	// OwnedBy is accepted, with the one warning that it is reported failing.
	if ps := appOnly.Check(China, now); len(ps) != 1 || !strings.Contains(ps[0].Message, "reported failing") {
		t.Errorf("app-only token with OwnedBy (Graph app ID audience) got %v", ps)
	}
	if RoleName(roleApplicationAdministrator) != "Application Administrator" || RoleName("x") != "x" {
		t.Error("RoleName")
	}
}

func TestParseTenantAndClientID(t *testing.T) {
	for in, want := range map[string]string{
		"organizations": "organizations", " Contoso.onmicrosoft.com ": "contoso.onmicrosoft.com",
		"{3D5B0A7E-6C1F-4E2A-9B8D-0F4C7A1E2B3C}": "3d5b0a7e-6c1f-4e2a-9b8d-0f4c7a1e2b3c",
	} {
		if got, err := paste.ParseTenant(in); err != nil || got != want {
			t.Errorf("paste.ParseTenant(%q) = %q, %v", in, got, err)
		}
	}
	for in, want := range map[string]string{"": "Tenant is required", "common": "personal Microsoft accounts", "https://login.microsoftonline.com/x": "neither", "1-2-3-4-5": "not a GUID"} {
		if _, err := paste.ParseTenant(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("paste.ParseTenant(%q) err = %v, want %q", in, err, want)
		}
	}
	if _, err := paste.ParseClientID(""); err == nil || !strings.Contains(err.Error(), "Client ID is required") {
		t.Errorf("empty client ID: %v", err)
	}
	if _, err := paste.ParseClientID("abc"); err == nil || !strings.HasPrefix(err.Error(), "Client ID must be a GUID") {
		t.Errorf("bad client ID: %v", err)
	}
}

func TestBadInputClaims(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	sb, _ := Sandbox("http://127.0.0.1:8001")
	good := Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"},
		WIDs: []string{roleApplicationAdministrator}, Expires: now.Add(time.Hour)}
	tests := []struct {
		name  string
		c     func(Claims) Claims
		cloud Cloud
		want  string // substring of the one problem; "" for none
	}{
		{"good", func(c Claims) Claims { return c }, Global, ""},
		{"Graph's app ID as audience", func(c Claims) Claims { c.Audience = graphAppID; return c }, USGovL4, ""},
		{"trailing slash", func(c Claims) Claims { c.Audience = "https://graph.microsoft.com/"; return c }, Global, ""},
		{"expired", func(c Claims) Claims { c.Expires = now.Add(-90 * time.Second); return c }, Global,
			"This token expired 1m30s ago: Graph will refuse it (401). Get a new one."},
		{"not yet valid", func(c Claims) Claims { c.NotBefore = now.Add(10 * time.Minute); return c }, Global,
			"This token is valid only from 2026-11-25 03:10:00 UTC (in 10m0s): Graph will refuse it until then (401). Is this device's clock right?"},
		{"clock skew is tolerated", func(c Claims) Claims { c.NotBefore = now.Add(2 * time.Minute); return c }, Global, ""},
		{"another cloud's Graph", func(c Claims) Claims { c.Audience = "https://graph.microsoft.us"; return c }, Global,
			"This token is for graph.microsoft.us, not graph.microsoft.com: Graph in Global will refuse it (401). Tokens from one cloud are not accepted by another: switch the cloud to US Gov L4 (GCC High), or sign in to Global."},
		{"a real cloud's token in the sandbox", func(c Claims) Claims { return c }, sb,
			"This token is for graph.microsoft.com, not 127.0.0.1:8001"},
		{"another cloud's issuer", func(c Claims) Claims {
			c.Audience, c.Issuer = graphAppID, "https://login.microsoftonline.us/t/v2.0"
			return c
		}, Global, "This token was issued by login.microsoftonline.us (US Gov L4 (GCC High) or US Gov L5 (DoD)), not by Global's sign-in: Graph in Global will refuse it (401)."},
		{"Azure Resource Manager", func(c Claims) Claims {
			c.Audience, c.Scopes = "https://management.core.windows.net/", []string{"user_impersonation"}
			return c
		}, Global, "This token is for Azure Resource Manager (https://management.core.windows.net/), not Microsoft Graph: Graph will refuse it (401). Get a token for https://graph.microsoft.com, e.g. az account get-access-token --resource-type ms-graph"},
		{"Azure AD Graph", func(c Claims) Claims { c.Audience = "https://graph.windows.net"; return c }, Global,
			"This token is for Azure AD Graph, which is retired (https://graph.windows.net), not Microsoft Graph"},
		{"an ID token", func(c Claims) Claims {
			c.Audience, c.Scopes, c.WIDs = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", nil, nil
			return c
		}, Global, "This looks like an ID token (addressed to the app 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, granting no permissions), not an access token: paste the access token for graph.microsoft.com."},
		{"another app's API", func(c Claims) Claims {
			c.Audience, c.Scopes = "api://contoso-scim", []string{"access_as_user"}
			return c
		}, Global, "This token is for api://contoso-scim, not Microsoft Graph: Graph will refuse it (401)."},
		{"another app by ID", func(c Claims) Claims {
			c.Audience = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
			return c
		}, Global, "This token is for the app 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0, not Microsoft Graph"},
	}
	for _, tt := range tests {
		ps := tt.c(good).Check(tt.cloud, now)
		t.Logf("%-40s → %s", tt.name, badInputMessages(ps))
		if tt.want == "" {
			if len(ps) != 0 {
				t.Errorf("%s: problems %v, want none", tt.name, ps)
			}
			continue
		}
		if len(ps) != 1 || !strings.Contains(ps[0].Message, tt.want) {
			t.Errorf("%s: problems %v, want one saying %q", tt.name, ps, tt.want)
		}
	}

	// nbf and ver are decoded.
	c, err := DecodeToken(jwtWith(t, map[string]any{"aud": graphAppID, "nbf": now.Unix(), "exp": now.Add(time.Hour).Unix()}))
	if err != nil || !c.NotBefore.Equal(now) {
		t.Errorf("DecodeToken nbf = %v, %v", c.NotBefore, err)
	}
}
