package graph

import "synctoken/graph/internal/paste"

// The app registration an admin signs in with, as typed or pasted: its
// tenant and its Application (client) ID. graph/signin builds the authority
// from them; graph/internal/paste reads them, beside the other IDs taken
// out of pastes, since nothing in them needs MSAL Go.

// ExtractTenant returns the tenant in s, lowercased, and a note for the
// field saying what was done to get it: s may be the tenant as typed or a
// paste holding it (a sign-in, issuer or portal URL, a user name).
func ExtractTenant(s string) (tenant, note string, err error) { return paste.ExtractTenant(s) }

// ExtractClientID returns the Application (client) ID in s, a lowercase
// GUID, and a note for the field saying what was done to get it, taken out
// of a pasted URL, JSON or text when that is unambiguous.
func ExtractClientID(s string) (id, note string, err error) { return paste.ExtractClientID(s) }

// Registration is an app registration as sign-in needs it: its tenant and
// its Application (client) ID, each parsed once, by ParseRegistration, so
// that graph/signin builds its authority and cache key from values already
// checked and never parses the tenant a second time. The zero value is no
// registration.
type Registration struct{ tenant, clientID string }

// ParseRegistration reads the tenant and client ID as typed or pasted: a
// tenant ID, domain or "organizations" ("common" and "consumers" refused),
// and a GUID, each also taken out of a pasted URL, JSON or text. The error
// is the tenant's when both are wrong, as the form lists the tenant first.
func ParseRegistration(tenant, clientID string) (Registration, error) {
	t, err := paste.ParseTenant(tenant)
	if err != nil {
		return Registration{}, err
	}
	id, err := paste.ParseClientID(clientID)
	if err != nil {
		return Registration{}, err
	}
	return Registration{tenant: t, clientID: id}, nil
}

// Tenant is the registration's tenant: a lowercase tenant ID, domain or
// "organizations".
func (r Registration) Tenant() string { return r.tenant }

// ClientID is the registration's Application (client) ID, a lowercase GUID.
func (r Registration) ClientID() string { return r.clientID }

// IsZero reports whether r is no registration (not from ParseRegistration).
func (r Registration) IsZero() bool { return r == Registration{} }
