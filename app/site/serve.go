//go:build !js

package site

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"synctoken/graph/graphtest"
)

// Serve runs the app on c.Addr and, when c.SandboxAddr is set, a sandbox
// (Entra ID and Graph simulator) beside it on its own port, so the whole
// flow works offline and really cross-origin. It returns on interrupt.
func Serve(c ServeConfig) error {
	if _, err := os.Stat(filepath.Join(c.Dir, "web", "app.wasm")); err != nil {
		return fmt.Errorf("%v: build the wasm first (make run does)", err)
	}
	o := c.Options
	o.Resources = Dir(c.Dir)
	if o.Version == "" {
		o.Version = contentVersion(filepath.Join(c.Dir, "web"))
	}
	if c.SandboxAddr != "" {
		sb, err := graphtest.NewServerAt(c.SandboxAddr)
		if err != nil {
			return fmt.Errorf("sandbox: %w", err)
		}
		defer sb.Close()
		o.Sandbox, o.SandboxClientID = sb.URL, graphtest.ClientID
		_, port, _ := strings.Cut(c.Addr, ":")
		for _, host := range []string{"127.0.0.1", "localhost"} {
			sb.AllowRedirectURI("http://" + host + ":" + port + "/")
			sb.AllowVendorRedirectURI("http://" + host + ":" + port + "/") // Get the code with This page as redirect URI
		}
		log.Printf("sandbox (Entra ID and Graph simulator) on %s: press Sign in, or paste a token", sb.URL)
		log.Printf("a sandbox access token, valid 1 hour (the page's \"Use a sandbox token\" button gets a fresh one):\n%s", sb.Token())
		for _, obj := range graphtest.ServicePrincipals {
			log.Printf("sandbox service principal %q: object ID %s", obj.DisplayName, obj.ObjectID)
		}
		for _, obj := range graphtest.Applications {
			log.Printf("sandbox application %q: object ID %s", obj.DisplayName, obj.ObjectID)
		}
		log.Printf("sandbox: %d apps named %q …: Look up that name to see one that matches more apps than Look up lists",
			len(graphtest.NamesakeApplications), graphtest.NamesakeName)
		log.Printf("sandbox vendor (an OAuth code-grant connector, for Get the code): paste this authorization URL; the vendor sends you back to %s, or to this page if you choose it\n%s",
			sb.LandingURL(), sb.VendorAuthorizationURL())
	}
	srv := &http.Server{Addr: c.Addr, Handler: SecurityHeaders(o, PolicyFirst(Handler(o)))}
	go func() {
		stop := make(chan os.Signal, 1)
		signal.Notify(stop, os.Interrupt)
		<-stop
		srv.Close()
	}()
	log.Printf("synctoken %s on http://%s", o.Version, c.Addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
