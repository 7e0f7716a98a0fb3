package app

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderToken renders the access token field. The token is always masked
// (secretInput): it is never shown in full, and never stored.
func (p *Page) renderToken(checked graph.Checked) app.UI {
	var sandbox app.UI
	if p.target.cloud.IsSandbox() {
		sandbox = app.Button().ID("sandbox-token").Class("secondary").Type("button").
			Text("Use a sandbox token").OnClick(p.onSandboxToken)
	}
	if p.auth.account != nil {
		return app.FieldSet().Body(app.Legend().Text("Authorization"), p.renderSignIn())
	}
	return app.FieldSet().Body(
		app.Legend().Text("Authorization"),
		p.renderSignIn(),
		app.P().Class("or").Text("or paste a token:"),
		field("token", "Access token", visible(p.auth.token, checked.Token),
			secretInput("token", true).Value(p.shown["token"]).
				Placeholder("eyJ0eXAiOiJKV1Qi…").
				Aria("describedby", "token-problems").Aria("invalid", hasError(visible(p.auth.token, checked.Token))).
				OnInput(func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					p.auth.token = ctx.JSSrc().Get("value").String()
				}),
			app.P().Class("hint").Text("A token for "+p.target.cloud.GraphHost+" with "+graph.SyncScope+". It stays in this page's memory only."),
			app.If(!p.target.cloud.IsSandbox(), app.P().Class("hint").Body(app.Text("With the Azure CLI: "), app.Code().ID("az-command").Text(p.target.cloud.AzCommand()))),
			sandbox,
			app.If(p.auth.tokenNote != "", app.P().ID("token-note").Class("hint").Aria("live", "polite").Text(p.auth.tokenNote)),
		),
	)
}

// onSandboxToken asks the sandbox for a fresh token, as `make run` offers.
func (p *Page) onSandboxToken(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	cloud, gen := p.target.cloud, p.gen
	p.async(ctx, func() {
		token, err := graph.SandboxToken(context.Background(), p.client(), cloud)
		p.dispatch(ctx, func(ctx app.Context) {
			if gen != p.gen {
				return // for a session the admin left (see newSession)
			}
			if err != nil {
				p.auth.tokenNote = "The sandbox gave no token: " + err.Error()
				return
			}
			p.auth.token, p.auth.tokenNote = token, "A sandbox token valid for one hour was filled in."
			p.show("token", token)
		})
	})
}
