package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// checkPolicyFirst fails unless page's Content-Security-Policy and referrer
// <meta> come right after <meta charset>, before every <script> and
// <link>: a policy in a <meta> governs only what the parser meets after it.
func checkPolicyFirst(t *testing.T, where, page string) {
	t.Helper()
	csp := strings.Index(page, `<meta http-equiv="Content-Security-Policy"`)
	referrer := strings.Index(page, `<meta name="referrer"`)
	charset := strings.Index(page, `<meta charset=`)
	if csp < 0 || referrer < 0 || charset < 0 || strings.Count(page, `http-equiv="Content-Security-Policy"`) != 1 {
		t.Fatalf("%s: no single CSP, referrer or charset <meta>:\n%.2000s", where, page)
	}
	if charset > csp || charset > 1024 {
		t.Errorf("%s: <meta charset> at %d, after the CSP (%d) or past the first 1024 bytes", where, charset, csp)
	}
	tags := regexp.MustCompile(`<(?:script|link)\b[^>]*>`).FindAllStringIndex(page, -1)
	if len(tags) == 0 {
		t.Fatalf("%s: no <script> or <link> to check", where)
	}
	scripts := 0
	for _, at := range tags {
		if tag := page[at[0]:at[1]]; at[0] < csp || at[0] < referrer {
			t.Errorf("%s: %s comes before the policy <meta>", where, tag)
		} else if strings.HasPrefix(tag, "<script") {
			scripts++
		}
	}
	t.Logf("%-28s → the CSP <meta> at byte %d precedes all %d scripts and %d links", where, csp, scripts, len(tags)-scripts)
}

func TestPolicyMetaComesBeforeEveryScript(t *testing.T) {
	o := Options{Version: "v-policy", Sandbox: "http://127.0.0.1:8001"}
	srv := httptest.NewServer(SecurityHeaders(o, PolicyFirst(Handler(o))))
	defer srv.Close()
	for _, path := range []string{"/", "/some/deep/link?x=1"} {
		resp, err := srv.Client().Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Length") != itoa(len(b)) {
			t.Errorf("served %s: %d, Content-Length %q for %d bytes", path, resp.StatusCode, resp.Header.Get("Content-Length"), len(b))
		}
		checkPolicyFirst(t, "served "+path, string(b))
	}
	// Other files pass through as go-app serves them.
	direct := httptest.NewServer(Handler(o))
	defer direct.Close()
	for _, path := range []string{"/app.js", "/manifest.webmanifest"} {
		var bodies [2]string
		for i, base := range []string{srv.URL, direct.URL} {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			bodies[i] = resp.Header.Get("Content-Type") + "\n" + string(b)
		}
		if bodies[0] != bodies[1] {
			t.Errorf("%s changed on its way through PolicyFirst", path)
		}
	}

	out := filepath.Join(t.TempDir(), "dist")
	if err := Build(BuildConfig{Out: out, Web: fakeWeb(t, "wasm"), Options: Options{Base: "/synctoken/"}}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "404.html"} {
		checkPolicyFirst(t, "built "+f, read(t, filepath.Join(out, f)))
	}
}

func TestPolicyFirstRefusesAPageItCannotFix(t *testing.T) {
	if _, err := policyFirst([]byte("<html><head><script src=x></script></head></html>")); err == nil {
		t.Error("a page without the CSP <meta> was accepted: the build would ship it unprotected")
	}
}
