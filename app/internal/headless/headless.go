//go:build !js

// Package headless starts Debian's Chromium the one way this machine allows,
// for the browser tests and make bench alike.
package headless

import (
	"fmt"
	"os"
	"os/exec"

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
