package app

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// credentialsState is the Credentials part of the form: the ordered
// key/value rows, the preset chooser's memory and whether values are
// revealed. It is its own part because the rows are the one place
// secrets are typed: values stay in this memory only, and every change
// the admin did not type goes through showCredentials (see fields).
type credentialsState struct {
	rows   []graph.Credential
	preset presetState // the chooser's memory: see preset.go
	reveal bool        // Reveal values: unmask the value fields and the Request panel
	// chosen: the admin chose what the rows are for (a preset, a key, a
	// value). Until then the default preset is only offered, and the step
	// is to do: an admin configuring client credentials must not read
	// "Done" over the Authorize rows and skip past it.
	chosen bool
}

// credentialsStep is the Credentials step: the preset chooser and the
// key/value rows.
type credentialsStep struct {
	credentialsState
	fields *fields
}

// renderCredentials renders the ordered key/value rows. Keys are typed with
// a list of Graph's synchronizationSecret names to choose from; a custom key
// is allowed and warned about.
func (cr *credentialsStep) renderCredentials(checked graph.Checked) app.UI {
	kids := []app.UI{
		textEl("legend", "Credentials"),
		// What is being configured: choosing fills the rows below.
		cr.renderPreset(),
		el("datalist#secret-keys"), // filled by fillKeyList
	}
	for i := range cr.rows {
		var ps []graph.Problem
		if i < len(checked.Credentials) {
			ps = checked.Credentials[i]
		}
		kids = append(kids, cr.renderCredentialRow(i, ps))
	}
	return el("fieldset.credentials", append(kids,
		el("div.row",
			button("add-credential", "secondary", "Add credential").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				cr.rows, cr.chosen = append(cr.rows, graph.Credential{}), true
			}),
			el("label.check[for=reveal]",
				checkbox("reveal", cr.reveal).
					On("change", func(ctx app.Context, e app.Event) {
						defer recovered(ctx)
						cr.reveal = ctx.JSSrc().Get("checked").Bool()
					}),
				app.Text(" Reveal values"),
			),
		))...,
	)
}

// renderCredentialRow renders row i: its key, its value (masked unless
// revealed), Remove, and its problems. Its handlers read the row by index
// when they run, as go-app keeps a row's first handlers.
func (cr *credentialsStep) renderCredentialRow(i int, problems []graph.Problem) app.UI {
	n := strconv.Itoa(i)
	return elWith("div.credential", attrs{"id", "credential-" + n},
		el("div.pair",
			el("div.field",
				textWith("label", "Key", "for", "key-"+n),
				inputEl("id", "key-"+n, "type", "text", "list", "secret-keys", "value", cr.fields.shown["key-"+n],
					"autocomplete", "off", "spellcheck", "false", "aria-describedby", "credential-"+n+"-problems").On("focus", func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					fillKeyList()
				}).On("input", func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					cr.setKey(i, srcValue(ctx))
				}),
			),
			el("div.field",
				textWith("label", valueLabel(cr.rows[i].Key), "for", "value-"+n),
				secretInput("value-"+n, cr.fields.shown["value-"+n], !cr.reveal, "aria-describedby", "credential-"+n+"-problems").
					On("input", func(ctx app.Context, e app.Event) {
						defer recovered(ctx)
						cr.setValue(i, srcValue(ctx))
					}),
			),
			elem("button.secondary[type=button]", attrs{"id", "remove-" + n, "aria-label", "Remove credential " + strconv.Itoa(i+1)},
				app.Text("Remove")).On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				cr.removeCredential(i)
			}),
		),
		problemList("credential-"+n+"-problems", problems),
		cr.renderKeyFix(i),
	)
}

// fillKeyList puts Graph's synchronizationSecret names into the key
// fields' <datalist> the first time a key field takes the focus, the only
// time the list is shown. Rendered with the page, its 45 options would be
// a quarter of the elements the first render mounts (cold start), and
// go-app would compare them again at every keystroke. go-app renders the list empty
// and so never touches what is added here; a list it rebuilds is empty
// again and filled at the next focus.
func fillKeyList() {
	if !app.IsClient {
		return
	}
	list := app.Window().GetElementByID("secret-keys")
	if !list.Truthy() || list.Get("childElementCount").Int() > 0 {
		return
	}
	doc := app.Window().Get("document")
	for _, k := range graph.SecretKeys() {
		o := doc.Call("createElement", "option")
		o.Set("value", k.Name)
		list.Call("appendChild", o)
	}
}

