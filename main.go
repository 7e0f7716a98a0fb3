// Command synctoken is the synctoken web app.
//
// In the browser (GOOS=js) it starts the app. Natively it is the tool that
// compiles the app, serves it locally or writes the static site:
//
//	synctoken wasm  [-o web/app.wasm]
//	synctoken serve [-addr 127.0.0.1:8000] [-sandbox 127.0.0.1:8001]
//	synctoken build [-o dist] [-base /synctoken/] [-sandbox http://127.0.0.1:8001] [-version V]
//
// The native side sits behind app.IsServer, a constant, and in package
// site, whose browser build is a stub: none of it is linked into the wasm.
package main

import (
	"fmt"
	"os"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	ui "synctoken/app"
	"synctoken/app/site"
)

func main() {
	ui.Route()
	app.RunWhenOnBrowser()
	if app.IsServer {
		if err := site.Main(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "synctoken:", err)
			os.Exit(2)
		}
	}
}
