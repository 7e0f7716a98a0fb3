package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// The steps' states and one-line summaries (steps.go), read from the
// parts' state and from this tab's history: what was sent and how Graph
// answered is what makes a step done.

// redirectKey is the row Get the code fills with the redirect URI used.
const redirectKey = graph.KeyOauth2RedirectUri

// lastSent is the newest send of c for the service principal in the
// form, if any.
func (p *Page) lastSent(c call) (historyEntry, bool) {
	sp := p.form.spID()
	for _, e := range p.history.entries { // newest first
		if id, _ := graph.ParseObjectID(e.ObjectID); e.Call == c && id == sp {
			return e, true
		}
	}
	return historyEntry{}, false
}

// ok reports whether Graph answered the send with a 2xx.
func (h historyEntry) ok() bool {
	return h.Response != nil && h.Response.Status >= 200 && h.Response.Status < 300
}

// answered is "21:44, 204": when, and Graph's status.
func (h historyEntry) answered() string {
	s := h.At.Format("15:04")
	if h.Response != nil {
		s += ", " + strconv.Itoa(h.Response.Status)
	}
	return s
}

// newer reports whether a was sent after b (or b was never sent).
func newer(a historyEntry, b historyEntry, bSent bool) bool { return !bSent || a.At.After(b.At) }

func (p *Page) signInStatus(checked graph.Checked) stepStatus {
	s := &p.auth
	switch {
	case s.err != "":
		return stepStatus{stepAttention, "The sign-in did not finish: see why below."}
	case s.busy:
		return stepStatus{stepToDo, "Signing in…"}
	case strings.TrimSpace(s.token) == "":
		return stepStatus{stepToDo, "Sign in to " + p.target.cloud.Name + ", or paste an access token."}
	case hasError(checked.Token):
		return stepStatus{stepAttention, "The access token cannot be sent: see why below."}
	}
	summary := "An access token is filled in."
	if s.account != nil {
		summary = "Signed in as " + s.account.UPN + "."
	}
	// The token's warnings are Graph's to decide (TokenPanel): said, not
	// held against the step.
	if c, err := graph.DecodeToken(s.token); err == nil && len(c.Check(p.target.cloud, p.now)) > 0 {
		summary += " Graph may refuse the token: see its warnings."
	}
	return stepStatus{stepDone, summary}
}

func (p *Page) applicationStatus(checked graph.Checked) stepStatus {
	t := &p.target
	switch {
	case strings.TrimSpace(t.objectID) == "":
		return stepStatus{stepToDo, "Paste the Object ID of the " + t.kind.Label() + ", or look the application up."}
	case hasError(checked.ObjectID):
		return stepStatus{stepAttention, "The Object ID is not valid: see why below."}
	}
	return stepStatus{stepDone, t.kind.Label() + " " + p.form.spID() + " in " + t.cloud.Name + ", " + string(t.version) + "."}
}

func (p *Page) credentialsStatus(checked graph.Checked) stepStatus {
	code := p.form.wantsCode()
	typed, wrong := 0, false
	for i, c := range p.creds.rows {
		if code && (c.Key == codeKey || c.Key == redirectKey) {
			continue // Get the code fills them
		}
		if c.Value != "" {
			typed++
		}
		if i < len(checked.Credentials) && hasError(checked.Credentials[i]) {
			wrong = wrong || c.Value != "" || strings.TrimSpace(c.Key) == ""
			if c.Value == "" {
				return stepStatus{stepToDo, "Configuring " + p.creds.presetShown().Label + ": fill in its values."}
			}
		}
	}
	if wrong {
		return stepStatus{stepAttention, "A credential has a problem: see it below."}
	}
	summary := "Configuring " + p.creds.presetShown().Label + "."
	if code {
		summary += " Get the code fills its rows."
	}
	return stepStatus{stepDone, summary}
}

func (p *Page) getCodeStatus(graph.Checked) stepStatus {
	a := &p.authz
	code := codeOf(p.creds.rows)
	switch {
	case a.landingErr != "" || a.vendorErr != nil:
		return stepStatus{stepAttention, "The vendor's answer gave no code: see why below."}
	case p.authz.codeExpired() != "":
		return stepStatus{stepAttention, "The code expired: open the authorization page again."}
	case p.authz.holdsFilledCode():
		return stepStatus{stepDone, "Code taken " + a.codeAt.Format("15:04") + "."}
	case code != "":
		return stepStatus{stepDone, "A code is typed into the " + codeKey + " row."}
	case a.awaiting != nil:
		return stepStatus{stepToDo, "Waiting for the vendor's answer…"}
	}
	return stepStatus{stepToDo, "Open the vendor's authorization page, allow access, and take the code."}
}

