package app

import (
	"html"
	"regexp"
	"strings"
	"testing"

	"synctoken/graph"
)

// hintLimit is how long a field's hint may be outside its disclosure: about
// two lines of the steps' column. The longer why goes in the disclosure.
const hintLimit = 150

var (
	disclosure = regexp.MustCompile(`(?s)<details[^>]*>.*?</details>`)
	hintP      = regexp.MustCompile(`(?s)<p([^>]*)class="hint"([^>]*)>(.*?)</p>`)
	tags       = regexp.MustCompile(`<[^>]+>`)
	idAttr     = regexp.MustCompile(`id="([^"]+)"`)
)

// TestShortWordsFirst: every step open, each of the steps' hints says its
// field's point in at most hintLimit characters; the longer why (what
// Graph does, the assumptions) sits in a disclosure next to it, and is
// still on the page. The preset's lines (#preset-for, #preset-assumed) are
// graph's words, checked verbatim elsewhere, and not held to it.
func TestShortWordsFirst(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	for _, preset := range []string{"oauth-code", "scim-token"} {
		p := &Page{}
		mount(t, p)
		pr, _ := graph.PresetByID(preset)
		p.creds.choosePreset(pr)
		page := rerender(t, p)
		steps := page[strings.Index(page, `class="form steps"`):strings.Index(page, `class="panels"`)]
		for _, m := range hintP.FindAllStringSubmatch(disclosure.ReplaceAllString(steps, ""), -1) {
			id := idAttr.FindStringSubmatch(m[1] + m[2])
			if id != nil && strings.HasPrefix(id[1], "preset-") {
				continue
			}
			text := html.UnescapeString(tags.ReplaceAllString(m[3], ""))
			if n := len([]rune(text)); n > hintLimit {
				t.Errorf("%s: a hint of %d characters, over %d: put the why in a disclosure: %q", preset, n, hintLimit, text)
			}
		}
		for _, why := range []string{"redeems it with the vendor itself", "every other parameter (scope, client) stays as pasted",
			"only a test of what the provisioning service saved proves", "to delete a saved key, tick Delete on Save", "runs again only when restarted"} {
			if preset == "oauth-code" && !strings.Contains(html.UnescapeString(page), why) {
				t.Errorf("the longer why %q is gone from the page", why)
			}
		}
	}
}
