//go:build !js

package e2e

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserStoresOnlyParsedTenantAndClientID pastes, into Tenant and
// Client ID, the JSON of `az ad sp create-for-rbac` (which holds the app's
// password) and of `az account get-access-token` (which holds a token).
// Once the field is left, each field shows the ID parsed out of the paste,
// and localStorage — every key and every value — holds neither secret; a
// field that parses to nothing is not stored. A config stored as typed by
// an older version is cleaned when the page loads.
func TestBrowserStoresOnlyParsedTenantAndClientID(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)

	const (
		tenantID    = "72f988bf-86f1-41af-91ab-2d7cd011db47"
		appID       = "5d0f4c1b-8a3e-4f27-b6d9-0e1c2a3b4c5d"
		subscriptID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
		password    = "Pq8~Zr3.SECRET-PASSWORD-x1yZ_w9Kv"
	)
	accessToken := sb.Token() // any JWT: its text must not be stored
	rbac := fmt.Sprintf(`{
  "appId": "%s",
  "displayName": "synctoken-deploy",
  "password": "%s",
  "tenant": "%s"
}`, appID, password, tenantID)
	azToken := fmt.Sprintf(`{
  "accessToken": "%s",
  "expiresOn": "2026-11-25 22:00:00.000000",
  "subscription": "%s",
  "tenant": "%s",
  "tokenType": "Bearer"
}`, accessToken, subscriptID, tenantID)
	secrets := []string{password, accessToken[:40]}

	storage := func() string {
		var s string
		run(t, tab, chromedp.Evaluate(`JSON.stringify(Object.entries(localStorage))`, &s))
		return s
	}
	noSecret := func(when string) string {
		t.Helper()
		all := storage()
		for _, s := range secrets {
			if strings.Contains(all, s) {
				t.Errorf("%s: localStorage holds a secret from the paste: %s", when, all)
			}
		}
		return all
	}
	for _, c := range []struct {
		name, field, paste, shows, note string
	}{
		{"create-for-rbac JSON in Tenant", "#tenant", rbac, tenantID, "Took the tenant ID"},
		{"create-for-rbac JSON in Client ID", "#client-id", rbac, appID, `Took the client ID ` + appID + ` (its "appId")`},
		{"get-access-token JSON in Tenant", "#tenant", azToken, tenantID, "Took the tenant ID"},
	} {
		run(t, tab, paste(c.field, c.paste)) // input, then change: the field is left
		waitJS(t, tab, fmt.Sprintf(`document.querySelector(%q).value === %q`, c.field, c.shows))
		waitText(t, tab, c.field+"-problems", c.note)
		stored := noSecret(c.name)
		if !strings.Contains(stored, c.shows) {
			t.Errorf("%s: %s is not stored: %s", c.name, c.shows, stored)
		}
		t.Logf("%-36s → field %s, stored %s", c.name, c.shows, stored)
	}

	// A paste with no client ID in it stays in the field, with its error,
	// and is not stored: the client ID stored before is dropped with it.
	run(t, tab, paste("#client-id", azToken))
	waitText(t, tab, "#client-id-problems", "holds two IDs")
	// (A text field drops the paste's line breaks, as browsers do.)
	if got := valueOf(t, tab, "#client-id"); got != strings.ReplaceAll(azToken, "\n", "") {
		t.Errorf("an unparseable client ID was replaced by %q", got)
	}
	stored := noSecret("get-access-token JSON in Client ID")
	if strings.Contains(stored, appID) || !strings.Contains(stored, tenantID) {
		t.Errorf("after an unparseable client ID, localStorage holds %s", stored)
	}
	t.Logf("%-36s → field kept with its error, stored %s", "get-access-token JSON in Client ID", stored)

	// A config stored as typed (localStorage outlives the page's versions)
	// is cleaned at load: the page keeps the IDs and drops the rest.
	run(t, tab, chromedp.Evaluate(fmt.Sprintf(`localStorage.setItem("synctoken.signin.sandbox", JSON.stringify({tenant: %q, clientId: %q}))`, rbac, rbac), nil))
	open(t, tab, appURL)
	waitJS(t, tab, fmt.Sprintf(`document.querySelector("#tenant").value === %q && document.querySelector("#client-id").value === %q`, tenantID, appID))
	stored = noSecret("after a reload over an old config")
	if !strings.Contains(stored, tenantID) || !strings.Contains(stored, appID) {
		t.Errorf("the old config was not rewritten with its IDs: %s", stored)
	}
	t.Logf("%-36s → %s", "old config with a password, reloaded", stored)
}

