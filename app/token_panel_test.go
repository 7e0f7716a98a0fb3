package app

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// TestTokenPanelShapes: the panel shows the user and the app of a v1.0
// token (upn, appid, app_displayname: Graph's shape) and of a v2.0 one
// (preferred_username, azp).
func TestTokenPanelShapes(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	token := func(claims map[string]any) string {
		claims["exp"] = now.Add(time.Hour).Unix()
		b, _ := json.Marshal(claims)
		return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(b) + ".c2ln"
	}
	for _, tc := range []struct {
		name   string
		claims map[string]any
		want   []string
	}{
		{"v1.0", map[string]any{"ver": "1.0", "aud": "https://graph.microsoft.com", "iss": "https://sts.windows.net/t/",
			"upn": "ann@contoso.com", "unique_name": "ann@contoso.com", "appid": "6f1c5e3a-2d4b-4c8e-9a7f-3b2e1d0c9f84", "app_displayname": "synctoken"},
			[]string{"<dt>User</dt><dd>ann@contoso.com</dd>", "<dt>App</dt><dd>synctoken (6f1c5e3a-2d4b-4c8e-9a7f-3b2e1d0c9f84)</dd>"}},
		{"v2.0", map[string]any{"ver": "2.0", "aud": "https://graph.microsoft.com", "iss": "https://login.microsoftonline.com/t/v2.0",
			"preferred_username": "bob@contoso.com", "azp": "0d5f0c1e-1111-4222-8333-944455556666"},
			[]string{"<dt>User</dt><dd>bob@contoso.com</dd>", "<dt>App</dt><dd>0d5f0c1e-1111-4222-8333-944455556666</dd>"}},
		{"neither", map[string]any{"aud": "https://graph.microsoft.com"},
			[]string{"<dt>App</dt><dd>(not stated)</dd>"}},
	} {
		html := strings.ReplaceAll(app.HTMLString((&TokenPanel{Token: token(tc.claims), Cloud: graph.Global, Now: now}).Render()), "\n", "")
		for _, want := range tc.want {
			if !strings.Contains(html, want) {
				t.Errorf("%s: token panel lacks %s:\n%s", tc.name, want, html)
			}
		}
	}
}

// TestTokenCountdown: the expiry counts down in whole minutes, never
// more than is left, while two or more are left, then in seconds; so the
// page redraws for it once a minute (clock.go).
func TestTokenCountdown(t *testing.T) {
	exp := time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		left time.Duration
		want string
	}{
		{59*time.Minute + 59*time.Second, "in 59 min"},
		{75 * time.Minute, "in 75 min"},
		{2 * time.Minute, "in 2 min"},
		{2*time.Minute - time.Second, "in 1m59s"},
		{90 * time.Second, "in 1m30s"},
		{time.Second, "in 1s"},
		{0, "expired"},
	} {
		if got := expiry(exp, exp.Add(-c.left)); !strings.HasSuffix(got, " — "+c.want) {
			t.Errorf("%s left: %q, want it to end %q", c.left, got, c.want)
		}
	}
}
