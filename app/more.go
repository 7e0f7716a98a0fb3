package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// more is a field's short line (p#id, named by the field's
// aria-describedby) and, next to it, the longer why in a disclosure
// (summary#id-more): what
// Graph does, what synctoken assumes. Short words come first; the rest is
// one press away, never lost. A native <details>: its text is rendered
// either way, so opening it needs nothing from Go.
func more(id, short, long string) app.UI {
	return el("div.more",
		textWith("p.hint", short, "id", id),
		el("details.why", textWith("summary", "More", "id", id+"-more"), textEl("p.hint", long)),
	)
}
