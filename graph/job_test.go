package graph

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// csdl is the part of Graph's CSDL that the job's requests are checked
// against (testdata/metadata-v1.0-job-excerpt.xml).
type csdl struct {
	Enums []struct {
		Name    string `xml:"Name,attr"`
		Members []struct {
			Name string `xml:"Name,attr"`
		} `xml:"Member"`
	} `xml:"EnumType"`
	Complex []struct {
		Name  string `xml:"Name,attr"`
		Props []struct {
			Name string `xml:"Name,attr"`
			Type string `xml:"Type,attr"`
		} `xml:"Property"`
	} `xml:"ComplexType"`
	Actions []struct {
		Name   string `xml:"Name,attr"`
		Params []struct {
			Name string `xml:"Name,attr"`
			Type string `xml:"Type,attr"`
		} `xml:"Parameter"`
	} `xml:"Action"`
}

func jobMetadata(t *testing.T) csdl {
	t.Helper()
	b, err := os.ReadFile("testdata/metadata-v1.0-job-excerpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	var m csdl
	if err := xml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func (m csdl) enum(name string) []string {
	for _, e := range m.Enums {
		if e.Name == name {
			var out []string
			for _, mem := range e.Members {
				out = append(out, mem.Name)
			}
			return out
		}
	}
	return nil
}

func (m csdl) props(name string) map[string]string {
	for _, c := range m.Complex {
		if c.Name == name {
			out := map[string]string{}
			for _, p := range c.Props {
				out[p.Name] = p.Type
			}
			return out
		}
	}
	return nil
}

// params returns the parameters of the action bound to synchronizationJob.
func (m csdl) params(action string) (map[string]string, bool) {
	for _, a := range m.Actions {
		if a.Name != action || len(a.Params) == 0 || a.Params[0].Type != "graph.synchronizationJob" {
			continue
		}
		out := map[string]string{}
		for _, p := range a.Params[1:] {
			out[p.Name] = p.Type
		}
		return out, true
	}
	return nil, false
}

func TestJobRequestsMatchMetadata(t *testing.T) {
	m := jobMetadata(t)
	target := adminTarget(V1)
	restartParams, ok := m.params("restart")
	if !ok || len(restartParams) != 1 || restartParams["criteria"] != "graph.synchronizationJobRestartCriteria" {
		t.Fatalf("restart's parameters in the metadata: %v", restartParams)
	}
	criteria := m.props("synchronizationJobRestartCriteria")
	scopes := m.enum("synchronizationJobRestartScope")
	if criteria["resetScope"] != "graph.synchronizationJobRestartScope" || len(scopes) == 0 {
		t.Fatalf("criteria %v, scopes %v", criteria, scopes)
	}
	offered := map[string]bool{}
	for _, s := range RestartScopes() {
		offered[s.Value] = true
		r, err := RestartJobRequest(target, adminJob, s.Value, snippetRequestID)
		if err != nil {
			t.Fatalf("%q: %v", s.Value, err)
		}
		t.Logf("resetScope %q → %s %s %s", s.Value, r.Method, r.URL, r.Body)
		if r.Method != "POST" || r.URL != adminSPPrefix+"/jobs/"+adminJob+"/restart" {
			t.Errorf("%q: %s %s", s.Value, r.Method, r.URL)
		}
		var body map[string]map[string]string
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatalf("%q: body %s: %v", s.Value, r.Body, err)
		}
		for name := range body {
			if _, ok := restartParams[name]; !ok {
				t.Errorf("%q: parameter %q is not restart's", s.Value, name)
			}
		}
		c, ok := body["criteria"]
		if !ok {
			t.Errorf("%q: no criteria in %s", s.Value, r.Body)
		}
		for name, v := range c {
			if _, ok := criteria[name]; !ok {
				t.Errorf("%q: %q is not a member of synchronizationJobRestartCriteria", s.Value, name)
			}
			if name == "resetScope" && !slices.Contains(scopes, v) {
				t.Errorf("%q: resetScope %q is not a member of synchronizationJobRestartScope", s.Value, v)
			}
		}
		if s.Value == "" && len(c) != 0 {
			t.Errorf("the admin center's restart sends criteria %v, want it empty", c)
		}
		if red := r.Redacted(false); string(red.Body) != string(r.Body) || strings.Contains(red.HTTP(), snippetToken) {
			t.Errorf("%q: redacted body %s, request %s", s.Value, red.Body, red.HTTP())
		}
		for _, k := range SnippetKinds() {
			if got := r.Snippet(k, true); strings.Contains(got, snippetToken) || !strings.Contains(got, "/restart") {
				t.Errorf("%q: Copy as %s: %s", s.Value, k, got)
			}
		}
	}
	for _, s := range scopes {
		if !offered[s] {
			t.Errorf("synchronizationJobRestartScope's %q is not among RestartScopes", s)
		}
	}
	if _, err := RestartJobRequest(target, adminJob, "Everything", snippetRequestID); err == nil {
		t.Error("a resetScope outside the enum was accepted")
	}
	startParams, ok := m.params("start")
	if !ok || len(startParams) != 0 {
		t.Fatalf("start's parameters in the metadata: %v", startParams)
	}
	r, err := StartJobRequest(target, adminJob, snippetRequestID)
	if err != nil || r.Method != "POST" || r.URL != adminSPPrefix+"/jobs/"+adminJob+"/start" || len(r.Body) != 0 {
		t.Errorf("start: %s %s %q %v", r.Method, r.URL, r.Body, err)
	}
	for _, h := range r.Header {
		if h.Name == "Content-Type" {
			t.Error("start sends a Content-Type without a body")
		}
	}
	for _, id := range []string{"", "a/b", "with space"} {
		if _, err := StartJobRequest(target, id, snippetRequestID); err == nil {
			t.Errorf("start for job ID %q: no error", id)
		}
		if _, err := RestartJobRequest(target, id, "", snippetRequestID); err == nil || !strings.Contains(err.Error(), "Job ID") {
			t.Errorf("restart for job ID %q: %v", id, err)
		}
	}
}

// TestJobDecodingMatchesMetadata: every member ReadJob decodes is one of
// the metadata's, and ExplainJob covers every status code.
func TestJobDecodingMatchesMetadata(t *testing.T) {
	m := jobMetadata(t)
	for typ, members := range map[string][]string{
		"synchronizationStatus":        {"code", "quarantine", "lastExecution", "lastSuccessfulExecution"},
		"synchronizationQuarantine":    {"reason", "currentBegan", "nextAttempt", "seriesBegan", "seriesCount", "error"},
		"synchronizationTaskExecution": {"state", "timeBegan", "timeEnded", "error"},
		"synchronizationError":         {"code", "message", "tenantActionable"},
		"synchronizationSchedule":      {"state"},
	} {
		props := m.props(typ)
		for _, name := range members {
			if _, ok := props[name]; !ok {
				t.Errorf("%s has no member %q", typ, name)
			}
		}
	}
	for _, code := range m.enum("synchronizationStatusCode") {
		if x := ExplainJob(JobState{Status: code}, time.Now()); strings.HasPrefix(x.Title, "Provisioning state ") {
			t.Errorf("status %q is not explained: %q", code, x.Title)
		}
	}
	for _, r := range m.enum("quarantineReason") {
		if got := quarantineReason(r); strings.HasPrefix(got, "reason ") && r != "Unknown" {
			t.Errorf("quarantine reason %q is not worded: %q", r, got)
		}
	}
}

func TestExplainJobPerStatus(t *testing.T) {
	now := time.Date(2025, 11, 20, 12, 0, 0, 0, time.UTC)
	failed := &JobExecution{State: "Failed", TimeBegan: now.Add(-5 * time.Hour),
		Error: &JobError{Code: "SalesforceInvalidCredentials", Message: "The Salesforce credentials are not valid.", TenantActionable: true}}
	for _, tc := range []struct {
		name  string
		job   JobState
		title string
		want  []string
	}{
		{"active", JobState{Status: "Active", LastExecution: &JobExecution{State: "Succeeded", TimeBegan: now}}, "running (Active)", []string{"Nothing to repair", "Succeeded"}},
		{"active, last run failed", JobState{Status: "Active", LastExecution: failed}, "running (Active)", []string{"last run failed", "SalesforceInvalidCredentials"}},
		{"paused", JobState{Status: "Paused"}, "paused (Paused)", []string{"Start provisioning", "no run recorded"}},
		{"quarantine", JobState{Status: "Quarantine", LastExecution: failed, Quarantine: &JobQuarantine{Reason: "EncounteredQuarantineException",
			CurrentBegan: now.Add(-5 * time.Hour), NextAttempt: now.Add(7 * time.Hour), Error: failed.Error}},
			"quarantined (Quarantine)", []string{"refused the credentials", "since 2025-11-20 07:00 UTC", "tries again at 2025-11-20 19:00 UTC",
				"SalesforceInvalidCredentials", "one you can fix", "Test connection", "Restart provisioning"}},
		{"quarantine, not actionable", JobState{Status: "Quarantine", Quarantine: &JobQuarantine{Reason: "QuarantinedOnDemand",
			NextAttempt: now.Add(-time.Hour), Error: &JobError{Code: "X", Message: "m"}}},
			"quarantined", []string{"on demand", "was due at", "support request"}},
		{"quarantine, no details", JobState{Status: "Quarantine"}, "quarantined", []string{"no quarantine details"}},
		{"not configured", JobState{Status: "NotConfigured"}, "not configured (NotConfigured)", []string{"Mappings"}},
		{"not run", JobState{Status: "NotRun"}, "not run yet (NotRun)", []string{"Start provisioning"}},
		{"unknown", JobState{Status: "Sleeping"}, `"Sleeping"`, []string{"admin center"}},
	} {
		x := ExplainJob(tc.job, now)
		all := x.Title + " " + x.Cause + " " + x.Next
		t.Logf("%s → %s", tc.name, x.Title)
		if !strings.Contains(x.Title, tc.title) {
			t.Errorf("%s: title %q, want %q", tc.name, x.Title, tc.title)
		}
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", tc.name, all, w)
			}
		}
	}
}

