package app

import (
	"slices"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// renderSave renders Save credentials: read, plan, confirm, then the
// saved keys as Graph shows them.
func (sv *saveStep) renderSave() app.UI {
	s := sv
	sp := sv.f.target.kind == graph.ServicePrincipals
	save := button("save-credentials", "", "Save credentials").On("click", sv.onSave)
	if !sp || s.busy {
		save = save.Attr("disabled", "true")
	}
	return elWith("fieldset#save.admin-call", attrs{"data-call", callSave.dataCall()},
		textEl("legend", "Save credentials"),
		more("save-hint", "The portal's Save. synctoken shows what it will set, replace and delete, and sends only when you confirm.",
			"Graph's PUT …/synchronization/secrets: synctoken reads the saved keys first. The "+codeKey+" row is never saved, "+
				"and an empty row is left out (its saved key is kept): to delete a saved key, tick Delete on Save beside it in the plan."),
		el("div#save-endpoint-area", endpointNote(sp, "save-endpoint-note")),
		el("div#save-deprecation-area", sv.f.deprecationNotice("save-deprecation", graph.SecretsCall)),
		el("div.row",
			save,
			when(s.busy, textEl("span#save-busy.hint", "Reading the saved credentials…")),
		),
		el("div#save-status[aria-live=polite]",
			when(s.err != "", textEl("p#save-error.problem.error", s.err)),
		),
		// Always there, so that the plan appearing is announced and moves
		// nothing above it.
		el("div#save-plan-area[aria-live=polite]", sv.renderSavePlan()),
		el("div#saved-area[aria-live=polite]", sv.renderSaved()),
	)
}

// renderSavePlan shows the saved credentials read, what Save will change,
// its problems, and Confirm save.
func (sv *saveStep) renderSavePlan() app.UI {
	if !sv.saveRead() {
		return nil
	}
	d := sv.savePlan()
	_, err := graph.SaveSecretsRequest(sv.f.syncTarget(sv.f.auth.token), d, sv.out.requestID)
	var ps []graph.Problem
	ps = append(ps, d.Problems...)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if !slices.ContainsFunc(ps, func(q graph.Problem) bool { return q.Message == line }) {
				ps = append(ps, graph.Problem{Severity: graph.Error, Message: line})
			}
		}
	}
	confirm := button("save-confirm", "", "Confirm save").On("click", sv.onConfirmSave)
	switch {
	case sv.out.sending:
		confirm = confirm.Attr("aria-disabled", "true") // keeps the keyboard focus; onConfirmSave ignores it
	case err != nil:
		confirm = confirm.Attr("disabled", "true")
	}
	return el("div#save-plan-box.save-plan",
		textEl("p", "Saved now, as Graph shows them (secrets as "+graph.SavedMask+"):"),
		sv.savedChoices(),
		textEl("p", "Save will:"),
		changeList(d.Changes),
		// Not a live region of its own: #save-plan-area, around it, is one
		// that was there before the plan appeared, and so is announced.
		el("div#save-problems.problems", problemPs(ps)...),
		el("div.row",
			confirm,
			button("save-cancel", "secondary", "Cancel").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				sv.readFor, sv.saved, sv.deletes = "", nil, nil
			}),
		),
	)
}

// savedChoices lists the saved credentials read before Save, each with
// Delete: the one way to delete a saved key (an empty row is left out).
func (sv *saveStep) savedChoices() app.UI {
	s := sv
	if len(s.saved) == 0 {
		return textWith("p.hint", "Nothing is saved yet.", "id", "save-current")
	}
	items := make([]app.UI, len(s.saved))
	for i, c := range s.saved {
		n := strconv.Itoa(i)
		items[i] = el("li", textEl("code", c.Key), app.Text(": "), textEl("code", c.Value), app.Text(" "),
			elWith("label.check", attrs{"for", "save-delete-" + n},
				checkbox("save-delete-"+n, slices.Contains(s.deletes, c.Key)).On("change", func(ctx app.Context, e app.Event) {
					defer recovered(ctx)
					sv.toggleDelete(i)
				}),
				app.Text(" Delete on Save"),
			))
	}
	return elWith("ul.saved-keys", attrs{"id", "save-current"}, items...)
}

// toggleDelete chooses, or unchooses, deleting the saved key i on Save.
func (sv *saveStep) toggleDelete(i int) {
	s := sv
	if i >= len(s.saved) {
		return
	}
	key := s.saved[i].Key
	if j := slices.Index(s.deletes, key); j >= 0 {
		s.deletes = slices.Delete(s.deletes, j, j+1)
		return
	}
	s.deletes = append(s.deletes, key)
}

// changeText is a change's verb, for the plan.
func changeText(k graph.ChangeKind) string {
	switch k {
	case graph.ChangeReplace:
		return "replace"
	case graph.ChangeDelete:
		return "delete"
	}
	return "set"
}

// renderSaved lists the saved credentials read after a Save, and how the
// reads ended.
func (sv *saveStep) renderSaved() app.UI {
	s := sv
	if !s.afterRead && !s.settling && s.settled == "" {
		return nil
	}
	var settling, settled, heading, list, lost app.UI
	if s.afterRead && s.plan.ReflectedIn(s.after) {
		if text := graph.VanishedText(s.plan.Vanished(s.after)); text != "" {
			lost = elWith("p.problem.error", attrs{"id", "save-vanished", "role", "alert"}, textEl("strong", "Saved credentials lost. "), app.Text(text))
		}
	}
	if s.settling {
		settling = textEl("p#save-settling.hint", "Saved: reading the credentials back until Graph shows the change…")
	}
	if s.settled != "" {
		settled = textEl("p#save-settled.hint", s.settled)
	}
	if s.afterRead {
		heading = textEl("p", "Saved credentials, as Graph shows them (secrets as "+graph.SavedMask+"):")
		list = credentialList("saved-keys", s.after, "Nothing is saved.")
	}
	return el("div#saved-box", lost, settling, settled, heading, list)
}

// changeList lists what Save will change.
func changeList(changes []graph.Change) app.UI {
	if len(changes) == 0 {
		return textEl("p#save-plan-none.hint", "change nothing.")
	}
	items := make([]app.UI, len(changes))
	for i, c := range changes {
		items[i] = elWith("li", attrs{"class", "change-" + string(c.Kind)}, app.Text(changeText(c.Kind)+" "), textEl("code", c.Key))
	}
	return el("ul#save-plan", items...)
}

// credentialList lists keys with their values as Graph shows them.
func credentialList(id string, creds []graph.Credential, none string) app.UI {
	if len(creds) == 0 {
		return textWith("p.hint", none, "id", id)
	}
	items := make([]app.UI, len(creds))
	for i, c := range creds {
		items[i] = el("li", textEl("code", c.Key), app.Text(": "), textEl("code", c.Value))
	}
	return elWith("ul.saved-keys", attrs{"id", id}, items...)
}
