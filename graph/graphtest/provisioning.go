package graphtest

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"synctoken/graph"
)

// Test connection (validateCredentials) and the synchronization templates
// it names before a job exists.

// Template is a synchronizationTemplate: the connector a job is made from.
type Template struct {
	ID            string          `json:"id"`
	ApplicationID string          `json:"applicationId"`
	Default       bool            `json:"default"`
	Description   string          `json:"description"`
	Discoverable  bool            `json:"discoverable"`
	FactoryTag    string          `json:"factoryTag"`
	Metadata      []MetadataEntry `json:"metadata"`
}

// MetadataEntry is a synchronizationMetadataEntry.
type MetadataEntry struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Templates returns the seeded synchronization templates of the service
// principal whose object id is servicePrincipalID (in any case), as
// GET /servicePrincipals/{id}/synchronization/templates lists them; nil
// for an unknown id. Contoso Salesforce Provisioning has "salesforce"; the
// others "scim", the one of EvilDisplayName with markup in its
// description.
func Templates(servicePrincipalID string) []Template {
	for _, sp := range allServicePrincipals() {
		if !strings.EqualFold(sp.ObjectID, servicePrincipalID) {
			continue
		}
		t := Template{ID: "scim", ApplicationID: sp.AppID, Default: true, Discoverable: true, FactoryTag: "scim",
			Description: "SCIM 2.0 endpoint: Tenant URL and secret token", Metadata: []MetadataEntry{}}
		switch sp.ObjectID {
		case ServicePrincipals[0].ObjectID:
			t.ID, t.FactoryTag = "salesforce", "salesforce"
			t.Description = "Salesforce: users and permission sets; OAuth (Authorize)"
		case ServicePrincipals[2].ObjectID:
			t.Description = `<img src=x onerror="window.__pwned=4">SCIM`
		}
		return []Template{t}
	}
	return nil
}

// servicePrincipal finds the service principal a synchronization route
// acts for: addressed through the application, the one of the same appId.
func (rt route) servicePrincipal() (Object, *apiError) {
	o, err := rt.lookUp()
	if err != nil || rt.collection != "applications" {
		return o, err
	}
	for _, p := range allServicePrincipals() {
		if p.AppID == o.AppID {
			return p, nil
		}
	}
	return o, nil
}

// templates answers GET …/synchronization/templates.
func (s *Server) templates(rt route) (any, *apiError) {
	sp, err := rt.servicePrincipal()
	if err != nil {
		return nil, err
	}
	list := Templates(sp.ObjectID)
	if list == nil {
		list = []Template{}
	}
	return object{{"@odata.context", s.context(rt, nil, "('"+rt.id+"')/synchronization/templates")}, {"value", list}}, nil
}

// invalidCredentials starts Test connection's failures, as the portal
// shows them (Microsoft's cross-tenant synchronization doc, quoted in the
// reference's portal-admin-credentials.md); written out, not built from
// graph.InvalidCredentialsText, so that the two are checked against each
// other rather than equal by construction.
const invalidCredentials = "You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account."

