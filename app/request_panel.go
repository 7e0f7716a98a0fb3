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
	Endpoint string        // the call, e.g. acquireAccessToken
	Sends    string        // the button that sends it, e.g. Send request

	copyKind      graph.SnippetKind
	includeValues bool // this copy only: values leave the page when asked
}

// Render shows the request as an HTTP/1.1 message.
func (r *RequestPanel) Render() app.UI {
	sends := r.Sends
	if sends == "" {
		sends = "Send request"
	}
	note := "Incomplete: the {placeholders} are filled in once the fields are valid."
	if r.Complete {
		note = "This is exactly what " + sends + " sends."
	}
	return el("section.panel.request-panel[aria-labelledby=request-title]",
		textEl("h2#request-title", "Request"),
		when(r.Endpoint != "", el("p#request-call.hint",
			app.Text("Call: "), textEl("strong", r.Endpoint), app.Text(", sent by "+sends+"."))),
		textEl("p#request-state.hint", note),
		// Focusable: on a wide screen its height is capped and it scrolls (web/synctoken.css).
		textEl("pre#request.http[tabindex=0]", r.Request.Redacted(r.Reveal).HTTP()),
		textEl("p.hint", "The token is shortened and values are masked unless revealed. A fresh client-request-id is used for every send."),
		when(r.Complete, r.renderCopy()),
	)
}

// renderCopy offers the request as a command. The token is always $TOKEN;
// values are included only when ticked, for that copy.
func (r *RequestPanel) renderCopy() app.UI {
	kinds := graph.SnippetKinds()
	kind := r.copyKind
	if kind == "" {
		kind = kinds[0]
	}
	var opts []app.UI
	for _, k := range kinds {
		opts = append(opts, option(string(k), k.Label(), k == kind))
	}
	return el("div.row.copy",
		textEl("label[for=copy-kind]", "Copy as"),
		elem("select#copy-kind", nil, opts...).On("change", func(ctx app.Context, e app.Event) {
			defer recovered(ctx)

			r.copyKind = graph.SnippetKind(srcValue(ctx))
		}),
		el("label.check[for=copy-values]",
			checkbox("copy-values", r.includeValues).On("change", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)

				r.includeValues = ctx.JSSrc().Get("checked").Bool()
			}),
			app.Text(" include values"),
			when(r.Request.CopiesWithoutCode(), app.Text(" (not the authorization code: the one send spends it)")),
		),
		button("copy", "secondary", "Copy").On("click", func(ctx app.Context, e app.Event) {
			defer recovered(ctx)

			kind := r.copyKind // read now: a handler may outlive the render that made it
			if kind == "" {
				kind = graph.SnippetKinds()[0]
			}
			copyText(r.Request.Snippet(kind, r.includeValues))
			r.includeValues = false // the next copy masks again
			setDOM("copy-values", "checked", false)
		}),
	)
}
