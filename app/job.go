package app

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// jobState is the Provisioning part of the page, the last step of a
// repair: the provisioning job as Graph reads it, and its Restart
// provisioning or Start. A job quarantined on bad credentials stays so
// until the admin restarts it (or a retry hours later succeeds), so the
// repair is done only when the job runs again.
type jobState struct {
	busy    bool            // reading the job
	readFor string          // the service principal and job read, jobKey
	job     *graph.JobState // as last read
	readAt  time.Time
	err     string // why it could not be read, or restarted

	scope      string // the restart's resetScope; "" is the admin center's Restart
	confirming bool   // the restart's confirmation is shown

	settling bool               // reading again after a restart or start, until it changes
	settled  string             // how those reads ended
	stop     context.CancelFunc // stops them
	round    int                // counts the restarts: the reads of an older one are dropped
}

// provisioningStep is the Provisioning step: the job, Read the job,
// Restart provisioning and Start.
type provisioningStep struct {
	jobState
	s        *session
	f        *form
	call     *call          // the call the Request panel shows: the shell's
	look     *lookupState   // the jobs Look up listed
	validate *validateState // the job Test connection chose
	history  *historyStep   // whether Test connection worked
	out      *sender        // sends the restart or start
}

// stopSettling stops the reads after a restart, if any.
func (s *jobState) stopSettling() {
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
	s.settling = false
}

// jobKey names a service principal's job, for readFor.
func jobKey(spID, jobID string) string { return spID + " " + jobID }

// jobID is the job the part acts on: the one Test connection chose, or
// the only one Look up or Test connection read.
func (ps *provisioningStep) jobID() string {
	if ps.validate.jobsFor != "" && ps.validate.jobsFor == ps.f.spID() && ps.validate.job != "" {
		return ps.validate.job
	}
	if sp := ps.f.spID(); sp != "" && strings.EqualFold(ps.look.jobsFor, sp) && len(ps.look.jobs) == 1 {
		return ps.look.jobs[0].ID
	}
	if ps.job != nil && strings.HasPrefix(ps.readFor, ps.f.spID()+" ") {
		return ps.job.ID
	}
	return ""
}

// jobShown is the job read for the current service principal, if any.
func (ps *provisioningStep) jobShown() *graph.JobState {
	if ps.job == nil || ps.f.spID() == "" || !strings.HasPrefix(ps.readFor, ps.f.spID()+" ") {
		return nil
	}
	return ps.job
}

// connectionWorks reports whether the last Test connection of this
// service principal answered 204 with what the job will use: the saved
// credentials, or typed ones saved since (Save answered 2xx after it).
func (ps *provisioningStep) connectionWorks() bool {
	sp := ps.f.spID()
	saved := false
	for _, e := range ps.history.entries { // newest first
		id, _ := graph.ParseObjectID(e.ObjectID)
		if id != sp || e.Response == nil {
			continue
		}
		ok := e.ok()
		switch e.Call {
		case callSave:
			saved = saved || ok
		case callTest:
			if ok {
				return len(e.Keys) == 0 || saved // no keys: the saved credentials were tested
			}
			return false
		}
	}
	return false
}

func (ps *provisioningStep) onReadJob(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	ps.readJob(ctx)
}

// readJob reads the job, listing the service principal's jobs first when
// none is known yet.
func (ps *provisioningStep) readJob(ctx app.Context) {
	s := ps
	s.err = ""
	if s.busy || ps.f.target.kind != graph.ServicePrincipals {
		return
	}
	spID, err := graph.ParseObjectID(ps.f.target.objectID)
	if err != nil {
		s.err = err.Error()
		return
	}
	s.busy = true
	jobID, t, target, cloud := ps.jobID(), ps.s.ticket(), ps.f.syncTarget(""), ps.f.target.cloud
	async(ps.s.own(ctx), func() {
		c := t.ctx
		token, err := ps.s.tokens.freshToken(c)
		var job graph.JobState
		if err == nil && jobID == "" {
			var jobs []graph.Job
			if jobs, err = graph.ListJobs(c, ps.s.client, cloud, token, spID); err == nil {
				switch len(jobs) {
				case 0:
					err = fmt.Errorf("This service principal has no provisioning job: set up provisioning in the admin center first.")
				case 1:
					jobID = jobs[0].ID
				default:
					err = fmt.Errorf("This service principal has %d provisioning jobs: choose one under Test connection, then read the job again.", len(jobs))
				}
			}
		}
		if err == nil {
			target.Token = token
			job, err = graph.ReadJob(c, ps.s.client, target, jobID)
		}
		// Dropped if the admin signed out, switched cloud or signed in meanwhile.
		t.dispatch(ctx, func(ctx app.Context) {
			s.busy = false
			if err != nil {
				s.err = err.Error()
				return
			}
			if key := jobKey(spID, jobID); key != s.readFor {
				s.stopSettling()
				s.settled, s.confirming = "", false // of another job
			}
			s.readFor, s.job, s.readAt = jobKey(spID, jobID), &job, time.Now()
		})
	})
}

