package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// Opening the steps (steps.go): the admin's toggle, Open all steps, Next,
// and the open steps kept across a full-page sign-in.

// openIDs are the steps open, in order: kept across a full-page sign-in.
func (s *stepsState) openIDs() []string {
	var ids []string
	for _, id := range stepOrder {
		if s.isOpen(id) {
			ids = append(ids, string(id))
		}
	}
	return ids
}

// reopen opens the steps a full-page sign-in kept open. The fields they
// mount show what restoreForm put in p.shown.
func (s *stepsState) reopen(ids []string) {
	for _, id := range ids {
		s.isOpen(stepID(id))
		s.opened[stepID(id)] = true
	}
}

// openStep opens step id, after copying its live values into the fields
// it is about to mount (reshow).
func (p *Page) openStep(defs []stepDef, id stepID) {
	p.steps.isOpen(id)
	for _, d := range defs {
		if d.id == id && d.reshow != nil {
			d.reshow()
		}
	}
	p.steps.opened[id] = true
}

// onToggleStep opens or closes the step the button names.
func (p *Page) onToggleStep(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	id := stepID(ctx.JSSrc().Get("dataset").Get("step").String())
	if p.steps.isOpen(id) {
		p.steps.opened[id] = false
		return
	}
	p.openStep(p.stepDefs(), id)
}

// onOpenAllSteps opens every step: any step, any time.
func (p *Page) onOpenAllSteps(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.openAllSteps()
}

func (p *Page) openAllSteps() {
	defs := p.stepDefs()
	for _, d := range defs {
		if !p.steps.isOpen(d.id) {
			p.openStep(defs, d.id)
		}
	}
}

// onNextStep goes to the step a Next button names.
func (p *Page) onNextStep(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.goToStep(ctx, stepID(ctx.JSSrc().Get("dataset").Get("step").String()))
}

// goToStep makes step id current and open, and takes the keyboard focus
// and the view there once it is rendered.
func (p *Page) goToStep(ctx app.Context, id stepID) {
	p.steps.pinned = id
	if !p.steps.isOpen(id) {
		p.openStep(p.stepDefs(), id)
	}
	ctx.Defer(func(ctx app.Context) {
		defer recovered(ctx)
		if t := app.Window().GetElementByID("step-" + string(id) + "-toggle"); t.Truthy() {
			t.Call("focus")
			t.Call("scrollIntoView", map[string]any{"block": "start"})
		}
	})
}
