package app

import (
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// form is what the parts read of the form the admin fills in: the
// application's target, the credentials and the token. It holds
// pointers to those parts, set once by Page.wire, so that a part reads
// another's state without reaching for the whole page.
type form struct {
	target *targetState
	creds  *credentialsState
	auth   *signInState
}

// input is the form as the request's builder reads it.
func (f *form) input() graph.Input {
	return graph.Input{
		Cloud:       f.target.cloud,
		Version:     f.target.version,
		Kind:        f.target.kind,
		ObjectID:    f.target.objectID,
		Credentials: f.creds.rows,
		Token:       f.auth.token,
	}
}

// wantsCode reports whether the rows are an OAuth connector's: one holds
// Oauth2AuthorizationCode (under any spelling: graph.IsCodeKey), which Get
// the code fills, and which Test connection must then not test.
func (f *form) wantsCode() bool { return hasCodeRow(f.creds.rows) }

// hasCodeRow reports whether one of rows is Oauth2AuthorizationCode,
// under any spelling.
func hasCodeRow(rows []graph.Credential) bool {
	return slices.ContainsFunc(rows, func(c graph.Credential) bool { return graph.IsCodeKey(c.Key) })
}

// spID is the service principal's object ID as typed, normalised; "" when
// the field does not hold one.
func (f *form) spID() string {
	id, err := graph.ParseObjectID(f.target.objectID)
	if err != nil {
		return ""
	}
	return id
}

// syncTarget is the service principal Test connection, Save and the job
// act on, with token.
func (f *form) syncTarget(token string) graph.SyncTarget {
	t := f.target
	return graph.SyncTarget{Cloud: t.cloud, Version: t.version, ServicePrincipalID: t.objectID, Token: token}
}

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

// applicationStep is the Application step: the target and Look up.
type applicationStep struct {
	targetState
	look lookupState // Look up: lookup.go

	s       *session
	f       *form
	fields  *fields
	sandbox graph.Cloud
	// switchCloud and signIn are the shell's and the sign-in's: a cloud
	// switch ends the session, and Look up's consent is a sign-in.
	switchCloud func(ctx app.Context, c graph.Cloud)
	signIn      func(ctx app.Context, here bool, extra ...string)
}

// renderTarget renders cloud, API version, endpoint and object ID.
func (a *applicationStep) renderTarget(checked graph.Checked) app.UI {
	clouds := graph.Clouds()
	if a.sandbox.IsSandbox() {
		clouds = append([]graph.Cloud{a.sandbox}, clouds...)
	}
	var cloudOpts, versionOpts, kindOpts []app.UI
	for _, c := range clouds {
		cloudOpts = append(cloudOpts, option(c.ID, c.Name+" — "+c.GraphHost, c.ID == a.cloud.ID))
	}
	for _, v := range graph.Versions() {
		versionOpts = append(versionOpts, option(string(v), string(v), v == a.version))
	}
	for _, k := range graph.Kinds() {
		kindOpts = append(kindOpts, option(string(k), k.Label()+" (/"+string(k)+")", k == a.kind))
	}
	return el("fieldset",
		textEl("legend", "Target"),
		field("cloud", "Cloud", nil,
			elem("select#cloud", nil, cloudOpts...).On("change", a.onCloud),
		),
		field("version", "API version", nil,
			elem("select#version", nil, versionOpts...).On("change", a.onVersion),
			a.renderVersionNotice(),
		),
		field("endpoint", "Endpoint", nil,
			elem("select#endpoint", nil, kindOpts...).On("change", a.onKind),
		),
		field("object-id", "Object ID", visible(a.objectID, checked.ObjectID),
			textInput("object-id", a.fields.shown["object-id"], "00000000-0000-0000-0000-000000000000", "object-id-problems object-id-hint",
				hasError(visible(a.objectID, checked.ObjectID))).On("input", storeValue(&a.objectID)),
			textEl("p#object-id-hint.hint", "The object ID of the "+a.kind.Label()+" (not its appId)."),
		),
		a.renderLookup(),
	)
}

// renderVersionNotice shows, under API version, the deprecation notice
// the chosen version's metadata carries for acquireAccessToken, with the
// successors Microsoft names (see deprecationNotice).
func (a *applicationStep) renderVersionNotice() app.UI {
	return a.f.deprecationNotice("version-notice", graph.AcquireAccessTokenCall)
}

func (a *applicationStep) onCloud(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	if c, ok := graph.CloudByID(srcValue(ctx), a.sandbox); ok {
		a.switchCloud(ctx, c)
	}
}

func (a *applicationStep) onVersion(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	a.version = graph.Version(srcValue(ctx))
}

func (a *applicationStep) onKind(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	a.kind = graph.Kind(srcValue(ctx))
}

func (a *applicationStep) status(checked graph.Checked) stepStatus {
	t := a
	switch {
	case strings.TrimSpace(t.objectID) == "":
		return stepStatus{stepToDo, "Paste the Object ID of the " + t.kind.Label() + ", or look the application up."}
	case hasError(checked.ObjectID):
		return stepStatus{stepAttention, "The Object ID is not valid: see why below."}
	}
	return stepStatus{stepDone, t.kind.Label() + " " + a.f.spID() + " in " + t.cloud.Name + ", " + string(t.version) + "."}
}

// reshow puts the Object ID typed into the fields' memory before the
// step opens again (see fields.reshow).
func (a *applicationStep) reshow() { a.fields.reshow("object-id", a.objectID) }
