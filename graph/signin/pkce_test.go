package signin

import "testing"

func TestPKCE(t *testing.T) {
	// RFC 7636 appendix B.
	if got := Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"); got != "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM" {
		t.Errorf("Challenge = %q", got)
	}
	v := NewVerifier()
	if len(v) < 43 || len(v) > 128 || v == NewVerifier() {
		t.Errorf("verifier %q", v)
	}
}
