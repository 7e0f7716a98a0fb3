package app

import (
	"crypto/sha256"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// A vendor's authorization code works once and for minutes: Send warns of
// an old code, refuses an expired one, and asks before sending one a
// second time (see sendAuthorize).

// codeAge warns, above Send, of a code that is old or expired, while the
// rows still hold the code Get the code put there, as it stands at now:
// compared by digest, since the page keeps no copy of the code outside its
// row.
func (g *getCodeStep) codeAge(now time.Time) []graph.Problem {
	if !g.holdsFilledCode() {
		return nil
	}
	a := &g.authorizeState
	return graph.CheckCodeAge(a.codeAt, now)
}

// holdsFilledCode reports whether the rows still hold the code Get the
// code filled in, compared by digest.
func (g *getCodeStep) holdsFilledCode() bool {
	a := &g.authorizeState
	return !a.codeAt.IsZero() && sha256.Sum256([]byte(codeOf(g.f.creds.rows))) == a.codeSum
}

// codeExpired says why Send is disabled when the rows hold a code older
// than graph.CodeLifetime: the vendor would refuse it, and sending it only
// spends a try. "" while the code is fresh, or was typed by hand.
func (g *getCodeStep) codeExpired() string {
	for _, c := range g.codeAge(*g.now) {
		if c.Severity == graph.Error {
			return c.Message
		}
	}
	return ""
}

// renderCodeExpired offers, above Send, to authorize again once the code
// expired.
func (g *getCodeStep) renderCodeExpired() app.UI {
	if g.codeExpired() == "" {
		return nil
	}
	return el("div.row", button("code-age-authorize", "secondary", "Open authorization page again").On("click", g.onOpenAuthorization))
}

// codeOf is the value of the Oauth2AuthorizationCode row, under any
// spelling (graph.IsCodeKey), "" without one.
func codeOf(creds []graph.Credential) string {
	for _, c := range creds {
		if graph.IsCodeKey(c.Key) {
			return c.Value
		}
	}
	return ""
}

// wasSent reports whether the code in creds was sent before.
func (a *authorizeState) wasSent(creds []graph.Credential) bool {
	code := codeOf(creds)
	return code != "" && a.sentCodes[sha256.Sum256([]byte(code))]
}

// markSent remembers that the code in creds was sent, by its digest.
func (a *authorizeState) markSent(creds []graph.Credential) {
	if a.sentCodes == nil {
		a.sentCodes = map[[32]byte]bool{}
	}
	a.sentCodes[sha256.Sum256([]byte(codeOf(creds)))] = true
}

// renderSendAgain asks, above Send, before a code is sent a second time.
func (h *handOverStep) renderSendAgain() app.UI {
	if !h.authz.again || !h.authz.wasSent(h.f.creds.rows) {
		return nil
	}
	return el("div#send-again.notice",
		textEl("p", "This authorization code was sent already. A code works once: the vendor refuses it a second time, "+
			"and a send that failed may have spent it. Get a fresh code (Open authorization page, then the landing address), or send this one again anyway."),
		button("send-again-confirm", "secondary", "Send again anyway").On("click", h.onSendAgain),
	)
}
