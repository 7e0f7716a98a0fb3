package app

import (
	"context"
	"errors"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// SandboxClientIDEnv carries the sandbox's pre-registered client ID, so the
// demo signs in without typing one.
const SandboxClientIDEnv = "SYNCTOKEN_SANDBOX_CLIENT_ID"

// signInState is the sign-in part of the page.
type signInState struct {
	tenant, clientID string
	signin           *graph.SignIn
	account          *graph.Account
	busy             bool
	err              string

	// What was taken out of a paste into Tenant or Client ID, which the
	// field then shows instead (see cloudconfig.go).
	tenantTook, clientIDTook string
}

// renderSignIn renders Tenant, Client ID and Sign in, or who is signed in
// and Sign out.
func (p *Page) renderSignIn() app.UI {
	s := &p.auth
	if s.account != nil {
		return app.Div().ID("signed-in").Class("signed-in").Body(
			app.P().Body(app.Text("Signed in as "), app.Strong().ID("upn").Text(s.account.UPN), app.Text(".")),
			app.Button().ID("sign-out").Class("secondary").Type("button").Text("Sign out").OnClick(p.onSignOut),
			app.If(s.err != "", app.P().ID("signin-error").Class("problem error").Role("alert").Aria("live", "assertive").Text(s.err)),
		)
	}
	tenantPs := append(configProblems(s.tenant, graph.ExtractTenant), tookNote(s.tenant, p.shown["tenant"], s.tenantTook)...)
	clientPs := append(configProblems(s.clientID, graph.ExtractClientID), tookNote(s.clientID, p.shown["client-id"], s.clientIDTook)...)
	signIn := app.Button().ID("sign-in").Type("button").Text("Sign in").OnClick(p.onSignIn)
	if s.busy {
		signIn = signIn.Disabled(true)
	}
	return app.Div().Class("signin").Body(
		field("tenant", "Tenant", tenantPs,
			app.Input().ID("tenant").Type("text").Value(p.shown["tenant"]).Placeholder("contoso.onmicrosoft.com, a tenant ID, or organizations").
				AutoComplete(false).Spellcheck(false).Aria("describedby", "tenant-problems").Aria("invalid", hasError(tenantPs)).
				OnInput(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					s.tenant, s.tenantTook = ctx.JSSrc().Get("value").String(), ""
				}).
				OnChange(p.saveCloudConfig),
		),
		field("client-id", "Client ID", clientPs,
			app.Input().ID("client-id").Type("text").Value(p.shown["client-id"]).Placeholder("Application (client) ID of your app registration").
				AutoComplete(false).Spellcheck(false).Aria("describedby", "client-id-problems").Aria("invalid", hasError(clientPs)).
				OnInput(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					s.clientID, s.clientIDTook = ctx.JSSrc().Get("value").String(), ""
				}).
				OnChange(p.saveCloudConfig),
			app.P().Class("hint").Body(app.Text("Register "), app.Code().ID("redirect-uri").Text(redirectURI()),
				app.Text(" as a Single-page application redirect URI, with the delegated permission Synchronization.ReadWrite.All.")),
		),
		signIn,
		app.If(s.busy, app.P().ID("signin-busy").Class("hint").Text("Signing in…")),
		app.If(s.err != "", app.P().ID("signin-error").Class("problem error").Role("alert").Aria("live", "assertive").Text(s.err)),
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

func (p *Page) signInConfig() graph.SignInConfig {
	return graph.SignInConfig{Cloud: p.cloud, Tenant: p.auth.tenant, ClientID: p.auth.clientID, RedirectURI: redirectURI()}
}

// loadCloudConfig restores the tenant and client ID remembered for the
// cloud. What an older version stored as typed, a secret pasted along
// perhaps, is replaced by what parses out of it.
func (p *Page) loadCloudConfig(ctx app.Context) {
	var stored cloudConfig
	key := keyCloudCfg + p.cloud.ID
	ctx.LocalStorage().Get(key, &stored)
	c, _, _ := parsedCloudConfig(stored.Tenant, stored.ClientID)
	switch {
	case c == stored:
	case c == cloudConfig{}:
		ctx.LocalStorage().Del(key)
	default:
		ctx.LocalStorage().Set(key, c)
	}
	if p.cloud.IsSandbox() {
		if c.Tenant == "" {
			c.Tenant = "organizations"
		}
		if c.ClientID == "" {
			c.ClientID = app.Getenv(SandboxClientIDEnv)
		}
	}
	p.auth.tenant, p.auth.clientID = c.Tenant, c.ClientID
	p.auth.tenantTook, p.auth.clientIDTook = "", ""
	p.show("tenant", c.Tenant)
	p.show("client-id", c.ClientID)
}

// saveCloudConfig remembers the tenant and client ID once a field is left
// (change), not on every keystroke: only what parses out of each field,
// which the field then shows, so a paste's other contents (a password, a
// token) are neither stored nor left on screen. A field that does not
// parse keeps what was typed, with its error, and is not stored.
func (p *Page) saveCloudConfig(ctx app.Context, _ app.Event) {
	defer recovered(ctx)
	s := &p.auth
	c, tenantNote, clientNote := parsedCloudConfig(s.tenant, s.clientID)
	if c.Tenant != "" && c.Tenant != s.tenant {
		s.tenant, s.tenantTook = c.Tenant, tenantNote
		p.show("tenant", c.Tenant)
	}
	if c.ClientID != "" && c.ClientID != s.clientID {
		s.clientID, s.clientIDTook = c.ClientID, clientNote
		p.show("client-id", c.ClientID)
	}
	if c == (cloudConfig{}) {
		ctx.LocalStorage().Del(keyCloudCfg + p.cloud.ID)
		return
	}
	ctx.LocalStorage().Set(keyCloudCfg+p.cloud.ID, c)
}

func (p *Page) onSignIn(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.signIn(ctx)
}

// signIn opens the sign-in page in a popup (a full-page redirect when the
// popup is blocked), asking for the extra scopes on top of the usual ones.
func (p *Page) signIn(ctx app.Context, extra ...string) {
	s := &p.auth
	si, err := graph.NewSignIn(p.signInConfig(), p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		s.err = err.Error()
		return
	}
	popup := openPopup() // now, while the click still counts as a gesture
	s.busy, s.err = true, ""
	form := p.savedForm()
	p.async(ctx, func() {
		authURL, pending, err := si.Begin(context.Background(), extra...)
		p.dispatch(ctx, func(ctx app.Context) {
			if err != nil {
				s.busy, s.err = false, err.Error()
				if popup.Truthy() {
					popup.Call("close")
				}
				return
			}
			ctx.SessionStorage().Set(keyPending, pending)
			if !popup.Truthy() {
				// Popup blocked: sign in with a full-page redirect, keeping
				// the non-secret fields to restore on the way back.
				ctx.SessionStorage().Set(keyForm, form)
				app.Window().Get("location").Set("href", authURL)
				return
			}
			popup.Get("location").Set("href", authURL)
			p.async(ctx, func() {
				watchPopup(popup, pending.RedirectURI, func(href string, closed bool) {
					p.dispatch(ctx, func(ctx app.Context) {
						if closed {
							ctx.SessionStorage().Del(keyPending)
							s.busy, s.err = false, "The sign-in window was closed before signing in."
							p.consentRefused(errors.New(s.err))
							return
						}
						p.completeSignIn(ctx, si, href)
					})
				})
			})
		})
	})
}

// handleCallback finishes a full-page redirect sign-in when this page was
// loaded with its answer. It returns false when the URL carries none.
func (p *Page) handleCallback(ctx app.Context, u *url.URL) bool {
	if !graph.IsCallback(u) || isSignInPopup() {
		return false
	}
	var form savedForm
	if ctx.SessionStorage().Get(keyForm, &form) == nil && form.Cloud != "" {
		p.restoreForm(form)
		ctx.SessionStorage().Del(keyForm)
	}
	p.loadCloudConfig(ctx)
	si, err := graph.NewSignIn(p.signInConfig(), p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		p.auth.err = err.Error()
		cleanURL(ctx)
		return true
	}
	p.completeSignIn(ctx, si, u.String())
	return true
}

// completeSignIn redeems the answer at href against the pending sign-in,
// then removes the round-trip state and the code from the URL.
func (p *Page) completeSignIn(ctx app.Context, si *graph.SignIn, href string) {
	s := &p.auth
	var pending graph.Pending
	ctx.SessionStorage().Get(keyPending, &pending)
	ctx.SessionStorage().Del(keyPending)
	cleanURL(ctx)
	u, err := url.Parse(href)
	if err != nil {
		s.busy, s.err = false, "The sign-in answer is not a URL."
		return
	}
	s.busy, s.err = true, ""
	p.async(ctx, func() {
		acct, err := si.Complete(context.Background(), pending, u)
		var token string
		if err == nil {
			token, err = si.Token(context.Background())
		}
		p.dispatch(ctx, func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = err.Error()
				p.consentRefused(err)
				return
			}
			s.signin, s.account, p.token = si, &acct, token
			p.consentGiven(ctx)
		})
	})
}

