package app

import (
	"context"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderToken renders the access token field. The token is always masked
// (secretInput): it is never shown in full, and never stored.
func (au *signInStep) renderToken(checked graph.Checked) app.UI {
	var sandbox app.UI
	if au.target.cloud.IsSandbox() {
		sandbox = button("sandbox-token", "secondary", "Use a sandbox token").On("click", au.onSandboxToken)
	}
	if au.account != nil {
		return el("fieldset", textEl("legend", "Authorization"), au.renderSignIn())
	}
	return el("fieldset",
		textEl("legend", "Authorization"),
		au.renderSignIn(),
		textEl("p.or", "or paste a token:"),
		field("token", "Access token", visible(au.token, checked.Token),
			secretInput("token", au.fields.shown["token"], true, "placeholder", "eyJ0eXAiOiJKV1Qi…",
				"aria-describedby", "token-problems", "aria-invalid", strconv.FormatBool(hasError(visible(au.token, checked.Token)))).
				On("input", storeValue(&au.token)),
			textEl("p.hint", "A token for "+au.target.cloud.GraphHost+" with "+graph.SyncScope+". It stays in this page's memory only."),
			when(!au.target.cloud.IsSandbox(), el("p.hint", app.Text("With the Azure CLI: "), textEl("code#az-command", au.target.cloud.AzCommand()))),
			sandbox,
			when(au.tokenNote != "", textEl("p#token-note.hint[aria-live=polite]", au.tokenNote)),
		),
	)
}

// onSandboxToken asks the sandbox for a fresh token, as `make run` offers.
func (au *signInStep) onSandboxToken(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	cloud := au.target.cloud
	type got struct {
		token string
		err   error
	}
	run(au.session, ctx, func(c context.Context) got {
		token, err := graph.SandboxToken(c, au.session.client, cloud)
		return got{token, err}
	}, func(ctx app.Context, g got) {
		if g.err != nil {
			au.tokenNote = "The sandbox gave no token: " + g.err.Error()
			return
		}
		au.token, au.tokenNote = g.token, "A sandbox token valid for one hour was filled in."
		au.fields.show("token", g.token)
	})
}
