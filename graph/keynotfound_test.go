package graph

import (
	"regexp"
	"testing"
)

// TestKeyNotFoundMatchesTheRegexp checks keyNotFound against the regular
// expression it replaced, on Graph's message and on near misses.
func TestKeyNotFoundMatchesTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`Requested value '([^']*)' was not found`)
	for _, msg := range []string{
		"",
		"Requested value 'SecretTokn' was not found.",
		"Requested value '' was not found.",
		"Requested value 'a' was found. Requested value 'b' was not found.",
		"Requested value 'it's' was not found.",
		"Requested value 'x\ny' was not found",
		"Requested value 'unterminated",
		"Requested value 'a'was not found",
		"prefix Requested value 'Requested value 'k' was not found",
		"Requested value 'a' Requested value 'b' was not found",
		"requested value 'lower' was not found",
		"Requested value '\xff' was not found",
	} {
		want, wantOK := "", false
		if m := re.FindStringSubmatch(msg); m != nil {
			want, wantOK = m[1], true
		}
		if got, ok := keyNotFound(msg); got != want || ok != wantOK {
			t.Errorf("keyNotFound(%q) = %q, %v; the regexp finds %q, %v", msg, got, ok, want, wantOK)
		}
	}
}
