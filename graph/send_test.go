package graph

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSend(t *testing.T) {
	var got *http.Request
	var gotBody string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r
		b, _ := io.ReadAll(r.Body)
		gotBody = string(b)
		w.Header().Set("request-id", "rid")
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	sb, ok := Sandbox(srv.URL)
	if !ok {
		t.Fatalf("Sandbox(%q) refused", srv.URL)
	}
	in := validInput()
	in.Cloud = sb
	req, err := Build(in, "cid")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := Send(context.Background(), &Client{}, req)
	if err != nil {
		t.Fatal(err)
	}
	if !resp.OK() || !strings.Contains(resp.Summary(), "accepted the credentials") {
		t.Errorf("resp = %+v, summary %q", resp, resp.Summary())
	}
	if resp.HeaderValue("Request-Id") != "rid" {
		t.Errorf("headers = %v", resp.Header)
	}
	if got.URL.Path != "/v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken" {
		t.Errorf("path = %q", got.URL.Path)
	}
	for _, h := range req.Header {
		if got.Header.Get(h.Name) != h.Value {
			t.Errorf("header %s = %q, want %q", h.Name, got.Header.Get(h.Name), h.Value)
		}
	}
	if gotBody != string(req.Body) {
		t.Errorf("server got body\n%s\nwant\n%s", gotBody, req.Body)
	}
}

func TestSendFailures(t *testing.T) {
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}))
	defer slow.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	refused := "http://" + ln.Addr().String()
	ln.Close()

	req := Request{Method: "POST", URL: slow.URL}
	_, err := Send(context.Background(), &Client{Timeout: 50 * time.Millisecond}, req)
	var se *SendError
	if !errors.As(err, &se) || se.Kind != "timeout" || !strings.Contains(se.Message, "timed out") {
		t.Errorf("timeout: err = %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(30*time.Millisecond, cancel)
	_, err = Send(ctx, &Client{}, req)
	if !errors.As(err, &se) || se.Kind != "cancelled" {
		t.Errorf("cancel: err = %v", err)
	}

	_, err = Send(context.Background(), &Client{}, Request{Method: "POST", URL: refused})
	if !errors.As(err, &se) || se.Kind != "network" {
		t.Errorf("refused: err = %v", err)
	}
}

func TestDecodeResponses(t *testing.T) {
	tests := []struct {
		name, body string
		status     int
		want       GraphError
		noError    bool
		summary    string
		display    string
	}{
		{name: "full graph error", status: 404,
			body:    `{"error":{"code":"Request_ResourceNotFound","message":"Resource 'x' does not exist","innerError":{"date":"2026-11-25T02:00:00","request-id":"r1","client-request-id":"c1"}}}`,
			want:    GraphError{"Request_ResourceNotFound", "Resource 'x' does not exist", "r1", "c1", "2026-11-25T02:00:00"},
			summary: "404 Not Found, Request_ResourceNotFound: Resource 'x' does not exist", display: "\n  \"error\": {"},
		{name: "empty message, no innerError", status: 500, body: `{"error":{"code":"UnknownError","message":""}}`,
			want: GraphError{Code: "UnknownError"}, summary: "UnknownError: (Graph sent no message)"},
		{name: "html body", status: 502, body: "<html><body>Bad gateway</body></html>", noError: true,
			summary: "502 Bad Gateway.", display: "<html><body>Bad gateway</body></html>"},
		{name: "truncated json", status: 400, body: `{"error":{"code":"Bad`, noError: true, display: `{"error":{"code":"Bad`},
		{name: "empty body", status: 503, noError: true, summary: "503 Service Unavailable."},
		{name: "error is not an object", status: 400, body: `{"error":"invalid_request"}`, noError: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := decode(&http.Response{StatusCode: tt.status, Header: http.Header{}}, []byte(tt.body), time.Millisecond)
			if tt.noError != (r.Error == nil) {
				t.Fatalf("Error = %+v", r.Error)
			}
			if r.Error != nil && *r.Error != tt.want {
				t.Errorf("Error = %+v, want %+v", *r.Error, tt.want)
			}
			if !strings.Contains(r.Summary(), tt.summary) {
				t.Errorf("Summary = %q, want %q", r.Summary(), tt.summary)
			}
			if !strings.Contains(r.BodyText(), tt.display) {
				t.Errorf("BodyText = %q, want %q", r.BodyText(), tt.display)
			}
		})
	}
}

