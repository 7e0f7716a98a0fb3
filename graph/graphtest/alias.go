package graphtest

import "net"

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
// logout endpoints (and the keys) on AliasHost instead of the sandbox's own
// name, as a China tenant's configuration names login.partner.microsoftonline.cn
// when the authority is login.chinacloudapi.cn: MSAL follows the
// configuration, so its token requests go to the alias. The issuer keeps the
// sandbox's own name, which MSAL checks against the authority (Entra's real
// aliases are on MSAL's list of trusted hosts; a loopback name is not).
// Both names reach the same listener, and the sign-in page works on either.
// It panics when the sandbox has no alias, as a test should fail.
func (s *Server) UseAliasHost() {
	if s.AliasHost() == "" {
		panic("graphtest: UseAliasHost: the sandbox at " + s.host + " has no second name")
	}
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.alias = true
}

// endpointHost is the host the OpenID configuration names its endpoints on.
func (s *Server) endpointHost() string {
	s.entra.mu.Lock()
	alias := s.entra.alias
	s.entra.mu.Unlock()
	if alias {
		return s.AliasHost()
	}
	return s.host
}
