package app

import (
	"net/url"
	"strings"
	"testing"
)

// TestSharedOriginNotice: the page says what it shares, and how to get an
// origin of its own, exactly when it is a GitHub Pages project site (a
// sub-path of <owner>.github.io); not at a github.io site's root, on a
// custom domain, on a look-alike host, or locally.
func TestSharedOriginNotice(t *testing.T) {
	for _, tc := range []struct {
		page, prefix string
		shown        bool
	}{
		{"https://contoso.github.io/synctoken/", "/synctoken", true},
		{"https://Contoso.GitHub.io/synctoken/some/deep/link?x=1", "/synctoken", true},
		{"https://contoso.github.io./synctoken/", "/synctoken", true},
		{"https://contoso.github.io/", "", false},                         // an owner's own site, at the root
		{"https://synctoken.contoso.com/synctoken/", "/synctoken", false}, // a custom domain
		{"https://github.io/synctoken/", "/synctoken", false},
		{"https://a.b.github.io/synctoken/", "/synctoken", false}, // not a Pages host
		{"https://contoso.github.io.attacker.example/synctoken/", "/synctoken", false},
		{"https://contoso-github.io/synctoken/", "/synctoken", false},
		{"http://127.0.0.1:8000/", "", false},
	} {
		u, _ := url.Parse(tc.page)
		n := sharedOriginNotice(u, tc.prefix)
		if (n != "") != tc.shown {
			t.Errorf("%s (prefix %q): notice %q, want shown %v", tc.page, tc.prefix, n, tc.shown)
			continue
		}
		if !tc.shown {
			continue
		}
		for _, want := range []string{"https://contoso.github.io", "localStorage", "sessionStorage", "service worker", "custom domain", "organization"} {
			if !strings.Contains(n, want) {
				t.Errorf("%s: the notice does not say %q: %s", tc.page, want, n)
			}
		}
	}
	if n := sharedOriginNotice(nil, "/synctoken"); n != "" {
		t.Errorf("no address: %q", n)
	}
}
