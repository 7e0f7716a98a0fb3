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
	au.session, au.fields, au.target, au.sandbox, au.now = &p.session, &p.fields, &p.target.targetState, p.sandbox, &p.now
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
	p.handover = handOverStep{out: &p.out, f: &p.form, authz: &p.authz.authorizeState, code: &p.authz, history: &p.history}
	p.validate.s, p.validate.f, p.validate.out, p.validate.call, p.validate.authz, p.validate.history = &p.session, &p.form, &p.out, &p.call, &p.authz.authorizeState, &p.history
	p.save.s, p.save.f, p.save.out, p.save.call, p.save.history = &p.session, &p.form, &p.out, &p.call, &p.history
	j := &p.job
	j.s, j.f, j.call, j.look, j.validate, j.history, j.out = &p.session, &p.form, &p.call, &p.target.look, &p.validate.validateState, &p.history, &p.out
	// Told, in this order, when a session ends (session.end).
	p.session.parts = []resetter{&p.auth, &p.out, &p.target, &p.authz, &p.validate, &p.save, &p.job}
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
