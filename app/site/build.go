//go:build !js

package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph/graphtest"
)

// Build writes the static site into dir, complete and self-contained:
// go-app's pages, web/ with app.wasm (which go-app's generator leaves
// empty), 404.html for deep links, the Azure Static Web Apps config, and
// with precompress, .br and .gz copies of the large files.
func Build(c BuildConfig) error {
	o, dir, web := c.Options, c.Out, c.Web
	if web == "" {
		web = "web"
	}
	wasm, err := os.ReadFile(filepath.Join(web, "app.wasm"))
	if err != nil {
		return fmt.Errorf("%v: build the wasm first (make site does)", err)
	}
	if o.Version == "" {
		o.Version = contentVersion(web)
	}
	if o.Sandbox != "" && o.SandboxClientID == "" {
		o.SandboxClientID = graphtest.ClientID
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	h := Handler(o)
	h.LoadingLabel = "Loading synctoken… {progress}%"
	if err := app.GenerateStaticWebsite(dir, h); err != nil {
		return err
	}
	if err := copyDir(filepath.Join(dir, "web"), web); err != nil {
		return err
	}
	if err := patchAppJS(filepath.Join(dir, "app.js"), len(wasm)); err != nil {
		return err
	}
	if err := appendEarlyWasm(filepath.Join(dir, "web", "synctoken.js")); err != nil {
		return err
	}
	if err := inlineFavicon(filepath.Join(dir, "index.html"), filepath.Join(web, "icon.svg"), h.Icon.SVG); err != nil {
		return err
	}
	if err := rewriteFile(filepath.Join(dir, "index.html"), policyFirst); err != nil {
		return err
	}
	if err := copyFile(filepath.Join(dir, "404.html"), filepath.Join(dir, "index.html")); err != nil {
		return err
	}
	if err := writeStaticWebAppConfig(dir, o); err != nil {
		return err
	}
	if c.Precompress {
		return Precompress(dir)
	}
	return nil
}

// contentVersion hashes the files a build serves, so an unchanged build
// keeps its version and any change is detected as an update.
func contentVersion(root string) string {
	sum := sha256.New()
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			fmt.Fprintf(sum, "%s %d\n", path, len(b))
			sum.Write(b)
		}
		return nil
	})
	return hex.EncodeToString(sum.Sum(nil))[:12]
}

// patchAppJS makes five changes to go-app's loader:
//
//   - Honest progress: go-app divides the bytes received (decompressed) by
//     Content-Length, which is the compressed size on hosts that compress,
//     so the bar would pass 100% early. The real size of app.wasm is known
//     when building.
//   - The service worker is registered once the app runs, not before: its
//     install fetches every file, and racing the page's own download of the
//     wasm doubled a first visit's transfer and slowed it (make bench).
//     Registered after, its fetches revalidate what the page just cached.
//   - Registered that late, the worker's update may already have been
//     found by the browser (its own check on the navigation, or while the
//     wasm started), and go-app only listens for updates found later: the
//     page would never offer the new version. synctokenOfferFoundUpdate
//     (js/found-update.js) offers one found before.
//   - On a return visit the wasm is read straight from the worker's cache
//     (Cache Storage, this version's cache) and handed to the browser's
//     streaming compiler as it is. go-app's loader fetches it through the
//     worker's fetch handler and pumps it, chunk by chunk, through a
//     JavaScript stream to count progress: for a file that is already on
//     the disk, that costs the main thread more than the compile itself
//     (make bench's warm row shows it). When the cache has no copy (first
//     visit, no worker, an insecure origin without Cache Storage), go-app's
//     own loader runs.
//   - On a first visit the loader takes over the download that
//     synctoken.js started while the page was parsed (appendEarlyWasm).
func patchAppJS(appJS string, wasmSize int) error {
	b, err := os.ReadFile(appJS)
	if err != nil {
		return err
	}
	for _, p := range [][2]string{
		{"const total = parseInt(contentLength, 10);", "const total = " + strconv.Itoa(wasmSize) + "; // app.wasm's real size, not the compressed Content-Length"},
		{"goappInitServiceWorker();\ngoappWatchForUpdate();", "goappWatchForUpdate();"},
		{"go.run(wasm.instance);\n    loader.remove();", "go.run(wasm.instance);\n    loader.remove();\n    goappInitServiceWorker(); // after the wasm: see synctoken's app/site/build.go"},
		{"goappSetupNotifyUpdate(registration);", "goappSetupNotifyUpdate(registration);\n      synctokenOfferFoundUpdate(registration); // found before the app ran: see synctoken's app/site/build.go"},
		{"fetchWithProgress(\"", "synctokenFetchWasm(\""},
		{"const response = await fetch(url);", "const response = await synctokenTakeEarlyWasm(url);"},
	} {
		if !bytes.Contains(b, []byte(p[0])) {
			return fmt.Errorf("%s: go-app's loader changed (no %q); cannot patch it", appJS, p[0])
		}
		b = bytes.Replace(b, []byte(p[0]), []byte(p[1]), 1)
	}
	return os.WriteFile(appJS, append(append(b, fetchWasmJS...), foundUpdateJS...), 0o644)
}

