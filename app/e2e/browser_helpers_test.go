//go:build !js

package e2e

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	ui "synctoken/app"
	"synctoken/app/site"
	"synctoken/graph/graphtest"
	"synctoken/internal/headless"
	"synctoken/internal/wasmbuild"
)

// The browser tests run the built wasm in Debian's headless Chromium
// against a sandbox on its own port: the only place where fetch, CORS and
// the real DOM are exercised.

var (
	siteOnce sync.Once
	siteDir  string
	siteErr  error

	browserOnce   sync.Once
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
)

func TestMain(m *testing.M) {
	ui.Route()
	code := m.Run()
	if browserCancel != nil {
		browserCancel()
	}
	if siteDir != "" {
		os.RemoveAll(siteDir)
	}
	os.Exit(code)
}

// builtSite builds the wasm once into a temporary root holding a copy of web/.
func builtSite(t *testing.T) string {
	t.Helper()
	skipShort(t)
	siteOnce.Do(func() {
		siteDir, siteErr = os.MkdirTemp("", "synctoken-site-")
		if siteErr != nil {
			return
		}
		web := filepath.Join(siteDir, "web")
		if siteErr = os.MkdirAll(web, 0o755); siteErr != nil {
			return
		}
		entries, _ := os.ReadDir("../../web")
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), "app.wasm") {
				continue
			}
			b, err := os.ReadFile(filepath.Join("../../web", e.Name()))
			if err == nil {
				err = os.WriteFile(filepath.Join(web, e.Name()), b, 0o644)
			}
			if err != nil {
				siteErr = err
				return
			}
		}
		_, siteErr = wasmbuild.Build("../..", ".", filepath.Join(web, "app.wasm"))
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteDir
}

// skipShort skips a browser test under go test -short, saying why, so that
// `go test -short ./...` is a quick loop; make test runs them all.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped under -short (it builds the wasm and drives headless Chromium); make test runs it")
	}
}

// serveApp serves the app, its Sandbox cloud pointing at sandboxURL.
func serveApp(t *testing.T, sandboxURL string) string {
	t.Helper()
	return serveAppWith(t, sandboxURL, 0)
}

// serveAppWith is serveApp with a request timeout (0: the default).
func serveAppWith(t *testing.T, sandboxURL string, timeout time.Duration) string {
	t.Helper()
	o := site.Options{Sandbox: sandboxURL, SandboxClientID: graphtest.ClientID, Resources: site.Dir(builtSite(t)),
		Version: "test", Timeout: timeout}
	srv := httptest.NewServer(site.SecurityHeaders(o, site.PolicyFirst(site.Handler(o))))
	t.Cleanup(srv.Close)
	return srv.URL
}

// sandboxApp starts a sandbox and the app pointing at it, the app's URL
// registered as the sandbox client's redirect URI. The test fails if a
// preflight reaches the sandbox's sign-in endpoints (noSignInPreflights).
func sandboxApp(t *testing.T) (*graphtest.Server, string) {
	t.Helper()
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	noSignInPreflights(t, sb)
	appURL := serveApp(t, sb.URL)
	sb.AllowRedirectURI(appURL + "/")
	return sb, appURL
}

// run runs chromedp actions in tab, failing the test on error.
func run(t *testing.T, tab context.Context, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(tab, actions...); err != nil {
		t.Fatal(err)
	}
}

// settled returns once the page has rendered everything dispatched before
// it: go-app handles events in order but renders later, so a check right
// after typing can read the DOM before the render that could undo it.
// It flips Reveal values, whose effect only a render shows (the class
// that masks #value-0), and back.
//
// On a page whose Credentials step is closed, opening it is that round
// trip (openStep waits for the body to render).
func settled(t *testing.T, tab context.Context) {
	t.Helper()
	if !evalBool(t, tab, `!!document.querySelector("#value-0")`) {
		openStep(t, tab, "credentials")
		if !evalBool(t, tab, `!!document.querySelector("#value-0")`) {
			return // no row to flip: the step's render was the round trip
		}
	}
	const class = `document.querySelector("#value-0").className`
	was := evalString(t, tab, class, "#value-0's class")
	run(t, tab, press("#reveal"))
	waitJS(t, tab, class+` !== "`+was+`"`)
	run(t, tab, press("#reveal"))
	waitJS(t, tab, class+` === "`+was+`"`)
}