// validate answers validateCredentials, on a job or, with templateId,
// before one exists, checking in Graph's order: method, token, permission,
// object, job, then body. With useSavedCredentials it passes when the
// saved credentials hold a vendor token (after Authorize) or a usable
// Tenant URL and secret token (after Save); otherwise the typed ones must.
// A failure is 400 with the check's code as Graph's code and, in the
// message, "You appear to have entered invalid credentials…", the code and
// its details, as the portal shows them ([inferred]).
func (s *Server) validate(w http.ResponseWriter, r *http.Request, rt route, body []byte) {
	x := s.begin(w, r)
	if err := s.checkValidate(w, r, rt, body); err != nil {
		x.fail(err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) checkValidate(w http.ResponseWriter, r *http.Request, rt route, body []byte) *apiError {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		return &apiError{http.StatusMethodNotAllowed, "BadRequest",
			fmt.Sprintf("The HTTP method '%s' is not supported by the action 'validateCredentials'.", r.Method)}
	}
	if err := s.authorize(r, actionPermission); err != nil {
		return err
	}
	sp, err := rt.servicePrincipal()
	if err != nil {
		return err
	}
	if rt.jobID != "" && !hasJob(sp.ObjectID, rt.jobID) {
		return &apiError{http.StatusNotFound, "NotFound", "The job '" + rt.jobID + "' was not found."}
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return badRequest(unreadable)
	}
	params, err := readParams(body, "validateCredentials", "applicationIdentifier", "templateId", "useSavedCredentials", "credentials")
	if err != nil {
		return err
	}
	var saved bool
	if v, ok := params["useSavedCredentials"]; ok && !isNull(v) && json.Unmarshal(v, &saved) != nil {
		return badRequest("Cannot convert the literal '%s' to the expected type 'Edm.Boolean'.", v)
	}
	var template string
	if v, ok := params["templateId"]; ok && !isNull(v) && json.Unmarshal(v, &template) != nil {
		return badRequest("Cannot convert the literal '%s' to the expected type 'Edm.String'.", v)
	}
	if rt.jobID == "" && template == "" {
		return badRequest("The parameter 'templateId' is required to validate credentials without a job.")
	}
	if rt.jobID == "" && !hasTemplate(sp.ObjectID, template) {
		return badRequest("The template '%s' was not found for this service principal.", template)
	}
	creds := []graph.Credential{}
	if raw, ok := params["credentials"]; ok && !isNull(raw) {
		if creds, err = parsePairs(raw); err != nil {
			return err
		}
	}
	if saved {
		creds = s.Secrets(sp.ObjectID)
		if len(creds) == 0 {
			return checkFailed("CredentialValidationUnavailable",
				"No credentials are saved for this application: Authorize it (OAuth connectors) or save its credentials first.")
		}
	}
	return checkTyped(creds)
}

// checkTyped passes a vendor token, or a Tenant URL the service could
// reach (https, with a host) with a secret token.
func checkTyped(creds []graph.Credential) *apiError {
	value := map[string]string{}
	for _, c := range creds {
		value[c.Key] = c.Value
	}
	if value["Oauth2AccessToken"] != "" {
		return nil
	}
	if value["AuthenticationType"] == ClientCredentialsGrant {
		return checkClientCredentials(value)
	}
	base, hasBase := value["BaseAddress"]
	if u, err := url.Parse(base); err != nil || u.Scheme != "https" || u.Host == "" {
		if !hasBase && value["Oauth2RefreshToken"] == "" && value["SecretToken"] == "" {
			return checkFailed("CredentialValidationUnavailable",
				"The credentials hold neither an OAuth token nor a Tenant URL: Authorize the application, or give its Tenant URL and secret token.")
		}
		return checkFailed("SystemForCrossDomainIdentityManagementCredentialValidationUnavailable",
			"We are not able to connect to your application while attempting to validate our authorization to access your application: the Tenant URL is not an https address with a host.")
	}
	if value["SecretToken"] == "" {
		return checkFailed("SystemForCrossDomainIdentityManagementCredentialValidationFailure",
			"We received this unexpected response from your application: Response Status Code: Unauthorized. The secret token is empty.")
	}
	return nil
}

// ClientCredentialsGrant is AuthenticationType's value for a connector
// that gets its own token from the vendor with OAuth client credentials.
const ClientCredentialsGrant = "OAuth2ClientCredentialsGrant"

// VendorClientSecret is the client secret the sandbox vendor gives
// VendorClientID, for client-credentials connectors.
const VendorClientSecret = "sandbox-vendor-client-secret"

// checkClientCredentials plays the provisioning service asking the
// vendor's token endpoint for a token with client credentials: the Tenant
// URL and Token Endpoint must be https addresses, and the client the
// sandbox vendor's, with its secret. The sandbox does not call the
// endpoint; the message says what a vendor's invalid_client would.
func checkClientCredentials(value map[string]string) *apiError {
	for _, key := range []string{"BaseAddress", "Oauth2TokenExchangeUri"} {
		if u, err := url.Parse(value[key]); err != nil || u.Scheme != "https" || u.Host == "" {
			return checkFailed("SystemForCrossDomainIdentityManagementCredentialValidationUnavailable",
				"We are not able to connect to your application: "+key+" is not an https address with a host.")
		}
	}
	if value["Oauth2ClientId"] != VendorClientID || value["Oauth2ClientSecret"] != VendorClientSecret {
		return checkFailed("SystemForCrossDomainIdentityManagementCredentialValidationFailure",
			"The token endpoint refused the client credentials: invalid_client.")
	}
	return nil
}

// checkFailed is a failed check of Test connection.
func checkFailed(code, details string) *apiError {
	return &apiError{http.StatusBadRequest, code, invalidCredentials + " Error code: " + code + " Details: " + details}
}

func hasJob(spID, jobID string) bool {
	for _, j := range Jobs(spID) {
		if strings.EqualFold(j.ID, jobID) {
			return true
		}
	}
	return false
}

func hasTemplate(spID, id string) bool {
	for _, t := range Templates(spID) {
		if t.ID == id {
			return true
		}
	}
	return false
}
