package graphtest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
)

// codeBody is acquireAccessToken's body as Authorize sends it.
func codeBody(code, redirect string) string {
	b, _ := json.Marshal(map[string][]graph.Credential{"credentials": {
		{Key: "Oauth2AuthorizationCode", Value: code}, {Key: "Oauth2RedirectUri", Value: redirect}}})
	return string(b)
}

func validatePath(collection, id, job string) string {
	if job == "" {
		return "/v1.0/" + collection + "/" + id + "/synchronization/jobs/validateCredentials"
	}
	return "/v1.0/" + collection + "/" + id + "/synchronization/jobs/" + job + "/validateCredentials"
}

func TestAuthorizeRedeemsTheCode(t *testing.T) {
	s := newSandbox(t)
	sp := ServicePrincipals[1]
	path := actionPath("v1.0", "servicePrincipals", sp.ObjectID)
	start := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return start })
	code := newVendorCode(t, s)
	if r := post(t, s, path, s.Token(), codeBody(code, s.LandingURL())); r.status != http.StatusNoContent {
		t.Fatalf("first send: %d %s", r.status, r.body)
	}
	saved := s.Secrets(sp.ObjectID)
	if len(saved) != 3 || saved[0].Key != "Oauth2AccessToken" || !strings.HasPrefix(saved[0].Value, "sbx-at-") ||
		saved[1].Key != "Oauth2RefreshToken" || saved[2] != (graph.Credential{Key: "Oauth2AccessTokenCreationTime", Value: "2026-03-01T10:00:00Z"}) {
		t.Errorf("saved after Authorize: %+v", saved)
	}
	const prefix = "The provisioning service could not redeem the authorization code at the application's authorization server: "
	wantError(t, post(t, s, path, s.Token(), codeBody(code, s.LandingURL())), 400, "BadRequest", prefix+"invalid_grant: The authorization code has already been used.")
	wantError(t, post(t, s, path, s.Token(), codeBody(newVendorCode(t, s), "https://portal.azure.com/TokenAuthorize")), 400, "BadRequest",
		prefix+"invalid_grant: The redirect_uri does not match the one the authorization code was issued for.")
	wantError(t, post(t, s, path, s.Token(), codeBody(newVendorCode(t, s), "")), 400, "BadRequest",
		prefix+"invalid_request: redirect_uri is required to redeem an authorization code.")
	late := newVendorCode(t, s)
	s.SetClock(func() time.Time { return start.Add(VendorCodeLifetime + time.Second) })
	wantError(t, post(t, s, path, s.Token(), codeBody(late, s.LandingURL())), 400, "BadRequest", prefix+"invalid_grant: The authorization code has expired.")
	wantError(t, post(t, s, path, s.Token(), codeBody("sbx/madeup", s.LandingURL())), 400, "BadRequest",
		prefix+"invalid_grant: The authorization code is not valid: it is unknown to Sandbox Vendor.")

	// Through the application: the tokens go to its service principal.
	app := actionPath("beta", "applications", Applications[2].ObjectID)
	if r := post(t, s, app, s.Token(), codeBody(newVendorCode(t, s), s.LandingURL())); r.status != http.StatusNoContent || len(s.Secrets(ServicePrincipals[2].ObjectID)) != 3 {
		t.Errorf("through the application: %d %s, saved %v", r.status, r.body, s.Secrets(ServicePrincipals[2].ObjectID))
	}
	// A body without a code is the action as before: 204, nothing saved.
	if r := post(t, s, actionPath("v1.0", "servicePrincipals", ServicePrincipals[0].ObjectID), s.Token(), validBody); r.status != 204 || len(s.Secrets(ServicePrincipals[0].ObjectID)) != 0 {
		t.Errorf("a token body: %d, saved %v", r.status, s.Secrets(ServicePrincipals[0].ObjectID))
	}
	// The permission comes first, as for every action, refused as the
	// synchronization API refuses it: 401 UnknownError, no message.
	if r := post(t, s, path, s.Token(WithScope(JobsScope)), codeBody("sbx/x", s.LandingURL())); r.status != http.StatusUnauthorized || !strings.Contains(string(r.body), `"UnknownError"`) {
		t.Errorf("read-only token: %d %s", r.status, r.body)
	}
}

