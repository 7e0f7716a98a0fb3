package signin

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"synctoken/graph"
)

type recordingDoer struct {
	got   *http.Request
	err   error // returned instead of an answer, when set
	fails int   // how many first calls fail with err; all of them when 0
	calls int
}

func (r *recordingDoer) Do(req *http.Request) (*http.Response, error) {
	r.got = req
	r.calls++
	if r.err != nil && (r.fails == 0 || r.calls <= r.fails) {
		return nil, r.err
	}
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader("{}")), Header: http.Header{}}, nil
}

// TestTransportKeepsEveryHostSimple: a token request to the cloud's
// LoginHost or to any of its aliases (China's configuration named the
// other host) carries no header but Content-Type.
func TestTransportKeepsEveryHostSimple(t *testing.T) {
	for _, cloud := range graph.Clouds() {
		for _, host := range cloud.SignInHosts() {
			rec := &recordingDoer{}
			d := newTransport(rec, cloud)
			req, _ := http.NewRequest("POST", "https://"+host+"/organizations/oauth2/v2.0/token?a=1", strings.NewReader("grant_type=authorization_code"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
			for _, h := range simpleHeaders {
				req.Header.Set(h, "v-"+h)
			}
			if _, err := d.Do(req); err != nil {
				t.Fatalf("%s %s: %v", cloud.Name, host, err)
			}
			for name := range rec.got.Header {
				if !strings.EqualFold(name, "Content-Type") {
					t.Errorf("%s %s: header %s still sent: the browser would preflight", cloud.Name, host, name)
				}
			}
			q := rec.got.URL.Query()
			for _, h := range simpleHeaders {
				if q.Get(h) != "v-"+h {
					t.Errorf("%s %s: query lacks %s: %s", cloud.Name, host, h, rec.got.URL.RawQuery)
				}
			}
			if q.Get("a") != "1" || rec.got.URL.Scheme != "https" || rec.got.URL.Host != host {
				t.Errorf("%s: URL changed beyond the headers: %s", cloud.Name, rec.got.URL)
			}
			if req.Header.Get("client-request-id") == "" || req.URL.RawQuery != "a=1" {
				t.Error("the caller's request was modified")
			}
		}
	}
}

// TestTransportRefusesOtherHosts: MSAL follows the OpenID
// configuration; a request to a host outside the cloud's list is refused
// with a clear error and never sent.
func TestTransportRefusesOtherHosts(t *testing.T) {
	rec := &recordingDoer{}
	d := newTransport(rec, graph.China)
	for _, u := range []string{"https://login.microsoftonline.com/t/oauth2/v2.0/token", "https://login.partner.microsoftonline.cn.evil.example/t/oauth2/v2.0/token",
		"https://microsoftgraph.chinacloudapi.cn/v1.0/me"} {
		req, _ := http.NewRequest("POST", u, nil)
		_, err := d.Do(req)
		if !errors.Is(err, errForeignHost) || !strings.Contains(err.Error(), req.URL.Host) || !strings.Contains(err.Error(), "login.chinacloudapi.cn") {
			t.Errorf("%s: err = %v", u, err)
		}
		if rec.got != nil {
			t.Errorf("%s was sent", u)
		}
		se := explainError(fmt.Errorf("server response error:\n %w", err))
		if !strings.HasPrefix(se.Error(), "Sign-in stopped:") || !strings.Contains(se.Error(), "nothing was sent") {
			t.Errorf("explained as %q", se)
		}
	}
}

// TestTransportMarksUnreadableTokenAnswers: only a failed fetch of
// the token endpoint may be Entra's refusal without CORS headers.
func TestTransportMarksUnreadableTokenAnswers(t *testing.T) {
	fetch := fmt.Errorf("%w: TypeError: Failed to fetch", graph.ErrFetch)
	d := newTransport(&recordingDoer{err: fetch}, graph.Global)
	for path, want := range map[string]bool{"/t/oauth2/v2.0/token": true, "/t/v2.0/.well-known/openid-configuration": false} {
		req, _ := http.NewRequest("POST", "https://login.microsoftonline.com"+path, nil)
		_, err := d.Do(req)
		if !errors.Is(err, graph.ErrFetch) || errors.Is(err, errTokenUnreadable) != want {
			t.Errorf("%s: %v", path, err)
		}
	}
}

func TestTransportReachesSandboxOverHTTP(t *testing.T) {
	cloud, _ := graph.Sandbox("http://127.0.0.1:8001")
	rec := &recordingDoer{}
	d := newTransport(rec, cloud)
	for _, host := range []string{"127.0.0.1:8001", "localhost:8001"} {
		req, _ := http.NewRequest("GET", "https://"+host+"/organizations/v2.0/.well-known/openid-configuration", nil)
		req.Header.Set("x-client-sku", "go")
		if _, err := d.Do(req); err != nil {
			t.Fatal(err)
		}
		if rec.got.URL.Scheme != "http" || rec.got.URL.Host != host || rec.got.Header.Get("x-client-sku") != "" {
			t.Errorf("sandbox request went to %s with %v", rec.got.URL, rec.got.Header)
		}
		if got := d.plainURL("https://" + host + "/t/oauth2/v2.0/authorize?x=1"); got != "http://"+host+"/t/oauth2/v2.0/authorize?x=1" {
			t.Errorf("plainURL = %q", got)
		}
	}
	rec.got = nil
	other, _ := http.NewRequest("GET", "https://evil.example/x", nil)
	if _, err := d.Do(other); err == nil || rec.got != nil {
		t.Errorf("a request to another host was sent: %v", err)
	}
	if got := d.plainURL("https://127.0.0.1:8001.evil.example/"); !strings.HasPrefix(got, "https://") {
		t.Errorf("plainURL downgraded another host: %q", got)
	}
	real := newTransport(rec, graph.Global)
	if got := real.plainURL("https://login.microsoftonline.com/x"); got != "https://login.microsoftonline.com/x" {
		t.Errorf("a real cloud's URL changed: %q", got)
	}
}

// TestTransportAsksMetadataTwice: a GET that failed at the network is sent
// once more, and its second answer is MSAL's; a token POST never is.
func TestTransportAsksMetadataTwice(t *testing.T) {
	fetch := fmt.Errorf("%w: TypeError: Failed to fetch", graph.ErrFetch)
	host := graph.Global.SignInHosts()[0]

	rec := &recordingDoer{err: fetch, fails: 1}
	get, _ := http.NewRequest("GET", "https://"+host+"/organizations/v2.0/.well-known/openid-configuration", nil)
	if _, err := newTransport(rec, graph.Global).Do(get); err != nil || rec.calls != 2 {
		t.Errorf("a GET that failed once: %d calls, error %v; want 2 calls and the second answer", rec.calls, err)
	}

	rec = &recordingDoer{err: fetch}
	if _, err := newTransport(rec, graph.Global).Do(get); err == nil || rec.calls != 2 {
		t.Errorf("a GET that always fails: %d calls, error %v; want 2 calls and the failure", rec.calls, err)
	}

	rec = &recordingDoer{err: fetch, fails: 1}
	post, _ := http.NewRequest("POST", "https://"+host+"/organizations/oauth2/v2.0/token", strings.NewReader("grant_type=authorization_code"))
	if _, err := newTransport(rec, graph.Global).Do(post); !errors.Is(err, errTokenUnreadable) || rec.calls != 1 {
		t.Errorf("a token POST that failed: %d calls, error %v; want 1 call and errTokenUnreadable", rec.calls, err)
	}
}