// TestBrowserSecretsAreNotPasswordFields: the values and the token are
// text fields masked by CSS, so no browser offers to save them; they stay
// masked (computed style) until Reveal values, and the token always.
func TestBrowserSecretsAreNotPasswordFields(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	run(t, tab, press("#add-credential"), press("#add-credential"))
	waitJS(t, tab, `document.querySelectorAll("input[id^=value-]").length === 4`)

	const secrets = `["#token", ...[...document.querySelectorAll("input[id^=value-]")].map(e => "#" + e.id)]`
	masking := func() string {
		var s string
		run(t, tab, chromedp.Evaluate(`JSON.stringify(`+secrets+`.map(s => {
			const e = document.querySelector(s);
			return s + "=" + getComputedStyle(e).webkitTextSecurity;
		}))`, &s))
		return s
	}
	if n := evalInt(t, tab, `document.querySelectorAll("input[type=password]").length`); n != 0 {
		t.Errorf("%d password fields: a browser offers to save what they hold", n)
	}
	var attrs string
	run(t, tab, chromedp.Evaluate(`JSON.stringify(`+secrets+`.map(s => {
		const e = document.querySelector(s);
		return [s, e.type, e.autocomplete, e.spellcheck, e.dataset.lpignore, e.dataset["1pIgnore"], e.dataset.bwignore, e.dataset.formType].join(" ");
	}))`, &attrs))
	for _, sel := range []string{"#token", "#value-0", "#value-3"} {
		if !strings.Contains(attrs, sel+" text off false true true true other") {
			t.Errorf("%s is not a text field kept from password managers: %s", sel, attrs)
		}
	}
	for _, sel := range []string{"#token", "#value-0", "#value-1", "#value-2", "#value-3"} {
		if !strings.Contains(masking(), sel+"=disc") {
			t.Errorf("%s is not masked before Reveal: %s", sel, masking())
		}
	}
	run(t, tab, press("#reveal"))
	waitJS(t, tab, `getComputedStyle(document.querySelector("#value-3")).webkitTextSecurity === "none"`)
	shown := masking()
	for _, want := range []string{"#value-0=none", "#value-1=none", "#value-2=none", "#value-3=none", "#token=disc"} {
		if !strings.Contains(shown, want) {
			t.Errorf("after Reveal values, want %s: %s", want, shown)
		}
	}
	run(t, tab, press("#reveal"))
	waitJS(t, tab, `getComputedStyle(document.querySelector("#value-0")).webkitTextSecurity === "disc"`)
	if n := evalInt(t, tab, `document.querySelectorAll("input[type=password]").length`); n != 0 {
		t.Errorf("%d password fields after Reveal and rows added", n)
	}
	t.Logf("%-36s → %s", "masked", masking())
	formIntact(t, tab, "after Reveal")
}

// TestBrowserRefusesATokenBeyondLatin1: a token with a character above
// U+00FF made fetch throw while setting the header, and the send never
// ended. The field now says which character, and Send is disabled.
func TestBrowserRefusesATokenBeyondLatin1(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	good := valueOf(t, tab, "#token")
	bad := good[:20] + "\u0436" + good[21:]
	run(t, tab, paste("#token", bad))
	msg := waitText(t, tab, "#token-problems", "(U+0436) at character 21")
	waitJS(t, tab, `document.querySelector("#send").disabled`)
	blocked := waitText(t, tab, "#send-blocked", "U+0436")
	if strings.Contains(msg, good[:20]) || strings.Contains(blocked, good[:20]) {
		t.Error("the message repeats the token")
	}
	t.Logf("%-36s → %s", "token with U+0436", strings.TrimSpace(msg))
	run(t, tab, paste("#token", good))
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	if n := len(graphPosts(sb)); n != 1 {
		t.Errorf("%d sends reached Graph, want the one with the good token", n)
	}
}