func TestLargeBodiesAreCapped(t *testing.T) {
	big := strings.Repeat("x", maxBody+10)
	r := decode(&http.Response{StatusCode: 500, Header: http.Header{}}, []byte(big), 0)
	if !r.Truncated || len(r.Body) != maxBody {
		t.Errorf("Truncated %v, %d bytes kept", r.Truncated, len(r.Body))
	}
	text := r.BodyText()
	if len(text) > maxDisplay+200 || !strings.Contains(text, "more bytes not shown") || !strings.Contains(text, "synctoken read the first 1 MiB (1048576 bytes) and stopped") {
		t.Errorf("display of a huge body is %d bytes, ends %q", len(text), text[len(text)-60:])
	}
}

func TestSendNeverFollowsRedirectsAndReportsCutBodies(t *testing.T) {
	var elsewhere int
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere++ }))
	defer other.Close()
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	defer redirect.Close()
	_, err := Send(context.Background(), &Client{}, Request{Method: "POST", URL: redirect.URL, Body: []byte(`{"credentials":[]}`)})
	var se *SendError
	if !errors.As(err, &se) || se.Kind != "redirect" || elsewhere != 0 {
		t.Errorf("redirect: err = %v, %d requests reached the other host", err, elsewhere)
	}
	if x := Explain(nil, err, nil, Global, ServicePrincipals); !strings.Contains(x.Title, "Redirected") {
		t.Errorf("redirect explained as %+v", x)
	}

	cut := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, _ := w.(http.Hijacker).Hijack()
		buf.WriteString("HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"error\":")
		buf.Flush()
		conn.Close()
	}))
	defer cut.Close()
	_, err = Send(context.Background(), &Client{}, Request{Method: "POST", URL: cut.URL})
	if !errors.As(err, &se) || se.Kind != "cut" || !strings.Contains(se.Message, "status 400") {
		t.Errorf("cut body: err = %v", err)
	}
	if x := Explain(nil, err, nil, Global, ServicePrincipals); x.Title != "Answer cut off" || !x.Retryable {
		t.Errorf("cut body explained as %+v", x)
	}
}

// TestSendStopsReadingAtMaxBody sends to a server whose body never ends:
// Send returns with the first maxBody bytes, marked Truncated, having
// stopped the download (the server's write fails), and the explanation
// says the answer was too large.
func TestSendStopsReadingAtMaxBody(t *testing.T) {
	stopped := make(chan int64, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte(`{"value":[`))
		chunk := []byte(strings.Repeat(`"endless",`, 6<<10))
		var sent int64
		for sent < 1<<30 {
			n, err := w.Write(chunk)
			sent += int64(n)
			if err != nil {
				break
			}
		}
		stopped <- sent
	}))
	defer srv.Close()
	resp, err := Send(context.Background(), &Client{Timeout: time.Minute}, Request{Method: "POST", URL: srv.URL})
	if err != nil || !resp.Truncated || len(resp.Body) != maxBody || resp.Status != http.StatusBadGateway {
		t.Fatalf("Send = %d, %d bytes, truncated %v, %v", resp.Status, len(resp.Body), resp.Truncated, err)
	}
	select {
	case sent := <-stopped:
		if sent >= 1<<30 {
			t.Errorf("the server wrote its whole 1 GiB: the client read on past MaxBody")
		}
		t.Logf("the server stopped after %d bytes (%d read)", sent, maxBody)
	case <-time.After(20 * time.Second):
		t.Error("the server is still writing: the connection was not closed at MaxBody")
	}
	x := Explain(&resp, nil, nil, Global, ServicePrincipals)
	if !strings.Contains(x.Title, "Answer too large (502") || !strings.Contains(x.Cause, "larger than 1 MiB: synctoken read its first 1 MiB and stopped") || !x.Retryable {
		t.Errorf("explained as %+v", x)
	}
}
