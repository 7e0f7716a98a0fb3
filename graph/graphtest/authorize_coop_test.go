package graphtest

import "testing"

// TestSignInCOOP: the sign-in pages send Cross-Origin-Opener-Policy only
// when asked to, on the account picker and on the error page alike.
func TestSignInCOOP(t *testing.T) {
	s := newEntra(t)
	_, challenge := newVerifier()
	picker := authorizePath(TenantDomain, authorizeParams(s, challenge, nil))
	errorPage := authorizePath("no-such-tenant", authorizeParams(s, challenge, nil))
	for _, on := range []bool{false, true, false} {
		s.SetSignInCOOP(on)
		want := ""
		if on {
			want = "same-origin"
		}
		for name, path := range map[string]string{"account picker": picker, "error page": errorPage} {
			r := call(t, s, "GET", path, nil, "")
			if got := r.header.Get("Cross-Origin-Opener-Policy"); got != want {
				t.Errorf("SetSignInCOOP(%v): the %s (%d) sends COOP %q, want %q", on, name, r.status, got, want)
			}
		}
	}
}
