package graph

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
)

const (
	adminJob      = "scim.4b7d2e9a1c3f4e6b8a0d5c7e9f1b3a26.3d5b0a7e-6c1f-4e2a-9b8d-0f4c7a1e2b3c"
	adminSPPrefix = "https://graph.microsoft.com/v1.0/servicePrincipals/" + snippetObjectID + "/synchronization"
)

func adminTarget(v Version) SyncTarget {
	return SyncTarget{Cloud: Global, Version: v, ServicePrincipalID: " {" + strings.ToUpper(snippetObjectID) + "} ", Token: "Bearer " + snippetToken}
}

// typedCreds carry SECRETn markers, so that a leak is found however the
// value was escaped.
var typedCreds = []Credential{{"BaseAddress", "https://scim.example.com/SECRET1"}, {"SecretToken", `SECRET2 "it's"`}}

func TestAdminRequests(t *testing.T) {
	for _, tc := range []struct {
		name, method, url, body string
		build                   func() (Request, error)
	}{
		{"test saved, job", "POST", adminSPPrefix + "/jobs/" + adminJob + "/validateCredentials",
			"{\n  \"useSavedCredentials\": true\n}",
			func() (Request, error) {
				return TestConnectionRequest(adminTarget(""), Validation{JobID: adminJob, UseSavedCredentials: true, Credentials: typedCreds}, snippetRequestID)
			}},
		{"test typed, job", "POST", adminSPPrefix + "/jobs/" + adminJob + "/validateCredentials",
			"{\n  \"useSavedCredentials\": false,\n  \"credentials\": [\n    {\n      \"key\": \"BaseAddress\",\n      \"value\": \"https://scim.example.com/SECRET1\"\n    },\n    {\n      \"key\": \"SecretToken\",\n      \"value\": \"SECRET2 \\\"it's\\\"\"\n    }\n  ]\n}",
			func() (Request, error) {
				return TestConnectionRequest(adminTarget(V1), Validation{JobID: adminJob, TemplateID: "ignored", Credentials: typedCreds}, snippetRequestID)
			}},
		{"test saved, template", "POST", strings.Replace(adminSPPrefix, "v1.0", "beta", 1) + "/jobs/validateCredentials",
			"{\n  \"applicationIdentifier\": \"app<1>\",\n  \"templateId\": \"scim\",\n  \"useSavedCredentials\": true\n}",
			func() (Request, error) {
				return TestConnectionRequest(adminTarget(Beta), Validation{TemplateID: " scim ", ApplicationIdentifier: "app<1>", UseSavedCredentials: true}, snippetRequestID)
			}},
		{"test typed, template", "POST", adminSPPrefix + "/jobs/validateCredentials",
			"{\n  \"templateId\": \"scim\",\n  \"useSavedCredentials\": false,\n  \"credentials\": [\n    {\n      \"key\": \"SecretToken\",\n      \"value\": \"SECRET2\"\n    }\n  ]\n}",
			func() (Request, error) {
				return TestConnectionRequest(adminTarget(V1), Validation{TemplateID: "scim", Credentials: []Credential{{"SecretToken", "SECRET2"}}}, snippetRequestID)
			}},
		{"save", "PUT", adminSPPrefix + "/secrets",
			"{\n  \"value\": [\n    {\n      \"key\": \"BaseAddress\",\n      \"value\": \"https://scim.example.com/SECRET1\"\n    },\n    {\n      \"key\": \"SecretToken\",\n      \"value\": \"SECRET2 \\\"it's\\\"\"\n    }\n  ]\n}",
			func() (Request, error) {
				return SaveSecretsRequest(adminTarget(V1), PlanSave(nil, typedCreds, nil), snippetRequestID)
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			if r.Method != tc.method || r.URL != tc.url || string(r.Body) != tc.body {
				t.Errorf("got %s %s\n%s\nwant %s %s\n%s", r.Method, r.URL, r.Body, tc.method, tc.url, tc.body)
			}
			want := []Header{{"Authorization", "Bearer " + snippetToken}, {"Content-Type", "application/json"}, {"client-request-id", snippetRequestID}}
			if len(r.Header) != 3 || r.Header[0] != want[0] || r.Header[1] != want[1] || r.Header[2] != want[2] {
				t.Errorf("headers = %+v", r.Header)
			}
			masked := r.Redacted(false)
			if bytes.Contains(masked.Body, []byte("SECRET")) || strings.Contains(masked.HTTP(), snippetTokenPart) {
				t.Errorf("Redacted(false) shows a value or the token:\n%s", masked.HTTP())
			}
			if !json.Valid(masked.Body) || bytes.Count(masked.Body, []byte(`"key"`)) != bytes.Count(r.Body, []byte(`"key"`)) ||
				!bytes.Equal(bytes.Split(masked.Body, []byte(`"key"`))[0], bytes.Split(r.Body, []byte(`"key"`))[0]) {
				t.Errorf("Redacted changed the body's shape:\n%s\nof\n%s", masked.Body, r.Body)
			}
			if shown := r.Redacted(true); !bytes.Equal(shown.Body, r.Body) {
				t.Errorf("Redacted(true) changed the body:\n%s", shown.Body)
			}
			if d := SupportDetails(r, nil, Global); strings.Contains(d, "SECRET") || strings.Contains(d, snippetTokenPart) {
				t.Errorf("SupportDetails leaks:\n%s", d)
			}
			for _, kind := range SnippetKinds() {
				s := r.Snippet(kind, false)
				if strings.Contains(s, "SECRET") || strings.Contains(s, snippetTokenPart) || !strings.Contains(s, snippetRequestID) {
					t.Errorf("%s snippet leaks a value or the token, or lost the request ID:\n%s", kind, s)
				}
				if revealed := r.Snippet(kind, true); strings.Contains(tc.body, "SECRET2") && !strings.Contains(revealed, "SECRET2") {
					t.Errorf("%s snippet with values lacks them:\n%s", kind, revealed)
				}
			}
		})
	}
}

