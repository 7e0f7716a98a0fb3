//go:build !js

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"synctoken/app/site"
)

// TestBrowserRefusesToRunFramed frames the published site from a page of
// another origin. The site is served as GitHub Pages serves it, without
// headers, so no frame-ancestors forbids the frame: synctoken.js must
// refuse on its own. The framed document shows why and a link out, never
// the form, and the wasm is never fetched; the same site opened on its own
// works.
func TestBrowserRefusesToRunFramed(t *testing.T) {
	t.Parallel()
	dist := filepath.Join(t.TempDir(), "dist")
	buildDist(t, dist, site.Options{Version: "v-framed"})
	var mu sync.Mutex
	var fetched []string
	files := http.FileServer(http.Dir(dist))
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		fetched = append(fetched, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(host.Close)
	resp, err := http.Get(host.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if h := resp.Header.Get("Content-Security-Policy"); h != "" {
		t.Fatalf("the host sends a CSP header (%s): this test is of the page on its own", h)
	}

	// Framed first: once the site has run on its own, its service worker
	// would serve the frame's files, and the host would not see them.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><title>Win a prize</title><p>Click the button!</p><iframe id="victim" src="%s/" width="900" height="700"></iframe>`, host.URL)
	}))
	t.Cleanup(evil.Close)
	framer := newTab(t)
	// Every request the tab's documents issue, the frame's included (both
	// origins are one site, so one renderer): Chromium reports each as it
	// is issued, before the answer to any later command of this session.
	var issuedMu sync.Mutex
	var issued []string
	chromedp.ListenTarget(framer, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			issuedMu.Lock()
			issued = append(issued, e.Request.URL)
			issuedMu.Unlock()
		}
	})
	run(t, framer, network.Enable(), chromedp.Navigate(evil.URL+"/"))

	// The page may have taken the whole tab (a browser lets some frames
	// navigate the top): then it runs there, unframed. Otherwise the frame
	// says why it does not run.
	var framed string
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var top string
		run(t, framer, chromedp.Evaluate(`location.href`, &top))
		if strings.HasPrefix(top, host.URL) {
			t.Logf("the framed page took the whole tab: %s", top)
			waitJS(t, framer, `!!document.querySelector("#object-id") && !document.querySelector("#framed")`)
			return
		}
		if s, ok := evalInFrame(t, framer, host.URL, `(() => {
			const f = document.querySelector("#framed");
			return f ? JSON.stringify({text: f.innerText, form: !!document.querySelector("#object-id, form, input, .form"),
				loader: !!document.getElementById("app-wasm-loader"), link: f.querySelector("a") && f.querySelector("a").target}) : "";
		})()`); ok && s != "" {
			framed = s
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if framed == "" {
		t.Fatalf("the framed site never said it refuses to run framed\n%s", recentConsole(framer, 20))
	}
	for _, want := range []string{`"form":false`, `"loader":false`, `"link":"_top"`, "does not run inside another page", "Open synctoken on its own"} {
		if !strings.Contains(framed, want) {
			t.Errorf("the framed document: want %s in %s", want, framed)
		}
	}
	// Once the frame's document is complete, its scripts have run, the
	// deferred loader among them: a wasm fetch would have been issued.
	waitFrameComplete(t, framer, host.URL)
	issuedMu.Lock()
	requests := slices.Clone(issued)
	issuedMu.Unlock()
	if !slices.Contains(requests, host.URL+"/") {
		t.Fatalf("the tab's requests were not seen (%v): the check below would pass vacuously", requests)
	}
	mu.Lock()
	seen := fetched
	mu.Unlock()
	for _, p := range append(seen, requests...) {
		if strings.HasSuffix(p, ".wasm") || strings.HasSuffix(p, "/app-worker.js") {
			t.Errorf("framed, the page still fetched %s (issued: %v; served: %v)", p, requests, seen)
		}
	}
	t.Logf("%-36s → %s; fetched %v", "framed by another origin", framed, seen)

	// On its own, the same site runs.
	tab := newTab(t)
	open(t, tab, host.URL+"/")
	if evalBool(t, tab, `!!document.querySelector("#framed")`) {
		t.Fatal("the site says it is framed when it is not")
	}
}

// waitFrameComplete waits for the document of tab's frame at prefix to be
// complete: parsed, and its scripts, deferred ones included, run.
func waitFrameComplete(t *testing.T, tab context.Context, prefix string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if s, ok := evalInFrame(t, tab, prefix, `document.readyState`); ok && s == "complete" {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the frame at %s never completed loading", prefix)
}

// evalInFrame evaluates expr in the first frame of tab whose URL starts
// with prefix, in an isolated world (the frame's own scripts cannot see
// or change it), and returns its string result; ok is false while there
// is no such frame yet.
func evalInFrame(t *testing.T, tab context.Context, prefix, expr string) (string, bool) {
	t.Helper()
	var frameID cdp.FrameID
	var out string
	err := chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
		tree, err := page.GetFrameTree().Do(ctx)
		if err != nil {
			return err
		}
		var find func(*page.FrameTree)
		find = func(n *page.FrameTree) {
			if frameID == "" && n.Frame != nil && n.Frame.ParentID != "" && strings.HasPrefix(n.Frame.URL, prefix) {
				frameID = n.Frame.ID
			}
			for _, c := range n.ChildFrames {
				find(c)
			}
		}
		find(tree)
		if frameID == "" {
			return nil
		}
		world, err := page.CreateIsolatedWorld(frameID).WithWorldName("synctoken-test").Do(ctx)
		if err != nil {
			return err
		}
		res, exc, err := runtime.Evaluate(expr).WithContextID(world).WithReturnByValue(true).Do(ctx)
		if err != nil {
			return err
		}
		if exc != nil {
			return exc
		}
		if len(res.Value) > 0 {
			return json.Unmarshal(res.Value, &out)
		}
		return nil
	}))
	if err != nil {
		t.Logf("evaluating in the frame: %v", err)
		return "", false
	}
	return out, frameID != ""
}
