package app

import (
	"strings"
	"testing"
	"time"

	"synctoken/graph"
)

// TestJobRestartAfterAWorkingTestConnection: the Provisioning step shows
// the job in plain words, offers Restart provisioning only after Test
// connection answered 204 with what the job uses, says what the restart
// does before it is sent, and offers Start for a paused job.
func TestJobRestartAfterAWorkingTestConnection(t *testing.T) {
	p := oauthPage(t)
	sp := p.form.spID()
	at := time.Date(2025, 11, 20, 7, 40, 19, 0, time.UTC)
	p.job.readFor = jobKey(sp, "job1")
	p.job.job = &graph.JobState{ID: "job1", TemplateID: "salesforce", Status: "Quarantine",
		Quarantine: &graph.JobQuarantine{Reason: "EncounteredQuarantineException", CurrentBegan: at, NextAttempt: at.Add(12 * time.Hour),
			Error: &graph.JobError{Code: "SalesforceInvalidCredentials", Message: "bad", TenantActionable: true}}}
	html := rerender(t, p)
	for _, want := range []string{">Provisioning<", "Provisioning is quarantined (Quarantine)", "2025-11-20 07:40:19 UTC", "tenantActionable: true", `id="job-restart-gate"`} {
		if !strings.Contains(html, want) {
			t.Errorf("before Test connection, the page lacks %q", want)
		}
	}
	if strings.Contains(html, `id="job-restart"`) || strings.Contains(html, `id="job-start"`) {
		t.Error("Restart or Start offered before a working Test connection, for a quarantined job")
	}

	tested := func(keys []string, status int) historyEntry {
		return historyEntry{Call: callTest, ObjectID: p.target.objectID, Keys: keys, Response: &graph.Response{Status: status}}
	}
	for _, tc := range []struct {
		name    string
		entries []historyEntry // newest first
		offered bool
	}{
		{"saved credentials tested, 204", []historyEntry{tested(nil, 204)}, true},
		{"the last test failed", []historyEntry{tested(nil, 400), tested(nil, 204)}, false},
		{"typed credentials tested, not saved", []historyEntry{tested([]string{"SecretToken"}, 204)}, false},
		{"typed credentials tested, then saved", []historyEntry{{Call: callSave, ObjectID: p.target.objectID, Response: &graph.Response{Status: 200}},
			tested([]string{"SecretToken"}, 204)}, true},
		{"another service principal's test", []historyEntry{{Call: callTest, ObjectID: "0badc0de-0000-4000-8000-000000000404", Response: &graph.Response{Status: 204}}}, false},
	} {
		p.history.entries = tc.entries
		html := rerender(t, p)
		t.Logf("%s → restart offered %v", tc.name, strings.Contains(html, `id="job-restart"`))
		if got := strings.Contains(html, `id="job-restart"`); got != tc.offered {
			t.Errorf("%s: Restart provisioning offered %v, want %v", tc.name, got, tc.offered)
		}
	}

	p.history.entries = []historyEntry{tested(nil, 204)}
	p.job.confirming = true
	html = rerender(t, p)
	for _, want := range []string{"Restart provisioning will:", "QuarantineState: Temporarily lifts the quarantine.", "Watermark: Removing the watermark",
		"Escrows: Provisioning failures are marked as escrows", ">Confirm restart<"} {
		if !strings.Contains(html, want) {
			t.Errorf("the confirmation lacks %q", want)
		}
	}
	p.job.scope = "ConnectorDataStore"
	if html := rerender(t, p); !strings.Contains(html, "Microsoft: DO NOT USE. Contact Microsoft Support for guidance.") {
		t.Error("ConnectorDataStore is offered without Microsoft's warning")
	}
	p.job.scope = ""

	p.call = callRestart
	r, complete := p.preview(graph.Checked{})
	if !complete || !strings.HasSuffix(r.URL, "/synchronization/jobs/job1/restart") || !strings.Contains(string(r.Body), `"criteria": {}`) {
		t.Errorf("restart's preview: %s %s complete=%v", r.URL, r.Body, complete)
	}

	p.job.job = &graph.JobState{ID: "job1", Status: "Paused"}
	p.history.entries = nil
	if html := rerender(t, p); !strings.Contains(html, `id="job-start"`) || !strings.Contains(html, "Provisioning is paused (Paused)") {
		t.Error("a paused job is not offered Start provisioning")
	}
	p.call = callStart
	if r, complete := p.preview(graph.Checked{}); !complete || !strings.HasSuffix(r.URL, "/jobs/job1/start") || len(r.Body) != 0 {
		t.Errorf("start's preview: %s %q complete=%v", r.URL, r.Body, complete)
	}
}
