package graph

import (
	"net/http"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// InvalidCredentialsText starts Test connection's failures, whatever the
// check that failed: the portal shows it above "Error code: …" and
// "Details: …". It says little by itself; the code says which check failed.
const InvalidCredentialsText = "You appear to have entered invalid credentials."

// checkFailure is a failed check of Test connection: its code and the
// details the provisioning service gave.
type checkFailure struct{ code, details string }

// parseCheckFailure reads a validateCredentials failure. Where the check's
// code sits is [inferred]: as Graph's error code, or in the message after
// "Error code:" as the portal shows it. Both are read.
func parseCheckFailure(r Response) (checkFailure, bool) {
	if r.Error == nil {
		return checkFailure{}, false
	}
	msg := r.Error.Message
	var f checkFailure
	if _, after, ok := strings.Cut(msg, "Error code:"); ok {
		if fs := strings.Fields(after); len(fs) > 0 {
			f.code = strings.Trim(fs[0], ".,;:")
		}
	}
	if _, after, ok := strings.Cut(msg, "Details:"); ok {
		f.details = strings.TrimSpace(after)
	}
	said := strings.Contains(msg, strings.TrimSuffix(InvalidCredentialsText, "."))
	if _, known := knownCheck(r.Error.Code); f.code == "" && (known || said && !genericCodes(r.Error.Code)) {
		f.code = r.Error.Code
	}
	return f, f.code != "" || said
}

// genericCodes are Graph's error codes that name no check.
func genericCodes(code string) bool {
	switch code {
	case "BadRequest", "UnknownError", "InternalServerError", "Request_BadRequest":
		return true
	}
	return false
}

// checkMeaning is what one of Test connection's check codes means.
type checkMeaning struct{ title, cause, next string }

// knownCheck explains the check codes that public sources show Test
// connection failing with (Microsoft's troubleshooting pages and admins'
// reports); ok is false for any other code.
func knownCheck(code string) (checkMeaning, bool) {
	switch code {
	case "SystemForCrossDomainIdentityManagementCredentialValidationUnavailable":
		return checkMeaning{"The application could not be reached to check the credentials",
			"The provisioning service could not connect to the application's endpoint, or got no usable answer from it: a wrong Tenant URL (BaseAddress), an endpoint that is down, behind a firewall that blocks Microsoft's provisioning service, or failing its TLS handshake, or a server error.",
			"Check that the Tenant URL opens from the internet and answers SCIM, that the endpoint admits the provisioning service, and that the secret token is current; then test again."}, true
	case "SystemForCrossDomainIdentityManagementCredentialValidationFailure":
		return checkMeaning{"The application refused the test request",
			"The provisioning service reached the application, and its test request was answered with an error: the secret token was refused (401/403), or the application cannot run the test query (400, e.g. a filter on the matching attribute it does not support).",
			"Generate a new secret token in the application and test with it; if the details name a 400, check the attribute mappings' matching attribute with the application's vendor."}, true
	case "CredentialValidationUnavailable":
		// [seen] Admins report this code also when the SCIM endpoint could
		// not be reached or answered 404, not only after a failed Authorize
		// (../shared/reference/provisioning-credentials.md, "Errors admins meet").
		return checkMeaning{"The provisioning service could not validate its authorization",
			"The provisioning service could not use the credentials to reach the application: for an OAuth connector, no token is saved (Authorize did not complete) or the vendor refused it; for OAuth client credentials, the token endpoint refused the client. Admins also get this code when the application's endpoint could not be reached or answered 404: a wrong Tenant URL (BaseAddress), or an endpoint that is down or blocks the provisioning service.",
			"Authorize again (for an OAuth connector), or check the client ID, secret and token URL; check too that the Tenant URL is right and opens from the internet; then test again."}, true
	case "ServiceNowCredentialsValidation":
		// [seen] "Your ServiceNow credentials are invalid. Please provide a
		// current ServiceNow administrative user name and password…", with
		// "(401) Unauthorized" (provisioning-credentials.md, "Errors admins meet").
		return checkMeaning{"The ServiceNow instance refused the user name and password",
			"ServiceNow answered the provisioning service's test request with 401 Unauthorized: the ServiceNow instance (InstanceName) does not know this user name (UserName) and password (Password), the password changed or expired, or the account is not an administrator there.",
			"Sign in to the ServiceNow instance with the same user name and password to check them; use an account with the admin role; type the current password, then test again."}, true
	case "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure":
		return checkMeaning{"Cross-tenant access settings do not allow synchronization",
			"The cross-tenant access policy does not allow this: the source tenant has not enabled automatic redemption (outbound), or the target tenant has not enabled inbound synchronization and automatic redemption for this tenant.",
			"In Entra ID > External Identities > Cross-tenant access settings, enable automatic redemption in both tenants and inbound synchronization in the target tenant, then test again."}, true
	case "AzureDirectoryB2BManagementPolicyCheckFailure":
		return checkMeaning{"Automatic redemption of invitations is not set up",
			"The policy that lets the target tenant redeem invitations automatically is not configured in the source or the target tenant.",
			"Turn on automatic redemption in the cross-tenant access settings of both tenants, then test again."}, true
	case "ExternalTenantNotFound":
		return checkMeaning{"The target tenant was not found in this cloud",
			"The target tenant (CompanyId) is unknown to this cloud's sign-in: the tenant ID is wrong, or the configuration was made without \"cross-tenant synchronization across Microsoft clouds\".",
			"Check the target tenant ID; for a tenant in another Microsoft cloud, recreate the configuration with cross-cloud synchronization selected."}, true
	case "AzureActiveDirectoryTokenExpired":
		return checkMeaning{"The target tenant does not accept this tenant's synchronization",
			"The identity of the calling tenant could not be established in the target: for cross-cloud synchronization, the target tenant has not enabled it for this tenant in its Microsoft cloud settings.",
			"In the target tenant's cross-tenant access settings, enable cross-cloud synchronization for this tenant, then test again."}, true
	}
	if strings.HasSuffix(code, "InvalidCredentials") {
		return checkMeaning{"The application refused the credentials",
			"The application named in the code answered that the credentials are wrong: a mistyped user name, password, token or instance, or an account without administrator rights there.",
			"Check each value in the application's admin console, with an administrator account, then test again."}, true
	}
	return checkMeaning{}, false
}

// ExplainTestConnection explains the answer to validateCredentials. 204
// means the provisioning service reached the application with the
// credentials tested; a failure's check code (see InvalidCredentialsText)
// is explained in plain words when it is one that public sources describe,
// and generically with Graph's details otherwise. Other answers are
// Explain's. Test connection changes nothing, so a busy Graph may be
// retried as Explain says.
func ExplainTestConnection(resp *Response, sendErr error, claims *Claims, cloud Cloud) Explanation {
	if resp == nil {
		return Explain(resp, sendErr, claims, cloud, ServicePrincipals)
	}
	switch {
	case resp.Status == http.StatusNoContent:
		return why("Connection works (204 No Content)",
			"The provisioning service reached the application with the credentials tested.",
			"If you tested typed credentials, Save them; saved ones are in use already. Then start provisioning from the Provisioning page.")
	case resp.Status == http.StatusNotFound && resp.Error != nil && strings.Contains(strings.ToLower(resp.Error.Message), "job"):
		return why("Job not found (404 Not Found)", "The service principal has no provisioning job with this ID: it was deleted, or the ID is from another app.",
			"Read the jobs again and choose one, or test for the connector's template when no job exists yet.")
	case resp.Status == http.StatusBadRequest:
		if f, ok := parseCheckFailure(*resp); ok {
			return explainCheck(f, *resp)
		}
	}
	return Explain(resp, sendErr, claims, cloud, ServicePrincipals)
}

// explainCheck explains one failed check.
func explainCheck(f checkFailure, r Response) Explanation {
	details := ""
	if f.details != "" {
		details = " Details: " + quoteCut(f.details, 400) + "."
	}
	code := paste.FirstOf(f.code, "no code")
	if c, ok := knownCheck(f.code); ok {
		return why("Test connection failed: "+strings.ToLower(c.title[:1])+c.title[1:]+" ("+code+")", c.cause+details, c.next)
	}
	said := ""
	if f.details == "" && r.Error.Message != "" {
		said = " Graph's message: " + quoteCut(r.Error.Message, 400) + "."
	}
	return why("Test connection failed ("+code+")",
		"The provisioning service could not connect to the application with these credentials; the code names the check that failed."+details+said,
		"Check each value against the application's admin console, with an administrator account, and test again. Search Microsoft's provisioning troubleshooting pages for the code.")
}

// quoteCut quotes a server's words for a message, cut to n characters so
// that a long one does not flood the page (the whole answer is shown
// below the explanation).
func quoteCut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return strconv.Quote(s)
}
