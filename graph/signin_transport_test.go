package graph

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

type recordingDoer struct{ got *http.Request }

func (r *recordingDoer) Do(req *http.Request) (*http.Response, error) {
	r.got = req
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}}, nil
}

func TestSignInTransportKeepsTokenRequestsSimple(t *testing.T) {
	rec := &recordingDoer{}
	d := &signinDoer{next: rec, loginHost: "login.microsoftonline.com"}
	req, _ := http.NewRequest("POST", "https://login.microsoftonline.com/organizations/oauth2/v2.0/token?a=1", strings.NewReader("grant_type=authorization_code"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	for _, h := range simpleHeaders {
		req.Header.Set(h, "v-"+h)
	}
	if _, err := d.Do(req); err != nil {
		t.Fatal(err)
	}
	for name := range rec.got.Header {
		if !strings.EqualFold(name, "Content-Type") {
			t.Errorf("header %s still sent: the browser would preflight", name)
		}
	}
	q := rec.got.URL.Query()
	for _, h := range simpleHeaders {
		if q.Get(h) != "v-"+h {
			t.Errorf("query lacks %s: %s", h, rec.got.URL.RawQuery)
		}
	}
	if q.Get("a") != "1" || rec.got.URL.Scheme != "https" {
		t.Errorf("URL changed beyond the headers: %s", rec.got.URL)
	}
	if req.Header.Get("client-request-id") == "" {
		t.Error("the caller's request was modified")
	}

	// Graph requests keep their headers.
	g, _ := http.NewRequest("POST", "https://graph.microsoft.com/v1.0/x", nil)
	g.Header.Set("client-request-id", "keep")
	d.Do(g)
	if rec.got.Header.Get("client-request-id") != "keep" || rec.got.URL.RawQuery != "" {
		t.Errorf("a Graph request was rewritten: %v %s", rec.got.Header, rec.got.URL)
	}
}

func TestSignInTransportReachesSandboxOverHTTP(t *testing.T) {
	rec := &recordingDoer{}
	d := &signinDoer{next: rec, loginHost: "127.0.0.1:8001", plainHost: "127.0.0.1:8001"}
	req, _ := http.NewRequest("GET", "https://127.0.0.1:8001/organizations/v2.0/.well-known/openid-configuration", nil)
	d.Do(req)
	if rec.got.URL.Scheme != "http" || rec.got.URL.Host != "127.0.0.1:8001" {
		t.Errorf("sandbox request went to %s", rec.got.URL)
	}
	other, _ := http.NewRequest("GET", "https://evil.example/x", nil)
	d.Do(other)
	if rec.got.URL.Scheme != "https" {
		t.Errorf("only the sandbox host may be downgraded to http; got %s", rec.got.URL)
	}
	if got := d.plainURL("https://127.0.0.1:8001/t/oauth2/v2.0/authorize?x=1"); got != "http://127.0.0.1:8001/t/oauth2/v2.0/authorize?x=1" {
		t.Errorf("plainURL = %q", got)
	}
	if got := d.plainURL("https://127.0.0.1:8001.evil.example/"); !strings.HasPrefix(got, "https://") {
		t.Errorf("plainURL downgraded another host: %q", got)
	}
	real := &signinDoer{next: rec, loginHost: "login.microsoftonline.com"}
	if got := real.plainURL("https://login.microsoftonline.com/x"); got != "https://login.microsoftonline.com/x" {
		t.Errorf("a real cloud's URL changed: %q", got)
	}
}
