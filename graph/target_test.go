package graph

import (
	"os"
	"strings"
	"synctoken/graph/internal/paste"
	"testing"
)

func TestParseObjectID(t *testing.T) {
	const id = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	tests := []struct {
		in, want, err string
	}{
		{id, id, ""},
		{"  " + id + "\t", id, ""},
		{strings.ToUpper(id), id, ""},
		{"{" + id + "}", id, ""},
		{"{" + strings.ToUpper(id) + "} ", id, ""},
		{"", "", "Object ID is required"},
		{"   ", "", "Object ID is required"},
		{"{" + id, "", "unmatched brace"},
		{strings.ReplaceAll(id, "-", ""), "", "needs hyphens"},
		{"hello", "", "got 5 characters in 1 groups"},
		{"4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b", "", "group 5 has 11 characters, not 12"},
		{"4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0bz", "", `'z' is not a hexadecimal digit`},
	}
	for _, tt := range tests {
		got, err := ParseObjectID(tt.in)
		if tt.err == "" {
			if err != nil || got != tt.want {
				t.Errorf("ParseObjectID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.err) {
			t.Errorf("ParseObjectID(%q) error = %v; want it to say %q", tt.in, err, tt.err)
		}
	}
}

func TestBetaDeprecationMatchesMetadata(t *testing.T) {
	if _, ok := V1.Deprecated(); ok {
		t.Error("v1.0 carries no deprecation notice in its metadata")
	}
	d, ok := Beta.Deprecated()
	if !ok {
		t.Fatal("beta must carry the deprecation notice")
	}
	xml, err := os.ReadFile("testdata/metadata-beta-excerpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	meta := string(xml)
	for _, s := range []string{
		`Property="Date" Date="` + d.Date + `"`,
		`Property="RemovalDate" Date="` + d.RemovalDate + `"`,
		`String="` + d.Description + `"`,
	} {
		if !strings.Contains(meta, s) {
			t.Errorf("beta metadata lacks %s", s)
		}
	}
	for _, s := range d.Successors {
		if !strings.Contains(meta, "Use "+s) && !strings.Contains(meta, " "+s+" ") {
			t.Errorf("beta metadata does not name successor %q", s)
		}
	}
	v1, err := os.ReadFile("testdata/metadata-v1.0-excerpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(v1), "RevisionKind/Deprecated") {
		t.Error("v1.0 metadata now deprecates the action: update Version.Deprecated")
	}
}

func TestCloudsAndSandbox(t *testing.T) {
	if got := Global.GraphBase(); got != "https://graph.microsoft.com" {
		t.Errorf("Global.GraphBase() = %q", got)
	}
	if USGovL5.GraphHost != "dod-graph.microsoft.us" || USGovL5.LoginHost != "login.microsoftonline.us" {
		t.Errorf("US Gov L5 hosts wrong: %+v", USGovL5)
	}
	sb, ok := Sandbox("http://127.0.0.1:8001/")
	if !ok || sb.GraphBase() != "http://127.0.0.1:8001" || !sb.IsSandbox() {
		t.Errorf("Sandbox = %+v, %v", sb, ok)
	}
	for _, bad := range []string{"", "127.0.0.1:8001", "https://evil.example", "http://127.0.0.1@evil.example", "javascript:alert(1)", "http://10.0.0.1:80"} {
		if _, ok := Sandbox(bad); ok {
			t.Errorf("Sandbox(%q) accepted; only loopback origins may be a sandbox", bad)
		}
	}
	if c, ok := CloudByID("sandbox", Cloud{}); ok {
		t.Errorf("CloudByID(sandbox) without a sandbox = %+v", c)
	}
	if c, ok := CloudByID("sandbox", sb); !ok || c.GraphBase() != sb.GraphBase() {
		t.Errorf("CloudByID(sandbox) = %+v %v", c, ok)
	}
	if c, ok := CloudByID("china", sb); !ok || c.GraphHost != "microsoftgraph.chinacloudapi.cn" {
		t.Errorf("CloudByID(china) = %+v %v", c, ok)
	}
}

func TestBadInputObjectID(t *testing.T) {
	const id = "4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0b9"
	const id2 = "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"
	upper := strings.ToUpper(id)
	tests := []struct {
		in   string
		want string // the ID, or "" for an error
		kind Kind   // the collection the paste shows, if any
		msg  string // substring of the note, or of the error
		more string // another substring of the same message
	}{
		// As typed.
		{"", "", "", "Object ID is required", ""},
		{" \t\n", "", "", "Object ID is required", ""},
		{id, id, "", "", ""},
		{upper, id, "", "", ""},
		{"{" + upper + "}", id, "", "", ""},
		{"  " + id + "\n", id, "", "", ""},
		{`"` + id + `"`, id, "", "", ""},
		{"hello", "", "", "Object ID must be a GUID", "got 5 characters in 1 groups"},
		{"\u201c", "", "", "Object ID must be a GUID", ""},
		{"not-a-guid", "", "", "Object ID must be a GUID", ""},
		{"Contoso HR app", "", "", "Object ID must be a GUID", "looks like a display name"},
		{strings.ReplaceAll(id, "-", ""), "", "", "needs hyphens", ""},
		{"{" + id, "", "", "unmatched brace", ""},
		{"4a3f1c2e-9b8d-4e7f-a6b5-c4d3e2f1a0bz", "", "", `'z' is not a hexadecimal digit`, ""},
		{"00000000-0000-0000-0000-000000000000", "", "", "all zeros", ""},
		{"00000003-0000-0000-c000-000000000000", "", "", "Microsoft Graph's own appId", ""},
		// Damaged in copying.
		{"4a3f1c2e-\u200b9b8d-4e7f-a6b5-c4d3e2f1a0b9", id, "", "Removed 1 invisible character", ""},
		{"\ufeff" + id, id, "", "Removed 1 invisible character", ""},
		{"4a3f1c2e\u20119b8d\u20134e7f-a6b5-c4d3e2f1a0b9", id, "", "Replaced 2 typographic dashes", ""},
		// Pasted URLs.
		{"https://portal.azure.com/#view/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/" + id + "/appId/" + id2,
			id, ServicePrincipals, "Took the object ID " + id + " (labelled objectId) from the pasted URL", "ignored appId " + id2},
		{"https://portal.azure.com/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/" + id2 + "/isMSAApp~/false",
			"", "", "holds only an appId (" + id2 + ")", "servicePrincipals(appId='" + id2 + "')"},
		{"https://graph.microsoft.com/v1.0/servicePrincipals/" + id + "/synchronization/jobs/scim.e4bbf44533ea4eabb17027f3a92e92aa.cdbd6d8a/validateCredentials",
			id, ServicePrincipals, "(labelled servicePrincipals) from the pasted URL", ""},
		{"https://graph.microsoft.com/beta/applications/" + upper + "/synchronization/secrets",
			id, Applications, "(labelled applications)", ""},
		{"GET https://graph.microsoft.com/v1.0/servicePrincipals/" + id + "/appRoleAssignedTo/" + id2,
			id, ServicePrincipals, "(labelled servicePrincipals)", "ignored appRoleAssignedTo " + id2},
		{"https://graph.microsoft.com/v1.0/servicePrincipals(appId='" + id2 + "')", "", "", "holds only an appId", ""},
		{"https://example.com/" + id + "/" + id2, "", "", "This URL holds two IDs: " + id + " and " + id2, "paste the object ID alone"},
		{"https://portal.azure.com/#home", "", "", "This URL holds no object ID", ""},
		{"https://portal.azure.com/#@contoso.onmicrosoft.com/tenantId/" + id2, "", "", "holds only a tenant ID (" + id2 + ")", ""},
		{"https://graph.microsoft.com/v1.0/servicePrincipals/" + id + "/owners?$filter=id eq '" + id + "'", id, ServicePrincipals, "Took the object ID " + id, ""},
		// Pasted JSON and text.
		{`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#servicePrincipals/$entity","id":"` + id + `","appId":"` + id2 + `","displayName":"SCIM app"}`,
			id, ServicePrincipals, `(its "id") from the pasted JSON`, ""},
		{`{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#applications","value":[{"id":"` + id + `","appId":"` + id2 + `"}]}`,
			id, Applications, `(its "id") from the pasted JSON`, ""},
		{`{"value":[{"id":"` + id + `"},{"id":"` + id2 + `"}]}`, "", "", "This JSON lists 2 objects", `"id"`},
		{`{"value":[]}`, "", "", "This JSON lists no objects", ""},
		{`{"appId":"` + id2 + `","displayName":"x"}`, "", "", "holds only an appId", ""},
		{`{"displayName":"x"}`, "", "", "This JSON holds no object ID", ""},
		{`  "id": "` + id + `",`, id, "", `(labelled id) from the pasted text`, ""},
		{"Object ID " + id, id, "", "(labelled Object ID) from the pasted text", ""},
		{"see " + id + " (prod)", id, "", "the only ID in the pasted text", ""},
		{id + " " + id2, "", "", "This text holds two IDs", ""},
		{"objectId " + id + " objectId " + id2, "", "", "This text holds two IDs: objectId " + id + " and objectId " + id2, ""},
		{strings.Repeat("x", paste.MaxPasteBytes+1), "", "", "Object ID field holds 64 KiB (65537 bytes)", ""},
	}
	for _, tt := range tests {
		got, kind, note, err := extractObjectID(tt.in)
		msg := note
		if err != nil {
			msg = err.Error()
		}
		t.Logf("%-40s → %s", badInputShort(tt.in), badInputOr(got, "error")+": "+msg)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("extractObjectID(%q) = %q; want an error saying %q", tt.in, got, tt.msg)
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("extractObjectID(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		case !strings.Contains(msg, tt.msg) || !strings.Contains(msg, tt.more):
			t.Errorf("extractObjectID(%q) says %q; want %q and %q", tt.in, msg, tt.msg, tt.more)
		case tt.msg == "" && msg != "":
			t.Errorf("extractObjectID(%q) notes %q; want no note", tt.in, msg)
		case kind != tt.kind:
			t.Errorf("extractObjectID(%q) kind %q, want %q", tt.in, kind, tt.kind)
		}
		// The exported forms agree with the full one.
		id, _, n, e := extractObjectID(tt.in)
		pid, pe := ParseObjectID(tt.in)
		if id != got || n != note || (e == nil) != (err == nil) || pid != got || (pe == nil) != (err == nil) {
			t.Errorf("extractObjectID/ParseObjectID(%q) disagree: %q %q %v / %q %v", tt.in, id, n, e, pid, pe)
		}
	}
}

// badInputOr returns s, or alt when s is empty.
func badInputOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// TestCallDeprecationsMatchMetadata: Test connection's and Save's notices
// are their annotations' own words and dates in the beta metadata, each
// says its successors cannot be called yet, and those successors are not
// in the metadata as anything callable.
func TestCallDeprecationsMatchMetadata(t *testing.T) {
	raw, err := os.ReadFile("testdata/metadata-beta-excerpt.xml")
	if err != nil {
		t.Fatal(err)
	}
	meta := string(raw)
	for call, target := range map[string]string{
		AcquireAccessTokenCall:  `<Annotations Target="microsoft.graph.acquireAccessToken(`,
		ValidateCredentialsCall: `<Annotations Target="microsoft.graph.validateCredentials(microsoft.graph.synchronizationJob,`,
		SecretsCall:             `<Annotations Target="microsoft.graph.synchronization/secrets">`,
	} {
		if _, ok := V1.DeprecatedCall(call); ok {
			t.Errorf("%s: v1.0 carries no notice", call)
		}
		d, ok := Beta.DeprecatedCall(call)
		if !ok {
			t.Fatalf("%s: no beta notice", call)
		}
		i := strings.Index(meta, target)
		if i < 0 {
			t.Fatalf("%s: the metadata has no annotation %s", call, target)
		}
		record := meta[i:]
		record = record[:strings.Index(record, "</Annotations>")]
		for _, s := range []string{`Property="Date" Date="` + d.Date + `"`, `Property="RemovalDate" Date="` + d.RemovalDate + `"`,
			`Property="Description" String="` + d.Description + `"`, `RevisionKind/Deprecated`} {
			if !strings.Contains(record, s) {
				t.Errorf("%s: its annotation lacks %s", call, s)
			}
		}
		for _, s := range d.Successors {
			if !strings.Contains(d.Description, s) && call != AcquireAccessTokenCall {
				t.Errorf("%s: successor %q is not in its own notice", call, s)
			}
		}
		if !strings.Contains(d.NotCallable, "cannot be called") || !strings.Contains(d.NotCallable, "connectivityParameters") || !strings.Contains(d.NotCallable, "validateConnectivity") {
			t.Errorf("%s: NotCallable %q", call, d.NotCallable)
		}
	}
	if _, ok := Beta.DeprecatedCall("nope"); ok {
		t.Error("an unknown call has a notice")
	}
	for _, s := range []string{`Name="validateConnectivity"`, `Name="connectivityParameters"`} {
		if strings.Contains(meta, s) {
			t.Errorf("the metadata now has %s: the notices must stop saying it cannot be called", s)
		}
	}
}
