package graph

import (
	"strings"
	"testing"
	"time"
)

// TestDecodeTokenShapes: Entra issues Graph's tokens in the v1.0 shape
// (upn or unique_name, appid, app_displayname, iss sts.windows.net) even
// from the v2.0 endpoints; other APIs' tokens and pasted ones may be v2.0
// (preferred_username, azp). Both read the same.
func TestDecodeTokenShapes(t *testing.T) {
	exp := time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC)
	base := func(extra map[string]any) map[string]any {
		c := map[string]any{"tid": "t", "exp": exp.Unix(), "scp": "Synchronization.ReadWrite.All", "wids": []string{roleApplicationAdministrator}}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	for _, tc := range []struct {
		name                          string
		claims                        map[string]any
		version, user, appID, appName string
	}{
		{"v1.0 Graph token", base(map[string]any{"ver": "1.0", "aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/t/",
			"upn": "admin@contoso.com", "unique_name": "admin@contoso.com", "name": "Ann", "appid": "app-1", "app_displayname": "synctoken"}),
			"1.0", "admin@contoso.com", "app-1", "synctoken"},
		{"v1.0 guest (no upn)", base(map[string]any{"ver": "1.0", "aud": "00000003-0000-0000-c000-000000000000", "iss": "https://sts.windows.net/t/",
			"unique_name": "live.com#guest@outlook.com", "appid": "app-2"}),
			"1.0", "live.com#guest@outlook.com", "app-2", ""},
		{"v2.0 token", base(map[string]any{"ver": "2.0", "aud": "https://graph.microsoft.com", "iss": "https://login.microsoftonline.com/t/v2.0",
			"preferred_username": "admin@contoso.com", "azp": "app-3", "azpacr": "0"}),
			"2.0", "admin@contoso.com", "app-3", ""},
		{"v1.0 app-only", map[string]any{"ver": "1.0", "aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/t/", "tid": "t",
			"appid": "app-4", "app_displayname": "provisioning daemon", "roles": []string{"Application.ReadWrite.OwnedBy"}, "idtyp": "app", "exp": exp.Unix()},
			"1.0", "", "app-4", "provisioning daemon"},
	} {
		c, err := DecodeToken(jwtWith(t, tc.claims))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if c.Version != tc.version || c.User != tc.user || c.AppID != tc.appID || c.AppName != tc.appName {
			t.Errorf("%s: version %q user %q app %q %q; want %q %q %q %q", tc.name, c.Version, c.User, c.AppID, c.AppName,
				tc.version, tc.user, tc.appID, tc.appName)
		}
		ps := c.Check(Global, exp.Add(-time.Hour))
		if len(ps) == 1 && c.ownedByOnly() && strings.Contains(ps[0].Message, "reported failing") {
			ps = nil // OwnedBy's own warning (TestOwnedByReportedFailing)
		}
		if len(ps) != 0 {
			t.Errorf("%s: warnings on Global: %v", tc.name, ps)
		}
	}
}

// TestIssuerClouds: a v1.0 token addressed to Graph's app ID is judged by
// its issuer: sts.windows.net issues for Global and US Gov, never China.
func TestIssuerClouds(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	tok := func(iss string) Claims {
		return Claims{Audience: graphAppID, Issuer: iss, Scopes: []string{"Synchronization.ReadWrite.All"},
			WIDs: []string{roleApplicationAdministrator}, Expires: now.Add(time.Hour)}
	}
	for _, tc := range []struct {
		iss    string
		cloud  Cloud
		refuse bool
	}{
		{"https://sts.windows.net/t/", Global, false},
		{"https://sts.windows.net/t/", USGovL4, false},
		{"https://sts.windows.net/t/", China, true},
		{"https://sts.chinacloudapi.cn/t/", China, false},
		{"https://login.partner.microsoftonline.cn/t/v2.0", China, false},
		{"https://login.chinacloudapi.cn/t/v2.0", China, false},
		{"https://login.partner.microsoftonline.cn/t/v2.0", Global, true},
		{"https://sts.chinacloudapi.cn/t/", Global, true},
	} {
		ps := tok(tc.iss).Check(tc.cloud, now)
		if got := len(ps) == 1 && strings.Contains(ps[0].Message, "will refuse it"); got != tc.refuse || (!tc.refuse && len(ps) != 0) {
			t.Errorf("%s on %s: %v, want refusal %v", tc.iss, tc.cloud.Name, ps, tc.refuse)
		}
	}
}
