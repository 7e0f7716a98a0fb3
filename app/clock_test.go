package app

import (
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"testing"
	"time"

	"synctoken/graph"
)

// TestClockWakesAtTheNextChange: what the page shows of the time never
// changes before the clock's next wake (so the page is never late by more
// than the wake's 20 ms), and for a token's countdown in minutes the
// wake is not early either: the page redraws once a minute, not every
// second. Nothing counting means no clock at all.
func TestClockWakesAtTheNextChange(t *testing.T) {
	now := time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)
	token := func(left time.Duration) string {
		claims := `{"aud":"https://graph.microsoft.com","nbf":` + strconv.FormatInt(now.Add(-time.Minute).Unix(), 10) +
			`,"exp":` + strconv.FormatInt(now.Add(left).Unix(), 10) + `}`
		return "eyJhbGciOiJSUzI1NiJ9." + base64.RawURLEncoding.EncodeToString([]byte(claims)) + ".c2ln"
	}
	for _, c := range []struct {
		name  string
		page  func(p *Page)
		start time.Duration // from now
		want  time.Duration // the wake, at most 20 ms after the change
	}{
		{"a token with 59m30.5s left", func(p *Page) { p.auth.token = token(59*time.Minute + 30*time.Second) }, -500 * time.Millisecond, 30*time.Second + 520*time.Millisecond},
		{"a token with 2m10s left", func(p *Page) { p.auth.token = token(2*time.Minute + 10*time.Second) }, 0, 10*time.Second + 20*time.Millisecond},
		{"a token with 100 s left", func(p *Page) { p.auth.token = token(100 * time.Second) }, 0, 520 * time.Millisecond},
		{"a token with 100 s left, 0.3 s later", func(p *Page) { p.auth.token = token(100 * time.Second) }, 300 * time.Millisecond, 220 * time.Millisecond},
		{"an expired token", func(p *Page) { p.auth.token = token(-time.Minute) }, 0, 520 * time.Millisecond},
		{"an expired token, 0.7 s later", func(p *Page) { p.auth.token = token(-time.Minute) }, 700 * time.Millisecond, 820 * time.Millisecond},
		{"a code 4m59.5s old", func(p *Page) {
			p.authz.codeSum, p.authz.codeAt = sha256.Sum256([]byte("the-code")), now.Add(-4*time.Minute-59500*time.Millisecond)
			p.creds.rows = []graph.Credential{{Key: codeKey, Value: "the-code"}}
		}, 0, 520 * time.Millisecond},
		{"a retry in 3 s", func(p *Page) {
			p.out.sending, p.out.wait = true, &graph.Wait{Until: now.Add(3 * time.Second)}
		}, 0, 520 * time.Millisecond},
	} {
		p := &Page{}
		p.wire() // as OnInit does: the parts read each other through it
		p.target.cloud = graph.Global
		c.page(p)
		if !p.counting() {
			t.Errorf("%s: nothing counts", c.name)
			continue
		}
		from := now.Add(c.start)
		next := p.nextChange(from)
		if next > c.want || next < c.want-time.Second {
			t.Errorf("%s: the clock wakes in %s, want %s", c.name, next, c.want)
		}
		shown := p.timeShown(from)
		for d := time.Duration(0); d < next-20*time.Millisecond; d += 10 * time.Millisecond {
			if s := p.timeShown(from.Add(d)); s != shown {
				t.Errorf("%s: the page's time changed after %s, but the clock wakes after %s:\n%q\n→ %q", c.name, d, next, shown, s)
				break
			}
		}
	}
	p := &Page{}
	p.wire()
	if p.counting() {
		t.Error("a page with no token, code or retry counts: the clock would run for nothing")
	}
}
