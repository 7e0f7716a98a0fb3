// Command synctoken is the synctoken web app.
//
// In the browser (GOOS=js) it starts the app. Natively it is the tool that
// serves the app locally or writes the static site:
//
//	synctoken serve [-addr 127.0.0.1:8000] [-sandbox 127.0.0.1:8001]
//	synctoken build [-o dist] [-base /synctoken/] [-sandbox http://127.0.0.1:8001] [-version V]
//
// The native side sits behind app.IsServer, a constant, and in package
// site, whose browser build is a stub: none of it is linked into the wasm.
package main

import (
	"errors"
	"flag"
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
		if err := run(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "synctoken:", err)
			os.Exit(2)
		}
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: synctoken serve|build [flags] (see -h of each)")
	}
	switch args[0] {
	case "serve":
		fl := flag.NewFlagSet("serve", flag.ContinueOnError)
		c := site.ServeConfig{}
		fl.StringVar(&c.Addr, "addr", "127.0.0.1:8000", "address to serve the app on")
		fl.StringVar(&c.SandboxAddr, "sandbox", "127.0.0.1:8001", `address of the sandbox (Entra ID and Graph simulator); "" for none`)
		fl.StringVar(&c.Dir, "dir", ".", "folder holding web/ with web/app.wasm")
		fl.StringVar(&c.Version, "version", "", "build version (default: a hash of web/)")
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		return site.Serve(c)
	case "build":
		fl := flag.NewFlagSet("build", flag.ContinueOnError)
		var c site.BuildConfig
		fl.StringVar(&c.Out, "o", "dist", "output folder")
		fl.StringVar(&c.Base, "base", "", "path the site is served under, e.g. /synctoken/ for GitHub Pages")
		fl.StringVar(&c.Sandbox, "sandbox", "", "base URL of a running sandbox to offer as the Sandbox cloud")
		fl.StringVar(&c.Version, "version", "", "build version, e.g. the git commit (default: a hash of web/)")
		fl.BoolVar(&c.Precompress, "precompress", true, "write .br and .gz copies of the large files")
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		return site.Build(c)
	}
	return fmt.Errorf("unknown command %q: want serve or build", args[0])
}
