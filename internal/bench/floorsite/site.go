//go:build !js

// Package floorsite writes the static site of a bench floor the way
// synctoken's own build writes synctoken's (app/site.Build): go-app's
// generator, then web/ with app.wasm copied in, then .br and .gz copies of
// the large files. The floors must be built and served exactly like
// synctoken, or the bench would compare hosting, not code. It is native
// only; its js twin is a stub so the floors' wasm links none of it.
package floorsite

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/app/site"
)

// Main is a floor's native command line, shaped like synctoken's
// `build -o DIR [-version V] [-precompress]`: it reads the wasm from
// web/app.wasm in the working directory, as synctoken's build does.
func Main(name string, args []string) error {
	if len(args) == 0 || args[0] != "build" {
		return errors.New("usage: " + name + " build -o DIR [-version V] [-precompress=true]")
	}
	fl := flag.NewFlagSet("build", flag.ContinueOnError)
	out := fl.String("o", "dist", "output folder")
	version := fl.String("version", "bench", "build version (fixed, so the service worker's cache name is stable)")
	precompress := fl.Bool("precompress", true, "write .br and .gz copies of the large files, as synctoken's build does")
	if err := fl.Parse(args[1:]); err != nil {
		return err
	}
	return Build(*out, Handler(name, *version), *precompress)
}

// Handler describes a floor to go-app with local icons: go-app's default
// icons are remote, and its service worker caches them, so offline (as
// the bench runs) the worker would never install and no warm load would
// be measured.
func Handler(name, version string) *app.Handler {
	return &app.Handler{
		Name:      name,
		ShortName: name,
		Title:     name,
		Lang:      "en",
		Icon: app.Icon{
			Default: "/web/icon-192.png",
			Large:   "/web/icon-192.png",
			SVG:     "/web/icon.svg",
		},
		Version: version,
	}
}

// Build writes the site into dir.
func Build(dir string, h *app.Handler, precompress bool) error {
	wasm, err := os.ReadFile(filepath.Join("web", "app.wasm"))
	if err != nil {
		return fmt.Errorf("%v: build the floor's wasm to web/app.wasm first", err)
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return err
	}
	web := filepath.Join(dir, "web")
	if err := os.WriteFile(filepath.Join(web, "app.wasm"), wasm, 0o644); err != nil {
		return err
	}
	if err := writeIcons(web); err != nil {
		return err
	}
	if precompress {
		return site.Precompress(dir) // as synctoken's build does
	}
	return nil
}

// writeIcons writes a plain 192×192 PNG and a one-rectangle SVG.
func writeIcons(web string) error {
	img := image.NewRGBA(image.Rect(0, 0, 192, 192))
	for i := range img.Pix {
		if i%4 == 3 {
			img.Pix[i] = 0xff
		}
	}
	img.Set(96, 96, color.White)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(web, "icon-192.png"), b.Bytes(), 0o644); err != nil {
		return err
	}
	svg := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16"/></svg>`
	return os.WriteFile(filepath.Join(web, "icon.svg"), []byte(svg), 0o644)
}
