package app

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// Storage keys. Only what is listed here is ever stored, and nothing here
// is a secret but the MSAL cache, which lives in sessionStorage (this tab
// only) and is removed on Sign out.
const (
	keyPending  = "synctoken.signin.pending" // sessionStorage: PKCE verifier, state, nonce for one round trip
	keyForm     = "synctoken.form"           // sessionStorage: non-secret fields, across a sign-in redirect
	keyCloudCfg = "synctoken.signin."        // localStorage + cloud ID: tenant and client ID (not secret)
	// keyRelay (vendor_window.go), in a vendor window's sessionStorage only: the nonce of its hand-off (never the code)
)

// tabStore adapts go-app's sessionStorage to signin.Store.
type tabStore struct{ s app.BrowserStorage }

func (t tabStore) Get(key string) (string, bool) {
	var v string
	if err := t.s.Get(key, &v); err != nil || v == "" {
		return "", false
	}
	return v, true
}

func (t tabStore) Set(key, value string) { t.s.Set(key, value) }
func (t tabStore) Delete(key string)     { t.s.Del(key) }

// savedForm is the non-secret part of the form, kept across a full-page
// sign-in redirect (see keptForm). Credential values are never stored.
type savedForm struct {
	Cloud    string   `json:"cloud"`
	Version  string   `json:"version"`
	Kind     string   `json:"kind"`
	ObjectID string   `json:"objectId"`
	Keys     []string `json:"keys"`
	Steps    []string `json:"steps"` // the steps open: the page comes back as the admin left it
}

// keptForm is f with only what may be stored: a known version and kind,
// the object ID parsed out of the field (not the field, which may hold a
// paste with a secret in it), and the keys of Graph's synchronizationSecret
// enum (a key field may hold a value typed in the wrong place). What is
// dropped is empty; the cloud is checked where it is restored.
func keptForm(f savedForm) savedForm {
	kept := savedForm{Cloud: f.Cloud}
	if slices.Contains(graph.Versions(), graph.Version(f.Version)) {
		kept.Version = f.Version
	}
	if slices.Contains(graph.Kinds(), graph.Kind(f.Kind)) {
		kept.Kind = f.Kind
	}
	if id, err := graph.ParseObjectID(f.ObjectID); err == nil {
		kept.ObjectID = id
	}
	for _, k := range f.Keys {
		if k = strings.TrimSpace(k); graph.IsSecretKey(k) {
			kept.Keys = append(kept.Keys, k)
		}
	}
	for _, id := range f.Steps {
		if slices.Contains(stepOrder, stepID(id)) {
			kept.Steps = append(kept.Steps, id)
		}
	}
	return kept
}

// cloudConfig is remembered per cloud in localStorage: not secret.
type cloudConfig struct {
	Tenant   string `json:"tenant"`
	ClientID string `json:"clientId"`
}
