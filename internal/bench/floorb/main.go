// Command floorb is floor (b) of synctoken's bench: floor (a)'s page plus
// what any sign-in with MSAL Go costs, a public client whose requests go
// through synctoken/graph's fetch client, used once on a click. synctoken
// needs both, so its budgets are set against this floor: what synctoken
// weighs beyond it is synctoken's own code.
//
// In the browser it runs the page; natively, `floorb build -o DIR` writes
// its static site from web/app.wasm, as synctoken's build does.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/AzureAD/microsoft-authentication-library-for-go/apps/public"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
	"synctoken/internal/bench/floorsite"
)

// page is one labelled input (a client ID) and a button that asks MSAL for
// the sign-in URL, which fetches the authority's OpenID configuration.
type page struct {
	app.Compo
	clientID, result string
}

func (p *page) Render() app.UI {
	return app.Main().Body(
		app.Label().For("client-id").Text("Client ID"),
		app.Input().ID("client-id").Value(p.clientID).OnInput(p.ValueTo(&p.clientID)),
		app.Button().ID("go").Text("Sign-in URL").OnClick(p.onClick),
		app.P().ID("result").Text(p.result),
	)
}

// onClick creates the client and makes its one request off the event
// loop: a blocking fetch in a handler would deadlock the wasm.
func (p *page) onClick(ctx app.Context, e app.Event) {
	clientID := p.clientID
	ctx.Async(func() {
		var result string
		c, err := public.New(clientID,
			public.WithAuthority("https://login.microsoftonline.com/organizations"),
			public.WithInstanceDiscovery(false),
			public.WithHTTPClient(&graph.Client{}))
		if err == nil {
			result, err = c.AuthCodeURL(context.Background(), clientID, app.Window().URL().String(), []string{"User.Read"})
		}
		if err != nil {
			result = err.Error()
		}
		ctx.Dispatch(func(ctx app.Context) { p.result = result })
	})
}

func main() {
	app.Route("/", &page{})
	app.RunWhenOnBrowser()
	if app.IsServer {
		if err := floorsite.Main("floorb", os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "floorb:", err)
			os.Exit(2)
		}
	}
}
