package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecurityHeadersEverywhere: every place synctoken can set headers
// sends the same security headers, Cross-Origin-Opener-Policy
// same-origin-allow-popups among them (a page that opens synctoken gets no
// handle on it; the windows synctoken opens keep theirs): make run's
// server on every file, and Azure Static Web Apps' config from the build;
// docs/hosting.md lists each one for other hosts.
func TestSecurityHeadersEverywhere(t *testing.T) {
	o := Options{Version: "v-headers"}
	want := Headers(o)
	if want["Cross-Origin-Opener-Policy"] != "same-origin-allow-popups" {
		t.Errorf("Cross-Origin-Opener-Policy = %q, want same-origin-allow-popups", want["Cross-Origin-Opener-Policy"])
	}
	for _, h := range []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"} {
		if want[h] == "" {
			t.Errorf("Headers lacks %s", h)
		}
	}

	srv := httptest.NewServer(SecurityHeaders(o, PolicyFirst(Handler(o))))
	defer srv.Close()
	for _, path := range []string{"/", "/app.js", "/some/deep/link"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for h, v := range want {
			if got := resp.Header.Get(h); got != v {
				t.Errorf("make run's server, %s: %s = %q, want %q", path, h, got, v)
			}
		}
	}

	out := filepath.Join(t.TempDir(), "dist")
	if err := Build(BuildConfig{Out: out, Web: fakeWeb(t, "wasm"), Options: o}); err != nil {
		t.Fatal(err)
	}
	var swa struct {
		GlobalHeaders map[string]string `json:"globalHeaders"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join(out, "staticwebapp.config.json"))), &swa); err != nil {
		t.Fatal(err)
	}
	for h, v := range want {
		if got := swa.GlobalHeaders[h]; got != v {
			t.Errorf("staticwebapp.config.json globalHeaders: %s = %q, want %q", h, got, v)
		}
	}

	doc, err := os.ReadFile("../../docs/hosting.md")
	if err != nil {
		t.Fatal(err)
	}
	for h, v := range want {
		if h == "Content-Security-Policy" {
			v = "frame-ancestors 'none'" // the table describes the policy rather than repeat it
		}
		if !strings.Contains(string(doc), "| `"+h+"` |") || !strings.Contains(string(doc), v) {
			t.Errorf("docs/hosting.md's table of security headers lacks %s: %s", h, v)
		}
	}
}
