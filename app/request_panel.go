package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// RequestPanel shows the exact request the form would send now, redacted,
// updated as the admin types.
type RequestPanel struct {
	app.Compo

	Request  graph.Request // the draft: {placeholders} where the form is not valid yet
	Complete bool          // the form is valid: this is what Send sends
	Reveal   bool          // show credential values
}

// Render shows the request as an HTTP/1.1 message.
func (r *RequestPanel) Render() app.UI {
	note := "Incomplete: the {placeholders} are filled in once the fields are valid."
	if r.Complete {
		note = "This is exactly what Send request sends."
	}
	return app.Section().Class("panel").Aria("labelledby", "request-title").Body(
		app.H2().ID("request-title").Text("Request"),
		app.P().ID("request-state").Class("hint").Text(note),
		app.Pre().ID("request").Class("http").Text(r.Request.Redacted(r.Reveal).HTTP()),
		app.P().Class("hint").Text("The token is shortened and values are masked unless revealed. A fresh client-request-id is used for every send."),
	)
}
