package graph

import (
	"strings"
	"testing"
)

// TestPortalRedirectNote: the US Gov and China landing addresses are
// assumptions no public source confirms, and the field says so as plainly
// as the presets say it of the key names; Global's is seen.
func TestPortalRedirectNote(t *testing.T) {
	for _, c := range []Cloud{USGovL4, USGovL5, China} {
		n := c.PortalRedirectNote()
		if !strings.HasPrefix(n, "Unverified:") || !strings.Contains(n, c.PortalRedirectURI()+" is an assumption") || !strings.Contains(n, "redirect_uri_mismatch") {
			t.Errorf("%s: %q", c.Name, n)
		}
	}
	if n := Global.PortalRedirectNote(); strings.Contains(n, "Unverified") || !strings.Contains(n, "https://portal.azure.com/TokenAuthorize") {
		t.Errorf("Global: %q", n)
	}
	sb, _ := Sandbox("http://127.0.0.1:8001")
	if n := sb.PortalRedirectNote(); !strings.Contains(n, "sandbox") {
		t.Errorf("sandbox: %q", n)
	}
}
