package graph

import (
	"slices"
	"strings"
)

// What a caller needs for the synchronization API: a permission on the
// token (SyncScope, or for an app alone ownedByRole on objects it owns) and,
// for a signed-in user, one of the admin roles. The names are written once
// here, so that a check and the message explaining it cannot disagree.

// SyncScope is the permission acquireAccessToken and the other calls of
// the synchronization API need: delegated for a signed-in admin, or as an
// application permission for an app alone. Sign-in asks for it on the
// cloud's Graph.
const SyncScope = "Synchronization.ReadWrite.All"

// ownedByRole is the application permission that lets an app alone call
// the synchronization API on the objects it owns. Graph's permission
// tables list it (least privileged) for acquireAccessToken and the job's
// calls, but it is [seen] reported failing for them: one public report has
// an owner app holding it answered 401 UnknownError on restart
// (../shared/reference/provisioning-credentials.md, "Errors admins meet").
// So it is accepted, and a token relying on it alone is warned
// (ownedByReported).
const ownedByRole = "Application.ReadWrite.OwnedBy"

// ownedByReported is said wherever a token relies on ownedByRole alone.
const ownedByReported = ownedByRole + " is listed by Graph for these calls, but is reported failing for them (an owner app holding it was answered 401 UnknownError on restart): grant " + SyncScope + " instead."

// ownedByOnly reports whether an app-only token's one permission for the
// synchronization API is ownedByRole.
func (c Claims) ownedByOnly() bool {
	return !c.Delegated() && slices.Contains(c.Roles, ownedByRole) && !slices.Contains(c.Roles, SyncScope)
}

// ReadScope is the delegated permission Look up needs to read applications
// and service principals. It is asked for only when Look up is first used
// (incremental consent), not at sign-in: most admins never need it.
const ReadScope = "Application.Read.All"

// Directory role template IDs that matter to acquireAccessToken.
const (
	roleApplicationAdministrator      = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
	roleCloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7"
	roleHybridIdentityAdministrator   = "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2"
	roleGlobalAdministrator           = "62e90394-69f5-4237-9190-012177145e10"
)

// roleNames names the directory role template IDs met in tokens.
var roleNames = []pair{
	{roleApplicationAdministrator, "Application Administrator"},
	{roleCloudApplicationAdministrator, "Cloud Application Administrator"},
	{roleHybridIdentityAdministrator, "Hybrid Identity Administrator"},
	{roleGlobalAdministrator, "Global Administrator"},
	{"b79fbf4d-3ef9-4689-8143-76b194e85509", "Member (default user role)"},
	{"f2ef992c-3afb-46b9-b7cf-a126ee74c451", "Global Reader"},
	{"e8611ab8-c189-46e8-94e1-60213ab1f814", "Privileged Role Administrator"},
	{"fe930be7-5e62-47db-91af-98c3a49a38b1", "User Administrator"},
	{"2b745bdf-0803-4d80-aa65-822c4493daac", "Office Apps Administrator"},
}

// RoleName names a directory role template ID, or returns the ID.
func RoleName(wid string) string {
	if n, ok := valueOf(roleNames, strings.ToLower(wid)); ok {
		return n
	}
	return wid
}

// adminRoles are the roles that let a delegated caller run the action.
var adminRoles = []string{roleApplicationAdministrator, roleCloudApplicationAdministrator, roleHybridIdentityAdministrator, roleGlobalAdministrator}

// Delegated reports whether the token acts for a user (scp) rather than
// for an application alone (roles).
func (c Claims) Delegated() bool { return len(c.Scopes) > 0 || len(c.Roles) == 0 }

// adminRoleText names the directory roles that let a signed-in user run
// the action. It is a constant, joined with the messages around it when
// compiled rather than built from roleNames at each use; a test checks it
// against roleNames.
const adminRoleText = "Application Administrator or Cloud Application Administrator (Hybrid Identity Administrator for Cloud Sync)"

// HoldsAdminRole reports whether the token's user holds one of the
// directory roles that let a signed-in user run the action (wids).
func (c Claims) HoldsAdminRole() bool {
	for _, w := range c.WIDs {
		if slices.Contains(adminRoles, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// HasSyncPermission reports whether the token carries a permission the
// synchronization API takes: SyncScope delegated, or for an app alone
// SyncScope or ownedByRole as an application permission.
func (c Claims) HasSyncPermission() bool {
	if c.Delegated() {
		return slices.Contains(c.Scopes, SyncScope)
	}
	return slices.Contains(c.Roles, SyncScope) || slices.Contains(c.Roles, ownedByRole)
}
