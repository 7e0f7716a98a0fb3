//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// paste puts v into the field sel at once, as a paste does, and fires input.
func paste(sel, v string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); e.value = %q; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true})); })()`, sel, v), nil)
}

// TestBrowserBadInput pastes each kind of bad input into its field and
// checks the message next to that field, that no other field changed and
// that nothing crashed; the test prints the case table.
func TestBrowserBadInput(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	sp := graphtest.ServicePrincipals[0]
	other := "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	good := map[string]string{"#object-id": sp.ObjectID, "#key-1": "SecretToken", "#value-1": "value-never-stored",
		"#token": valueOf(t, tab, "#token"), "#tenant": "organizations", "#client-id": graphtest.ClientID}
	// Tenant and Client ID show what was parsed out of a paste, once left.
	shows := map[string]string{"admin@contoso.com": "contoso.com"}
	cases := []struct {
		field, input, problems, want string
	}{
		{"#object-id", "   ", "#object-id-problems", "Object ID is required"},
		{"#object-id", "hello", "#object-id-problems", "must be a GUID"},
		{"#object-id", "{" + strings.ToUpper(sp.ObjectID), "#object-id-problems", "unmatched brace"},
		{"#object-id", "https://graph.microsoft.com/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs", "#object-id-problems", "Took the object ID " + sp.ObjectID},
		{"#object-id", `{"id":"` + sp.ObjectID + `","appId":"` + sp.AppID + `","displayName":"Contoso"}`, "#object-id-problems", "Took the object ID"},
		{"#object-id", "https://example.com/" + sp.ObjectID + "/" + other, "#object-id-problems", "two"},
		{"#key-1", "", "#credential-1-problems", "Key is empty"},
		{"#key-1", "BaseAddress", "#credential-1-problems", "more than once"},
		{"#key-1", "secrettoken", "#credential-1-problems", "only in case"},
		{"#key-1", "SecretTokn", "#credential-1-problems", `did you mean "SecretToken"`},
		{"#key-1", "MyKey", "#credential-1-problems", "not a synchronizationSecret name"},
		{"#key-1", "5", "#credential-1-problems", `the number of "BaseAddress"`},
		{"#value-1", "", "#credential-1-problems", "Value is empty"},
		{"#value-1", strings.Repeat("v", 64<<10), "#credential-1-problems", "over the 32 KiB limit"},
		{"#value-1", " s3cr3t", "#credential-1-problems", "starts with a space"},
		{"#value-1", "s3cr\u200b3t", "#credential-1-problems", "invisible character"},
		{"#value-1", `{"Enabled":true}`, "#credential-1-problems", "JSON text"},
		{"#value-1", "<!DOCTYPE html><html><body>Sign in</body></html>", "#credential-1-problems", "looks like HTML"},
		{"#token", "opaque-token", "#token-problems", "does not look like a JWT"},
		{"#token", `{"accessToken": "` + sb.Token() + `"}`, "#token-problems", "Took the access token"},
		{"#token", sb.Token(graphtest.WithExpiry(time.Now().Add(-time.Hour))), "#token-warnings", "expired"},
		{"#token", sb.Token(graphtest.WithAudience("https://graph.microsoft.com")), "#token-warnings", "graph.microsoft.com"},
		{"#tenant", "common", "#tenant-problems", "personal Microsoft accounts"},
		{"#tenant", "admin@contoso.com", "#tenant-problems", "Took the domain"},
		{"#client-id", "abc", "#client-id-problems", "must be a GUID"},
		{"#client-id", "00000003-0000-0000-c000-000000000000", "#client-id-problems", "Graph's own appId"},
	}
	for _, c := range cases {
		run(t, tab, paste(c.field, c.input))
		got := waitText(t, tab, c.problems, c.want)
		shown := c.input
		if len(shown) > 40 {
			shown = fmt.Sprintf("%.30s… (%d bytes)", shown, len(shown))
		}
		t.Logf("%-10s %-44q → %s", c.field, shown, strings.ReplaceAll(strings.TrimSpace(got), "\n", " | "))
		if evalBool(t, tab, `!!document.querySelector("#crash, #crashed")`) {
			t.Fatalf("%s %q crashed the page", c.field, c.input)
		}
		for sel, want := range good {
			if sel == c.field {
				continue
			}
			if got := valueOf(t, tab, sel); got != want {
				t.Errorf("%s %q changed %s to %q", c.field, shown, sel, got)
			}
		}
		if parsed, ok := shows[c.input]; ok {
			waitJS(t, tab, fmt.Sprintf(`document.querySelector(%q).value === %q`, c.field, parsed))
			// The page puts the parsed value in the field at once and its
			// render writes it again a frame later: a paste before that
			// render would be overwritten, which no person could type fast
			// enough to see, but the next line does.
			settled(t, tab)
		} else if got := valueOf(t, tab, c.field); got != c.input && !(c.field == "#object-id" && c.input == "   ") {
			t.Errorf("%s: the field shows %q, not what was pasted", c.field, got)
		}
		run(t, tab, paste(c.field, good[c.field]))
		// This message must be gone before the next case: two cases may
		// begin alike ("Took the object ID").
		waitJS(t, tab, fmt.Sprintf(`!((document.querySelector(%q) || {}).innerText || "").includes(%q)`, c.problems, c.want))
	}

	// The fix button puts the right spelling of a key.
	run(t, tab, paste("#key-1", "secrettoken"))
	run(t, tab, press("#fix-key-1"))
	waitJS(t, tab, `document.querySelector("#key-1").value === "SecretToken"`)

	// After all that, the form sends as it is, once the page has taken the
	// last fix in (press waits for Send to be enabled).
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
}