// cleanURL removes the sign-in answer (code, state, …) from the address bar.
func cleanURL(ctx app.Context) {
	u := ctx.Page().URL()
	if u == nil || u.RawQuery == "" {
		return
	}
	q := u.Query()
	for _, k := range []string{"code", "state", "session_state", "client_info", "error", "error_description", "error_uri", "error_codes"} {
		q.Del(k)
	}
	clean := *u
	clean.RawQuery = q.Encode()
	ctx.Page().ReplaceURL(&clean)
}

// resumeSession restores a sign-in kept in sessionStorage by MSAL's cache,
// so a reload of the tab stays signed in.
func (p *Page) resumeSession(ctx app.Context) {
	if _, err := graph.ParseClientID(p.auth.clientID); err != nil {
		return
	}
	if !graph.HasSession(p.signInConfig(), tabStore{ctx.SessionStorage()}) {
		return // nothing to resume: do not build an MSAL client at start-up
	}
	si, err := graph.NewSignIn(p.signInConfig(), p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		return
	}
	p.async(ctx, func() {
		acct, ok := si.Account(context.Background())
		if !ok {
			return
		}
		token, err := si.Token(context.Background())
		p.dispatch(ctx, func(ctx app.Context) {
			if err != nil {
				return // the session ended; the admin signs in again
			}
			p.auth.signin, p.auth.account, p.token = si, &acct, token
		})
	})
}

