package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// srcValue is the value of the field an event came from: one call in
// each of the many input and change handlers instead of three.
func srcValue(ctx app.Context) string {
	return ctx.JSSrc().Get("value").String()
}

// storeValue returns the handler of a field's input (or a select's change)
// that stores its value in v and empties notes, notes about what v held:
// one function for the many handlers that do only that, where each func
// literal would be a function of its own.
func storeValue(v *string, notes ...*string) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		defer recovered(ctx)
		*v = srcValue(ctx)
		for _, n := range notes {
			*n = ""
		}
	}
}
