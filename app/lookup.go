package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/graph/signin"
)

// lookupState is the Look up part of the page: what the admin's text
// turned out to be, and the jobs of the service principal found.
type lookupState struct {
	busy    bool
	query   string // what was looked up, as typed
	matches []graph.Match
	more    bool   // more apps start with the name than the matches shown
	done    bool   // a look-up finished (matches may be empty)
	err     string // why it failed
	consent bool   // Graph or Entra wants the admin's consent to Application.Read.All
	asking  bool   // the consent sign-in is under way: look up again once it ends

	jobsFor  string // the service principal whose jobs are shown
	jobs     []graph.Job
	jobsBusy bool
	jobsErr  string
}

// renderLookup renders the Look up button and what it found.
func (a *applicationStep) renderLookup() app.UI {
	l := &a.look
	btn := button("lookup", "secondary", "Look up").On("click", a.onLookup)
	if l.busy || strings.TrimSpace(a.objectID) == "" || (a.f.auth.token == "" && a.f.auth.signin == nil) {
		btn = btn.Attr("disabled", "true")
	}
	return el("div#lookup-area.lookup",
		el("div.row", btn,
			textEl("span.hint", "Find the app by object ID, appId or the start of its name, and use the right ID.")),
		el("div#lookup-status[aria-live=polite]", a.lookupStatus()),
		when(len(l.matches) > 0, a.renderMatches()),
		a.renderJobs(),
	)
}

func (a *applicationStep) lookupStatus() app.UI {
	l := &a.look
	switch {
	case l.busy:
		return textEl("p#lookup-busy.hint", "Looking up…")
	case l.consent:
		return el("div#lookup-consent.notice",
			textEl("p", "Look up reads applications and service principals, which needs the delegated permission "+
				graph.ReadScope+". synctoken asks for it only now, not at sign-in."),
			when(l.err != "", textEl("p#lookup-error.problem.error", l.err)),
			button("lookup-consent-button", "", "Allow and look up").On("click", a.onConsent),
		)
	case l.err != "":
		return textEl("p#lookup-error.problem.error", l.err)
	case l.done && len(l.matches) == 0:
		return textEl("p#lookup-none.problem.warning", "Nothing in this tenant matches “"+l.query+"” as a service principal or application object ID, an appId or the start of a display name.")
	case l.done && l.more:
		return textEl("p#lookup-more.problem.warning", "More apps start with “"+l.query+"” than the "+
			strconv.Itoa(len(l.matches))+" shown: if yours is not among them, type more of its name.")
	}
	return nil
}

// renderMatches shows each app found with its IDs, saying which one the
// admin typed and offering the one the chosen endpoint needs.
func (a *applicationStep) renderMatches() app.UI {
	ms := a.look.matches
	items := make([]app.UI, len(ms))
	for i, m := range ms {
		items[i] = a.renderMatch(i, m)
	}
	return el("ul#lookup-results.matches", items...)
}

// renderMatch renders match i of the look-up.
func (a *applicationStep) renderMatch(i int, m graph.Match) app.UI {
	want := m.IDFor(a.kind)
	var use app.UI
	switch {
	case want == "":
		use = textEl("p.problem.warning", "This tenant has no "+a.kind.Label()+" for this app: choose the other endpoint.")
	case strings.EqualFold(want, strings.TrimSpace(a.objectID)):
		use = textEl("p.hint.ok", "The Object ID field holds this ID: it is the right one for /"+string(a.kind)+".")
	default:
		use = button("use-"+strconv.Itoa(i), "", "Use "+want+" for /"+string(a.kind)).On("click", func(ctx app.Context, e app.Event) {
			defer recovered(ctx)
			a.useMatch(i)
		})
	}
	return el("li.match",
		el("p", textEl("strong.match-name", or(m.DisplayName, "(no display name)"))),
		when(m.Typed != "", textEl("p.match-typed.hint", "What you typed is "+string(m.Typed)+".")),
		el("dl.headers",
			el("div", textEl("dt", "appId"), textEl("dd.match-appid", or(m.AppID, "(none)"))),
			el("div", textEl("dt", "Application object ID"), textEl("dd.match-app", or(m.ApplicationID, "(not in this tenant)"))),
			el("div", textEl("dt", "Service principal object ID"), textEl("dd.match-sp", or(m.ServicePrincipalID, "(none in this tenant)"))),
		),
		use,
		when(m.ServicePrincipalID != "" && m.ServicePrincipalID != a.look.jobsFor,
			button("jobs-"+strconv.Itoa(i), "secondary", "Show provisioning jobs").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				if i < len(a.look.matches) {
					a.loadJobs(ctx, a.look.matches[i].ServicePrincipalID)
				}
			}),
		),
	)
}

// renderJobs lists the service principal's synchronization jobs.
func (a *applicationStep) renderJobs() app.UI {
	l := &a.look
	if l.jobsFor == "" {
		return nil
	}
	var body app.UI
	switch {
	case l.jobsBusy:
		body = textEl("p.hint", "Reading jobs…")
	case l.jobsErr != "":
		body = textEl("p#jobs-error.problem.error[role=alert]", l.jobsErr)
	case len(l.jobs) == 0:
		body = textEl("p#jobs-none.hint", "This service principal has no provisioning job yet: create one in the portal (Provisioning) before acquiring a token for it.")
	default:
		body = el("div.table-scroll", el("table#jobs-table.jobs",
			el("thead", el("tr", textEl("th", "Template"), textEl("th", "Status"), textEl("th", "Quarantine reason"), textEl("th", "Last run"))),
			el("tbody", jobRows(l.jobs)...),
		))
	}
	return el("div#jobs.jobs-area",
		textEl("h3", "Provisioning jobs of service principal "+l.jobsFor), // h3: inside the Application step
		body,
	)
}