func (p *Page) onSignOut(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	s := &p.auth
	if s.signin != nil {
		s.signin.SignOut(context.Background())
	}
	ctx.SessionStorage().Clear()
	s.signin, s.account, s.err, p.token = nil, nil, "", ""
	p.show("token", "")
	p.history, p.viewing, p.look = nil, nil, lookupState{}
}

// freshToken returns the access token to send with: from MSAL, refreshed
// silently when it is about to expire, when signed in; else the pasted one.
func (p *Page) freshToken(ctx context.Context) (string, error) {
	if p.auth.signin == nil {
		return p.token, nil
	}
	t, err := p.auth.signin.Token(ctx)
	if err != nil {
		return "", errors.New("Could not renew the sign-in: " + err.Error() + " Sign in again.")
	}
	return t, nil
}

func (p *Page) savedForm() savedForm {
	f := savedForm{Cloud: p.cloud.ID, Version: string(p.version), Kind: string(p.kind), ObjectID: p.objectID}
	for _, c := range p.credentials {
		f.Keys = append(f.Keys, c.Key)
	}
	return f
}

func (p *Page) restoreForm(f savedForm) {
	if c, ok := graph.CloudByID(f.Cloud, p.sandbox); ok {
		p.cloud = c
	}
	p.version, p.kind, p.objectID = graph.Version(f.Version), graph.Kind(f.Kind), f.ObjectID
	p.show("object-id", f.ObjectID)
	p.credentials = nil
	for _, k := range f.Keys {
		p.credentials = append(p.credentials, graph.Credential{Key: k})
	}
	p.showCredentials()
}

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
