package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// The provisioning job after the credentials are fixed: read it, explain
// it, and restart or start it (the last step of a repair). A job
// quarantined on bad credentials stays quarantined until a retry succeeds
// (hours away) or the admin restarts it, so a repair is done only when the
// job runs again. Member names follow synchronizationJob in Graph's
// metadata (testdata/metadata-v1.0-job-excerpt.xml).

// JobState is one provisioning job as GET …/synchronization/jobs/{jobId}
// reads it: its state and why.
type JobState struct {
	ID, TemplateID string
	Status         string // synchronizationStatusCode: NotConfigured, NotRun, Active, Paused, Quarantine
	ScheduleState  string // synchronizationScheduleState: Active, Disabled, Paused
	Quarantine     *JobQuarantine
	// LastExecution is the last run; LastSuccessfulExecution the last that
	// succeeded. Nil when Graph sends null (never ran).
	LastExecution, LastSuccessfulExecution *JobExecution
}

// JobQuarantine is a synchronizationQuarantine.
type JobQuarantine struct {
	Reason       string    `json:"reason"`
	CurrentBegan time.Time `json:"currentBegan"` // since when
	NextAttempt  time.Time `json:"nextAttempt"`  // the service's next try
	SeriesBegan  time.Time `json:"seriesBegan"`
	SeriesCount  int64     `json:"seriesCount"`
	Error        *JobError `json:"error"`
}

// JobExecution is a synchronizationTaskExecution: one run.
type JobExecution struct {
	State     string    `json:"state"` // Succeeded, Failed, EntryLevelErrors
	TimeBegan time.Time `json:"timeBegan"`
	TimeEnded time.Time `json:"timeEnded"`
	Error     *JobError `json:"error"`
}

// JobError is a synchronizationError. TenantActionable says the admin can
// fix the cause; otherwise it is on Microsoft's or the vendor's side.
type JobError struct {
	Code             string `json:"code"`
	Message          string `json:"message"`
	TenantActionable bool   `json:"tenantActionable"`
}

type jobBody struct {
	ID         string `json:"id"`
	TemplateID string `json:"templateId"`
	Schedule   *struct {
		State string `json:"state"`
	} `json:"schedule"`
	Status *struct {
		Code                    string         `json:"code"`
		Quarantine              *JobQuarantine `json:"quarantine"`
		LastExecution           *JobExecution  `json:"lastExecution"`
		LastSuccessfulExecution *JobExecution  `json:"lastSuccessfulExecution"`
	} `json:"status"`
}

// jobPath is /jobs/{jobId}, or an error worded for the Job ID field.
func jobPath(jobID string) (string, error) {
	job := strings.TrimSpace(jobID)
	if err := checkSegment("Job ID", job); err != nil {
		return "/jobs/{job-id}", err
	}
	return "/jobs/" + url.PathEscape(job), nil
}

// ReadJob reads the job jobID of t's service principal
// (GET …/servicePrincipals/{id}/synchronization/jobs/{jobId}). Failures
// are *LookupError, holding the request and any answer.
func ReadJob(ctx context.Context, c Doer, t SyncTarget, jobID string) (JobState, error) {
	path, err := jobPath(jobID)
	if err != nil {
		return JobState{}, &LookupError{Message: err.Error()}
	}
	var b jobBody
	if err := getSync(ctx, c, t, path, "the provisioning job", &b); err != nil {
		return JobState{}, err
	}
	j := JobState{ID: b.ID, TemplateID: b.TemplateID}
	if b.Schedule != nil {
		j.ScheduleState = b.Schedule.State
	}
	if s := b.Status; s != nil {
		j.Status, j.Quarantine = s.Code, s.Quarantine
		j.LastExecution, j.LastSuccessfulExecution = s.LastExecution, s.LastSuccessfulExecution
	}
	return j, nil
}

// RestartScope is a synchronizationJobRestartScope: what a restart clears.
// The empty scope is the admin center's Restart provisioning.
type RestartScope struct {
	Value   string // as sent in resetScope; "" sends criteria without it
	Label   string
	Does    string // what it does, in Microsoft's words
	Warning string // Microsoft's warning against it; "" when none
}

// adminCenterRestart is what Restart provisioning in the Microsoft Entra
// admin center does, as Microsoft describes the empty resetScope.
const adminCenterRestart = "Leaving this property empty emulates the Restart provisioning option in the Microsoft Entra admin center. " +
	"It is similar to setting the resetScope to include QuarantineState, Watermark, and Escrows. This option meets most customer needs."

