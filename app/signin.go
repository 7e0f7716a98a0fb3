package app

import (
	"context"
	"errors"
	"net/url"

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
// and Sign out drops the account and the token (see newSession).
type signInState struct {
	token     string // the access token to send with: pasted, or the sign-in's
	tokenNote string // a passing note at the token field, such as the sandbox token fetch

	tenant, clientID string
	signin           *signin.Client
	clients          []*signin.Client // every MSAL client this session built: closed when it ends (see newSession)
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

// cutMessage says what the page knows once the popup reads as closed: it
// cannot tell a window the admin closed from one whose link the sign-in
// page's Cross-Origin-Opener-Policy cut, and the answer of the latter
// still arrives (see popup.go).
const cutMessage = "The sign-in window's link to this page was cut: by the sign-in page's security policy " +
	"(Cross-Origin-Opener-Policy), or because the window was closed. If it is still open, finish signing in there: " +
	"the answer will still arrive here. Otherwise, Sign in again, or Sign in in this tab."

// renderSignIn renders Tenant, Client ID and Sign in, or who is signed in
// and Sign out.
func (p *Page) renderSignIn() app.UI {
	s := &p.auth
	var signInErr app.UI
	if s.err != "" {
		signInErr = textEl("p#signin-error.problem.error[role=alert][aria-live=assertive]", s.err)
	}
	if s.account != nil {
		return el("div#signed-in.signed-in",
			el("p", app.Text("Signed in as "), textEl("strong#upn", s.account.UPN), app.Text(".")),
			button("sign-out", "secondary", "Sign out").On("click", p.onSignOut),
			signInErr,
		)
	}
	tenantPs := append(configProblems(s.tenant, graph.ExtractTenant), tookNote(s.tenant, p.shown["tenant"], s.tenantTook)...)
	clientPs := append(configProblems(s.clientID, graph.ExtractClientID), tookNote(s.clientID, p.shown["client-id"], s.clientIDTook)...)
	signIn := button("sign-in", "", "Sign in").On("click", p.onSignIn)
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
	here := button("sign-in-here", "secondary", "Sign in in this tab").On("click", p.onSignInHere)
	return el("div.signin",
		field("tenant", "Tenant", tenantPs,
			textInput("tenant", p.shown["tenant"], "contoso.onmicrosoft.com, a tenant ID, or organizations",
				"tenant-problems", hasError(tenantPs)).
				On("input", storeValue(&s.tenant, &s.tenantTook)).
				On("change", p.saveCloudConfig),
		),
		field("client-id", "Client ID", clientPs,
			textInput("client-id", p.shown["client-id"], "Application (client) ID of your app registration",
				"client-id-problems", hasError(clientPs)).
				On("input", storeValue(&s.clientID, &s.clientIDTook)).
				On("change", p.saveCloudConfig),
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

func (p *Page) signInConfig() signin.Config {
	return signin.Config{Cloud: p.target.cloud, Tenant: p.auth.tenant, ClientID: p.auth.clientID, RedirectURI: redirectURI()}
}

// loadCloudConfig restores the tenant and client ID remembered for the
// cloud. What is stored is parsed again and replaced by what parses out
// of it, or removed: localStorage outlives the page's versions and may
// hold a field as typed, a secret pasted along perhaps, which must not
// stay there.
func (p *Page) loadCloudConfig(ctx app.Context) {
	var stored cloudConfig
	key := keyCloudCfg + p.target.cloud.ID
	ctx.LocalStorage().Get(key, &stored)
	c, _, _ := parsedCloudConfig(stored.Tenant, stored.ClientID)
	switch {
	case c == stored:
	case c == cloudConfig{}:
		ctx.LocalStorage().Del(key)
	default:
		ctx.LocalStorage().Set(key, c)
	}
	if p.target.cloud.IsSandbox() {
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
		ctx.LocalStorage().Del(keyCloudCfg + p.target.cloud.ID)
		return
	}
	ctx.LocalStorage().Set(keyCloudCfg+p.target.cloud.ID, c)
}

func (p *Page) onSignIn(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.signIn(ctx, false)
}

// onSignInHere signs in with a full-page redirect, for when a popup does
// not work in the admin's browser.
func (p *Page) onSignInHere(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.signIn(ctx, true)
}

// signIn opens the sign-in page in a popup, or in this tab when here is
// set or the popup is blocked, asking for the extra scopes on top of the
// usual ones. It begins a new session generation: what was under way
// for the last one (a send, another sign-in) is dropped.
func (p *Page) signIn(ctx app.Context, here bool, extra ...string) {
	s := &p.auth
	si, err := signin.New(p.signInConfig(), p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		s.err = err.Error()
		return
	}
	p.newSession("a sign-in began")
	p.track(si)
	var popup app.Value
	if !here && app.Window().Get("BroadcastChannel").Truthy() { // without it, no answer could come back
		popup = openPopup(newPopupName()) // now, while the click still counts as a gesture
	}
	here = popup == nil || !popup.Truthy() // blocked: sign in with a full-page redirect
	s.busy, s.err = true, ""
	gen, form := p.gen, p.savedForm()
	p.async(ctx, func() {
		begin := si.BeginPopup
		if here {
			begin = si.Begin
		}
		authURL, pending, err := begin(context.Background(), extra...)
		p.dispatch(ctx, func(ctx app.Context) {
			switch {
			case gen != p.gen: // signed out, switched cloud or began again meanwhile
				closePopup(popup)
			case err != nil:
				s.busy, s.err = false, err.Error()
				closePopup(popup)
			case here:
				// The round trip leaves the page: keep what redeems the
				// answer, and the non-secret fields to restore.
				ctx.SessionStorage().Set(keyPending, pending)
				ctx.SessionStorage().Set(keyForm, form)
				app.Window().Get("location").Set("href", authURL)
			default:
				p.awaitPopup(ctx, si, pending, popup, authURL)
			}
		})
	})
}

// awaitPopup sends the popup to the sign-in page and waits for the answer
// on the sign-in's channel. The pending sign-in stays in this page's
// memory: the popup never needs it. When the popup reads as closed, the
// page says so but keeps listening: under Cross-Origin-Opener-Policy it
// reads so while the admin is still signing in there.
func (p *Page) awaitPopup(ctx app.Context, si *signin.Client, pending signin.Pending, popup app.Value, authURL string) {
	s, gen := &p.auth, p.gen
	var a *answerChannel
	a = listenForAnswer(channelName(pending.State), func(href string) {
		p.dispatch(ctx, func(ctx app.Context) {
			if gen != p.gen || s.answer != a {
				return // given up meanwhile
			}
			p.stopWaiting()
			p.completeSignIn(ctx, si, pending, href)
		})
	})
	s.answer, s.popup = a, popup
	popup.Get("location").Set("href", authURL)
	p.async(ctx, func() {
		watchPopup(popup, a, func() {
			p.dispatch(ctx, func(ctx app.Context) {
				if gen == p.gen && s.answer == a {
					s.busy, s.cut, s.popup = false, true, nil
				}
			})
		})
	})
}

// stopWaiting gives up the popup sign-in under way, if any: its channel
// closes, so a late answer is not heard, and so does its window while
// this page still holds it.
func (p *Page) stopWaiting() {
	s := &p.auth
	if s.answer != nil {
		s.answer.close()
		s.answer = nil
	}
	closePopup(s.popup)
	s.popup, s.cut = nil, false
}

// handleCallback finishes a full-page redirect sign-in when this page was
// loaded with its answer. It returns false when the URL carries none.
// The answer is redeemed with the cloud, tenant, client ID and redirect
// URI the sign-in began with, kept in the pending sign-in: those
// remembered for the cloud may have changed since (in another tab), and
// a code is good only for the client and redirect URI it was issued to.
func (p *Page) handleCallback(ctx app.Context, u *url.URL) bool {
	if !signin.IsCallback(u) {
		return false
	}
	var form savedForm
	if ctx.SessionStorage().Get(keyForm, &form) == nil && form.Cloud != "" {
		p.restoreForm(form)
		ctx.SessionStorage().Del(keyForm)
	}
	var pending signin.Pending
	ctx.SessionStorage().Get(keyPending, &pending)
	ctx.SessionStorage().Del(keyPending)
	href := u.String()
	cleanURL(ctx)
	cloud, known := graph.CloudByID(pending.CloudID, p.sandbox)
	if known {
		p.target.cloud = cloud
	}
	p.loadCloudConfig(ctx)
	switch {
	case pending.State == "":
		p.auth.err = signin.ErrNoPending.Error()
		return true
	case !known:
		p.auth.err = "The sign-in answer is for a cloud this page does not offer (" + pending.CloudID + "): it was ignored."
		return true
	case signin.AnswerState(u) != pending.State:
		// Only the answer to this tab's own sign-in goes to the sign-in
		// host: a forged one, or a vendor's code for Get the code, never.
		p.auth.err = signin.ErrStateMismatch.Error()
		return true
	}
	p.auth.tenant, p.auth.clientID = pending.Tenant, pending.ClientID
	p.show("tenant", pending.Tenant)
	p.show("client-id", pending.ClientID)
	cfg := signin.Config{Cloud: cloud, Tenant: pending.Tenant, ClientID: pending.ClientID, RedirectURI: pending.RedirectURI}
	si, err := signin.New(cfg, p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		p.auth.err = err.Error()
		return true
	}
	p.track(si)
	p.completeSignIn(ctx, si, pending, href)
	return true
}

// completeSignIn redeems the answer at href against the pending sign-in.
// A result that comes back after Sign out, a cloud switch or another
// sign-in is dropped, and what MSAL stored for it removed.
func (p *Page) completeSignIn(ctx app.Context, si *signin.Client, pending signin.Pending, href string) {
	s, gen := &p.auth, p.gen
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
			if gen != p.gen {
				if err == nil {
					si.SignOut(context.Background())
				}
				return
			}
			s.busy = false
			if err != nil {
				s.err = err.Error()
				p.consentRefused(err)
				return
			}
			s.signin = si // kept by newSession; the client signed in before is closed
			p.newSession("you signed in")
			s.account, s.token = &acct, token
			p.consentGiven(ctx)
		})
	})
}

// cleanURL removes the sign-in answer from the address bar: the fragment
// it comes back in, or its parameters in the query; a vendor's answer to
// Authorize (which also names its scope) alike, so no code is left there.
func cleanURL(ctx app.Context) {
	u := ctx.Page().URL()
	if u == nil || (u.RawQuery == "" && u.Fragment == "") {
		return
	}
	clean := *u
	clean.Fragment, clean.RawFragment = "", ""
	if u.RawQuery != "" {
		q := u.Query()
		for _, k := range []string{"code", "state", "session_state", "client_info", "error", "error_description", "error_uri", "error_codes", "scope"} {
			q.Del(k)
		}
		clean.RawQuery = q.Encode()
	}
	ctx.Page().ReplaceURL(&clean)
}

// resumeSession restores a sign-in kept in sessionStorage by MSAL's cache,
// so a reload of the tab stays signed in.
func (p *Page) resumeSession(ctx app.Context) {
	if _, err := graph.ParseClientID(p.auth.clientID); err != nil {
		return
	}
	if !signin.HasSession(p.signInConfig(), tabStore{ctx.SessionStorage()}) {
		return // nothing to resume: do not build an MSAL client at start-up
	}
	si, err := signin.New(p.signInConfig(), p.client(), tabStore{ctx.SessionStorage()})
	if err != nil {
		return
	}
	p.track(si)
	gen := p.gen
	p.async(ctx, func() {
		acct, ok := si.Account(context.Background())
		if !ok {
			return
		}
		token, err := si.Token(context.Background())
		p.dispatch(ctx, func(ctx app.Context) {
			if err != nil || gen != p.gen {
				return // the session ended (the admin signs in again), or the admin moved on
			}
			p.auth.signin, p.auth.account, p.auth.token = si, &acct, token
		})
	})
}

// onSignOut ends the session: the token, MSAL's cache, the history and
// the last send go, and whatever is under way for the session is dropped
// when it comes back (see newSession).
func (p *Page) onSignOut(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	s := &p.auth
	if s.signin != nil {
		s.signin.SignOut(context.Background())
	}
	ctx.SessionStorage().Clear()
	p.out.sent, p.out.response, p.out.explained, p.out.support, p.out.err = nil, nil, nil, "", ""
	p.newSession("you signed out")
	s.signin, s.account, s.err, s.token = nil, nil, "", ""
	p.show("token", "")
	p.history, p.look = historyState{}, lookupState{}
	p.forgetProvisioning(ctx)
}

// freshToken returns the access token to send with: from MSAL, refreshed
// silently when it is about to expire, when signed in; else the pasted one.
func (p *Page) freshToken(ctx context.Context) (string, error) {
	if p.auth.signin == nil {
		return p.auth.token, nil
	}
	t, err := p.auth.signin.Token(ctx)
	if err != nil {
		return "", errors.New("Could not renew the sign-in: " + err.Error() + " Sign in again.")
	}
	return t, nil
}

// savedForm is what a full-page sign-in keeps of the form (see keptForm).
func (p *Page) savedForm() savedForm {
	f := savedForm{Cloud: p.target.cloud.ID, Version: string(p.target.version), Kind: string(p.target.kind), ObjectID: p.target.objectID}
	for _, c := range p.creds.rows {
		f.Keys = append(f.Keys, c.Key)
	}
	f.Steps = p.steps.openIDs()
	return keptForm(f)
}

// restoreForm fills the form with what a full-page sign-in kept, filtered
// again: sessionStorage may hold an older version's form.
func (p *Page) restoreForm(f savedForm) {
	f = keptForm(f)
	if c, ok := graph.CloudByID(f.Cloud, p.sandbox); ok {
		p.target.cloud = c
	}
	if f.Version != "" {
		p.target.version = graph.Version(f.Version)
	}
	if f.Kind != "" {
		p.target.kind = graph.Kind(f.Kind)
	}
	p.target.objectID = f.ObjectID
	p.show("object-id", f.ObjectID)
	p.creds.rows = nil
	for _, k := range f.Keys {
		p.creds.rows = append(p.creds.rows, graph.Credential{Key: k})
	}
	p.showCredentials()
	p.steps.reopen(f.Steps)
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