// press is headless.Press: every click of these tests goes through it.
func press(sel string) chromedp.Action { return headless.Press(sel) }

// console is what one test's pages printed, for failure messages. Each
// tab keeps its own, so that tests running in parallel never read, or
// search for secrets in, another test's lines.
type console struct {
	mu    sync.Mutex
	lines []string
}

type consoleKey struct{}

func (c *console) log(line string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.lines = append(c.lines, line)
}

// consoleOf is the console of tab, or of the tab it was opened from.
func consoleOf(tab context.Context) *console {
	if c, ok := tab.Value(consoleKey{}).(*console); ok {
		return c
	}
	return &console{}
}

// pageReport says, for a failure message, where the page is, what its
// form (or body) reads and what the pages last printed.
func pageReport(tab context.Context) string {
	var where, page string
	chromedp.Run(tab, chromedp.Evaluate(`location.href`, &where),
		chromedp.Evaluate(`(document.querySelector(".form")||document.body).innerText.slice(0, 3000)`, &page))
	return fmt.Sprintf("at %s the page says:\n%s\nconsole:\n%s", where, page, recentConsole(tab, 30))
}

// recentConsole is the last n lines tab's pages printed (every line when
// n is 0), one string.
func recentConsole(tab context.Context, n int) string {
	c := consoleOf(tab)
	c.mu.Lock()
	defer c.mu.Unlock()
	if n == 0 {
		n = len(c.lines)
	}
	return strings.Join(c.lines[max(0, len(c.lines)-n):], "\n")
}

// newTab opens a fresh tab in one shared headless Chromium, in a browser
// context of its own: tests run in parallel, and each test's pages get
// their own storage, cache and connection pool. A shared pool let a test
// reuse a kept-alive connection to a loopback port that an earlier test's
// server had closed and a new server then took (see CONTRIBUTING,
// "Browser tests").
func newTab(t *testing.T) context.Context {
	t.Helper()
	skipShort(t)
	browserOnce.Do(func() {
		path, err := headless.Path()
		if err != nil {
			browserErr = err
			return
		}
		profile, err := os.MkdirTemp("", "synctoken-chromium-")
		if err != nil {
			browserErr = err
			return
		}
		// pagesHost resolves to this machine, so that a site served here can
		// be opened at a GitHub Pages address (TestBrowserSharedOriginNotice).
		opts := append(headless.Options(path, profile), chromedp.Flag("host-resolver-rules", "MAP "+pagesHost+" 127.0.0.1"))
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelCtx := chromedp.NewContext(alloc)
		browserCtx = ctx
		browserCancel = func() { cancelCtx(); cancelAlloc(); os.RemoveAll(profile) }
		browserErr = chromedp.Run(ctx) // starts the browser
	})
	if browserErr != nil {
		t.Fatal(browserErr)
	}
	con := &console{}
	// chromedp's WithNewBrowserContext asks for a tab without a window,
	// which this Chromium refuses in a new browser context ("no browser is
	// open"): the context and its first window are made here.
	var bc cdp.BrowserContextID
	var id target.ID
	if err := chromedp.Run(browserCtx, chromedp.ActionFunc(func(ctx context.Context) error {
		c := chromedp.FromContext(ctx)
		browser := cdp.WithExecutor(ctx, c.Browser)
		var err error
		if bc, err = target.CreateBrowserContext().WithDisposeOnDetach(true).Do(browser); err != nil {
			return err
		}
		id, err = target.CreateTarget("about:blank").WithBrowserContextID(bc).WithNewWindow(true).Do(browser)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	parent := context.WithValue(context.WithValue(browserCtx, consoleKey{}, con), browserContextKey{}, bc)
	tab, cancel := chromedp.NewContext(parent, chromedp.WithTargetID(id))
	t.Cleanup(func() {
		chromedp.Run(browserCtx, chromedp.ActionFunc(func(ctx context.Context) error {
			return target.DisposeBrowserContext(bc).Do(cdp.WithExecutor(ctx, chromedp.FromContext(ctx).Browser))
		}))
	})
	tab, cancelTimeout := context.WithTimeout(tab, 90*time.Second)
	// Every page of every test fails on a Content-Security-Policy
	// violation: the listener is installed before any script of the page.
	var mu sync.Mutex
	var violations []string
	chromedp.ListenTarget(tab, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			var msg []string
			for _, a := range e.Args {
				msg = append(msg, string(a.Value)+a.Description)
			}
			line := strings.Join(msg, " ")
			if strings.Contains(line, "CSP violation") {
				mu.Lock()
				violations = append(violations, line)
				mu.Unlock()
			}
			con.log(string(e.Type) + ": " + line)
		case *runtime.EventExceptionThrown:
			con.log("exception: " + e.ExceptionDetails.Error())
		}
	})
	if err := chromedp.Run(tab, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(`document.addEventListener("securitypolicyviolation", (e) => console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI))`).Do(ctx)
		return err
	})); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancelTimeout()
		cancel()
		mu.Lock()
		defer mu.Unlock()
		for _, v := range violations {
			t.Errorf("the page broke its Content-Security-Policy: %s", v)
		}
	})
	return tab
}

