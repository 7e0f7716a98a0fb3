package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestJobRepairFlow drives the repair's last step against the sandbox:
// the seeded Contoso job is quarantined; a restart with no good saved
// credentials leaves it quarantined (dated anew), and after an Authorize
// and a working Test connection a restart brings it to Active, out of
// quarantine, once the job is read again.
func TestJobRepairFlow(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.SetJobDelay(200 * time.Millisecond)
	cloud, _ := graph.Sandbox(sb.URL)
	ctx, c := context.Background(), &graph.Client{}
	sp := graphtest.ServicePrincipals[0]
	target := graph.SyncTarget{Cloud: cloud, ServicePrincipalID: sp.ObjectID, Token: sb.Token()}
	jobID := graphtest.Jobs(sp.ObjectID)[0].ID

	before, err := graph.ReadJob(ctx, c, target, jobID)
	if err != nil {
		t.Fatal(err)
	}
	q := before.Quarantine
	if before.Status != "Quarantine" || q == nil || q.Reason != "EncounteredQuarantineException" || q.CurrentBegan.IsZero() ||
		q.NextAttempt.IsZero() || q.Error == nil || !q.Error.TenantActionable || before.LastExecution == nil ||
		before.LastExecution.Error == nil || before.LastSuccessfulExecution == nil || before.LastSuccessfulExecution.State != "Succeeded" {
		t.Fatalf("the seeded job: %+v %+v", before, q)
	}
	restart := func() {
		t.Helper()
		r, err := graph.RestartJobRequest(target, jobID, "", graph.NewRequestID())
		if err != nil {
			t.Fatal(err)
		}
		resp, err := graph.Send(ctx, c, r)
		if err != nil || resp.Status != 204 {
			t.Fatalf("restart: %d %s %v", resp.Status, resp.Body, err)
		}
		if x := graph.ExplainRestart(&resp, nil, nil, cloud, false); !strings.Contains(x.Title, "Restart accepted") {
			t.Errorf("restart explained: %+v", x)
		}
	}
	settle := func(from graph.JobState) graph.JobState {
		t.Helper()
		now, _ := graph.ReadJob(ctx, c, target, jobID)
		if graph.JobChanged(from, now) {
			t.Errorf("the restart shows at once; Graph shows it later: %+v", now)
		}
		deadline := time.Now().Add(5 * time.Second)
		for !graph.JobChanged(from, now) && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			now, _ = graph.ReadJob(ctx, c, target, jobID)
		}
		return now
	}

	// Restarted with bad credentials: it runs, fails, and is quarantined again.
	restart()
	again := settle(before)
	if again.Status != "Quarantine" || !again.Quarantine.CurrentBegan.After(q.CurrentBegan) || again.LastExecution.State != "Failed" {
		t.Errorf("restart without good credentials: %+v", again)
	}

	// Authorize, then Test connection with the saved credentials.
	a, err := graph.AuthorizationURL(sb.VendorAuthorizationURL(), cloud.PortalRedirectURI(), cloud)
	if err != nil {
		t.Fatal(err)
	}
	l, err := graph.ParseLanding(authorizeInBrowser(t, sb, a, "vendor-allow"), a)
	if err != nil {
		t.Fatal(err)
	}
	in := graph.Input{Cloud: cloud, Version: graph.V1, Kind: graph.ServicePrincipals, ObjectID: sp.ObjectID, Credentials: l.Credentials(), Token: sb.Token()}
	req, _ := graph.Build(in, graph.NewRequestID())
	if resp, err := graph.Send(ctx, c, req); err != nil || resp.Status != 204 {
		t.Fatalf("Authorize: %d %v", resp.Status, err)
	}
	tc, _ := graph.TestConnectionRequest(target, graph.Validation{JobID: jobID, UseSavedCredentials: true}, graph.NewRequestID())
	if resp, err := graph.Send(ctx, c, tc); err != nil || resp.Status != 204 {
		t.Fatalf("Test connection: %d %v", resp.Status, err)
	}

	// Restarted now, it runs.
	restart()
	after := settle(again)
	if after.Status != "Active" || after.Quarantine != nil || after.LastExecution == nil || after.LastExecution.State != "Succeeded" {
		t.Errorf("restart after the repair: %+v", after)
	}
	if x := graph.ExplainJob(after, time.Now()); !strings.Contains(x.Title, "Active") {
		t.Errorf("explained: %+v", x)
	}
	jobs, err := graph.ListJobs(ctx, c, cloud, sb.Token(), sp.ObjectID)
	if err != nil || len(jobs) != 1 || jobs[0].Status != "Active" {
		t.Errorf("the list of jobs after the restart: %+v %v", jobs, err)
	}
}

// TestJobStartPaused: Start runs a paused job.
func TestJobStartPaused(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.SetJobDelay(0)
	cloud, _ := graph.Sandbox(sb.URL)
	ctx, c := context.Background(), &graph.Client{}
	sp := graphtest.ServicePrincipals[2]
	target := graph.SyncTarget{Cloud: cloud, ServicePrincipalID: sp.ObjectID, Token: sb.Token()}
	jobID := graphtest.Jobs(sp.ObjectID)[0].ID
	if j, err := graph.ReadJob(ctx, c, target, jobID); err != nil || j.Status != "Paused" {
		t.Fatalf("the seeded paused job: %+v %v", j, err)
	}
	r, _ := graph.StartJobRequest(target, jobID, graph.NewRequestID())
	if resp, err := graph.Send(ctx, c, r); err != nil || resp.Status != 204 {
		t.Fatalf("start: %d %s %v", resp.Status, resp.Body, err)
	}
	if j, err := graph.ReadJob(ctx, c, target, jobID); err != nil || j.Status != "Active" || j.ScheduleState != "Active" {
		t.Errorf("after start: %+v %v", j, err)
	}
	if _, err := graph.ReadJob(ctx, c, target, "no-such-job"); err == nil {
		t.Error("an unknown job was read")
	}
}
