package app

import (
	"strconv"

	"synctoken/graph"
)

// The steps' states and one-line summaries (steps.go), read from the
// parts' state and from this tab's history: what was sent and how Graph
// answered is what makes a step done.

// redirectKey is the row Get the code fills with the redirect URI used.
const redirectKey = graph.KeyOauth2RedirectUri

// ok reports whether Graph answered the send with a 2xx.
func (h historyEntry) ok() bool {
	return h.Response != nil && h.Response.Status >= 200 && h.Response.Status < 300
}

// answered is "21:44, 204": when, and Graph's status.
func (h historyEntry) answered() string {
	s := h.At.Format("15:04")
	if h.Response != nil {
		s += ", " + strconv.Itoa(h.Response.Status)
	}
	return s
}

// newer reports whether a was sent after b (or b was never sent).
func newer(a historyEntry, b historyEntry, bSent bool) bool { return !bSent || a.At.After(b.At) }