// ours reports whether a window belongs to tab's test: tests run in
// parallel in one Chromium, and every tab hears of every window opened.
func ours(tab context.Context, info *target.Info) bool {
	bc, ok := tab.Value(browserContextKey{}).(cdp.BrowserContextID)
	return ok && info.BrowserContextID == bc
}

type browserContextKey struct{}

// windowShowing presses trigger and returns the new window of tab's test
// whose address holds urlPart, attached once ready (selector) is there.
// It waits for the address rather than the window: attaching while a
// popup still navigates from about:blank can hang the first command.
func windowShowing(t *testing.T, tab context.Context, trigger, urlPart, ready, what string) (context.Context, target.ID) {
	t.Helper()
	found := make(chan target.ID, 1)
	lctx, stop := context.WithCancel(tab)
	defer stop()
	chromedp.ListenTarget(lctx, func(ev any) {
		var info *target.Info
		switch ev := ev.(type) {
		case *target.EventTargetCreated:
			info = ev.TargetInfo
		case *target.EventTargetInfoChanged:
			info = ev.TargetInfo
		default:
			return
		}
		if info.Type == "page" && !info.Attached && ours(tab, info) && strings.Contains(info.URL, urlPart) {
			select {
			case found <- info.TargetID:
			default:
			}
		}
	})
	run(t, tab, press(trigger))
	var id target.ID
	select {
	case id = <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("no window showed %s within 20 s\n%s", what, pageReport(tab))
	}
	w, cancel := chromedp.NewContext(tab, chromedp.WithTargetID(id))
	t.Cleanup(cancel)
	waitJS(t, w, `!!document.querySelector("`+ready+`")`)
	return w, id
}

// ourTargets lists the windows of tab's test.
func ourTargets(t *testing.T, tab context.Context) []*target.Info {
	t.Helper()
	infos, err := chromedp.Targets(tab)
	if err != nil {
		t.Fatal(err)
	}
	var mine []*target.Info
	for _, info := range infos {
		if ours(tab, info) {
			mine = append(mine, info)
		}
	}
	return mine
}

// open navigates to url, waits until the wasm has rendered the form and
// opens every step.
func open(t *testing.T, tab context.Context, url string) {
	t.Helper()
	openFresh(t, tab, url)
	// The tests written before the steps reach any field at any time:
	// open them all, as the admin can with Open all steps.
	run(t, tab, press("#open-all-steps"))
	waitJS(t, tab, `!!document.querySelector("#step-history-body")`)
}

