package app

import (
	"encoding/json"
	"strings"
	"testing"

	"synctoken/graph"
)

// TestSavedFormKeepsOnlyParsedIDsAndKnownKeys: the form kept in
// sessionStorage across a full-page sign-in holds the object ID parsed out
// of what was pasted and only keys of Graph's enum, never a field as
// typed: a paste with a secret in it, or a value typed into a key field,
// stays out of storage. What is read back is filtered the same way.
func TestSavedFormKeepsOnlyParsedIDsAndKnownKeys(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	mount(t, p)
	const id, secret = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9", "hunter2-very-secret"
	p.target.objectID = "objectId: " + id + " password: " + secret
	p.creds.rows = []graph.Credential{{Key: "SecretToken", Value: "value-never-stored"}, {Key: secret}, {Key: " Oauth2RedirectUri "}, {Key: "BaseAddress"}}
	f := p.savedForm()
	b, _ := json.Marshal(f)
	if strings.Contains(string(b), secret) || strings.Contains(string(b), "value-never-stored") {
		t.Errorf("the saved form holds what was typed: %s", b)
	}
	if f.ObjectID != id {
		t.Errorf("saved object ID %q, want the parsed %s", f.ObjectID, id)
	}
	if want := []string{"SecretToken", "Oauth2RedirectUri", "BaseAddress"}; strings.Join(f.Keys, ",") != strings.Join(want, ",") {
		t.Errorf("saved keys %q, want %q", f.Keys, want)
	}
	p.target.objectID = secret // not an ID at all
	if f := p.savedForm(); f.ObjectID != "" {
		t.Errorf("saved object ID %q for a field that holds no ID", f.ObjectID)
	}

	// What storage hands back (an older version's form, or one written by
	// something else) is filtered before it fills the page.
	q := &Page{}
	mount(t, q)
	q.restoreForm(savedForm{Cloud: "global", Version: "v9", Kind: "users", ObjectID: secret, Keys: []string{secret, "UserName"}})
	if q.target.objectID != "" || q.shown["object-id"] != "" {
		t.Errorf("restored object ID %q", q.target.objectID)
	}
	if len(q.creds.rows) != 1 || q.creds.rows[0].Key != "UserName" {
		t.Errorf("restored rows %+v, want UserName only", q.creds.rows)
	}
	if q.target.version != graph.V1 || q.target.kind != graph.ServicePrincipals {
		t.Errorf("restored an unknown version or kind: %q %q", q.target.version, q.target.kind)
	}
}
