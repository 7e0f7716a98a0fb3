package signin

import (
	"errors"
	"strings"

	"synctoken/graph"
)

// NeedsConsent reports whether err is Entra asking for the admin's
// consent or another interactive sign-in (AADSTS65001, consent_required,
// interaction_required), which only the sign-in page can give.
func NeedsConsent(err error) bool {
	if err == nil {
		return false
	}
	var se *Error
	if !errors.As(err, &se) {
		return false
	}
	msg := se.Err.Error()
	for _, mark := range []string{"AADSTS65001", "consent_required", "interaction_required", "AADSTS50076", "AADSTS50079"} {
		if strings.Contains(msg, mark) {
			return true
		}
	}
	return false
}

// Error is a failed token request, with Entra's error code when it
// sent one (AADSTS…).
type Error struct {
	Message string
	Err     error
}

func (e *Error) Error() string { return e.Message }
func (e *Error) Unwrap() error { return e.Err }

// newError returns an *Error: one call where a composite literal at each
// site would be an allocation and write barriers, more bytes of wasm.
func newError(msg string, err error) error { return &Error{Message: msg, Err: err} }

// tokenUnreadable explains a token request that the browser answered
// with a failed fetch. Entra's token endpoint sends some refusals (401s)
// without CORS headers, so the page cannot tell a refusal from a network
// failure: it says both, and what to check for a refusal.
const tokenUnreadable = "The sign-in service could not be reached, or Entra ID may have refused the sign-in: " +
	"it sends some refusals (such as 401) without the headers that let a page read them, and the browser reports both " +
	"the same way. If you are online, check that this page's address is registered as a redirect URI of the app " +
	"registration under the Single-page application platform (not Web), that consent to " + graph.SyncScope + " " +
	"was granted, and that Tenant names the app registration's tenant. Otherwise the browser is offline, or a proxy " +
	"or an extension blocked the request."

func explainError(err error) error {
	var se *graph.SendError
	if errors.As(err, &se) {
		return newError("The sign-in service could not be reached: "+se.Message, err)
	}
	msg := err.Error()
	// MSAL does not always wrap the client's error: match its text too.
	if errors.Is(err, errTokenUnreadable) || strings.Contains(msg, errTokenUnreadable.Error()) {
		return newError(tokenUnreadable, err)
	}
	if isFetchFailure(err) {
		return newError("The sign-in service could not be reached: the browser got no answer (offline, blocked by a proxy or extension, or the host is down).", err)
	}
	if i := strings.Index(msg, errForeignHost.Error()); i >= 0 {
		return newError(msg[i:], err)
	}
	if i := strings.Index(msg, "AADSTS"); i >= 0 {
		msg = msg[i:]
		// The description sits in raw JSON: it ends at an escaped line
		// break (before "Trace ID") or at the closing quote.
		for _, end := range []string{`\r\n`, `"`} {
			if j := strings.Index(msg, end); j > 0 {
				msg = msg[:j]
			}
		}
		return newError("Entra ID refused: "+msg, err)
	}
	return newError("Sign-in failed: "+msg, err)
}
