package app

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestExpiredCodeIsRefused: a code older than its lifetime disables Send,
// with the reason and a way to authorize again, and is not sent.
func TestExpiredCodeIsRefused(t *testing.T) {
	p := oauthPage(t)
	p.authz.pasted = "https://vendor.example/authorize?client_id=c&response_type=code"
	a, err := p.authz.authorization()
	if err != nil {
		t.Fatal(err)
	}
	p.authz.takeLanding(p.session.page, a.RedirectURI+"?code=old-code&state="+a.State, a, false)
	if codeOf(p.creds.rows) != "old-code" {
		t.Fatalf("rows = %v", p.creds.rows)
	}
	now := time.Now()
	p.authz.codeAt, p.now = now.Add(-11*time.Minute), now
	html := rerender(t, p)
	blocked := html[strings.Index(html, `class="send"`):]
	if !strings.Contains(html, `id="send" disabled`) && !regexpSendDisabled(html) {
		t.Error("Send is not disabled for an 11-minute-old code")
	}
	if !strings.Contains(blocked, "Send is disabled") || !strings.Contains(blocked, "11 minutes old") {
		t.Error("Send does not say that the code expired")
	}
	if !strings.Contains(html, `id="code-age-authorize"`) {
		t.Error("no way to authorize again next to Send")
	}
	p.handover.sendAuthorize(p.session.page, false)
	if p.out.sending || len(p.authz.sentCodes) != 0 {
		t.Error("an expired code was sent")
	}

	p.authz.codeAt = now.Add(-time.Minute)
	if html := rerender(t, p); regexpSendDisabled(html) || strings.Contains(html, `id="code-age-authorize"`) {
		t.Error("a fresh code is refused")
	}
}

// regexpSendDisabled reports whether the Send button is rendered disabled.
func regexpSendDisabled(html string) bool {
	i := strings.Index(html, `id="send"`)
	if i < 0 {
		return false
	}
	start := strings.LastIndex(html[:i], "<button")
	end := strings.Index(html[i:], ">")
	return strings.Contains(html[start:i+end], "disabled")
}

// TestCodeKeptByDigestOnly: once filled into its row, the code is nowhere
// else in the page's state in plain text.
func TestCodeKeptByDigestOnly(t *testing.T) {
	p := oauthPage(t)
	p.authz.pasted = "https://vendor.example/authorize?client_id=c&response_type=code"
	a, err := p.authz.authorization()
	if err != nil {
		t.Fatal(err)
	}
	for _, arrived := range []bool{false, true} {
		code := fmt.Sprintf("plain-code-%v", arrived)
		p.authz.takeLanding(p.session.page, a.RedirectURI+"?code="+code+"&state="+a.State, a, arrived)
		if codeOf(p.creds.rows) != code {
			t.Fatalf("rows = %v", p.creds.rows)
		}
		if s := fmt.Sprintf("%#v", p.authz); strings.Contains(s, code) {
			t.Errorf("arrived %v: the page keeps the code beside its row: %s", arrived, s)
		}
		if len(p.authz.codeAge(p.now)) != 0 {
			t.Errorf("a fresh code is warned: %v", p.authz.codeAge(p.now))
		}
		p.now = p.authz.codeAt.Add(11 * time.Minute)
		if len(p.authz.codeAge(p.now)) == 0 {
			t.Errorf("arrived %v: the row's code is not recognised as the one that came back", arrived)
		}
		p.now = p.authz.codeAt
	}
}
