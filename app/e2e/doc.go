// Package e2e holds synctoken's browser tests: chromedp driving a real
// headless Chromium against the built wasm, served as make run serves it,
// and a sandbox (graph/graphtest) on its own port. They live beside the page
// rather than in it so that app/ reads as the page, and so that the rest of
// app's tests stay a quick native loop.
//
// The tests run in parallel, each with its own sandbox, site server and
// tab; go test's -parallel bounds how many pages load at once.
package e2e
