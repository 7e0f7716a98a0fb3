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
	return el("section.panel.response-panel[aria-labelledby=response-title]",
		textEl("h2#response-title", "Response"),
		when(r.Endpoint != "", el("p#response-call.hint", app.Text("The answer to "), textEl("strong", r.Endpoint), app.Text("."))),
		// Live regions are always there, so that what appears in them is
		// announced, and so that a message appearing does not shift (and make
		// go-app rebuild) the regions after it.
		el("div#offline-area[aria-live=polite]",
			when(r.Offline, textEl("p#offline.notice", "You are offline: the page works, but sending (and signing in) needs the network.")),
		),
		el("div#explanation-area[aria-live=polite]", r.explanation()),
		el("div#response[aria-live=polite]", r.content()),
		when(r.RequestID != "", textEl("p#response-request-id.hint", "Sent with client-request-id "+r.RequestID+".")),
	)
}

func (r *ResponsePanel) content() app.UI {
	switch {
	case r.Sending:
		return textEl("p#response-pending", "Sending…")
	case r.Err != "":
		return textEl("p#response-error.problem.error", r.Err)
	case r.Response == nil:
		return textEl("p.hint", "Nothing sent yet.")
	}
	resp := r.Response
	// The explanation above already names the status and says what it
	// means: the status line then adds only what it does not (time, size).
	// Without an explanation it also says the status and sums it up.
	_, _, titled := r.statusInTitle()
	body := textEl("p#response-nobody.hint", "(no body)")
	if len(resp.Body) > 0 {
		body = textEl("pre#response-body.http", resp.BodyText())
	}
	return el("div",
		el("p.status-line",
			when(!titled, r.status()),
			textEl("span#response-time.hint", "Answered in "+resp.Elapsed.Round(time.Millisecond).String()+bodySize(len(resp.Body))+"."),
		),
		when(r.Explanation == nil, textEl("p#response-summary", resp.Summary())),
		r.graphError(),
		textEl("h3", "Headers the browser can read"),
		headerList("response-headers", headerRows(resp.Header)),
		textEl("h3", "Body"),
		body,
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
	return el("div",
		textEl("h3", "Graph error"),
		headerList("graph-error", rows),
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
	title := textEl("strong#explanation-title", x.Title)
	if before, after, ok := r.statusInTitle(); ok {
		title = el("strong#explanation-title", app.Text(before), r.status(), app.Text(after))
	}
	return elWith("div#explanation", attrs{"class", class}, // announced by #explanation-area
		el("p", title),
		textEl("p#explanation-cause", x.Cause),
		when(x.Next != "", el("p#explanation-next", textEl("strong", "Next: "), app.Text(x.Next))),
		when(x.LookUp && r.OnLookUp != nil,
			button("explanation-lookup", "", "Look up this ID").On("click", r.OnLookUp),
		),
		when(r.OfferTest && r.OnTest != nil,
			button("explanation-test", "", "Test connection").On("click", r.OnTest),
		),
		when(r.Support != "" && (r.Response == nil || !r.Response.OK()),
			button("copy-support", "secondary", "Copy support details").On("click", func(ctx app.Context, e app.Event) {
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
	return textWith("span#response-status", statusText(r.Response), "class", class)
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

// headerRows are the response's headers as headerList shows them.
func headerRows(hs []graph.Header) [][2]string {
	rows := make([][2]string, len(hs))
	for i, h := range hs {
		rows[i] = [2]string{h.Name, h.Value}
	}
	return rows
}
