package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// RequestPanel shows the exact request, redacted: the request the form
// would send now, or, after a send, the one that was sent.
type RequestPanel struct {
	app.Compo

	Request *graph.Request // what Send would send now; nil while the form is invalid
	Sent    *graph.Request // the last request sent, if any
	Reveal  bool           // show credential values
}

// Render shows the request as an HTTP/1.1 message.
func (r *RequestPanel) Render() app.UI {
	shown, title := r.Request, "Request"
	if shown == nil && r.Sent != nil {
		shown, title = r.Sent, "Request (last sent)"
	}
	var body app.UI = app.P().ID("request-empty").Class("hint").
		Text("The exact request appears here once the form is complete.")
	if shown != nil {
		body = app.Pre().ID("request").Class("http").Text(shown.Redacted(r.Reveal).HTTP())
	}
	return app.Section().Class("panel").Aria("labelledby", "request-title").Body(
		app.H2().ID("request-title").Text(title),
		body,
		app.P().Class("hint").Text("The token is shortened and values are masked unless revealed. A fresh client-request-id is used for every send."),
	)
}
