package graph

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestAdminRequestShapesMatchMetadata checks the bodies of Send, Test
// connection (on a job and on a template) and Save against Microsoft's
// v1.0 metadata (testdata: the CSDL excerpt and the OpenAPI excerpt):
// every member is a parameter of the action, of its type; every pair has
// exactly key and value, the key a member of the synchronizationSecret
// enum; and Save's PUT is {"value":[pairs]}, answered 2XX.
func TestAdminRequestShapesMatchMetadata(t *testing.T) {
	raw, err := os.ReadFile("testdata/metadata-v1.0-excerpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	csdl := string(raw)
	params := func(action string) map[string]string {
		t.Helper()
		m := regexp.MustCompile(`(?s)<Action Name="` + action + `" IsBound="true">(.*?)</Action>`).FindStringSubmatch(csdl)
		if m == nil {
			t.Fatalf("the metadata has no action %s", action)
		}
		out := map[string]string{}
		for _, p := range regexp.MustCompile(`<Parameter Name="(\w+)" Type="([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
			if p[1] != "bindingParameter" {
				out[p[1]] = p[2]
			}
		}
		return out
	}
	pair := regexp.MustCompile(`(?s)<ComplexType Name="synchronizationSecretKeyStringValuePair">(.*?)</ComplexType>`).FindStringSubmatch(csdl)
	if pair == nil || !strings.Contains(pair[1], `<Property Name="key" Type="graph.synchronizationSecret" Nullable="false" />`) ||
		!strings.Contains(pair[1], `<Property Name="value" Type="Edm.String" />`) || strings.Count(pair[1], "<Property ") != 2 {
		t.Fatalf("the pair's shape in the metadata changed: %v", pair)
	}
	var enum []string
	for _, m := range regexp.MustCompile(`<Member Name="(\w+)" Value="\d+" />`).FindAllStringSubmatch(csdl, -1) {
		enum = append(enum, m[1])
	}
	if len(enum) != len(SecretKeys()) {
		t.Fatalf("the metadata's enum has %d members, the embedded list %d", len(enum), len(SecretKeys()))
	}
	pairsOK := func(what string, v json.RawMessage) {
		t.Helper()
		var pairs []map[string]any
		if err := json.Unmarshal(v, &pairs); err != nil {
			t.Errorf("%s: not a list of pairs: %s", what, v)
			return
		}
		for _, p := range pairs {
			key, ok := p["key"].(string)
			_, isString := p["value"].(string)
			if len(p) != 2 || !ok || !isString || !slices.Contains(enum, key) {
				t.Errorf("%s: pair %v is not a synchronizationSecretKeyStringValuePair with an enum key", what, p)
			}
		}
	}
	check := func(what, action string, r Request) {
		t.Helper()
		want := params(action)
		var body map[string]json.RawMessage
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		for name, v := range body {
			typ, ok := want[name]
			switch {
			case !ok:
				t.Errorf("%s: %q is not a parameter of %s", what, name, action)
			case typ == "Edm.Boolean" && string(v) != "true" && string(v) != "false",
				typ == "Edm.String" && (len(v) == 0 || v[0] != '"'):
				t.Errorf("%s: %s is %s, not %s", what, name, v, typ)
			case strings.HasPrefix(typ, "Collection(graph.synchronizationSecretKeyStringValuePair"):
				pairsOK(what+" "+name, v)
			}
		}
	}
	creds := []Credential{{"BaseAddress", "https://scim.example.com"}, {"AuthenticationType", "OAuth2ClientCredentialsGrant"},
		{"Oauth2TokenExchangeUri", "https://vendor.example/token"}, {"Oauth2ClientId", "c"}, {"Oauth2ClientSecret", "s"}}
	send, err := Build(Input{Cloud: Global, Version: V1, Kind: ServicePrincipals, ObjectID: snippetObjectID, Token: snippetToken,
		Credentials: []Credential{{"Oauth2AuthorizationCode", "code"}, {"Oauth2RedirectUri", "https://portal.azure.com/TokenAuthorize"}}}, snippetRequestID)
	if err != nil {
		t.Fatal(err)
	}
	check("Send", "acquireAccessToken", send)
	for _, v := range []Validation{
		{JobID: adminJob, Credentials: creds},
		{JobID: adminJob, UseSavedCredentials: true},
		{TemplateID: "scim", ApplicationIdentifier: "app", Credentials: creds},
	} {
		r, err := TestConnectionRequest(adminTarget(V1), v, snippetRequestID)
		if err != nil {
			t.Fatal(err)
		}
		check("Test connection", "validateCredentials", r)
	}

	// Save: the OpenAPI description's PUT, {"value":[pairs]}, 2XX.
	yaml, err := os.ReadFile("testdata/openapi-v1.0-excerpt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	put := string(yaml)[strings.Index(string(yaml), "/synchronization/secrets':\n    put:"):]
	for _, want := range []string{"properties:\n                value:\n                  type: array\n                  items:\n                    $ref: '#/components/schemas/microsoft.graph.synchronizationSecretKeyStringValuePair'", "responses:\n        2XX:"} {
		if !strings.Contains(put, want) {
			t.Errorf("the OpenAPI PUT …/secrets lacks %q", want)
		}
	}
	r, err := SaveSecretsRequest(adminTarget(V1), PlanSave([]Credential{{"SyncAll", "false"}}, creds, []string{"SyncAll"}), snippetRequestID)
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(r.Body, &body); err != nil || len(body) != 1 || body["value"] == nil || r.Method != "PUT" || !strings.HasSuffix(r.URL, "/synchronization/secrets") {
		t.Fatalf("Save: %s %s %s", r.Method, r.URL, r.Body)
	}
	pairsOK("Save", body["value"])
}
