package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"

	"synctoken/internal/headless"
)

// startBrowser starts headless Chromium with a fresh profile, with the
// flags the browser tests use (package headless), and returns a tab
// opened in it, as the tests open theirs. stop closes the browser and
// deletes the profile. A fresh
// profile per run is what makes a cold load cold: no HTTP cache, no
// service worker, no compiled-wasm cache.
func startBrowser(parent context.Context, chrome string) (tab context.Context, stop func(), err error) {
	profile, err := os.MkdirTemp("", "synctoken-bench-chromium-")
	if err != nil {
		return nil, nil, err
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(parent, headless.Options(chrome, profile)...)
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
