package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// codeKey is the credential that carries the vendor's authorization code:
// rows holding it make the form an OAuth connector's Authorize.
const codeKey = graph.KeyOauth2AuthorizationCode

// authorizeState is the Get the code part of the page: the vendor's
// authorization URL, the redirect URI chosen, the Authorize they make,
// and when the vendor's answer gave a code. The code itself lives only in
// the credential rows, in memory, like any value; what is kept here of
// it, and of the codes already sent, is their digest.
type authorizeState struct {
	pasted  string         // Authorization URL, as typed
	choice  redirectChoice // which redirect URI; "" until the admin chooses
	typed   string         // the redirect URI typed, for redirectTyped
	landing string         // Landing address, as typed

	built    graph.Authorization // made from the fields above, for the cloud
	builtErr error
	builtKey string // what built was made from: remade when it changes

	// opened is the Authorize whose page was opened last: the vendor's
	// answer is checked against it (its state, its redirect URI), even if
	// the fields changed since.
	opened   *graph.Authorization
	awaiting *answerChannel // with This page as redirect URI: where its window answers
	blocked  bool           // the browser blocked that window

	landingErr   string             // why the landing address was refused
	vendorErr    *graph.Explanation // the vendor's refusal (error=…), explained
	landingNotes []graph.Problem    // what taking the code did and checked

	codeSum    [32]byte          // the digest of the code last put into the rows: never the code
	codeAt     time.Time         // when it came back from the vendor; zero when none did
	sentCodes  map[[32]byte]bool // digests of the codes sent: a second send asks first
	again      bool              // Send asks whether to send a code again
	handedOver bool              // the last send of a code got 204: test the saved credentials
}

// getCodeStep is the Get the code step: the vendor's authorization page
// opened for the cloud, and its answer taken into the rows.
type getCodeStep struct {
	authorizeState
	s               *session
	f               *form
	fields          *fields
	now             *time.Time // the time the page is drawn at (clock.go)
	showCredentials func()     // the credentials' fields show the rows filled
}

// redirectChoice is which redirect URI the vendor sends its answer to.
type redirectChoice string

const (
	redirectPortal redirectChoice = "portal" // the cloud's portal landing page, as the portal's own Authorize
	redirectPage   redirectChoice = "page"   // this site: the answer comes back by itself
	redirectTyped  redirectChoice = "typed"  // an address the admin types
)

// redirectChoice is the admin's choice, or the portal's landing page when
// the cloud has one.
func (g *getCodeStep) redirectChoice() redirectChoice {
	switch c := g.choice; {
	case c == redirectPage || c == redirectTyped:
		return c
	case c == redirectPortal && g.f.target.cloud.PortalRedirectURI() != "":
		return c
	case g.f.target.cloud.PortalRedirectURI() == "":
		return redirectTyped
	}
	return redirectPortal
}

// authzRedirect is the redirect URI chosen.
func (g *getCodeStep) authzRedirect() string {
	switch g.redirectChoice() {
	case redirectPage:
		return redirectURI()
	case redirectTyped:
		return g.typed
	}
	return g.f.target.cloud.PortalRedirectURI()
}

// authorization returns the Authorize the fields make. It is remade only
// when they change: graph.AuthorizationURL adds a fresh random state each
// time, and the page opened must be the one the answer is checked against.
func (g *getCodeStep) authorization() (graph.Authorization, error) {
	a := &g.authorizeState
	redirect := g.authzRedirect()
	if key := a.pasted + "\x00" + redirect + "\x00" + g.f.target.cloud.ID; key != a.builtKey {
		a.builtKey = key
		a.built, a.builtErr = graph.AuthorizationURL(a.pasted, redirect, g.f.target.cloud)
	}
	return a.built, a.builtErr
}

// answering is the Authorize a landing address answers: the one opened
// last, else the one the fields make now (its page may have been opened
// by copying the URL).
func (g *getCodeStep) answering() graph.Authorization {
	if g.opened != nil {
		return *g.opened
	}
	if a, err := g.authorization(); err == nil {
		return a
	}
	return graph.Authorization{}
}

