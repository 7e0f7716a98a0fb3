package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// ResponsePanel shows what came back: status, time, the readable headers,
// the body and Graph's decoded error; or why nothing came back.
type ResponsePanel struct {
	app.Compo

	Response  *graph.Response
	Err       string // why no answer was read
	Sending   bool
	RequestID string // client-request-id of the request sent
	Offline   bool   // the browser has no network: sending cannot work

	Explanation *graph.Explanation // cause and next step, above the raw answer
	Support     string             // what to give support: no token, no values
	OnLookUp    app.EventHandler   // offered when the explanation suggests Look up
	Endpoint    string             // the call answered, e.g. validateCredentials
	OfferTest   bool               // offer Test connection: an Authorize handed its code over
	OnTest      app.EventHandler
}

// Render shows the response, or a placeholder before the first send.
func (r *ResponsePanel) Render() app.UI {
	return app.Section().Class("panel").Aria("labelledby", "response-title").Body(
		app.H2().ID("response-title").Text("Response"),
		app.If(r.Endpoint != "", app.P().ID("response-call").Class("hint").Body(app.Text("The answer to "), app.Strong().Text(r.Endpoint), app.Text("."))),
		// Live regions are always there, so that what appears in them is
		// announced, and so that a message appearing does not shift (and make
		// go-app rebuild) the regions after it.
		app.Div().ID("offline-area").Aria("live", "polite").Body(
			app.If(r.Offline, app.P().ID("offline").Class("notice").Text("You are offline: the page works, but sending (and signing in) needs the network.")),
		),
		app.Div().ID("explanation-area").Aria("live", "polite").Body(r.explanation()),
		app.Div().ID("response").Aria("live", "polite").Body(r.content()),
		app.If(r.RequestID != "", app.P().ID("response-request-id").Class("hint").Text("Sent with client-request-id "+r.RequestID+".")),
	)
}

func (r *ResponsePanel) content() app.UI {
	switch {
	case r.Sending:
		return app.P().ID("response-pending").Text("Sending…")
	case r.Err != "":
		return app.P().ID("response-error").Class("problem error").Text(r.Err)
	case r.Response == nil:
		return app.P().Class("hint").Text("Nothing sent yet.")
	}
	resp := r.Response
	class := "status fail"
	if resp.OK() {
		class = "status ok"
	}
	return app.Div().Body(
		app.P().ID("response-status").Class(class).Text(fmt.Sprintf("%d %s", resp.Status, resp.Reason)),
		app.P().ID("response-summary").Text(resp.Summary()),
		app.P().ID("response-time").Class("hint").Text("Answered in "+resp.Elapsed.Round(time.Millisecond).String()+"."),
		r.graphError(),
		app.H3().Text("Headers the browser can read"),
		app.Dl().ID("response-headers").Class("headers").Body(
			app.Range(resp.Header).Slice(func(i int) app.UI {
				h := resp.Header[i]
				return app.Div().Body(app.Dt().Text(h.Name), app.Dd().Text(h.Value))
			}),
		),
		app.H3().Text("Body"),
		app.If(len(resp.Body) == 0, app.P().ID("response-nobody").Class("hint").Text("(no body)")).
			Else(app.Pre().ID("response-body").Class("http").Text(resp.BodyText())),
	)
}

// graphError lists the fields of Graph's error body, saying so when one is
// missing: support needs the ids, and Graph does not always send them.
func (r *ResponsePanel) graphError() app.UI {
	e := r.Response.Error
	if e == nil {
		return nil
	}
	or := func(s string) string {
		if s == "" {
			return "(not sent)"
		}
		return s
	}
	requestID := e.RequestID
	if requestID == "" {
		requestID = r.Response.HeaderValue("request-id")
	}
	rows := [][2]string{
		{"Code", or(e.Code)},
		{"Message", or(e.Message)},
		{"request-id", or(requestID)},
		{"client-request-id", or(e.ClientRequestID)},
		{"Date", or(e.Date)},
	}
	return app.Div().Body(
		app.H3().Text("Graph error"),
		app.Dl().ID("graph-error").Class("headers").Body(
			app.Range(rows).Slice(func(i int) app.UI {
				return app.Div().Body(app.Dt().Text(rows[i][0]), app.Dd().Text(rows[i][1]))
			}),
		),
	)
}

// explanation says in plain words why the call went as it did and what to
// do next; the raw answer follows it.
func (r *ResponsePanel) explanation() app.UI {
	x := r.Explanation
	if x == nil || r.Sending {
		return nil
	}
	class := "explanation"
	if r.Response != nil && r.Response.OK() {
		class += " ok"
	}
	return app.Div().ID("explanation").Class(class).Body( // announced by #explanation-area
		app.P().Body(app.Strong().ID("explanation-title").Text(x.Title)),
		app.P().ID("explanation-cause").Text(x.Cause),
		app.If(x.Next != "", app.P().ID("explanation-next").Body(app.Strong().Text("Next: "), app.Text(x.Next))),
		app.If(x.LookUp && r.OnLookUp != nil,
			app.Button().ID("explanation-lookup").Type("button").Text("Look up this ID").OnClick(r.OnLookUp),
		),
		app.If(r.OfferTest && r.OnTest != nil,
			app.Button().ID("explanation-test").Type("button").Text("Test connection").OnClick(r.OnTest),
		),
		app.If(r.Support != "" && (r.Response == nil || !r.Response.OK()),
			app.Button().ID("copy-support").Class("secondary").Type("button").Text("Copy support details").
				OnClick(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					copyText(r.Support)
				}),
		),
	)
}

// copyText puts s on the clipboard; the browser may refuse silently.
func copyText(s string) {
	if cb := app.Window().Get("navigator").Get("clipboard"); cb.Truthy() {
		cb.Call("writeText", s)
	}
}
