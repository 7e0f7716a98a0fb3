package graphtest

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Restarting and starting a provisioning job (POST …/jobs/{jobId}/restart
// and …/start), the last step of a repair. As in Graph, both answer 204 at
// once and the job shows the outcome a little later (SetJobDelay), so a
// client must read the job again. The run that follows uses the saved
// credentials: with good ones (after an Authorize, or a Save of a Tenant
// URL and secret token) the job becomes Active and leaves quarantine; with
// none or bad ones the run fails again and the job stays quarantined, its
// quarantine and last run dated anew.

// DefaultJobDelay is how long a restart or start takes to show, unless
// SetJobDelay says otherwise.
const DefaultJobDelay = 1500 * time.Millisecond

// jobRuns are the restarts and starts asked for, by job ID in lower case.
type jobRuns struct {
	mu       sync.Mutex
	delay    time.Duration
	delaySet bool
	runs     map[string][]jobRun // in the order asked: each applies over the ones before
}

// jobRun is one restart or start: when it shows, and how the run went.
type jobRun struct {
	at       time.Time // when the job shows it
	ok       bool      // the saved credentials worked
	start    bool      // a start of a paused job: it runs, nothing is cleared
	scope    string    // the restart's resetScope, as sent
	errorRun *JobError // the error of the failed run
	activity string    // the run's activityIdentifier
}

// SetJobDelay sets how long a restart or start takes to show in the job.
func (s *Server) SetJobDelay(d time.Duration) {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	s.runs.delay, s.runs.delaySet = d, true
}

// restartScopes are synchronizationJobRestartScope's members.
var restartScopes = []string{"None", "ConnectorDataStore", "Escrows", "Watermark", "QuarantineState", "Full", "ForceDeletes"}

// jobAction answers restart and start in the order Graph checks: method,
// token, permission, service principal, job, then body.
func (s *Server) jobAction(w http.ResponseWriter, r *http.Request, rt route, body []byte) {
	x := s.begin(w, r)
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		x.fail(&apiError{http.StatusMethodNotAllowed, "BadRequest",
			fmt.Sprintf("The HTTP method '%s' is not supported by the action '%s'.", r.Method, rt.jobAction)})
		return
	}
	if err := s.authorize(r, actionPermission); err != nil {
		x.fail(err)
		return
	}
	sp, err := rt.servicePrincipal()
	if err != nil {
		x.fail(err)
		return
	}
	var job *Job
	for _, j := range s.runs.apply(Jobs(sp.ObjectID), time.Now().UTC()) {
		if strings.EqualFold(j.ID, rt.jobID) {
			job = &j
			break
		}
	}
	if job == nil {
		x.fail(&apiError{http.StatusNotFound, "NotFound", "The job '" + rt.jobID + "' was not found."})
		return
	}
	scope := ""
	if rt.jobAction == "restart" {
		if scope, err = readRestart(r, body); err != nil {
			x.fail(err)
			return
		}
	} else if len(strings.TrimSpace(string(body))) > 0 {
		if _, err := readParams(body, "start"); err != nil {
			x.fail(err)
			return
		}
	}
	creds := s.Secrets(sp.ObjectID)
	run := jobRun{ok: len(creds) > 0 && checkTyped(creds) == nil, scope: scope}
	if !run.ok {
		run.errorRun = &JobError{Code: "CredentialValidationUnavailable", TenantActionable: true,
			Message: "The provisioning service could not use the saved credentials: Authorize the application again, or save a valid Tenant URL and secret token, then restart."}
		if e := job.Status.Quarantine; e != nil && e.Error != nil {
			run.errorRun = e.Error
		}
	}
	// A paused job started runs from where it stopped; its credentials are
	// not the question (the seeded paused job's error is its endpoint's).
	if rt.jobAction == "start" && job.Status.Code == "Paused" {
		run.ok, run.start = true, true
	}
	if rt.jobAction == "start" && job.Status.Code == "Active" {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	s.runs.add(job.ID, run)
	w.WriteHeader(http.StatusNoContent)
}

// readRestart reads restart's body: an optional criteria whose resetScope
// is a comma-separated set of synchronizationJobRestartScope's members.
func readRestart(r *http.Request, body []byte) (string, *apiError) {
	if len(strings.TrimSpace(string(body))) == 0 {
		return "", nil
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return "", badRequest(unreadable)
	}
	params, err := readParams(body, "restart", "criteria")
	if err != nil {
		return "", err
	}
	raw, ok := params["criteria"]
	if !ok || isNull(raw) {
		return "", nil
	}
	var criteria map[string]json.RawMessage
	if json.Unmarshal(raw, &criteria) != nil || criteria == nil {
		return "", badRequest("Cannot convert the literal '%s' to the expected type 'microsoft.graph.synchronizationJobRestartCriteria'.", raw)
	}
	for k := range criteria {
		if k != "resetScope" {
			return "", badRequest("The property '%s' does not exist on type 'microsoft.graph.synchronizationJobRestartCriteria'. Make sure to only use property names that are defined by the type.", k)
		}
	}
	var scope string
	if v, ok := criteria["resetScope"]; ok && !isNull(v) {
		if json.Unmarshal(v, &scope) != nil {
			return "", badRequest("Cannot convert the literal '%s' to the expected type 'microsoft.graph.synchronizationJobRestartScope'.", v)
		}
		for _, part := range strings.Split(scope, ",") {
			if !isRestartScope(strings.TrimSpace(part)) {
				return "", badRequest("Requested value '%s' was not found.", strings.TrimSpace(part))
			}
		}
	}
	return scope, nil
}

func isRestartScope(v string) bool {
	for _, m := range restartScopes {
		if m == v {
			return true
		}
	}
	return false
}

// add records a run of job that shows after the delay.
func (j *jobRuns) add(job string, run jobRun) {
	j.mu.Lock()
	defer j.mu.Unlock()
	d := DefaultJobDelay
	if j.delaySet {
		d = j.delay
	}
	run.at, run.activity = time.Now().UTC().Add(d), newGUID()
	if j.runs == nil {
		j.runs = map[string][]jobRun{}
	}
	j.runs[strings.ToLower(job)] = append(j.runs[strings.ToLower(job)], run)
}

// apply changes the seeded jobs by the runs that show by now.
func (j *jobRuns) apply(jobs []Job, now time.Time) []Job {
	j.mu.Lock()
	defer j.mu.Unlock()
	for i := range jobs {
		for _, run := range j.runs[strings.ToLower(jobs[i].ID)] {
			if !now.Before(run.at) {
				run.applyTo(&jobs[i])
			}
		}
	}
	return jobs
}

// applyTo changes job as the run left it.
func (run jobRun) applyTo(job *Job) {
	st := &job.Status
	exec := &JobExecution{ActivityIdentifier: run.activity, CountEntitled: 42, CountEntitledForProvisioning: 42,
		TimeBegan: run.at, TimeEnded: run.at.Add(time.Second)}
	switch {
	case run.ok:
		exec.State, exec.CountImported = "Succeeded", 42
		job.Schedule.State = "Active"
		st.Code, st.Quarantine, st.CountSuccessiveCompleteFailures = "Active", nil, 0
		if !run.start {
			st.LastExecution, st.LastSuccessfulExecution = exec, exec
			st.SteadyStateLastAchievedTime = exec.TimeEnded
		}
	default:
		exec.State, exec.Error = "Failed", run.errorRun
		st.Code, st.LastExecution = "Quarantine", exec
		st.CountSuccessiveCompleteFailures++
		q := st.Quarantine
		if q == nil {
			q = &JobQuarantine{Reason: "EncounteredQuarantineException", SeriesBegan: run.at}
		}
		q.CurrentBegan, q.NextAttempt, q.Error = exec.TimeEnded, exec.TimeEnded.Add(12*time.Hour), run.errorRun
		q.SeriesCount++
		st.Quarantine = q
	}
}
