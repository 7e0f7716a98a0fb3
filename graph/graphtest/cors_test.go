package graphtest

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

const origin = "http://127.0.0.1:8000"

func TestPreflight(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	s.Respond(Reply{Status: 503}) // must not be used by preflights
	for _, tc := range []struct{ requested, allowed string }{
		{"authorization,content-type", "authorization, content-type"},
		{"authorization, content-type, client-request-id", "authorization, content-type, client-request-id"},
		{"Authorization,X-Client-SKU,content-type", "authorization, content-type"},
		{"x-ms-custom", ""},
		{"", ""},
	} {
		header := map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"}
		if tc.requested != "" {
			header["Access-Control-Request-Headers"] = tc.requested
		}
		r := call(t, s, "OPTIONS", path, header, "")
		h := r.header
		if r.status != 200 || h.Get("Access-Control-Allow-Origin") != origin ||
			h.Get("Access-Control-Allow-Methods") != "GET, POST, PUT, PATCH, DELETE" ||
			h.Get("Access-Control-Max-Age") != "3600" {
			t.Errorf("preflight %q: got %d %v", tc.requested, r.status, h)
		}
		if got := h.Get("Access-Control-Allow-Headers"); got != tc.allowed {
			t.Errorf("preflight %q: Allow-Headers %q, want %q", tc.requested, got, tc.allowed)
		}
	}
	if n := len(s.Requests()); n != 5 {
		t.Errorf("recorded %d preflights, want 5", n)
	}
	if r := post(t, s, path, s.Token(), validBody); r.status != 503 {
		t.Errorf("queued reply after preflights: got %d, want 503 (preflights must not consume it)", r.status)
	}
}

// TestCORSOnResponses checks that a page can read success, error and canned
// responses, and what it can read of them.
func TestCORSOnResponses(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("beta", "servicePrincipals", ServicePrincipals[0].ObjectID)
	s.Respond(Reply{Status: 429, Header: http.Header{"Retry-After": {"7"}}, Body: `{"error":{"code":"TooManyRequests","message":""}}`})
	for _, tc := range []struct {
		name, origin, token string
		status              int
	}{
		{"canned", origin, s.Token(), 429},
		{"success", origin, s.Token(), 204},
		{"error", origin, "", 401},
		{"no origin", "", s.Token(), 204},
	} {
		header := map[string]string{"Authorization": "Bearer " + tc.token, "Content-Type": "application/json"}
		want := "*"
		if tc.origin != "" {
			header["Origin"], want = tc.origin, tc.origin
		}
		r := call(t, s, "POST", path, header, validBody)
		if r.status != tc.status || r.header.Get("Access-Control-Allow-Origin") != want {
			t.Errorf("%s: got %d, Allow-Origin %q; want %d, %q", tc.name, r.status, r.header.Get("Access-Control-Allow-Origin"), tc.status, want)
		}
		exposed := strings.Split(strings.ToLower(r.header.Get("Access-Control-Expose-Headers")), ", ")
		for _, h := range []string{"request-id", "client-request-id", "etag", "location", "www-authenticate"} {
			if !slices.Contains(exposed, h) {
				t.Errorf("%s: %s not exposed in %q", tc.name, h, exposed)
			}
		}
		for _, h := range []string{"retry-after", "date"} {
			if slices.Contains(exposed, h) {
				t.Errorf("%s: %s must not be exposed", tc.name, h)
			}
		}
	}
}

func TestNoCORSHook(t *testing.T) {
	s := newSandbox(t)
	s.Respond(Reply{Status: 500, Header: http.Header{"X-Sandbox-No-CORS": {"1"}, "X-Other": {"kept"}}})
	r := call(t, s, "POST", actionPath("v1.0", "applications", Applications[0].ObjectID),
		map[string]string{"Origin": origin}, validBody)
	if r.status != 500 || r.header.Get("X-Other") != "kept" {
		t.Errorf("got %d %v, want 500 with X-Other", r.status, r.header)
	}
	for k := range r.header {
		if strings.HasPrefix(k, "Access-Control-") || strings.EqualFold(k, "X-Sandbox-No-CORS") {
			t.Errorf("header %s present, want it stripped", k)
		}
	}
}
