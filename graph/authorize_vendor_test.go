package graph_test

import (
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
)

// TestLandingFromVendorWithQueryRedirect: through the sandbox's vendor, a
// redirect URI with a query of its own (which OAuth allows) comes back
// with the code and state added to that query; the landing address is
// taken without a "not the redirect URI" warning.
func TestLandingFromVendorWithQueryRedirect(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	cloud, _ := graph.Sandbox(sb.URL)
	redirect := sb.LandingURL() + "?tenant=contoso&kind=scim"
	sb.AllowVendorRedirectURI(redirect)
	a, err := graph.AuthorizationURL(sb.VendorAuthorizationURL(), redirect, cloud)
	if err != nil {
		t.Fatal(err)
	}
	landing := authorizeInBrowser(t, sb, a, "vendor-allow")
	if !strings.HasPrefix(landing, redirect+"&") {
		t.Fatalf("landing %s does not keep the redirect URI's query", landing)
	}
	l, err := graph.ParseLanding(landing, a)
	if err != nil {
		t.Fatal(err)
	}
	if l.Code == "" || l.State != a.State || l.RedirectURI != redirect {
		t.Errorf("got %+v", l)
	}
	for _, n := range l.Notes {
		if n.Severity == graph.Warning {
			t.Errorf("warned: %s", n.Message)
		}
	}
}
