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
func (p *Page) renderLookup() app.UI {
	l := &p.look
	btn := app.Button().ID("lookup").Class("secondary").Type("button").Text("Look up").OnClick(p.onLookup)
	if l.busy || strings.TrimSpace(p.target.objectID) == "" || (p.auth.token == "" && p.auth.signin == nil) {
		btn = btn.Disabled(true)
	}
	return app.Div().ID("lookup-area").Class("lookup").Body(
		app.Div().Class("row").Body(btn,
			app.Span().Class("hint").Text("Find the app by object ID, appId or the start of its name, and use the right ID.")),
		app.Div().ID("lookup-status").Aria("live", "polite").Body(p.lookupStatus()),
		app.If(len(l.matches) > 0, p.renderMatches()),
		p.renderJobs(),
	)
}

func (p *Page) lookupStatus() app.UI {
	l := &p.look
	switch {
	case l.busy:
		return app.P().ID("lookup-busy").Class("hint").Text("Looking up…")
	case l.consent:
		return app.Div().ID("lookup-consent").Class("notice").Body(
			app.P().Text("Look up reads applications and service principals, which needs the delegated permission "+
				graph.ReadScope+". synctoken asks for it only now, not at sign-in."),
			app.If(l.err != "", app.P().ID("lookup-error").Class("problem error").Text(l.err)),
			app.Button().ID("lookup-consent-button").Type("button").Text("Allow and look up").OnClick(p.onConsent),
		)
	case l.err != "":
		return app.P().ID("lookup-error").Class("problem error").Text(l.err)
	case l.done && len(l.matches) == 0:
		return app.P().ID("lookup-none").Class("problem warning").Text("Nothing in this tenant matches “" + l.query + "” as a service principal or application object ID, an appId or the start of a display name.")
	case l.done && l.more:
		return app.P().ID("lookup-more").Class("problem warning").Text("More apps start with “" + l.query + "” than the " +
			strconv.Itoa(len(l.matches)) + " shown: if yours is not among them, type more of its name.")
	}
	return nil
}

// renderMatches shows each app found with its IDs, saying which one the
// admin typed and offering the one the chosen endpoint needs.
func (p *Page) renderMatches() app.UI {
	ms := p.look.matches
	return app.Ul().ID("lookup-results").Class("matches").Body(
		app.Range(ms).Slice(func(i int) app.UI {
			m := ms[i]
			want := m.IDFor(p.target.kind)
			or := func(s, none string) string {
				if s == "" {
					return none
				}
				return s
			}
			var use app.UI
			switch {
			case want == "":
				use = app.P().Class("problem warning").Text("This tenant has no " + p.target.kind.Label() + " for this app: choose the other endpoint.")
			case strings.EqualFold(want, strings.TrimSpace(p.target.objectID)):
				use = app.P().Class("hint ok").Text("The Object ID field holds this ID: it is the right one for /" + string(p.target.kind) + ".")
			default:
				use = app.Button().ID("use-" + strconv.Itoa(i)).Type("button").Text("Use " + want + " for /" + string(p.target.kind)).
					OnClick(func(ctx app.Context, e app.Event) {
						defer recovered(ctx)
						p.useMatch(i)
					})
			}
			return app.Li().Class("match").Body(
				app.P().Body(app.Strong().Class("match-name").Text(or(m.DisplayName, "(no display name)"))),
				app.If(m.Typed != "", app.P().Class("match-typed hint").Text("What you typed is "+string(m.Typed)+".")),
				app.Dl().Class("headers").Body(
					app.Div().Body(app.Dt().Text("appId"), app.Dd().Class("match-appid").Text(or(m.AppID, "(none)"))),
					app.Div().Body(app.Dt().Text("Application object ID"), app.Dd().Class("match-app").Text(or(m.ApplicationID, "(not in this tenant)"))),
					app.Div().Body(app.Dt().Text("Service principal object ID"), app.Dd().Class("match-sp").Text(or(m.ServicePrincipalID, "(none in this tenant)"))),
				),
				use,
				app.If(m.ServicePrincipalID != "" && m.ServicePrincipalID != p.look.jobsFor,
					app.Button().ID("jobs-"+strconv.Itoa(i)).Class("secondary").Type("button").Text("Show provisioning jobs").
						OnClick(func(ctx app.Context, e app.Event) {
							defer recovered(ctx)
							if i < len(p.look.matches) {
								p.loadJobs(ctx, p.look.matches[i].ServicePrincipalID)
							}
						}),
				),
			)
		}),
	)
}