// jobRows are the rows of the jobs table.
func jobRows(jobs []graph.Job) []app.UI {
	rows := make([]app.UI, len(jobs))
	for i, j := range jobs {
		last := "never"
		if !j.LastRun.IsZero() {
			last = j.LastRun.Local().Format(time.DateTime) + " " + j.LastRunState
		}
		if j.LastError != "" {
			last += " — " + j.LastError
		}
		rows[i] = el("tr.job",
			textEl("td.job-template", j.TemplateID),
			textEl("td.job-status", j.Status),
			textEl("td.job-quarantine", dash(j.QuarantineReason)),
			textEl("td.job-last", last),
		)
	}
	return rows
}

// useMatch puts the ID of match i that the chosen endpoint needs into the
// Object ID field. It reads the match when clicked: go-app keeps a
// button's first handler, which must not hold a match of an older render.
func (a *applicationStep) useMatch(i int) {
	if i >= len(a.look.matches) {
		return
	}
	if id := a.look.matches[i].IDFor(a.kind); id != "" {
		a.objectID = id
		a.fields.show("object-id", id)
	}
}

func (a *applicationStep) onLookup(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if a.look.busy {
		return
	}
	a.lookup(ctx)
}

// lookup runs Look up on what the Object ID field holds, with a token for
// Application.Read.All: the signed-in admin's (consent asked for the first
// time it is needed) or the pasted one.
func (a *applicationStep) lookup(ctx app.Context) {
	query := strings.TrimSpace(a.objectID)
	cloud := a.cloud
	a.look = lookupState{busy: true, query: query}
	si, pasted, t := a.f.auth.signin, a.f.auth.token, a.s.ticket()
	async(a.s.own(ctx), func() {
		c := context.Background()
		token, err := pasted, error(nil)
		if si != nil {
			token, err = si.TokenFor(c, graph.LookupScope(cloud))
		}
		var matches []graph.Match
		var more bool
		if err == nil {
			matches, more, err = graph.Lookup(t.ctx, a.s.client, cloud, token, query)
		}
		// Dropped if the admin signed out, switched cloud or signed in meanwhile.
		t.dispatch(ctx, func(ctx app.Context) {
			l := &a.look
			l.busy, l.done, l.matches, l.more = false, err == nil, matches, more
			var le *graph.LookupError
			switch {
			case err == nil:
				if len(matches) == 1 && matches[0].ServicePrincipalID != "" {
					a.loadJobs(ctx, matches[0].ServicePrincipalID)
				}
			case signin.NeedsConsent(err) || (errors.As(err, &le) && le.NeedsConsent() && si != nil):
				l.consent = true
				if le != nil {
					l.err = le.Message
				}
			default:
				l.err = err.Error()
			}
		})
	})
}

// onConsent signs in again asking for Application.Read.All; Look up runs
// again when the sign-in ends (consentGiven) or explains a refusal
// (consentRefused).
func (a *applicationStep) onConsent(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	a.look.asking = true
	a.signIn(ctx, false, graph.LookupScope(a.cloud))
}

// consentGiven is called after every successful sign-in.
func (a *applicationStep) consentGiven(ctx app.Context) {
	if a.look.asking {
		a.look.asking = false
		a.lookup(ctx)
	}
}

// consentRefused is called after every failed sign-in.
func (a *applicationStep) consentRefused(err error) {
	l := &a.look
	if !l.asking {
		return
	}
	l.asking = false
	var ae *signin.AuthorizeError
	if errors.As(err, &ae) && (ae.Code == "access_denied" || ae.Code == "consent_required") {
		l.err = "Consent to " + graph.ReadScope + " was refused (" + ae.Description + "). Look up cannot read apps without it; " +
			"everything else works. An administrator can grant it to the app registration (API permissions → Grant admin consent)."
		return
	}
	l.err = "Look up is still without " + graph.ReadScope + ": " + err.Error()
}

// loadJobs lists the provisioning jobs of service principal spID.
func (a *applicationStep) loadJobs(ctx app.Context, spID string) {
	l := &a.look
	l.jobsFor, l.jobs, l.jobsErr, l.jobsBusy = spID, nil, "", true
	cloud := a.cloud
	type listed struct {
		jobs []graph.Job
		err  error
	}
	run(a.s, ctx, func(c context.Context) listed {
		token, err := a.s.tokens.freshToken(c)
		var jobs []graph.Job
		if err == nil {
			jobs, err = graph.ListJobs(c, a.s.client, cloud, token, spID)
		}
		return listed{jobs, err}
	}, func(ctx app.Context, r listed) {
		if l.jobsFor != spID {
			return // another list was asked for meanwhile
		}
		l.jobsBusy, l.jobs = false, r.jobs
		if r.err != nil {
			l.jobsErr = r.err.Error()
		}
	})
}

// reset stops Look up waiting for what it asked when the session ends.
func (a *applicationStep) reset(sessionEnd) {
	l := &a.look
	l.busy = false
	if l.jobsBusy {
		l.jobsFor, l.jobsBusy = "", false
	}
}