// TestAdminSnippets: each call gets its own cmdlet and Graph CLI command
// where Microsoft's examples name one, and a command that sends it exactly
// where they do not.
func TestAdminSnippets(t *testing.T) {
	job, _ := TestConnectionRequest(adminTarget(V1), Validation{JobID: adminJob, Credentials: typedCreds}, snippetRequestID)
	jobBeta, _ := TestConnectionRequest(adminTarget(Beta), Validation{JobID: adminJob, UseSavedCredentials: true}, snippetRequestID)
	template, _ := TestConnectionRequest(adminTarget(V1), Validation{TemplateID: "scim", UseSavedCredentials: true}, snippetRequestID)
	save, _ := SaveSecretsRequest(adminTarget(V1), PlanSave(nil, typedCreds, nil), snippetRequestID)
	saveBeta, _ := SaveSecretsRequest(adminTarget(Beta), PlanSave(nil, typedCreds, nil), snippetRequestID)
	for _, tc := range []struct {
		name   string
		r      Request
		cmdlet string // in the cmdlet snippet
		mgc    []string
	}{
		{"job", job, "Test-MgServicePrincipalSynchronizationJobCredential -ServicePrincipalId '" + snippetObjectID + "' -SynchronizationJobId '" + adminJob + "' -BodyParameter $params",
			[]string{"mgc", "service-principals", "synchronization", "jobs", "validate-credentials-by-id", "post", "--service-principal-id", snippetObjectID, "--synchronization-job-id", adminJob}},
		{"job beta", jobBeta, "Test-MgBetaServicePrincipalSynchronizationJobCredential -ServicePrincipalId",
			[]string{"mgc-beta", "service-principals", "synchronization", "jobs", "validate-credentials-by-id", "post"}},
		{"template", template, "Invoke-MgGraphRequest -Method POST -Uri '" + adminSPPrefix + "/jobs/validateCredentials'", []string{"curl"}},
		{"save", save, "Set-MgServicePrincipalSynchronizationSecret -ServicePrincipalId '" + snippetObjectID + "' -BodyParameter $params",
			[]string{"mgc", "service-principals", "synchronization", "secrets", "put", "--service-principal-id", snippetObjectID}},
		{"save beta", saveBeta, "Set-MgBetaServicePrincipalSynchronizationSecret", []string{"mgc-beta", "service-principals", "synchronization", "secrets", "put"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if s := tc.r.Snippet(snippetPowerShellCmdlet, false); !strings.Contains(s, tc.cmdlet) {
				t.Errorf("cmdlet snippet lacks %q:\n%s", tc.cmdlet, s)
			} else {
				jsonEqual(t, "here-string", hereStringBody(t, s), tc.r.Redacted(false).Body)
			}
			s := tc.r.Snippet(snippetGraphCLI, false)
			calls := runBash(t, s, "mgc", "mgc-beta", "curl")
			last := calls[len(calls)-1]
			if len(last) < len(tc.mgc) || strings.Join(last[:len(tc.mgc)], " ") != strings.Join(tc.mgc, " ") {
				t.Fatalf("bash ran %q, want %q …:\n%s", last, tc.mgc, s)
			}
			body, _ := argOf(last, "--body")
			if tc.mgc[0] == "curl" {
				body, _ = argOf(last, "--data-raw")
			}
			if body != compactJSON(tc.r.Redacted(false).Body) {
				t.Errorf("bash passed the body %s", body)
			}
		})
	}
	// A call that is none of the known ones is never given acquireAccessToken's cmdlet.
	get := Request{Method: "GET", URL: adminSPPrefix + "/secrets", Header: []Header{{"client-request-id", "x"}}}
	if s := get.Snippet(snippetPowerShellCmdlet, false); strings.Contains(s, "AccessToken") || !strings.Contains(s, "Invoke-MgGraphRequest -Method GET") {
		t.Errorf("GET secrets as a cmdlet:\n%s", s)
	}
}

