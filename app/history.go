package app

import (
	"fmt"
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// MaxHistory bounds the history: it is for the session at hand.
const MaxHistory = 50

// historyEntry is one send of this tab, kept in memory only (never in any
// storage) and dropped on Sign out or when the tab closes or reloads. Its
// request is the redacted one: no token, no credential values.
type historyEntry struct {
	At       time.Time
	Call     call
	Cloud    graph.Cloud
	Version  graph.Version
	Kind     graph.Kind
	ObjectID string
	Keys     []string
	Attempts int

	Request     graph.Request // redacted: token shortened, values masked
	Response    *graph.Response
	Failure     string // why no answer was read
	Elapsed     time.Duration
	Explanation *graph.Explanation
	Support     string
}

// historyState is this tab's sends and which one is viewed. It is its own
// part because it outlives every send and is dropped as a whole on Sign
// out: nothing in it may hold a token or a value (see historyEntry).
type historyState struct {
	entries []historyEntry // newest first, at most MaxHistory
	viewing *int           // the entry shown instead of the latest send
}

func (h historyEntry) status() string {
	if h.Response != nil {
		return fmt.Sprintf("%d %s", h.Response.Status, h.Response.Reason)
	}
	return "no answer"
}

// record adds a send to the history, newest first, and shows the latest.
func (h *historyState) record(e historyEntry) {
	h.entries = append([]historyEntry{e}, h.entries...)
	if len(h.entries) > MaxHistory {
		h.entries = h.entries[:MaxHistory]
	}
	h.viewing = nil
}

// viewed is the entry shown instead of the latest send, if any.
func (h *historyState) viewed() (historyEntry, bool) {
	if h.viewing == nil || *h.viewing >= len(h.entries) {
		return historyEntry{}, false
	}
	return h.entries[*h.viewing], true
}

// renderHistory lists this tab's sends, newest first.
func (p *Page) renderHistory() app.UI {
	if len(p.history.entries) == 0 {
		return nil
	}
	return app.Section().ID("history").Class("panel").Aria("labelledby", "history-title").Body(
		app.H2().ID("history-title").Text("History"),
		app.P().Class("hint").Text("This tab's requests, newest first. Kept in memory only, without token or values; cleared on Sign out and when the tab closes."),
		// The table keeps its columns for screen readers; on a phone it
		// scrolls sideways inside the panel rather than widen the page.
		app.Div().Class("table-scroll").Body(app.Table().Class("history").Body(
			app.THead().Body(app.Tr().Body(
				app.Th().Text("Time"), app.Th().Text("Cloud"), app.Th().Text("Endpoint"), app.Th().Text("ID"),
				app.Th().Text("Status"), app.Th().Text("Duration"), app.Th().Text("Actions"),
			)),
			app.TBody().Body(app.Range(p.history.entries).Slice(p.renderHistoryRow)),
		)),
	)
}

// renderHistoryRow renders entry i of the history, with Show and Load
// into form.
func (p *Page) renderHistoryRow(i int) app.UI {
	h := p.history.entries[i]
	class := "history-row"
	if p.history.viewing != nil && *p.history.viewing == i {
		class += " viewing"
	}
	attempts := ""
	if h.Attempts > 1 {
		attempts = " (" + strconv.Itoa(h.Attempts) + " sends)"
	}
	return app.Tr().ID("history-"+strconv.Itoa(i)).Class(class).Body(
		app.Td().Text(h.At.Local().Format(time.TimeOnly)),
		app.Td().Text(h.Cloud.Name),
		// The call under its target: Send request, Test connection
		// and Save share the table.
		app.Td().Body(app.Text(string(h.Version)+" /"+string(h.Kind)), app.Br(),
			app.Span().Class("history-call").Text(h.Call.endpoint())),
		app.Td().Class("history-id").Text(h.ObjectID),
		app.Td().Class("history-status").Text(h.status()+attempts),
		app.Td().Text(h.Elapsed.Round(time.Millisecond).String()),
		app.Td().Body(app.Div().Class("actions").Body( // wraps its buttons on a narrow panel
			app.Button().ID("history-show-"+strconv.Itoa(i)).Class("secondary").Type("button").Text("Show").
				OnClick(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					v := i
					p.history.viewing = &v
				}),
			app.Button().ID("history-load-"+strconv.Itoa(i)).Class("secondary").Type("button").Text("Load into form").
				OnClick(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					p.loadHistory(ctx, i)
				}),
		)),
	)
}

// renderViewing shows the request of the history entry being viewed.
func (p *Page) renderViewing() app.UI {
	h, ok := p.history.viewed()
	if !ok {
		return nil
	}
	return app.Section().ID("history-detail").Class("panel").Aria("label", "Request from history").Body(
		app.Div().Class("row").Body(
			app.Strong().Text("Viewing the request sent at "+h.At.Local().Format(time.TimeOnly)),
			app.Button().ID("history-back").Class("secondary").Type("button").Text("Back to the latest").
				OnClick(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					p.history.viewing = nil
				}),
		),
		app.Pre().ID("history-request").Class("http").Text(h.Request.HTTP()),
	)
}

// loadHistory puts an entry's target and keys back into the form. Values
// were never kept: the admin types them again.
// It reads the entry by index when clicked: go-app keeps a row's first
// handler, so a handler must not hold the entry of the render that made it.
func (p *Page) loadHistory(ctx app.Context, i int) {
	if i >= len(p.history.entries) {
		return
	}
	h := p.history.entries[i]
	p.switchCloud(ctx, h.Cloud)
	p.target.version, p.target.kind, p.target.objectID = h.Version, h.Kind, h.ObjectID
	p.show("object-id", h.ObjectID)
	if len(h.Keys) > 0 { // a Test connection of the saved credentials sent none: the rows stay
		p.creds.rows = nil
		for _, k := range h.Keys {
			p.creds.rows = append(p.creds.rows, graph.Credential{Key: k})
		}
		p.showCredentials()
	}
	p.history.viewing = nil
}
