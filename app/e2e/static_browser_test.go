//go:build !js

package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"synctoken/app/site"
	"synctoken/graph/graphtest"
)

// The published site is tested as admins get it: dist/ written by
// site.Build, served by a plain static file server that, like GitHub
// Pages, sends max-age=600 and answers unknown paths with 404.html.

func buildDist(t *testing.T, out string, o site.Options) {
	t.Helper()
	if err := site.Build(site.BuildConfig{Out: out, Web: filepath.Join(builtSite(t), "web"), Options: o}); err != nil {
		t.Fatal(err)
	}
}

// staticHost serves dir under base like a static host does.
func staticHost(t *testing.T, dir, base string) *httptest.Server {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	prefix := strings.TrimSuffix(base, "/")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, base) && r.URL.Path != prefix {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "max-age=600")
		path := strings.TrimPrefix(r.URL.Path, prefix)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path))); err != nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Write(b)
			return
		}
		r2 := *r
		u := *r.URL
		u.Path = path
		r2.URL = &u
		files.ServeHTTP(w, &r2)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestStaticSiteAtRootAndSubPath(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"/", "/synctoken/"} {
		t.Run(strings.Trim(base, "/")+"root", func(t *testing.T) {
			sb := graphtest.NewServer()
			defer sb.Close()
			dist := filepath.Join(t.TempDir(), "dist")
			buildDist(t, dist, site.Options{Base: base, Sandbox: sb.URL, Version: "v-static"})
			host := staticHost(t, dist, base)
			tab := newTab(t)
			open(t, tab, host.URL+base)
			if got := textOf(t, tab, "#app-version"); got != "v-static" {
				t.Errorf("version shown %q", got)
			}
			choosePreset(t, tab, "scim-token") // the default rows are Authorize's, whose code the sandbox's vendor would refuse
			run(t, tab,
				chromedp.SendKeys("#object-id", graphtest.ServicePrincipals[1].ObjectID, chromedp.ByQuery),
				chromedp.SendKeys("#value-0", "https://scim.example.com", chromedp.ByQuery),
				press("#sandbox-token"),
			)
			waitText(t, tab, "#token-note", "sandbox token")
			run(t, tab, press("#send"))
			waitText(t, tab, "#response-status", "204 No Content")
			if got := textOf(t, tab, "#redirect-uri"); got != host.URL+base {
				t.Errorf("redirect URI shown %q, want %q", got, host.URL+base)
			}
			// A deep link is answered with 404.html, which is the app, and
			// still names the site's root as the redirect URI.
			open(t, tab, host.URL+base+"some/deep/link?x=1")
			if got := textOf(t, tab, "#redirect-uri"); got != host.URL+base {
				t.Errorf("redirect URI on a deep link %q", got)
			}
		})
	}
}

// pagesHost is a GitHub Pages owner's host that the test browser resolves
// to this machine (see newTab).
const pagesHost = "contoso.github.io"

// TestBrowserSharedOriginNotice: the published site, opened as a GitHub
// Pages project site (a sub-path of an owner's github.io host), says that
// it shares its origin and how to get one of its own; the same site at its
// own host's root says nothing.
func TestBrowserSharedOriginNotice(t *testing.T) {
	t.Parallel()
	dist := filepath.Join(t.TempDir(), "dist")
	buildDist(t, dist, site.Options{Base: "/synctoken/", Version: "v-pages"})
	host := staticHost(t, dist, "/synctoken/")
	u, err := url.Parse(host.URL)
	if err != nil {
		t.Fatal(err)
	}
	tab := newTab(t)
	open(t, tab, "http://"+pagesHost+":"+u.Port()+"/synctoken/")
	waitText(t, tab, "#app-version", "v-pages")
	waitText(t, tab, "#shared-origin", "shares its origin, https://"+pagesHost)
	for _, want := range []string{"localStorage", "sessionStorage", "custom domain"} {
		if got := textOf(t, tab, "#shared-origin"); !strings.Contains(got, want) {
			t.Errorf("the notice does not say %q: %s", want, got)
		}
	}
	open(t, tab, host.URL+"/synctoken/")
	waitText(t, tab, "#app-version", "v-pages")
	// The notice's place is drawn in the same render as the version: empty.
	if !evalBool(t, tab, `!!document.querySelector("#origin-area") && !document.querySelector("#shared-origin")`) {
		t.Errorf("the site on its own host (%s) shows the GitHub Pages notice", host.URL)
	}
}

