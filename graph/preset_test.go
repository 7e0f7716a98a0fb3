package graph

import (
	"reflect"
	"strings"
	"testing"
)

func TestPresets(t *testing.T) {
	ps := Presets()
	if d := DefaultPreset(); d.ID != "oauth-code" || ps[0].ID != d.ID {
		t.Errorf("default preset %q (first listed %q), want the OAuth authorization code: acquireAccessToken is Authorize's call", d.ID, ps[0].ID)
	}
	if last := ps[len(ps)-1]; last.ID != CustomPreset || len(last.Credentials) != 0 {
		t.Errorf("last preset %+v, want Custom with no keys of its own", last)
	}
	want := map[string][]Credential{
		"oauth-code":        {{Key: "Oauth2AuthorizationCode"}, {Key: "Oauth2RedirectUri"}},
		"oauth-code-tenant": {{Key: "BaseAddress"}, {Key: "Oauth2AuthorizationCode"}, {Key: "Oauth2RedirectUri"}},
		"oauth-client-credentials": {{Key: "BaseAddress"}, {Key: "AuthenticationType", Value: "OAuth2ClientCredentialsGrant"},
			{Key: "Oauth2TokenExchangeUri"}, {Key: "Oauth2ClientId"}, {Key: "Oauth2ClientSecret"}},
		"scim-token":   {{Key: "BaseAddress"}, {Key: "SecretToken"}},
		"password":     {{Key: "BaseAddress"}, {Key: "UserName"}, {Key: "Password"}},
		"cross-tenant": {{Key: "CompanyId"}, {Key: "AuthenticationType", Value: "SyncPolicy"}},
		CustomPreset:   nil,
	}
	ids := map[string]bool{}
	for _, p := range ps {
		if ids[p.ID] {
			t.Errorf("preset ID %q twice", p.ID)
		}
		ids[p.ID] = true
		if p.Label == "" || p.For == "" || strings.Contains(p.For, "\n") {
			t.Errorf("%s: label %q, for %q: each needs a label and one line saying which call it is for", p.ID, p.Label, p.For)
		}
		if w, ok := want[p.ID]; !ok || !reflect.DeepEqual(p.Credentials, w) && !(len(w) == 0 && len(p.Credentials) == 0) {
			t.Errorf("%s: keys %v, want %v", p.ID, p.Credentials, w)
		}
		for _, c := range p.Credentials {
			if !IsSecretKey(c.Key) {
				t.Errorf("%s: %q is not a synchronizationSecret name", p.ID, c.Key)
			}
		}
		// Only Authorize's preset is for this page's call; the others say
		// plainly that acquireAccessToken is not theirs.
		authorize := strings.HasPrefix(p.For, "For Authorize")
		code := p.ID == "oauth-code" || p.ID == "oauth-code-tenant"
		if authorize != code {
			t.Errorf("%s: For %q", p.ID, p.For)
		}
		if !code && p.ID != CustomPreset && !strings.Contains(p.For, "not acquireAccessToken") {
			t.Errorf("%s: For %q does not say acquireAccessToken is not its call", p.ID, p.For)
		}
	}
	if len(ids) != len(want) {
		t.Errorf("%d presets, want %d", len(ids), len(want))
	}
	// The inferred key sets say so.
	for _, id := range []string{"oauth-code", "oauth-code-tenant", "password"} {
		if p, _ := PresetByID(id); !strings.Contains(p.Assumed, "assumption") {
			t.Errorf("%s: not marked as an assumption: %q", id, p.Assumed)
		}
	}
	// Client credentials: for Test connection and Save, the seeded token
	// one sample needed said, and what has no public key yet said too.
	cc, _ := PresetByID("oauth-client-credentials")
	for _, want := range []string{"Test connection and Save", "Oauth2AccessToken and Oauth2AccessTokenCreationTime"} {
		if !strings.Contains(cc.For, want) {
			t.Errorf("client credentials: For %q lacks %q", cc.For, want)
		}
	}
	for _, want := range []string{"How credentials are sent", "scopes", "workload identity federation", "no public key names yet"} {
		if !strings.Contains(cc.Assumed, want) {
			t.Errorf("client credentials: Assumed %q lacks %q", cc.Assumed, want)
		}
	}
	// Presets returns copies: a caller cannot change the table.
	ps[0].Credentials[0].Key = "changed"
	if DefaultPreset().Credentials[0].Key != "Oauth2AuthorizationCode" {
		t.Error("changing what Presets returned changed the presets")
	}
	if _, ok := PresetByID("nope"); ok {
		t.Error("PresetByID found an unknown ID")
	}
}

func TestMatchPreset(t *testing.T) {
	tests := []struct {
		name  string
		creds []Credential
		want  string
	}{
		{"default rows", []Credential{{Key: "Oauth2AuthorizationCode"}, {Key: "Oauth2RedirectUri"}}, "oauth-code"},
		{"values do not matter", []Credential{{"BaseAddress", "https://x"}, {"SecretToken", "s"}}, "scim-token"},
		{"any order", []Credential{{Key: "Password"}, {Key: "BaseAddress"}, {Key: "UserName"}}, "password"},
		{"spaces around a key", []Credential{{Key: " CompanyId"}, {Key: "AuthenticationType"}}, "cross-tenant"},
		{"client credentials", []Credential{{Key: "Oauth2ClientSecret"}, {Key: "Oauth2ClientId"}, {Key: "BaseAddress"}, {Key: "AuthenticationType"}, {Key: "Oauth2TokenExchangeUri"}}, "oauth-client-credentials"},
		{"code with a Tenant URL", []Credential{{Key: "BaseAddress"}, {Key: "Oauth2AuthorizationCode"}, {Key: "Oauth2RedirectUri"}}, "oauth-code-tenant"},
		{"a key more", []Credential{{Key: "BaseAddress"}, {Key: "SecretToken"}, {Key: "Url"}}, CustomPreset},
		{"a key less", []Credential{{Key: "BaseAddress"}}, CustomPreset},
		{"an empty row added", []Credential{{Key: "BaseAddress"}, {Key: "SecretToken"}, {}}, CustomPreset},
		{"case differs", []Credential{{Key: "baseaddress"}, {Key: "SecretToken"}}, CustomPreset},
		{"a key twice", []Credential{{Key: "BaseAddress"}, {Key: "BaseAddress"}}, CustomPreset},
		{"no rows", nil, CustomPreset},
	}
	for _, tt := range tests {
		if got := MatchPreset(tt.creds); got.ID != tt.want {
			t.Errorf("%s: MatchPreset(%v) = %q, want %q", tt.name, tt.creds, got.ID, tt.want)
		}
	}
}

