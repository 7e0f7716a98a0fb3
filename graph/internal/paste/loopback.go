package paste

import (
	"net/netip"
	"strings"
)

// IsLoopback reports whether hostport (a URL's host, with or without a
// port) is localhost or a loopback IP address. The address is parsed: a
// name that only starts with "127." (127.attacker.example) is an
// ordinary DNS name that anyone can point anywhere.
func IsLoopback(hostport string) bool {
	host := hostport
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 || (end+1 < len(host) && host[end+1] != ':') {
			return false
		}
		host = host[1:end]
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Zone() == "" && ip.IsLoopback()
}
