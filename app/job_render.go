package app

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderJob renders the Provisioning step: the job in plain words, and
// Restart provisioning (after a working Test connection) or Start.
func (ps *provisioningStep) renderJob() app.UI {
	s := ps
	sp := ps.f.target.kind == graph.ServicePrincipals
	read := button("job-read", "secondary", "Read the job").On("click", ps.onReadJob)
	if !sp || s.busy {
		read = read.Attr("disabled", "true")
	}
	return elWith("fieldset#provisioning.admin-call", attrs{"data-call", callRestart.dataCall()},
		textEl("legend", "Provisioning"),
		more("job-hint", "The provisioning job the credentials are for: read it, and restart it once Test connection works.",
			"Graph's GET …/synchronization/jobs/{jobId}. A job quarantined on bad credentials runs again only when restarted: "+
				"after a working Test connection (and Save), Restart provisioning does what the admin center's button does."),
		el("div#job-endpoint-area", endpointNote(sp, "job-endpoint-note")),
		el("div.row",
			read,
			when(s.busy, textEl("span#job-busy.hint", "Reading the provisioning job…")),
		),
		el("div#job-status[aria-live=polite]",
			when(s.err != "", textEl("p#job-error.problem.error", s.err)),
		),
		// Always there, so that what appears is announced and moves
		// nothing above it.
		el("div#job-area[aria-live=polite]", ps.renderJobState()),
		el("div#job-actions-area", ps.renderJobActions()),
		el("div#job-settle-area[aria-live=polite]",
			when(s.settling, textEl("p#job-settling.hint", "Reading the job again until it changes…")),
			when(s.settled != "", textEl("p#job-settled.hint", s.settled)),
		),
	)
}

// renderJobState shows the job read, explained, with its facts.
func (ps *provisioningStep) renderJobState() app.UI {
	j := ps.jobShown()
	if j == nil {
		return nil
	}
	x := graph.ExplainJob(*j, time.Now())
	rows := [][2]string{{"Job ID", j.ID}, {"Template", dash(j.TemplateID)}, {"Status", dash(j.Status)}, {"Schedule", dash(j.ScheduleState)}}
	if q := j.Quarantine; q != nil {
		rows = append(rows, [2]string{"Quarantine reason", dash(q.Reason)},
			[2]string{"Quarantined since", when2(q.CurrentBegan)}, [2]string{"Next attempt", when2(q.NextAttempt)})
		if q.Error != nil {
			rows = append(rows, [2]string{"Quarantine error", errText(q.Error)})
		}
	}
	rows = append(rows, [2]string{"Last run", runText(j.LastExecution)}, [2]string{"Last successful run", runText(j.LastSuccessfulExecution)})
	return el("div#job-box.job",
		textWith("p#job-title", x.Title, "data-status", j.Status),
		textEl("p#job-cause", x.Cause),
		textEl("p#job-next", "Next: "+x.Next),
		headerList("job-facts", rows),
		textEl("p.hint", "Read at "+ps.readAt.Format("15:04:05")+"."),
	)
}

// renderJobActions offers Start for a paused job, and Restart
// provisioning with its scope and confirmation.
func (ps *provisioningStep) renderJobActions() app.UI {
	j := ps.jobShown()
	if j == nil {
		return nil
	}
	var start app.UI
	if j.Status == "Paused" || j.Status == "NotRun" {
		b := button("job-start", "", "Start provisioning").On("click", ps.onStartJob)
		if ps.out.sending {
			b = b.Attr("aria-disabled", "true")
		}
		start = elWith("div.row", attrs{"data-call", callStart.dataCall()}, b,
			textEl("span.hint", "Graph's POST …/start: the job runs from where it stopped."))
	}
	if !ps.connectionWorks() {
		return el("div", start, textEl("p#job-restart-gate.hint",
			"Restart provisioning is offered after Test connection answers 204 with the credentials the job uses: the saved ones, or typed ones that you then saved."))
	}
	var opts []app.UI
	var chosen graph.RestartScope
	for _, sc := range graph.RestartScopes() {
		opts = append(opts, option(sc.Value, sc.Label, sc.Value == ps.scope))
		if sc.Value == ps.scope {
			chosen = sc
		}
	}
	var warn []graph.Problem
	if chosen.Warning != "" {
		warn = append(warn, graph.Problem{Severity: graph.Warning, Message: "Microsoft: " + chosen.Warning})
	}
	restart := button("job-restart", "", "Restart provisioning").On("click", ps.onRestart)
	if ps.out.sending {
		restart = restart.Attr("aria-disabled", "true")
	}
	return el("div",
		start,
		field("job-scope", "What restart clears (resetScope)", warn,
			elem("select#job-scope[aria-describedby=job-scope-hint]", nil, opts...).On("change", storeValue(&ps.scope)),
			textEl("p#job-scope-hint.hint", chosen.Does),
		),
		el("div.row", restart),
		when(ps.confirming, ps.renderRestartConfirm(chosen)),
	)
}

// renderRestartConfirm says what the restart does before it is sent.
func (ps *provisioningStep) renderRestartConfirm(sc graph.RestartScope) app.UI {
	var items []app.UI
	if sc.Value == "" {
		for _, m := range graph.RestartScopes() {
			switch m.Value {
			case "QuarantineState", "Watermark", "Escrows":
				items = append(items, textEl("li", m.Value+": "+m.Does))
			}
		}
		items = append(items, textEl("li", "A full initial cycle runs again: every user in scope is evaluated."))
	} else {
		items = append(items, textEl("li", sc.Value+": "+sc.Does))
	}
	var warn app.UI
	if sc.Warning != "" {
		warn = textEl("p#job-confirm-warning.problem.warning", "Microsoft: "+sc.Warning)
	}
	return el("div#job-confirm-box.save-plan[role=group][aria-label=Confirm restart]",
		textEl("p", "Restart provisioning will:"),
		el("ul#job-confirm-list", items...),
		warn,
		el("div.row",
			button("job-restart-confirm", "", "Confirm restart").On("click", ps.onConfirmRestart),
			button("job-restart-cancel", "secondary", "Cancel").On("click", ps.onRestartCancel),
		),
	)
}

// when2 shows a time in UTC, or a dash for one never reached.
func when2(t time.Time) string {
	if t.IsZero() || t.Year() <= 1 {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}

// runText is one run: its state, when, and its error.
func runText(e *graph.JobExecution) string {
	if e == nil {
		return "—"
	}
	s := dash(e.State) + ", " + when2(e.TimeBegan)
	if e.Error != nil {
		s += " — " + errText(e.Error)
	}
	return s
}

// errText is a synchronizationError with whether the admin can fix it.
func errText(e *graph.JobError) string {
	return dash(e.Code) + ": " + e.Message + " (tenantActionable: " + strconv.FormatBool(e.TenantActionable) + ")"
}

// status is the Provisioning step's state and summary (steps.go).
func (ps *provisioningStep) status(graph.Checked) stepStatus {
	s := ps
	j := ps.jobShown()
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
