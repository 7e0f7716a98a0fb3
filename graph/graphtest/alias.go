package graphtest

import (
	"net"
	"strings"
)

// AliasHost is the sandbox's second name for the same listener:
// "localhost:PORT" when it is "127.0.0.1:PORT", "" when it has none (it
// listens on another address). graph.Sandbox gives the sandbox's cloud the
// same alias, so that sign-in accepts requests to it.
func (s *Server) AliasHost() string {
	host, port, err := net.SplitHostPort(s.host)
	if err != nil || host != "127.0.0.1" {
		return ""
	}
	return net.JoinHostPort("localhost", port)
}

// UseAliasHost makes the OpenID configuration name the authorize, token and
// logout endpoints (and the keys) on AliasHost whichever name it was asked
// on, the issuer staying on the sandbox's own name (which MSAL checks
// against the authority: Entra's real hosts are on MSAL's list of trusted
// hosts; a loopback name is not). Entra does not do this: a configuration
// names its endpoints on the host it was asked on (see endpointHost). It
// stands in for a configuration that sends sign-in to another of the
// cloud's sign-in hosts, to check that sign-in follows MSAL there and that
// the transport and the page's Content-Security-Policy let it: both names
// reach the same listener, and the sign-in page works on either.
// It panics when the sandbox has no alias, as a test should fail.
func (s *Server) UseAliasHost() {
	if s.AliasHost() == "" {
		panic("graphtest: UseAliasHost: the sandbox at " + s.host + " has no second name")
	}
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.alias = true
}

// endpointHost is the host the OpenID configuration names its endpoints
// on, asked being the Host it was requested with. As a China tenant's
// does, it is the name asked (the sandbox's own or AliasHost) while the
// issuer stays on the sandbox's own name: asked on login.chinacloudapi.cn
// or on login.partner.microsoftonline.cn, China's configuration names its
// authorize and token endpoints on the host asked and its issuer on
// login.partner.microsoftonline.cn (MSAL.js's recorded metadata;
// ../shared/reference/README.md "Clouds"). Another name (a proxy's) is not
// trusted: the sandbox's own is used. UseAliasHost overrides all this.
func (s *Server) endpointHost(asked string) string {
	s.entra.mu.Lock()
	alias := s.entra.alias
	s.entra.mu.Unlock()
	switch {
	case alias:
		return s.AliasHost()
	case asked != "" && strings.EqualFold(asked, s.AliasHost()):
		return s.AliasHost()
	}
	return s.host
}
