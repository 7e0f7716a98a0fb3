package app

// A session is what one sign-in (or one cloud) gives the page: its token,
// and the work started with it. Work runs in goroutines and comes back
// later through p.dispatch; a send can take two minutes with its
// retries. Each piece of work remembers the session generation it began
// in (p.gen) and drops its result when the generation has moved on, so
// that a token, an answer or a history row of a session the admin left
// never comes back into the new one.
//
// The page's gen check keeps a late answer off the page; MSAL's own late
// write (a token refresh answers after Sign out, and MSAL stores it with
// a fresh refresh token) is stopped by closing the session's clients (see
// track), whose cache then drops every write.

import "synctoken/graph/signin"

// newSession begins a new session generation. Sign out, a cloud switch and
// a sign-in (when it begins and when it completes) call it: the send in
// flight is cancelled and says why, a popup sign-in under way is given
// up, and Look up stops waiting for what it asked. why completes "the
// request in flight was stopped because …".
func (p *Page) newSession(why string) {
	p.gen++
	p.closeClients(p.auth.signin)
	p.stopWaiting()
	p.auth.busy = false
	if p.out.sending {
		if p.out.cancel != nil {
			p.out.cancel()
		}
		p.out.sending, p.out.cancel, p.out.wait = false, nil, nil
		p.out.err = "The request in flight was stopped because " + why + ": Graph may have received it, but its answer was not kept."
	}
	p.look.busy = false
	if p.look.jobsBusy {
		p.look.jobsFor, p.look.jobsBusy = "", false
	}
	// Test connection's and Save's reads are dropped when they come back:
	// stop waiting for them, and for the reads after a Save.
	p.validate.busy, p.save.busy = false, false
	p.save.stopSettling()
	p.job.busy = false
	p.job.stopSettling()
}

// track counts si among the clients of the current session, to be closed
// when it ends.
func (p *Page) track(si *signin.Client) { p.auth.clients = append(p.auth.clients, si) }

// closeClients closes every client the session built but keep, the one
// signed in, which outlives a sign-in's beginning (a consent sign-in
// leaves it in use until it completes): whoever ends it closes it too
// (Sign out, a cloud switch, the next sign-in's completion).
func (p *Page) closeClients(keep *signin.Client) {
	var kept []*signin.Client
	for _, c := range p.auth.clients {
		if c == keep {
			kept = append(kept, c)
		} else {
			c.Close()
		}
	}
	p.auth.clients = kept
}
