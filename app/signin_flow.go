package app

import (
	"context"
	"errors"
	"net/url"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/graph/signin"
)

// The sign-in's flow: signing in with a popup or in this tab, the answer
// redeemed, a kept session resumed, and Sign out. Each sign-in begins and
// ends a session (session.go).

// signIn opens the sign-in page in a popup, or in this tab when here is
// set or the popup is blocked, asking for the extra scopes on top of the
// usual ones. It begins a new session generation: what was under way
// for the last one (a send, another sign-in) is dropped.
func (au *signInStep) signIn(ctx app.Context, here bool, extra ...string) {
	s := au
	cfg, err := au.signInConfig()
	if err != nil {
		s.err = err.Error()
		return
	}
	si, err := signin.New(cfg, au.session.client, tabStore{ctx.SessionStorage()})
	if err != nil {
		s.err = err.Error()
		return
	}
	au.session.end(sessionEnd{why: "a sign-in began"})
	au.track(si)
	var popup app.Value
	if !here && app.Window().Get("BroadcastChannel").Truthy() { // without it, no answer could come back
		popup = openPopup(newPopupName()) // now, while the click still counts as a gesture
	}
	here = popup == nil || !popup.Truthy() // blocked: sign in with a full-page redirect
	s.busy, s.err = true, ""
	if !here {
		s.popup = popup // the session's: closed when it ends (signed out, switched cloud or began again)
	}
	form := au.keepForm()
	type begun struct {
		authURL string
		pending signin.Pending
		err     error
	}
	run(au.session, ctx, func(context.Context) begun {
		begin := si.BeginPopup
		if here {
			begin = si.Begin
		}
		authURL, pending, err := begin(context.Background(), extra...)
		return begun{authURL, pending, err}
	}, func(ctx app.Context, b begun) {
		switch err := b.err; {
		case err != nil:
			s.busy, s.err = false, err.Error()
			closePopup(popup)
			s.popup = nil
		case here:
			// The round trip leaves the page: keep what redeems the
			// answer, and the non-secret fields to restore.
			ctx.SessionStorage().Set(keyPending, b.pending)
			ctx.SessionStorage().Set(keyForm, form)
			app.Window().Get("location").Set("href", b.authURL)
		default:
			au.awaitPopup(ctx, si, b.pending, popup, b.authURL)
		}
	})
}

// awaitPopup sends the popup to the sign-in page and waits for the answer
// on the sign-in's channel. The pending sign-in stays in this page's
// memory: the popup never needs it. When the popup reads as closed, the
// page says so but keeps listening: under Cross-Origin-Opener-Policy it
// reads so while the admin is still signing in there.
func (au *signInStep) awaitPopup(ctx app.Context, si *signin.Client, pending signin.Pending, popup app.Value, authURL string) {
	s, t := au, au.session.ticket()
	var a *answerChannel
	a = listenForAnswer(channelName(pending.State), func(href string) {
		t.dispatch(ctx, func(ctx app.Context) {
			if s.answer != a {
				return // given up meanwhile
			}
			au.stopWaiting()
			au.completeSignIn(ctx, si, pending, href)
		})
	})
	s.answer, s.popup = a, popup
	popup.Get("location").Set("href", authURL)
	async(au.session.own(ctx), func() {
		watchPopup(popup, a, func() {
			t.dispatch(ctx, func(ctx app.Context) {
				if s.answer == a {
					s.busy, s.cut, s.popup = false, true, nil
				}
			})
		})
	})
}

