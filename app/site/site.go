//go:build !js

// Package site describes synctoken's site to go-app, serves it locally and
// writes it as a static site. It is native only: the browser's wasm never
// links it (main.go calls it behind app.IsServer, and its js twin is a stub),
// so the server, the static generator, brotli and the sandbox stay out of
// the download.
package site

import (
	"bytes"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	ui "synctoken/app"
	"synctoken/graph"
)

// Handler describes the site for go-app.
func Handler(o Options) *app.Handler {
	env := app.Environment{}
	if o.Sandbox != "" {
		env[ui.SandboxEnv] = o.Sandbox
		env[ui.SandboxClientIDEnv] = o.SandboxClientID
		if o.Timeout > 0 {
			env[ui.TimeoutEnv] = o.Timeout.String()
		}
	}
	res := o.Resources
	if res == nil && o.prefix() != "" {
		res = app.CustomProvider("", o.prefix())
	}
	return &app.Handler{
		Name:            "synctoken",
		ShortName:       "synctoken",
		Title:           "synctoken — acquireAccessToken for Entra provisioning",
		Description:     "Compose, send and understand Microsoft Graph's synchronization: acquireAccessToken from the browser.",
		Lang:            "en",
		BackgroundColor: "#ffffff",
		ThemeColor:      "#0f4c81",
		// No {progress}: go-app computes it from Content-Length, which is
		// the compressed size on hosts that compress; Build patches in the
		// real size instead (see patchProgress).
		LoadingLabel: "Loading synctoken…",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-512.png",
			SVG:     "/web/icon.svg",
		},
		// go-app's worker caches the PNG icons but not the SVG one, which
		// the page's favicon and the manifest use: cached, it is served
		// offline and without a round trip on return visits.
		CacheableResources:    []string{"/web/icon.svg"},
		Styles:                []string{"/web/synctoken.css"},
		Scripts:               []string{"/web/synctoken.js"},
		RawHeaders:            []string{`<meta http-equiv="Content-Security-Policy" content="` + CSP(o, false) + `">`, `<meta name="referrer" content="no-referrer">`},
		Env:                   env,
		Version:               o.Version,
		Resources:             res,
		ServiceWorkerTemplate: serviceWorker,
	}
}

// CSP is the Content-Security-Policy of the page: scripts only from the
// site (and the wasm compiled), connections only to the clouds' sign-in and
// Graph hosts (and the sandbox when there is one). header adds what a <meta>
// policy cannot carry (frame-ancestors).
func CSP(o Options, header bool) string {
	connect := []string{"'self'"}
	var login []string
	seen := map[string]bool{}
	for _, c := range graph.Clouds() {
		for _, h := range append([]string{c.LoginHost, c.GraphHost}, c.Aliases...) {
			if !seen[h] {
				seen[h] = true
				connect = append(connect, "https://"+h)
			}
		}
		if !seen["form:"+c.LoginHost] {
			seen["form:"+c.LoginHost] = true
			login = append(login, "https://"+c.LoginHost)
		}
	}
	if o.Sandbox != "" {
		connect = append(connect, strings.TrimRight(o.Sandbox, "/"))
		// Its second name, on which its sign-in endpoints may be named
		// (graphtest's UseAliasHost), as a cloud's aliases are above.
		if sb, ok := graph.Sandbox(o.Sandbox); ok {
			connect = append(connect, sb.SignInOrigins()[1:]...)
		}
	}
	p := []string{
		"default-src 'self'",
		"script-src 'self' 'wasm-unsafe-eval'",
		"connect-src " + strings.Join(connect, " "),
		"img-src 'self' data:",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action " + strings.Join(login, " "),
	}
	if header {
		p = append(p, "frame-ancestors 'none'")
	}
	return strings.Join(p, "; ")
}

// Headers are the security headers a host should send with every file:
// make run's server sends them (SecurityHeaders), the build writes them
// into Azure Static Web Apps' config, and docs/hosting.md lists them for
// other hosts.
//
// Cross-Origin-Opener-Policy same-origin-allow-popups puts synctoken in a
// browsing context group of its own: a page of another origin that opened
// it gets no handle on its window (to navigate it to a look-alike, say),
// while the windows synctoken opens itself (the sign-in popup, the
// vendor's page) keep their link unless their own pages cut it. same-origin
// would cut those too.
func Headers(o Options) map[string]string {
	return map[string]string{
		"Content-Security-Policy":    CSP(o, true),
		"Cross-Origin-Opener-Policy": "same-origin-allow-popups",
		"Referrer-Policy":            "no-referrer",
		"X-Content-Type-Options":     "nosniff",
	}
}

// SecurityHeaders sets the headers a host should send with every file.
func SecurityHeaders(o Options, next http.Handler) http.Handler {
	headers := Headers(o)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range headers {
			h.Set(k, v)
		}
		next.ServeHTTP(w, r)
	})
}

// policyMeta matches the <meta> tags that must come first in <head>: the
// Content-Security-Policy, which governs only what the parser meets after
// it, and the referrer policy, which must hold for the first request.
var policyMeta = regexp.MustCompile(`<meta (?:http-equiv="Content-Security-Policy"|name="referrer") [^>]*>\n?`)

// charsetMeta is go-app's first tag in <head>, which must stay within the
// page's first 1024 bytes.
var charsetMeta = regexp.MustCompile(`<head>\s*<meta charset="[^"]*">\n?`)

// policyFirst moves the CSP and referrer <meta> tags of a page go-app wrote
// to just after <meta charset>, before every <link> and <script>: go-app
// writes RawHeaders last in <head>, after its own scripts and the page's,
// so the policy did not cover them.
func policyFirst(page []byte) ([]byte, error) {
	at := charsetMeta.FindIndex(page)
	metas := policyMeta.FindAll(page, -1)
	if at == nil || len(metas) == 0 {
		return nil, errors.New("go-app's page changed (no <meta charset> first in <head>, or no CSP <meta>): cannot put the policy first")
	}
	rest := policyMeta.ReplaceAll(page[at[1]:], nil)
	out := append([]byte{}, page[:at[1]]...)
	for _, m := range metas {
		out = append(out, m...)
		if !bytes.HasSuffix(m, []byte("\n")) {
			out = append(out, '\n')
		}
	}
	return append(out, rest...), nil
}

// PolicyFirst serves next's HTML pages with the CSP <meta> before every
// script (see policyFirst); other files pass through unchanged.
func PolicyFirst(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pw := &pageWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(pw, r)
		if !pw.page {
			return
		}
		b := pw.buf.Bytes()
		if fixed, err := policyFirst(b); err == nil {
			b = fixed
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(b)))
		w.WriteHeader(pw.status)
		w.Write(b)
	})
}

// pageWriter holds back an HTML response to rewrite it, and passes any
// other through.
type pageWriter struct {
	http.ResponseWriter
	decided, page bool
	status        int
	buf           bytes.Buffer
}

func (p *pageWriter) WriteHeader(status int) {
	if p.decided {
		return
	}
	p.decided, p.status = true, status
	p.page = strings.HasPrefix(p.Header().Get("Content-Type"), "text/html")
	if !p.page {
		p.ResponseWriter.WriteHeader(status)
	}
}

func (p *pageWriter) Write(b []byte) (int, error) {
	p.WriteHeader(http.StatusOK)
	if p.page {
		return p.buf.Write(b)
	}
	return p.ResponseWriter.Write(b)
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
