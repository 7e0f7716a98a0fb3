package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// validateState is the Test connection part of the page: the service
// principal's provisioning jobs (or, before any exists, its templates),
// the one chosen, and which credentials to test.
type validateState struct {
	busy      bool   // reading the jobs
	jobsFor   string // the service principal they were read for, normalised
	jobs      []graph.Job
	templates []graph.Template // read when there is no job
	job       string           // the job chosen
	template  string           // the template chosen, without a job
	use       string           // "saved" or "typed"; "" until the admin chooses
	err       string           // why Test connection could not be sent
	note      string           // what the admin must do first (choose a job)
}

// testStep is the Test connection step: validateCredentials for the
// job chosen, with the saved or the typed credentials.
type testStep struct {
	validateState
	s       *session
	f       *form
	out     *sender         // sends the test
	call    *call           // the call the Request panel shows: the shell's
	authz   *authorizeState // whether an Authorize handed a code over
	history *historyStep    // whether the test answered
}

// The choices of Credentials to test.
const (
	useSaved = "saved"
	useTyped = "typed"
)

// useSavedCredentials is the admin's choice, or the sensible default: the
// saved credentials after an Authorize handed a code over, or for an
// OAuth connector's rows (a code is never tested: it would be spent); the
// typed ones otherwise, as for a token or password connector before Save.
func (ts *testStep) useSavedCredentials() bool {
	switch ts.use {
	case useSaved:
		return true
	case useTyped:
		return false
	}
	return ts.authz.handedOver || ts.f.wantsCode()
}

// jobsRead reports whether the jobs shown are the current service principal's.
func (ts *testStep) jobsRead() bool {
	v := ts
	return v.jobsFor != "" && v.jobsFor == ts.f.spID()
}

// validation is what Test connection tests, as the part stands.
func (ts *testStep) validation() graph.Validation {
	v := graph.Validation{UseSavedCredentials: ts.useSavedCredentials()}
	if ts.jobsRead() {
		v.JobID = ts.job
		if v.JobID == "" {
			v.TemplateID = ts.template
		}
	}
	if !v.UseSavedCredentials {
		v.Credentials = ts.f.creds.rows
	}
	return v
}

// renderTestConnection renders Test connection: Graph's validateCredentials,
// the portal's Test Connection button.
func (ts *testStep) renderTestConnection() app.UI {
	v := ts
	sp := ts.f.target.kind == graph.ServicePrincipals
	test := button("test-connection", "", "Test connection").On("click", ts.onTestConnection)
	if !sp || v.busy {
		test = test.Attr("disabled", "true")
	}
	saved := ts.useSavedCredentials()
	var ps []graph.Problem
	if v.note != "" {
		ps = append(ps, graph.Problem{Severity: graph.Warning, Message: v.note})
	}
	if v.err != "" {
		ps = append(ps, graph.Problem{Severity: graph.Error, Message: v.err})
	}
	return elWith("fieldset#test.admin-call", attrs{"data-call", callTest.dataCall()},
		textEl("legend", "Test connection"),
		more("test-hint", "The portal's Test Connection (Graph's validateCredentials). It changes nothing.",
			"The provisioning service tries the credentials on the application, for the service principal's provisioning job."),
		el("div#test-endpoint-area", endpointNote(sp, "test-endpoint-note")),
		el("div#test-deprecation-area", ts.f.deprecationNotice("test-deprecation", graph.ValidateCredentialsCall)),
		// Always there: the job list appearing must not move the controls
		// below (go-app would rebuild them, and the focus would be lost).
		el("div#test-target-area", ts.renderTestTarget()),
		field("tc-credentials", "Credentials to test", nil,
			elem("select#tc-credentials[aria-describedby=tc-credentials-hint]", nil,
				option(useSaved, "The saved credentials (useSavedCredentials)", saved),
				option(useTyped, "The credentials typed above", !saved),
			).On("change", storeValue(&ts.use)),
			more("tc-credentials-hint", "After Authorize, the saved ones; for a token or password connector, the typed ones, before Save.",
				"The vendor's token never reaches this page, so only a test of what the provisioning service saved proves that Authorize worked."),
		),
		el("div.row",
			test,
			when(v.busy, textEl("span#test-busy.hint", "Reading the provisioning jobs…")),
		),
		problemList("test-connection-problems", ps),
	)
}

// renderTestTarget offers the jobs read, or the templates when none exists.
func (ts *testStep) renderTestTarget() app.UI {
	v := ts
	if !ts.jobsRead() {
		return nil
	}
	var opts []app.UI
	if len(v.jobs) > 0 {
		if len(v.jobs) > 1 {
			opts = append(opts, option("", "Choose a job…", v.job == ""))
		}
		for _, j := range v.jobs {
			opts = append(opts, option(j.ID, j.TemplateID+" — "+dash(j.Status)+" — "+j.ID, j.ID == v.job))
		}
		return field("tc-job", "Job", nil,
			elem("select#tc-job", nil, opts...).On("change", storeValue(&ts.job, &ts.note)),
		)
	}
	if len(v.templates) == 0 {
		return nil
	}
	if len(v.templates) > 1 {
		opts = append(opts, option("", "Choose a template…", v.template == ""))
	}
	for _, t := range v.templates {
		opts = append(opts, option(t.ID, t.ID+" — "+t.Description, t.ID == v.template))
	}
	return field("tc-template", "Template", nil,
		elem("select#tc-template[aria-describedby=tc-template-hint]", nil, opts...).On("change", storeValue(&ts.template, &ts.note)),
		textEl("p#tc-template-hint.hint", "This service principal has no provisioning job yet: Test connection checks the credentials for the connector's template."),
	)
}

