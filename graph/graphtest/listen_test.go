package graphtest

import (
	"errors"
	"net"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestRefuse(t *testing.T) {
	s := newSandbox(t)
	addr := strings.TrimPrefix(s.URL, "http://")
	path := "/v1.0/servicePrincipals/" + ServicePrincipals[0].ObjectID
	// A keep-alive connection is open before the port refuses.
	if r := get(t, s, path, readToken(s)); r.status != 200 {
		t.Fatalf("before: %d", r.status)
	}
	if err := s.Refuse(true); err != nil {
		t.Fatal(err)
	}
	s.Refuse(true) // a second call changes nothing
	if c, err := net.Dial("tcp", addr); err == nil || !errors.Is(err, syscall.ECONNREFUSED) {
		if c != nil {
			c.Close()
		}
		t.Errorf("dial while refusing: %v, want ECONNREFUSED", err)
	}
	before := len(s.Requests())
	if _, err := client.Get(s.URL + path); err == nil {
		t.Error("GET on the kept-alive client succeeded while refusing")
	}
	if n := len(s.Requests()); n != before {
		t.Errorf("%d requests recorded while refusing", n-before)
	}
	if err := s.Refuse(false); err != nil {
		t.Fatal(err)
	}
	s.Refuse(false)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial after Refuse(false): %v", err)
	}
	c.Close()
	if r := get(t, s, path, readToken(s)); r.status != 200 {
		t.Errorf("after: %d %s", r.status, r.body)
	}
	// Refuse and reopen again, then Close while refusing.
	s.Refuse(true)
	s.Refuse(false)
	if r := get(t, s, path, readToken(s)); r.status != 200 {
		t.Errorf("after a second reopen: %d", r.status)
	}
	s.Refuse(true)
	s.Close()
	if err := s.Refuse(false); err == nil {
		t.Error("Refuse(false) after Close succeeded")
	}
	if c, err := net.Dial("tcp", addr); err == nil {
		c.Close()
		t.Error("port open after Close")
	}
}

// TestRefuseDropsActiveRequests checks that a request waiting on a delayed
// reply fails when the port starts refusing, as when a server goes down.
func TestRefuseDropsActiveRequests(t *testing.T) {
	s := newSandbox(t)
	s.Respond(Reply{Path: ".", Delay: 30 * time.Second, Status: 500})
	errc := make(chan error, 1)
	go func() {
		_, _, err := send(s, "GET", "/v1.0/applications", readToken(s))
		errc <- err
	}()
	for len(s.Requests()) == 0 {
		time.Sleep(5 * time.Millisecond)
	}
	s.Refuse(true)
	if err := <-errc; err == nil {
		t.Error("the pending request succeeded")
	}
	s.Refuse(false)
}
