package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// secretInput renders a field for a secret (a credential value, a token)
// as a text input masked by CSS rather than a type=password input: a
// browser offers to save what a password field held once the page
// navigates (a sign-in redirect, a reload), and its password manager then
// keeps a provisioning secret or an access token where synctoken promises
// nothing is kept. The class "masked" (web/synctoken.css) draws each
// character as a disc with -webkit-text-security until Reveal values
// takes it off. The data- attributes keep the common password managers'
// extensions (LastPass, 1Password, Bitwarden, Dashlane's form detection)
// from offering to fill or save it; autocomplete, autocapitalize and
// spellcheck keep the browser from remembering or sending it for checking.
func secretInput(id, value string, masked bool, attrs ...string) app.HTMLElemSelfClosing {
	class := "secret"
	if masked {
		class += " masked"
	}
	return inputEl(append([]string{"id", id, "type", "text", "class", class, "value", value,
		"autocomplete", "off", "spellcheck", "false", "autocapitalize", "off", "autocorrect", "off",
		"data-lpignore", "true", "data-1p-ignore", "true", "data-bwignore", "true", "data-form-type", "other"}, attrs...)...)
}
