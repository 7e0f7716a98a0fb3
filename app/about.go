package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// renderAbout says, under the masthead, what acquireAccessToken is for and
// what about it is assumed (docs/using.md "What is assumed"). It is
// folded: an admin who knows reads the form at once.
func renderAbout() app.UI {
	return el("details#about.about",
		textEl("summary#about-summary", "What acquireAccessToken is for"),
		textEl("p", "It is the call behind Authorize in an application's Provisioning page (Admin Credentials), "+
			"for OAuth code-grant connectors such as Google Workspace, Box, Dropbox, Amazon Business, GoTo and Workplace from Meta. "+
			"The admin signs in at the vendor, the vendor returns an authorization code, and acquireAccessToken hands that code "+
			"to the provisioning service, which redeems it with the vendor itself and keeps the tokens. "+
			"Its answer, 204 No Content, has no body: only Test connection shows whether it worked."),
		textEl("p", "Connectors with a SCIM bearer token, a user name and password, or cross-tenant synchronization have no Authorize: "+
			"their credentials go to Test connection and Save (validateCredentials, PUT secrets), not to this call. "+
			"This page sends those two as well, below Send request."),
		textEl("p", "The code grant is being retired: new connectors use OAuth client credentials or workload identity federation, "+
			"which have no Authorize, and Graph's beta metadata marks acquireAccessToken deprecated on 2026-02-06, removal 2027-07-06."),
		el("p#about-assumed",
			textEl("strong", "Assumed, not published: "),
			app.Text("that the portal sends the keys Oauth2AuthorizationCode and Oauth2RedirectUri, and that vendors send the code "+
				"back to the portal's landing address, https://portal.azure.com/TokenAuthorize (portal.azure.us for US Gov, "+
				"portal.azure.cn for China). Both are editable here: change them if yours differ."),
		),
	)
}
