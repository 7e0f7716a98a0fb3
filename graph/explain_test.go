package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func graphAnswer(status int, reason, code, message string) *Response {
	body := fmt.Sprintf(`{"error":{"code":%q,"message":%q,"innerError":{"date":"2026-03-01T10:00:00","request-id":"rid-123","client-request-id":"crid-456"}}}`, code, message)
	return &Response{Status: status, Reason: reason, Body: []byte(body), Error: &GraphError{
		Code: code, Message: message, RequestID: "rid-123", ClientRequestID: "crid-456", Date: "2026-03-01T10:00:00"}}
}

func TestExplain(t *testing.T) {
	future, past := time.Now().Add(time.Hour), time.Now().Add(-time.Hour)
	admin := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"},
		WIDs: []string{roleApplicationAdministrator}, Expires: future, TenantID: "tenant-1"}
	noRole := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"},
		WIDs: []string{"b79fbf4d-3ef9-4689-8143-76b194e85509"}, User: "ann@contoso.com", Expires: future}
	noScope := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"User.Read"},
		WIDs: []string{roleApplicationAdministrator}, Expires: future}
	appOnly := &Claims{Audience: "https://graph.microsoft.com", Roles: []string{"Directory.Read.All"}, Expires: future}
	ownedBy := &Claims{Audience: "https://graph.microsoft.com", Roles: []string{"Application.ReadWrite.OwnedBy"}, Expires: future}
	expired := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"}, Expires: past}
	govToken := &Claims{Audience: "https://graph.microsoft.us", Scopes: []string{"Synchronization.ReadWrite.All"}, Expires: future}
	armToken := &Claims{Audience: "https://management.azure.com", Expires: future}

	tests := []struct {
		name      string
		resp      *Response
		err       error
		claims    *Claims
		kind      Kind
		want      []string // each in Title, Cause or Next
		retryable bool
		lookUp    bool
	}{
		{name: "204", resp: &Response{Status: 204, Reason: "No Content"}, want: []string{"Success", "redeems the code with the vendor", "only it proves"}},
		{name: "400 unknown key", resp: graphAnswer(400, "Bad Request", "BadRequest", "Requested value 'Foo' was not found."),
			want: []string{`"Foo"`, "not a synchronizationSecret name"}},
		{name: "400 key case", resp: graphAnswer(400, "Bad Request", "", "Requested value 'secrettoken' was not found."),
			want: []string{`"secrettoken"`, `did you mean "SecretToken"`}},
		{name: "truncated JSON", resp: &Response{Status: 400, Reason: "Bad Request", Body: []byte(`{"error":{"code":"Bad`)},
			want: []string{"Malformed answer", "cut short"}, retryable: true},
		{name: "400 other", resp: graphAnswer(400, "Bad Request", "BadRequest", ""),
			want: []string{"Malformed", "request body"}},
		{name: "401 no claims", resp: graphAnswer(401, "Unauthorized", "InvalidAuthenticationToken", ""),
			want: []string{"Token not accepted", "expired", "Get a new token"}},
		{name: "401 expired", resp: graphAnswer(401, "Unauthorized", "InvalidAuthenticationToken", "Lifetime validation failed"), claims: expired,
			want: []string{"expired", "Get a new token", "az account get-access-token"}},
		{name: "401 other cloud", resp: graphAnswer(401, "Unauthorized", "", ""), claims: govToken,
			want: []string{"another cloud", "US Gov L4 (GCC High)", "graph.microsoft.us", "graph.microsoft.com"}},
		{name: "401 other resource", resp: graphAnswer(401, "Unauthorized", "", ""), claims: armToken,
			want: []string{"another cloud or resource", "management.azure.com"}},
		{name: "401 no permission", resp: graphAnswer(401, "Unauthorized", "", ""), claims: noScope,
			want: []string{"Synchronization.ReadWrite.All"}},
		{name: "401 UnknownError, permission and role held", resp: graphAnswer(401, "Unauthorized", "UnknownError", ""), claims: admin,
			want: []string{"Access refused", "scoped", "policy"}},
		{name: "403 no claims", resp: graphAnswer(403, "Forbidden", "Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
			want: []string{"Application Administrator", "Cloud Application Administrator", "Hybrid Identity Administrator", "Application.ReadWrite.OwnedBy", "Insufficient privileges"}},
		{name: "403 missing role", resp: graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), claims: noRole,
			want: []string{"Missing admin role", "ann@contoso.com", "Cloud Application Administrator"}},
		{name: "403 missing scope", resp: graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), claims: noScope,
			want: []string{"Synchronization.ReadWrite.All", "User.Read"}},
		{name: "403 app-only", resp: graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), claims: appOnly,
			want: []string{"App-only", "Application.ReadWrite.OwnedBy", "Directory.Read.All"}},
		{name: "403 app-only not owner", resp: graphAnswer(403, "Forbidden", "Authorization_RequestDenied", ""), claims: ownedBy,
			want: []string{"owner", "Application.ReadWrite.OwnedBy."}},
		{name: "404 service principal", resp: graphAnswer(404, "Not Found", "Request_ResourceNotFound", ""), claims: admin, kind: ServicePrincipals,
			want: []string{"service principal's object ID", "appId", "application registration's object ID", "tenant-1"}, lookUp: true},
		{name: "404 application", resp: graphAnswer(404, "Not Found", "Request_ResourceNotFound", "Resource 'x' does not exist."), kind: Applications,
			want: []string{"application's own object ID", "appId", "service principal's object ID", "does not exist"}, lookUp: true},
		{name: "409", resp: graphAnswer(409, "Conflict", "Conflict", ""), want: []string{"Conflict", "elsewhere", "send again"}, retryable: true},
		{name: "429", resp: graphAnswer(429, "Too Many Requests", "TooManyRequests", ""), want: []string{"throttled", "Retry-After"}, retryable: true},
		{name: "503", resp: graphAnswer(503, "Service Unavailable", "UnknownError", ""), want: []string{"unavailable", "Retry-After"}, retryable: true},
		{name: "504", resp: &Response{Status: 504, Reason: "Gateway Timeout"}, want: []string{"busy", "wait at least", "double"}, retryable: true},
		{name: "500", resp: graphAnswer(500, "Internal Server Error", "UnknownError", ""), want: []string{"Graph failed", "rid-123", "support"}, retryable: true},
		{name: "not JSON", resp: &Response{Status: 403, Reason: "Forbidden", Body: []byte("<html><body>Blocked by policy</body></html>")},
			want: []string{"proxy or gateway", "not Graph", "HTML page", "graph.microsoft.com"}},
		{name: "network", err: &SendError{Kind: "network", Err: ErrFetch},
			want: []string{"CORS", "offline", "extension", "proxy", "developer tools"}},
		{name: "timeout", err: &SendError{Kind: "timeout", Err: context.DeadlineExceeded}, want: []string{"time limit", "Send again"}, retryable: true},
		{name: "cancelled", err: &SendError{Kind: "cancelled", Err: context.Canceled}, want: []string{"Cancelled", "cancelled"}},
		{name: "other error", err: errors.New("boom"), want: []string{"No answer", "CORS"}},
		{name: "not sent", want: []string{"Not sent"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind := tt.kind
			if kind == "" {
				kind = ServicePrincipals
			}
			x := Explain(tt.resp, tt.err, tt.claims, Global, kind)
			all := x.Title + "\n" + x.Cause + "\n" + x.Next
			if x.Title == "" || x.Cause == "" || x.Next == "" {
				t.Errorf("empty part: %+v", x)
			}
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("explanation lacks %q:\n%s", w, all)
				}
			}
			if x.Retryable != tt.retryable || x.LookUp != tt.lookUp {
				t.Errorf("Retryable, LookUp = %v, %v; want %v, %v", x.Retryable, x.LookUp, tt.retryable, tt.lookUp)
			}
			if strings.Contains(all, `""`) || strings.Contains(all, "message: \"\"") {
				t.Errorf("explanation quotes an empty message:\n%s", all)
			}
		})
	}
}

