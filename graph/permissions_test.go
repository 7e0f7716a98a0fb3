package graph

import "testing"

// TestClaimsPermissions: the checks Check and the explanations share.
// A user needs SyncScope delegated and an admin role (wids, in any case);
// an app alone needs SyncScope or Application.ReadWrite.OwnedBy.
func TestClaimsPermissions(t *testing.T) {
	for _, tc := range []struct {
		name            string
		c               Claims
		delegated, sync bool
		admin           bool
	}{
		{"admin with the scope", Claims{Scopes: []string{"openid", SyncScope}, WIDs: []string{roleApplicationAdministrator}}, true, true, true},
		{"role ID in upper case", Claims{Scopes: []string{SyncScope}, WIDs: []string{"62E90394-69F5-4237-9190-012177145E10"}}, true, true, true},
		{"user without a role", Claims{Scopes: []string{SyncScope}, WIDs: []string{"b79fbf4d-3ef9-4689-8143-76b194e85509"}}, true, true, false},
		{"admin without the scope", Claims{Scopes: []string{ReadScope}, WIDs: []string{roleCloudApplicationAdministrator}}, true, false, true},
		{"scope as a role of a user token", Claims{Scopes: []string{"User.Read"}, Roles: []string{SyncScope}}, true, false, false},
		{"app with the permission", Claims{Roles: []string{SyncScope}}, false, true, false},
		{"app owning the object", Claims{Roles: []string{"Application.ReadWrite.OwnedBy"}}, false, true, false},
		{"app with another permission", Claims{Roles: []string{"Application.Read.All"}}, false, false, false},
		{"no claims", Claims{}, true, false, false},
	} {
		if got := tc.c.Delegated(); got != tc.delegated {
			t.Errorf("%s: Delegated = %v", tc.name, got)
		}
		if got := tc.c.HasSyncPermission(); got != tc.sync {
			t.Errorf("%s: HasSyncPermission = %v", tc.name, got)
		}
		if got := tc.c.HoldsAdminRole(); got != tc.admin {
			t.Errorf("%s: HoldsAdminRole = %v", tc.name, got)
		}
	}
	if SyncScope != "Synchronization.ReadWrite.All" {
		t.Errorf("SyncScope = %q", SyncScope)
	}
}
