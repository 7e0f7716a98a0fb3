package app

import (
	"context"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderToken renders the access token field. The token is always masked
// (secretInput): it is never shown in full, and never stored.
func (p *Page) renderToken(checked graph.Checked) app.UI {
	var sandbox app.UI
	if p.target.cloud.IsSandbox() {
		sandbox = button("sandbox-token", "secondary", "Use a sandbox token").On("click", p.onSandboxToken)
	}
	if p.auth.account != nil {
		return el("fieldset", textEl("legend", "Authorization"), p.renderSignIn())
	}
	return el("fieldset",
		textEl("legend", "Authorization"),
		p.renderSignIn(),
		textEl("p.or", "or paste a token:"),
		field("token", "Access token", visible(p.auth.token, checked.Token),
			secretInput("token", p.shown["token"], true, "placeholder", "eyJ0eXAiOiJKV1Qi…",
				"aria-describedby", "token-problems", "aria-invalid", strconv.FormatBool(hasError(visible(p.auth.token, checked.Token)))).
				On("input", storeValue(&p.auth.token)),
			textEl("p.hint", "A token for "+p.target.cloud.GraphHost+" with "+graph.SyncScope+". It stays in this page's memory only."),
			when(!p.target.cloud.IsSandbox(), el("p.hint", app.Text("With the Azure CLI: "), textEl("code#az-command", p.target.cloud.AzCommand()))),
			sandbox,
			when(p.auth.tokenNote != "", textEl("p#token-note.hint[aria-live=polite]", p.auth.tokenNote)),
		),
	)
}

// onSandboxToken asks the sandbox for a fresh token, as `make run` offers.
func (p *Page) onSandboxToken(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	cloud := p.target.cloud
	type got struct {
		token string
		err   error
	}
	run(&p.session, ctx, func(c context.Context) got {
		token, err := graph.SandboxToken(c, p.session.client, cloud)
		return got{token, err}
	}, func(ctx app.Context, g got) {
		if g.err != nil {
			p.auth.tokenNote = "The sandbox gave no token: " + g.err.Error()
			return
		}
		p.auth.token, p.auth.tokenNote = g.token, "A sandbox token valid for one hour was filled in."
		p.show("token", g.token)
	})
}
