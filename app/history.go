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

// historyStep is the History step: this tab's sends, Show and Load into
// form.
type historyStep struct {
	historyState
	// restore puts an entry's target and keys back into the form: the
	// shell's, as it spans the application and credentials steps.
	restore func(ctx app.Context, e historyEntry)
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
func (hs *historyStep) renderHistory() app.UI {
	if len(hs.entries) == 0 {
		return nil
	}
	return el("section#history.panel[aria-labelledby=history-title]",
		textEl("h3#history-title", "Requests from this tab"),
		textEl("p.hint", "This tab's requests, newest first. Kept in memory only, without token or values; cleared on Sign out and when the tab closes."),
		// The table keeps its columns for screen readers; where the panel
		// is narrow (a phone) each row stacks, its cells labelled by their
		// column's name (data-label, web/synctoken.css), rather than
		// scroll sideways or stick out of the panel.
		el("div.table-scroll", el("table.history",
			el("thead", el("tr",
				textEl("th", "Time"), textEl("th", "Cloud"), textEl("th", "Endpoint"), textEl("th", "ID"),
				textEl("th", "Status"), textEl("th", "Duration"), textEl("th", "Actions"),
			)),
			el("tbody", hs.renderHistoryRows()...),
		)),
	)
}

func (hs *historyStep) renderHistoryRows() []app.UI {
	rows := make([]app.UI, len(hs.entries))
	for i := range rows {
		rows[i] = hs.renderHistoryRow(i)
	}
	return rows
}

// renderHistoryRow renders entry i of the history, with Show and Load
// into form.
func (hs *historyStep) renderHistoryRow(i int) app.UI {
	h := hs.entries[i]
	class := "history-row"
	if hs.viewing != nil && *hs.viewing == i {
		class += " viewing"
	}
	attempts := ""
	if h.Attempts > 1 {
		attempts = " (" + strconv.Itoa(h.Attempts) + " sends)"
	}
	return elWith("tr", attrs{"id", "history-" + strconv.Itoa(i), "class", class},
		textEl("td[data-label=Time]", h.At.Local().Format(time.TimeOnly)),
		textEl("td[data-label=Cloud]", h.Cloud.Name),
		// The call under its target: Send request, Test connection
		// and Save share the table.
		el("td[data-label=Endpoint]", app.Text(string(h.Version)+" /"+string(h.Kind)), app.ElemSelfClosing("br"),
			textEl("span.history-call", h.Call.endpoint())),
		textEl("td.history-id[data-label=ID]", h.ObjectID),
		textEl("td.history-status[data-label=Status]", h.status()+attempts),
		textEl("td[data-label=Duration]", h.Elapsed.Round(time.Millisecond).String()),
		el("td[data-label=Actions]", el("div.actions", // wraps its buttons on a narrow panel
			button("history-show-"+strconv.Itoa(i), "secondary", "Show").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				v := i
				hs.viewing = &v
			}),
			button("history-load-"+strconv.Itoa(i), "secondary", "Load into form").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				hs.loadHistory(ctx, i)
			}),
		)),
	)
}

// renderViewing shows the request of the history entry being viewed.
func (hs *historyStep) renderViewing() app.UI {
	h, ok := hs.viewed()
	if !ok {
		return nil
	}
	return el("section#history-detail.panel[aria-label=Request from history]",
		el("div.row",
			textEl("strong", "Viewing the request sent at "+h.At.Local().Format(time.TimeOnly)),
			button("history-back", "secondary", "Back to the latest").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				hs.viewing = nil
			}),
		),
		textEl("pre#history-request.http", h.Request.HTTP()),
	)
}

// loadHistory puts an entry's target and keys back into the form. Values
// were never kept: the admin types them again.
// It reads the entry by index when clicked: go-app keeps a row's first
// handler, so a handler must not hold the entry of the render that made it.
func (hs *historyStep) loadHistory(ctx app.Context, i int) {
	if i >= len(hs.entries) {
		return
	}
	hs.restore(ctx, hs.entries[i])
	hs.viewing = nil
}

func (hs *historyStep) status(graph.Checked) stepStatus {
	h := hs.entries
	if len(h) == 0 {
		return stepStatus{stepInfo, "No request sent from this tab yet."}
	}
	n := strconv.Itoa(len(h)) + " requests"
	if len(h) == 1 {
		n = "1 request"
	}
	return stepStatus{stepInfo, n + " from this tab; the last, " + h[0].Call.endpoint() + ", got " + h[0].status() + "."}
}

// lastSent is the newest send of c for the service principal sp (as
// form.spID gives it), if any.
func (hs *historyStep) lastSent(c call, sp string) (historyEntry, bool) {
	for _, e := range hs.entries { // newest first
		if id, _ := graph.ParseObjectID(e.ObjectID); e.Call == c && id == sp {
			return e, true
		}
	}
	return historyEntry{}, false
}
