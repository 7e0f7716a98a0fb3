package graph

import (
	"net/url"
	"slices"
	"strings"
)

// parseQuery reads an application/x-www-form-urlencoded query or fragment
// as browsers do (the WHATWG URL standard's parser, behind
// URLSearchParams): pairs are split on "&" alone, "+" is a space, and a
// %-escape that is not one is kept as typed. Go's url.ParseQuery instead
// drops, with an error, every pair holding an unescaped ";" (Go 1.17 on)
// or a bad escape, which made a state or code holding one vanish; nothing
// is dropped here. semi names the parameters whose pair held a ";", so
// that the field can say how it was read.
func parseQuery(raw string) (params url.Values, semi []string) {
	params = url.Values{}
	for pair := range strings.SplitSeq(raw, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		name, value = formDecode(name), formDecode(value)
		if strings.Contains(pair, ";") && !slices.Contains(semi, name) {
			semi = append(semi, name)
		}
		params[name] = append(params[name], value)
	}
	return params, semi
}

// formDecode is the WHATWG percent-decoding of one name or value, after
// "+" becomes a space: "%" not followed by two hex digits stays as is.
func formDecode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if !strings.Contains(s, "%") {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHexByte(s[i+1]) && isHexByte(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHexByte(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// atRedirectURI reports whether the landing address u is the redirect URI
// the code was issued for: the same scheme, host and path (case aside, a
// trailing "/" aside) and, when the redirect URI has a query of its own
// (OAuth allows one, and RFC 6749 §3.1.2 says it "MUST be retained when
// adding additional query parameters"), each of its parameters with its
// value. Order and escaping are free: ory/fosite and go-oauth2/oauth2
// both rebuild the query with url.Values.Encode, sorted by name. lost is
// the first parameter of the redirect URI the landing lacks, "" when none.
func atRedirectURI(u *url.URL, redirectURI string) (lost string, same bool) {
	trim := func(s string) string { return strings.TrimSuffix(s, "/") }
	at := trim(u.Scheme + "://" + u.Host + u.EscapedPath())
	r, err := url.Parse(redirectURI)
	if err != nil || r.RawQuery == "" {
		return "", strings.EqualFold(at, trim(redirectURI))
	}
	if !strings.EqualFold(at, trim(r.Scheme+"://"+r.Host+r.EscapedPath())) {
		return "", false
	}
	want, _ := parseQuery(r.RawQuery)
	got, _ := parseQuery(u.RawQuery)
	names := make([]string, 0, len(want))
	for name := range want {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range want[name] {
			if !slices.Contains(got[name], v) {
				return name + "=" + v, true
			}
		}
	}
	return "", true
}
