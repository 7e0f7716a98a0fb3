//go:build !js

package e2e

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestBrowserClientCredentialsTestAndSave configures a client-credentials
// connector as the admin center's "OAuth2 Client Credentials Grant" does:
// the preset's rows named as the portal names its fields, Test connection
// of the typed credentials (204), Save (204) and its read-back. Then Save
// answered 200 with a body is a success and is read back; an empty row is
// left out, its saved secret kept; a deletion is chosen on the plan and
// shown empty in the request; and a Graph that replaced rather than merged
// is reported with what to enter again.
func TestBrowserClientCredentialsTestAndSave(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.SetSecretsDelay(0)
	tab := readyToSend(t, sb, appURL)
	sp := graphtest.ServicePrincipals[1]
	saved := func() []graph.Credential { return sb.Secrets(sp.ObjectID) }
	has := func(key, value string) bool {
		return slices.ContainsFunc(saved(), func(c graph.Credential) bool { return c.Key == key && c.Value == value })
	}
	puts := func() []graphtest.Recorded { return requestsTo(sb, http.MethodPut, "/synchronization/secrets") }

	choosePreset(t, tab, "oauth-client-credentials")
	for sel, want := range map[string]string{
		"label[for=value-0]": "Tenant URL (BaseAddress)", "label[for=value-2]": "Token Endpoint (Oauth2TokenExchangeUri)",
		"label[for=value-3]": "Client Identifier (Oauth2ClientId)", "label[for=value-4]": "Client Secret (Oauth2ClientSecret)",
		"#preset-assumed": "no public key names yet",
	} {
		waitText(t, tab, sel, want)
	}
	if got := valueOf(t, tab, "#value-1"); got != "OAuth2ClientCredentialsGrant" {
		t.Errorf("AuthenticationType = %q", got)
	}
	run(t, tab, paste("#object-id", sp.ObjectID), paste("#value-0", "https://scim.example.com/scim"),
		paste("#value-2", "https://vendor.example/oauth/token"), paste("#value-3", graphtest.VendorClientID),
		paste("#value-4", graphtest.VendorClientSecret), setSelect("#tc-credentials", "typed"), press("#test-connection"))
	waitText(t, tab, "#explanation-title", "Connection works")
	tests := requestsTo(sb, http.MethodPost, "/validateCredentials")
	if len(tests) != 1 || !strings.Contains(string(tests[0].Body), `"value": "OAuth2ClientCredentialsGrant"`) {
		t.Fatalf("Test connection sent %v", tests)
	}
	t.Logf("%-36s → %s", "client credentials, Test connection", "204 Connection works")

	run(t, tab, press("#save-credentials"))
	waitText(t, tab, "#save-plan", "set Oauth2ClientSecret")
	run(t, tab, press("#save-confirm"))
	waitText(t, tab, "#response-status", "204 No Content")
	waitText(t, tab, "#save-settled", "Graph shows the change")
	waitText(t, tab, "#saved-keys", "Oauth2ClientSecret: *")
	if len(saved()) != 5 || !has("Oauth2ClientSecret", graphtest.VendorClientSecret) || !has("AuthenticationType", "OAuth2ClientCredentialsGrant") {
		t.Errorf("saved: %+v", saved())
	}
	t.Logf("%-36s → %s", "client credentials, Save", "204, read back")

	// Answered 200 with a body; the emptied secret's row is left out.
	sb.SetSecretsAnswerBody(true)
	run(t, tab, paste("#value-0", "https://scim.example.com/v2"), paste("#value-4", ""), press("#save-credentials"))
	waitText(t, tab, "#save-problems", "Row 5, Oauth2ClientSecret, is empty: left out of the Save, and the saved Oauth2ClientSecret is kept")
	waitText(t, tab, "#save-plan", "replace BaseAddress")
	run(t, tab, press("#save-confirm"))
	waitText(t, tab, "#response-status", "200")
	waitText(t, tab, "#explanation-title", "Saved (200 OK)")
	waitText(t, tab, "#save-settled", "Graph shows the change")
	waitText(t, tab, "#saved-keys", "BaseAddress: https://scim.example.com/v2")
	if last := puts()[len(puts())-1]; strings.Contains(string(last.Body), "Oauth2ClientSecret") {
		t.Errorf("the empty row was sent:\n%s", last.Body)
	}
	if !has("Oauth2ClientSecret", graphtest.VendorClientSecret) {
		t.Errorf("the empty row deleted the saved secret: %+v", saved())
	}
	t.Logf("%-36s → %s", "Save answered 200 with a body", "success, read back; the empty row left out, the secret kept")

	// Deleting is chosen on the plan, and shown empty in the request.
	run(t, tab, press("#save-credentials"))
	waitText(t, tab, "#save-current", "Oauth2ClientSecret: *")
	run(t, tab, press("#save-delete-4"))
	waitText(t, tab, "#save-plan", "delete Oauth2ClientSecret")
	if req := textOf(t, tab, "#request"); !strings.Contains(req, "\"key\": \"Oauth2ClientSecret\",\n      \"value\": \"\"") {
		t.Errorf("the deletion is not shown empty in the request:\n%s", req)
	}
	n := len(puts())
	run(t, tab, press("#save-confirm"))
	waitFor(t, "the deletion's PUT", func() bool { return len(puts()) == n+1 })
	waitJS(t, tab, `(document.querySelector("#save-settled") || {}).textContent === "Graph shows the change." && !document.querySelector("#saved-keys").textContent.includes("Oauth2ClientSecret")`)
	if slices.ContainsFunc(saved(), func(c graph.Credential) bool { return c.Key == "Oauth2ClientSecret" }) {
		t.Errorf("the secret chosen for deletion is still saved: %+v", saved())
	}
	t.Logf("%-36s → %s", "Delete chosen on the plan", "sent empty, deleted")

	// A Graph that replaces: the key left out vanishes, and the page says so.
	sb.SetSecretsReplace(true)
	run(t, tab, paste("#value-2", ""), paste("#value-4", graphtest.VendorClientSecret), press("#save-credentials"))
	waitText(t, tab, "#save-plan", "set Oauth2ClientSecret")
	run(t, tab, press("#save-confirm"))
	x := waitText(t, tab, "#save-vanished", "Enter Oauth2TokenExchangeUri again")
	t.Logf("%-36s → %s", "Graph replaced instead of merging", x)
}
