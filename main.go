// Command synctoken is the synctoken web app.
//
// In the browser (GOOS=js) it starts the app. Natively it is the tool that
// serves the app locally or writes the static site:
//
//	synctoken serve [-addr 127.0.0.1:8000] [-sandbox 127.0.0.1:8001]
//	synctoken build -o dist [-sandbox http://127.0.0.1:8001]
//
// The native side sits behind app.IsServer, a constant, so none of it — the
// server, the static generator, the sandbox — is linked into the wasm.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	ui "synctoken/app"
	"synctoken/graph/graphtest"
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
		return serve(args[1:])
	case "build":
		return build(args[1:])
	}
	return fmt.Errorf("unknown command %q: want serve or build", args[0])
}

// serve runs the app on addr and, unless disabled, a sandbox beside it on
// its own port, so the whole flow works offline and really cross-origin.
func serve(args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fl.String("addr", "127.0.0.1:8000", "address to serve the app on")
	sandboxAddr := fl.String("sandbox", "127.0.0.1:8001", `address of the sandbox (Graph simulator); "" for none`)
	dir := fl.String("dir", ".", "folder holding web/ with web/app.wasm")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*dir, "web", "app.wasm")); err != nil {
		return fmt.Errorf("%v: build the wasm first (make run does)", err)
	}
	opts := ui.Options{Resources: ui.Dir(*dir)}
	if *sandboxAddr != "" {
		sb, err := graphtest.NewServerAt(*sandboxAddr)
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		defer sb.Close()
		opts.Sandbox, opts.SandboxClientID = sb.URL, graphtest.ClientID
		_, port, _ := strings.Cut(*addr, ":")
		for _, host := range []string{"127.0.0.1", "localhost"} {
			sb.AllowRedirectURI("http://" + host + ":" + port + "/")
		}
		log.Printf("sandbox (Entra ID and Graph simulator) on %s: press Sign in, or paste a token", sb.URL)
		log.Printf("a sandbox access token, valid 1 hour (the page's \"Use a sandbox token\" button gets a fresh one):\n%s", sb.Token())
		for _, o := range graphtest.ServicePrincipals {
			log.Printf("sandbox service principal %q: object ID %s", o.DisplayName, o.ObjectID)
		}
		for _, o := range graphtest.Applications {
			log.Printf("sandbox application %q: object ID %s", o.DisplayName, o.ObjectID)
		}
	}
	srv := &http.Server{Addr: *addr, Handler: ui.Handler(opts)}
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, os.Interrupt)
		<-stop
		srv.Close()
	}()
	log.Printf("synctoken on http://%s", *addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// build writes the static site: go-app's pages, then web/ (which go-app's
// generator leaves empty) with app.wasm.
func build(args []string) error {
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fl.String("o", "dist", "output folder")
	sandbox := fl.String("sandbox", "", "base URL of a running sandbox to offer as the Sandbox cloud")
	version := fl.String("version", "", "build version (the service worker detects updates by it)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat("web/app.wasm"); err != nil {
		return fmt.Errorf("%v: build the wasm first (make site does)", err)
	}
	if err := os.RemoveAll(*out); err != nil {
		return err
	}
	opts := ui.Options{Sandbox: *sandbox, Version: *version}
	if *sandbox != "" {
		opts.SandboxClientID = graphtest.ClientID
	}
	h := ui.Handler(opts)
	if err := app.GenerateStaticWebsite(*out, h); err != nil {
		return err
	}
	return copyDir(filepath.Join(*out, "web"), "web")
}

func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		outf, err := os.Create(target)
		if err != nil {
			return err
		}
		if _, err := io.Copy(outf, in); err != nil {
			outf.Close()
			return err
		}
		return outf.Close()
	})
}
