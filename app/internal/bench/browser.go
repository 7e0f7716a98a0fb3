package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/chromedp"
)

// chromePath finds Chromium as the browser tests do: $CHROME, then the
// usual names.
func chromePath() (string, error) {
	if p := os.Getenv("CHROME"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: install Debian's chromium (apt-get install chromium) or set CHROME; make bench installs it when run as root")
}

// startBrowser starts headless Chromium with a fresh profile, with the
// flags the browser tests use (app/browser_helpers_test.go), and returns
// a tab opened in it, as the tests open theirs. (Not the browser's first
// tab: there, reading the sign-in popup's location while it shows the
// sign-in page threw an uncaught SecurityError out of the wasm
// (wasm_exec.js's valueGet has no try/catch, so app/popup.go's recover
// never sees it) and the sign-in never completed; in an opened tab the
// flow completes, as in the browser tests.) stop closes the browser and deletes the profile. A fresh
// profile per run is what makes a cold load cold: no HTTP cache, no
// service worker, no compiled-wasm cache.
func startBrowser(parent context.Context, chrome string) (tab context.Context, stop func(), err error) {
	profile, err := os.MkdirTemp("", "synctoken-bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-default-browser-check", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(parent, opts...)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	stop = func() {
		cancelCtx()
		cancelAlloc()
		// Chromium's network service may still write the profile for a
		// moment after the browser has exited.
		for i := 0; i < 20; i++ {
			os.RemoveAll(profile)
			time.Sleep(50 * time.Millisecond)
			if _, err := os.Stat(profile); os.IsNotExist(err) {
				break
			}
		}
	}
	if err := chromedp.Run(ctx); err != nil { // starts the browser
		stop()
		return nil, nil, fmt.Errorf("starting %s: %v", chrome, err)
	}
	tab, cancelTab := chromedp.NewContext(ctx)
	stopBrowser := stop
	stop = func() {
		cancelTab()
		stopBrowser()
	}
	if err := chromedp.Run(tab); err != nil {
		stop()
		return nil, nil, fmt.Errorf("opening a tab: %v", err)
	}
	return tab, stop, nil
}
