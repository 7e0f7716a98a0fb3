package app

import (
	"net/http"

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
	// Version identifies the build; go-app's service worker uses it to
	// detect updates. Empty means a random one per start.
	Version string
	// Resources is where web/ (and web/app.wasm) are served from;
	// nil means the working directory.
	Resources app.ResourceProvider
}

// Handler describes the site for go-app: used natively only, to serve the
// app or write the static site. Only call it behind app.IsServer, so that
// the browser's wasm does not link the server side.
func Handler(o Options) *app.Handler {
	env := app.Environment{}
	if o.Sandbox != "" {
		env[SandboxEnv] = o.Sandbox
		env[SandboxClientIDEnv] = o.SandboxClientID
	}
	return &app.Handler{
		Name:            "synctoken",
		ShortName:       "synctoken",
		Title:           "synctoken — acquireAccessToken for Entra provisioning",
		Description:     "Compose, send and understand Microsoft Graph's synchronization: acquireAccessToken from the browser.",
		Lang:            "en",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0f4c81",
		LoadingLabel:    "Loading synctoken…",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		Styles:    []string{"/web/synctoken.css"},
		Env:       env,
		Version:   o.Version,
		Resources: o.Resources,
	}
}

// Dir serves the site's static files (web/, web/app.wasm) from a folder on
// disk at the site's root. go-app's LocalDir cannot: it also uses its
// argument as the URL prefix, so an absolute folder becomes a broken path.
func Dir(folder string) app.ResourceProvider {
	return dirProvider{Handler: http.FileServer(http.Dir(folder))}
}

type dirProvider struct{ http.Handler }

func (dirProvider) Package() string { return "" }
func (dirProvider) Static() string  { return "" }
func (dirProvider) AppWASM() string { return "/web/app.wasm" }
