package graphtest

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// freshClient opens a new connection for every request: on a reused
// connection, Go's transport (like browsers) retries an idempotent request
// that the server closed without a response, which would hide one fault.
var freshClient = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// send is call without failing the test on a transport error.
func send(s *Server, method, path, token string) (*http.Response, []byte, error) {
	req, _ := http.NewRequest(method, s.URL+path, strings.NewReader(validBody))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := freshClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp, body, err
}

func TestFaults(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	s.Respond(Reply{Fault: FaultDrop})
	if _, _, err := send(s, "POST", path, s.Token()); err == nil || !errors.Is(err, io.EOF) {
		t.Errorf("drop: err %v, want EOF", err)
	}
	s.Respond(Reply{Fault: FaultReset})
	if _, _, err := send(s, "POST", path, s.Token()); err == nil || !errors.Is(err, syscall.ECONNRESET) {
		t.Errorf("reset: err %v, want ECONNRESET", err)
	}
	s.Respond(Reply{Fault: FaultTruncate, Status: 200, Body: `{"value":[1,2,3,4]}`})
	resp, body, err := send(s, "POST", path, s.Token())
	if !errors.Is(err, io.ErrUnexpectedEOF) || resp == nil || resp.StatusCode != 200 || string(body) != `{"value":` ||
		resp.Header.Get("Content-Length") != "19" || resp.Header.Get("Content-Type") != "application/json" ||
		!guid.MatchString(resp.Header.Get("request-id")) {
		t.Errorf("truncate: %v %q %v", resp, body, err)
	}
	// The sandbox still answers afterwards.
	if r := post(t, s, path, s.Token(), validBody); r.status != 204 {
		t.Errorf("after faults: %d %s", r.status, r.body)
	}
	if n := len(s.Requests()); n != 4 {
		t.Errorf("recorded %d requests, want 4", n)
	}
}

func TestRespondPanicsOnBadReply(t *testing.T) {
	s := newSandbox(t)
	for _, r := range []Reply{{Fault: "explode"}, {Path: "("}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Respond(%+v) did not panic", r)
				}
			}()
			s.Respond(r)
		}()
	}
}

// TestReplyPath checks that a reply with a Path answers the look-ups it
// matches, and one without answers only the action.
func TestReplyPath(t *testing.T) {
	s := newSandbox(t)
	sp := ServicePrincipals[0]
	action := actionPath("v1.0", "servicePrincipals", sp.ObjectID)
	jobs := "/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs"
	object := "/v1.0/servicePrincipals/" + sp.ObjectID
	token := readToken(s)

	s.Respond(Reply{Status: 503})                                                       // action only
	s.Respond(Reply{Status: 200, Path: "/SYNCHRONIZATION/jobs$", Body: `{"value":[]}`}) // jobs only
	if r := get(t, s, object, token); r.status != 200 {
		t.Errorf("object: %d, want the normal answer", r.status)
	}
	if r := get(t, s, jobs, token); r.status != 200 || r.body != `{"value":[]}` {
		t.Errorf("jobs: %d %s, want the canned empty list", r.status, r.body)
	}
	if r := get(t, s, jobs, token); !strings.Contains(r.body, "salesforce.") {
		t.Errorf("jobs again: %s, want the seeded jobs once the reply is used", r.body)
	}
	if r := post(t, s, action, token, validBody); r.status != 503 {
		t.Errorf("action: %d, want the canned 503", r.status)
	}

	s.Respond(Reply{Path: ".", Fault: FaultDrop, Times: 2})
	for _, p := range []string{object, "/v1.0/servicePrincipals?$filter=x"} {
		if _, _, err := send(s, "GET", p, token); err == nil {
			t.Errorf("GET %s: no error, want a dropped connection", p)
		}
	}
	if r := get(t, s, object, token); r.status != 200 {
		t.Errorf("after Times: %d", r.status)
	}
	// Replies never answer preflights or the sign-in endpoints.
	s.Respond(Reply{Path: ".", Status: 418})
	if r := call(t, s, "OPTIONS", object, map[string]string{"Origin": origin, "Access-Control-Request-Method": "GET"}, ""); r.status != 200 {
		t.Errorf("preflight: %d", r.status)
	}
	if r := call(t, s, "GET", "/"+TenantID+"/v2.0/.well-known/openid-configuration", nil, ""); r.status != 200 {
		t.Errorf("discovery: %d", r.status)
	}
	if r := get(t, s, object, token); r.status != 418 {
		t.Errorf("object: %d, want the canned 418", r.status)
	}
}

// TestHostileReplies checks that the answers a client must survive can be
// expressed as Replies and arrive as given.
func TestHostileReplies(t *testing.T) {
	s := newSandbox(t)
	path := "/v1.0/servicePrincipals/" + ServicePrincipals[0].ObjectID
	big := strings.Repeat("x", 10<<20)
	const page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
	for _, tc := range []struct {
		name                      string
		reply                     Reply
		status                    int
		ctype, body, header, want string
	}{
		{"10 MB", Reply{Status: 200, Body: big}, 200, "application/json", big, "", ""},
		{"HTML", Reply{Status: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: page}, 502, "text/html", page, "", ""},
		{"truncated JSON", Reply{Status: 200, Body: `{"value":[{"id":"sales`}, 200, "application/json", `{"value":[{"id":"sales`, "", ""},
		{"empty 500", Reply{Status: 500}, 500, "", "", "Content-Length", "0"},
		{"redirect", Reply{Status: 302, Header: http.Header{"Location": {"https://login.example/"}}}, 302, "", "", "Location", "https://login.example/"},
		{"no CORS", Reply{Status: 200, Body: "{}", Header: http.Header{"X-Sandbox-No-CORS": {"1"}}}, 200, "application/json", "{}", "Access-Control-Allow-Origin", ""},
	} {
		tc.reply.Path = "^/v1.0/servicePrincipals/"
		s.Respond(tc.reply)
		r := call(t, s, "GET", path, map[string]string{"Origin": origin, "Authorization": "Bearer " + readToken(s)}, "")
		if r.status != tc.status || r.header.Get("Content-Type") != tc.ctype || r.body != tc.body ||
			(tc.header != "" && r.header.Get(tc.header) != tc.want) {
			t.Errorf("%s: got %d %q, %d bytes, headers %v", tc.name, r.status, r.header.Get("Content-Type"), len(r.body), r.header)
		}
		if tc.name != "no CORS" && r.header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("%s: no CORS headers: %v", tc.name, r.header)
		}
	}
}

// TestFaultEndless: the body never ends on its own, and stops being sent
// once the client stops reading.
func TestFaultEndless(t *testing.T) {
	s := newSandbox(t)
	path := actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID)
	s.Respond(Reply{Fault: FaultEndless, Status: 500})
	req, _ := http.NewRequest("POST", s.URL+path, strings.NewReader(validBody))
	resp, err := freshClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	const read = 8 << 20
	n, err := io.Copy(io.Discard, io.LimitReader(resp.Body, read))
	resp.Body.Close()
	if err != nil || n != read || resp.StatusCode != 500 || resp.ContentLength != -1 || resp.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Fatalf("endless: read %d bytes (%v), status %d, length %d, CORS %q", n, err, resp.StatusCode, resp.ContentLength, resp.Header.Get("Access-Control-Allow-Origin"))
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.EndlessSent() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if sent := s.EndlessSent(); sent < read || sent >= endlessMax {
		t.Errorf("sent %d bytes to a client that read %d and closed", sent, read)
	}
}
