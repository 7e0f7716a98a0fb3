//go:build !js

package e2e

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// fillForm types a valid target and values (not the token), for a SCIM
// bearer-token connector's keys (BaseAddress, SecretToken).
func fillForm(t *testing.T, tab context.Context) {
	t.Helper()
	choosePreset(t, tab, "scim-token")
	run(t, tab,
		chromedp.SendKeys("#object-id", graphtest.ServicePrincipals[0].ObjectID, chromedp.ByQuery),
		chromedp.SendKeys("#value-0", "https://scim.example.com/scim", chromedp.ByQuery),
		chromedp.SendKeys("#value-1", "value-never-stored", chromedp.ByQuery),
	)
}

// signInWithPopup clicks Sign in and picks user (a button id of the
// sandbox's sign-in page) in the popup the page opens.
func signInWithPopup(t *testing.T, tab context.Context, user string) {
	t.Helper()
	popupFrom(t, tab, "#sign-in", user)
}

// signedIn opens the app in a new tab, fills the form (fillForm) and signs
// in as the sandbox's administrator.
func signedIn(t *testing.T, appURL string) context.Context {
	t.Helper()
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	signInWithPopup(t, tab, "user-admin")
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	return tab
}

// popupFrom clicks trigger, which opens the sign-in popup, and picks user
// (or #cancel, #decline) there.
func popupFrom(t *testing.T, tab context.Context, trigger, user string) {
	t.Helper()
	// The page closes the popup itself: windowShowing releases its
	// context only after the test, as cancelling it would close it.
	popup, _ := windowShowing(t, tab, trigger, "/oauth2/v2.0/authorize", "#"+user, "the sign-in page")
	run(t, popup, press("#"+user))
}

// redirectSignIn blocks popups as a popup blocker would, presses Sign in
// and waits for the sandbox's sign-in page in the tab itself.
func redirectSignIn(t *testing.T, tab context.Context) {
	t.Helper()
	run(t, tab, chromedp.Evaluate(`window.open = () => null`, nil), press("#sign-in"))
	waitJS(t, tab, `!!document.querySelector("#user-admin")`)
}

// tokenRequests returns what reached the sandbox's token endpoint.
func tokenRequests(sb *graphtest.Server) (posts []graphtest.Recorded, preflights int) {
	for _, r := range sb.Requests() {
		if strings.HasSuffix(r.Path, "/oauth2/v2.0/token") {
			if r.Method == http.MethodOptions {
				preflights++
			} else {
				posts = append(posts, r)
			}
		}
	}
	return posts, preflights
}

// storageDump returns every key and value of both storages.
func storageDump(t *testing.T, tab context.Context) string {
	t.Helper()
	var s string
	run(t, tab, chromedp.Evaluate(`JSON.stringify({local: {...localStorage}, session: {...sessionStorage}})`, &s))
	return s
}

func TestBrowserSignInPopupSendAndSignOut(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	if got := valueOf(t, tab, "#client-id"); got != graphtest.ClientID {
		t.Fatalf("client ID = %q, want the sandbox's prefilled", got)
	}
	signInWithPopup(t, tab, "user-admin")
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	if got := valueOf(t, tab, "#value-1"); got != "value-never-stored" {
		t.Errorf("the popup sign-in lost a typed value: %q", got)
	}
	if w := textOf(t, tab, "#token-warnings"); w != "" {
		t.Errorf("an Application Administrator's token got warnings: %q", w)
	}

	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")

	posts, preflights := tokenRequests(sb)
	if preflights != 0 {
		t.Errorf("%d preflights reached the token endpoint: MSAL's headers were not moved", preflights)
	}
	if len(posts) == 0 {
		t.Fatal("no token request reached the sandbox")
	}
	form, _ := url.ParseQuery(string(posts[0].Body))
	if posts[0].Header.Get("Origin") != appURL || form.Get("grant_type") != "authorization_code" || form.Get("code_verifier") == "" {
		t.Errorf("code redemption: Origin %q, form %v", posts[0].Header.Get("Origin"), form)
	}
	for name := range posts[0].Header {
		if strings.HasPrefix(strings.ToLower(name), "x-client") || strings.EqualFold(name, "client-request-id") {
			t.Errorf("token request carried header %s", name)
		}
	}
	var search string
	run(t, tab, chromedp.Evaluate(`location.search`, &search))
	if search != "" {
		t.Errorf("the URL still carries %q after sign-in", search)
	}

	// A reload of the tab keeps the session (MSAL's cache in sessionStorage).
	run(t, tab, chromedp.Reload())
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
	waitText(t, tab, "#upn", graphtest.AdminUPN)

	stored := storageDump(t, tab)
	if strings.Contains(stored, "value-never-stored") {
		t.Error("a credential value was written to storage")
	}
	if !strings.Contains(stored, `"session":{"synctoken.msal.`) {
		t.Errorf("MSAL's cache is not in sessionStorage, so a reload would sign out: %s", stored)
	}
	var local string
	run(t, tab, chromedp.Evaluate(`JSON.stringify({...localStorage})`, &local))
	if strings.Contains(local, "eyJ") || strings.Contains(local, "msal") || strings.Contains(local, "refresh") {
		t.Errorf("localStorage holds a token: %s", local)
	}

	run(t, tab, press("#sign-out"))
	waitJS(t, tab, `!!document.querySelector("#sign-in")`)
	stored = storageDump(t, tab)
	if !strings.Contains(stored, `"session":{}`) || strings.Contains(stored, "eyJ") {
		t.Errorf("after Sign out the storages hold: %s", stored)
	}
}

