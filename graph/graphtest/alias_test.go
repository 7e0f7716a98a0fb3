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
