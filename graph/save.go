package graph

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// SavedMask is what Graph shows for a saved secret's value when it reads
// the saved credentials back: the keys are listed, sensitive values are not.
const SavedMask = "*"

// ReadSecrets reads the credentials saved for t's service principal
// (GET …/servicePrincipals/{id}/synchronization/secrets), sensitive values
// shown as SavedMask. Save's plan starts from it (PlanSave), and after a
// Save the page reads again until the change shows (SaveDiff.ReflectedIn).
// Failures are *LookupError, holding the request and any answer.
func ReadSecrets(ctx context.Context, c Doer, t SyncTarget) ([]Credential, error) {
	var body struct {
		Value []Credential `json:"value"`
	}
	// A cancelled read (signed out, another Save began) sends nothing: a
	// Doer need not check the context before fetching, and the browser's
	// fetch would still carry the token out.
	if err := ctx.Err(); err != nil {
		return nil, &LookupError{Message: "Reading the saved credentials was cancelled.", Err: err}
	}
	if err := getSync(ctx, c, t, "/secrets", "the saved credentials", &body); err != nil {
		return nil, err
	}
	if body.Value == nil {
		body.Value = []Credential{}
	}
	return body.Value, nil
}

// SaveSecretsRequest returns Save's request for t: the portal's Save
// button,
//
//	PUT {graph}/{v}/servicePrincipals/{id}/synchronization/secrets
//
// with {"value":[pairs]}, the pairs being d.Body (the rows without the
// authorization code). The request is returned even with an error, for a
// preview; only one without an error may be sent. It fails when d has
// errors or changes nothing.
func SaveSecretsRequest(t SyncTarget, d SaveDiff, requestID string) (Request, error) {
	base, token, errs := t.syncBase()
	for _, p := range d.Problems {
		if p.Severity == Error {
			paste.AddText(&errs, p.Message)
		}
	}
	if len(d.Changes) == 0 && len(errs) == 0 {
		paste.AddText(&errs, "Nothing to save: add the credentials to save.")
	}
	r := syncRequest(http.MethodPut, base+"/secrets", token, requestID, bodyShape{list: "value"}, d.Body, true)
	if len(r.Body) > paste.MaxRequestBodyBytes {
		paste.AddText(&errs, "The request body is "+paste.SizeText(len(r.Body))+", over the "+paste.MaxRequestBodyText+" limit: the values are far larger than any credential.")
	}
	if len(errs) > 0 {
		return r, errors.New(strings.Join(errs, "\n"))
	}
	return r, nil
}

// Graph applies a Save a few seconds after answering 204: a read right
// after it can still show the old credentials. So after a 204 the page
// reads them again every SaveRecheck until SaveDiff.ReflectedIn holds, and
// gives up after SaveSettle, saying the change may still show later.
const (
	SaveRecheck = 2 * time.Second
	SaveSettle  = 30 * time.Second
)

// ExplainSave explains the answer to Save (PUT …/synchronization/secrets).
// Any 2xx is success, with or without a body: Microsoft's page says 204,
// the OpenAPI description 2XX with {"value":[…]}. It means only that Graph
// took the credentials: it applies them a few seconds later (see
// SaveRecheck), so a read right after can still show the old ones. Other
// answers are Explain's, for the service principal.
func ExplainSave(resp *Response, sendErr error, claims *Claims, cloud Cloud) Explanation {
	if SaveSucceeded(resp) {
		return why("Saved ("+statusText(*resp)+")",
			"Graph took the credentials to save. It applies them a few seconds later, so a read right away can still show the old ones: synctoken reads them back until the change shows.",
			"Check the saved keys listed under Save credentials, then start provisioning from the application's Provisioning page.")
	}
	return Explain(resp, sendErr, claims, cloud, ServicePrincipals)
}

// SaveSucceeded reports whether resp is Save's success: any 2xx, with or
// without a body. The read-back follows it.
func SaveSucceeded(resp *Response) bool {
	return resp != nil && resp.Status >= 200 && resp.Status < 300
}