func TestBrowserSignInRedirectWhenPopupBlocked(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	fillForm(t, tab)
	run(t, tab, setSelect("#version", "beta"))
	redirectSignIn(t, tab)
	run(t, tab, press("#user-admin"))
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
	waitText(t, tab, "#upn", graphtest.AdminUPN)
	if got := valueOf(t, tab, "#object-id"); got != graphtest.ServicePrincipals[0].ObjectID {
		t.Errorf("object ID not restored after the redirect: %q", got)
	}
	if got := valueOf(t, tab, "#version"); got != "beta" {
		t.Errorf("version not restored: %q", got)
	}
	if got := valueOf(t, tab, "#key-0"); got != "BaseAddress" {
		t.Errorf("keys not restored: %q", got)
	}
	if got := valueOf(t, tab, "#preset"); got != "scim-token" {
		t.Errorf("the preset chooser shows %q after the redirect, not the restored keys' scim-token", got)
	}
	if got := valueOf(t, tab, "#value-1"); got != "" {
		t.Errorf("a credential value survived the redirect, so it was stored: %q", got)
	}
	var href string
	run(t, tab, chromedp.Evaluate(`location.href`, &href))
	if strings.Contains(href, "code=") || strings.Contains(href, "state=") {
		t.Errorf("URL not cleaned: %s", href)
	}
	if _, preflights := tokenRequests(sb); preflights != 0 {
		t.Errorf("%d preflights on the token endpoint", preflights)
	}
}

func TestBrowserRefusesForgedSignInAnswers(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	// An answer no sign-in of this tab asked for.
	open(t, tab, appURL+"/?code=forged&state=forged")
	waitText(t, tab, "#signin-error", "this tab started no sign-in")

	// A sign-in under way, answered with another state.
	redirectSignIn(t, tab)
	open(t, tab, appURL+"/?code=stolen&state=tampered")
	waitText(t, tab, "#signin-error", "state differs")

	// An error from the sign-in page for the sign-in under way, with
	// markup in its description: shown, as text.
	redirectSignIn(t, tab)
	var state string
	run(t, tab, chromedp.Evaluate(`new URL(location.href).searchParams.get("state")`, &state))
	open(t, tab, appURL+`/?error=access_denied&error_description=AADSTS65004%3A+%3Cimg+src%3Dx+onerror%3Dwindow.pwned%3D1%3E&state=`+url.QueryEscape(state))
	msg := waitText(t, tab, "#signin-error", "<img src=x")
	var pwned bool
	run(t, tab, chromedp.Evaluate(`window.pwned === 1 || !!document.querySelector("#signin-error img")`, &pwned))
	if pwned {
		t.Errorf("markup in error_description was rendered: %q", msg)
	}
}

func TestBrowserWarnsUserWithoutAdminRole(t *testing.T) {
	t.Parallel()
	_, appURL := sandboxApp(t)
	tab := newTab(t)
	open(t, tab, appURL)
	signInWithPopup(t, tab, "user-plain")
	waitText(t, tab, "#upn", graphtest.UserUPN)
	waitText(t, tab, "#token-warnings", "holds none of the roles")
}

func TestBrowserRefreshesANearlyExpiredToken(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	sb.SetTokenLifetime(2 * time.Minute) // MSAL renews tokens within 5 minutes of expiry
	tab := signedIn(t, appURL)
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")

	posts, _ := tokenRequests(sb)
	refreshes := 0
	for _, p := range posts {
		if form, _ := url.ParseQuery(string(p.Body)); form.Get("grant_type") == "refresh_token" {
			refreshes++
		}
	}
	if refreshes == 0 {
		t.Errorf("no refresh_token grant before the send; token requests: %d", len(posts))
	}
	graphCalls := graphPosts(sb)
	if len(graphCalls) != 1 {
		t.Fatalf("%d Graph calls", len(graphCalls))
	}
}
