package app

import (
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

func (g *getCodeStep) status(graph.Checked) stepStatus {
	a := g
	code := codeOf(g.f.creds.rows)
	switch {
	case a.landingErr != "" || a.vendorErr != nil:
		return stepStatus{stepAttention, "The vendor's answer gave no code: see why below."}
	case g.codeExpired() != "":
		return stepStatus{stepAttention, "The code expired: open the authorization page again."}
	case g.holdsFilledCode():
		return stepStatus{stepDone, "Code taken " + a.codeAt.Format("15:04") + "."}
	case code != "":
		return stepStatus{stepDone, "A code is typed into the " + codeKey + " row."}
	case a.awaiting != nil:
		return stepStatus{stepToDo, "Waiting for the vendor's answer…"}
	}
	return stepStatus{stepToDo, "Open the vendor's authorization page, allow access, and take the code."}
}