func TestValidateCredentials(t *testing.T) {
	s := newSandbox(t)
	s.SetSecretsDelay(time.Hour) // Test connection sees a Save at once, GET does not
	sp := ServicePrincipals[1]
	job := Jobs(sp.ObjectID)[0].ID
	savedBody := `{"useSavedCredentials":true}`
	invalid := "You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account. Error code: "
	for _, tc := range []struct {
		name, path, body string
		status           int
		code, message    string // for a failure; message is a prefix after invalid
	}{
		{"saved, nothing saved", validatePath("servicePrincipals", sp.ObjectID, job), savedBody, 400, "CredentialValidationUnavailable", "CredentialValidationUnavailable Details: No credentials are saved"},
		{"typed, good", validatePath("servicePrincipals", sp.ObjectID, job),
			`{"useSavedCredentials":false,"credentials":[{"key":"BaseAddress","value":"https://scim.example.com/v2"},{"key":"SecretToken","value":"t"}]}`, 204, "", ""},
		{"typed, http address", validatePath("servicePrincipals", sp.ObjectID, job),
			`{"credentials":[{"key":"BaseAddress","value":"http://scim.example.com/v2"},{"key":"SecretToken","value":"t"}]}`, 400,
			"SystemForCrossDomainIdentityManagementCredentialValidationUnavailable", "SystemForCrossDomainIdentityManagementCredentialValidationUnavailable Details: We are not able to connect"},
		{"typed, no token", validatePath("servicePrincipals", sp.ObjectID, job),
			`{"credentials":[{"key":"BaseAddress","value":"https://scim.example.com/v2"},{"key":"SecretToken","value":""}]}`, 400,
			"SystemForCrossDomainIdentityManagementCredentialValidationFailure", "SystemForCrossDomainIdentityManagementCredentialValidationFailure Details: We received this unexpected response"},
		{"client credentials, good", validatePath("servicePrincipals", sp.ObjectID, job), clientCredentialsBody("https://scim.example.com/v2", VendorClientSecret), 204, "", ""},
		{"client credentials, wrong secret", validatePath("servicePrincipals", sp.ObjectID, job), clientCredentialsBody("https://scim.example.com/v2", "nope"), 400,
			"SystemForCrossDomainIdentityManagementCredentialValidationFailure", "SystemForCrossDomainIdentityManagementCredentialValidationFailure Details: The token endpoint refused the client credentials"},
		{"client credentials, http Tenant URL", validatePath("servicePrincipals", sp.ObjectID, job), clientCredentialsBody("http://scim.example.com/v2", VendorClientSecret), 400,
			"SystemForCrossDomainIdentityManagementCredentialValidationUnavailable", "SystemForCrossDomainIdentityManagementCredentialValidationUnavailable Details: We are not able to connect to your application: BaseAddress"},
		{"typed, none", validatePath("servicePrincipals", sp.ObjectID, job), `{"credentials":[]}`, 400, "CredentialValidationUnavailable", "CredentialValidationUnavailable Details: The credentials hold neither"},
		{"template, good", validatePath("servicePrincipals", sp.ObjectID, ""),
			`{"templateId":"scim","useSavedCredentials":false,"credentials":[{"key":"BaseAddress","value":"https://x.example"},{"key":"SecretToken","value":"t"}]}`, 204, "", ""},
		{"namespace-qualified", strings.Replace(validatePath("servicePrincipals", sp.ObjectID, ""), "validateCredentials", "microsoft.graph.validateCredentials", 1),
			`{"templateId":"scim","credentials":[{"key":"BaseAddress","value":"https://x.example"},{"key":"SecretToken","value":"t"}]}`, 204, "", ""},
		{"template missing", validatePath("servicePrincipals", sp.ObjectID, ""), savedBody, 400, "BadRequest", ""},
		{"template unknown", validatePath("servicePrincipals", sp.ObjectID, ""), `{"templateId":"salesforce","useSavedCredentials":true}`, 400, "BadRequest", ""},
		{"job unknown", validatePath("servicePrincipals", sp.ObjectID, "nope"), savedBody, 404, "NotFound", ""},
		{"job of another", validatePath("servicePrincipals", sp.ObjectID, Jobs(ServicePrincipals[0].ObjectID)[0].ID), savedBody, 404, "NotFound", ""},
		{"object unknown", validatePath("servicePrincipals", "00000000-0000-4000-8000-000000000000", job), savedBody, 404, "Request_ResourceNotFound", ""},
		{"bad parameter", validatePath("servicePrincipals", sp.ObjectID, job), `{"useSaved":true}`, 400, "BadRequest", ""},
		{"bad boolean", validatePath("servicePrincipals", sp.ObjectID, job), `{"useSavedCredentials":"yes"}`, 400, "BadRequest", ""},
		{"camelCase key", validatePath("servicePrincipals", sp.ObjectID, job), `{"credentials":[{"key":"baseAddress","value":"x"}]}`, 400, "BadRequest", ""},
	} {
		r := post(t, s, tc.path, s.Token(), tc.body)
		if tc.status == 204 {
			if r.status != 204 {
				t.Errorf("%s: %d %s, want 204", tc.name, r.status, r.body)
			}
			continue
		}
		e := decodeError(t, r)
		if r.status != tc.status || e.Error.Code != tc.code || tc.message != "" && !strings.HasPrefix(e.Error.Message, invalid+tc.message) {
			t.Errorf("%s: %d %s %q, want %d %s %q…", tc.name, r.status, e.Error.Code, e.Error.Message, tc.status, tc.code, tc.message)
		}
	}

	// After Authorize, the saved credentials pass, on the job and on the template alike.
	path := actionPath("v1.0", "servicePrincipals", sp.ObjectID)
	if r := post(t, s, path, s.Token(), codeBody(newVendorCode(t, s), s.LandingURL())); r.status != 204 {
		t.Fatalf("Authorize: %d %s", r.status, r.body)
	}
	for _, p := range []string{validatePath("servicePrincipals", sp.ObjectID, job), validatePath("applications", Applications[1].ObjectID, job)} {
		if r := post(t, s, p, s.Token(), savedBody); r.status != 204 {
			t.Errorf("saved after Authorize, %s: %d %s", p, r.status, r.body)
		}
	}
	if r := post(t, s, validatePath("servicePrincipals", sp.ObjectID, ""), s.Token(), `{"templateId":"scim","useSavedCredentials":true}`); r.status != 204 {
		t.Errorf("saved after Authorize, template: %d %s", r.status, r.body)
	}
	// Another service principal is not authorized by it.
	other := ServicePrincipals[0]
	if r := post(t, s, validatePath("servicePrincipals", other.ObjectID, Jobs(other.ObjectID)[0].ID), s.Token(), savedBody); r.status != 400 {
		t.Errorf("another service principal's saved credentials: %d", r.status)
	}
	// A saved Tenant URL and token pass too, even before GET shows them.
	put := call(t, s, "PUT", secretsPath(other.ObjectID), map[string]string{"Authorization": "Bearer " + s.Token(), "Content-Type": "application/json"},
		`{"value":[{"key":"BaseAddress","value":"https://sf.example"},{"key":"SecretToken","value":"t"}]}`)
	if r := post(t, s, validatePath("servicePrincipals", other.ObjectID, Jobs(other.ObjectID)[0].ID), s.Token(), savedBody); put.status != 204 || r.status != 204 {
		t.Errorf("saved SCIM credentials: PUT %d, validate %d %s", put.status, r.status, r.body)
	}
	// Method and permission.
	if r := call(t, s, "GET", validatePath("servicePrincipals", sp.ObjectID, job), map[string]string{"Authorization": "Bearer " + s.Token()}, ""); r.status != 405 || r.header.Get("Allow") != "POST" {
		t.Errorf("GET validateCredentials: %d, Allow %q", r.status, r.header.Get("Allow"))
	}
	for _, tok := range []string{s.Token(WithScope(JobsScope)), s.Token(WithoutRoles())} {
		if r := post(t, s, validatePath("servicePrincipals", sp.ObjectID, job), tok, savedBody); r.status != 401 || !strings.Contains(string(r.body), `"UnknownError"`) {
			t.Errorf("a token without Synchronization.ReadWrite.All or a role: %d %s", r.status, r.body)
		}
	}
}

