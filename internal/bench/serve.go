package main

import (
	"io/fs"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// server serves one static site on loopback the way a plain static host
// does: net/http.FileServer, plus the site's own .br/.gz copies when it
// ships them (as GitHub Pages, Azure Static Web Apps or nginx's
// gzip_static would), so the bytes measured are the bytes a real host
// sends. No cache headers: hosts differ, and warm loads come from the
// service worker anyway.
type server struct {
	URL string
	srv *http.Server

	mu       sync.Mutex
	requests []string // "GET /web/app.wasm", in order
	bytes    int64    // response bytes written, compressed when compressed
}

// serve starts serving dir on a free loopback port.
func serve(dir string) (*server, error) {
	// Hosts send the manifest as JSON; Go's table may lack the extension.
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{URL: "http://" + ln.Addr().String()}
	files := http.FileServer(http.Dir(dir))
	precompressed := hasPrecompressed(dir)
	s.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests = append(s.requests, r.Method+" "+r.URL.Path)
		s.mu.Unlock()
		cw := &countingWriter{ResponseWriter: w, s: s}
		if precompressed && serveEncoded(cw, r, dir) {
			return
		}
		files.ServeHTTP(cw, r)
	})}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) Close() { s.srv.Close() }

// reset forgets what was served so far, and returns it.
func (s *server) reset() (requests []string, bytes int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	requests, bytes = s.requests, s.bytes
	s.requests, s.bytes = nil, 0
	return requests, bytes
}

// hasPrecompressed reports whether the site ships .br or .gz copies.
func hasPrecompressed(dir string) bool {
	found := false
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".br") || strings.HasSuffix(p, ".gz")) {
			found = true
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// serveEncoded sends the .br (else .gz) copy of the requested file when the
// browser accepts it and the site has it; it reports whether it did.
func serveEncoded(w http.ResponseWriter, r *http.Request, dir string) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	name := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if !acceptsEncoding(accept, enc.token) {
			continue
		}
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(name)+enc.ext))
		if err != nil {
			continue
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil || st.IsDir() {
			continue
		}
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Content-Encoding", enc.token)
		h.Add("Vary", "Accept-Encoding")
		http.ServeContent(w, r, "", st.ModTime(), f)
		return true
	}
	return false
}

// acceptsEncoding reports whether an Accept-Encoding value lists token
// without q=0.
func acceptsEncoding(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), token) {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}

// countingWriter counts the body bytes a response carries.
type countingWriter struct {
	http.ResponseWriter
	s *server
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.ResponseWriter.Write(p)
	c.s.mu.Lock()
	c.s.bytes += int64(n)
	c.s.mu.Unlock()
	return n, err
}