func TestBadInputAdminRequests(t *testing.T) {
	ok := adminTarget(V1)
	for _, tc := range []struct {
		name     string
		t        SyncTarget
		v        Validation
		want     string
		inURL    string // a placeholder the preview shows
		hasCreds bool
	}{
		{"no job, no template", ok, Validation{UseSavedCredentials: true}, "Choose the job", "", false},
		{"nothing typed", ok, Validation{JobID: adminJob}, "Type the credentials to test", "", true},
		{"code typed", ok, Validation{JobID: adminJob, Credentials: []Credential{{"Oauth2AuthorizationCode", "c"}}}, "would spend it", "", true},
		{"bad key", ok, Validation{JobID: adminJob, Credentials: []Credential{{"secretToken", "x"}}}, "Row 1: Key \"secretToken\" differs", "", true},
		{"bad job ID", ok, Validation{JobID: "a/b", UseSavedCredentials: true}, "Job ID \"a/b\"", "{job-id}", false},
		{"spaced template", ok, Validation{TemplateID: "sc im", UseSavedCredentials: true}, "Template ID contains a space", "", false},
		{"bad object ID", SyncTarget{Cloud: Global, ServicePrincipalID: "nope", Token: snippetToken}, Validation{JobID: adminJob, UseSavedCredentials: true}, "Object ID", "{object-id}", false},
		{"no token", SyncTarget{Cloud: Global, ServicePrincipalID: snippetObjectID}, Validation{JobID: adminJob, UseSavedCredentials: true}, "Access token is required", "", false},
		{"bad version", SyncTarget{Cloud: Global, Version: "v2", ServicePrincipalID: snippetObjectID, Token: snippetToken}, Validation{JobID: adminJob, UseSavedCredentials: true}, "neither v1.0 nor beta", "{version}", false},
		{"too many", ok, Validation{JobID: adminJob, Credentials: make([]Credential, paste.MaxCredentials+1)}, "at most 64", "", true},
		{"too big", ok, Validation{JobID: adminJob, Credentials: func() []Credential {
			var c []Credential
			for i := range 40 {
				c = append(c, Credential{SecretKeys()[i].Name, strings.Repeat("x", paste.MaxValueBytes)})
			}
			return c
		}()}, "over the 1 MiB limit", "", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := TestConnectionRequest(tc.t, tc.v, snippetRequestID)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one with %q", err, tc.want)
			}
			if r.Method != "POST" || !strings.Contains(r.URL, tc.inURL) || !json.Valid(r.Body) {
				t.Errorf("the preview is not a request: %s %s\n%s", r.Method, r.URL, r.Body)
			}
			if has := bytes.Contains(r.Body, []byte(`"credentials"`)); has != tc.hasCreds {
				t.Errorf("preview body has credentials: %v, want %v", has, tc.hasCreds)
			}
		})
	}
	if _, err := SaveSecretsRequest(ok, PlanSave(nil, nil, nil), snippetRequestID); err == nil || !strings.Contains(err.Error(), "Nothing to save") {
		t.Errorf("saving nothing: %v", err)
	}
	if r, err := SaveSecretsRequest(ok, PlanSave(nil, []Credential{{"Oauth2AccessToken", ""}}, nil), snippetRequestID); err == nil || !strings.Contains(err.Error(), "Nothing to save") || r.Method != "PUT" || bytes.Contains(r.Body, []byte("Oauth2AccessToken")) {
		t.Errorf("saving an empty Oauth2AccessToken must leave it out: %v\n%s", err, r.Body)
	}
}

