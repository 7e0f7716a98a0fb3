package signin_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"synctoken/graph"
	"synctoken/graph/graphtest"
	"synctoken/graph/signin"
)

// lockedStore is a MemoryStore safe for the goroutines of one test, as a
// tab's sessionStorage is for its one thread.
type lockedStore struct {
	mu sync.Mutex
	m  signin.MemoryStore
}

func (s *lockedStore) Get(k string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Get(k)
}
func (s *lockedStore) Set(k, v string) { s.mu.Lock(); defer s.mu.Unlock(); s.m.Set(k, v) }
func (s *lockedStore) Delete(k string) { s.mu.Lock(); defer s.mu.Unlock(); s.m.Delete(k) }
func (s *lockedStore) keys() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ks []string
	for k := range s.m {
		ks = append(ks, k)
	}
	return ks
}

// heldRefresh signs in to a sandbox over store, then starts a refresh (the
// first token for Look up's scope, which only the refresh token can get)
// that the sandbox holds on the wire; it returns once the refresh has
// arrived there, with what releases it and the refresh's outcome.
func heldRefresh(t *testing.T, store signin.Store) (cfg signin.Config, si *signin.Client, b *browser, hold *graphtest.Hold, done <-chan error) {
	t.Helper()
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	cloud, _ := graph.Sandbox(sb.URL)
	cfg = signin.Config{Cloud: cloud, Registration: registration(t, "organizations"), RedirectURI: appURL}
	b = &browser{origin: strings.TrimSuffix(appURL, "/")}
	si, err := signin.New(cfg, b, store)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	authURL, pending, err := si.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := si.Complete(ctx, pending, pickUser(t, authURL, "user-admin")); err != nil {
		t.Fatal(err)
	}
	hold = sb.HoldRefresh()
	t.Cleanup(func() {
		select {
		case <-hold.Arrived():
		default:
			return
		}
		select {
		case <-hold.Answered():
		default:
			hold.Release()
		}
	})
	out := make(chan error, 1)
	go func() {
		_, err := si.TokenFor(ctx, graph.LookupScope(cloud))
		out <- err
	}()
	select {
	case <-hold.Arrived():
	case err := <-out:
		t.Fatalf("the refresh was not held: it ended with %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no refresh reached the sandbox in 10 s")
	}
	return cfg, si, b, hold, out
}

// TestSignOutOutlivesARefreshInFlight: Sign out while a silent refresh is
// on the wire; its answer, which carries a new refresh token, comes back
// after. The store stays empty, a reload finds no session to resume, and
// the signed-out client gives no token.
func TestSignOutOutlivesARefreshInFlight(t *testing.T) {
	store := &lockedStore{m: signin.MemoryStore{}}
	cfg, si, b, hold, done := heldRefresh(t, store)
	ctx := context.Background()

	si.SignOut(ctx)
	hold.Release()
	select {
	case err := <-done:
		if err == nil {
			t.Error("the refresh of a signed-out client gave a token")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the held refresh did not end in 10 s after its release")
	}
	<-hold.Answered()

	for _, k := range store.keys() {
		t.Errorf("after Sign out, the late refresh left %s in the store", k)
	}
	if signin.HasSession(cfg, store) {
		t.Error("a reload would resume the signed-out session")
	}
	resumed, err := signin.New(cfg, b, store)
	if err != nil {
		t.Fatal(err)
	}
	if acct, ok := resumed.Account(ctx); ok {
		t.Errorf("resume finds %s signed in after Sign out", acct.UPN)
	}
	if _, err := resumed.Token(ctx); err == nil {
		t.Error("resume gets a token after Sign out")
	}
	if _, ok := si.Account(ctx); ok {
		t.Error("the signed-out client still names an account")
	}
}

// TestClosedClientWritesNothing: a client closed (a cloud switch, another
// sign-in) while its refresh is on the wire drops the refresh's answer:
// the store keeps what it held when the client was closed, and the
// closed client gives neither that token nor any other.
func TestClosedClientWritesNothing(t *testing.T) {
	store := &lockedStore{m: signin.MemoryStore{}}
	_, si, _, hold, done := heldRefresh(t, store)
	before := map[string]string{}
	for _, k := range store.keys() {
		before[k], _ = store.Get(k)
	}
	si.Close()
	hold.Release()
	select {
	case err := <-done:
		if err == nil {
			t.Error("the refresh of a closed client gave a token")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the held refresh did not end in 10 s after its release")
	}
	<-hold.Answered()
	after := store.keys()
	if len(after) != len(before) {
		t.Errorf("the store held %d keys when the client was closed, %d after its refresh answered", len(before), len(after))
	}
	for k, v := range before {
		if got, _ := store.Get(k); got != v {
			t.Errorf("a closed client's refresh rewrote %s", k)
		}
	}
	if _, err := si.Token(context.Background()); err == nil {
		t.Error("a closed client gives a token")
	}
}

// TestDiscardKeepsTheLiveSession: a sign-in that succeeded after its
// session ended is discarded. When the sign-in that ended it used the same
// cloud and app registration, the store holds that sign-in's session, and
// a reload must resume it; with no such sign-in (Sign out, a cloud switch),
// the discarded sign-in leaves nothing a reload could resume.
func TestDiscardKeepsTheLiveSession(t *testing.T) {
	sb := graphtest.NewServer()
	t.Cleanup(sb.Close)
	sb.AllowRedirectURI(appURL)
	cloud, _ := graph.Sandbox(sb.URL)
	cfg := signin.Config{Cloud: cloud, Registration: registration(t, "organizations"), RedirectURI: appURL}
	b := &browser{origin: strings.TrimSuffix(appURL, "/")}
	ctx := context.Background()
	signIn := func(store signin.Store, user string) *signin.Client {
		t.Helper()
		si, err := signin.New(cfg, b, store)
		if err != nil {
			t.Fatal(err)
		}
		authURL, pending, err := si.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := si.Complete(ctx, pending, pickUser(t, authURL, user)); err != nil {
			t.Fatal(err)
		}
		return si
	}
	resumed := func(store signin.Store) (signin.Account, bool) {
		t.Helper()
		si, err := signin.New(cfg, b, store)
		if err != nil {
			t.Fatal(err)
		}
		return si.Account(ctx)
	}

	// The late sign-in (plain) redeemed its code first; the admin's second
	// sign-in (admin) completed and ended its session.
	store := &lockedStore{m: signin.MemoryStore{}}
	late := signIn(store, "user-plain")
	live := signIn(store, "user-admin")
	want, ok := live.Account(ctx)
	if !ok {
		t.Fatal("the live sign-in names no account")
	}
	late.Close() // what the live sign-in's session start does to the others
	late.Discard(ctx, live)
	if got, ok := resumed(store); !ok || got.UPN != want.UPN {
		t.Errorf("after discarding the late sign-in, a reload resumes %q (%v), want the live %q", got.UPN, ok, want.UPN)
	}
	if _, err := late.Token(ctx); err == nil {
		t.Error("the discarded client still gives a token")
	}

	// No sign-in took its place: nothing is left to resume.
	store = &lockedStore{m: signin.MemoryStore{}}
	late = signIn(store, "user-plain")
	late.Discard(ctx, nil)
	if got, ok := resumed(store); ok {
		t.Errorf("after discarding the only sign-in, a reload resumes %s", got.UPN)
	}
	for _, k := range store.keys() {
		t.Errorf("the discarded sign-in left %s in the store", k)
	}
}
