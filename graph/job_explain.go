package graph

import (
	"net/http"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// ExplainJob says in plain words what the job's state means and what to
// do next, per synchronizationStatusCode. now dates "since" and "next
// attempt"; times are shown in UTC.
func ExplainJob(j JobState, now time.Time) Explanation {
	last := lastRunText(j.LastExecution)
	switch j.Status {
	case "Active":
		x := why("Provisioning is running (Active)",
			"The provisioning job runs on its schedule, about every 40 minutes."+last,
			"Nothing to repair. Check the provisioning logs in the admin center for users that failed.")
		if e := j.LastExecution; e != nil && e.State == "Failed" {
			x.Next = "The job runs, but its last run failed: read the error above and the provisioning logs; it is retried on the next cycle."
		}
		return x
	case "Paused":
		return why("Provisioning is paused (Paused)",
			"Someone stopped the job (Stop or Pause provisioning, or Provisioning Status Off). It keeps its state and picks up where it left off when started."+last,
			"Press Start provisioning to run it again (POST …/start). Restart provisioning instead begins a full cycle from scratch.")
	case "Quarantine":
		return why("Provisioning is quarantined (Quarantine)", quarantineText(j.Quarantine, now)+last,
			"Fix the cause first: for invalid credentials, Authorize again or enter the credentials, press Test connection until it answers 204, and Save. "+
				"Then press Restart provisioning: without it the service only retries at its next attempt, and runs at most once a day while quarantined.")
	case "NotConfigured":
		return why("Provisioning is not configured (NotConfigured)",
			"The job exists but lacks what it needs to run: credentials, attribute mappings or scope."+last,
			"Finish the configuration in the admin center (Enterprise applications > the app > Provisioning): Admin Credentials, Mappings, Settings. Then start provisioning.")
	case "NotRun":
		return why("Provisioning has not run yet (NotRun)",
			"The job is configured but has never run, or was never started."+last,
			"Press Start provisioning (the admin center's Start provisioning) to run the initial cycle.")
	}
	return why("Provisioning state "+paste.QuoteShort(paste.FirstOf(j.Status, "(none)")),
		"Graph's metadata knows NotConfigured, NotRun, Active, Paused and Quarantine; this job reports another state."+last,
		"Open the job's Provisioning page in the admin center, which may say more.")
}

// quarantineText says why and since when the job is quarantined, when
// the service tries again, and whose the error is.
func quarantineText(q *JobQuarantine, now time.Time) string {
	if q == nil {
		return "The service stopped running the job normally; Graph gives no quarantine details."
	}
	var b strings.Builder
	b.WriteString("The service stopped running the job normally: " + quarantineReason(q.Reason) + ".")
	if !isZeroTime(q.CurrentBegan) {
		b.WriteString(" Quarantined since " + stamp(q.CurrentBegan) + ".")
	}
	if !isZeroTime(q.NextAttempt) {
		if q.NextAttempt.After(now) {
			b.WriteString(" The service tries again at " + stamp(q.NextAttempt) + ".")
		} else {
			b.WriteString(" Its next attempt was due at " + stamp(q.NextAttempt) + ".")
		}
	}
	if e := q.Error; e != nil && (e.Code != "" || e.Message != "") {
		b.WriteString(" Error " + paste.FirstOf(e.Code, "(no code)") + ": " + quoteCut(e.Message, 400) + ".")
		if e.TenantActionable {
			b.WriteString(" Microsoft marks it as one you can fix (tenantActionable).")
		} else {
			b.WriteString(" Microsoft marks it as not one you can fix (tenantActionable false): if it persists, open a support request.")
		}
	}
	return b.String()
}

// quarantineReason words a quarantineReason.
func quarantineReason(r string) string {
	switch r {
	case "EncounteredQuarantineException":
		return "the application refused the credentials or could not be reached (EncounteredQuarantineException)"
	case "EncounteredBaseEscrowThreshold", "EncounteredTotalEscrowThreshold", "EncounteredEscrowProportionThreshold":
		return "too many users failed to provision (" + r + ")"
	case "TooManyDeletes":
		return "more deletions than the accidental deletions threshold allows (TooManyDeletes)"
	case "QuarantinedOnDemand":
		return "Microsoft quarantined it on demand (QuarantinedOnDemand)"
	case "IngestionInterrupted":
		return "ingestion was interrupted (IngestionInterrupted)"
	}
	return "reason " + paste.QuoteShort(paste.FirstOf(r, "Unknown"))
}

// lastRunText says how the last run went, with its error.
func lastRunText(e *JobExecution) string {
	if e == nil {
		return " It has no run recorded."
	}
	s := " Last run: " + paste.FirstOf(e.State, "state unknown")
	if !isZeroTime(e.TimeBegan) {
		s += ", began " + stamp(e.TimeBegan)
	}
	s += "."
	if x := e.Error; x != nil && (x.Code != "" || x.Message != "") {
		s += " Its error " + paste.FirstOf(x.Code, "(no code)") + ": " + quoteCut(x.Message, 400) + "."
	}
	return s
}

// isZeroTime: Graph writes 0001-01-01T00:00:00Z for a time never reached.
func isZeroTime(t time.Time) bool { return t.IsZero() || t.Year() <= 1 }

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04 UTC") }

// ExplainRestart explains the answer to restart (start when start is
// set): 204 means the service took it; the job shows the change later.
func ExplainRestart(resp *Response, sendErr error, claims *Claims, cloud Cloud, start bool) Explanation {
	if resp != nil && resp.Status == http.StatusNoContent {
		what, t := "restart", "Restart accepted (204 No Content)"
		if start {
			what, t = "start", "Start accepted (204 No Content)"
		}
		return why(t, "The provisioning service took the "+what+"; the job shows it after a short while.",
			"synctoken reads the job again until its state changes. If it is quarantined again, its error says why: fix that, then restart again.")
	}
	return Explain(resp, sendErr, claims, cloud, ServicePrincipals)
}
