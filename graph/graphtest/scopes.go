package graphtest

import (
	"fmt"
	"slices"
	"strings"
)

// resourcePermissions are the delegated permissions the sandbox's Graph
// exposes and for which the ClientID app registration has consent.
var resourcePermissions = []string{Scope, JobsScope, ReadScope, "User.Read"}

// A grant is a parsed scope parameter: what was asked and what it gives.
type grant struct {
	// echo lists the resource scopes as the client wrote them, for the
	// scope member of the token response (see grantedScope).
	echo []string
	// scp lists the permissions granted, by short name, for the scp claim.
	scp                             []string
	openid, profile, email, offline bool
}

// parseScope reads a space-separated scope parameter as Entra does: the
// OpenID Connect scopes, and the resource's permissions either by full name
// ("https://127.0.0.1:PORT/Synchronization.ReadWrite.All"), by short name
// (which means Graph's, and the sandbox is Graph) or as "/.default" (every
// consented permission).
func (s *Server) parseScope(param string) (grant, *oauthError) {
	var g grant
	fields := strings.Fields(param)
	if len(fields) == 0 {
		e := missing("scope")
		return g, &e
	}
	for _, sc := range fields {
		switch strings.ToLower(sc) {
		case "openid":
			g.openid = true
			continue
		case "profile":
			g.profile = true
			continue
		case "email":
			g.email = true
			continue
		case "offline_access":
			g.offline = true
			continue
		}
		perm := sc
		if i := strings.LastIndex(sc, "/"); strings.Contains(sc, "://") && i >= 0 {
			resource := sc[:i]
			if !strings.EqualFold(resource, s.Audience()) {
				return g, &oauthError{"invalid_resource", 500011, fmt.Sprintf("The resource principal named %s "+
					"was not found in the tenant named %s. This can happen if the application has not been installed "+
					"by the administrator of the tenant or consented to by any user in the tenant. You might have sent "+
					"your authentication request to the wrong tenant.", resource, tenantName)}
			}
			perm = sc[i+1:]
		}
		switch i := slices.IndexFunc(resourcePermissions, func(p string) bool { return strings.EqualFold(p, perm) }); {
		case perm == ".default":
			g.scp = append(g.scp, resourcePermissions...)
		case i >= 0:
			g.scp = append(g.scp, resourcePermissions[i])
		default:
			return g, &oauthError{"invalid_scope", 70011, fmt.Sprintf("The provided value for the input parameter "+
				"'scope' is not valid. The scope '%s' is not valid.", sc)}
		}
		g.echo = append(g.echo, sc)
	}
	if len(g.scp) == 0 { // only OpenID Connect scopes: Entra gives a Graph token for User.Read
		g.scp, g.echo = []string{"User.Read"}, []string{"User.Read"}
		for _, oidc := range []struct {
			name string
			on   bool
		}{{"openid", g.openid}, {"profile", g.profile}, {"email", g.email}} {
			if oidc.on {
				g.echo = append(g.echo, oidc.name)
			}
		}
	}
	slices.Sort(g.scp)
	g.scp = slices.Compact(g.scp)
	return g, nil
}

// grantedScope is the scope member of a token response: the resource
// scopes as requested. Entra leaves out offline_access (and, for a resource
// scope request, openid and profile), and MSAL Go v1.10.1 fails a response
// that lacks a scope its caller passed ("declined scopes"): so a caller
// should pass MSAL only the resource scope, which MSAL completes with
// "openid offline_access profile" on the wire.
func (g grant) grantedScope() string { return strings.Join(g.echo, " ") }

// permissions are what the sign-in page says the app asks for: the
// resource's permissions, then the OpenID Connect scopes.
func (g grant) permissions() []string {
	out := append([]string(nil), g.scp...)
	for _, oidc := range []struct {
		name string
		on   bool
	}{{"openid", g.openid}, {"profile", g.profile}, {"email", g.email}, {"offline_access", g.offline}} {
		if oidc.on {
			out = append(out, oidc.name)
		}
	}
	return out
}
