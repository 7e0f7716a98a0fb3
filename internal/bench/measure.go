package main

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// load is one run's measures of one site.
type load struct {
	cold, warm time.Duration
	coldGo     time.Duration // of cold: from go.run (wasm compiled) to usable
	warmGo     time.Duration // of warm: the same
	transfer   int64         // encodedDataLength summed over the first visit
	served     int64         // bytes the server sent meanwhile, service worker included
	throttled  time.Duration // cold again, over the throttled network
	elements   int           // elements in the body at the cold load's first usable render
}

// The throttled network of the row "cold over 20 Mbit/s": what an admin on
// a laptop has, where loopback has no latency and no limit. Chromium
// applies it in its network stack to the page's requests, the navigation
// and the wasm included.
const (
	throttleLatency = 40          // ms, from a request sent to its headers received
	throttleDown    = 20e6 / 8    // bytes/s: 20 Mbit/s
	throttleUp      = 5e6 / 8     // bytes/s: 5 Mbit/s
	throttleLabel   = "20 Mbit/s" // as the report names it
)

// usableScript is installed before any script of every page: it records
// performance.now() (time since the navigation started) at the first
// moment the document is parsed, go-app's loader is gone and the page's
// first <label> is visible, i.e. the wasm has started and rendered. (While
// the HTML is still parsing, the label may already be there and the
// loader, further down, not yet.) A MutationObserver
// sees the loader's removal as it happens, so no polling from the bench
// delays or perturbs the measure. At that moment it also counts the
// elements in the body: what the first render built, not what later
// renders add.
const usableScript = `(() => {
  let resolve;
  window.__benchUsable = new Promise((r) => (resolve = r));
  // When wasm_exec.js defines Go, wrap its run: the wasm is compiled and
  // instantiated then, and Go's runtime, package init and first render follow.
  let G;
  Object.defineProperty(globalThis, "Go", { configurable: true, get() { return G; }, set(v) {
    const run = v.prototype.run;
    v.prototype.run = function (i) { if (!window.__benchGoRun) window.__benchGoRun = performance.now(); return run.call(this, i); };
    G = v;
  } });
  const usable = () => {
    if (document.readyState === "loading" || document.getElementById("app-wasm-loader")) return false;
    const l = document.querySelector("label");
    if (!l || !l.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const r = l.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  let done = false, timer;
  const check = () => {
    if (done || !usable()) return;
    done = true;
    window.__benchElements = document.body.querySelectorAll("*").length;
    resolve(performance.now());
    observer.disconnect();
    clearInterval(timer);
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  timer = setInterval(check, 20); // styles can change visibility without a mutation
})()`

// measureLoads loads each site runs times, interleaving the sites within a
// run and rotating who goes first, so that any drift of the machine
// (another build, thermal) weighs on all sites alike.
func measureLoads(ctx context.Context, chrome string, sites []*site, runs int, q *quiet) error {
	servers := make([]*server, len(sites))
	for i, s := range sites {
		srv, err := serve(s.dir)
		if err != nil {
			return err
		}
		defer srv.Close()
		servers[i] = srv
	}
	// A first start pays for reading Chromium from disk: for no site.
	if _, stop, err := startBrowser(ctx, chrome); err == nil {
		stop()
	}
	for r := 0; r < runs; r++ {
		for k := range sites {
			i := (r + k) % len(sites) // each site goes first in turn
			s := sites[i]
			if q != nil {
				q.waitQuiet()
			}
			l, enc, err := measureOnce(ctx, chrome, servers[i])
			if err != nil {
				return fmt.Errorf("%s, run %d: %v", s.name, r+1, err)
			}
			if q != nil {
				q.waitQuiet()
			}
			if l.throttled, err = measureThrottled(ctx, chrome, servers[i]); err != nil {
				return fmt.Errorf("%s, run %d, throttled: %v", s.name, r+1, err)
			}
			s.loads = append(s.loads, l)
			s.enc = enc
			step(fmt.Sprintf("  %-10s run %d: cold %4d ms, warm %4d ms, first visit %.2f MB, cold at %s %4d ms",
				s.name, r+1, l.cold.Milliseconds(), l.warm.Milliseconds(), float64(l.transfer)/1e6, throttleLabel, l.throttled.Milliseconds()))
		}
	}
	return nil
}

