package graphtest

import (
	"net/http"
	"net/url"
)

// A Hold keeps one refresh-token redemption on the wire until Release:
// what a slow network does to a silent token refresh, so that a test can
// end the client's session (Sign out, a cloud switch) while the refresh
// is in flight and see what its late answer does.
type Hold struct {
	arrived  chan struct{}
	release  chan struct{}
	answered chan struct{}
}

// HoldRefresh holds the token endpoint's next refresh_token grant after it
// arrives and before it is redeemed, until Release is called (or the
// client gives up, or the sandbox closes). Only one grant is held.
func (s *Server) HoldRefresh() *Hold {
	h := &Hold{arrived: make(chan struct{}), release: make(chan struct{}), answered: make(chan struct{})}
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.hold = h
	return h
}

// Arrived is closed once the held request has reached the sandbox.
func (h *Hold) Arrived() <-chan struct{} { return h.arrived }

// Release lets the held request be answered. It may be called once.
func (h *Hold) Release() { close(h.release) }

// Answered is closed once the held request has been answered (or given up).
func (h *Hold) Answered() <-chan struct{} { return h.answered }

// takeHold returns the Hold waiting for form, a token request, if it is a
// refresh_token grant, and forgets it so that the next one goes through.
func (s *Server) takeHold(form url.Values) *Hold {
	if form.Get("grant_type") != "refresh_token" {
		return nil
	}
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	h := s.entra.hold
	s.entra.hold = nil
	return h
}

// wait signals the request's arrival and waits for Release; false when the
// client went away or the sandbox is closing, and the request is not worth
// answering.
func (h *Hold) wait(r *http.Request, stop <-chan struct{}) bool {
	close(h.arrived)
	select {
	case <-h.release:
		return true
	case <-r.Context().Done():
	case <-stop:
	}
	return false
}