func TestTemplates(t *testing.T) {
	s := newSandbox(t)
	for _, tc := range []struct {
		path, id string
	}{
		{"/v1.0/servicePrincipals/" + ServicePrincipals[0].ObjectID + "/synchronization/templates", "salesforce"},
		{"/beta/applications/" + Applications[1].ObjectID + "/synchronization/templates", "scim"},
		{"/v1.0/servicePrincipals/" + NamesakeServicePrincipals[3].ObjectID + "/synchronization/templates", "scim"},
	} {
		r := call(t, s, "GET", tc.path, map[string]string{"Authorization": "Bearer " + s.Token(WithScope(JobsScope))}, "")
		var body struct {
			Context string     `json:"@odata.context"`
			Value   []Template `json:"value"`
		}
		if err := json.Unmarshal([]byte(r.body), &body); err != nil || r.status != 200 || len(body.Value) != 1 || body.Value[0].ID != tc.id ||
			body.Value[0].FactoryTag == "" || !strings.HasSuffix(body.Context, "/synchronization/templates") {
			t.Errorf("GET %s: %d %s", tc.path, r.status, r.body)
		}
	}
	if r := call(t, s, "GET", "/v1.0/servicePrincipals/"+ServicePrincipals[0].ObjectID+"/synchronization/templates", map[string]string{"Authorization": "Bearer " + s.Token(WithScope(ReadScope))}, ""); r.status != 401 || !strings.Contains(r.body, `"UnknownError"`) {
		t.Errorf("templates with only %s: %d", ReadScope, r.status)
	}
	if r := call(t, s, "GET", "/v1.0/servicePrincipals/"+ServicePrincipals[0].ObjectID+"/synchronization/templates/x", map[string]string{"Authorization": "Bearer " + s.Token()}, ""); r.status != 400 {
		t.Errorf("a template by id: %d (not modelled: 400 segment)", r.status)
	}
}

// clientCredentialsBody is a validateCredentials body with the client-credentials keys.
func clientCredentialsBody(base, secret string) string {
	return `{"useSavedCredentials":false,"credentials":[{"key":"BaseAddress","value":"` + base + `"},` +
		`{"key":"AuthenticationType","value":"` + ClientCredentialsGrant + `"},{"key":"Oauth2TokenExchangeUri","value":"https://vendor.example/oauth/token"},` +
		`{"key":"Oauth2ClientId","value":"` + VendorClientID + `"},{"key":"Oauth2ClientSecret","value":"` + secret + `"}]}`
}
