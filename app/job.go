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
func (p *Page) jobID() string {
	if p.jobsRead() && p.validate.job != "" {
		return p.validate.job
	}
	if sp := p.spID(); sp != "" && strings.EqualFold(p.look.jobsFor, sp) && len(p.look.jobs) == 1 {
		return p.look.jobs[0].ID
	}
	if p.job.job != nil && strings.HasPrefix(p.job.readFor, p.spID()+" ") {
		return p.job.job.ID
	}
	return ""
}

// jobShown is the job read for the current service principal, if any.
func (p *Page) jobShown() *graph.JobState {
	if p.job.job == nil || p.spID() == "" || !strings.HasPrefix(p.job.readFor, p.spID()+" ") {
		return nil
	}
	return p.job.job
}

// connectionWorks reports whether the last Test connection of this
// service principal answered 204 with what the job will use: the saved
// credentials, or typed ones saved since (Save answered 2xx after it).
func (p *Page) connectionWorks() bool {
	sp := p.spID()
	saved := false
	for _, e := range p.history.entries { // newest first
		id, _ := graph.ParseObjectID(e.ObjectID)
		if id != sp || e.Response == nil {
			continue
		}
		ok := e.Response.Status >= 200 && e.Response.Status < 300
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

func (p *Page) onReadJob(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.readJob(ctx)
}

// readJob reads the job, listing the service principal's jobs first when
// none is known yet.
func (p *Page) readJob(ctx app.Context) {
	s := &p.job
	s.err = ""
	if s.busy || p.target.kind != graph.ServicePrincipals {
		return
	}
	spID, err := graph.ParseObjectID(p.target.objectID)
	if err != nil {
		s.err = err.Error()
		return
	}
	s.busy = true
	jobID, t, target, cloud := p.jobID(), p.session.ticket(), p.syncTarget(""), p.target.cloud
	async(p.session.own(ctx), func() {
		c := t.ctx
		token, err := p.freshToken(c)
		var job graph.JobState
		if err == nil && jobID == "" {
			var jobs []graph.Job
			if jobs, err = graph.ListJobs(c, p.session.client, cloud, token, spID); err == nil {
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
			job, err = graph.ReadJob(c, p.session.client, target, jobID)
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

func (p *Page) onRestart(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callRestart
	p.job.confirming = true
}

func (p *Page) onRestartCancel(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.job.confirming = false
}

func (p *Page) onConfirmRestart(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callRestart
	p.job.confirming = false
	p.actOnJob(ctx, callRestart)
}

func (p *Page) onStartJob(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callStart
	p.actOnJob(ctx, callStart)
}

// jobRequest is restart's or start's request as the part stands.
func (p *Page) jobRequest(c call, token, requestID string) (graph.Request, error) {
	if c == callStart {
		return graph.StartJobRequest(p.syncTarget(token), p.jobID(), requestID)
	}
	return graph.RestartJobRequest(p.syncTarget(token), p.jobID(), p.job.scope, requestID)
}

// actOnJob sends restart or start (c) through the panels, then reads the
// job until it changes.
func (p *Page) actOnJob(ctx app.Context, c call) {
	before := p.jobShown()
	if p.out.sending || before == nil {
		return
	}
	requestID, cloud := p.out.requestID, p.target.cloud
	if _, err := p.jobRequest(c, p.auth.token, requestID); err != nil {
		p.job.err = err.Error()
		return
	}
	jobID, scope, target := p.jobID(), p.job.scope, p.syncTarget("")
	p.send(ctx, outgoing{
		call:    c,
		backoff: graph.Backoff{Attempts: 1}, // the admin sees the answer and decides: a restart is not sent twice by itself
		entry:   historyEntry{Cloud: cloud, Version: p.target.version, Kind: graph.ServicePrincipals, ObjectID: p.target.objectID},
		build: func(token string) (graph.Request, error) {
			target.Token = token
			if c == callStart {
				return graph.StartJobRequest(target, jobID, requestID)
			}
			return graph.RestartJobRequest(target, jobID, scope, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			return graph.ExplainRestart(resp, err, claims, cloud, c == callStart)
		},
		done: func(ctx app.Context, resp *graph.Response) {
			if resp != nil && resp.Status == http.StatusNoContent {
				p.settleJob(ctx, *before, jobID, target)
			}
		},
	})
}

// settleJob reads the job every graph.JobRecheck until it differs from
// before (graph.JobChanged), for at most graph.JobSettle, and says so
// when it gives up.
func (p *Page) settleJob(ctx app.Context, before graph.JobState, jobID string, target graph.SyncTarget) {
	s := &p.job
	s.stopSettling()
	s.settling, s.settled = true, ""
	t := p.session.ticket()
	cctx, stop := context.WithTimeout(t.ctx, graph.JobSettle+graph.JobRecheck)
	s.stop = stop
	s.round++
	round, start, spID := s.round, time.Now(), p.spID()
	async(p.session.own(ctx), func() {
		defer stop()
		for {
			select {
			case <-cctx.Done():
				return
			case <-time.After(graph.JobRecheck):
			}
			token, err := p.freshToken(cctx)
			var got graph.JobState
			if err == nil {
				target.Token = token
				got, err = graph.ReadJob(cctx, p.session.client, target, jobID)
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