func (cr *credentialsStep) setKey(i int, key string) {
	cr.chosen = true
	if i < len(cr.rows) {
		cr.rows[i].Key = key
	}
}

func (cr *credentialsStep) setValue(i int, value string) {
	cr.chosen = true
	if i < len(cr.rows) {
		cr.rows[i].Value = value
	}
}

func (cr *credentialsStep) removeCredential(i int) {
	cr.chosen = true
	if i < len(cr.rows) {
		cr.rows = append(cr.rows[:i:i], cr.rows[i+1:]...)
		cr.showCredentials() // the rows below moved up
	}
}

// showCredentials puts the credentials into their fields, after a change
// the admin did not type (a row removed, a preset chosen, the form
// restored). What was shown in rows that are gone is forgotten: a row
// added later must start empty, not with a removed row's key and value.
func (cr *credentialsStep) showCredentials() {
	for i, c := range cr.rows {
		n := strconv.Itoa(i)
		cr.fields.show("key-"+n, c.Key)
		cr.fields.show("value-"+n, c.Value)
	}
	for i := len(cr.rows); ; i++ {
		n := strconv.Itoa(i)
		_, key := cr.fields.shown["key-"+n]
		_, value := cr.fields.shown["value-"+n]
		if !key && !value {
			break
		}
		delete(cr.fields.shown, "key-"+n)
		delete(cr.fields.shown, "value-"+n)
	}
}

// checkbox renders a checkbox, setting checked only when true (go-app
// writes checked="false", which HTML reads as checked).
func checkbox(id string, checked bool) app.HTMLElemSelfClosing {
	in := inputEl("id", id, "type", "checkbox")
	if checked {
		in = in.Attr("checked", "true")
	}
	return in
}

// renderKeyFix offers the synchronizationSecret name a mistyped key most
// likely means, in one click.
func (cr *credentialsStep) renderKeyFix(i int) app.UI {
	if i >= len(cr.rows) || cr.rows[i].Key == "" || graph.IsSecretKey(cr.rows[i].Key) {
		return nil
	}
	name, ok := graph.SuggestKey(cr.rows[i].Key)
	if !ok || name == cr.rows[i].Key {
		return nil
	}
	n := strconv.Itoa(i)
	return button("fix-key-"+n, "secondary small", "Use "+name).On("click", func(ctx app.Context, e app.Event) {
		defer recovered(ctx)
		if i < len(cr.rows) {
			if name, ok := graph.SuggestKey(cr.rows[i].Key); ok {
				cr.setKey(i, name)
				cr.fields.show("key-"+strconv.Itoa(i), name)
			}
		}
	})
}

// valueLabel names a row's value as the admin center names its field
// (Tenant URL, Secret Token, Token Endpoint, …), with the key beside it,
// so that an admin following a connector's tutorial finds the field; a
// key the admin center gives no label is just "Value".
func valueLabel(key string) string {
	if label := graph.PortalLabel(key); label != "" {
		return label + " (" + key + ")"
	}
	return "Value"
}

func (cr *credentialsStep) status(checked graph.Checked) stepStatus {
	code := hasCodeRow(cr.rows)
	typed, wrong := 0, false
	for i, c := range cr.rows {
		if code && (c.Key == codeKey || c.Key == redirectKey) {
			continue // Get the code fills them
		}
		if c.Value != "" {
			typed++
		}
		if i < len(checked.Credentials) && hasError(checked.Credentials[i]) {
			wrong = wrong || c.Value != "" || strings.TrimSpace(c.Key) == ""
			if c.Value == "" {
				return stepStatus{stepToDo, "Configuring " + cr.presetShown().Label + ": fill in its values."}
			}
		}
	}
	if wrong {
		return stepStatus{stepAttention, "A credential has a problem: see it below."}
	}
	if !cr.chosen && !slices.ContainsFunc(cr.rows, func(c graph.Credential) bool { return c.Value != "" }) {
		return stepStatus{stepToDo, "Configuring " + cr.presetShown().Label + ", the default: choose what you are configuring."}
	}
	summary := "Configuring " + cr.presetShown().Label + "."
	if code {
		summary += " Get the code fills its rows."
	}
	return stepStatus{stepDone, summary}
}
