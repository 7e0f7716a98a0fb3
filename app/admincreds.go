package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// The Admin Credentials step around acquireAccessToken: Get the code
// (authorize.go), Test connection (testconnection.go) and Save
// (save.go). Each of their calls is a graph.Request that the panels show,
// redact, copy and send as they do acquireAccessToken's (send.go).

// spID and syncTarget are the form's (target.go), for the parts that
// have not moved off the page yet.
func (p *Page) spID() string { return p.form.spID() }

func (p *Page) syncTarget(token string) graph.SyncTarget { return p.form.syncTarget(token) }

func (p *Page) wantsCode() bool { return p.form.wantsCode() }

// onFormFocus shows, in the Request panel, the request of the part the
// focus enters: Send request's, Test connection's or Save's. The other
// parts of the form (target, credentials, sign-in) serve them all and
// leave the panel as it is.
func (p *Page) onFormFocus(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if part := e.Get("target").Call("closest", "[data-call]"); part.Truthy() {
		p.call = callNamed(part.Get("dataset").Get("call").String())
	}
}

// preview is the request of the call the Request panel is about, as the
// form stands, and whether it is complete: exactly what its button sends.
func (p *Page) preview(checked graph.Checked) (graph.Request, bool) {
	sp := p.target.kind == graph.ServicePrincipals
	switch p.call {
	case callTest:
		r, err := graph.TestConnectionRequest(p.syncTarget(p.auth.token), p.validate.validation(), p.out.requestID)
		return r, err == nil && sp
	case callSave:
		r, err := graph.SaveSecretsRequest(p.syncTarget(p.auth.token), p.save.savePlan(), p.out.requestID)
		return r, err == nil && sp && p.save.saveRead()
	case callRestart, callStart:
		r, err := p.job.jobRequest(p.call, p.auth.token, p.out.requestID)
		return r, err == nil && sp && p.job.jobShown() != nil
	}
	return graph.Draft(p.input(), p.out.requestID), checked.OK()
}
