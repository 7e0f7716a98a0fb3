package signin_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"synctoken/graph"
	"synctoken/graph/graphtest"
	"synctoken/graph/signin"
)

// cachedAccounts counts the accounts in MSAL's cache as the store holds it.
func cachedAccounts(t *testing.T, store signin.MemoryStore) int {
	t.Helper()
	for k, v := range store {
		if strings.HasPrefix(k, "synctoken.msal.") && strings.HasPrefix(v, "{") {
			var c struct {
				Account map[string]json.RawMessage `json:"Account"`
			}
			if err := json.Unmarshal([]byte(v), &c); err != nil {
				t.Fatalf("MSAL's cache under %s: %v", k, err)
			}
			return len(c.Account)
		}
	}
	t.Fatalf("no MSAL cache in the store: %v", store)
	return 0
}

// TestSecondSignInKeepsOnlyItsAccount: after the admin signs in, then
// another user in the same tab (the sign-in page offers both), the page
// shows the second user and every token it sends is the second user's:
// MSAL lists cached accounts in no order, so any account left beside the
// last one could be picked for a token.
func TestSecondSignInKeepsOnlyItsAccount(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	cloud, _ := graph.Sandbox(sb.URL)
	store := signin.MemoryStore{}
	cfg := signin.Config{Cloud: cloud, Registration: registration(t, "organizations"), RedirectURI: appURL}
	b := &browser{origin: strings.TrimSuffix(appURL, "/")}
	si, err := signin.New(cfg, b, store)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, who := range []struct{ button, upn string }{{"user-admin", graphtest.AdminUPN}, {"user-plain", graphtest.UserUPN}} {
		authURL, pending, err := si.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		acct, err := si.Complete(ctx, pending, pickUser(t, authURL, who.button))
		if err != nil || acct.UPN != who.upn {
			t.Fatalf("sign-in as %s: %+v, %v", who.upn, acct, err)
		}
	}
	if n := cachedAccounts(t, store); n != 1 {
		t.Errorf("MSAL's cache holds %d accounts after two sign-ins, want only the last one", n)
	}
	// A reload builds a new Client over the same store.
	reloaded, err := signin.New(cfg, b, store)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		for name, s := range map[string]*signin.Client{"same": si, "reloaded": reloaded} {
			if acct, ok := s.Account(ctx); !ok || acct.UPN != graphtest.UserUPN {
				t.Fatalf("%s tab, try %d: Account = %+v, %v; want %s", name, i, acct, ok, graphtest.UserUPN)
			}
			tok, err := s.Token(ctx)
			if err != nil {
				t.Fatalf("%s tab, try %d: %v", name, i, err)
			}
			if c, _ := graph.DecodeToken(tok); c.User != graphtest.UserUPN {
				t.Fatalf("%s tab, try %d: the page shows %s but the token is %s's", name, i, graphtest.UserUPN, c.User)
			}
		}
	}
	si.SignOut(ctx)
	if _, ok := reloaded.Account(ctx); ok {
		t.Error("an account is left after Sign out")
	}
	for k := range store {
		t.Errorf("Sign out left %s in the store", k)
	}
}
