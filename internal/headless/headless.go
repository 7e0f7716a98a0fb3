//go:build !js

// Package headless starts Debian's Chromium the one way this machine allows,
// for the browser tests and make bench alike.
package headless

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Path finds Chromium: $CHROME, then the usual names.
func Path() (string, error) {
	if p := os.Getenv("CHROME"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("no Chromium found: install Debian's chromium (apt-get install chromium) or set CHROME; make test and make bench install it when run as root")
}

// Options are the allocator options for headless Chromium at path with a
// fresh profile. As root the sandbox must be off, and without the
// background-networking flags Chromium keeps calling hosts this closed
// network refuses.
func Options(path, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
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
}

// Press clicks the element matching sel as soon as a user could: it is
// there, not :disabled (aria-disabled is pressable, as for a user) and
// nothing covers its centre. A click by coordinates (chromedp.Click) lands
// wherever the element was when its box was read, so a re-render in between
// on a loaded machine clicked beside it; Press checks and clicks in one
// task of the page, retrying until the deadline. The click is the DOM's
// click() with a user gesture (a popup may open), after focusing the
// element as a mouse press would; it fires no pointer or mouse events,
// which no handler of the page listens to. Should an evaluation fail after
// the click, Press would click again: harmless for the buttons it is for.
func Press(sel string) chromedp.Action {
	expr := fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e) return "missing";
		if (e.matches(":disabled")) return "disabled";
		e.scrollIntoView({block: "nearest", inline: "nearest"});
		const r = e.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) return "hidden";
		const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
		if (!at || (at !== e && !e.contains(at))) return "covered by " + (at ? at.outerHTML.slice(0, 80) : "nothing");
		e.focus({preventScroll: true});
		e.click();
		return "clicked";
	})()`, sel)
	gesture := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithUserGesture(true) }
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(30 * time.Second)
		for {
			var got string
			err := chromedp.Evaluate(expr, &got, gesture).Do(ctx)
			if err == nil && got == "clicked" {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("could not click %s for 30s: %s %v", sel, got, err)
			}
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(50 * time.Millisecond):
			}
		}
	})
}
