package paste

import (
	"strings"
	"testing"
)

func TestBadInputTenant(t *testing.T) {
	const id = "3d5b0a7e-6c1f-4e2a-9b8d-0f4c7a1e2b3c"
	tests := []struct {
		in, want string // want "" for an error
		msg      string // substring of the note or of the error
	}{
		{"", "", "Tenant is required: a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, or organizations."},
		{"  ", "", "Tenant is required"},
		{id, id, ""},
		{"{" + strings.ToUpper(id) + "}", id, ""},
		{" Contoso.onmicrosoft.com ", "contoso.onmicrosoft.com", ""},
		{"contoso.onmicrosoft.com/", "contoso.onmicrosoft.com", ""},
		{"organizations", "organizations", "organizations works only if your app registration accepts accounts in any organizational directory (multitenant); otherwise Entra answers AADSTS50194: use your tenant ID or domain."},
		{"Organizations", "organizations", "multitenant"},
		{"common", "", `Tenant "common" also signs in personal Microsoft accounts, which cannot use this API (work or school accounts only): use your tenant ID, your domain, or organizations.`},
		{"consumers", "", `Tenant "consumers" signs in personal Microsoft accounts only, and this API needs a work or school account: use your tenant ID, your domain, or organizations.`},
		{"1-2-3-4-5", "", "Tenant looks like a tenant ID but is not a GUID: group 1 has 1 characters, not 8."},
		{"{" + id, "", "Tenant ID has an unmatched brace."},
		{"{" + id + "\x19", "", "Tenant ID has an unmatched brace."},
		{strings.ReplaceAll(id, "-", ""), "", "Tenant ID needs hyphens"},
		{"00000000-0000-0000-0000-000000000000", "", "Tenant ID is all zeros"},
		{"contoso", "", `Tenant "contoso" is neither a tenant ID (GUID), a domain such as contoso.onmicrosoft.com, nor organizations.`},
		{"contoso..com", "", "is neither"},
		{"contoso .com", "", "is neither"},
		{"admin@contoso.com", "contoso.com", "Took the domain of the user name: contoso.com."},
		{"Directory (tenant) ID: " + id, id, "Took the tenant ID " + id + " (labelled tenant ID) from the pasted text."},
		{"Application (client) ID: 0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "", "This text holds only an appId (0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0), not a tenant ID: paste the Directory (tenant) ID or a domain such as contoso.onmicrosoft.com."},
		{"https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "", "This URL holds only an appId"},
		{"https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0", "contoso.onmicrosoft.com", "Took the tenant contoso.onmicrosoft.com from the sign-in URL (login.microsoftonline.com)."},
		{"https://login.microsoftonline.us/" + id + "/oauth2/v2.0/authorize?client_id=x", id, "from the sign-in URL (login.microsoftonline.us)"},
		{"https://sts.windows.net/" + id + "/", id, "from the sign-in URL (sts.windows.net)"},
		{"https://login.usgovcloudapi.net/" + id + "/oauth2/authorize", id, "from the sign-in URL (login.usgovcloudapi.net)"},
		{"https://login.microsoftonline.com/common/v2.0", "", `Tenant "common" also signs in personal Microsoft accounts`},
		{"https://login.microsoftonline.com/x", "", `Tenant "x" (from the URL) is neither`},
		{"https://login.microsoftonline.com/", "", "This sign-in URL names no tenant"},
		{"https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions", "contoso.onmicrosoft.com", "Took the tenant contoso.onmicrosoft.com from the portal URL."},
		{"https://entra.microsoft.com/#view/Microsoft_AAD_IAM/TenantOverview.ReactView/tenantId/" + id, id, "(labelled tenantId) from the pasted URL"},
		{"https://graph.microsoft.com/v1.0/me", "", "This URL names no tenant: paste the tenant ID (GUID) or a domain such as contoso.onmicrosoft.com."},
		{strings.Repeat("a", MaxPasteBytes+1), "", "Tenant field holds 64 KiB (65537 bytes)"},
	}
	for _, tt := range tests {
		got, note, err := ExtractTenant(tt.in)
		msg := note
		if err != nil {
			msg = err.Error()
		}
		t.Logf("%-40s → %s", badInputShort(tt.in), badInputOr(got, "error")+": "+msg)
		if got != tt.want || (err == nil) != (tt.want != "") || !strings.Contains(msg, tt.msg) || (tt.msg == "" && msg != "") {
			t.Errorf("ExtractTenant(%q) = %q, %q, %v; want %q saying %q", tt.in, got, note, err, tt.want, tt.msg)
		}
		if p, perr := ParseTenant(tt.in); p != got || (perr == nil) != (err == nil) {
			t.Errorf("ParseTenant(%q) = %q, %v; ExtractTenant says %q, %v", tt.in, p, perr, got, err)
		}
	}
}

func TestBadInputClientID(t *testing.T) {
	const app = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	const obj = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	tests := []struct {
		in, want string
		msg      string
	}{
		{"", "", "Client ID is required: the Application (client) ID of your app registration."},
		{strings.ToUpper(app), app, ""},
		{"Application (client) ID\t" + app, app, "Took the client ID " + app + " (labelled client ID) from the pasted text."},
		{"Object ID: " + obj, "", "This text holds only an object ID (" + obj + ")"},
		{"abc", "", "Client ID must be a GUID"},
		{strings.ReplaceAll(app, "-", ""), "", "Client ID needs hyphens"},
		{"00000003-0000-0000-c000-000000000000", "", "Client ID 00000003-0000-0000-c000-000000000000 is Microsoft Graph's own appId: use the Application (client) ID of your app registration."},
		{"https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/" + app + "/isMSAApp~/false",
			app, "Took the client ID " + app + " (labelled appId) from the pasted URL."},
		{"https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/" + obj + "/appId/" + app,
			app, "ignored objectId " + obj},
		{"https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?client_id=" + app + "&response_type=code",
			app, "(labelled client_id)"},
		{`{"id":"` + obj + `","appId":"` + app + `","displayName":"synctoken"}`, app, `Took the client ID ` + app + ` (its "appId") from the pasted JSON.`},
		{`{"id":"` + obj + `"}`, "", `This JSON holds only an object ID (` + obj + `); the client ID is the app's Application (client) ID, its "appId".`},
		{"https://graph.microsoft.com/v1.0/applications/" + obj, "", "This URL holds only an object ID (" + obj + ")"},
		{"https://example.com/" + obj + "/" + app, "", "This URL holds two IDs"},
	}
	for _, tt := range tests {
		got, note, err := ExtractClientID(tt.in)
		msg := note
		if err != nil {
			msg = err.Error()
		}
		t.Logf("%-40s → %s", badInputShort(tt.in), badInputOr(got, "error")+": "+msg)
		if got != tt.want || (err == nil) != (tt.want != "") || !strings.Contains(msg, tt.msg) || (tt.msg == "" && msg != "") {
			t.Errorf("ExtractClientID(%q) = %q, %q, %v; want %q saying %q", tt.in, got, note, err, tt.want, tt.msg)
		}
		if p, perr := ParseClientID(tt.in); p != got || (perr == nil) != (err == nil) {
			t.Errorf("ParseClientID(%q) = %q, %v; ExtractClientID says %q, %v", tt.in, p, perr, got, err)
		}
	}
}
