package graphtest

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var guid = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestSeededObjects(t *testing.T) {
	ids := []string{TenantID, AdminObjectID, UserObjectID, ClientID}
	for _, list := range [][]Object{allApplications(), allServicePrincipals()} {
		if len(list) < 2 {
			t.Errorf("only %d objects seeded", len(list))
		}
		for _, o := range list {
			ids = append(ids, o.ObjectID, o.AppID)
		}
	}
	for _, id := range ids {
		if !guid.MatchString(id) {
			t.Errorf("%q is not a lowercase GUID", id)
		}
	}
	for _, sp := range allServicePrincipals() {
		if !slices.ContainsFunc(allApplications(), func(a Object) bool { return a.AppID == sp.AppID && a.ObjectID != sp.ObjectID }) {
			t.Errorf("service principal %s has no application with AppID %s", sp.ObjectID, sp.AppID)
		}
	}
	seen := map[string]bool{}
	for _, o := range slices.Concat(allApplications(), allServicePrincipals()) {
		if seen[o.ObjectID] {
			t.Errorf("object ID %s is seeded twice", o.ObjectID)
		}
		seen[o.ObjectID] = true
	}
}

func TestNewServerAt(t *testing.T) {
	s, err := NewServerAt("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+$`).MatchString(s.URL) ||
		s.Audience() != "https://"+strings.TrimPrefix(s.URL, "http://") {
		t.Errorf("URL %q, Audience %q", s.URL, s.Audience())
	}
	if _, err := NewServerAt(strings.TrimPrefix(s.URL, "http://")); err == nil {
		t.Error("NewServerAt on a port in use succeeded")
	}
	s.Close()
	s.Close() // a second Close is harmless
	if _, err := http.Get(s.URL + "/_sandbox/token"); err == nil {
		t.Error("server still answers after Close")
	}
}

func TestGraphHeaders(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	for _, tc := range []struct{ name, clientID, token string }{
		{"error echoing client-request-id", "5e0b5b9e-0000-4000-8000-000000000001", ""},
		{"error without client-request-id", "", ""},
		{"success", "5e0b5b9e-0000-4000-8000-000000000002", s.Token()},
	} {
		header := map[string]string{"Authorization": "Bearer " + tc.token, "Content-Type": "application/json"}
		if tc.clientID != "" {
			header["client-request-id"] = tc.clientID
		}
		r := call(t, s, "POST", path, header, validBody)
		h := r.header
		var diag map[string]any
		if !guid.MatchString(h.Get("request-id")) || !guid.MatchString(h.Get("client-request-id")) ||
			json.Unmarshal([]byte(h.Get("x-ms-ags-diagnostic")), &diag) != nil ||
			h.Get("Strict-Transport-Security") == "" {
			t.Errorf("%s: headers %v", tc.name, h)
		}
		if tc.clientID != "" && h.Get("client-request-id") != tc.clientID {
			t.Errorf("%s: client-request-id %q, want the echo %q", tc.name, h.Get("client-request-id"), tc.clientID)
		}
		date, err := http.ParseTime(h.Get("Date"))
		if err != nil || time.Since(date) > time.Minute {
			t.Errorf("%s: Date %q", tc.name, h.Get("Date"))
		}
		if tc.token != "" {
			continue
		}
		inner := decodeError(t, r).Error.InnerError
		if h.Get("Content-Type") != "application/json" || inner["request-id"] != h.Get("request-id") ||
			inner["client-request-id"] != h.Get("client-request-id") ||
			!regexp.MustCompile(`^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$`).MatchString(inner["date"]) {
			t.Errorf("%s: Content-Type %q, innerError %v, headers %v", tc.name, h.Get("Content-Type"), inner, h)
		}
	}
	a := call(t, s, "POST", path, nil, "")
	b := call(t, s, "POST", path, nil, "")
	if a.header.Get("request-id") == b.header.Get("request-id") || a.header.Get("client-request-id") == b.header.Get("client-request-id") {
		t.Error("request-id or generated client-request-id repeats across requests")
	}
}

func TestRecording(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "applications", Applications[0].ObjectID)
	call(t, s, "OPTIONS", path, map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"}, "")
	post(t, s, path+"?x=1", "tok", `{"credentials":[]}`)
	call(t, s, "GET", "/v1.0/me", map[string]string{"X-Custom": "a"}, "")
	got := s.Requests()
	want := []Recorded{
		{Method: "OPTIONS", Path: path},
		{Method: "POST", Path: path, RawQuery: "x=1", Body: []byte(`{"credentials":[]}`)},
		{Method: "GET", Path: "/v1.0/me"},
	}
	if len(got) != len(want) {
		t.Fatalf("recorded %d requests, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Method != w.Method || g.Path != w.Path || g.RawQuery != w.RawQuery || string(g.Body) != string(w.Body) ||
			g.At.IsZero() || (i > 0 && g.At.Before(got[i-1].At)) {
			t.Errorf("request %d: got %+v, want %+v", i, g, w)
		}
	}
	if got[0].Header.Get("Origin") != origin || got[1].Header.Get("Authorization") != "Bearer tok" ||
		got[1].Header.Get("Content-Type") != "application/json" || got[2].Header.Get("X-Custom") != "a" {
		t.Errorf("headers not recorded as sent: %v %v %v", got[0].Header, got[1].Header, got[2].Header)
	}
	got[1].Header.Set("Authorization", "changed")
	got[1].Body[0] = 'X'
	if again := s.Requests(); again[1].Header.Get("Authorization") != "Bearer tok" || again[1].Body[0] != '{' {
		t.Error("Requests returned the server's own slices, not a copy")
	}
	s.Respond(Reply{Status: 500})
	s.Reset()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("after Reset %d requests remain", n)
	}
	if r := post(t, s, path, s.Token(), validBody); r.status != 204 {
		t.Errorf("after Reset the queued reply still answered: %d", r.status)
	}
}

func TestRespond(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	s.Respond(Reply{Status: 429, Header: http.Header{"Retry-After": {"3"}}, Body: `{"error":{"code":"TooManyRequests"}}`, Times: 2})
	s.Respond(Reply{Status: 503, Body: "down", Header: http.Header{"Content-Type": {"text/plain"}}})
	s.Respond(Reply{Delay: 100 * time.Millisecond}) // normal answer, late
	for i, want := range []struct {
		status      int
		body, ctype string
	}{
		{429, `{"error":{"code":"TooManyRequests"}}`, "application/json"},
		{429, `{"error":{"code":"TooManyRequests"}}`, "application/json"},
		{503, "down", "text/plain"},
		{204, "", ""},
		{204, "", ""},
	} {
		start := time.Now()
		r := post(t, s, path, s.Token(), validBody)
		if r.status != want.status || r.body != want.body || r.header.Get("Content-Type") != want.ctype {
			t.Errorf("request %d: got %d %q %q, want %d %q %q", i, r.status, r.body, r.header.Get("Content-Type"), want.status, want.body, want.ctype)
		}
		if want.status == 429 && (r.header.Get("Retry-After") != "3" || !guid.MatchString(r.header.Get("request-id"))) {
			t.Errorf("request %d: canned headers %v", i, r.header)
		}
		if elapsed := time.Since(start); i == 3 && elapsed < 100*time.Millisecond {
			t.Errorf("request %d took %v, want the reply's 100ms delay", i, elapsed)
		}
	}
	if n := len(s.Requests()); n != 5 {
		t.Errorf("recorded %d requests, want 5", n)
	}
}

func TestRespondDelayRespectsCancellation(t *testing.T) {
	s := NewServer()
	s.Respond(Reply{Status: 500, Delay: time.Minute, Times: 2})
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", s.URL+path, strings.NewReader(validBody))
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Error("request with a cancelled context succeeded")
	}
	go http.Post(s.URL+path, "application/json", strings.NewReader(validBody)) // left waiting
	for len(s.Requests()) < 2 {
		time.Sleep(5 * time.Millisecond)
	}
	start := time.Now()
	s.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Close took %v with a delayed reply pending", d)
	}
}

func TestSleepStopsEarly(t *testing.T) {
	s := newSandbox(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL, nil)
	start := time.Now()
	if s.sleep(req, 5*time.Second) || time.Since(start) > time.Second {
		t.Error("sleep did not stop for a cancelled request")
	}
	if !s.sleep(req.WithContext(context.Background()), time.Millisecond) {
		t.Error("sleep reported a live request as abandoned")
	}
}
