//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
)

// TestBrowserSurvivesAPanic checks that a Go panic never leaves a dead
// page: one in a handler is recovered and shown with Reload while the form
// keeps its values; one that nothing can recover (a goroutine) stops the
// wasm, and web/synctoken.js then says so with a Reload button.
func TestBrowserSurvivesAPanic(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)

	run(t, tab, chromedp.Evaluate(`synctokenPanic("handler")`, nil))
	waitText(t, tab, "#crash-message", "test panic in a handler")
	formIntact(t, tab, "after a recovered panic")
	run(t, tab, press("#send"))
	waitText(t, tab, "#response-status", "204 No Content") // still working
	run(t, tab, press("#crash-dismiss"))
	waitJS(t, tab, `!document.querySelector("#crash")`)

	run(t, tab, chromedp.Evaluate(`synctokenPanic("goroutine")`, nil))
	// The next event reaches a program that has exited.
	waitJS(t, tab, `(() => { try { document.querySelector("#add-credential").click() } catch (e) {} ; return !!document.querySelector("#crashed") })()`)
	waitText(t, tab, "#crashed", "Reload")
	run(t, tab, press("#crashed-reload"))
	// The reload brings a working page back.
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id") && !document.querySelector("#crashed")`)
	openStep(t, tab, "credentials") // a fresh page opens Sign in and Application only
	rows := evalInt(t, tab, `document.querySelectorAll("input[id^=key-]").length`)
	run(t, tab, press("#add-credential"))
	waitJS(t, tab, fmt.Sprintf(`document.querySelectorAll("input[id^=key-]").length === %d`, rows+1))
}

// TestBrowserMarkupFromGraphIsInert sends Graph error messages and bodies
// carrying markup: they render as text, and no injected handler runs.
func TestBrowserMarkupFromGraphIsInert(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)
	for _, c := range []struct{ body, shows string }{
		{graphError("<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=2</script><b onmouseover=window.__pwned=3>bold</b>"), "<script>window.__pwned=2"},
		// shows differs from the first answer's, which stays on the page until this one's.
		{`{"error":{"code":"BadRequest","message":"Requested value '<img src=x onerror=window.__pwned=4>' was not found."}}`, "window.__pwned=4>' was not found"},
	} {
		sb.Respond(graphtest.Reply{Status: 400, Body: c.body})
		run(t, tab, press("#send"))
		waitText(t, tab, "#response-status", "400")
		waitText(t, tab, "#response", c.shows)
		if evalBool(t, tab, `document.querySelectorAll(".panels img, .panels script, .panels b, #explanation img").length > 0`) {
			t.Error("markup from Graph became elements")
		}
		if evalBool(t, tab, `window.__pwned !== undefined`) {
			t.Fatal("an injected handler ran")
		}
	}
}

// TestBrowserLeavesNoSecretBehind runs a full flow (sign in, values, send,
// Look up, copies without values) and then reads every place a page can
// keep data: localStorage, sessionStorage, IndexedDB, the Cache Storage,
// the URL, the console and the history (TestBrowserGetTheCodeOnThisPage
// audits the same places after Get the code, for the vendor's code). None holds a credential value or a token, but
// the MSAL cache entry in sessionStorage, which holds the tokens by design
// (this tab only, removed on Sign out) and never a value.
func TestBrowserLeavesNoSecretBehind(t *testing.T) {
	t.Parallel()
	sb, appURL := sandboxApp(t)
	tab := signedIn(t, appURL)
	run(t, tab, press("#reveal"), press("#send"))
	waitText(t, tab, "#response-status", "204 No Content")
	run(t, tab, press("#lookup"))
	waitText(t, tab, "#lookup-results", graphtest.ServicePrincipals[0].DisplayName)
	run(t, tab, chromedp.Evaluate(`navigator.clipboard.writeText = async (s) => { window.__copied = s }`, nil),
		press("#copy"))
	waitJS(t, tab, `!!window.__copied`) // an empty copy would hide nothing

	secrets := append([]string{"value-never-stored", "https://scim.example.com/scim"}, sentTokens(t, sb)...)
	if msal := noSecretLeft(t, tab, secrets, 2); msal == "" {
		t.Error("no MSAL cache entry in sessionStorage: the audit read the wrong place")
	}
}

// sentTokens returns the start of every token that reached the sandbox's
// Graph: enough to find one anywhere.
func sentTokens(t *testing.T, sb *graphtest.Server) []string {
	t.Helper()
	var tokens []string
	for _, r := range sb.Requests() {
		if a := r.Header.Get("Authorization"); strings.HasPrefix(a, "Bearer ") {
			tokens = append(tokens, strings.TrimPrefix(a, "Bearer ")[:60]) // a prefix is enough to find it
		}
	}
	if len(tokens) == 0 {
		t.Fatal("no token reached Graph")
	}
	return tokens
}

// noSecretLeft reads every place a page can keep data (localStorage,
// sessionStorage, IndexedDB, the Cache Storage, the URL, the console, the
// history and the last copied snippet) and fails for each of secrets found
// in one. MSAL's cache entry in sessionStorage holds the tokens by design:
// it is checked only for the first values of secrets (credential values,
// codes), and returned, "" when there is none.
func noSecretLeft(t *testing.T, tab context.Context, secrets []string, values int) (msal string) {
	t.Helper()
	var dump struct {
		Local, Session   map[string]string
		IndexedDB        []string
		Caches           []string
		URL, Copied, Log string
	}
	run(t, tab, chromedp.Evaluate(`(async () => {
		const session = {...sessionStorage};
		for (const k of Object.keys(session)) if (k.startsWith("synctoken.msal.")) session[k] = "(MSAL cache: " + session[k].length + " bytes)";
		const idb = [];
		for (const info of (await indexedDB.databases())) idb.push(info.name);
		const caches_ = [];
		for (const name of await caches.keys()) {
			const c = await caches.open(name);
			for (const req of await c.keys()) {
				const res = await c.match(req);
				const type = res.headers.get("content-type") || "";
				caches_.push(req.url + (type.includes("wasm") ? "" : " " + (await res.text())));
			}
		}
		const history = document.querySelector("#history");
		return {Local: {...localStorage}, Session: session, IndexedDB: idb, Caches: caches_, URL: location.href,
			Copied: window.__copied || "", Log: history ? history.innerText : ""};
	})()`, &dump, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))

	run(t, tab, chromedp.Evaluate(`Object.keys(sessionStorage).filter(k => k.startsWith("synctoken.msal.")).map(k => sessionStorage[k]).join("")`, &msal))
	places := map[string]string{
		"localStorage": fmt.Sprint(dump.Local), "sessionStorage (but MSAL's entry)": fmt.Sprint(dump.Session),
		"IndexedDB": strings.Join(dump.IndexedDB, " "), "Cache Storage": strings.Join(dump.Caches, "\n"),
		"the URL": dump.URL, "the copied snippet": dump.Copied, "the console": recentConsole(tab, 0), "the history": dump.Log,
	}
	for place, text := range places {
		for _, s := range secrets {
			if strings.Contains(text, s) || strings.Contains(text, url.QueryEscape(s)) {
				t.Errorf("%s holds %.20q…", place, s)
			}
		}
		t.Logf("%-34s → %d bytes, no value, no token", place, len(text))
	}
	for _, v := range secrets[:values] {
		if strings.Contains(msal, v) {
			t.Errorf("MSAL's cache entry holds a credential value or code")
		}
	}
	if len(dump.IndexedDB) != 0 {
		t.Errorf("the page created IndexedDB databases: %v", dump.IndexedDB)
	}
	return msal
}