// TestEncodeShapedIsJSONs: every body shape is byte for byte what
// json.Encoder writes for the same members, whatever the strings hold.
func TestEncodeShapedIsJSONs(t *testing.T) {
	type pair struct {
		name  string
		value any
	}
	reference := func(members []pair) []byte {
		var b bytes.Buffer
		b.WriteString("{")
		for i, m := range members {
			if i > 0 {
				b.WriteString(",")
			}
			var v bytes.Buffer
			enc := json.NewEncoder(&v)
			enc.SetEscapeHTML(false)
			enc.Encode(m.name)
			b.Write(bytes.TrimSpace(v.Bytes()))
			b.WriteString(":")
			v.Reset()
			enc.Encode(m.value)
			b.Write(v.Bytes())
		}
		b.WriteString("}")
		var out bytes.Buffer
		if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
			t.Fatal(err)
		}
		return out.Bytes()
	}
	odd := []string{"", "scim", "a<b>&c", "quote \" \\", "tab\tnl\n", "\u2028", "émoji 🔑", "\xff"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 300 {
		var shape bodyShape
		var members []pair
		for range rng.IntN(3) {
			s := odd[rng.IntN(len(odd))]
			shape.fields = append(shape.fields, bodyField{s + "n", jsonString(s)})
			members = append(members, pair{s + "n", s})
		}
		if rng.IntN(2) == 0 {
			shape.fields = append(shape.fields, bodyField{"useSavedCredentials", jsonBool(true)})
			members = append(members, pair{"useSavedCredentials", true})
		}
		var creds []Credential
		shape.noList = rng.IntN(3) == 0
		if !shape.noList {
			shape.list = []string{"", "value"}[rng.IntN(2)]
			creds = []Credential{}
			for range rng.IntN(3) {
				creds = append(creds, Credential{odd[rng.IntN(len(odd))], odd[rng.IntN(len(odd))]})
			}
			members = append(members, pair{paste.FirstOf(shape.list, "credentials"), creds})
		}
		got, err := encodeShaped(shape, creds)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(members); !bytes.Equal(got, want) {
			t.Fatalf("encodeShaped(%+v) =\n%s\nwant\n%s", shape, got, want)
		}
	}
}
