package site

import (
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Options are what a served or built site is fixed with.
type Options struct {
	// Sandbox is the base URL of a local simulator ("http://127.0.0.1:8001")
	// offered as the Sandbox cloud; empty for the published site.
	Sandbox string
	// SandboxClientID is the sandbox's pre-registered client ID, filled
	// in for the Sandbox cloud so the demo signs in at once.
	SandboxClientID string
	// Version identifies the build: the service worker compares it to
	// detect a redeploy. Empty means a hash of the files served.
	Version string
	// Base is the path the site lives under, such as "/synctoken/" on
	// GitHub Pages; empty or "/" for the root.
	Base string
	// Timeout bounds each request the page sends; zero means
	// graph.DefaultTimeout. Only a site with a Sandbox honours it (tests
	// shorten it to drive timeouts); a published site uses the default.
	Timeout time.Duration
	// Resources is where web/ (and web/app.wasm) are served from when
	// serving; nil means the working directory. Build ignores it.
	Resources app.ResourceProvider
}

func (o Options) prefix() string {
	return strings.TrimRight(o.Base, "/")
}

// ServeConfig is what Serve needs beyond Options.
type ServeConfig struct {
	Options
	Addr        string // where the app listens, e.g. 127.0.0.1:8000
	Dir         string // folder holding web/ with web/app.wasm
	SandboxAddr string // where the sandbox listens; "" for none
}

// BuildConfig is what Build needs beyond Options.
type BuildConfig struct {
	Options
	Out         string // the folder to write, e.g. dist
	Web         string // the folder holding the assets and app.wasm; "" means web
	Precompress bool   // also write .br and .gz copies of the large files
}
