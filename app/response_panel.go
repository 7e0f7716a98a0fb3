package app

import (
	"fmt"
	"strconv"
	"strings"
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
	// The explanation above already names the status and says what it
	// means: the status line then adds only what it does not (time, size).
	// Without an explanation it also says the status and sums it up.
	_, _, titled := r.statusInTitle()
	return app.Div().Body(
		app.P().Class("status-line").Body(
			app.If(!titled, r.status()),
			app.Span().ID("response-time").Class("hint").Text("Answered in "+resp.Elapsed.Round(time.Millisecond).String()+bodySize(len(resp.Body))+"."),
		),
		app.If(r.Explanation == nil, app.P().ID("response-summary").Text(resp.Summary())),
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
	title := app.Strong().ID("explanation-title").Text(x.Title)
	if before, after, ok := r.statusInTitle(); ok {
		title = app.Strong().ID("explanation-title").Body(app.Text(before), r.status(), app.Text(after))
	}
	return app.Div().ID("explanation").Class(class).Body( // announced by #explanation-area
		app.P().Body(title),
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

// statusText is the answer's status as Graph sent it: "204 No Content".
func statusText(resp *graph.Response) string {
	return strings.TrimSpace(fmt.Sprintf("%d %s", resp.Status, resp.Reason))
}

// status is the answer's status, #response-status: in the explanation's
// title when that names it, else first on the status line.
func (r *ResponsePanel) status() app.UI {
	class := "status fail"
	if r.Response.OK() {
		class = "status ok"
	}
	return app.Span().ID("response-status").Class(class).Text(statusText(r.Response))
}

// statusInTitle splits the explanation's title around the answer's status
// when the title names it ("Success (204 No Content)"), so that the status
// is said once, in the title, and not again on the line under it.
func (r *ResponsePanel) statusInTitle() (before, after string, ok bool) {
	if r.Response == nil || r.Explanation == nil || r.Sending {
		return "", "", false
	}
	s := statusText(r.Response)
	i := strings.Index(r.Explanation.Title, s)
	if i < 0 {
		return "", "", false
	}
	return r.Explanation.Title[:i], r.Explanation.Title[i+len(s):], true
}

// bodySize says how much body came back, for the status line: nothing
// when none did (the Body section says so).
func bodySize(n int) string {
	switch {
	case n == 0:
		return ""
	case n == 1:
		return ", 1 byte of body"
	case n < 1024:
		return ", " + strconv.Itoa(n) + " bytes of body"
	}
	return ", " + strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KiB of body"
}