// stopWaiting gives up the popup sign-in under way, if any: its channel
// closes, so a late answer is not heard, and so does its window while
// this page still holds it.
func (au *signInStep) stopWaiting() {
	s := au
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
func (au *signInStep) handleCallback(ctx app.Context, u *url.URL) bool {
	if !signin.IsCallback(u) {
		return false
	}
	var form savedForm
	if ctx.SessionStorage().Get(keyForm, &form) == nil && form.Cloud != "" {
		au.restoreForm(form)
		ctx.SessionStorage().Del(keyForm)
	}
	var pending signin.Pending
	ctx.SessionStorage().Get(keyPending, &pending)
	ctx.SessionStorage().Del(keyPending)
	href := u.String()
	cleanURL(ctx)
	cloud, known := graph.CloudByID(pending.CloudID, au.sandbox)
	if known {
		au.target.cloud = cloud
	}
	au.loadCloudConfig(ctx)
	switch {
	case pending.State == "":
		au.err = signin.ErrNoPending.Error()
		return true
	case !known:
		au.err = "The sign-in answer is for a cloud this page does not offer (" + pending.CloudID + "): it was ignored."
		return true
	case signin.AnswerState(u) != pending.State:
		// Only the answer to this tab's own sign-in goes to the sign-in
		// host: a forged one, or a vendor's code for Get the code, never.
		au.err = signin.ErrStateMismatch.Error()
		return true
	}
	au.tenant, au.clientID = pending.Tenant, pending.ClientID
	au.fields.show("tenant", pending.Tenant)
	au.fields.show("client-id", pending.ClientID)
	reg, err := graph.ParseRegistration(pending.Tenant, pending.ClientID)
	if err != nil {
		au.err = err.Error()
		return true
	}
	cfg := signin.Config{Cloud: cloud, Registration: reg, RedirectURI: pending.RedirectURI}
	si, err := signin.New(cfg, au.session.client, tabStore{ctx.SessionStorage()})
	if err != nil {
		au.err = err.Error()
		return true
	}
	au.track(si)
	au.completeSignIn(ctx, si, pending, href)
	return true
}

// completeSignIn redeems the answer at href against the pending sign-in.
// A result that comes back after Sign out, a cloud switch or another
// sign-in is dropped, and what MSAL stored for it removed.
func (au *signInStep) completeSignIn(ctx app.Context, si *signin.Client, pending signin.Pending, href string) {
	s, t := au, au.session.ticket()
	u, err := url.Parse(href)
	if err != nil {
		s.busy, s.err = false, "The sign-in answer is not a URL."
		return
	}
	s.busy, s.err = true, ""
	async(au.session.own(ctx), func() {
		acct, err := si.Complete(context.Background(), pending, u)
		var token string
		if err == nil {
			token, err = si.Token(context.Background())
		}
		dispatch(au.session.own(ctx), func(ctx app.Context) {
			if !t.live() { // signed out, switched cloud or began again meanwhile
				if err == nil {
					si.Discard(context.Background(), s.signin) // the store may hold the sign-in that ended this one's session
				}
				return
			}
			s.busy = false
			if err != nil {
				s.err = err.Error()
				au.signedIn(ctx, err)
				return
			}
			s.signin = si // kept by the session's end; the client signed in before is closed
			au.session.end(sessionEnd{why: "you signed in"})
			s.account, s.token = &acct, token
			au.signedIn(ctx, nil)
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
func (au *signInStep) resumeSession(ctx app.Context) {
	cfg, err := au.signInConfig()
	if err != nil {
		return
	}
	if !signin.HasSession(cfg, tabStore{ctx.SessionStorage()}) {
		return // nothing to resume: do not build an MSAL client at start-up
	}
	si, err := signin.New(cfg, au.session.client, tabStore{ctx.SessionStorage()})
	if err != nil {
		return
	}
	au.track(si)
	type resumed struct {
		acct  signin.Account
		token string
		err   error
	}
	run(au.session, ctx, func(context.Context) resumed {
		acct, ok := si.Account(context.Background())
		if !ok {
			return resumed{err: errors.New("no account")}
		}
		token, err := si.Token(context.Background())
		return resumed{acct, token, err}
	}, func(ctx app.Context, r resumed) {
		if r.err != nil {
			return // nothing to resume
		}
		au.signin, au.account, au.token = si, &r.acct, r.token
	})
}

// onSignOut ends the session: the token, MSAL's cache, the history and
// the last send go, and whatever is under way for the session is dropped
// when it comes back (see session.end).
func (au *signInStep) onSignOut(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	ctx.SessionStorage().Clear()
	au.signOut()
}

// signOut is Sign out but for the tab's sessionStorage, which go-app's
// context holds: the signed-in client removes what it stored, and the
// session's end closes and forgets it with every other client.
func (au *signInStep) signOut() {
	if au.signin != nil {
		au.signin.SignOut(context.Background())
	}
	au.signedOut() // the last send, the history, Look up's findings
	au.signin, au.account, au.err, au.token = nil, nil, "", ""
	au.session.end(sessionEnd{why: "you signed out", leave: true})
	au.fields.show("token", "")
}

// reset gives up a popup sign-in under way when the session ends, and
// closes the clients the session built but the one signed in.
func (au *signInStep) reset(sessionEnd) {
	au.closeClients(au.signin)
	au.stopWaiting()
	au.busy = false
}
