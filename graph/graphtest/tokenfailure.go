package graphtest

import (
	"fmt"
	"time"
)

// A TokenFailure is an error of Entra's token endpoint, for FailTokenWith.
// It is written in Entra's JSON shape: error, error_description
// ("AADSTSnnn: Description Trace ID: … Correlation ID: … Timestamp: …"),
// error_codes, timestamp, trace_id, correlation_id, error_uri, then
// suberror and claims when set.
type TokenFailure struct {
	// Code is the OAuth error: invalid_grant, interaction_required,
	// consent_required, invalid_request, invalid_client, server_error,
	// temporarily_unavailable...
	Code string
	// AADSTS is Entra's error number, e.g. 700084.
	AADSTS int
	// Description is the text after "AADSTSnnn: ". "{origin}" in it stands
	// for the failed request's Origin header.
	Description string
	// Suberror is Entra's hint at what the user must do: consent_required,
	// basic_action, additional_action, message_only, bad_token... Empty
	// leaves the member out.
	Suberror string
	// Claims is a claims challenge (JSON) for Conditional Access errors, to
	// send back in the claims parameter of the next authorize request.
	// Empty leaves the member out.
	Claims string
	// Status is the HTTP status; 0 takes Entra's for Code (see FailToken).
	Status int
	// NoCORS answers without any Access-Control-* header, as Entra's token
	// endpoint answers some refusals (401s among them): a browser then
	// hands the page no answer at all, only a failed fetch, so the page
	// cannot tell the refusal from a network failure.
	NoCORS bool
}

// graphAppID is Microsoft Graph's application id, which Entra names in its
// Conditional Access errors.
const graphAppID = "00000003-0000-0000-c000-000000000000"

// KnownTokenFailure returns the failure Entra's token endpoint sends with
// this AADSTS number, worded as Entra words it for the sandbox's tenant and
// app registration, and whether the sandbox knows the number:
//
//	50058   invalid_grant         no user is signed in (silent request)
//	50076   invalid_grant         MFA required; suberror basic_action, claims challenge
//	50079   interaction_required  MFA registration required; suberror basic_action
//	50173   invalid_grant         grant revoked (password changed or reset)
//	65001   invalid_grant         consent missing; suberror consent_required
//	70008   invalid_grant         code or refresh token expired from inactivity
//	700084  invalid_grant         a SPA's refresh token past its 24 hours
//	9002326 invalid_request       cross-origin redemption by a client that is not a SPA
//	9002327 invalid_request       a SPA's token redeemed without an Origin header
//
// now dates the messages that name a time (50173, 700084).
func KnownTokenFailure(aadsts int, now time.Time) (TokenFailure, bool) {
	f := TokenFailure{Code: "invalid_grant", AADSTS: aadsts}
	issued := now.Add(-refreshLifetime).UTC().Format("2006-01-02T15:04:05.0000000Z")
	switch aadsts {
	case 50058:
		f.Description = "A silent sign-in request was sent but no user is signed in."
	case 50076:
		f.Description = fmt.Sprintf("Due to a configuration change made by your administrator, or because you moved "+
			"to a new location, you must use multi-factor authentication to access '%s'.", graphAppID)
		f.Suberror = "basic_action"
		f.Claims = `{"access_token":{"capolids":{"essential":true,"values":["5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"]}}}`
	case 50079:
		f.Code = "interaction_required"
		f.Description = fmt.Sprintf("Due to a configuration change made by your administrator, or because you moved "+
			"to a new location, you must enroll in multi-factor authentication to access '%s'.", graphAppID)
		f.Suberror = "basic_action"
	case 50173:
		f.Description = fmt.Sprintf("The provided grant has expired due to it being revoked, a fresh auth token is "+
			"needed. The user might have changed or reset their password. The grant was issued on '%s' and the "+
			"TokensValidFrom date (before which tokens are not valid) for this user is '%s'.",
			issued, now.UTC().Format("2006-01-02T15:04:05.0000000Z"))
	case 65001:
		f.Description = fmt.Sprintf("The user or administrator has not consented to use the application with ID "+
			"'%s' named '%s'. Send an interactive authorization request for this user and resource.", ClientID, clientName)
		f.Suberror = "consent_required"
	case 70008:
		f.Description = "The provided authorization code or refresh token has expired due to inactivity. " +
			"Send a new interactive authorization request for this user and resource."
	case 700084:
		f.Description = fmt.Sprintf("The refresh token was issued to a single page app (SPA), and therefore has a "+
			"fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in "+
			"request must be sent by the SPA to the sign in page. The token was issued on %s.", issued)
	case 9002326:
		f.Code = "invalid_request"
		f.Description = "Cross-origin token redemption is permitted only for the 'Single-Page Application' " +
			"client-type. Request origin: '{origin}'."
	case 9002327:
		f.Code, f.Description = spaOnly.code, spaOnly.description
	default:
		return TokenFailure{}, false
	}
	return f, true
}

// FailTokenWith queues f for the next request to the token endpoint (not a
// preflight), as FailToken does.
func (s *Server) FailTokenWith(f TokenFailure) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	s.entra.failures = append(s.entra.failures, f)
}

// FailTokenAADSTS queues Entra's own failure for a number that
// KnownTokenFailure knows, dated by the sandbox's clock; it panics on
// another number, as a test should fail.
func (s *Server) FailTokenAADSTS(aadsts int) {
	f, ok := KnownTokenFailure(aadsts, s.now())
	if !ok {
		panic(fmt.Sprintf("graphtest: no known token failure AADSTS%d", aadsts))
	}
	s.FailTokenWith(f)
}

func (s *Server) nextFailure() (TokenFailure, bool) {
	s.entra.mu.Lock()
	defer s.entra.mu.Unlock()
	if len(s.entra.failures) == 0 {
		return TokenFailure{}, false
	}
	f := s.entra.failures[0]
	s.entra.failures = s.entra.failures[1:]
	return f, true
}