// RestartScopes lists the restart's scopes: first the admin center's
// Restart, then each member of synchronizationJobRestartScope with
// Microsoft's description (synchronizationJobRestartCriteria's page).
// None, ConnectorDataStore and ForceDeletes carry Microsoft's warning.
func RestartScopes() []RestartScope {
	return []RestartScope{
		{"", "Restart provisioning (as the admin center)", "Lifts the quarantine (QuarantineState), clears the watermark so that every user is evaluated again (Watermark), and clears the escrows, the failures the service would retry (Escrows). " + adminCenterRestart, ""},
		{"QuarantineState", "QuarantineState", "Temporarily lifts the quarantine.", ""},
		{"Watermark", "Watermark", "Removing the watermark causes the service to reevaluate all the users again, rather than just processing changes.", ""},
		{"Escrows", "Escrows", "Provisioning failures are marked as escrows and retried. Clearing escrows will stop the service from retrying failures.", ""},
		{"Full", "Full", "Use Full if you want all of the options.", "Full includes ConnectorDataStore, which Microsoft says not to use: \"DO NOT USE. Contact Microsoft Support for guidance.\""},
		{"ForceDeletes", "ForceDeletes", "Forces the system to delete the pending deleted users when using the accidental deletions prevention feature and the deletion threshold is exceeded.",
			"Users held back by the accidental deletions threshold are deleted in the application. Fix the source of the deletions first if they were not meant."},
		{"None", "None", "Starts a paused or quarantined provisioning job.", "DO NOT USE. Use the Start synchronizationJob API instead."},
		{"ConnectorDataStore", "ConnectorDataStore", "Clears the underlying cache for all users.", "DO NOT USE. Contact Microsoft Support for guidance."},
	}
}

// restartScope finds v among RestartScopes.
func restartScope(v string) (RestartScope, bool) {
	for _, s := range RestartScopes() {
		if s.Value == v {
			return s, true
		}
	}
	return RestartScope{}, false
}

// RestartJobRequest returns Restart provisioning's request for the job:
//
//	POST {graph}/{v}/servicePrincipals/{id}/synchronization/jobs/{jobId}/restart
//
// with {"criteria":{}} for the admin center's Restart, or
// {"criteria":{"resetScope":"…"}}. The request is returned even with an
// error, for a preview; only one without an error may be sent.
func RestartJobRequest(t SyncTarget, jobID, scope, requestID string) (Request, error) {
	base, token, errs := t.syncBase()
	path, err := jobPath(jobID)
	if err != nil {
		errs = append(errs, err.Error())
	}
	criteria := "{}"
	if _, ok := restartScope(scope); !ok {
		errs = append(errs, "Reset scope "+paste.QuoteShort(scope)+" is not one of synchronizationJobRestartScope's members.")
	} else if scope != "" {
		criteria = `{"resetScope": ` + jsonString(scope) + `}`
	}
	shape := bodyShape{fields: []bodyField{{"criteria", criteria}}, noList: true}
	r := syncRequest(http.MethodPost, base+path+"/restart", token, requestID, shape, nil, true)
	return r, joinErrs(errs)
}

// StartJobRequest returns Start provisioning's request for a paused job:
//
//	POST {graph}/{v}/servicePrincipals/{id}/synchronization/jobs/{jobId}/start
//
// with no body, as Graph's start action takes no parameter.
func StartJobRequest(t SyncTarget, jobID, requestID string) (Request, error) {
	base, token, errs := t.syncBase()
	path, err := jobPath(jobID)
	if err != nil {
		errs = append(errs, err.Error())
	}
	return syncRequest(http.MethodPost, base+path+"/start", token, requestID, bodyShape{}, nil, false), joinErrs(errs)
}

func joinErrs(errs []string) error {
	if len(errs) == 0 {
		return nil
	}
	return errors.New(strings.Join(errs, "\n"))
}

// After a restart or start, Graph's job shows the change only once the
// service acts on it: the page reads the job every JobRecheck until
// JobChanged holds, and gives up after JobSettle, saying so.
const (
	JobRecheck = 2 * time.Second
	JobSettle  = 30 * time.Second
)

// JobChanged reports whether after differs from before in what a restart
// or start changes: the status, the quarantine, the last run.
func JobChanged(before, after JobState) bool {
	began := func(e *JobExecution) time.Time {
		if e == nil {
			return time.Time{}
		}
		return e.TimeBegan
	}
	q := func(j JobState) time.Time {
		if j.Quarantine == nil {
			return time.Time{}
		}
		return j.Quarantine.CurrentBegan
	}
	return before.Status != after.Status || (before.Quarantine == nil) != (after.Quarantine == nil) ||
		!q(before).Equal(q(after)) || !began(before.LastExecution).Equal(began(after.LastExecution))
}