func (ps *provisioningStep) onRestart(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*ps.call = callRestart
	ps.confirming = true
}

func (ps *provisioningStep) onRestartCancel(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	ps.confirming = false
}

func (ps *provisioningStep) onConfirmRestart(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*ps.call = callRestart
	ps.confirming = false
	ps.actOnJob(ctx, callRestart)
}

func (ps *provisioningStep) onStartJob(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*ps.call = callStart
	ps.actOnJob(ctx, callStart)
}

// actOnJob sends restart or start (c) through the panels, then reads the
// job until it changes.
func (ps *provisioningStep) actOnJob(ctx app.Context, c call) {
	before := ps.jobShown()
	if ps.out.sending || before == nil {
		return
	}
	requestID, cloud := ps.out.requestID, ps.f.target.cloud
	if _, err := ps.jobRequest(c, ps.f.auth.token, requestID); err != nil {
		ps.err = err.Error()
		return
	}
	// Everything the restart and the reads after it name is taken now: the
	// admin may change the Object ID while they run.
	jobID, scope, target, spID := ps.jobID(), ps.scope, ps.f.syncTarget(""), ps.f.spID()
	ps.out.send(ctx, outgoing{
		call:    c,
		backoff: graph.Backoff{Attempts: 1}, // the admin sees the answer and decides: a restart is not sent twice by itself
		entry:   historyEntry{Cloud: cloud, Version: ps.f.target.version, Kind: graph.ServicePrincipals, ObjectID: ps.f.target.objectID},
		build: func(token string) (graph.Request, error) {
			target.Token = token
			return jobRequestFor(c, target, jobID, scope, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			return graph.ExplainRestart(resp, err, claims, cloud, c == callStart)
		},
		done: func(ctx app.Context, resp *graph.Response) {
			if resp != nil && resp.Status == http.StatusNoContent {
				ps.settleJob(ctx, *before, spID, jobID, target)
			}
		},
	})
}

// settleJob reads the job every graph.JobRecheck until it differs from
// before (graph.JobChanged), for at most graph.JobSettle, and says so
// when it gives up.
func (ps *provisioningStep) settleJob(ctx app.Context, before graph.JobState, spID, jobID string, target graph.SyncTarget) {
	s := ps
	s.stopSettling()
	s.settling, s.settled = true, ""
	t := ps.s.ticket()
	cctx, stop := context.WithTimeout(t.ctx, graph.JobSettle+graph.JobRecheck)
	s.stop = stop
	s.round++
	round, start := s.round, time.Now()
	async(ps.s.own(ctx), func() {
		defer stop()
		// The token is taken once, as Save's reads take it: a later one
		// could be a new session's.
		token, terr := ps.s.tokens.freshToken(cctx)
		target.Token = token
		for {
			select {
			case <-cctx.Done():
				return
			case <-time.After(graph.JobRecheck):
			}
			var got graph.JobState
			err := terr
			if err == nil {
				got, err = graph.ReadJob(cctx, ps.s.client, target, jobID)
			}
			changed := err == nil && graph.JobChanged(before, got)
			late := time.Since(start) >= graph.JobSettle
			t.dispatch(ctx, func(ctx app.Context) {
				if round != s.round {
					return // another restart began
				}
				if err == nil {
					s.readFor, s.job, s.readAt = jobKey(spID, jobID), &got, time.Now()
				}
				switch {
				case changed:
					s.settling, s.settled = false, "The job changed: "+graph.ExplainJob(got, time.Now()).Title+"."
				case late:
					s.settling = false
					s.settled = fmt.Sprintf("After %d s the job has not changed yet: the provisioning service can take longer to act. Press Read the job later.", int(graph.JobSettle/time.Second))
					if err != nil {
						s.settled += " The last read failed: " + err.Error()
					}
				}
			})
			if changed || late {
				return
			}
		}
	})
}

// reset stops waiting for the job's reads when the session ends; leaving
// it drops the job read, keeping the restart's scope.
func (ps *provisioningStep) reset(e sessionEnd) {
	ps.busy = false
	ps.stopSettling()
	if e.leave {
		ps.jobState = jobState{round: ps.round, scope: ps.scope}
	}
}
