package app

import (
	"crypto/sha256"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// A vendor's authorization code works once and for minutes: Send warns of
// an old code and asks before sending one a second time (see sendAuthorize).

// codeAge warns, above Send, of a code that is old or expired, while the
// rows still hold the code Get the code put there.
func (p *Page) codeAge() []graph.Problem {
	a := &p.authz
	if a.code == "" || codeOf(p.creds.rows) != a.code {
		return nil
	}
	return graph.CheckCodeAge(a.codeAt, p.now)
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
func (p *Page) renderSendAgain() app.UI {
	if !p.authz.again || !p.authz.wasSent(p.creds.rows) {
		return nil
	}
	return el("div#send-again.notice",
		textEl("p", "This authorization code was sent already. A code works once: the vendor refuses it a second time, "+
			"and a send that failed may have spent it. Get a fresh code (Open authorization page, then the landing address), or send this one again anyway."),
		button("send-again-confirm", "secondary", "Send again anyway").On("click", p.onSendAgain),
	)
}
