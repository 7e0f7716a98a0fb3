package graphtest

import (
	"errors"
	"net"
	"net/http"
	"sync"
)

// A listener is the sandbox's open listening socket and the end of the
// Serve loop that accepts on it.
type listener struct {
	ln   net.Listener
	done chan struct{} // closed when Serve returns
}

// listen serves on ln until it is closed. The caller holds s.mu, or is
// NewServerAt.
func (s *Server) listen(ln net.Listener) {
	l := listener{ln: ln, done: make(chan struct{})}
	s.listener = l
	s.serving.Add(1)
	go func() {
		defer s.serving.Done()
		defer close(l.done)
		s.srv.Serve(ln)
	}()
}

// Refuse makes the sandbox's port refuse connections, as when the server
// is down, or accept them again. While on, the listening socket is closed,
// so that a connection attempt fails at once (ECONNREFUSED: in a browser,
// "Failed to fetch"), and the open connections, idle keep-alive ones
// included, are closed, so that no request slips through on them. Turning
// it off listens again on the same address, so URL is unchanged; the error
// is that of listening, should another process have taken the port
// meanwhile, or of a closed server. Requests refused this way are not
// recorded: they never reach the sandbox.
func (s *Server) Refuse(on bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errors.New("graphtest: Refuse on a closed server")
	}
	switch {
	case on && s.listener.ln != nil:
		s.listener.ln.Close()
		<-s.listener.done // no connection is accepted past this point
		s.listener = listener{}
		s.conns.closeAll()
	case !on && s.listener.ln == nil:
		ln, err := net.Listen("tcp", s.addr)
		if err != nil {
			return err
		}
		s.listen(ln)
	}
	return nil
}

// conns tracks the server's connections, so that Refuse can close them:
// http.Server closes idle ones only when it shuts down for good.
type conns struct {
	mu   sync.Mutex
	open map[net.Conn]bool
}

// track is the http.Server's ConnState hook.
func (c *conns) track(conn net.Conn, state http.ConnState) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch state {
	case http.StateNew:
		c.open[conn] = true
	case http.StateHijacked, http.StateClosed:
		delete(c.open, conn)
	}
}

func (c *conns) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for conn := range c.open {
		conn.Close()
		delete(c.open, conn)
	}
}
