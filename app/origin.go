package app

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// sharedOriginNotice says what a copy of synctoken at page, built for the
// root prefix (BASE), shares when it is a GitHub Pages project site: every
// project site of the owner lives under https://<owner>.github.io, one
// origin, so any of them can read this one's storage. It is "" anywhere
// else: at the root of a github.io site, on a custom domain, or locally.
// See docs/hosting.md "Give synctoken an origin of its own".
func sharedOriginNotice(page *url.URL, prefix string) string {
	if page == nil {
		return ""
	}
	host := strings.ToLower(strings.TrimSuffix(page.Hostname(), "."))
	owner, ok := strings.CutSuffix(host, ".github.io")
	if !ok || owner == "" || strings.Contains(owner, ".") || strings.Trim(prefix, "/") == "" {
		return ""
	}
	origin := "https://" + host
	return "This copy of synctoken is a GitHub Pages project site: it shares its origin, " + origin +
		", with every other page published under it (" + origin + "/…, every Pages site of " + owner + "). " +
		"Any of those pages can read what synctoken keeps in this browser: localStorage (Tenant and Client ID) and, " +
		"in the same tab, sessionStorage (the sign-in's tokens, refresh token included); " +
		"it can also register a service worker over synctoken's pages. " +
		"To give synctoken an origin of its own, publish it on a custom domain (such as synctoken.contoso.com), " +
		"or as the site of a GitHub organization that publishes nothing else (https://<organization>.github.io/, at its root)."
}

// renderSharedOrigin shows sharedOriginNotice for the page's own address
// (none in a page pre-rendered on a server, which has no address).
func renderSharedOrigin() app.UI {
	n := sharedOriginNotice(app.Window().URL(), app.Getenv("GOAPP_ROOT_PREFIX"))
	if n == "" {
		return nil
	}
	return textEl("p#shared-origin.notice[role=note]", n)
}