// endpointNote says that Test connection and Save act on the service
// principal, when Application is chosen.
func endpointNote(sp bool, id string) app.UI {
	if sp {
		return nil
	}
	return textWith("p.notice", "Test connection and Save act on the service principal (/servicePrincipals), as the portal does: "+
		"choose Endpoint: Service principal, and give its object ID.", "id", id)
}

func (ts *testStep) onTestConnection(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*ts.call = callTest
	ts.testConnection(ctx)
}

// testConnection sends validateCredentials for the job chosen, reading the
// jobs first when they are not read yet: with one job (or, without any,
// one template) it tests right away; with several it asks which.
func (ts *testStep) testConnection(ctx app.Context) {
	v := ts
	v.err, v.note = "", ""
	if ts.out.sending || v.busy || ts.f.target.kind != graph.ServicePrincipals {
		return
	}
	spID, err := graph.ParseObjectID(ts.f.target.objectID)
	if err != nil {
		v.err = err.Error()
		return
	}
	if !ts.jobsRead() {
		ts.readJobs(ctx, spID)
		return
	}
	if len(v.jobs) == 0 && len(v.templates) == 0 {
		v.err = "This service principal has no provisioning job and no template: set up provisioning in the portal (Enterprise applications > the app > Provisioning) first."
		return
	}
	val, requestID, cloud := ts.validation(), ts.out.requestID, ts.f.target.cloud
	if _, err := graph.TestConnectionRequest(ts.f.syncTarget(ts.f.auth.token), val, requestID); err != nil {
		v.err = err.Error()
		return
	}
	target := ts.f.syncTarget("")
	ts.out.send(ctx, outgoing{
		call:    callTest,
		backoff: graph.DefaultBackoff, // it changes nothing: a busy Graph may be asked again
		entry:   historyEntry{Cloud: cloud, Version: ts.f.target.version, Kind: graph.ServicePrincipals, ObjectID: ts.f.target.objectID, Keys: keysOf(val.Credentials)},
		build: func(token string) (graph.Request, error) {
			target.Token = token
			return graph.TestConnectionRequest(target, val, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			return graph.ExplainTestConnection(resp, err, claims, cloud)
		},
	})
}

// readJobs reads the provisioning jobs of spID, as Look up does, and its
// templates when it has none; then tests if one target is clear.
func (ts *testStep) readJobs(ctx app.Context, spID string) {
	v := ts
	v.busy = true
	cloud, t, target := ts.f.target.cloud, ts.s.ticket(), ts.f.syncTarget("")
	async(ts.s.own(ctx), func() {
		c := t.ctx
		token, err := ts.s.tokens.freshToken(c)
		var jobs []graph.Job
		var templates []graph.Template
		if err == nil {
			jobs, err = graph.ListJobs(c, ts.s.client, cloud, token, spID)
		}
		if err == nil && len(jobs) == 0 {
			target.Token = token
			templates, err = graph.ListTemplates(c, ts.s.client, target)
		}
		// Dropped if the admin signed out, switched cloud or signed in meanwhile.
		t.dispatch(ctx, func(ctx app.Context) {
			v.busy = false
			if err != nil {
				v.err = err.Error()
				return
			}
			v.jobsFor, v.jobs, v.templates, v.job, v.template = spID, jobs, templates, "", ""
			switch {
			case len(jobs) == 1:
				v.job = jobs[0].ID
			case len(jobs) > 1:
				v.note = "This service principal has " + strconv.Itoa(len(jobs)) + " provisioning jobs: choose the one to test, then press Test connection."
				return
			case len(templates) == 1:
				v.template = templates[0].ID
			case len(templates) > 1:
				v.note = "This service principal has no job yet and " + strconv.Itoa(len(templates)) + " templates: choose the connector's, then press Test connection."
				return
			}
			ts.testConnection(ctx)
		})
	})
}

// reset stops waiting for the jobs read when the session ends; leaving it
// drops them, keeping the admin's choice of credentials.
func (ts *testStep) reset(e sessionEnd) {
	ts.busy = false
	if e.leave {
		ts.validateState = validateState{use: ts.use}
	}
}

func (ts *testStep) status(graph.Checked) stepStatus {
	v := ts
	switch {
	case ts.f.target.kind != graph.ServicePrincipals:
		return stepStatus{stepToDo, "Test connection works on the Service principals endpoint."}
	case v.busy:
		return stepStatus{stepToDo, "Reading the provisioning jobs…"}
	case ts.out.sending && ts.out.call == callTest:
		return stepStatus{stepToDo, "Testing…"}
	case v.err != "" || v.note != "":
		return stepStatus{stepAttention, "Test connection could not be sent: see why below."}
	}
	e, sent := ts.history.lastSent(callTest, ts.f.spID())
	handed, handedSent := ts.history.lastSent(callAuthorize, ts.f.spID())
	switch {
	case !sent || (handedSent && handed.At.After(e.At)):
		return stepStatus{stepToDo, "Test the credentials the provisioning service will use."}
	case e.ok():
		return stepStatus{stepDone, "Connection works " + e.answered() + "."}
	}
	return stepStatus{stepAttention, "Test connection got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
}
