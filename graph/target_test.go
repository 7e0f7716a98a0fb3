package graph

import (
	"os"
	"strings"
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
