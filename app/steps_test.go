package app

import (
	"crypto/sha256"
	"strings"
	"testing"
	"time"

	"synctoken/graph"
)

// statuses are the steps' states and summaries as the page stands, and
// the current step.
func statuses(p *Page) (map[stepID]stepStatus, stepID) {
	defs := p.stepDefs()
	st := map[stepID]stepStatus{}
	checked := p.input().Check()
	for _, d := range defs {
		if d.applies() {
			st[d.id] = d.status(checked)
		}
	}
	return st, current(defs, st, p.steps.pinned)
}

// TestStepsWalkARepair follows the steps' states through a repair: the
// current step moves in the admin's order, a 204 hands over and makes
// Test connection current with Next pointing there from Hand it over,
// and a code taken after that send is to hand over again.
func TestStepsWalkARepair(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	const sp = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	want := func(cur stepID, state map[stepID]stepState) {
		t.Helper()
		st, got := statuses(p)
		if got != cur {
			t.Errorf("current step %s, want %s", got, cur)
		}
		for id, s := range state {
			if st[id].state != s {
				t.Errorf("%s is %s (%q), want %s", id, st[id].state.label(), st[id].summary, s.label())
			}
		}
	}
	want(stepSignIn, map[stepID]stepState{stepSignIn: stepToDo, stepApplication: stepToDo, stepHandOver: stepToDo})
	p.auth.token = token
	p.target.objectID = sp
	// The default preset is only offered: Credentials waits for the
	// admin's choice, so a client-credentials admin is not waved past it.
	want(stepCredentials, map[stepID]stepState{stepSignIn: stepDone, stepApplication: stepDone, stepCredentials: stepToDo})
	p.creds.chosen = true // the admin chose OAuth authorization code
	want(stepGetCode, map[stepID]stepState{stepSignIn: stepDone, stepApplication: stepDone, stepCredentials: stepDone})

	p.creds.rows = []graph.Credential{{Key: codeKey, Value: "v/code"}, {Key: redirectKey, Value: "https://portal.example/landing"}}
	want(stepHandOver, map[stepID]stepState{stepGetCode: stepDone})

	sent := time.Now()
	p.authz.handedOver = true
	p.history.record(historyEntry{At: sent, Call: callAuthorize, ObjectID: sp, Response: &graph.Response{Status: 204}})
	want(stepTest, map[stepID]stepState{stepHandOver: stepDone})
	st, cur := statuses(p)
	if s := st[stepHandOver].summary; !strings.HasPrefix(s, "Code handed over "+sent.Format("15:04")) || !strings.Contains(s, ", 204") {
		t.Errorf("Hand it over's summary after a 204: %q", s)
	}
	if from := pointsTo(p.stepDefs(), st, cur); from != stepHandOver {
		t.Errorf("Next to Test connection is on %q, want handover", from)
	}

	p.history.record(historyEntry{At: sent.Add(time.Second), Call: callTest, ObjectID: sp, Response: &graph.Response{Status: 204}})
	want(stepSave, map[stepID]stepState{stepTest: stepDone})
	p.history.record(historyEntry{At: sent.Add(2 * time.Second), Call: callSave, ObjectID: sp, Response: &graph.Response{Status: 204}})
	want(stepProvisioning, map[stepID]stepState{stepSave: stepDone, stepProvisioning: stepToDo})

	// A new code, taken after the last send: hand it over, test again.
	p.authz.codeAt = sent.Add(time.Minute)
	want(stepHandOver, map[stepID]stepState{stepHandOver: stepToDo})
}

// TestStepsOfATokenConnector: no Get the code, and Send request is not
// its call, so Test connection comes right after Credentials.
func TestStepsOfATokenConnector(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	pr, _ := graph.PresetByID("scim-token")
	p.creds.choosePreset(pr)
	p.auth.token = token
	p.target.objectID = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	p.creds.rows[0].Value, p.creds.rows[1].Value = "https://scim.example.com", "secret"
	st, cur := statuses(p)
	if _, shown := st[stepGetCode]; shown {
		t.Error("a token connector has a Get the code step")
	}
	if st[stepHandOver].state != stepNotNeeded || !strings.Contains(st[stepHandOver].summary, "not this connector's call") {
		t.Errorf("Hand it over for a token connector: %s %q", st[stepHandOver].state.label(), st[stepHandOver].summary)
	}
	if cur != stepTest {
		t.Errorf("current step %s, want test", cur)
	}
	if from := pointsTo(p.stepDefs(), st, cur); from != stepCredentials {
		t.Errorf("Next to Test connection is on %q, want credentials", from)
	}
}

// TestStepsKeptAcrossASignIn: the open steps go into the kept form, only
// known step IDs come back, and they open again.
func TestStepsKeptAcrossASignIn(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	d := mountFresh(t, p)
	defer d()
	p.openAllSteps()
	p.steps.opened[stepSave] = false
	f := p.savedForm()
	if got := strings.Join(f.Steps, " "); got != "signin application credentials getcode handover test provisioning history" {
		t.Errorf("kept steps: %s", got)
	}
	q := &Page{}
	defer mountFresh(t, q)()
	q.restoreForm(savedForm{Cloud: "global", Steps: []string{"save", "<script>", "history"}})
	if !q.steps.isOpen(stepSave) || !q.steps.isOpen(stepHistory) || q.steps.isOpen(stepCredentials) || q.steps.opened["<script>"] {
		t.Errorf("reopened steps: %v", q.steps.opened)
	}
}

// TestStepsReadThePageClock: the steps' summaries that depend on the time
// read it as the render does (p.now, moved by the clock, clock.go), so
// the clock's wake that redraws the code's age redraws the step too.
func TestStepsReadThePageClock(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	const code = "v/code"
	p.creds.rows = []graph.Credential{{Key: codeKey, Value: code}, {Key: redirectKey, Value: "https://portal.example/landing"}}
	p.authz.codeAt, p.authz.codeSum = time.Now().Add(-time.Minute), sha256.Sum256([]byte(code))
	p.now = p.authz.codeAt.Add(time.Minute)
	if st, _ := statuses(p); st[stepGetCode].state != stepDone {
		t.Errorf("a fresh code: Get the code is %s (%q)", st[stepGetCode].state.label(), st[stepGetCode].summary)
	}
	p.now = p.authz.codeAt.Add(graph.CodeLifetime + time.Second)
	if st, _ := statuses(p); st[stepGetCode].state != stepAttention || !strings.Contains(st[stepGetCode].summary, "expired") {
		t.Errorf("past its lifetime by the page's clock: Get the code is %s (%q)", st[stepGetCode].state.label(), st[stepGetCode].summary)
	}
}
