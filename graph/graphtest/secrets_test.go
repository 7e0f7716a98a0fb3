package graphtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
)

func secretsPath(id string) string {
	return "/v1.0/servicePrincipals/" + id + "/synchronization/secrets"
}

func putSecrets(t *testing.T, s *Server, id, body string) result {
	t.Helper()
	return call(t, s, "PUT", secretsPath(id), map[string]string{"Authorization": "Bearer " + s.Token(), "Content-Type": "application/json"}, body)
}

func getSecrets(t *testing.T, s *Server, id string) []graph.Credential {
	t.Helper()
	r := call(t, s, "GET", secretsPath(id), map[string]string{"Authorization": "Bearer " + s.Token(WithScope(JobsScope))}, "")
	var body struct {
		Context string             `json:"@odata.context"`
		Value   []graph.Credential `json:"value"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != 200 || body.Value == nil ||
		!strings.HasSuffix(body.Context, "servicePrincipals('"+id+"')/synchronization/secrets") {
		t.Fatalf("GET secrets: %d %s", r.status, r.body)
	}
	return body.Value
}

func TestSecretsMaskDelayAndDelete(t *testing.T) {
	s := newSandbox(t)
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	now := start
	s.SetClock(func() time.Time { return now })
	id := ServicePrincipals[1].ObjectID
	if got := getSecrets(t, s, id); len(got) != 0 {
		t.Errorf("nothing saved yet: %v", got)
	}
	r := putSecrets(t, s, id, `{"value":[{"key":"BaseAddress","value":"https://scim.example.com"},{"key":"SecretToken","value":"s3cret"},{"key":"SyncAll","value":"false"},{"key":"Oauth2RedirectUri","value":"x"}]}`)
	if r.status != http.StatusNoContent || r.body != "" {
		t.Fatalf("PUT: %d %s", r.status, r.body)
	}
	if got := getSecrets(t, s, id); len(got) != 0 {
		t.Errorf("a GET right after the PUT shows it already: %v (Graph takes a few seconds)", got)
	}
	now = start.Add(DefaultSecretsDelay)
	want := []graph.Credential{{Key: "BaseAddress", Value: "https://scim.example.com"}, {Key: "SecretToken", Value: "*"}, {Key: "SyncAll", Value: "false"}, {Key: "Oauth2RedirectUri", Value: "x"}}
	if got := getSecrets(t, s, id); !equalCreds(got, want) {
		t.Errorf("GET after the delay = %v, want %v", got, want)
	}
	// An empty value deletes; null too; others are replaced or kept.
	putSecrets(t, s, id, `{"value":[{"key":"SecretToken","value":""},{"key":"SyncAll","value":null},{"key":"BaseAddress","value":"https://new.example"}]}`)
	now = now.Add(DefaultSecretsDelay)
	want = []graph.Credential{{Key: "BaseAddress", Value: "https://new.example"}, {Key: "Oauth2RedirectUri", Value: "x"}}
	if got := getSecrets(t, s, id); !equalCreds(got, want) {
		t.Errorf("GET after deleting = %v, want %v", got, want)
	}
	if got := s.Secrets(id); !equalCreds(got, want) {
		t.Errorf("Secrets() = %v", got)
	}
	// SetSecretsDelay(0): a read sees a write at once.
	s.SetSecretsDelay(0)
	putSecrets(t, s, id, `{"value":[{"key":"Password","value":"p"}]}`)
	if got := getSecrets(t, s, id); len(got) != 3 || got[2] != (graph.Credential{Key: "Password", Value: "*"}) {
		t.Errorf("with no delay: %v", got)
	}
	// Other service principals are untouched; through the application is the same store.
	if got := getSecrets(t, s, ServicePrincipals[0].ObjectID); len(got) != 0 {
		t.Errorf("another service principal: %v", got)
	}
	app := call(t, s, "GET", "/beta/applications/"+Applications[1].ObjectID+"/synchronization/secrets", map[string]string{"Authorization": "Bearer " + s.Token()}, "")
	if app.status != 200 || !strings.Contains(app.body, `"Password","value":"*"`) {
		t.Errorf("through the application: %d %s", app.status, app.body)
	}
}

func equalCreds(a, b []graph.Credential) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestSecretsRefusals(t *testing.T) {
	s := newSandbox(t)
	id := ServicePrincipals[1].ObjectID
	for _, tc := range []struct {
		name, method, contentType, body, token string
		status                                 int
		message                                string
	}{
		{"no value", "PUT", "application/json", `{}`, s.Token(), 400, "The parameter 'value' is required and cannot be null."},
		{"other member", "PUT", "application/json", `{"value":[],"credentials":[]}`, s.Token(), 400, "The property 'credentials' does not exist on type 'microsoft.graph.synchronization'."},
		{"bad key", "PUT", "application/json", `{"value":[{"key":"secretToken","value":"x"}]}`, s.Token(), 400, "Requested value 'secretToken' was not found."},
		{"not JSON", "PUT", "text/plain", `{"value":[]}`, s.Token(), 400, "Unable to read JSON request payload."},
		{"POST", "POST", "application/json", `{"value":[]}`, s.Token(), 405, "Specified HTTP method is not allowed for the request target."},
		{"read-only token writes", "PUT", "application/json", `{"value":[]}`, s.Token(WithScope(JobsScope)), 401, ""},
		{"no role", "PUT", "application/json", `{"value":[]}`, s.Token(WithoutRoles()), 401, ""},
		{"read without the permission", "GET", "", "", s.Token(WithScope(ReadScope)), 401, ""},
		{"no token", "GET", "", "", "", 401, "Access token is empty."},
	} {
		h := map[string]string{"Authorization": "Bearer " + tc.token}
		if tc.contentType != "" {
			h["Content-Type"] = tc.contentType
		}
		r := call(t, s, tc.method, secretsPath(id), h, tc.body)
		e := decodeError(t, r)
		if r.status != tc.status || !strings.HasPrefix(e.Error.Message, tc.message) {
			t.Errorf("%s: %d %q, want %d %q", tc.name, r.status, e.Error.Message, tc.status, tc.message)
		}
	}
	if r := call(t, s, "POST", secretsPath(id), map[string]string{"Authorization": "Bearer " + s.Token()}, ""); r.header.Get("Allow") != "GET, PUT" {
		t.Errorf("Allow %q", r.header.Get("Allow"))
	}
	if len(s.Secrets(id)) != 0 {
		t.Errorf("a refused write was saved: %v", s.Secrets(id))
	}
}

// TestSecretsCORS: a page on another origin may PUT the secrets: the
// preflight allows PUT and the headers the page sends, and the answer is
// readable.
func TestSecretsCORS(t *testing.T) {
	s := newSandbox(t)
	id := ServicePrincipals[1].ObjectID
	pre := call(t, s, "OPTIONS", secretsPath(id), map[string]string{"Origin": origin, "Access-Control-Request-Method": "PUT",
		"Access-Control-Request-Headers": "authorization,content-type,client-request-id"}, "")
	if pre.status != 200 || !strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "PUT") ||
		pre.header.Get("Access-Control-Allow-Headers") != "authorization, content-type, client-request-id" || pre.header.Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("preflight for PUT: %d %v", pre.status, pre.header)
	}
	r := call(t, s, "PUT", secretsPath(id), map[string]string{"Origin": origin, "Authorization": "Bearer " + s.Token(),
		"Content-Type": "application/json", "client-request-id": "c-1"}, `{"value":[]}`)
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != origin || r.header.Get("client-request-id") != "c-1" ||
		!strings.Contains(r.header.Get("Access-Control-Expose-Headers"), "client-request-id") {
		t.Errorf("PUT from a page: %d %v", r.status, r.header)
	}
	for _, p := range []string{validatePath("servicePrincipals", id, ""), "/v1.0/servicePrincipals/" + id + "/synchronization/templates"} {
		if r := call(t, s, "OPTIONS", p, map[string]string{"Origin": origin, "Access-Control-Request-Method": "POST"}, ""); r.status != 200 || r.header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("preflight %s: %d", p, r.status)
		}
	}
}

// TestSecretsAnswerBodyAndReplace: the two modes the page must cope with.
// A PUT answered 200 with the pairs (sensitive ones masked), the OpenAPI
// description's answer; and a PUT that replaces the saved credentials
// rather than merging, so that a key it does not name is gone.
func TestSecretsAnswerBodyAndReplace(t *testing.T) {
	s := newSandbox(t)
	s.SetSecretsDelay(0)
	id := ServicePrincipals[1].ObjectID
	putSecrets(t, s, id, `{"value":[{"key":"BaseAddress","value":"https://scim.example.com"},{"key":"SecretToken","value":"s3cret"}]}`)

	s.SetSecretsAnswerBody(true)
	r := putSecrets(t, s, id, `{"value":[{"key":"SyncAll","value":"false"},{"key":"SecretToken","value":"n3w"}]}`)
	var body struct {
		Value []graph.Credential `json:"value"`
	}
	if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != http.StatusOK ||
		!equalCreds(body.Value, []graph.Credential{{Key: "SyncAll", Value: "false"}, {Key: "SecretToken", Value: "*"}}) {
		t.Errorf("PUT answered with a body: %d %s", r.status, r.body)
	}
	want := []graph.Credential{{Key: "BaseAddress", Value: "https://scim.example.com"}, {Key: "SecretToken", Value: "*"}, {Key: "SyncAll", Value: "false"}}
	if got := getSecrets(t, s, id); !equalCreds(got, want) {
		t.Errorf("merged = %v, want %v", got, want)
	}

	s.SetSecretsAnswerBody(false)
	s.SetSecretsReplace(true)
	if r := putSecrets(t, s, id, `{"value":[{"key":"SyncAll","value":"true"}]}`); r.status != http.StatusNoContent {
		t.Errorf("PUT in replace mode: %d %s", r.status, r.body)
	}
	want = []graph.Credential{{Key: "SyncAll", Value: "true"}}
	if got := getSecrets(t, s, id); !equalCreds(got, want) {
		t.Errorf("replaced = %v, want %v", got, want)
	}
}
