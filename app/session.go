package app

// A session is what one sign-in (or one cloud) gives the page: its token,
// and the work started with it. Work runs in goroutines and comes back
// later through a dispatch; a send can take two minutes with its
// retries. Each piece of work holds the ticket of the session it began
// in, and its answer is dropped when that session has ended, so that a
// token, an answer or a history row of a session the admin left never
// comes back into the new one. That check is written once, in
// ticket.dispatch; ending a session is one call, session.end, which each
// part answers with its reset.
//
// The ticket keeps a late answer off the page; MSAL's own late write (a
// token refresh answers after Sign out, and MSAL stores it with a fresh
// refresh token) is stopped by closing the session's clients (see
// track), whose cache then drops every write.

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// sessionEnd says why a session ends. why completes "the request in
// flight was stopped because …"; leave is set when the admin leaves the
// session's cloud or account (a cloud switch, Sign out): what the parts
// read or await for it goes too, not only the work under way.
type sessionEnd struct {
	why   string
	leave bool
}

// resetter is a part of the page that answers the end of a session.
type resetter interface{ reset(sessionEnd) }

// tokenSource gives the token a request is sent with: the sign-in's,
// renewed when it is about to expire, or the pasted one.
type tokenSource interface {
	freshToken(context.Context) (string, error)
	keepToken(string) // the token a send got, renewed: sent with next
}

// session is the page's current session, and what every request of the
// page is sent with.
type session struct {
	client *graph.Client // every request's; Timeout from TimeoutEnv in sandbox builds
	tokens tokenSource
	page   app.Context // the page's own context once mounted: see own

	gen    int
	ctx    context.Context // cancelled when the session ends
	cancel context.CancelFunc
	parts  []resetter // told when the session ends, in order
}

// ticket is the session a piece of work began in.
type ticket struct {
	s   *session
	gen int
	ctx context.Context // cancelled when that session ends
}

// ticket returns the current session's ticket.
func (s *session) ticket() ticket {
	s.begin()
	return ticket{s: s, gen: s.gen, ctx: s.ctx}
}

// begin gives the session its context, the first time it is needed.
func (s *session) begin() {
	if s.ctx == nil {
		s.ctx, s.cancel = context.WithCancel(context.Background())
	}
}

// live reports whether t's session is still the page's: the one
// generation check of the page.
func (t ticket) live() bool { return t.gen == t.s.gen }

// dispatch runs fn on the page's goroutine, with the page's own context,
// if t's session is still live by then.
func (t ticket) dispatch(ctx app.Context, fn func(app.Context)) {
	dispatch(t.s.own(ctx), func(ctx app.Context) {
		if t.live() {
			fn(ctx)
		}
	})
}

// own returns the page's context once it is mounted, ctx before: go-app
// drops a dispatch whose source has been dismounted, and the button that
// started a sign-in or a Look up is often gone (replaced by what it
// started) when the answer comes back.
func (s *session) own(ctx app.Context) app.Context {
	if s.page != nil {
		return s.page
	}
	return ctx
}

// end ends the session: the work under way is cancelled and its answers
// dropped, and each part resets what belonged to it. Sign out, a cloud
// switch and a sign-in (when it begins and when it completes) call it.
func (s *session) end(e sessionEnd) {
	s.gen++
	if s.cancel != nil {
		s.cancel()
	}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	for _, p := range s.parts {
		p.reset(e)
	}
}

// run runs work off the page's goroutine with the session's context, then
// apply with its result on the page's goroutine, unless the session ended
// meanwhile. (A function: methods cannot have type parameters.)
func run[T any](s *session, ctx app.Context, work func(context.Context) T, apply func(app.Context, T)) {
	t := s.ticket()
	async(s.own(ctx), func() {
		v := work(t.ctx)
		t.dispatch(ctx, func(ctx app.Context) { apply(ctx, v) })
	})
}
