// Command floora is floor (a) of synctoken's bench: the smallest go-app v9
// page with what synctoken's page has at least, one labelled input and a
// button. Its size and load times are what go-app itself costs, so the
// bench can tell synctoken's own weight from the framework's.
//
// In the browser it runs the page; natively, `floora build -o DIR` writes
// its static site from web/app.wasm, as synctoken's build does.
package main

import (
	"fmt"
	"os"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/internal/bench/floorsite"
)

// page is one labelled input and a button that echoes it.
type page struct {
	app.Compo
	value, echo string
}

func (p *page) Render() app.UI {
	return app.Main().Body(
		app.Label().For("value").Text("Value"),
		app.Input().ID("value").Value(p.value).OnInput(p.ValueTo(&p.value)),
		app.Button().ID("go").Text("Go").OnClick(func(ctx app.Context, e app.Event) { p.echo = p.value }),
		app.P().ID("echo").Text(p.echo),
	)
}

func main() {
	app.Route("/", &page{})
	app.RunWhenOnBrowser()
	if app.IsServer {
		if err := floorsite.Main("floora", os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "floora:", err)
			os.Exit(2)
		}
	}
}
