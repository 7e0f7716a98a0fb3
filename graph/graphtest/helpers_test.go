package graphtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

const validBody = `{"credentials":[{"key":"BaseAddress","value":"https://scim.example.com/v2"},{"key":"SecretToken","value":"s3cret"}]}`

func newSandbox(t *testing.T) *Server {
	t.Helper()
	s := NewServer()
	t.Cleanup(s.Close)
	return s
}

func actionPath(version, collection, id string) string {
	return "/" + version + "/" + collection + "/" + id + "/synchronization/acquireAccessToken"
}

type result struct {
	status int
	header http.Header
	body   string
}

// client follows no redirect, so that tests see the sign-in endpoints' 302s.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// call sends one request; header values are set verbatim.
func call(t *testing.T, s *Server, method, path string, header map[string]string, body string) result {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return result{resp.StatusCode, resp.Header, string(data)}
}

// post calls the action the way the app does, with token and JSON body.
func post(t *testing.T, s *Server, path, token, body string) result {
	t.Helper()
	return call(t, s, "POST", path, map[string]string{
		"Authorization": "Bearer " + token, "Content-Type": "application/json"}, body)
}

type graphError struct {
	Error struct {
		Code       string            `json:"code"`
		Message    string            `json:"message"`
		InnerError map[string]string `json:"innerError"`
	} `json:"error"`
}

func decodeError(t *testing.T, r result) graphError {
	t.Helper()
	var e graphError
	if err := json.Unmarshal([]byte(r.body), &e); err != nil {
		t.Fatalf("status %d, body %q is not a Graph error: %v", r.status, r.body, err)
	}
	return e
}

// wantError checks status, code and message of a Graph error response.
func wantError(t *testing.T, r result, status int, code, message string) {
	t.Helper()
	e := decodeError(t, r)
	if r.status != status || e.Error.Code != code || e.Error.Message != message {
		t.Errorf("got %d %s %q, want %d %s %q", r.status, e.Error.Code, e.Error.Message, status, code, message)
	}
}