// TestExplain401 checks that the two 401s of the synchronization API are
// told apart, also when the token cannot be decoded (an opaque paste):
// UnknownError with no message is a missing permission or admin role,
// InvalidAuthenticationToken is the token itself.
func TestExplain401(t *testing.T) {
	future := time.Now().Add(time.Hour)
	noRole := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"},
		WIDs: []string{"b79fbf4d-3ef9-4689-8143-76b194e85509"}, User: "ann@contoso.com", Expires: future}
	noScope := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"User.Read"},
		WIDs: []string{roleCloudApplicationAdministrator}, Expires: future}
	appOnly := &Claims{Audience: "https://graph.microsoft.com", Roles: []string{"Directory.Read.All"}, Expires: future}
	valid := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"},
		WIDs: []string{roleApplicationAdministrator}, Expires: future}
	expired := &Claims{Audience: "https://graph.microsoft.com", Scopes: []string{"Synchronization.ReadWrite.All"}, Expires: time.Now().Add(-time.Minute)}

	roles := []string{"Synchronization.ReadWrite.All", "Application Administrator", "Cloud Application Administrator", "Hybrid Identity Administrator"}
	tokenTalk := []string{"expired", "another cloud", "cut short", "revoked"}
	unknown := graphAnswer(401, "Unauthorized", "UnknownError", "")
	invalid := graphAnswer(401, "Unauthorized", "InvalidAuthenticationToken", "Access token validation failure. Invalid signature.")
	tests := []struct {
		name      string
		resp      *Response
		claims    *Claims
		want, not []string
	}{
		{"UnknownError, opaque token", unknown, nil, append([]string{"Missing permission or admin role", "no message", "could not be decoded"}, roles...), tokenTalk},
		{"UnknownError, no scope", unknown, noScope, []string{"lacks the permission", "Synchronization.ReadWrite.All", "User.Read"}, tokenTalk},
		{"UnknownError, no role", unknown, noRole, []string{"Missing admin role", "ann@contoso.com", "Application Administrator", "Cloud Application Administrator", "Hybrid Identity Administrator"}, tokenTalk},
		{"UnknownError, app-only without permission", unknown, appOnly, []string{"lacks the permission", "Directory.Read.All", "Application.ReadWrite.OwnedBy"}, tokenTalk},
		{"UnknownError, both held", unknown, valid, []string{"Access refused", "scoped"}, tokenTalk},
		{"InvalidAuthenticationToken, opaque token", invalid, nil, append([]string{"Token not accepted", "InvalidAuthenticationToken", "Invalid signature", "paste it whole"}, tokenTalk...),
			[]string{"Application Administrator", "Hybrid Identity"}},
		{"InvalidAuthenticationToken, decodable token", invalid, valid, append([]string{"Token not accepted", "Invalid signature"}, tokenTalk...),
			[]string{"Application Administrator", "Hybrid Identity"}},
		{"UnknownError, expired token", unknown, expired, []string{"Token expired"}, []string{"Application Administrator"}},
		{"no body, opaque token", &Response{Status: 401, Reason: "Unauthorized"}, nil, append([]string{"Token or permission not accepted", "cut short"}, roles...), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := Explain(tt.resp, nil, tt.claims, Global, ServicePrincipals)
			all := x.Title + "\n" + x.Cause + "\n" + x.Next
			for _, w := range tt.want {
				if !strings.Contains(all, w) {
					t.Errorf("explanation lacks %q:\n%s", w, all)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(all, w) {
					t.Errorf("explanation mentions %q, which is not this 401's cause:\n%s", w, all)
				}
			}
			if x.Retryable {
				t.Error("a 401 is retryable: sending it unchanged fails the same way")
			}
			t.Logf("%-44s → %s", tt.name, x.Title)
		})
	}
}
