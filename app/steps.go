package app

import (
	"slices"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// The page is a list of steps in the admin's order: sign in, name the
// application, say what is configured, get the vendor's code, hand it
// over, test the connection, save, restart provisioning; and the history.
// Each step says whether it is to do, done (with a one-line summary) or
// needs attention, and points to the next. A step's body is built only
// while it is open, so a step not reached costs its title and summary
// only: the first screen really builds less. Any step can be opened at
// any time, and nothing closes a step but the admin: fields must not
// vanish under their hands.

// stepID names a step: its element is li#step-<id>.
type stepID string

const (
	stepSignIn       stepID = "signin"
	stepApplication  stepID = "application"
	stepCredentials  stepID = "credentials"
	stepGetCode      stepID = "getcode"
	stepHandOver     stepID = "handover"
	stepTest         stepID = "test"
	stepSave         stepID = "save"
	stepProvisioning stepID = "provisioning"
	stepHistory      stepID = "history"
)

// stepOrder is the steps in the admin's order.
var stepOrder = []stepID{stepSignIn, stepApplication, stepCredentials, stepGetCode, stepHandOver, stepTest, stepSave, stepProvisioning, stepHistory}

// stepState is where a step stands.
type stepState int

const (
	stepToDo      stepState = iota
	stepDone                // with a one-line summary of what was done
	stepAttention           // something failed or is wrong: the summary says what
	stepNotNeeded           // shown, but not this connector's call (Send request for a token connector)
	stepInfo                // the history: a record, not a task
)

// label is what the step's state reads as, next to its title.
func (s stepState) label() string {
	switch s {
	case stepDone:
		return "Done"
	case stepAttention:
		return "Needs attention"
	case stepNotNeeded:
		return "Not needed"
	case stepInfo:
		return "" // a record, not a task
	}
	return "To do"
}

// class is the state as a CSS class of the step.
func (s stepState) class() string {
	switch s {
	case stepDone:
		return "done"
	case stepAttention:
		return "attention"
	case stepNotNeeded:
		return "not-needed"
	case stepInfo:
		return "info"
	}
	return "todo"
}

// stepStatus is a step's state and its one-line summary.
type stepStatus struct {
	state   stepState
	summary string
}

// stepDef is one step as the shell sees it: functions, so that the shell
// does not care which part owns the work behind them.
type stepDef struct {
	id      stepID
	title   string
	applies func() bool
	status  func(graph.Checked) stepStatus
	render  func(graph.Checked) app.UI
	reshow  func() // copies the step's live values into p.shown before its fields mount again
}

// stepsState is what the shell remembers: which steps are open (sticky:
// the admin's toggle and a step becoming current open it; only the
// admin's toggle closes it), and the step the admin went to with Next.
type stepsState struct {
	opened map[stepID]bool
	pinned stepID
}

func always() bool { return true }

// stepDefs are the steps in the admin's order.
func (p *Page) stepDefs() []stepDef {
	return []stepDef{
		{stepSignIn, "Sign in", always, p.auth.status, p.auth.renderStep, p.auth.reshow},
		{stepApplication, "Application", always, p.target.status, p.target.renderTarget, p.target.reshow},
		{stepCredentials, "Credentials", always, p.creds.status, p.creds.renderCredentials, p.creds.showCredentials},
		{stepGetCode, "Get the code", p.form.wantsCode, p.authz.status, p.authz.renderStep, p.authz.reshow},
		{stepHandOver, "Hand it over", always, p.handover.status, func(c graph.Checked) app.UI { return p.handover.renderSend(c, p.now) }, nil},
		{stepTest, "Test connection", always, p.validate.status, func(graph.Checked) app.UI { return p.validate.renderTestConnection() }, nil},
		{stepSave, "Save credentials", always, p.save.status, func(graph.Checked) app.UI { return p.save.renderSave() }, nil},
		{stepProvisioning, "Provisioning", always, p.job.status, func(graph.Checked) app.UI { return p.job.renderJob() }, nil},
		{stepHistory, "History", always, p.history.status, func(graph.Checked) app.UI { return p.history.renderHistory() }, nil},
	}
}

// isOpen reports whether step id shows its body. The first screen opens
// Sign in and Application: the Object ID is the first thing the portal
// gives the admin.
func (s *stepsState) isOpen(id stepID) bool {
	if s.opened == nil {
		s.opened = map[stepID]bool{stepSignIn: true, stepApplication: true}
	}
	return s.opened[id]
}

// current is the step the admin is at: the one Next went to while it is
// not done, else the first applicable step not done, else Provisioning.
func current(defs []stepDef, st map[stepID]stepStatus, pinned stepID) stepID {
	for _, d := range defs {
		if d.id == pinned && d.applies() && st[d.id].state != stepDone {
			return pinned
		}
	}
	for _, d := range defs {
		if d.id == stepHistory || !d.applies() {
			continue
		}
		if s := st[d.id].state; s == stepToDo || s == stepAttention {
			return d.id
		}
	}
	return stepProvisioning
}

// renderSteps renders the steps, opening the current one.
func (p *Page) renderSteps(checked graph.Checked) app.UI {
	defs := p.stepDefs()
	st := make(map[stepID]stepStatus, len(defs))
	for _, d := range defs {
		if d.applies() {
			st[d.id] = d.status(checked)
		}
	}
	cur := current(defs, st, p.steps.pinned)
	if !p.steps.isOpen(cur) {
		p.openStep(defs, cur)
	}
	items := make([]app.UI, len(defs))
	n, from := 0, pointsTo(defs, st, cur)
	var curDef stepDef
	for _, d := range defs {
		if d.id == cur {
			curDef = d
		}
	}
	for i, d := range defs {
		// Every step keeps its li, applicable or not, so that go-app's
		// list of children never shifts (it would rebuild what follows).
		if !d.applies() {
			items[i] = elWith("li.step[hidden=true]", attrs{"id", "step-" + string(d.id)})
			continue
		}
		n++
		var next stepDef
		if d.id == from {
			next = curDef
		}
		items[i] = p.renderStep(d, n, st[d.id], d.id == cur, next, checked)
	}
	return elem("section.form.steps[aria-label=Steps]", nil,
		el("div.row.steps-tools",
			button("open-all-steps", "secondary", "Open all steps").On("click", p.onOpenAllSteps),
		),
		el("ol.steps", items...),
	).On("focusin", p.onFormFocus)
}

// pointsTo is the step that points to the current one with Next: the
// done step just before it, passing over those not this connector's.
func pointsTo(defs []stepDef, st map[stepID]stepStatus, cur stepID) stepID {
	i := slices.IndexFunc(defs, func(d stepDef) bool { return d.id == cur })
	for i--; i >= 0; i-- {
		switch d := defs[i]; {
		case !d.applies() || st[d.id].state == stepNotNeeded:
			continue
		case st[d.id].state == stepDone:
			return d.id
		}
		break
	}
	return ""
}

// renderStep renders one step: its title as a toggle, its state, its
// summary with Next, and its body while it is open.
func (p *Page) renderStep(d stepDef, n int, s stepStatus, isCurrent bool, next stepDef, checked graph.Checked) app.UI {
	id := "step-" + string(d.id)
	open := p.steps.isOpen(d.id)
	cls := "step " + s.state.class()
	if isCurrent {
		cls += " current"
	}
	dyn := attrs{"id", id, "class", cls}
	if isCurrent {
		dyn = append(dyn, "aria-current", "step")
	}
	var nextButton, body app.UI
	if next.id != "" {
		nextButton = elem("button[type=button].secondary.next", attrs{"id", id + "-next", "data-step", string(next.id)},
			app.Text("Next: "+next.title)).On("click", p.onNextStep)
	}
	if open {
		body = elWith("div.step-body", attrs{"id", id + "-body"}, d.render(checked))
	}
	return elWith("li", dyn,
		el("h2.step-title",
			elem("button[type=button].step-toggle", attrs{"id", id + "-toggle", "data-step", string(d.id),
				"aria-expanded", strconv.FormatBool(open), "aria-controls", id + "-body"},
				app.Text(strconv.Itoa(n)+". "+d.title)).On("click", p.onToggleStep),
			when(s.state != stepInfo, textEl("span.step-state", s.state.label())),
		),
		elWith("p.step-summary", attrs{"id", id + "-summary"}, app.Text(s.summary), nextButton),
		body,
	)
}
