package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// switchCloud moves the form to cloud c. A sign-in belongs to one cloud:
// the page switches to that cloud's own.
func (p *Page) switchCloud(ctx app.Context, c graph.Cloud) {
	if c.ID == p.target.cloud.ID {
		return
	}
	p.session.end(sessionEnd{why: "you switched cloud", leave: true})
	p.auth.closeClients(nil) // the signed-in one too: its cache stays for a switch back, but it writes no more
	// The sign-in, its token and the token field's note belong to the
	// cloud left: a note that a token was filled in must not outlive it.
	p.target.cloud, p.auth.signInState, p.target.look = c, signInState{}, lookupState{}
	p.show("token", "")
	p.auth.loadCloudConfig(ctx)
	p.auth.resumeSession(ctx)
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

// savedForm is what a full-page sign-in keeps of the form (see keptForm).
func (p *Page) savedForm() savedForm {
	f := savedForm{Cloud: p.target.cloud.ID, Version: string(p.target.version), Kind: string(p.target.kind), ObjectID: p.target.objectID}
	for _, c := range p.creds.rows {
		f.Keys = append(f.Keys, c.Key)
	}
	f.Steps = p.steps.openIDs()
	return keptForm(f)
}

// restoreForm fills the form with what a full-page sign-in kept, filtered
// again: sessionStorage may hold an older version's form.
func (p *Page) restoreForm(f savedForm) {
	f = keptForm(f)
	if c, ok := graph.CloudByID(f.Cloud, p.sandbox); ok {
		p.target.cloud = c
	}
	if f.Version != "" {
		p.target.version = graph.Version(f.Version)
	}
	if f.Kind != "" {
		p.target.kind = graph.Kind(f.Kind)
	}
	p.target.objectID = f.ObjectID
	p.show("object-id", f.ObjectID)
	p.creds.rows = nil
	for _, k := range f.Keys {
		p.creds.rows = append(p.creds.rows, graph.Credential{Key: k})
	}
	p.creds.chosen = true // the admin had the form before signing in
	p.creds.showCredentials()
	p.steps.reopen(f.Steps)
}