func TestRestartScopesWarnInMicrosoftsWords(t *testing.T) {
	want := map[string]string{
		"None":               "DO NOT USE. Use the Start synchronizationJob API instead.",
		"ConnectorDataStore": "DO NOT USE. Contact Microsoft Support for guidance.",
		"ForceDeletes":       "deleted",
		"Full":               "DO NOT USE",
	}
	ss := RestartScopes()
	if ss[0].Value != "" || !strings.Contains(ss[0].Does, adminCenterRestart) || ss[0].Warning != "" {
		t.Errorf("the first scope must be the admin center's Restart: %+v", ss[0])
	}
	for _, s := range ss {
		w, warned := want[s.Value]
		switch {
		case warned && !strings.Contains(s.Warning, w):
			t.Errorf("%q: warning %q, want %q", s.Value, s.Warning, w)
		case !warned && s.Warning != "":
			t.Errorf("%q warns: %q", s.Value, s.Warning)
		case s.Does == "":
			t.Errorf("%q does not say what it does", s.Value)
		}
	}
	for _, w := range []string{"quarantine", "watermark", "escrows"} {
		if !strings.Contains(strings.ToLower(ss[0].Does), w) {
			t.Errorf("the admin center's Restart does not say it clears the %s: %q", w, ss[0].Does)
		}
	}
}

func TestJobChanged(t *testing.T) {
	at := time.Date(2025, 11, 20, 7, 40, 0, 0, time.UTC)
	q := JobState{Status: "Quarantine", Quarantine: &JobQuarantine{CurrentBegan: at}, LastExecution: &JobExecution{TimeBegan: at}}
	same := q
	if JobChanged(q, same) {
		t.Error("the same job changed")
	}
	for name, after := range map[string]JobState{
		"active":            {Status: "Active", LastExecution: &JobExecution{TimeBegan: at}},
		"quarantined again": {Status: "Quarantine", Quarantine: &JobQuarantine{CurrentBegan: at.Add(time.Hour)}, LastExecution: &JobExecution{TimeBegan: at.Add(time.Hour)}},
		"new run":           {Status: "Quarantine", Quarantine: &JobQuarantine{CurrentBegan: at}, LastExecution: &JobExecution{TimeBegan: at.Add(time.Minute)}},
	} {
		if !JobChanged(q, after) {
			t.Errorf("%s: not seen as changed", name)
		}
	}
}
