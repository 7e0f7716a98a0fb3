package app

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/graph/signin"
)

// SandboxClientIDEnv carries the sandbox's pre-registered client ID, so the
// demo signs in without typing one.
const SandboxClientIDEnv = "SYNCTOKEN_SANDBOX_CLIENT_ID"

// signInState is what authorizes the page's calls: the sign-in (Tenant,
// Client ID, MSAL's client and account, a popup under way) and the access
// token sent with, from the sign-in or pasted. It is its own part because
// it belongs to one cloud and one session: a cloud switch replaces it,
// and Sign out drops the account and the token (see session.end).
type signInState struct {
	token     string // the access token to send with: pasted, or the sign-in's
	tokenNote string // a passing note at the token field, such as the sandbox token fetch

	tenant, clientID string
	signin           *signin.Client
	clients          []*signin.Client // every MSAL client this session built: closed when it ends (see session.end)
	account          *signin.Account
	busy             bool // a sign-in is under way and its window still linked to this page
	cut              bool // the popup's link to this page was cut: its answer may still arrive
	err              string
	answer           *answerChannel // the popup sign-in's channel, while its answer may come
	popup            app.Value      // the popup, while this page holds it

	// What was taken out of a paste into Tenant or Client ID, which the
	// field then shows instead (see cloudconfig.go).
	tenantTook, clientIDTook string
}

// signInStep is the Sign in step: Tenant, Client ID, Sign in and Sign out
// (signin_flow.go), or a pasted token (token.go). It gives every request
// its token (tokenSource).
type signInStep struct {
	signInState
	session *session
	fields  *fields
	target  *targetState // the cloud signed in to; a callback restores it
	sandbox graph.Cloud
	now     *time.Time // the time the page is drawn at (clock.go)

	// The shell's: the form kept across a full-page sign-in, what a
	// completed (or failed) sign-in continues with (Look up's consent),
	// and what Sign out clears beyond the sign-in.
	keepForm    func() savedForm
	restoreForm func(savedForm)
	signedIn    func(ctx app.Context, err error)
	signedOut   func()
}

// cutMessage says what the page knows once the popup reads as closed: it
// cannot tell a window the admin closed from one whose link the sign-in
// page's Cross-Origin-Opener-Policy cut, and the answer of the latter
// still arrives (see popup.go).
const cutMessage = "The sign-in window's link to this page was cut: by the sign-in page's security policy " +
	"(Cross-Origin-Opener-Policy), or because the window was closed. If it is still open, finish signing in there: " +
	"the answer will still arrive here. Otherwise, Sign in again, or Sign in in this tab."

// renderSignIn renders Tenant, Client ID and Sign in, or who is signed in
// and Sign out.
func (au *signInStep) renderSignIn() app.UI {
	s := au
	var signInErr app.UI
	if s.err != "" {
		signInErr = textEl("p#signin-error.problem.error[role=alert][aria-live=assertive]", s.err)
	}
	if s.account != nil {
		return el("div#signed-in.signed-in",
			el("p", app.Text("Signed in as "), textEl("strong#upn", s.account.UPN), app.Text(".")),
			button("sign-out", "secondary", "Sign out").On("click", au.onSignOut),
			signInErr,
		)
	}
	tenantPs := append(configProblems(s.tenant, graph.ExtractTenant), tookNote(s.tenant, au.fields.shown["tenant"], s.tenantTook)...)
	clientPs := append(configProblems(s.clientID, graph.ExtractClientID), tookNote(s.clientID, au.fields.shown["client-id"], s.clientIDTook)...)
	signIn := button("sign-in", "", "Sign in").On("click", au.onSignIn)
	var busy, cut app.UI
	if s.busy {
		signIn.Attr("disabled", "true")
		busy = textEl("p#signin-busy.hint", "Signing in…")
	}
	if s.cut {
		cut = textEl("p#signin-waiting.notice[aria-live=polite]", cutMessage)
	}
	// Always offered: some browsers, extensions and sign-in pages break
	// popups in ways the page cannot see.
	here := button("sign-in-here", "secondary", "Sign in in this tab").On("click", au.onSignInHere)
	return el("div.signin",
		field("tenant", "Tenant", tenantPs,
			textInput("tenant", au.fields.shown["tenant"], "contoso.onmicrosoft.com, a tenant ID, or organizations",
				"tenant-problems", hasError(tenantPs)).
				On("input", storeValue(&s.tenant, &s.tenantTook)).
				On("change", au.saveCloudConfig),
		),
		field("client-id", "Client ID", clientPs,
			textInput("client-id", au.fields.shown["client-id"], "Application (client) ID of your app registration",
				"client-id-problems", hasError(clientPs)).
				On("input", storeValue(&s.clientID, &s.clientIDTook)).
				On("change", au.saveCloudConfig),
			el("p.hint", app.Text("Register "), textEl("code#redirect-uri", redirectURI()),
				app.Text(" as a Single-page application redirect URI, with the delegated permission "+graph.SyncScope+".")),
		),
		el("div.row", signIn, here),
		busy, cut, signInErr,
	)
}

