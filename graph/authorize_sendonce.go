package graph

import (
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
	"unicode"
)

// An authorization code is single-use and short-lived: the vendor redeems
// it once, for the provisioning service, within minutes of issuing it. So a
// request that carries one is sent once, at once, and never again
// unchanged: a second send of a spent code can only fail, and a failed
// first send may already have spent it. What to do after any failure is to
// Authorize again for a fresh code.

// CodeLifetime is how long after Authorize a code is still worth sending.
// Vendors' codes expire within minutes (Entra's own after 10, many vendors'
// sooner): an older one needs a new Authorize.
const CodeLifetime = 10 * time.Minute

// CarriesAuthorizationCode reports whether creds hold an
// Oauth2AuthorizationCode with a value, under any spelling (IsCodeKey): a
// request that must be sent once.
func CarriesAuthorizationCode(creds []Credential) bool {
	for _, c := range creds {
		if IsCodeKey(c.Key) && c.Value != "" {
			return true
		}
	}
	return false
}

// sendOnce is the Backoff of a request that must not be repeated: one send,
// no retry, whatever the answer.
var sendOnce = Backoff{Attempts: 1}

// BackoffFor returns how a request with creds may be retried: sendOnce when
// it carries an authorization code, DefaultBackoff otherwise.
func BackoffFor(creds []Credential) Backoff {
	if CarriesAuthorizationCode(creds) {
		return sendOnce
	}
	return DefaultBackoff
}

// CheckCodeAge says, for the code field, whether a code obtained at
// obtained is still worth sending at now: an Error past CodeLifetime, a
// Warning past half of it, nothing before (or for a zero obtained).
func CheckCodeAge(obtained, now time.Time) []Problem {
	if obtained.IsZero() {
		return nil
	}
	age := now.Sub(obtained)
	switch {
	case age > CodeLifetime:
		return oneProblem(Error, "The code is "+ageText(age)+" old: vendors' codes expire within minutes, so this one will be refused. Authorize again for a new code.")
	case age > CodeLifetime/2:
		return oneProblem(Warning, "The code is "+ageText(age)+" old and expires within minutes: send it now, or Authorize again.")
	}
	return nil
}

// ageText writes an age in whole minutes, or seconds under one.
func ageText(d time.Duration) string {
	if d < time.Minute {
		return strconv.Itoa(int(d.Seconds())) + " seconds"
	}
	if m := int(d.Minutes()); m != 1 {
		return strconv.Itoa(m) + " minutes"
	}
	return "1 minute"
}

// IsCodeKey reports whether key names the authorization code however it
// is spelt: trimmed, in any case, with invisible characters removed. The
// key checks refuse such spellings for sending, but wherever the code is
// singled out (Save's plan, a copy with values, send-once, Test
// connection) a misspelt code is still a code: it must never be saved,
// copied, retried or spent by a test.
func IsCodeKey(key string) bool {
	if len(key) > paste.MaxKeyBytes {
		return false
	}
	var b strings.Builder
	for _, r := range key {
		if !paste.IsInvisible(r) && !unicode.IsSpace(r) {
			b.WriteRune(r)
		}
	}
	return strings.EqualFold(b.String(), KeyOauth2AuthorizationCode)
}
