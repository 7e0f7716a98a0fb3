package graphtest

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func jobPath(sp Object, action string) string {
	p := "/v1.0/servicePrincipals/" + sp.ObjectID + "/synchronization/jobs/" + Jobs(sp.ObjectID)[0].ID
	if action != "" {
		p += "/" + action
	}
	return p
}

func readJob(t *testing.T, s *Server, sp Object) Job {
	t.Helper()
	r := call(t, s, "GET", jobPath(sp, ""), map[string]string{"Authorization": "Bearer " + s.Token()}, "")
	var j Job
	if r.status != 200 || json.Unmarshal([]byte(r.body), &j) != nil {
		t.Fatalf("GET job: %d %s", r.status, r.body)
	}
	return j
}

// TestJobRestartAndStart: restart and start check what Graph checks,
// answer 204 with CORS, and show in the job only after the delay: a
// restart without good saved credentials leaves the job quarantined, one
// after an Authorize makes it Active; start runs a paused job.
func TestJobRestartAndStart(t *testing.T) {
	s := newSandbox(t)
	s.SetJobDelay(150 * time.Millisecond)
	sp := ServicePrincipals[0]
	restart := jobPath(sp, "restart")
	for _, tc := range []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"a scope outside the enum", `{"criteria":{"resetScope":"Everything"}}`, 400, "BadRequest", "Requested value 'Everything' was not found."},
		{"one of several outside", `{"criteria":{"resetScope":"Watermark, Everything"}}`, 400, "BadRequest", "Requested value 'Everything' was not found."},
		{"a member criteria lacks", `{"criteria":{"scope":"Full"}}`, 400, "BadRequest",
			"The property 'scope' does not exist on type 'microsoft.graph.synchronizationJobRestartCriteria'. Make sure to only use property names that are defined by the type."},
	} {
		r := post(t, s, restart, s.Token(), tc.body)
		t.Logf("%s → %d", tc.name, r.status)
		wantError(t, r, tc.status, tc.code, tc.msg)
	}
	if r := call(t, s, "GET", restart, map[string]string{"Authorization": "Bearer " + s.Token()}, ""); r.status != http.StatusMethodNotAllowed {
		t.Errorf("GET restart: %d", r.status)
	}
	if r := post(t, s, restart, s.Token(WithoutRoles()), `{"criteria":{}}`); r.status != http.StatusUnauthorized {
		t.Errorf("restart without the role: %d", r.status)
	}
	if r := post(t, s, "/v1.0/servicePrincipals/"+sp.ObjectID+"/synchronization/jobs/nope/restart", s.Token(), `{"criteria":{}}`); r.status != 404 {
		t.Errorf("restart of an unknown job: %d", r.status)
	}
	before := readJob(t, s, sp)

	// Restarted with no saved credentials: quarantined again, later.
	r := call(t, s, "POST", restart, map[string]string{"Authorization": "Bearer " + s.Token(), "Content-Type": "application/json",
		"Origin": "http://127.0.0.1:9"}, `{"criteria":{}}`)
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "http://127.0.0.1:9" {
		t.Fatalf("restart: %d %s, CORS %q", r.status, r.body, r.header.Get("Access-Control-Allow-Origin"))
	}
	if j := readJob(t, s, sp); !j.Status.LastExecution.TimeBegan.Equal(before.Status.LastExecution.TimeBegan) {
		t.Errorf("the restart shows at once: %+v", j.Status.LastExecution)
	}
	time.Sleep(200 * time.Millisecond)
	j := readJob(t, s, sp)
	if j.Status.Code != "Quarantine" || !j.Status.Quarantine.CurrentBegan.After(before.Status.Quarantine.CurrentBegan) || j.Status.LastExecution.State != "Failed" {
		t.Errorf("after a restart without credentials: %+v", j.Status)
	}

	// With good saved credentials (as an Authorize leaves them), it runs.
	s.writeSecrets(sp.ObjectID, nil, 0)
	if r := post(t, s, jobPath(ServicePrincipals[0], "restart"), s.Token(), `{"criteria":{"resetScope":"Watermark, Escrows, QuarantineState"}}`); r.status != 204 {
		t.Fatalf("restart: %d %s", r.status, r.body)
	}
	code := newVendorCode(t, s)
	if r := post(t, s, actionPath("v1.0", "servicePrincipals", sp.ObjectID), s.Token(), codeBody(code, s.LandingURL())); r.status != 204 {
		t.Fatalf("Authorize: %d %s", r.status, r.body)
	}
	if r := post(t, s, restart, s.Token(), ""); r.status != 204 {
		t.Fatalf("restart with no body: %d %s", r.status, r.body)
	}
	time.Sleep(200 * time.Millisecond)
	if j := readJob(t, s, sp); j.Status.Code != "Active" || j.Status.Quarantine != nil || j.Status.LastExecution.State != "Succeeded" {
		t.Errorf("after a restart with good credentials: %+v", j.Status)
	}

	// Start runs a paused job.
	paused := ServicePrincipals[2]
	if r := post(t, s, jobPath(paused, "start"), s.Token(), ""); r.status != 204 {
		t.Fatalf("start: %d %s", r.status, r.body)
	}
	time.Sleep(200 * time.Millisecond)
	if j := readJob(t, s, paused); j.Status.Code != "Active" || j.Schedule.State != "Active" {
		t.Errorf("after start: %+v", j)
	}
}
