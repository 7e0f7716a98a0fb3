package app

import "synctoken/graph"

// The Tenant and Client ID fields take whole pastes: a sign-in URL, the
// JSON of `az ad sp create-for-rbac` (which holds the app's password) or
// of `az account get-access-token` (which holds a token). Only what was
// parsed out of them is remembered in localStorage and shown back in the
// field, never the text as pasted: a secret pasted there must not outlive
// the page.

// parsedCloudConfig returns the tenant and client ID parsed out of what the
// fields hold, each "" when it does not parse, and the notes saying what
// was taken out of a paste.
func parsedCloudConfig(tenant, clientID string) (c cloudConfig, tenantNote, clientNote string) {
	if t, note, err := graph.ExtractTenant(tenant); err == nil {
		c.Tenant, tenantNote = t, note
	}
	if id, note, err := graph.ExtractClientID(clientID); err == nil {
		c.ClientID, clientNote = id, note
	}
	return c, tenantNote, clientNote
}

// tookNote is the note on what a replaced field's value was taken from,
// while the field still shows that value.
func tookNote(value, shown, note string) []graph.Problem {
	if note == "" || value != shown {
		return nil
	}
	return []graph.Problem{{Severity: graph.Info, Message: note}}
}
