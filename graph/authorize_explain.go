package graph

import (
	"errors"
	"net/http"
	"strings"
	"synctoken/graph/internal/paste"
)

// ExplainCodeSend explains the answer to an acquireAccessToken that
// carried an authorization code (CarriesAuthorizationCode): Authorize. It
// is Explain, except that nothing is ever Retryable, since a code works
// once and a send that failed may have spent it, and that:
//
//   - 204 means only that the provisioning service took the code; it
//     redeems it with the vendor itself, and Test connection proves it;
//   - 429, 503, 504 and no answer at all say the code may be spent:
//     Authorize again rather than send it again;
//   - a 400 naming the vendor's invalid_grant says why the vendor refused
//     the code (used, expired, another redirect URI, unknown).
func ExplainCodeSend(resp *Response, sendErr error, claims *Claims, cloud Cloud, kind Kind) Explanation {
	x := Explain(resp, sendErr, claims, cloud, kind)
	x.Retryable = false
	const again = "Authorize again for a fresh code and send it once; do not send this code again."
	switch {
	case resp == nil && sendErr == nil:
		return x
	case resp == nil:
		var se *SendError
		if errors.As(sendErr, &se) && se.Kind == "cancelled" {
			x.Cause += " The code may have reached Graph, and the vendor may have spent it."
		} else {
			x.Cause += " The code was not sent again: it works once, and Graph may have passed it to the vendor already."
		}
		x.Next = again
		return x
	case resp.Status == http.StatusNoContent:
		return why("Code handed over (204 No Content)",
			"The provisioning service took the authorization code and redeems it with the vendor itself; the 204 does not say whether the vendor accepted it, and the vendor's token never reaches this page.",
			"Press Test connection with the saved credentials: it proves that Authorize worked. Then Save.")
	case retryable(*resp):
		x.Title = "Graph is busy; the code was not sent again (" + statusText(*resp) + ")"
		x.Cause = "Graph throttled the request or was briefly unavailable. An authorization code works once and expires within minutes, and Graph may have passed it to the vendor before failing, so it was not retried."
		x.Next = "Wait a minute, then " + again
		return x
	case resp.Status == http.StatusBadRequest && resp.Error != nil && strings.Contains(resp.Error.Message, "invalid_grant"):
		return explainInvalidGrant(resp.Error.Message)
	case resp.Status >= 500:
		x.Cause += " The code may have been spent before Graph failed."
		x.Next = again
	}
	return x
}

// explainInvalidGrant says why the vendor refused a code, from the words
// of its invalid_grant as Graph passes them on.
func explainInvalidGrant(msg string) Explanation {
	said := " The vendor's words, through Graph: " + paste.QuoteShort(msg) + "."
	lower := strings.ToLower(msg)
	next := "Authorize again for a fresh code and send it at once."
	switch {
	case strings.Contains(lower, "used") || strings.Contains(lower, "redeemed"):
		return why("The code was used already (invalid_grant)", "The vendor redeems a code once, and this one was redeemed before: sent twice, or Authorize was pressed in the portal too."+said, next)
	case strings.Contains(lower, "expired"):
		return why("The code expired (invalid_grant)", "Vendors' codes expire within minutes of Authorize, and this one did before it reached the vendor."+said, next)
	case strings.Contains(lower, "redirect"):
		return why("The redirect URI differs (invalid_grant)", "The vendor issued the code for another redirect URI than the Oauth2RedirectUri sent: they must be the same, character for character."+said,
			"Authorize again with the redirect URI the vendor has registered, and send the code with that same redirect URI.")
	}
	return why("The vendor refused the code (invalid_grant)", "The vendor does not accept this code: it is unknown, mistyped, or for another app."+said,
		"Paste the landing address whole rather than the code alone, or "+next)
}
