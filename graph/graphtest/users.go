package graphtest

// The sandbox's sign-in side: one tenant, one app registration and two users,
// fixed so that tests and demo pages can name them.

// TenantDomain is the sandbox tenant's initial domain. Like TenantID,
// "organizations" and "common", it may name the tenant in sign-in URLs.
const TenantDomain = "contoso.onmicrosoft.com"

// tenantName is the directory's display name, used in error messages.
const tenantName = "Contoso"

// ClientID is the application (client) id of the sandbox's app
// registration: a public client whose redirect URIs are all of the
// Single-page application platform. Register them with AllowRedirectURI.
const ClientID = "6f1c5e3a-2d4b-4c8e-9a7f-3b2e1d0c9f84"

// clientName is the display name of the ClientID app registration.
const clientName = "synctoken (sandbox)"

// The seeded user who holds no directory role: signing in as them gives a
// token that Graph refuses for the action (401 UnknownError, no message), as
// it would in a tenant.
const (
	UserObjectID = "c3e9a1b7-5d2f-4a86-b0e4-7f1d9c2a6e58"
	UserUPN      = "user@contoso.onmicrosoft.com"
	UserName     = "Sandbox User"
)

// A user is a seeded account that the sign-in page offers.
type user struct {
	key            string // "admin" or "plain": the page's button is "user-" + key
	oid, upn, name string
	role           string   // shown on the sign-in page
	wids           []string // directory roles, as in the wids claim
}

// users are the accounts of the sign-in page, in the page's order.
var users = []user{
	{"admin", AdminObjectID, AdminUPN, AdminName, "Application Administrator",
		[]string{ApplicationAdministrator, DefaultUser}},
	{"plain", UserObjectID, UserUPN, UserName, "No administrator role",
		[]string{DefaultUser}},
}

// userByKey finds a user by the value of its sign-in button.
func userByKey(key string) (user, bool) {
	for _, u := range users {
		if u.key == key {
			return u, true
		}
	}
	return user{}, false
}
