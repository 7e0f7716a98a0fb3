package graph

import (
	"strings"
	"testing"
)

func TestExplainTestConnection(t *testing.T) {
	const invalid = "You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account."
	for _, tc := range []struct {
		name      string
		resp      *Response
		want      []string
		retryable bool
	}{
		{"204", &Response{Status: 204, Reason: "No Content"}, []string{"Connection works", "Save them"}, false},
		{"SCIM unreachable, code in the message", graphAnswer(400, "Bad Request", "BadRequest",
			invalid+" Error code: SystemForCrossDomainIdentityManagementCredentialValidationUnavailable Details: We are not able to connect to your application."),
			[]string{"could not be reached", "(SystemForCrossDomainIdentityManagementCredentialValidationUnavailable)", "Tenant URL", `"We are not able to connect to your application."`}, false},
		{"SCIM refused, code as Graph's", graphAnswer(400, "Bad Request", "SystemForCrossDomainIdentityManagementCredentialValidationFailure", invalid),
			[]string{"refused the test request", "secret token"}, false},
		{"OAuth not authorized", graphAnswer(400, "Bad Request", "CredentialValidationUnavailable", invalid+" Error code: CredentialValidationUnavailable Details: No token is saved."),
			[]string{"validate its authorization", "Authorize again", "No token is saved"}, false},
		{"cross-tenant", graphAnswer(400, "Bad Request", "BadRequest", invalid+"\nError code: AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure\nDetails: The source tenant has not enabled automatic user consent."),
			[]string{"Cross-tenant access settings", "automatic redemption"}, false},
		{"B2B policy", graphAnswer(400, "Bad Request", "AzureDirectoryB2BManagementPolicyCheckFailure", invalid), []string{"automatic redemption of invitations"}, false},
		{"cross-cloud tenant", graphAnswer(400, "Bad Request", "ExternalTenantNotFound", invalid), []string{"not found in this cloud", "CompanyId"}, false},
		{"cross-cloud token", graphAnswer(400, "Bad Request", "AzureActiveDirectoryTokenExpired", invalid), []string{"cross-cloud synchronization"}, false},
		{"vendor's invalid credentials", graphAnswer(400, "Bad Request", "BadRequest", invalid+" Error code: SalesforceInvalidCredentials"), []string{"refused the credentials", "administrator account"}, false},
		{"unknown code", graphAnswer(400, "Bad Request", "BadRequest", invalid+" Error code: SomethingNew. Details: <b>odd</b>"),
			[]string{"Test connection failed (SomethingNew)", `"<b>odd</b>"`, "troubleshooting"}, false},
		{"text without a code", graphAnswer(400, "Bad Request", "BadRequest", invalid), []string{"Test connection failed (no code)", "Graph's message"}, false},
		{"job not found", graphAnswer(404, "Not Found", "NotFound", "The job 'x' was not found."), []string{"Job not found", "template"}, false},
		{"object not found", graphAnswer(404, "Not Found", "Request_ResourceNotFound", "Resource 'x' does not exist"), []string{"Object not found"}, false},
		{"unknown key", graphAnswer(400, "Bad Request", "BadRequest", "Requested value 'baseAddress' was not found."), []string{`"baseAddress"`, `did you mean "BaseAddress"`}, false},
		{"busy", graphAnswer(429, "Too Many Requests", "TooManyRequests", ""), []string{"busy"}, true},
	} {
		x := ExplainTestConnection(tc.resp, nil, nil, Global)
		all := x.Title + " | " + x.Cause + " | " + x.Next
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", tc.name, all, w)
			}
		}
		if x.Retryable != tc.retryable {
			t.Errorf("%s: Retryable %v", tc.name, x.Retryable)
		}
	}
	if x := ExplainTestConnection(nil, &SendError{Kind: "timeout", Message: "t"}, nil, Global); !x.Retryable || !strings.Contains(x.Title, "No answer") {
		t.Errorf("timeout: %+v", x)
	}
	long := graphAnswer(400, "Bad Request", "BadRequest", invalid+" Error code: X Details: "+strings.Repeat("d", 5000))
	if x := ExplainTestConnection(long, nil, nil, Global); len(x.Cause) > 1000 {
		t.Errorf("a 5000-character detail made a %d-byte cause", len(x.Cause))
	}
}