func (p *Page) handOverStatus(graph.Checked) stepStatus {
	if !p.form.wantsCode() {
		return stepStatus{stepNotNeeded, "Send request (Authorize) is not this connector's call: go on to Test connection."}
	}
	if p.out.sending && p.out.call == callAuthorize {
		return stepStatus{stepToDo, "Sending…"}
	}
	e, sent := p.lastSent(callAuthorize)
	switch {
	case !sent || p.authz.codeAt.After(e.At):
		return stepStatus{stepToDo, "Send request hands the code to the provisioning service."}
	case e.ok() && p.authz.handedOver:
		return stepStatus{stepDone, "Code handed over " + e.answered() + "."}
	case e.ok():
		return stepStatus{stepDone, "Sent " + e.answered() + "."}
	}
	return stepStatus{stepAttention, "Send request got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
}

func (p *Page) testStatus(graph.Checked) stepStatus {
	v := &p.validate
	switch {
	case p.target.kind != graph.ServicePrincipals:
		return stepStatus{stepToDo, "Test connection works on the Service principals endpoint."}
	case v.busy:
		return stepStatus{stepToDo, "Reading the provisioning jobs…"}
	case p.out.sending && p.out.call == callTest:
		return stepStatus{stepToDo, "Testing…"}
	case v.err != "" || v.note != "":
		return stepStatus{stepAttention, "Test connection could not be sent: see why below."}
	}
	e, sent := p.lastSent(callTest)
	handed, handedSent := p.lastSent(callAuthorize)
	switch {
	case !sent || (handedSent && handed.At.After(e.At)):
		return stepStatus{stepToDo, "Test the credentials the provisioning service will use."}
	case e.ok():
		return stepStatus{stepDone, "Connection works " + e.answered() + "."}
	}
	return stepStatus{stepAttention, "Test connection got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
}

func (p *Page) saveStatus(graph.Checked) stepStatus {
	s := &p.save
	switch {
	case p.target.kind != graph.ServicePrincipals:
		return stepStatus{stepToDo, "Save works on the Service principals endpoint."}
	case s.err != "":
		return stepStatus{stepAttention, "The saved credentials could not be read: see why below."}
	case s.busy:
		return stepStatus{stepToDo, "Reading the saved credentials…"}
	}
	e, sent := p.lastSent(callSave)
	handed, handedSent := p.lastSent(callAuthorize)
	switch {
	case sent && e.ok() && newer(e, handed, handedSent):
		return stepStatus{stepDone, "Saved " + e.answered() + "."}
	case sent && !e.ok() && newer(e, handed, handedSent):
		return stepStatus{stepAttention, "Save got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
	case p.save.saveRead():
		return stepStatus{stepToDo, "Check what Save changes, then Confirm save."}
	}
	return stepStatus{stepToDo, "Save credentials reads what is saved and shows what it changes before it sends."}
}

func (p *Page) provisioningStatus(graph.Checked) stepStatus {
	s := &p.job
	j := p.job.jobShown()
	switch {
	case s.err != "":
		return stepStatus{stepAttention, "The job could not be read or changed: see why below."}
	case s.busy:
		return stepStatus{stepToDo, "Reading the provisioning job…"}
	case s.settling:
		return stepStatus{stepToDo, "Reading the job again until it changes…"}
	case j == nil:
		return stepStatus{stepToDo, "Read the job; a quarantined one runs again once restarted."}
	}
	title := graph.ExplainJob(*j, time.Now()).Title + "."
	switch j.Status {
	case "Quarantine":
		return stepStatus{stepAttention, title}
	case "Active":
		return stepStatus{stepDone, title}
	}
	return stepStatus{stepToDo, title}
}

func (p *Page) historyStatus(graph.Checked) stepStatus {
	h := p.history.entries
	if len(h) == 0 {
		return stepStatus{stepInfo, "No request sent from this tab yet."}
	}
	n := strconv.Itoa(len(h)) + " requests"
	if len(h) == 1 {
		n = "1 request"
	}
	return stepStatus{stepInfo, n + " from this tab; the last, " + h[0].Call.endpoint() + ", got " + h[0].status() + "."}
}

// renderSignInStep is the sign-in (or the token pasted) and the token's
// claims.
func (p *Page) renderSignInStep(checked graph.Checked) app.UI {
	return el("div",
		p.auth.renderToken(checked),
		&TokenPanel{Token: p.auth.token, Cloud: p.target.cloud, Now: p.now},
	)
}

// renderGetCodeStep is Get the code, in a container that is always there
// while the step is open.
func (p *Page) renderGetCodeStep(graph.Checked) app.UI {
	return el("div#authorize-area", p.authz.renderAuthorize())
}

// The reshow functions put the live values of a step's fields into
// p.shown before the step opens again: the fields mount with shown, and
// what was typed since the page last set them must not be lost.

func (p *Page) reshowSignIn() {
	p.reshow("tenant", p.auth.tenant)
	p.reshow("client-id", p.auth.clientID)
	if p.auth.account == nil {
		p.reshow("token", p.auth.token)
	}
}

func (p *Page) reshowApplication() { p.reshow("object-id", p.target.objectID) }

func (p *Page) reshowGetCode() {
	p.reshow("authz-url", p.authz.pasted)
	p.reshow("authz-redirect", p.authz.typed)
	p.reshow("authz-landing", p.authz.landing)
}

func (p *Page) reshow(id, v string) {
	if p.shown == nil {
		p.shown = map[string]string{}
	}
	p.shown[id] = v
}
