package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// What the Get the code step shows: the Authorization URL, the redirect
// URI, Open authorization page and the Landing address (authorize.go
// holds what they do).

// renderAuthorize renders Get the code, for an OAuth connector's rows.
func (g *getCodeStep) renderAuthorize() app.UI {
	if !g.f.wantsCode() {
		return nil
	}
	built, err := g.authorization()
	urlPs, redirectPs := g.authorizeProblems(built, err)
	open := button("authz-open", "", "Open authorization page").On("click", g.onOpenAuthorization)
	if err != nil {
		open = open.Attr("disabled", "true")
	}
	return elWith("fieldset#authorize.authorize", attrs{"data-call", callAuthorize.dataCall()},
		textEl("legend", "Get the code"),
		more("authorize-hint", "Open the vendor's page, allow access, take the code: Send request then hands it over. It works once, for minutes.",
			"The Authorize of an OAuth connector: open the vendor's authorization page, sign in there and allow access; "+
				"the vendor's code then fills the "+codeKey+" and Oauth2RedirectUri rows, and Send request hands it to the provisioning service, "+
				"which redeems it with the vendor itself. The code is a secret: it works once, within minutes, and is never stored."),
		g.renderAuthorizationURL(urlPs),
		g.renderRedirectChoice(redirectPs),
		el("div.row", open),
		el("div#authz-open-area[aria-live=polite]", g.renderOpened(built, err)),
		g.renderLanding(),
	)
}

// authorizeProblems are the problems to show at Authorization URL and at
// Redirect URI, given what building the Authorize returned: each
// problem is said once, at the field it is about, and an untouched field
// says nothing (Open authorization page is disabled meanwhile).
func (g *getCodeStep) authorizeProblems(built graph.Authorization, err error) (urlPs, redirectPs []graph.Problem) {
	a := &g.authorizeState
	redirectErr := graph.CheckRedirectURI(g.authzRedirect(), g.f.target.cloud)
	if redirectErr != nil && (g.redirectChoice() != redirectTyped || a.typed != "") {
		redirectPs = []graph.Problem{{Severity: graph.Error, Message: redirectErr.Error()}}
	}
	switch {
	case err == nil:
		urlPs = built.Notes
	case a.pasted == "": // untouched: the button says what is missing
	case redirectErr != nil && err.Error() == redirectErr.Error(): // said at the redirect URI
	default:
		urlPs = []graph.Problem{{Severity: graph.Error, Message: err.Error()}}
	}
	return urlPs, redirectPs
}

// renderAuthorizationURL renders the field the vendor's authorization URL
// is pasted into.
func (g *getCodeStep) renderAuthorizationURL(problems []graph.Problem) app.UI {
	return field("authz-url", "Authorization URL", problems,
		textInput("authz-url", g.fields.shown["authz-url"], "https://vendor.example/oauth2/authorize?client_id=…&response_type=code&scope=…",
			"authz-url-problems authz-url-hint", hasError(problems)).On("input", storeValue(&g.authorizeState.pasted)),
		more("authz-url-hint", "Paste the vendor's authorization URL whole.",
			"From the connector's documentation or the vendor's admin console. "+
				"synctoken sets its redirect_uri and, when it has none, a state; every other parameter (scope, client) stays as pasted."),
	)
}

// renderRedirectChoice renders the choice of redirect URI: the portal's
// landing page, this page, or an address the admin types.
func (g *getCodeStep) renderRedirectChoice(problems []graph.Problem) app.UI {
	choice, portal := g.redirectChoice(), g.f.target.cloud.PortalRedirectURI()
	var typed []app.UI
	if choice == redirectTyped {
		typed = []app.UI{
			textEl("label[for=authz-redirect]", "Address the vendor sends you back to"),
			textInput("authz-redirect", g.fields.shown["authz-redirect"], "https://…", "authz-redirect-choice-problems", hasError(problems)).On("input", storeValue(&g.authorizeState.typed)),
		}
	}
	return field("authz-redirect-choice", "Redirect URI", problems,
		elem("select#authz-redirect-choice[aria-describedby=authz-redirect-choice-problems authz-redirect-hint]", attrs{"aria-invalid", strconv.FormatBool(hasError(problems))},
			when(portal != "", option(string(redirectPortal), "The portal's landing page — "+portal, choice == redirectPortal)),
			option(string(redirectPage), "This page — "+redirectURI(), choice == redirectPage),
			option(string(redirectTyped), "Another address", choice == redirectTyped),
		).On("change", g.onRedirectChoice),
		// Always there: the typed address appearing must not move the
		// fields below, which go-app would then rebuild.
		el("div#authz-redirect-area", typed...),
		more("authz-redirect-hint", "Where the vendor sends its answer: it must be an address the vendor accepts.",
			strings.TrimPrefix(g.f.target.cloud.PortalRedirectNote()+" ", " ")+
				"With This page the vendor must accept this site's address, and its answer comes back here by itself."),
	)
}

// renderLanding renders Landing address, where the vendor's answer is
// pasted, with what taking the code did or why it could not.
func (g *getCodeStep) renderLanding() app.UI {
	a := &g.authorizeState
	var problems []graph.Problem
	if a.landingErr != "" {
		problems = []graph.Problem{{Severity: graph.Error, Message: a.landingErr}}
	}
	problems = append(problems, a.landingNotes...)
	return field("authz-landing", "Landing address", problems,
		textInput("authz-landing", g.fields.shown["authz-landing"], firstNonEmpty(g.f.target.cloud.PortalRedirectURI(), "https://…")+"?code=…&state=…",
			"authz-landing-problems authz-landing-hint", hasError(problems)).
			On("input", storeValue(&g.authorizeState.landing)).
			On("change", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				if strings.TrimSpace(g.landing) != "" {
					g.useLanding(ctx)
				}
			}),
		more("authz-landing-hint", "Paste the address the vendor left you on, whole (or the code alone).",
			"After you allow access, the vendor leaves you on the landing page. synctoken checks the state, takes the code out and fills the rows."),
		el("div#authz-vendor-area[aria-live=polite]", renderVendorError(a.vendorErr)),
		el("div.row",
			button("authz-landing-use", "secondary", "Take the code").On("click", g.onUseLanding),
		),
	)
}

// renderOpened says what Open authorization page opens, and what happens
// to the answer.
func (g *getCodeStep) renderOpened(built graph.Authorization, err error) app.UI {
	a := &g.authorizeState
	switch {
	case a.blocked:
		return textEl("p#authz-blocked.problem.error", "The browser blocked the vendor's window: allow pop-ups for this site and open it again, or choose the portal's landing page.")
	case a.awaiting != nil:
		return textEl("p#authz-waiting.notice", "Waiting for the vendor's answer: allow access in the window that opened, and the code comes back here by itself.")
	case err != nil:
		return nil
	}
	return el("p#authz-built.hint", app.Text("Opens "), textEl("code", built.URL))
}

// renderStep is Get the code, in a container that is always there
// while the step is open.
func (g *getCodeStep) renderStep(graph.Checked) app.UI {
	return el("div#authorize-area", g.renderAuthorize())
}

// reshow puts the live values of the step's fields into the fields'
// memory before the step opens again (see fields.reshow).
func (g *getCodeStep) reshow() {
	g.fields.reshow("authz-url", g.pasted)
	g.fields.reshow("authz-redirect", g.typed)
	g.fields.reshow("authz-landing", g.landing)
}