// renderAuthorize renders Get the code, for an OAuth connector's rows.
func (g *getCodeStep) renderAuthorize() app.UI {
	if !g.f.wantsCode() {
		return nil
	}
	built, err := g.authorization()
	urlPs, redirectPs := g.authorizeProblems(built, err)
	open := button("authz-open", "", "Open authorization page").On("click", g.onOpenAuthorization)
	if err != nil {
		open = open.Attr("disabled", "true")
	}
	return elWith("fieldset#authorize.authorize", attrs{"data-call", callAuthorize.dataCall()},
		textEl("legend", "Get the code"),
		more("authorize-hint", "Open the vendor's page, allow access, take the code: Send request then hands it over. It works once, for minutes.",
			"The Authorize of an OAuth connector: open the vendor's authorization page, sign in there and allow access; "+
				"the vendor's code then fills the "+codeKey+" and Oauth2RedirectUri rows, and Send request hands it to the provisioning service, "+
				"which redeems it with the vendor itself. The code is a secret: it works once, within minutes, and is never stored."),
		g.renderAuthorizationURL(urlPs),
		g.renderRedirectChoice(redirectPs),
		el("div.row", open),
		el("div#authz-open-area[aria-live=polite]", g.renderOpened(built, err)),
		g.renderLanding(),
	)
}

// authorizeProblems are the problems to show at Authorization URL and at
// Redirect URI, given what building the Authorize returned: each
// problem is said once, at the field it is about, and an untouched field
// says nothing (Open authorization page is disabled meanwhile).
func (g *getCodeStep) authorizeProblems(built graph.Authorization, err error) (urlPs, redirectPs []graph.Problem) {
	a := &g.authorizeState
	redirectErr := graph.CheckRedirectURI(g.authzRedirect(), g.f.target.cloud)
	if redirectErr != nil && (g.redirectChoice() != redirectTyped || a.typed != "") {
		redirectPs = []graph.Problem{{Severity: graph.Error, Message: redirectErr.Error()}}
	}
	switch {
	case err == nil:
		urlPs = built.Notes
	case a.pasted == "": // untouched: the button says what is missing
	case redirectErr != nil && err.Error() == redirectErr.Error(): // said at the redirect URI
	default:
		urlPs = []graph.Problem{{Severity: graph.Error, Message: err.Error()}}
	}
	return urlPs, redirectPs
}

// renderAuthorizationURL renders the field the vendor's authorization URL
// is pasted into.
func (g *getCodeStep) renderAuthorizationURL(problems []graph.Problem) app.UI {
	return field("authz-url", "Authorization URL", problems,
		textInput("authz-url", g.fields.shown["authz-url"], "https://vendor.example/oauth2/authorize?client_id=…&response_type=code&scope=…",
			"authz-url-problems authz-url-hint", hasError(problems)).On("input", storeValue(&g.authorizeState.pasted)),
		more("authz-url-hint", "Paste the vendor's authorization URL whole.",
			"From the connector's documentation or the vendor's admin console. "+
				"synctoken sets its redirect_uri and, when it has none, a state; every other parameter (scope, client) stays as pasted."),
	)
}

// renderRedirectChoice renders the choice of redirect URI: the portal's
// landing page, this page, or an address the admin types.
func (g *getCodeStep) renderRedirectChoice(problems []graph.Problem) app.UI {
	choice, portal := g.redirectChoice(), g.f.target.cloud.PortalRedirectURI()
	var typed []app.UI
	if choice == redirectTyped {
		typed = []app.UI{
			textEl("label[for=authz-redirect]", "Address the vendor sends you back to"),
			textInput("authz-redirect", g.fields.shown["authz-redirect"], "https://…", "authz-redirect-choice-problems", hasError(problems)).On("input", storeValue(&g.authorizeState.typed)),
		}
	}
	return field("authz-redirect-choice", "Redirect URI", problems,
		elem("select#authz-redirect-choice[aria-describedby=authz-redirect-choice-problems authz-redirect-hint]", attrs{"aria-invalid", strconv.FormatBool(hasError(problems))},
			when(portal != "", option(string(redirectPortal), "The portal's landing page — "+portal, choice == redirectPortal)),
			option(string(redirectPage), "This page — "+redirectURI(), choice == redirectPage),
			option(string(redirectTyped), "Another address", choice == redirectTyped),
		).On("change", g.onRedirectChoice),
		// Always there: the typed address appearing must not move the
		// fields below, which go-app would then rebuild.
		el("div#authz-redirect-area", typed...),
		more("authz-redirect-hint", "Where the vendor sends its answer: it must be an address the vendor accepts.",
			strings.TrimPrefix(g.f.target.cloud.PortalRedirectNote()+" ", " ")+
				"With This page the vendor must accept this site's address, and its answer comes back here by itself."),
	)
}

