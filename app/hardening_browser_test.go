//go:build !js

package app_test

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserSurvivesAPanic checks that a Go panic never leaves a dead
// page: one in a handler is recovered and shown with Reload while the form
// keeps its values; one that nothing can recover (a goroutine) stops the
// wasm, and web/synctoken.js then says so with a Reload button.
func TestBrowserSurvivesAPanic(t *testing.T) {
	sb, appURL := sandboxApp(t)
	tab := readyToSend(t, sb, appURL)

	run(t, tab, chromedp.Evaluate(`synctokenPanic("handler")`, nil))
	waitText(t, tab, "#crash-message", "test panic in a handler")
	formIntact(t, tab, "after a recovered panic")
	run(t, tab, chromedp.Click("#send", chromedp.ByQuery))
	waitText(t, tab, "#response-status", "204 No Content") // still working
	run(t, tab, chromedp.Click("#crash-dismiss", chromedp.ByQuery))
	waitJS(t, tab, `!document.querySelector("#crash")`)

	run(t, tab, chromedp.Evaluate(`synctokenPanic("goroutine")`, nil))
	// The next event reaches a program that has exited.
	waitJS(t, tab, `(() => { try { document.querySelector("#add-credential").click() } catch (e) {} ; return !!document.querySelector("#crashed") })()`)
	waitText(t, tab, "#crashed", "Reload")
	run(t, tab, chromedp.Click("#crashed-reload", chromedp.ByQuery))
	open(t, tab, appURL) // the reload brings a working page back
	waitJS(t, tab, `!document.querySelector("#crashed")`)
}
