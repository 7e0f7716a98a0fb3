package app

import (
	"strings"
	"testing"
)

// TestPageSaysWhatTheCallIsFor checks the masthead's words: Authorize's
// call, for which connectors, that the code grant is retired, and what is
// assumed, marked as such.
func TestPageSaysWhatTheCallIsFor(t *testing.T) {
	t.Setenv(SandboxEnv, "")
	html := mount(t, &Page{})
	masthead := html[strings.Index(html, `class="masthead"`):strings.Index(html, "</header>")]
	for _, want := range []string{
		"the call behind Authorize",
		"Google Workspace, Box, Dropbox, Amazon Business, GoTo and Workplace from Meta",
		"redeems it with the vendor itself",
		"only Test connection shows whether it worked",
		"not to this call",
		"OAuth client credentials or workload identity federation",
		"deprecated on 2026-02-06, removal 2027-07-06",
		"Assumed, not published",
		"Oauth2AuthorizationCode and Oauth2RedirectUri",
		"https://portal.azure.com/TokenAuthorize",
	} {
		if !strings.Contains(masthead, want) {
			t.Errorf("the masthead lacks %q", want)
		}
	}
}