// renderLanding renders Landing address, where the vendor's answer is
// pasted, with what taking the code did or why it could not.
func (g *getCodeStep) renderLanding() app.UI {
	a := &g.authorizeState
	var problems []graph.Problem
	if a.landingErr != "" {
		problems = []graph.Problem{{Severity: graph.Error, Message: a.landingErr}}
	}
	problems = append(problems, a.landingNotes...)
	return field("authz-landing", "Landing address", problems,
		textInput("authz-landing", g.fields.shown["authz-landing"], firstNonEmpty(g.f.target.cloud.PortalRedirectURI(), "https://…")+"?code=…&state=…",
			"authz-landing-problems authz-landing-hint", hasError(problems)).
			On("input", storeValue(&g.authorizeState.landing)).
			On("change", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				if strings.TrimSpace(g.landing) != "" {
					g.useLanding(ctx)
				}
			}),
		more("authz-landing-hint", "Paste the address the vendor left you on, whole (or the code alone).",
			"After you allow access, the vendor leaves you on the landing page. synctoken checks the state, takes the code out and fills the rows."),
		el("div#authz-vendor-area[aria-live=polite]", renderVendorError(a.vendorErr)),
		el("div.row",
			button("authz-landing-use", "secondary", "Take the code").On("click", g.onUseLanding),
		),
	)
}

// renderOpened says what Open authorization page opens, and what happens
// to the answer.
func (g *getCodeStep) renderOpened(built graph.Authorization, err error) app.UI {
	a := &g.authorizeState
	switch {
	case a.blocked:
		return textEl("p#authz-blocked.problem.error", "The browser blocked the vendor's window: allow pop-ups for this site and open it again, or choose the portal's landing page.")
	case a.awaiting != nil:
		return textEl("p#authz-waiting.notice", "Waiting for the vendor's answer: allow access in the window that opened, and the code comes back here by itself.")
	case err != nil:
		return nil
	}
	return el("p#authz-built.hint", app.Text("Opens "), textEl("code", built.URL))
}

func (g *getCodeStep) onRedirectChoice(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	g.choice = redirectChoice(srcValue(ctx))
}

// onOpenAuthorization opens the vendor's authorization page in a new
// window, which never has a handle on this one. With the portal's landing
// page or a typed address it opens it with noopener and noreferrer. With
// This page as redirect URI, openVendorWindow readies the window first
// (its copy of this tab's sessionStorage cleared, the relay record of a
// fresh nonce written, its opener cut; see vendor_window.go): the app
// loaded in it when the vendor sends it back here hands the answer over
// a BroadcastChannel named for the nonce, as the sign-in popup does, so
// the code never lands in any storage.
func (g *getCodeStep) onOpenAuthorization(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	built, err := g.authorization()
	if err != nil {
		return // the button is disabled and the fields say why
	}
	a := &g.authorizeState
	g.stopAwaitingVendor(ctx)
	opened := built
	a.opened, a.blocked = &opened, false
	a.landingErr, a.vendorErr, a.landingNotes = "", nil, nil
	if built.RedirectURI != redirectURI() {
		app.Window().Call("open", built.URL, "_blank", "noopener,noreferrer")
		return
	}
	if !app.Window().Get("BroadcastChannel").Truthy() {
		a.opened = nil
		a.landingErr = "This browser cannot hand the vendor's answer from its window to this page (it has no BroadcastChannel): " +
			"choose the portal's landing page, or another address, as redirect URI, and paste the landing address."
		return
	}
	nonce := newNonce() // kept beside the state, in the channel's name
	var ch *answerChannel
	ch = listenForAnswer(vendorChannelName(nonce), func(href string) {
		dispatch(g.s.own(ctx), func(ctx app.Context) { g.vendorAnswered(ctx, ch, href) })
	})
	a.awaiting = ch
	if !openVendorWindow(built.URL, nonce) {
		a.blocked = true
		g.stopAwaitingVendor(ctx)
	}
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
