package graph

import "synctoken/graph/internal/paste"

// The app registration an admin signs in with, as typed or pasted: its
// tenant and its Application (client) ID. graph/signin builds the authority
// from them; graph/internal/paste reads them, beside the other IDs taken
// out of pastes, since nothing in them needs MSAL Go.

// ParseTenant returns the tenant of an authority: a tenant ID (GUID), a
// verified domain such as contoso.onmicrosoft.com, or "organizations".
// "common" and "consumers" are refused: synchronization is for work or
// school accounts of one directory. It is ExtractTenant without its note.
func ParseTenant(s string) (string, error) { return paste.ParseTenant(s) }

// ExtractTenant returns the tenant in s, lowercased, and a note for the
// field saying what was done to get it: s may be the tenant as typed or a
// paste holding it (a sign-in, issuer or portal URL, a user name).
func ExtractTenant(s string) (tenant, note string, err error) { return paste.ExtractTenant(s) }

// ParseClientID returns the Application (client) ID of the app
// registration, a GUID: ExtractClientID without its note.
func ParseClientID(s string) (string, error) { return paste.ParseClientID(s) }

// ExtractClientID returns the Application (client) ID in s, a lowercase
// GUID, and a note for the field saying what was done to get it, taken out
// of a pasted URL, JSON or text when that is unambiguous.
func ExtractClientID(s string) (id, note string, err error) { return paste.ExtractClientID(s) }
