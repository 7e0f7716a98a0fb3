package app

import (
	"net/http"
	"reflect"
	"strings"
	"synctoken/graph/signin"
	"testing"
	"unsafe"

	"synctoken/graph"
)

// TestSessionEndDropsAndResets: a ticket taken before the session ends
// is dead after it and its context cancelled, and end tells each part,
// once and in order, why.
func TestSessionEndDropsAndResets(t *testing.T) {
	var s session
	var told []string
	for _, name := range []string{"first", "second"} {
		s.parts = append(s.parts, resetFunc(func(e sessionEnd) { told = append(told, name+": "+e.why) }))
	}
	before := s.ticket()
	if !before.live() || before.ctx.Err() != nil {
		t.Fatal("a ticket of the current session is not live: the checks below would pass vacuously")
	}
	s.end(sessionEnd{why: "you signed out", leave: true})
	if before.live() {
		t.Error("a ticket taken before end is still live after it")
	}
	if before.ctx.Err() == nil {
		t.Error("end does not cancel the context of the work under way")
	}
	if got := strings.Join(told, "; "); got != "first: you signed out; second: you signed out" {
		t.Errorf("end told the parts %q", got)
	}
	after := s.ticket()
	if !after.live() || after.ctx.Err() != nil {
		t.Error("a ticket of the new session is not live")
	}
}

// TestSessionEndStopsTheSendAndForgets: on a mounted page, ending the
// session stops the send in flight saying why, and leaving it drops what
// the Admin Credentials parts read.
func TestSessionEndStopsTheSendAndForgets(t *testing.T) {
	p := oauthPage(t)
	cancelled := false
	p.out.sending, p.out.cancel = true, func() { cancelled = true }
	p.validate.jobs, p.save.saved = []graph.Job{{ID: "scim.1"}}, []graph.Credential{{Key: "SecretToken"}}
	p.session.end(sessionEnd{why: "a sign-in began"})
	if p.out.sending || !cancelled || !strings.Contains(p.out.err, "stopped because a sign-in began") {
		t.Errorf("after end the send is sending=%v, cancelled=%v, says %q", p.out.sending, cancelled, p.out.err)
	}
	if p.validate.jobs == nil || p.save.saved == nil {
		t.Error("a sign-in's beginning dropped what Test connection and Save read")
	}
	p.session.end(sessionEnd{why: "you signed out", leave: true})
	if p.validate.jobs != nil || p.save.saved != nil {
		t.Error("leaving the session keeps what Test connection and Save read")
	}
}

// TestWireRegistersEveryPart: every part of the page that answers the end
// of a session is told when it ends: one left out would keep a session's
// work, or what it read, into the next.
func TestWireRegistersEveryPart(t *testing.T) {
	p := &Page{}
	p.wire()
	registered := map[resetter]bool{}
	for _, r := range p.session.parts {
		registered[r] = true
	}
	v := reflect.ValueOf(p).Elem()
	parts := 0
	for i := range v.NumField() {
		f := v.Field(i)
		r, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Interface().(resetter)
		if !ok {
			continue
		}
		parts++
		if !registered[r] {
			t.Errorf("Page.%s resets at a session's end, but wire does not register it", v.Type().Field(i).Name)
		}
	}
	if parts == 0 {
		t.Fatal("no part of the page resets: the check would pass vacuously")
	}
	if len(p.session.parts) != parts {
		t.Errorf("wire registers %d parts, the page has %d that reset", len(p.session.parts), parts)
	}
}

// resetFunc is a resetter written as a function, for the tests.
type resetFunc func(sessionEnd)

func (f resetFunc) reset(e sessionEnd) { f(e) }

// TestSignOutForgetsEveryClient: after Sign out no MSAL client of the
// session is kept, the signed-out one included (session.end closed the
// others; signin's own tests show a closed client is inert).
func TestSignOutForgetsEveryClient(t *testing.T) {
	p := oauthPage(t)
	reg, err := graph.ParseRegistration("contoso.onmicrosoft.com", "0f4c2d1e-8b7a-4c6d-9e5f-1a2b3c4d5e6f")
	if err != nil {
		t.Fatal(err)
	}
	cfg := signin.Config{Cloud: graph.Global, Registration: reg, RedirectURI: "https://synctoken.example/"}
	var clients []*signin.Client
	for range 2 {
		si, err := signin.New(cfg, http.DefaultClient, signin.MemoryStore{})
		if err != nil {
			t.Fatal(err)
		}
		p.auth.track(si)
		clients = append(clients, si)
	}
	p.auth.signin, p.auth.account = clients[0], &signin.Account{UPN: "admin@contoso.com"}
	p.auth.signOut()
	if len(p.auth.clients) != 0 {
		t.Errorf("after Sign out the session still keeps %d MSAL clients", len(p.auth.clients))
	}
	if p.auth.signin != nil || p.auth.account != nil {
		t.Error("after Sign out the page is still signed in")
	}
}
