//go:build !js

package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestBrowserLookUpResolvesEachKindOfID signs in, then looks up an appId,
// an application object ID and a name: each resolves to the app, says what
// was typed, and one click puts the ID the chosen endpoint needs into the
// field. The permission is asked for only when Look up is first used.
func TestBrowserLookUpResolvesEachKindOfID(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := signedIn(t, appURL)

	authorize := func() []string {
		var scopes []string
		for _, r := range sb.Requests() {
			if r.Method == "GET" && strings.HasSuffix(r.Path, "/oauth2/v2.0/authorize") {
				q, _ := url.ParseQuery(r.RawQuery)
				scopes = append(scopes, q.Get("scope"))
			}
		}
		return scopes
	}
	if s := authorize(); len(s) != 1 || strings.Contains(s[0], graphtest.ReadScope) {
		t.Errorf("sign-in asked for %q: %s must wait until Look up is used", s, graphtest.ReadScope)
	}

	app, sp := graphtest.Applications[0], graphtest.ServicePrincipals[0]
	setObjectID := func(v string) {
		run(t, tab, paste("#object-id", v)) // at once: nothing can land between clearing and typing
		waitText(t, tab, "#request", map[bool]string{true: v, false: "{object-id}"}[isGUID(v)])
		waitJS(t, tab, `!document.querySelector("#lookup").disabled`)
	}
	for _, tc := range []struct{ typed, says string }{
		{sp.AppID, "appId"},
		{app.ObjectID, "application's object ID"},
		{"Contoso Sales", "display name"},
	} {
		setObjectID(tc.typed)
		run(t, tab, press("#lookup"))
		waitText(t, tab, "#lookup-results", sp.DisplayName)
		waitText(t, tab, "#lookup-results .match-typed", tc.says)
		for sel, want := range map[string]string{".match-appid": sp.AppID, ".match-app": app.ObjectID, ".match-sp": sp.ObjectID} {
			if got := textOf(t, tab, "#lookup-results "+sel); got != want {
				t.Errorf("%s: %s = %q, want %q", tc.typed, sel, got, want)
			}
		}
		run(t, tab, press("#use-0"))
		waitJS(t, tab, `document.querySelector("#object-id").value === "`+sp.ObjectID+`"`)
		t.Logf("%-38s → %s; used %s", tc.typed, tc.says, sp.ObjectID)
	}
	// The one match's jobs are listed: the token is for a quarantined job.
	waitText(t, tab, "#jobs-table", "Quarantine")
	waitText(t, tab, "#jobs-table", "EncounteredQuarantineException")

	// For /applications, the same match offers the application's ID.
	setObjectID(sp.AppID)
	run(t, tab, setSelect("#endpoint", "applications"))
	run(t, tab, press("#lookup"))
	// The last search's results stay until this one starts: wait for
	// this one's ("the appId"; the last said "display name").
	waitText(t, tab, "#lookup-results .match-typed", "appId")
	run(t, tab, press("#use-0"))
	waitJS(t, tab, `document.querySelector("#object-id").value === "`+app.ObjectID+`"`)
	if got := valueOf(t, tab, "#value-1"); got != "value-never-stored" {
		t.Errorf("Look up lost a typed value: %q", got)
	}

	// Only a token request for the read scope was added, silently: the
	// app registration has consent for it.
	if s := authorize(); len(s) != 1 {
		t.Errorf("Look up opened the sign-in page again (%d authorize requests) though consent exists", len(s))
	}
	posts, _ := tokenRequests(sb)
	asked := false
	for _, p := range posts {
		form, _ := url.ParseQuery(string(p.Body))
		if strings.Contains(form.Get("scope"), graphtest.ReadScope) && form.Get("grant_type") == "refresh_token" {
			asked = true
		}
	}
	if !asked {
		t.Errorf("no refresh_token grant asked for %s", graphtest.ReadScope)
	}
}

// TestBrowserLookUpRendersMarkupAsText looks up, with a pasted token (the
// sandbox's, which carries Application.Read.All), an app whose display name
// and job error carry markup: it renders as text and runs nothing.
func TestBrowserLookUpRendersMarkupAsText(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	run(t, tab, chromedp.Evaluate(`document.querySelector("#object-id").value = ""`, nil),
		chromedp.SendKeys("#object-id", "<img", chromedp.ByQuery),
		press("#lookup"))
	waitText(t, tab, "#lookup-results", graphtest.EvilDisplayName)
	waitText(t, tab, "#jobs", "Paused")
	if n := evalBool(t, tab, `document.querySelectorAll("#lookup-area img, #jobs img, #jobs a").length > 0`); n {
		t.Error("markup from Graph became elements")
	}
	if evalBool(t, tab, `window.__pwned !== undefined`) {
		t.Error("an injected handler ran")
	}
}

// TestBrowserLookUpAsksForMoreOfAName: a name more apps start with than
// Look up lists shows the first ones and asks for more of the name; more of
// it finds the one app, and the note goes.
func TestBrowserLookUpAsksForMoreOfAName(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	run(t, tab, paste("#object-id", "northwind"), press("#lookup"))
	waitText(t, tab, "#lookup-more", "type more of its name")
	if n := evalInt(t, tab, `document.querySelectorAll("#lookup-results .match").length`); n != graph.MaxMatches {
		t.Errorf("%d matches listed, want %d", n, graph.MaxMatches)
	}
	last := graphtest.NamesakeApplications[len(graphtest.NamesakeApplications)-1]
	run(t, tab, paste("#object-id", last.DisplayName), press("#lookup"))
	// The first search listed this app too: wait for the one match.
	waitJS(t, tab, `document.querySelectorAll("#lookup-results .match").length === 1`)
	if got := textOf(t, tab, "#lookup-results .match-app"); got != last.ObjectID {
		t.Errorf("%q found application %q, want %s", last.DisplayName, got, last.ObjectID)
	}
	if evalBool(t, tab, `!!document.querySelector("#lookup-more")`) {
		t.Error("the note stayed though the full name found one app")
	}
}

// TestBrowserLookUpAsksForConsentAndExplainsARefusal: where the tenant has
// not consented to the read scope, the first Look up asks for it in a
// popup; a refusal is explained and leaves the rest working; accepting
// runs the Look up.
func TestBrowserLookUpAsksForConsentAndExplainsARefusal(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.WithholdConsent(graphtest.ReadScope)
	tab := signedIn(t, appURL)

	run(t, tab, press("#lookup"))
	waitText(t, tab, "#lookup-consent", graphtest.ReadScope)
	popupFrom(t, tab, "#lookup-consent-button", "decline")
	waitText(t, tab, "#lookup-error", "refused")
	waitText(t, tab, "#lookup-error", "Grant admin consent")
	formIntact(t, tab, "after a refused consent")
	run(t, tab, press("#send")) // the rest still works
	waitText(t, tab, "#response-status", "204 No Content")

	run(t, tab, press("#lookup"))
	// The refused prompt stays until this Look up asks again: wait for
	// the new one, which has not been refused.
	waitJS(t, tab, `(e => !!e && e.innerText.includes("`+graphtest.ReadScope+`") && !e.innerText.includes("refused"))(document.querySelector("#lookup-consent"))`)
	popupFrom(t, tab, "#lookup-consent-button", "user-admin")
	waitText(t, tab, "#lookup-results", graphtest.ServicePrincipals[0].DisplayName)
	waitText(t, tab, "#lookup-results .match-typed", "service principal's object ID")
}

func isGUID(s string) bool { return len(s) == 36 && strings.Count(s, "-") == 4 }
