package graph

import "testing"

// TestAdminRoleTextNamesTheRoles checks the constant against the role
// names it spells out.
func TestAdminRoleTextNamesTheRoles(t *testing.T) {
	want := RoleName(roleApplicationAdministrator) + " or " + RoleName(roleCloudApplicationAdministrator) +
		" (" + RoleName(roleHybridIdentityAdministrator) + " for Cloud Sync)"
	if adminRoleText != want {
		t.Errorf("adminRoleText = %q, want %q", adminRoleText, want)
	}
}
