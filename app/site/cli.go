//go:build !js

package site

import (
	"errors"
	"flag"
	"fmt"

	"synctoken/internal/wasmbuild"
)

// Main runs synctoken's native commands: serve, build and wasm. It lives
// here rather than in main.go so that the browser build, which links the
// stub, does not carry package flag.
func Main(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: synctoken serve|build|wasm [flags] (see -h of each)")
	}
	switch args[0] {
	case "serve":
		fl := flag.NewFlagSet("serve", flag.ContinueOnError)
		c := ServeConfig{}
		fl.StringVar(&c.Addr, "addr", "127.0.0.1:8000", "address to serve the app on")
		fl.StringVar(&c.SandboxAddr, "sandbox", "127.0.0.1:8001", `address of the sandbox (Entra ID and Graph simulator); "" for none`)
		fl.StringVar(&c.Dir, "dir", ".", "folder holding web/ with web/app.wasm")
		fl.StringVar(&c.Version, "version", "", "build version (default: a hash of web/)")
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		return Serve(c)
	case "build":
		fl := flag.NewFlagSet("build", flag.ContinueOnError)
		var c BuildConfig
		fl.StringVar(&c.Out, "o", "dist", "output folder")
		fl.StringVar(&c.Base, "base", "", "path the site is served under, e.g. /synctoken/ for GitHub Pages")
		fl.StringVar(&c.Sandbox, "sandbox", "", "base URL of a running sandbox to offer as the Sandbox cloud")
		fl.StringVar(&c.Version, "version", "", "build version, e.g. the git commit (default: a hash of web/)")
		fl.BoolVar(&c.Precompress, "precompress", true, "write .br and .gz copies of the large files")
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		return Build(c)
	case "wasm":
		fl := flag.NewFlagSet("wasm", flag.ContinueOnError)
		out := fl.String("o", "web/app.wasm", "output file")
		fl.Usage = func() {
			fmt.Fprintln(fl.Output(), "usage: synctoken wasm [-o web/app.wasm]\n\ncompiles the browser app (js/wasm, stripped) against MSAL Go trimmed of\nwhat only server-side clients reach: see internal/wasmbuild.")
			fl.PrintDefaults()
		}
		if err := fl.Parse(args[1:]); err != nil {
			return err
		}
		_, err := wasmbuild.Build(".", ".", *out)
		return err
	}
	return fmt.Errorf("unknown command %q: want serve, build or wasm", args[0])
}
