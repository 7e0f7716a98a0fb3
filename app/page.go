package app

import (
	"fmt"
	"net/http"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// SandboxEnv names the environment value that carries the sandbox's base URL.
// It is fixed when the site is served or built (Handler.Env) and never read
// from the page URL, so a link cannot redirect an admin's secrets.
const SandboxEnv = "SYNCTOKEN_SANDBOX"

// TimeoutEnv names the environment value that shortens the request
// timeout (a Go duration), honoured only with a sandbox: tests use it.
const TimeoutEnv = "SYNCTOKEN_TIMEOUT"

// Page is synctoken's single page: the form, the live request and the
// response. All state lives here so that nothing typed is lost when a
// panel re-renders or a request fails. It is kept in named parts, each a
// type in the file that holds its code, so that a reader of one part's
// code sees which state it owns; what stays at the top serves all parts.
type Page struct {
	app.Compo

	sandbox graph.Cloud // the sandbox, when this build has one
	session session     // the work under way and what ends it: session.go
	form    form        // the parts' read of the form: target.go

	target  applicationStep // cloud, version, endpoint, object ID, Look up: target.go, lookup.go
	creds   credentialsStep // the key/value rows, the preset, Reveal: credentials.go, preset.go
	auth    signInStep      // the sign-in and the token sent with: signin.go, signin_flow.go, token.go
	out     sender          // the call in flight or last answered: send.go
	history historyStep     // this tab's sends, in memory only: history.go

	now   time.Time  // for the countdowns: the time of the render, clock.go
	clock clockState // when it wakes next, and what the page showed

	updateAvailable bool // a new version was installed by the service worker
	offline         bool // the browser says it has no network

	fields // what each text field was last given by the page: fields.go

	crash string // a recovered panic, shown with a Reload button

	// The Admin Credentials step: Get the code, Test connection, Save.
	authz    getCodeStep      // Get the code: authorize.go, landing.go
	validate testStep         // Test connection: testconnection.go
	save     saveStep         // Save credentials: save.go, save_render.go
	handover handOverStep     // Send request: handover.go
	job      provisioningStep // Provisioning: the job, Restart provisioning, Start (job.go)
	call     call             // the call the Request panel shows

	steps stepsState // which steps are open, and the one Next went to: steps.go
}

// OnInit sets the defaults: the sandbox when this build has one, v1.0, the
// service principal endpoint and the keys of the default preset: the OAuth
// authorization code, since acquireAccessToken is the call behind Authorize.
func (p *Page) OnInit() {
	p.target.cloud, p.target.version, p.target.kind = graph.Global, graph.V1, graph.ServicePrincipals
	p.session.client = &graph.Client{}
	if sb, ok := graph.Sandbox(app.Getenv(SandboxEnv)); ok {
		p.sandbox, p.target.cloud = sb, sb
		p.session.client.Timeout, _ = time.ParseDuration(app.Getenv(TimeoutEnv))
	}
	p.wire()
	p.creds.rows = graph.DefaultPreset().Apply(nil, nil)
	p.creds.showCredentials()
	p.out.requestID = graph.NewRequestID()
	p.now = time.Now()
}

// OnNav finishes a sign-in whose answer is in the URL, or resumes the
// tab's session. (A sign-in popup is a Relay, not a Page: relay.go.)
func (p *Page) OnNav(ctx app.Context) {
	defer recovered(ctx)
	if p.auth.handleCallback(ctx, ctx.Page().URL()) {
		return
	}
	ctx.SessionStorage().Del(keyForm) // no answer came back for the sign-in that kept it
	p.auth.loadCloudConfig(ctx)
	p.auth.resumeSession(ctx)
}

// OnMount follows the network's state and starts the page's clock
// (clock.go) if something counts already, in the browser only.
func (p *Page) OnMount(ctx app.Context) {
	defer recovered(ctx)
	p.session.page = ctx
	if !app.IsClient {
		return
	}
	ctx.Handle(actionPanic, func(ctx app.Context, a app.Action) {
		defer recovered(ctx)
		p.crash = fmt.Sprint(a.Value)
	})
	if p.sandbox.IsSandbox() {
		exposeTestHooks(ctx)
	}
	p.offline = !app.Window().Get("navigator").Get("onLine").Bool()
	for event, offline := range map[string]bool{"online": false, "offline": true} {
		app.Window().Call("addEventListener", event, app.FuncOf(func(this app.Value, args []app.Value) any {
			p.dispatch(ctx, func(ctx app.Context) { p.offline = offline })
			return nil
		}))
	}
	p.clockRender()
}

func (p *Page) input() graph.Input { return p.form.input() }

// OnAppUpdate offers the new version the service worker installed.
func (p *Page) OnAppUpdate(ctx app.Context) {
	defer recovered(ctx)
	p.updateAvailable = ctx.AppUpdateAvailable()
}

// Render lays out the page: form on the left, request and response on the right.
func (p *Page) Render() app.UI {
	renders.Add(1)
	p.clockRender()
	checked := p.input().Check()
	preview, complete := p.preview(checked)
	// The banners sit in containers that are always there: an element
	// appearing before the form would shift it, and go-app would rebuild
	// the fields, losing what was typed since the page last set them.
	return el("div.page",
		el("div#crash-area", p.renderCrash()),
		el("div#update-area", when(p.updateAvailable,
			el("div#update.banner[aria-live=polite]",
				app.Text("A new version is available — "),
				button("reload", "", "Reload").On("click", func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					ctx.Reload()
				}),
			),
		)),
		el("div#origin-area", renderSharedOrigin()), // always there, as the banners above
		el("header.masthead",
			textEl("h1", "synctoken"),
			textEl("p", "Compose and send Microsoft Graph's synchronization: acquireAccessToken, the call behind Authorize "+
				"in an OAuth provisioning connector's Admin Credentials, and see the exact request and response."),
			renderAbout(),
		),
		el("main.columns",
			p.renderSteps(checked),
			el("section.panels",
				&RequestPanel{Request: preview, Complete: complete, Reveal: p.creds.reveal, Endpoint: p.call.endpoint(), Sends: p.call.button()},
				// Always there: the entry appearing would shift, and make go-app
				// rebuild, the panels after it, losing the keyboard focus and
				// the response's live regions.
				el("div#viewing-area", p.history.renderViewing()),
				p.responsePanel(),
			),
		),
		el("footer.hint", app.Text("synctoken "), textEl("span#app-version", app.Getenv("GOAPP_VERSION"))),
	)
}

