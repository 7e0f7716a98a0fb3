//go:build !js

package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"synctoken/graph"
)

// choosePreset chooses a preset in the Credentials chooser, as the admin
// would, and waits until the page has rendered it: the rows hold its keys
// (Custom: the rows stay) and the line under the chooser is the preset's,
// which only the render after the choice writes. Typing before that render
// could be undone by it.
func choosePreset(t *testing.T, tab context.Context, id string) {
	t.Helper()
	p, ok := graph.PresetByID(id)
	if !ok {
		t.Fatalf("no preset %q", id)
	}
	run(t, tab, setSelect("#preset", id))
	if id != graph.CustomPreset {
		waitJS(t, tab, rowsHold(credentialKeys(p.Credentials)...))
	}
	waitJS(t, tab, fmt.Sprintf(`(document.querySelector("#preset-for") || {}).textContent === %q`, p.For))
}

func credentialKeys(cs []graph.Credential) []string {
	var keys []string
	for _, c := range cs {
		keys = append(keys, c.Key)
	}
	return keys
}

// rowsHold is true when the credential rows hold exactly keys, in order.
func rowsHold(keys ...string) string {
	return fmt.Sprintf(`JSON.stringify([...document.querySelectorAll("input[id^=key-]")].map(e => e.value)) === %q`,
		`["`+strings.Join(keys, `","`)+`"]`)
}

// TestBrowserPresetFillsTheRows checks the chooser of what is being
// configured: the default is Authorize's keys; a choice fills the rows and
// says which call they are for; values typed for keys that stay are kept
// and those set aside come back; edited keys move the chooser to the
// preset they make up, or Custom.
func TestBrowserPresetFillsTheRows(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)

	waitJS(t, tab, rowsHold("Oauth2AuthorizationCode", "Oauth2RedirectUri"))
	if got := valueOf(t, tab, "#preset"); got != "oauth-code" {
		t.Errorf("the chooser starts on %q, want oauth-code", got)
	}
	waitText(t, tab, "#preset-for", "For Authorize")
	waitText(t, tab, "#preset-assumed", "assumption")

	const landing = "https://portal.azure.com/TokenAuthorize"
	run(t, tab, paste("#value-1", landing))
	choosePreset(t, tab, "cross-tenant")
	if got := valueOf(t, tab, "#value-1"); got != "SyncPolicy" {
		t.Errorf("cross-tenant: AuthenticationType = %q, want the preset's SyncPolicy", got)
	}
	waitText(t, tab, "#preset-for", "not acquireAccessToken")
	waitJS(t, tab, `!document.querySelector("#preset-assumed")`)

	choosePreset(t, tab, "oauth-code")
	if got := valueOf(t, tab, "#value-1"); got != landing {
		t.Errorf("back on Authorize's keys, Oauth2RedirectUri = %q: the value typed before was lost", got)
	}

	choosePreset(t, tab, "password")
	run(t, tab, paste("#value-0", "https://example.service-now.com"), press("#remove-1"))
	waitJS(t, tab, rowsHold("BaseAddress", "Password"))
	run(t, tab, paste("#key-1", "SecretToken"))
	waitJS(t, tab, `document.querySelector("#preset").value === "scim-token"`)
	waitText(t, tab, "#preset-for", "not acquireAccessToken")
	if got := valueOf(t, tab, "#value-0"); got != "https://example.service-now.com" {
		t.Errorf("BaseAddress = %q after the key edits", got)
	}
	run(t, tab, paste("#key-1", "Url"))
	waitJS(t, tab, `document.querySelector("#preset").value === "custom"`)
	choosePreset(t, tab, "custom")
	waitJS(t, tab, rowsHold("BaseAddress", "Url")+` && document.querySelector("#preset").value === "custom"`)
	t.Logf("rows after each choice kept what was typed; edited keys → %s", valueOf(t, tab, "#preset"))
}
