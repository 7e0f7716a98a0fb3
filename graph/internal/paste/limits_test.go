package paste

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSizeText(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string
	}{
		{0, "0 bytes"}, {1, "1 byte"}, {1023, "1023 bytes"}, {1024, "1 KiB (1024 bytes)"},
		{65536, "64 KiB (65536 bytes)"}, {70000, "68.4 KiB (70000 bytes)"}, {1 << 20, "1 MiB (1048576 bytes)"},
	} {
		if got := SizeText(tt.n); got != tt.want {
			t.Errorf("sizeText(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// TestGUIDChainLabelSearchIsBounded pastes GUIDs joined by dots, hyphens
// and underscores, up to the paste limit. Each label search reads at most
// maxLabel bytes back, so the chain is read in one pass (unbounded, each
// search would read the whole chain before its GUID: time in the square of
// the paste's length).
func TestGUIDChainLabelSearchIsBounded(t *testing.T) {
	for _, sep := range []string{".", "-", "_"} {
		var b strings.Builder
		for i := 0; b.Len()+37 <= MaxPasteBytes; i++ {
			fmt.Fprintf(&b, "%08x-9b8d-4e7f-a6b5-c4d3e2f1a0b9%s", i, sep)
		}
		chain := b.String()
		if w, start := wordBefore(chain, len(chain), ""); w != "" || len(chain)-start > maxLabel+1 {
			t.Errorf("%q chain: wordBefore read %d bytes back (at most %d) and found %q", sep, len(chain)-start, maxLabel+1, w)
		}
	}
}

// badInputShort quotes s for a case table's log, shortened.
func badInputShort(s string) string {
	if len(s) > 200 {
		q := strconv.QuoteToASCII(s[:24])
		return fmt.Sprintf("%s… (%d bytes)", q[:len(q)-1], len(s))
	}
	q := strconv.QuoteToASCII(s)
	if utf8.RuneCountInString(q) > 40 {
		q = string([]rune(q)[:39]) + "…"
	}
	return q
}

// badInputMessages joins problems the way a case table prints them.
func badInputMessages(ps []Problem) string {
	if len(ps) == 0 {
		return "ok"
	}
	var parts []string
	for _, p := range ps {
		parts = append(parts, p.Severity.String()+": "+p.Message)
	}
	return strings.Join(parts, " | ")
}

func badInputOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

const testToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl"

func jwtWith(t *testing.T, claims map[string]any) string {
	t.Helper()
	b, err := json.Marshal(claims)
	if err != nil {
		t.Fatal(err)
	}
	return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString(b) + ".c2ln"
}
