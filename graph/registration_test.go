package graph

import (
	"strings"
	"testing"
)

// TestParseRegistration: one parse gives the tenant and client ID sign-in
// uses, normalized; either one wrong is that field's error, and no
// registration.
func TestParseRegistration(t *testing.T) {
	r, err := ParseRegistration(" https://login.microsoftonline.com/Contoso.onmicrosoft.com/v2.0 ", "{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}")
	if err != nil || r.Tenant() != "contoso.onmicrosoft.com" || r.ClientID() != "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0" || r.IsZero() {
		t.Fatalf("ParseRegistration = %q %q %v, %v", r.Tenant(), r.ClientID(), r.IsZero(), err)
	}
	for _, tc := range []struct{ tenant, clientID, want string }{
		{"common", "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "common"},
		{"contoso.onmicrosoft.com", "", "Client ID is required"},
		{"", "abc", "Tenant is required"},
	} {
		r, err := ParseRegistration(tc.tenant, tc.clientID)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !r.IsZero() {
			t.Errorf("ParseRegistration(%q, %q) = %+v, %v; want no registration and %q", tc.tenant, tc.clientID, r, err, tc.want)
		}
	}
	if !(Registration{}).IsZero() {
		t.Error("the zero Registration is not zero")
	}
}
