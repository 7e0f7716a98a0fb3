package graphtest

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

const evilState = `x"><script>alert(1)</script>&y=1 é`

func TestSignInPage(t *testing.T) {
	s := newEntra(t)
	_, challenge := newVerifier()
	q := authorizeParams(s, challenge, map[string]string{"state": evilState, "login_hint": UserUPN})
	r := call(t, s, "GET", authorizePath(TenantDomain, q), nil, "")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") ||
		!strings.Contains(r.header.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("got %d, headers %v", r.status, r.header)
	}
	for _, want := range []string{`id="user-admin"`, `id="user-plain"`, `id="cancel"`, `id="decline"`,
		`<li><code>` + Scope + `</code></li>`, `<li><code>offline_access</code></li>`, AdminUPN, UserUPN, AdminName, UserName,
		`<form method="post" action="/` + TenantDomain + `/oauth2/v2.0/authorize">`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(strings.ToLower(r.body), "<script") {
		t.Error("the page holds a script: the reflected state is not escaped, or the page is not script-free")
	}
	if !strings.Contains(r.body, `value="x&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;y=1 é"`) {
		t.Error("state is not HTML-escaped in its hidden field")
	}
	hidden := hiddenFields(r.body)
	for _, name := range []string{"client_id", "redirect_uri", "response_type", "scope", "state", "nonce",
		"code_challenge", "code_challenge_method", "login_hint"} {
		if hidden.Get(name) != q.Get(name) {
			t.Errorf("hidden %s = %q, want %q", name, hidden.Get(name), q.Get(name))
		}
	}
	if !regexp.MustCompile(`id="user-plain" autofocus`).MatchString(r.body) || strings.Contains(r.body, `id="user-admin" autofocus`) {
		t.Error("login_hint does not focus its user alone")
	}
}

func TestSignInRedirect(t *testing.T) {
	s := newEntra(t)
	_, challenge := newVerifier()
	for _, tc := range []struct {
		name, mode, choice, state string
		wantError                 string
	}{
		{"admin", "", "admin", "st-1", ""},
		{"plain user, escaped state", "query", "plain", evilState, ""},
		{"fragment", "fragment", "admin", evilState, ""},
		{"cancel", "", "cancel", evilState, "access_denied"},
		{"cancel, fragment", "fragment", "cancel", "st-2", "access_denied"},
		{"decline", "", "decline", evilState, "access_denied"},
		{"decline, fragment", "fragment", "decline", "st-3", "access_denied"},
	} {
		q := authorizeParams(s, challenge, map[string]string{"response_mode": tc.mode, "state": tc.state})
		loc := pick(t, s, q, tc.choice)
		params := loc.Query()
		if tc.mode == "fragment" {
			params, _ = url.ParseQuery(loc.EscapedFragment())
			if loc.RawQuery != "" || loc.Fragment == "" {
				t.Errorf("%s: fragment mode sent %q", tc.name, loc)
			}
		}
		base := *loc
		base.RawQuery, base.Fragment = "", ""
		if base.String() != appURL {
			t.Errorf("%s: redirected to %s, want %s", tc.name, base.String(), appURL)
		}
		if params.Get("state") != tc.state {
			t.Errorf("%s: state %q, want %q verbatim", tc.name, params.Get("state"), tc.state)
		}
		if tc.wantError == "" {
			if params.Get("code") == "" || params.Has("error") {
				t.Errorf("%s: %v, want a code", tc.name, params)
			}
			continue
		}
		if params.Get("error") != tc.wantError || params.Has("code") ||
			!strings.HasPrefix(params.Get("error_description"), "AADSTS65004: User declined to consent") {
			t.Errorf("%s: %v, want %s", tc.name, params, tc.wantError)
		}
	}
}

func TestAuthorizeErrors(t *testing.T) {
	s := newEntra(t)
	_, challenge := newVerifier()
	for _, tc := range []struct {
		name, tenant string
		set          map[string]string
		page         bool // an error page, no redirect
		err          string
		aadsts       int
	}{
		{"unknown tenant", "fabrikam.onmicrosoft.com", nil, true, "", 90002},
		{"no client_id", TenantID, map[string]string{"client_id": ""}, true, "", 900144},
		{"unknown client", TenantID, map[string]string{"client_id": Applications[0].AppID}, true, "", 700016},
		{"no redirect_uri", TenantID, map[string]string{"redirect_uri": ""}, true, "", 900144},
		{"unregistered redirect_uri", TenantID, map[string]string{"redirect_uri": "https://evil.example/"}, true, "", 50011},
		{"redirect_uri without slash", TenantID, map[string]string{"redirect_uri": appOrigin}, true, "", 50011},
		{"no PKCE", "organizations", map[string]string{"code_challenge": "", "code_challenge_method": ""}, false, "invalid_request", 9002325},
		{"short challenge", TenantID, map[string]string{"code_challenge": "abc"}, false, "invalid_request", 501491},
		{"unknown challenge method", TenantID, map[string]string{"code_challenge_method": "S512"}, false, "invalid_request", 90023},
		{"implicit flow", TenantID, map[string]string{"response_type": "token"}, false, "unsupported_response_type", 700054},
		{"no response_type", TenantID, map[string]string{"response_type": ""}, false, "invalid_request", 900144},
		{"no scope", TenantID, map[string]string{"scope": ""}, false, "invalid_request", 900144},
		{"unknown permission", TenantID, map[string]string{"scope": s.Audience() + "/Mail.Send openid"}, false, "invalid_scope", 70011},
		{"real Graph", TenantID, map[string]string{"scope": "https://graph.microsoft.com/Synchronization.ReadWrite.All"}, false, "invalid_resource", 500011},
		{"prompt=none", "common", map[string]string{"prompt": "none"}, false, "login_required", 50058},
		{"form_post", TenantID, map[string]string{"response_mode": "form_post"}, false, "invalid_request", 90023},
	} {
		r := call(t, s, "GET", authorizePath(tc.tenant, authorizeParams(s, challenge, tc.set)), nil, "")
		code := fmt.Sprintf("AADSTS%d:", tc.aadsts)
		if tc.page {
			if r.status != 400 || r.header.Get("Location") != "" || !strings.Contains(r.body, code) ||
				!strings.HasPrefix(r.header.Get("Content-Type"), "text/html") {
				t.Errorf("%s: got %d, Location %q, want an error page with %s; body %s", tc.name, r.status, r.header.Get("Location"), code, r.body)
			}
			continue
		}
		loc, err := url.Parse(r.header.Get("Location"))
		if r.status != 302 || err != nil || !strings.HasPrefix(loc.String(), appURL+"?") {
			t.Errorf("%s: got %d %q, want a redirect to the app", tc.name, r.status, r.header.Get("Location"))
			continue
		}
		p := loc.Query()
		if p.Get("error") != tc.err || !strings.HasPrefix(p.Get("error_description"), code) || p.Get("state") != "st-1" || p.Has("code") {
			t.Errorf("%s: redirected with %v, want error %s %s", tc.name, p, tc.err, code)
		}
	}
}

func TestLogout(t *testing.T) {
	s := newEntra(t)
	r := call(t, s, "GET", "/"+TenantID+"/oauth2/v2.0/logout?state=bye&post_logout_redirect_uri="+url.QueryEscape(appURL), nil, "")
	if r.status != 302 || r.header.Get("Location") != appURL+"?state=bye" {
		t.Errorf("registered URI: got %d %q", r.status, r.header.Get("Location"))
	}
	r = call(t, s, "GET", "/"+TenantID+"/oauth2/v2.0/logout?post_logout_redirect_uri="+url.QueryEscape("https://evil.example/"), nil, "")
	if r.status != 200 || r.header.Get("Location") != "" || !strings.Contains(r.body, "signed out") {
		t.Errorf("unregistered URI: got %d %q", r.status, r.header.Get("Location"))
	}
}
