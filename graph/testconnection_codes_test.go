package graph

import (
	"strings"
	"testing"
)

// TestExplainTestConnectionReportedCodes: the check codes admins report
// (../shared/reference/provisioning-credentials.md, "Errors admins meet"):
// ServiceNow's own code, and CredentialValidationUnavailable, which is
// also what an unreachable or 404-answering SCIM endpoint gets, not only
// a failed Authorize.
func TestExplainTestConnectionReportedCodes(t *testing.T) {
	const invalid = "You appear to have entered invalid credentials. Please confirm you are using the correct information for an administrative account."
	for _, tc := range []struct {
		name string
		resp *Response
		want []string
	}{
		{"ServiceNow", graphAnswer(400, "Bad Request", "BadRequest", invalid+" Error code: ServiceNowCredentialsValidation Details: Your ServiceNow credentials are invalid. Please provide a current ServiceNow administrative user name and password. The remote server returned an error: (401) Unauthorized."),
			[]string{"Test connection failed: the ServiceNow instance refused the user name and password (ServiceNowCredentialsValidation)", "(401) Unauthorized", "InstanceName", "admin role", "Password"}},
		{"CredentialValidationUnavailable", graphAnswer(400, "Bad Request", "CredentialValidationUnavailable", invalid),
			[]string{"Authorize again", "Tenant URL", "404", "could not be reached"}},
	} {
		x := ExplainTestConnection(tc.resp, nil, nil, Global)
		all := x.Title + " | " + x.Cause + " | " + x.Next
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("%s: %q lacks %q", tc.name, all, w)
			}
		}
	}
}