// redirectURI is the site's root address, whatever page is open: the one
// address the app registration must list.
func redirectURI() string {
	u, err := url.Parse(app.Window().URL().String())
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host + app.Getenv("GOAPP_ROOT_PREFIX") + "/"
}

func (au *signInStep) signInConfig() (signin.Config, error) {
	reg, err := graph.ParseRegistration(au.tenant, au.clientID)
	return signin.Config{Cloud: au.target.cloud, Registration: reg, RedirectURI: redirectURI()}, err
}

func (au *signInStep) onSignIn(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	au.signIn(ctx, false)
}

// onSignInHere signs in with a full-page redirect, for when a popup does
// not work in the admin's browser.
func (au *signInStep) onSignInHere(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	au.signIn(ctx, true)
}

// freshToken returns the access token to send with: from MSAL, refreshed
// silently when it is about to expire, when signed in; else the pasted one.
func (au *signInStep) freshToken(ctx context.Context) (string, error) {
	if au.signin == nil {
		return au.token, nil
	}
	t, err := au.signin.Token(ctx)
	if err != nil {
		return "", errors.New("Could not renew the sign-in: " + err.Error() + " Sign in again.")
	}
	return t, nil
}

// keepToken keeps the token a send was sent with: renewed, it is the
// one to send with next.
func (au *signInStep) keepToken(t string) { au.token = t }

// configProblems checks a tenant or client ID as typed: an error, or a
// note saying what was taken out of a paste. An empty field says nothing.
func configProblems(v string, extract func(string) (string, string, error)) []graph.Problem {
	if v == "" {
		return nil
	}
	_, note, err := extract(v)
	switch {
	case err != nil:
		return []graph.Problem{{Severity: graph.Error, Message: err.Error()}}
	case note != "":
		return []graph.Problem{{Severity: graph.Info, Message: note}}
	}
	return nil
}

func (au *signInStep) status(checked graph.Checked) stepStatus {
	s := au
	switch {
	case s.err != "":
		return stepStatus{stepAttention, "The sign-in did not finish: see why below."}
	case s.busy:
		return stepStatus{stepToDo, "Signing in…"}
	case strings.TrimSpace(s.token) == "":
		return stepStatus{stepToDo, "Sign in to " + au.target.cloud.Name + ", or paste an access token."}
	case hasError(checked.Token):
		return stepStatus{stepAttention, "The access token cannot be sent: see why below."}
	}
	summary := "An access token is filled in."
	if s.account != nil {
		summary = "Signed in as " + s.account.UPN + "."
	}
	// The token's warnings are Graph's to decide (TokenPanel): said, not
	// held against the step.
	if c, err := graph.DecodeToken(s.token); err == nil && len(c.Check(au.target.cloud, *au.now)) > 0 {
		summary += " Graph may refuse the token: see its warnings."
	}
	return stepStatus{stepDone, summary}
}

// renderStep is the sign-in (or the token pasted) and the token's
// claims.
func (au *signInStep) renderStep(checked graph.Checked) app.UI {
	return el("div",
		au.renderToken(checked),
		&TokenPanel{Token: au.token, Cloud: au.target.cloud, Now: *au.now},
	)
}

// reshow puts the live values of the step's fields into the fields'
// memory before the step opens again (see fields.reshow).
func (au *signInStep) reshow() {
	au.fields.reshow("tenant", au.tenant)
	au.fields.reshow("client-id", au.clientID)
	if au.account == nil {
		au.fields.reshow("token", au.token)
	}
}

// track counts si among the clients of the current session, to be closed
// when it ends.
func (au *signInStep) track(si *signin.Client) { au.clients = append(au.clients, si) }

// closeClients closes every client the session built but keep, the one
// signed in, which outlives a sign-in's beginning (a consent sign-in
// leaves it in use until it completes): whoever ends it closes it too
// (Sign out, a cloud switch, the next sign-in's completion).
func (au *signInStep) closeClients(keep *signin.Client) {
	var kept []*signin.Client
	for _, c := range au.clients {
		if c == keep {
			kept = append(kept, c)
		} else {
			c.Close()
		}
	}
	au.clients = kept
}
