package graph

import (
	"strings"
	"testing"
	"time"
)

// TestExplain403MayBeReplication: a 403 in the first minutes after an app,
// its service principal or a role assignment was created may be Entra
// still replicating it (Terraform's azuread provider retries these calls
// on 403 for that reason). Every 403 says so, and none is retried by
// itself: synctoken leaves waiting to the admin.
func TestExplain403MayBeReplication(t *testing.T) {
	future := time.Now().Add(time.Hour)
	for name, c := range map[string]*Claims{
		"no token read": nil,
		"admin": {Audience: "https://graph.microsoft.com", Scopes: []string{SyncScope},
			WIDs: []string{roleApplicationAdministrator}, Expires: future},
		"no role": {Audience: "https://graph.microsoft.com", Scopes: []string{SyncScope}, Expires: future},
		"app":     {Audience: "https://graph.microsoft.com", Roles: []string{"User.Read.All"}, Expires: future},
	} {
		x := Explain(graphAnswer(403, "Forbidden", "Authorization_RequestDenied", "Insufficient privileges to complete the operation."), nil, c, Global, ServicePrincipals)
		all := x.Title + " | " + x.Cause + " | " + x.Next
		for _, w := range []string{"403", "created in the last few minutes", "replicat", "wait a few minutes"} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", name, all, w)
			}
		}
		if x.Retryable {
			t.Errorf("%s: a 403 is marked retryable", name)
		}
	}
}

// TestOwnedByReportedFailing: Graph's tables list
// Application.ReadWrite.OwnedBy for these calls, but it is reported
// failing for them (401 UnknownError on restart). A token that relies on
// it is warned, and a refusal of one names it.
func TestOwnedByReportedFailing(t *testing.T) {
	future := time.Now().Add(time.Hour)
	owned := &Claims{Audience: "https://graph.microsoft.com", Roles: []string{"Application.ReadWrite.OwnedBy"}, Expires: future}
	for _, tc := range []struct {
		name string
		x    Explanation
	}{
		{"401 UnknownError", Explain(graphAnswer(401, "Unauthorized", "UnknownError", ""), nil, owned, Global, ServicePrincipals)},
		{"403", Explain(graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), nil, owned, Global, ServicePrincipals)},
	} {
		all := tc.x.Title + " | " + tc.x.Cause + " | " + tc.x.Next
		for _, w := range []string{"Application.ReadWrite.OwnedBy", "reported failing", "grant " + SyncScope} {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", tc.name, all, w)
			}
		}
	}
	found := false
	for _, p := range owned.Check(Global, time.Now()) {
		if p.Severity == Warning && strings.Contains(p.Message, "reported failing") {
			found = true
		}
	}
	if !found {
		t.Errorf("Check of an OwnedBy-only token: %+v", owned.Check(Global, time.Now()))
	}
	both := &Claims{Audience: "https://graph.microsoft.com", Roles: []string{"Application.ReadWrite.OwnedBy", SyncScope}, Expires: future}
	for _, p := range both.Check(Global, time.Now()) {
		if strings.Contains(p.Message, "reported failing") {
			t.Errorf("a token with %s too was warned: %s", SyncScope, p.Message)
		}
	}
}
