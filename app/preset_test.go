package app

import (
	"reflect"
	"regexp"
	"strings"
	"testing"

	"synctoken/graph"
)

// selectedPreset is the option the chooser marks selected in html.
func selectedPreset(html string) string {
	sel := regexp.MustCompile(`(?s)<select[^>]*id="preset".*?</select>`).FindString(html)
	for _, o := range regexp.MustCompile(`<option[^>]*>`).FindAllString(sel, -1) {
		if strings.Contains(o, "selected") {
			return regexp.MustCompile(`value="([^"]*)"`).FindStringSubmatch(o)[1]
		}
	}
	return ""
}

func TestPresetChooser(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	p := &Page{}
	html := mount(t, p)
	// acquireAccessToken is Authorize's call: the form starts with its keys.
	if want := []graph.Credential{{Key: "Oauth2AuthorizationCode"}, {Key: "Oauth2RedirectUri"}}; !reflect.DeepEqual(p.creds.rows, want) {
		t.Errorf("default rows %v, want %v", p.creds.rows, want)
	}
	if got := selectedPreset(html); got != "oauth-code" {
		t.Errorf("the chooser shows %q, want oauth-code", got)
	}
	for _, want := range []string{`<label for="preset">Configuring</label>`, "For Authorize", "Assumption: The key names are an assumption", `value="Oauth2AuthorizationCode"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if strings.Index(html, `id="preset"`) > strings.Index(html, `id="key-0"`) || !strings.Contains(html[strings.Index(html, `class="credentials"`):], `id="preset"`) {
		t.Error("the chooser is not inside Credentials, above the rows")
	}

	// Choosing the SCIM preset keeps what was typed for keys that stay and
	// sets the rest aside; the line says acquireAccessToken is not its call.
	p.creds.setValue(1, "https://portal.azure.com/TokenAuthorize")
	scim, _ := graph.PresetByID("scim-token")
	p.creds.choosePreset(scim)
	html = rerender(t, p)
	if got := selectedPreset(html); got != "scim-token" || p.shown["key-0"] != "BaseAddress" || p.shown["key-1"] != "SecretToken" {
		t.Errorf("after choosing SCIM: chooser %q, fields %q %q", got, p.shown["key-0"], p.shown["key-1"])
	}
	if !strings.Contains(html, "not acquireAccessToken") || strings.Contains(html, `id="preset-assumed"`) {
		t.Error("the SCIM preset's line must say acquireAccessToken is not its call, and claim no assumption")
	}
	p.creds.setValue(1, "s3cret")
	oauth, _ := graph.PresetByID("oauth-code")
	p.creds.choosePreset(oauth)
	if p.creds.rows[1].Value != "https://portal.azure.com/TokenAuthorize" || p.shown["value-1"] != p.creds.rows[1].Value {
		t.Errorf("switching back lost the redirect URI typed: %v", p.creds.rows)
	}
	p.creds.choosePreset(scim)
	if p.creds.rows[1].Value != "s3cret" {
		t.Errorf("switching back lost the SecretToken typed: %v", p.creds.rows)
	}

	// A longer preset adds rows; a shorter one forgets the fields of rows
	// that are gone, so a row added later starts empty.
	password, _ := graph.PresetByID("password")
	p.creds.choosePreset(password)
	if p.shown["key-2"] != "Password" {
		t.Errorf("the third row shows %q", p.shown["key-2"])
	}
	p.creds.choosePreset(scim)
	if _, ok := p.shown["key-2"]; ok {
		t.Errorf("a removed row's field is still remembered: %q", p.shown["key-2"])
	}

	// Edited keys: the chooser shows the preset they make up, or Custom.
	p.creds.setKey(1, "UserName")
	if got := selectedPreset(rerender(t, p)); got != graph.CustomPreset {
		t.Errorf("after a key edit that matches no preset the chooser shows %q", got)
	}
	p.creds.rows = append(p.creds.rows, graph.Credential{Key: "Password"})
	if got := selectedPreset(rerender(t, p)); got != "password" {
		t.Errorf("rows making up the password preset show %q", got)
	}
	// Custom keeps the rows, and stays chosen while they do.
	custom, _ := graph.PresetByID(graph.CustomPreset)
	before := append([]graph.Credential(nil), p.creds.rows...)
	p.creds.choosePreset(custom)
	if !reflect.DeepEqual(p.creds.rows, before) {
		t.Errorf("Custom changed the rows: %v", p.creds.rows)
	}
	if got := selectedPreset(rerender(t, p)); got != graph.CustomPreset {
		t.Errorf("after choosing Custom the chooser shows %q", got)
	}
	p.creds.setKey(2, "SecretToken")
	p.creds.removeCredential(1)
	if got := selectedPreset(rerender(t, p)); got != "scim-token" {
		t.Errorf("after editing the keys into SCIM's the chooser shows %q", got)
	}
}