// servedByTheWorker publishes version v1 of the site, opens it twice
// and returns once its service worker controls the tab: the folder to
// redeploy into, the host and the tab.
func servedByTheWorker(t *testing.T) (dist string, host *httptest.Server, tab context.Context) {
	t.Helper()
	dist = filepath.Join(t.TempDir(), "dist")
	buildDist(t, dist, site.Options{Version: "v1"})
	host = staticHost(t, dist, "/")
	tab = newTab(t)
	open(t, tab, host.URL+"/")
	// go-app's worker controls pages from their next load.
	run(t, tab, chromedp.Evaluate(`navigator.serviceWorker.ready.then(() => true)`, nil, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	open(t, tab, host.URL+"/")
	waitJS(t, tab, `!!navigator.serviceWorker.controller`)
	waitText(t, tab, "#app-version", "v1")
	return dist, host, tab
}

// TestStaticSiteWorksOfflineAndPicksUpAnUpdate: the published site runs
// from its worker's cache, offers a redeployed version, and works offline.
// It ran alone once: beside other tests the wasm started late, the browser
// found the new worker first, and the page never offered it
// (TestStaticSiteOffersAnUpdateFoundEarly is that case, now mended).
func TestStaticSiteWorksOfflineAndPicksUpAnUpdate(t *testing.T) {
	t.Parallel()
	dist, host, tab := servedByTheWorker(t)

	// A redeploy: the next visit finds the new worker, which fetches every
	// file past the HTTP cache (max-age=600), and the page offers a reload.
	buildDist(t, dist, site.Options{Version: "v2"})
	open(t, tab, host.URL+"/")
	// The new worker installs only once it has every file, the wasm's
	// megabytes included: with other tests loading pages beside it, that
	// can take longer than a click's wait.
	waitJSFor(t, tab, `!!document.querySelector("#update")`, 90*time.Second)
	waitText(t, tab, "#update", "A new version is available")
	run(t, tab, press("#reload"))
	waitText(t, tab, "#app-version", "v2")

	// The network cut: the app shell still loads from the worker's cache,
	// and the page says sending needs the network.
	host.Close()
	run(t, tab, network.Enable(), network.OverrideNetworkState(true, 0, -1, -1))
	open(t, tab, host.URL+"/")
	waitText(t, tab, "#app-version", "v2")
	waitText(t, tab, "#offline", "You are offline")
	run(t, tab, chromedp.SendKeys("#object-id", "typed offline", chromedp.ByQuery))
	if got := valueOf(t, tab, "#object-id"); got != "typed offline" {
		t.Errorf("the offline form does not take input: %q", got)
	}
}

// TestStaticSiteOffersAnUpdateFoundEarly: the browser may find the new
// version's worker before the app has run (its own update check on a
// navigation, or a slow start of the wasm): the page still offers it.
func TestStaticSiteOffersAnUpdateFoundEarly(t *testing.T) {
	t.Parallel()
	dist, host, tab := servedByTheWorker(t)

	buildDist(t, dist, site.Options{Version: "v2"})
	// At the document's start, before any script of the page: the update
	// is looked for, and found, before the app runs.
	run(t, tab, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`navigator.serviceWorker.getRegistration().then(r => {
			if (!r) return;
			r.addEventListener("updatefound", () => {
				window.synctokenTestUpdateFound = true;
				// go-app's loader keeps the registration once it has registered.
				window.synctokenTestFoundBeforeApp = typeof goappServiceWorkerRegistration === "undefined" || !goappServiceWorkerRegistration;
			});
			r.update();
		})`).Do(ctx)
		return err
	}))
	open(t, tab, host.URL+"/")
	waitJSFor(t, tab, `window.synctokenTestUpdateFound === true`, 60*time.Second)
	if !evalBool(t, tab, `window.synctokenTestFoundBeforeApp === true`) {
		t.Fatal("the new worker was found after the app registered: this test is of one found before")
	}
	waitJSFor(t, tab, `!!document.querySelector("#update")`, 60*time.Second)
	waitText(t, tab, "#update", "A new version is available")
}
