package app

import (
	"crypto/sha256"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// The vendor's answer to Get the code: pasted into Landing address, or
// handed back by the vendor's window (vendor_window.go), it fills the rows.

// vendorAnswered takes the vendor's answer that the window of an Authorize
// with This page as redirect URI handed over. Only the answer to the
// Authorize opened last is taken: never a sign-in's answer (whose code is
// Entra's, for this page's own sign-in), and never one of another state.
func (g *getCodeStep) vendorAnswered(ctx app.Context, ch *answerChannel, href string) {
	a := &g.authorizeState
	if a.awaiting != ch || a.opened == nil {
		return // another Authorize was opened, or the cloud changed, meanwhile
	}
	g.stopAwaitingVendor(ctx)
	if !isVendorAnswer(href, a.opened.State) {
		a.landingErr = "An answer arrived that is not the vendor's answer to this Authorize: it was ignored. Open the authorization page again."
		return
	}
	g.takeLanding(ctx, href, *a.opened, true)
}

// stopAwaitingVendor stops listening for the answer of the Authorize
// opened with This page as redirect URI: its channel closes, and a late
// relay is heard by nobody.
func (g *getCodeStep) stopAwaitingVendor(ctx app.Context) {
	a := &g.authorizeState
	if a.awaiting != nil {
		a.awaiting.close()
		a.awaiting = nil
	}
}

// onUseLanding is Take the code. Pressing it first takes the focus from
// a field just pasted into, and that change event has already taken the
// code and emptied the field: the click then leaves its note alone rather
// than call the empty field missing.
func (g *getCodeStep) onUseLanding(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if strings.TrimSpace(g.landing) == "" && len(g.landingNotes) > 0 {
		return
	}
	g.useLanding(ctx)
}

// useLanding takes the code out of the Landing address field.
func (g *getCodeStep) useLanding(ctx app.Context) {
	g.takeLanding(ctx, g.landing, g.answering(), false)
}

// takeLanding reads the vendor's answer (a landing address, its query, or
// a code alone) for auth and fills the rows with its code and exactly the
// redirect URI the code was issued for. A refusal is explained at the
// field and fills nothing. A pasted address is cleared once taken: the
// code is then in its row, masked like any value.
func (g *getCodeStep) takeLanding(ctx app.Context, text string, auth graph.Authorization, arrived bool) {
	a := &g.authorizeState
	a.landingErr, a.vendorErr, a.landingNotes = "", nil, nil
	l, err := graph.ParseLanding(text, auth)
	var ve *graph.VendorError
	switch {
	case errors.As(err, &ve):
		x := ve.Explain()
		a.vendorErr = &x
		return
	case err != nil:
		a.landingErr = err.Error()
		return
	}
	g.stopAwaitingVendor(ctx)
	g.fillCode(l)
	how := "Took the code from the landing address"
	if arrived {
		how = "The vendor's answer came back to this page"
	}
	a.landingNotes = append([]graph.Problem{{Severity: graph.Info, Message: how + ": the " + codeKey +
		" and Oauth2RedirectUri rows are filled, for the redirect URI " + l.RedirectURI + ". Send it now: it works once, within minutes."}}, l.Notes...)
	if !arrived {
		a.landing = ""
		g.fields.show("authz-landing", "")
	}
}

// fillCode puts the code and its redirect URI into their rows, adding the
// rows that are missing.
func (g *getCodeStep) fillCode(l graph.Landing) {
	for _, c := range l.Credentials() {
		i := slices.IndexFunc(g.f.creds.rows, func(r graph.Credential) bool { return r.Key == c.Key })
		if i < 0 {
			g.f.creds.rows = append(g.f.creds.rows, c)
		} else {
			g.f.creds.rows[i].Value = c.Value
		}
	}
	g.showCredentials()
	a := &g.authorizeState
	a.codeSum, a.codeAt, a.again = sha256.Sum256([]byte(l.Code)), time.Now(), false
	*g.now = a.codeAt
}

// renderVendorError explains the vendor's refusal at the landing address.
func renderVendorError(x *graph.Explanation) app.UI {
	if x == nil {
		return nil
	}
	return el("div#authz-vendor-error.explanation",
		el("p", textEl("strong", x.Title)),
		textEl("p", x.Cause),
		when(x.Next != "", el("p", textEl("strong", "Next: "), app.Text(x.Next))),
	)
}

// reset, when the admin leaves the session's cloud or account, stops
// awaiting the vendor's answer to an Authorize opened for it and forgets
// what it was opened for. What the admin typed (the URLs, the rows) stays.
func (g *getCodeStep) reset(e sessionEnd) {
	if !e.leave {
		return
	}
	g.stopAwaitingVendor(nil) // it needs no context
	g.opened, g.blocked, g.handedOver = nil, false, false
}
