package graphtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestUseAliasHost: the OpenID configuration names its endpoints on the
// alias and its issuer on the sandbox's own name, and the alias reaches
// the same sandbox, which records which name a request was sent to.
func TestUseAliasHost(t *testing.T) {
	s := newEntra(t)
	host := strings.TrimPrefix(s.URL, "http://")
	alias := s.AliasHost()
	if want := "localhost:" + host[strings.LastIndexByte(host, ':')+1:]; alias != want {
		t.Fatalf("AliasHost = %q, want %q", alias, want)
	}
	doc := func() map[string]any {
		r := call(t, s, "GET", "/"+TenantID+"/v2.0/.well-known/openid-configuration", nil, "")
		var d map[string]any
		if err := json.Unmarshal([]byte(r.body), &d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := doc(); d["token_endpoint"] != "https://"+host+"/"+TenantID+"/oauth2/v2.0/token" {
		t.Errorf("before UseAliasHost: %v", d["token_endpoint"])
	}
	s.UseAliasHost()
	d := doc()
	for name, want := range map[string]string{
		"issuer":                 "https://" + host + "/" + TenantID + "/v2.0",
		"authorization_endpoint": "https://" + alias + "/" + TenantID + "/oauth2/v2.0/authorize",
		"token_endpoint":         "https://" + alias + "/" + TenantID + "/oauth2/v2.0/token",
		"end_session_endpoint":   "https://" + alias + "/" + TenantID + "/oauth2/v2.0/logout",
	} {
		if d[name] != want {
			t.Errorf("%s = %v, want %s", name, d[name], want)
		}
	}
	// The sign-in page answers on the alias; the sandbox records the name.
	_, challenge := newVerifier()
	resp, err := http.Get("http://" + alias + authorizePath(TenantID, authorizeParams(s, challenge, nil)))
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(page), `id="user-admin"`) {
		t.Errorf("sign-in page on the alias: %d", resp.StatusCode)
	}
	reqs := s.Requests()
	if last := reqs[len(reqs)-1]; last.Host != alias || reqs[0].Host != host {
		t.Errorf("recorded hosts %q then %q, want %q then %q", reqs[0].Host, last.Host, host, alias)
	}

	other, err := NewServerAt("[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	}
	defer other.Close()
	if other.AliasHost() != "" {
		t.Errorf("[::1] sandbox alias %q", other.AliasHost())
	}
	defer func() {
		if recover() == nil {
			t.Error("UseAliasHost on a sandbox without alias did not panic")
		}
	}()
	other.UseAliasHost()
}

// TestDiscoveryFollowsHostAsked: as a China tenant's configuration does
// (asked on login.partner.microsoftonline.cn or on login.chinacloudapi.cn,
// its issuer is on the former, its authorize and token endpoints on the
// host asked: MSAL.js's recorded metadata), the sandbox's names its
// endpoints on whichever of its two names it was asked on, and its issuer
// always on its own name.
func TestDiscoveryFollowsHostAsked(t *testing.T) {
	s := newEntra(t)
	host := strings.TrimPrefix(s.URL, "http://")
	alias := s.AliasHost()
	for _, asked := range []string{host, alias} {
		resp, err := http.Get("http://" + asked + "/" + TenantID + "/v2.0/.well-known/openid-configuration")
		if err != nil {
			t.Fatal(err)
		}
		var d map[string]any
		err = json.NewDecoder(resp.Body).Decode(&d)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for name, want := range map[string]string{
			"issuer":                 "https://" + host + "/" + TenantID + "/v2.0",
			"authorization_endpoint": "https://" + asked + "/" + TenantID + "/oauth2/v2.0/authorize",
			"token_endpoint":         "https://" + asked + "/" + TenantID + "/oauth2/v2.0/token",
			"jwks_uri":               "https://" + asked + "/" + TenantID + "/discovery/v2.0/keys",
		} {
			if d[name] != want {
				t.Errorf("asked on %s: %s = %v, want %s", asked, name, d[name], want)
			}
		}
	}
	// A name the sandbox does not have (a proxy's) does not leak into it.
	req, _ := http.NewRequest("GET", s.URL+"/"+TenantID+"/v2.0/.well-known/openid-configuration", nil)
	req.Host = "proxy.example:443"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var d map[string]any
	json.NewDecoder(resp.Body).Decode(&d)
	resp.Body.Close()
	if d["token_endpoint"] != "https://"+host+"/"+TenantID+"/oauth2/v2.0/token" {
		t.Errorf("asked as proxy.example: token_endpoint %v", d["token_endpoint"])
	}
}