// renderJobs lists the service principal's synchronization jobs.
func (p *Page) renderJobs() app.UI {
	l := &p.look
	if l.jobsFor == "" {
		return nil
	}
	var body app.UI
	switch {
	case l.jobsBusy:
		body = app.P().Class("hint").Text("Reading jobs…")
	case l.jobsErr != "":
		body = app.P().ID("jobs-error").Class("problem error").Role("alert").Text(l.jobsErr)
	case len(l.jobs) == 0:
		body = app.P().ID("jobs-none").Class("hint").Text("This service principal has no provisioning job yet: create one in the portal (Provisioning) before acquiring a token for it.")
	default:
		body = app.Div().Class("table-scroll").Body(app.Table().ID("jobs-table").Class("jobs").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("Template"), app.Th().Text("Status"), app.Th().Text("Quarantine reason"), app.Th().Text("Last run"))),
			app.TBody().Body(app.Range(l.jobs).Slice(func(i int) app.UI {
				j := l.jobs[i]
				last := "never"
				if !j.LastRun.IsZero() {
					last = j.LastRun.Local().Format(time.DateTime) + " " + j.LastRunState
				}
				if j.LastError != "" {
					last += " — " + j.LastError
				}
				return app.Tr().Class("job").Body(
					app.Td().Class("job-template").Text(j.TemplateID),
					app.Td().Class("job-status").Text(j.Status),
					app.Td().Class("job-quarantine").Text(dash(j.QuarantineReason)),
					app.Td().Class("job-last").Text(last),
				)
			})),
		))
	}
	return app.Div().ID("jobs").Class("jobs-area").Body(
		app.H2().Text("Provisioning jobs of service principal "+l.jobsFor), // h2: in the form column, no h2 above it
		body,
	)
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// useMatch puts the ID of match i that the chosen endpoint needs into the
// Object ID field. It reads the match when clicked: go-app keeps a
// button's first handler, which must not hold a match of an older render.
func (p *Page) useMatch(i int) {
	if i >= len(p.look.matches) {
		return
	}
	if id := p.look.matches[i].IDFor(p.target.kind); id != "" {
		p.target.objectID = id
		p.show("object-id", id)
	}
}

func (p *Page) onLookup(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if p.look.busy {
		return
	}
	p.lookup(ctx)
}

// lookup runs Look up on what the Object ID field holds, with a token for
// Application.Read.All: the signed-in admin's (consent asked for the first
// time it is needed) or the pasted one.
func (p *Page) lookup(ctx app.Context) {
	query := strings.TrimSpace(p.target.objectID)
	cloud := p.target.cloud
	p.look = lookupState{busy: true, query: query}
	si, pasted, gen := p.auth.signin, p.auth.token, p.gen
	p.async(ctx, func() {
		c := context.Background()
		token, err := pasted, error(nil)
		if si != nil {
			token, err = si.TokenFor(c, graph.LookupScope(cloud))
		}
		var matches []graph.Match
		var more bool
		if err == nil {
			matches, more, err = graph.Lookup(c, p.client(), cloud, token, query)
		}
		p.dispatch(ctx, func(ctx app.Context) {
			if gen != p.gen {
				return // the admin signed out, switched cloud or signed in meanwhile
			}
			l := &p.look
			l.busy, l.done, l.matches, l.more = false, err == nil, matches, more
			var le *graph.LookupError
			switch {
			case err == nil:
				if len(matches) == 1 && matches[0].ServicePrincipalID != "" {
					p.loadJobs(ctx, matches[0].ServicePrincipalID)
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
func (p *Page) onConsent(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.look.asking = true
	p.signIn(ctx, false, graph.LookupScope(p.target.cloud))
}

// consentGiven is called after every successful sign-in.
func (p *Page) consentGiven(ctx app.Context) {
	if p.look.asking {
		p.look.asking = false
		p.lookup(ctx)
	}
}

// consentRefused is called after every failed sign-in.
func (p *Page) consentRefused(err error) {
	l := &p.look
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
func (p *Page) loadJobs(ctx app.Context, spID string) {
	l := &p.look
	l.jobsFor, l.jobs, l.jobsErr, l.jobsBusy = spID, nil, "", true
	cloud, gen := p.target.cloud, p.gen
	p.async(ctx, func() {
		token, err := p.freshToken(context.Background())
		var jobs []graph.Job
		if err == nil {
			jobs, err = graph.ListJobs(context.Background(), p.client(), cloud, token, spID)
		}
		p.dispatch(ctx, func(ctx app.Context) {
			if l.jobsFor != spID || gen != p.gen {
				return // another list was asked for, or the session changed, meanwhile
			}
			l.jobsBusy, l.jobs = false, jobs
			if err != nil {
				l.jobsErr = err.Error()
			}
		})
	})
}