// measureOnce starts a fresh browser, loads the site cold, waits for the
// service worker to be active, then loads it again warm. enc is the
// Content-Encoding the wasm came with.
func measureOnce(parent context.Context, chrome string, srv *server) (l load, enc string, err error) {
	tab, stop, err := startBrowser(parent, chrome)
	if err != nil {
		return l, "", err
	}
	defer stop()
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()

	var mu sync.Mutex
	var transfer int64
	chromedp.ListenTarget(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventLoadingFinished:
			transfer += int64(e.EncodedDataLength)
		case *network.EventResponseReceived:
			if strings.HasSuffix(e.Response.URL, "/web/app.wasm") && enc == "" {
				enc = header(e.Response.Headers, "Content-Encoding")
				if enc == "" {
					enc = "identity"
				}
			}
		}
	})
	if err := chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(usableScript).Do(ctx)
		return err
	})); err != nil {
		return l, "", err
	}
	srv.reset()

	var goRun time.Duration
	if l.cold, goRun, l.elements, err = navigateUntilUsable(tab, srv.URL+"/"); err != nil {
		return l, "", fmt.Errorf("cold load: %v", err)
	}
	if goRun > 0 {
		l.coldGo = l.cold - goRun
	}
	// go-app registers its worker on every load; the second visit is
	// warm only once the worker is activated, and then it controls it.
	var state string
	if err := chromedp.Run(tab, evalAwait(`navigator.serviceWorker.ready.then((reg) => new Promise((resolve) => {
		const w = reg.active;
		if (w.state === "activated") return resolve(w.state);
		w.addEventListener("statechange", () => { if (w.state === "activated") resolve(w.state); });
	}))`, &state)); err != nil {
		return l, "", fmt.Errorf("waiting for the service worker: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // let the last loadingFinished events arrive
	mu.Lock()
	l.transfer = transfer
	mu.Unlock()
	_, l.served = srv.reset()

	if l.warm, goRun, _, err = navigateUntilUsable(tab, srv.URL+"/"); err != nil {
		return l, "", fmt.Errorf("warm load: %v", err)
	}
	if goRun > 0 {
		l.warmGo = l.warm - goRun
	}
	var controlled bool
	if err := chromedp.Run(tab, chromedp.Evaluate(`!!navigator.serviceWorker.controller`, &controlled)); err != nil {
		return l, "", err
	}
	if !controlled {
		return l, "", errors.New("the second visit was not controlled by the service worker: it was not warm")
	}
	mu.Lock()
	defer mu.Unlock()
	return l, enc, nil
}

// measureThrottled starts a fresh browser, throttles its tab's network and
// loads the site cold. It fails when Chromium says it did not throttle the
// wasm's request.
func measureThrottled(parent context.Context, chrome string, srv *server) (time.Duration, error) {
	tab, stop, err := startBrowser(parent, chrome)
	if err != nil {
		return 0, err
	}
	defer stop()
	tab, cancel := context.WithTimeout(tab, 2*time.Minute)
	defer cancel()

	// Which requests Chromium throttled, by the rule it applied.
	var mu sync.Mutex
	var wasmID network.RequestID
	applied := map[network.RequestID]string{}
	chromedp.ListenTarget(tab, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if strings.HasSuffix(e.Request.URL, "/web/app.wasm") && wasmID == "" {
				wasmID = e.RequestID
			}
		case *network.EventRequestWillBeSentExtraInfo:
			applied[e.RequestID] = e.AppliedNetworkConditionsID
		}
	})
	var rules []string
	if err := chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
		if _, err := page.AddScriptToEvaluateOnNewDocument(usableScript).Do(ctx); err != nil {
			return err
		}
		// One rule with no URL pattern: every request of the tab.
		var err error
		rules, err = network.EmulateNetworkConditionsByRule([]*network.Conditions{{
			Latency:            throttleLatency,
			DownloadThroughput: throttleDown,
			UploadThroughput:   throttleUp,
		}}).Do(ctx)
		return err
	})); err != nil {
		return 0, err
	}
	usable, _, _, err := navigateUntilUsable(tab, srv.URL+"/")
	if err != nil {
		return 0, err
	}
	mu.Lock()
	defer mu.Unlock()
	if wasmID == "" {
		return 0, errors.New("the page was usable but its wasm's request was not seen")
	}
	if id := applied[wasmID]; id == "" || !slices.Contains(rules, id) {
		return 0, fmt.Errorf("the wasm's request was not throttled (rule %q applied, %q set)", id, rules)
	}
	return usable, nil
}

// navigateUntilUsable navigates and returns the time from the start of the
// navigation to the page being usable, and to go.run, as the page measured
// them (goRun is 0 if the page never ran Go through wasm_exec.js's Go), and
// how many elements the body held then.
func navigateUntilUsable(tab context.Context, url string) (usable, goRun time.Duration, elements int, err error) {
	var ms struct {
		Usable, GoRun float64
		Elements      int
	}
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	defer cancel()
	if err := chromedp.Run(ctx, chromedp.Navigate(url),
		evalAwait(`window.__benchUsable.then((usable) => ({ Usable: usable, GoRun: window.__benchGoRun || 0, Elements: window.__benchElements }))`, &ms)); err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			var state string
			chromedp.Run(tab, chromedp.Evaluate(`(document.getElementById("app-wasm-loader")||{}).innerText || "loader gone; labels: " + document.querySelectorAll("label").length`, &state))
			return 0, 0, 0, fmt.Errorf("not usable after 60s (%s)", state)
		}
		return 0, 0, 0, err
	}
	ms2d := func(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }
	return ms2d(ms.Usable), ms2d(ms.GoRun), ms.Elements, nil
}

// evalAwait evaluates expr and waits for the promise it returns.
func evalAwait(expr string, res any) chromedp.Action {
	return chromedp.Evaluate(expr, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	})
}

// header reads a header case-insensitively from CDP's header map.
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}
