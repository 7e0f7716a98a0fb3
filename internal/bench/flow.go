package main

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"synctoken/graph/graphtest"
	"synctoken/internal/headless"
)

// flowResult counts what synctoken's full sandbox flow (load, sign in
// through the popup, send, 204) puts on the network. Every request is a
// round trip a real admin waits for across the internet, not loopback;
// a preflight on the sign-in host means MSAL's custom headers reached
// Entra, which answers it slowly or not at all.
type flowResult struct {
	siteRequests    int            // requests the static site server received
	sandboxRequests int            // requests the sandbox (Entra + Graph) received
	signInPreflight int            // OPTIONS on /oauth2/v2.0/token: must be 0
	graphPreflight  int            // OPTIONS on acquireAccessToken: expected, 1
	pageRequests    int            // Network.requestWillBeSent in the tab
	popupRequests   int            // the same in the sign-in popup, once attached
	twice           map[string]int // URLs the tab fetched more than once
	sandboxByPath   map[string]int // "METHOD path" at the sandbox
	took            time.Duration
}

// runFlow builds synctoken's site pointing at a fresh sandbox, serves it,
// and drives the flow as the browser tests do (app/e2e/signin_browser_test.go).
func runFlow(parent context.Context, chrome, tool, root, dir string, noPrecompress bool) (*flowResult, error) {
	sb := graphtest.NewServer()
	defer sb.Close()
	extra := []string{"-sandbox", sb.URL}
	if noPrecompress {
		extra = append(extra, "-precompress=false")
	}
	if err := writeSite(tool, root, dir, extra...); err != nil {
		return nil, err
	}
	srv, err := serve(dir)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	sb.AllowRedirectURI(srv.URL + "/")

	tab, stop, err := startBrowser(parent, chrome)
	if err != nil {
		return nil, err
	}
	defer stop()
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var pageReqs, popupReqs []*network.EventRequestWillBeSent
	record := func(into *[]*network.EventRequestWillBeSent) func(any) {
		return func(ev any) {
			if e, ok := ev.(*network.EventRequestWillBeSent); ok {
				mu.Lock()
				*into = append(*into, e)
				mu.Unlock()
			}
		}
	}
	chromedp.ListenTarget(tab, record(&pageReqs))
	srv.reset()
	start := time.Now()

	fail := func(what string, err error) (*flowResult, error) {
		var text string
		chromedp.Run(tab, chromedp.Evaluate(`(document.querySelector(".form")||document.body).innerText.slice(0, 1500)`, &text))
		var reqs []string
		for _, q := range sb.Requests() {
			reqs = append(reqs, q.Method+" "+q.Path)
		}
		site, _ := srv.reset()
		if infos, err := chromedp.Targets(tab); err == nil {
			for _, i := range infos {
				reqs = append(reqs, "[target "+string(i.Type)+" "+i.URL+"]")
			}
		}
		return nil, fmt.Errorf("flow: %s: %v\nthe sandbox received: %s\nthe site received: %s\nthe page says:\n%s",
			what, err, strings.Join(reqs, ", "), strings.Join(site, ", "), text)
	}
	if err := chromedp.Run(tab, chromedp.Navigate(srv.URL+"/")); err != nil {
		return fail("opening the site", err)
	}
	if err := waitJS(tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`); err != nil {
		return fail("waiting for the form", err)
	}
	// The SCIM preset's rows: the default rows are Authorize's, whose code
	// the sandbox redeems at its vendor, and a made-up one is refused. The
	// flow measures the page's requests, which are the same for both. The
	// steps open first: a fresh page builds only the two at hand.
	if err := chromedp.Run(tab, headless.Press("#open-all-steps")); err != nil {
		return fail("opening the steps", err)
	}
	if err := waitJS(tab, `!!document.querySelector("#preset")`); err != nil {
		return fail("waiting for the steps", err)
	}
	if err := chromedp.Run(tab,
		chromedp.SendKeys("#object-id", graphtest.ServicePrincipals[0].ObjectID, chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const s = document.querySelector("#preset"); s.value = "scim-token"; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, nil),
	); err != nil {
		return fail("choosing the SCIM preset", err)
	}
	if err := waitJS(tab, `(document.querySelector("#key-0")||{}).value === "BaseAddress" && (document.querySelector("#key-1")||{}).value === "SecretToken"`); err != nil {
		return fail("waiting for the SCIM rows", err)
	}
	if err := chromedp.Run(tab,
		chromedp.SendKeys("#value-0", "https://scim.example.com/scim", chromedp.ByQuery),
		chromedp.SendKeys("#value-1", "bench-secret-token", chromedp.ByQuery),
	); err != nil {
		return fail("filling the form", err)
	}
	// Attach once the popup shows the sign-in page, not while it still
	// navigates from about:blank, which can hang the first command.
	popupID := chromedp.WaitNewTarget(tab, func(info *target.Info) bool {
		return info.Type == "page" && strings.Contains(info.URL, "/oauth2/v2.0/authorize")
	})
	if err := chromedp.Run(tab, headless.Press("#sign-in")); err != nil {
		return fail("clicking Sign in", err)
	}
	var id target.ID
	select {
	case id = <-popupID:
	case <-time.After(20 * time.Second):
		return fail("Sign in", fmt.Errorf("no popup opened"))
	}
	// The page closes the popup itself; cancelling its context would
	// close it first, so it is released only with the browser.
	popup, cancelPopup := chromedp.NewContext(tab, chromedp.WithTargetID(id))
	defer cancelPopup()
	chromedp.ListenTarget(popup, record(&popupReqs))
	if err := waitJS(popup, `!!document.querySelector("#user-admin")`); err != nil {
		return fail("waiting for the sandbox's sign-in page", err)
	}
	if err := chromedp.Run(popup, headless.Press("#user-admin")); err != nil {
		return fail("picking the admin user", err)
	}
	if err := waitJS(tab, `(document.querySelector("#upn")||{}).textContent === `+jsString(graphtest.AdminUPN)); err != nil {
		return fail("waiting for the signed-in UPN", err)
	}
	if err := chromedp.Run(tab, headless.Press("#send")); err != nil {
		return fail("clicking Send", err)
	}
	if err := waitJS(tab, `((document.querySelector("#response-status")||{}).textContent||"").includes("204")`); err != nil {
		return fail("waiting for 204", err)
	}
	time.Sleep(300 * time.Millisecond) // late events and requests land

	r := &flowResult{twice: map[string]int{}, sandboxByPath: map[string]int{}, took: time.Since(start)}
	siteReqs, _ := srv.reset()
	r.siteRequests = len(siteReqs)
	for _, q := range sb.Requests() {
		r.sandboxRequests++
		r.sandboxByPath[q.Method+" "+q.Path]++
		if q.Method == http.MethodOptions {
			switch {
			case strings.HasSuffix(q.Path, "/oauth2/v2.0/token"):
				r.signInPreflight++
			case strings.HasSuffix(q.Path, "/acquireAccessToken"):
				r.graphPreflight++
			}
		}
	}
	mu.Lock()
	defer mu.Unlock()
	r.pageRequests, r.popupRequests = len(pageReqs), len(popupReqs)
	// A redirect is one request with several URLs, and the Graph call is
	// a preflight then the POST: neither is a URL fetched twice.
	seen := map[string]int{}
	for _, e := range pageReqs {
		u := e.Request.URL
		if e.Type == network.ResourceTypePreflight || e.Request.Method == http.MethodOptions || strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			continue
		}
		if i := strings.IndexByte(u, '#'); i >= 0 {
			u = u[:i]
		}
		seen[e.Request.Method+" "+u]++
	}
	for u, n := range seen {
		if n > 1 {
			r.twice[u] = n
		}
	}
	return r, nil
}

// waitJS polls expr in ctx until it is true, for 30 s, every 50 ms as
// the browser tests do.
func waitJS(ctx context.Context, expr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for {
		var ok bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(expr, &ok)); err != nil {
			return err
		}
		if ok {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("still false after 30s: %s", expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return fmt.Sprintf("%q", s)
}

// sortedKeys returns m's keys in order, for stable output.
func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
