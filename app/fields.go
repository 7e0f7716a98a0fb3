package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// fields is what each text field was last given by the page itself
// (defaults, a restored form, a filled-in token). Fields render it, not
// the live state: re-rendering the live state could land between two
// keystrokes and drop the second one. The page holds one, and the parts
// with text fields a pointer to it.
type fields struct {
	shown map[string]string
}

// show puts v into the text field id, as the page's own change.
func (f *fields) show(id, v string) {
	if f.shown == nil {
		f.shown = map[string]string{}
	}
	f.shown[id] = v
	setDOM(id, "value", v)
}

// setDOM sets a property of the element with the given id, if the page has
// it. The page's own changes to a field go through it: when the value the
// page last put there is unchanged (an emptied field emptied again), go-app
// sees nothing to update and would leave what the admin typed since.
func setDOM(id, prop string, v any) {
	if !app.IsClient {
		return
	}
	if e := app.Window().GetElementByID(id); e.Truthy() {
		e.Set(prop, v)
	}
}

// reshow puts v into the memory of the text field id, without touching
// the field: a step about to open again mounts its fields with what was
// typed since the page last set them, not an older value. The parts'
// reshow methods call it when the shell opens their step.
func (f *fields) reshow(id, v string) {
	if f.shown == nil {
		f.shown = map[string]string{}
	}
	f.shown[id] = v
}
