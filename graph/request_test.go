package graph

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

const testToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl"

func validInput() Input {
	return Input{
		Cloud:    Global,
		Version:  V1,
		Kind:     ServicePrincipals,
		ObjectID: " {4A3F1C2E-9B8D-4E7F-A6B5-C4D3E2F1A0B9} ",
		Credentials: []Credential{
			{"BaseAddress", "https://scim.example.com/<v2>&"},
			{"SecretToken", "s3cr3t-välue"},
			{"Oauth2RefreshToken", ""},
		},
		Token: "Bearer " + testToken + "\n",
	}
}

func TestBuild(t *testing.T) {
	r, err := Build(validInput(), "11111111-2222-3333-4444-555555555555")
	if err != nil {
		t.Fatal(err)
	}
	if r.Method != "POST" {
		t.Errorf("Method = %q", r.Method)
	}
	wantURL := "https://graph.microsoft.com/v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken"
	if r.URL != wantURL {
		t.Errorf("URL = %q\nwant  %q", r.URL, wantURL)
	}
	wantHeader := []Header{
		{"Authorization", "Bearer " + testToken},
		{"Content-Type", "application/json"},
		{"client-request-id", "11111111-2222-3333-4444-555555555555"},
	}
	if !reflect.DeepEqual(r.Header, wantHeader) {
		t.Errorf("Header = %v", r.Header)
	}
	var body struct {
		Credentials []Credential `json:"credentials"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, r.Body)
	}
	if !reflect.DeepEqual(body.Credentials, validInput().Credentials) {
		t.Errorf("credentials = %v, want the user's pairs in order", body.Credentials)
	}
	if !strings.Contains(string(r.Body), "<v2>&") {
		t.Errorf("body escapes HTML characters; values must read as typed:\n%s", r.Body)
	}

	in := validInput()
	in.Cloud, in.Version, in.Kind = USGovL5, Beta, Applications
	r, _ = Build(in, "x")
	if want := "https://dod-graph.microsoft.us/beta/applications/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken"; r.URL != want {
		t.Errorf("URL = %q, want %q", r.URL, want)
	}
}

func TestBuildRefusesInvalidInput(t *testing.T) {
	in := validInput()
	in.ObjectID = "not-a-guid"
	in.Credentials = append(in.Credentials, Credential{"BaseAddress", "dup"})
	in.Token = "  "
	_, err := Build(in, "x")
	if err == nil {
		t.Fatal("Build accepted an invalid input")
	}
	for _, want := range []string{"Object ID must be a GUID", `Credential 1: Key "BaseAddress" appears more than once`, "Access token is required"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestCheck(t *testing.T) {
	in := validInput()
	in.Credentials = nil
	in.Version = "v2"
	c := in.Check()
	if c.OK() {
		t.Fatal("an input without credentials and with version v2 passed the check")
	}
	got := strings.Join(c.Errors(), "|")
	for _, want := range []string{"Add at least one credential", `API version "v2"`} {
		if !strings.Contains(got, want) {
			t.Errorf("errors %q lack %q", got, want)
		}
	}
	in = validInput()
	in.Credentials[0].Key = "MadeUp"
	if c := in.Check(); c.OK() || len(c.Credentials[0]) != 1 || c.Credentials[0][0].Severity != Error {
		t.Errorf("a key outside Graph's closed list must block Send, as Graph refuses it: %+v", c)
	}
}

func TestNormalizeToken(t *testing.T) {
	tests := []struct{ in, want, problem string }{
		{testToken, testToken, ""},
		{"  Bearer " + testToken + " \n", testToken, ""},
		{`"` + testToken + `"`, testToken, ""},
		{"bearer " + testToken, testToken, ""},
		{"", "", "required"},
		{"abc def", "abc def", "spaces"},
		{"opaque-token", "opaque-token", "does not look like a JWT"},
	}
	for _, tt := range tests {
		got, ps := NormalizeToken(tt.in)
		if got != tt.want {
			t.Errorf("NormalizeToken(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.problem == "" && len(ps) > 0 || tt.problem != "" && (len(ps) != 1 || !strings.Contains(ps[0].Message, tt.problem)) {
			t.Errorf("NormalizeToken(%q) problems %v, want %q", tt.in, ps, tt.problem)
		}
	}
}

func TestRedacted(t *testing.T) {
	r, err := Build(validInput(), "id")
	if err != nil {
		t.Fatal(err)
	}
	red := r.Redacted(false)
	shown := red.HTTP()
	if strings.Contains(shown, testToken) || strings.Contains(shown, "s3cr3t") || strings.Contains(shown, "scim.example.com") {
		t.Errorf("redacted view leaks a secret:\n%s", shown)
	}
	if !strings.Contains(shown, "Authorization: Bearer "+testToken[:12]+"…") {
		t.Errorf("token not shown as its first characters + …:\n%s", shown)
	}
	if strings.Count(shown, Mask) != 2 || !strings.Contains(shown, `"value": ""`) {
		t.Errorf("want the 2 values masked, and the empty one shown empty:\n%s", shown)
	}
	if string(r.Body) == string(red.Body) || strings.Contains(string(r.Body), Mask) {
		t.Error("Redacted changed the original request")
	}
	revealed := r.Redacted(true).HTTP()
	if !strings.Contains(revealed, "s3cr3t-välue") || strings.Contains(revealed, testToken) {
		t.Errorf("reveal must show values but never the token:\n%s", revealed)
	}
	wantStart := "POST /v1.0/servicePrincipals/4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9/synchronization/acquireAccessToken HTTP/1.1\nHost: graph.microsoft.com\nAuthorization: Bearer "
	if !strings.HasPrefix(shown, wantStart) {
		t.Errorf("HTTP() starts\n%s\nwant\n%s", shown, wantStart)
	}
	if RedactToken("short") != "•••••" {
		t.Errorf("a short token must be fully masked, got %q", RedactToken("short"))
	}
}

func TestNewRequestIDIsFreshGUID(t *testing.T) {
	a, b := NewRequestID(), NewRequestID()
	if a == b {
		t.Fatal("two request ids are equal")
	}
	if _, err := ParseObjectID(a); err != nil {
		t.Errorf("request id %q is not a GUID: %v", a, err)
	}
}

func TestDraftShowsPlaceholders(t *testing.T) {
	in := validInput()
	in.ObjectID, in.Token = "nope", ""
	d := Draft(in, "rid")
	if !strings.Contains(d.URL, "/servicePrincipals/{object-id}/synchronization") {
		t.Errorf("draft URL = %q", d.URL)
	}
	if d.Header[0].Value != "Bearer {access-token}" {
		t.Errorf("draft Authorization = %q", d.Header[0].Value)
	}
	if shown := d.Redacted(false).HTTP(); !strings.Contains(shown, "Authorization: Bearer {access-token}\n") {
		t.Errorf("the placeholder is cut like a token:\n%s", shown)
	}
	if _, err := Build(in, "rid"); err == nil {
		t.Error("Build accepted what Draft only previews")
	}
	in = validInput()
	b, _ := Build(in, "rid")
	if d := Draft(in, "rid"); d.URL != b.URL || string(d.Body) != string(b.Body) || d.Header[0] != b.Header[0] {
		t.Error("for a valid input the draft differs from the built request")
	}
}

// TestEncodeBodyIsJSONs: the hand-shaped body is byte for byte what
// json.Encoder writes for the same struct, whatever the strings hold.
func TestEncodeBodyIsJSONs(t *testing.T) {
	reference := func(creds []Credential) []byte {
		if creds == nil {
			creds = []Credential{}
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(struct {
			Credentials []Credential `json:"credentials"`
		}{creds}); err != nil {
			t.Fatal(err)
		}
		return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
	}
	odd := []string{"", "BaseAddress", "https://example.com/scim?a=1&b=<2>", "quote \" backslash \\ slash /",
		"tab\tnewline\ncr\rnul\x00bell\x07", "\u2028\u2029", "invalid \xff\xfe utf-8", "émoji 🔑 密码", "\x7f\u00a0\u200b"}
	cases := [][]Credential{nil, {}, {{Key: "SecretToken", Value: "s3cr3t"}}}
	for i, k := range odd {
		cases = append(cases, []Credential{{Key: k, Value: odd[(i+1)%len(odd)]}, {Key: odd[(i+2)%len(odd)], Value: k}})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200 {
		var creds []Credential
		for range rng.IntN(4) {
			r := make([]byte, rng.IntN(12))
			for j := range r {
				r[j] = byte(rng.IntN(256))
			}
			creds = append(creds, Credential{Key: string(r), Value: odd[rng.IntN(len(odd))] + string(r)})
		}
		cases = append(cases, creds)
	}
	for _, creds := range cases {
		got, err := encodeBody(creds)
		if err != nil {
			t.Fatalf("encodeBody(%q): %v", creds, err)
		}
		if want := reference(creds); !bytes.Equal(got, want) {
			t.Fatalf("encodeBody(%q) =\n%s\nwant (json.Encoder)\n%s", creds, got, want)
		}
	}
}
