package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// wire connects the page's parts, once, when the page is initialised: the
// session learns what each part resets when it ends.
func (p *Page) wire() {
	p.session.tokens = &p.auth
	p.form = form{target: &p.target.targetState, creds: &p.creds.credentialsState, auth: &p.auth.signInState}
	au := &p.auth
	au.session, au.fields, au.target, au.sandbox = &p.session, &p.fields, &p.target.targetState, p.sandbox
	au.keepForm, au.restoreForm = p.savedForm, p.restoreForm
	au.signedIn = func(ctx app.Context, err error) {
		if err != nil {
			p.target.consentRefused(err)
		} else {
			p.target.consentGiven(ctx)
		}
	}
	au.signedOut = func() {
		o := &p.out
		o.sent, o.response, o.explained, o.support, o.err = nil, nil, nil, "", ""
		p.history.historyState, p.target.look = historyState{}, lookupState{}
	}
	p.creds.fields = &p.fields
	a := &p.target
	a.s, a.f, a.fields, a.sandbox, a.switchCloud, a.signIn = &p.session, &p.form, &p.fields, p.sandbox, p.switchCloud, p.auth.signIn
	p.history.restore = p.restoreEntry
	p.out.s, p.out.f, p.out.history = &p.session, &p.form, &p.history
	g := &p.authz
	g.s, g.f, g.fields, g.now, g.showCredentials = &p.session, &p.form, &p.fields, &p.now, p.creds.showCredentials
	p.handover = handOverStep{out: &p.out, f: &p.form, authz: &p.authz.authorizeState, code: &p.authz}
	p.validate.s, p.validate.f, p.validate.out, p.validate.call, p.validate.authz = &p.session, &p.form, &p.out, &p.call, &p.authz.authorizeState
	p.save.s, p.save.f, p.save.out, p.save.call = &p.session, &p.form, &p.out, &p.call
	j := &p.job
	j.s, j.f, j.call, j.look, j.validate, j.history, j.out = &p.session, &p.form, &p.call, &p.target.look, &p.validate.validateState, &p.history, &p.out
	p.session.parts = []resetter{
		// Sign-in: a popup sign-in under way is given up; the clients
		// the session built are closed, but the one signed in.
		resetFunc(func(sessionEnd) {
			p.auth.closeClients(p.auth.signin)
			p.auth.stopWaiting()
			p.auth.busy = false
		}),
		// The send in flight (cancelled with the session's context) says why.
		resetFunc(func(e sessionEnd) {
			o := &p.out
			if !o.sending {
				return
			}
			if o.cancel != nil {
				o.cancel()
			}
			o.sending, o.cancel, o.wait = false, nil, nil
			o.err = "The request in flight was stopped because " + e.why + ": Graph may have received it, but its answer was not kept."
		}),
		// Look up stops waiting for what it asked.
		resetFunc(func(sessionEnd) {
			l := &p.target.look
			l.busy = false
			if l.jobsBusy {
				l.jobsFor, l.jobsBusy = "", false
			}
		}),
		// Test connection's, Save's and the job's reads are dropped when
		// they come back: stop waiting for them, and for the reads after a
		// Save or a restart. Leaving the session drops what they read too.
		resetFunc(func(e sessionEnd) {
			p.validate.busy, p.save.busy = false, false
			p.save.stopSettling()
			p.job.busy = false
			p.job.stopSettling()
			if e.leave {
				p.forgetProvisioning()
			}
		}),
	}
}

// restoreEntry puts a history entry's target and keys back into the form.
// Values were never kept: the admin types them again.
func (p *Page) restoreEntry(ctx app.Context, h historyEntry) {
	p.switchCloud(ctx, h.Cloud)
	p.target.version, p.target.kind, p.target.objectID = h.Version, h.Kind, h.ObjectID
	p.show("object-id", h.ObjectID)
	if len(h.Keys) > 0 { // a Test connection of the saved credentials sent none: the rows stay
		p.creds.rows = nil
		for _, k := range h.Keys {
			p.creds.rows = append(p.creds.rows, graph.Credential{Key: k})
		}
		p.creds.showCredentials()
	}
}