func TestPresetApply(t *testing.T) {
	preset := func(id string) Preset {
		p, ok := PresetByID(id)
		if !ok {
			t.Fatalf("no preset %q", id)
		}
		return p
	}
	tests := []struct {
		name      string
		preset    string
		current   []Credential
		aside     map[string]string // before
		want      []Credential
		wantAside map[string]string // after
	}{
		{name: "fresh rows", preset: "scim-token", aside: map[string]string{},
			want: []Credential{{"BaseAddress", ""}, {"SecretToken", ""}}, wantAside: map[string]string{}},
		{name: "a key that stays keeps its value", preset: "password", aside: map[string]string{},
			current:   []Credential{{"BaseAddress", "https://scim.example.com"}, {"SecretToken", "s3cret"}},
			want:      []Credential{{"BaseAddress", "https://scim.example.com"}, {"UserName", ""}, {"Password", ""}},
			wantAside: map[string]string{"SecretToken": "s3cret"}},
		{name: "a value set aside comes back", preset: "scim-token",
			current:   []Credential{{"BaseAddress", "https://scim.example.com"}, {"UserName", "ann"}, {"Password", ""}},
			aside:     map[string]string{"SecretToken": "s3cret"},
			want:      []Credential{{"BaseAddress", "https://scim.example.com"}, {"SecretToken", "s3cret"}},
			wantAside: map[string]string{"UserName": "ann"}},
		{name: "the preset fills its value", preset: "cross-tenant", aside: map[string]string{},
			current:   []Credential{{"Oauth2AuthorizationCode", ""}, {"Oauth2RedirectUri", ""}},
			want:      []Credential{{"CompanyId", ""}, {"AuthenticationType", "SyncPolicy"}},
			wantAside: map[string]string{}},
		{name: "a typed value beats the preset's", preset: "cross-tenant", aside: map[string]string{},
			current:   []Credential{{"AuthenticationType", "Other"}},
			want:      []Credential{{"CompanyId", ""}, {"AuthenticationType", "Other"}},
			wantAside: map[string]string{}},
		{name: "custom keeps the rows", preset: CustomPreset, aside: map[string]string{},
			current:   []Credential{{"Url", "x"}, {"", "y"}},
			want:      []Credential{{"Url", "x"}, {"", "y"}},
			wantAside: map[string]string{}},
		{name: "no place to set aside", preset: "oauth-code",
			current: []Credential{{"SecretToken", "s3cret"}},
			want:    []Credential{{"Oauth2AuthorizationCode", ""}, {"Oauth2RedirectUri", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := append([]Credential(nil), tt.current...)
			got := preset(tt.preset).Apply(tt.current, tt.aside)
			if !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Errorf("rows = %v, want %v", got, tt.want)
			}
			if !reflect.DeepEqual(tt.aside, tt.wantAside) {
				t.Errorf("set aside = %v, want %v", tt.aside, tt.wantAside)
			}
			if !reflect.DeepEqual(tt.current, before) {
				t.Errorf("Apply changed the rows it was given: %v", tt.current)
			}
			if tt.preset != CustomPreset && MatchPreset(got).ID != tt.preset {
				t.Errorf("the rows a preset makes match %q, not the preset", MatchPreset(got).ID)
			}
		})
	}
	// Switching away and back loses nothing typed.
	aside := map[string]string{}
	rows := []Credential{{"BaseAddress", "https://scim.example.com"}, {"SecretToken", "s3cret"}}
	for _, id := range []string{"oauth-code", "cross-tenant", "password", "scim-token"} {
		rows = preset(id).Apply(rows, aside)
	}
	if want := []Credential{{"BaseAddress", "https://scim.example.com"}, {"SecretToken", "s3cret"}}; !reflect.DeepEqual(rows, want) {
		t.Errorf("after a round of presets the rows are %v, want %v", rows, want)
	}
}

// TestPortalLabels: the fields are named as the admin center names them
// (portal-admin-credentials.md), and only keys of Graph's list have one.
func TestPortalLabels(t *testing.T) {
	for key, want := range map[string]string{
		"BaseAddress": "Tenant URL", "SecretToken": "Secret Token", "Oauth2TokenExchangeUri": "Token Endpoint",
		"Oauth2ClientId": "Client Identifier", "Oauth2ClientSecret": "Client Secret", "AuthenticationType": "Authentication Method",
		"Oauth2AuthorizationCode": "", "baseaddress": "", "": "",
	} {
		if got := PortalLabel(key); got != want {
			t.Errorf("PortalLabel(%q) = %q, want %q", key, got, want)
		}
	}
	for _, p := range portalLabels {
		if !IsSecretKey(p.key) {
			t.Errorf("%q has a label but is not a synchronizationSecret name", p.key)
		}
	}
}