// responsePanel shows the latest send, or the history entry being viewed.
func (p *Page) responsePanel() app.UI {
	if h, ok := p.history.viewed(); ok {
		return &ResponsePanel{Offline: p.offline, Explanation: h.Explanation, Support: h.Support, Response: h.Response,
			Err: h.Failure, RequestID: sentID(&h.Request), Endpoint: h.Call.endpoint()}
	}
	// After an Authorize handed its code over, the next step is a Test
	// connection of the saved credentials: offered with the explanation.
	offerTest := p.out.call == callAuthorize && p.authz.handedOver && p.out.response != nil &&
		p.out.response.Status == http.StatusNoContent && p.target.kind == graph.ServicePrincipals
	var endpoint string
	if p.out.sent != nil || p.out.response != nil || p.out.err != "" || p.out.sending {
		endpoint = p.out.call.endpoint()
	}
	return &ResponsePanel{Offline: p.offline, Explanation: p.out.explained, Support: p.out.support, Response: p.out.response,
		Err: p.out.err, Sending: p.out.sending, RequestID: sentID(p.out.sent), OnLookUp: p.target.onLookup, Endpoint: endpoint,
		OnTest: p.onNextTest, OfferTest: offerTest}
}

// onNextTest is Test connection, offered after an Authorize's 204: it
// tests, and takes the admin to this page's Test connection step.
func (p *Page) onNextTest(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callTest
	p.validate.testConnection(ctx)
	p.goToStep(ctx, stepTest)
}

// Route registers synctoken's page with go-app for every path, so a deep
// link or a reload anywhere under the site shows the app; the browser and
// the server must both call it before anything else. A relay window gets
// the Relay instead (newScreen, relay.go).
func Route() {
	app.RouteWithRegexpFunc("^/.*", newScreen)
}

// sentID is the client-request-id of the last request sent.
func sentID(r *graph.Request) string {
	if r == nil {
		return ""
	}
	for _, h := range r.Header {
		if h.Name == "client-request-id" {
			return h.Value
		}
	}
	return ""
}