// inlineFavicon writes the SVG icon into the page's favicon link as a
// data: URL. Chromium fetches the favicon, then reads the manifest and
// fetches its icon, the same icon.svg, a few milliseconds later: on a
// first visit that makes two requests for one file (make bench's flow
// counts them), the second a revalidation on hosts without max-age. Inline, the favicon
// costs no request (the CSP allows data: images); the manifest and the
// worker still use the file. href is go-app's link, prefix included.
func inlineFavicon(indexHTML, svgFile, href string) error {
	svg, err := os.ReadFile(svgFile)
	if os.IsNotExist(err) {
		return nil // no SVG icon to inline: the link stays as go-app wrote it
	} else if err != nil {
		return err
	}
	b, err := os.ReadFile(indexHTML)
	if err != nil {
		return err
	}
	// go-app writes attributes in either order.
	re := regexp.MustCompile(`<link (?:rel="icon" href="` + regexp.QuoteMeta(href) + `"|href="` + regexp.QuoteMeta(href) + `" rel="icon")>`)
	if len(re.FindAll(b, -1)) != 1 {
		return fmt.Errorf("%s: go-app's page changed (no single <link rel=\"icon\" href=%q>); cannot inline the favicon", indexHTML, href)
	}
	data := "data:image/svg+xml," + url.PathEscape(strings.TrimSpace(string(svg)))
	b = re.ReplaceAllLiteral(b, []byte(`<link rel="icon" type="image/svg+xml" href="`+html.EscapeString(data)+`">`))
	return os.WriteFile(indexHTML, b, 0o644)
}

// appendEarlyWasm appends earlyWasmJS to the site's copy of synctoken.js
// (the repository's stays as it is: the local server's go-app loader is
// not patched, and would not take the download over).
func appendEarlyWasm(synctokenJS string) error {
	b, err := os.ReadFile(synctokenJS)
	if os.IsNotExist(err) {
		return nil // no script to start it: the loader fetches the wasm itself
	} else if err != nil {
		return err
	}
	return os.WriteFile(synctokenJS, append(b, earlyWasmJS...), 0o644)
}

// writeStaticWebAppConfig writes Azure Static Web Apps' configuration: the
// wasm MIME type, the security headers, and every unknown path served the
// app.
func writeStaticWebAppConfig(dir string, o Options) error {
	cfg := map[string]any{
		"navigationFallback": map[string]any{
			"rewrite": "/index.html",
			"exclude": []string{"/web/*", "/*.{js,css,wasm,json,webmanifest,png,svg,br,gz}"},
		},
		"mimeTypes":     map[string]string{".wasm": "application/wasm", ".webmanifest": "application/manifest+json"},
		"globalHeaders": Headers(o),
		"routes": []map[string]any{
			{"route": "/app-worker.js", "headers": map[string]string{"Cache-Control": "no-cache"}},
		},
	}
	b, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "staticwebapp.config.json"), append(b, '\n'), 0o644)
}

// compressible are the files worth precompressing.
var compressible = map[string]bool{".wasm": true, ".js": true, ".css": true, ".html": true, ".json": true, ".webmanifest": true, ".svg": true}

// Precompress writes .br (brotli 11) and .gz (gzip best) beside each text
// or wasm file of at least 1 KiB under dir, for hosts that serve
// precompressed files. make bench's floors use it too, so all three sites
// are compressed alike.
func Precompress(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !compressible[filepath.Ext(path)] {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) < 1024 {
			return err
		}
		var gz, br bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		bw := brotli.NewWriterLevel(&br, brotli.BestCompression)
		bw.Write(b)
		bw.Close()
		if err := os.WriteFile(path+".gz", gz.Bytes(), 0o644); err != nil {
			return err
		}
		return os.WriteFile(path+".br", br.Bytes(), 0o644)
	})
}

// rewriteFile replaces the file's contents with fix's result.
func rewriteFile(path string, fix func([]byte) ([]byte, error)) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if b, err = fix(b); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return os.WriteFile(path, b, 0o644)
}

func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		return copyFile(filepath.Join(dst, rel), path)
	})
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
