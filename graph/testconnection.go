package graph

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// Validation is what Test connection checks: the portal's Test Connection
// button, Graph's validateCredentials. After Authorize it tests the saved
// credentials, since the vendor's token never reaches the page (the 204 of
// acquireAccessToken proves nothing); for a token or password connector it
// tests the typed ones before Save.
type Validation struct {
	// JobID is the provisioning job to test for. Before any job exists it
	// is empty, and the test is made for TemplateID instead.
	JobID      string
	TemplateID string // the connector's template (see ListTemplates); needed without JobID
	// ApplicationIdentifier is sent only when set; the portal leaves it out.
	ApplicationIdentifier string
	// UseSavedCredentials tests what is saved (by Authorize or Save) and
	// sends no credentials; otherwise Credentials are tested.
	UseSavedCredentials bool
	Credentials         []Credential
}

// TestConnectionRequest returns the validateCredentials request of v for
// t, with requestID as its client-request-id:
//
//	POST {graph}/{v}/servicePrincipals/{id}/synchronization/jobs/{jobId}/validateCredentials
//	POST {graph}/{v}/servicePrincipals/{id}/synchronization/jobs/validateCredentials   (no job yet)
//
// with {"applicationIdentifier"?, "templateId"? (no job only),
// "useSavedCredentials", "credentials"? (typed only)}. The request is
// returned even with an error, {placeholders} standing for what is not
// valid yet, for a preview; only one without an error may be sent. The
// error lists every problem, each worded for its field. Typed credentials
// may not hold an authorization code: testing with one would spend it.
func TestConnectionRequest(t SyncTarget, v Validation, requestID string) (Request, error) {
	base, token, errs := t.syncBase()
	u := base + "/jobs/validateCredentials"
	var fields []bodyField
	if id := v.ApplicationIdentifier; id != "" {
		fields = append(fields, bodyField{"applicationIdentifier", jsonString(id)})
	}
	if job := strings.TrimSpace(v.JobID); job != "" {
		if err := checkSegment("Job ID", job); err != nil {
			errs, job = append(errs, err.Error()), "{job-id}"
		}
		u = base + "/jobs/" + url.PathEscape(job) + "/validateCredentials"
		if job == "{job-id}" {
			u = base + "/jobs/{job-id}/validateCredentials"
		}
	} else {
		template := strings.TrimSpace(v.TemplateID)
		if template == "" {
			paste.AddText(&errs, "Choose the job to test for, or, before a job exists, the connector's template.")
		} else if err := checkSegment("Template ID", template); err != nil {
			paste.AddText(&errs, err.Error())
		}
		fields = append(fields, bodyField{"templateId", jsonString(template)})
	}
	fields = append(fields, bodyField{"useSavedCredentials", jsonBool(v.UseSavedCredentials)})
	shape := bodyShape{fields: fields, noList: v.UseSavedCredentials}
	var creds []Credential
	if !v.UseSavedCredentials {
		creds = v.Credentials
		errs = append(errs, checkTested(creds)...)
	}
	r := syncRequest(http.MethodPost, u, token, requestID, shape, creds, true)
	if len(r.Body) > paste.MaxRequestBodyBytes {
		paste.AddText(&errs, "The request body is "+paste.SizeText(len(r.Body))+", over the "+paste.MaxRequestBodyText+" limit: the values are far larger than any credential.")
	}
	if len(errs) > 0 {
		return r, errors.New(strings.Join(errs, "\n"))
	}
	return r, nil
}

// checkTested returns what blocks testing typed credentials: none, more
// than MaxCredentials, a row checkCredential refuses, or a code.
func checkTested(creds []Credential) []string {
	if len(creds) == 0 {
		return []string{"Type the credentials to test, or test the saved ones."}
	}
	if len(creds) > paste.MaxCredentials {
		return []string{"There are " + strconv.Itoa(len(creds)) + " credentials; at most " + strconv.Itoa(paste.MaxCredentials) + " are sent."}
	}
	var errs []string
	for i, c := range creds {
		if IsCodeKey(c.Key) {
			paste.AddText(&errs, "Row "+strconv.Itoa(i+1)+": Test connection does not take the authorization code: Authorize sends it, once; testing with it would spend it. Remove the row and test the saved credentials after Authorize.")
			continue
		}
		for _, p := range checkCredential(creds, i) {
			if p.Severity == Error {
				paste.AddText(&errs, "Row "+strconv.Itoa(i+1)+": "+p.Message)
			}
		}
	}
	return errs
}

// Template is a synchronization template of a service principal: the
// connector a job is made from. Test connection needs its ID before any
// job exists.
type Template struct {
	ID          string
	FactoryTag  string // the connector's kind, e.g. "scim" or "salesforce"
	Description string
}

// ListTemplates reads the synchronization templates of t's service
// principal (GET …/servicePrincipals/{id}/synchronization/templates),
// which needs no more than the token Test connection needs. Failures are
// *LookupError, holding the request and any answer.
func ListTemplates(ctx context.Context, c Doer, t SyncTarget) ([]Template, error) {
	var body struct {
		Value []struct {
			ID          string `json:"id"`
			FactoryTag  string `json:"factoryTag"`
			Description string `json:"description"`
		} `json:"value"`
	}
	if err := getSync(ctx, c, t, "/templates", "the provisioning templates", &body); err != nil {
		return nil, err
	}
	out := make([]Template, 0, len(body.Value))
	for _, v := range body.Value {
		out = append(out, Template{ID: v.ID, FactoryTag: v.FactoryTag, Description: v.Description})
	}
	return out, nil
}
