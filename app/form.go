package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// targetState is what the call acts on: the cloud, the API version, the
// endpoint (application or service principal) and the object ID. It is
// its own part because every call of the page (Send request, Look up,
// Test connection, Save) reads it, and a cloud switch changes more than
// the form: it begins a new session (see switchCloud).
type targetState struct {
	cloud    graph.Cloud
	version  graph.Version
	kind     graph.Kind
	objectID string // as typed: graph parses it when a request is built
}

// renderTarget renders cloud, API version, endpoint and object ID.
func (p *Page) renderTarget(checked graph.Checked) app.UI {
	clouds := graph.Clouds()
	if p.sandbox.IsSandbox() {
		clouds = append([]graph.Cloud{p.sandbox}, clouds...)
	}
	var cloudOpts, versionOpts, kindOpts []app.UI
	for _, c := range clouds {
		cloudOpts = append(cloudOpts, option(c.ID, c.Name+" — "+c.GraphHost, c.ID == p.target.cloud.ID))
	}
	for _, v := range graph.Versions() {
		versionOpts = append(versionOpts, option(string(v), string(v), v == p.target.version))
	}
	for _, k := range graph.Kinds() {
		kindOpts = append(kindOpts, option(string(k), k.Label()+" (/"+string(k)+")", k == p.target.kind))
	}
	return el("fieldset",
		textEl("legend", "Target"),
		field("cloud", "Cloud", nil,
			elem("select#cloud", nil, cloudOpts...).On("change", p.onCloud),
		),
		field("version", "API version", nil,
			elem("select#version", nil, versionOpts...).On("change", p.onVersion),
			p.renderVersionNotice(),
		),
		field("endpoint", "Endpoint", nil,
			elem("select#endpoint", nil, kindOpts...).On("change", p.onKind),
		),
		field("object-id", "Object ID", visible(p.target.objectID, checked.ObjectID),
			textInput("object-id", p.shown["object-id"], "00000000-0000-0000-0000-000000000000", "object-id-problems object-id-hint",
				hasError(visible(p.target.objectID, checked.ObjectID))).On("input", storeValue(&p.target.objectID)),
			textEl("p#object-id-hint.hint", "The object ID of the "+p.target.kind.Label()+" (not its appId)."),
		),
		p.renderLookup(),
	)
}

// renderVersionNotice shows, under API version, the deprecation notice
// the chosen version's metadata carries for acquireAccessToken, with the
// successors Microsoft names (see deprecationNotice).
func (p *Page) renderVersionNotice() app.UI {
	return p.deprecationNotice("version-notice", graph.AcquireAccessTokenCall)
}

func (p *Page) onCloud(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if c, ok := graph.CloudByID(srcValue(ctx), p.sandbox); ok {
		p.switchCloud(ctx, c)
	}
}

// switchCloud moves the form to cloud c. A sign-in belongs to one cloud:
// the page switches to that cloud's own.
func (p *Page) switchCloud(ctx app.Context, c graph.Cloud) {
	if c.ID == p.target.cloud.ID {
		return
	}
	p.newSession("you switched cloud")
	p.closeClients(nil) // the signed-in one too: its cache stays for a switch back, but it writes no more
	// The sign-in, its token and the token field's note belong to the
	// cloud left: a note that a token was filled in must not outlive it.
	p.target.cloud, p.auth, p.look = c, signInState{}, lookupState{}
	p.forgetProvisioning(ctx)
	p.show("token", "")
	p.loadCloudConfig(ctx)
	p.resumeSession(ctx)
}

func (p *Page) onVersion(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.target.version = graph.Version(srcValue(ctx))
}

func (p *Page) onKind(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.target.kind = graph.Kind(srcValue(ctx))
}

// visible hides a field's problems while it is still empty: an untouched
// form is not an error, and Send's reason already says what is missing.
func visible(value string, ps []graph.Problem) []graph.Problem {
	if value == "" {
		return nil
	}
	return ps
}

// hasError says whether problems hold an error, for a field's aria-invalid.
func hasError(problems []graph.Problem) bool {
	for _, p := range problems {
		if p.Severity == graph.Error {
			return true
		}
	}
	return false
}

// field renders a labelled control with its problems next to it. The
// problems are in an aria-live region so screen readers announce them.
func field(id, label string, problems []graph.Problem, controls ...app.UI) app.UI {
	return el("div.field",
		textWith("label", label, "for", id),
		el("div.control", controls...),
		problemList(id+"-problems", problems),
	)
}

func problemList(id string, problems []graph.Problem) app.UI {
	return elWith("div.problems[aria-live=polite]", attrs{"id", id}, problemPs(problems)...)
}

// option renders a select's option. go-app writes a false boolean as
// selected="false", which HTML reads as selected, so only true is set.
func option(value, text string, selected bool) app.UI {
	if selected {
		return textWith("option[selected=true]", text, "value", value)
	}
	return textWith("option", text, "value", value)
}

// problemPs are the paragraphs of a list of problems, each classed with
// its severity.
func problemPs(problems []graph.Problem) []app.UI {
	ps := make([]app.UI, len(problems))
	for i, q := range problems {
		ps[i] = textWith("p", q.Message, "class", "problem "+q.Severity.String())
	}
	return ps
}
