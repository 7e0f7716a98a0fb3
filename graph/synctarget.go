package graph

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// SyncTarget is the service principal whose provisioning the Admin
// Credentials calls address (Test connection, Save, and the reads around
// them), and how they reach it. The portal makes these calls on the
// service principal, never the application, so there is no Kind.
type SyncTarget struct {
	Cloud              Cloud
	Version            Version // V1 when empty
	ServicePrincipalID string  // as typed or pasted: ParseObjectID reads it
	Token              string  // as pasted: NormalizeToken reads it
}

// syncBase returns {GraphBase}/{version}/servicePrincipals/{id}/synchronization
// and the bearer token, with {placeholders} where a part is not valid yet,
// and the problems that block sending.
func (t SyncTarget) syncBase() (base, token string, errs []string) {
	id, err := ParseObjectID(t.ServicePrincipalID)
	if err != nil {
		id, errs = "{object-id}", append(errs, err.Error())
	}
	token, ps := NormalizeToken(t.Token)
	for _, p := range ps {
		if p.Severity == Error {
			paste.AddText(&errs, p.Message)
		}
	}
	if token == "" {
		token = tokenPlaceholder
	}
	version := t.Version
	switch version {
	case "":
		version = V1
	case V1, Beta:
	default:
		version, errs = "{version}", append(errs, "API version "+strconv.Quote(string(t.Version))+" is neither v1.0 nor beta.")
	}
	return t.Cloud.GraphBase() + "/" + string(version) + "/servicePrincipals/" + id + "/synchronization", token, errs
}

// syncRequest is a request of the Admin Credentials step: the headers
// acquireAccessToken's request has, Content-Type only with a body.
func syncRequest(method, u, token, requestID string, shape bodyShape, creds []Credential, withBody bool) Request {
	r := Request{Method: method, URL: u, Header: append([]Header(nil), Header{"Authorization", "Bearer " + token})}
	if withBody {
		r.Header = append(r.Header, Header{"Content-Type", "application/json"})
		r.Body, _ = encodeShaped(shape, creds) // strings only: cannot fail
		r.credentials, r.shape = creds, shape
	}
	r.Header = append(r.Header, Header{"client-request-id", requestID})
	return r
}

// checkSegment refuses an ID that cannot be one URL path segment as
// typed: empty, or holding spaces, slashes or ? and #. field starts the
// message.
func checkSegment(field, v string) error {
	if v == "" {
		return errors.New(field + " is required.")
	}
	if at, what, ok := firstSpace(v); ok {
		return errors.New(field + " contains " + what + " at character " + strconv.Itoa(at) + ": copy it again from the list.")
	}
	if strings.ContainsAny(v, "/?#%\\") {
		return errors.New(field + " " + paste.QuoteShort(v) + " holds / ? # % or \\, which no ID of Graph's has: copy it again from the list.")
	}
	return nil
}

// getSync reads {base}{path} into v. Every failure is a *LookupError
// holding the request and any answer, worded for what.
func getSync(ctx context.Context, c Doer, t SyncTarget, path, what string, v any) error {
	base, token, errs := t.syncBase()
	if len(errs) > 0 {
		return &LookupError{Message: strings.Join(errs, "\n")}
	}
	req := syncRequest(http.MethodGet, base+path, token, NewRequestID(), bodyShape{}, nil, false)
	resp, err := Send(ctx, c, req)
	if err != nil {
		return lookupError("Reading "+what+" got no answer: "+err.Error(), &req, nil, err)
	}
	if resp.Status != http.StatusOK {
		return lookupError(syncRefusal(resp, what, t.ServicePrincipalID), &req, &resp, nil)
	}
	if err := json.Unmarshal(resp.Body, v); err != nil {
		return lookupError("Graph's answer with "+what+" is not the JSON expected: "+err.Error(), &req, &resp, err)
	}
	return nil
}

// syncRefusal says why Graph refused to read what, in the admin's terms.
// Graph's synchronization endpoints answer 401 UnknownError, with no
// message, to a token without the permission or a user without the role.
func syncRefusal(r Response, what, id string) string {
	said := ""
	if r.Error != nil && (r.Error.Code != "" || r.Error.Message != "") {
		said = " (Graph said " + r.Error.Code + ": " + r.Error.Message + ")"
	}
	switch {
	case r.Status == http.StatusNotFound:
		return "Graph found no service principal " + strings.TrimSpace(id) + said + ": check that it is the service principal's object ID (Enterprise applications > the app > Object ID)."
	case r.Status == http.StatusUnauthorized && (r.Error == nil || r.Error.Code == "" || r.Error.Code == "UnknownError"):
		return "Graph refused to read " + what + said + ": the token lacks Synchronization.Read.All or " + SyncScope + ", or you hold none of the roles " + adminRoleText + ". Sign in again with them."
	case r.Status == http.StatusUnauthorized:
		return "Graph did not accept the token" + said + ": it may have expired or be for another cloud. Sign in again."
	case r.Status == http.StatusForbidden:
		return "Graph refused to read " + what + said + ": reading it needs Synchronization.Read.All or " + SyncScope + " and one of the roles " + adminRoleText + "."
	case retryable(r):
		return "Graph is throttling or unavailable (" + strconv.Itoa(r.Status) + ")" + said + ": read " + what + " again in a moment."
	}
	return "Graph refused to read " + what + ": " + strconv.Itoa(r.Status) + " " + r.Reason + said + "."
}