// openFresh opens url and waits for the wasm, leaving the steps as the
// page opens them (Sign in and Application).
func openFresh(t *testing.T, tab context.Context, url string) {
	t.Helper()
	if err := chromedp.Run(tab, chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	// The pre-rendered HTML already has the form; the wasm is live once
	// go-app's loader is gone.
	waitJS(t, tab, `!document.getElementById("app-wasm-loader") && !!document.querySelector("#object-id")`)
}

// openStep opens step id (li#step-<id>), unless it is open.
func openStep(t *testing.T, tab context.Context, id string) {
	t.Helper()
	toggle := "#step-" + id + "-toggle"
	waitJS(t, tab, fmt.Sprintf(`!!document.querySelector(%q)`, toggle))
	if evalBool(t, tab, fmt.Sprintf(`document.querySelector(%q).getAttribute("aria-expanded") !== "true"`, toggle)) {
		run(t, tab, press(toggle))
	}
	waitJS(t, tab, fmt.Sprintf(`!!document.querySelector("#step-%s-body")`, id))
}

// waitJS polls expr until it is true, for up to 30 s.
func waitJS(t *testing.T, tab context.Context, expr string) {
	t.Helper()
	waitJSFor(t, tab, expr, 30*time.Second)
}

// waitJSFor is waitJS with its own deadline, for what takes long by
// nature: a service worker fetching a new version of every file.
func waitJSFor(t *testing.T, tab context.Context, expr string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		var ok bool
		// An evaluation can fail while the page navigates: try again.
		err := chromedp.Run(tab, chromedp.Evaluate(expr, &ok))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("still false after %v (%v): %s\n%s", d, err, expr, pageReport(tab))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// waitIdle returns once the page has no async work under way (requests,
// retry waits, read-backs, a session's resume: window.synctokenBusy, in
// sandbox builds) and has rendered what that work dispatched. A check that
// something did not happen comes after it: the page has finished, so the
// check cannot pass only because it looked too early.
func waitIdle(t *testing.T, tab context.Context) {
	t.Helper()
	waitNotBusy(t, tab)
	settled(t, tab)
}

// waitNotBusy is waitIdle for a page that may have no form to settle: a
// relay window, a page opened by another site.
func waitNotBusy(t *testing.T, tab context.Context) {
	t.Helper()
	// Twice in a row, 100 ms apart: work that ends by starting the next
	// (a retry after its wait) is never seen as idle in between.
	deadline := time.Now().Add(30 * time.Second)
	for {
		var idle bool
		err := chromedp.Run(tab, chromedp.Evaluate(`(async () => {
			for (let i = 0; i < 2; i++) {
				if (window.synctokenBusy() !== 0) return false;
				await new Promise(r => setTimeout(r, 100));
			}
			return true;
		})()`, &idle, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if err == nil && idle {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the page was still busy after 30 s (%v)\n%s", err, pageReport(tab))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// setSelect chooses an option of a <select> as a user would, firing change.
func setSelect(sel, value string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, sel, value), nil)
}

// textOf returns the text of the element matching sel.
func textOf(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	return evalString(t, tab, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : null })()`, sel), sel)
}

// valueOf returns the value of the input matching sel.
func valueOf(t *testing.T, tab context.Context, sel string) string {
	t.Helper()
	return evalString(t, tab, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.value : null })()`, sel), sel)
}

func evalString(t *testing.T, tab context.Context, expr, sel string) string {
	t.Helper()
	var s *string
	if err := chromedp.Run(tab, chromedp.Evaluate(expr, &s)); err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	if s == nil {
		t.Fatalf("no element %s", sel)
	}
	return *s
}

// waitText waits until the element matching sel contains want. The text
// is read in one evaluation, so a re-render between finding the element
// and reading it cannot fail the read.
func waitText(t *testing.T, tab context.Context, sel, want string) string {
	t.Helper()
	var got string
	var lastErr error
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		var text *string
		// An evaluation can fail while the page navigates (a reload): try again.
		err := chromedp.Run(tab, chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return e ? e.innerText : null })()`, sel), &text))
		if tab.Err() != nil {
			t.Fatal(tab.Err())
		}
		lastErr = err
		if err == nil && text != nil {
			got = *text
			if strings.Contains(got, want) {
				return got
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	if lastErr != nil {
		t.Logf("the last read of %s failed: %v", sel, lastErr)
	}
	t.Fatalf("%s never contained %q; last text %q\n%s", sel, want, got, pageReport(tab))
	return ""
}
