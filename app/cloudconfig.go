package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

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

// loadCloudConfig restores the tenant and client ID remembered for the
// cloud. What is stored is parsed again and replaced by what parses out
// of it, or removed: localStorage outlives the page's versions and may
// hold a field as typed, a secret pasted along perhaps, which must not
// stay there.
func (au *signInStep) loadCloudConfig(ctx app.Context) {
	var stored cloudConfig
	key := keyCloudCfg + au.target.cloud.ID
	ctx.LocalStorage().Get(key, &stored)
	c, _, _ := parsedCloudConfig(stored.Tenant, stored.ClientID)
	switch {
	case c == stored:
	case c == cloudConfig{}:
		ctx.LocalStorage().Del(key)
	default:
		ctx.LocalStorage().Set(key, c)
	}
	if au.target.cloud.IsSandbox() {
		if c.Tenant == "" {
			c.Tenant = "organizations"
		}
		if c.ClientID == "" {
			c.ClientID = app.Getenv(SandboxClientIDEnv)
		}
	}
	au.tenant, au.clientID = c.Tenant, c.ClientID
	au.tenantTook, au.clientIDTook = "", ""
	au.fields.show("tenant", c.Tenant)
	au.fields.show("client-id", c.ClientID)
}

// saveCloudConfig remembers the tenant and client ID once a field is left
// (change), not on every keystroke: only what parses out of each field,
// which the field then shows, so a paste's other contents (a password, a
// token) are neither stored nor left on screen. A field that does not
// parse keeps what was typed, with its error, and is not stored.
func (au *signInStep) saveCloudConfig(ctx app.Context, _ app.Event) {
	defer recovered(ctx)
	s := au
	c, tenantNote, clientNote := parsedCloudConfig(s.tenant, s.clientID)
	if c.Tenant != "" && c.Tenant != s.tenant {
		s.tenant, s.tenantTook = c.Tenant, tenantNote
		au.fields.show("tenant", c.Tenant)
	}
	if c.ClientID != "" && c.ClientID != s.clientID {
		s.clientID, s.clientIDTook = c.ClientID, clientNote
		au.fields.show("client-id", c.ClientID)
	}
	if c == (cloudConfig{}) {
		ctx.LocalStorage().Del(keyCloudCfg + au.target.cloud.ID)
		return
	}
	ctx.LocalStorage().Set(keyCloudCfg+au.target.cloud.ID, c)
}
