package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"synctoken/graph"
)

// saveState is the Save credentials part of the page: the credentials
// saved before (read first, so that the admin sees what Save replaces and
// deletes), and those read after a Save until Graph shows the change.
type saveState struct {
	busy    bool               // reading the saved credentials before Save
	readFor string             // the service principal they were read for; "" once saved
	saved   []graph.Credential // as Graph shows them, secrets as graph.SavedMask
	err     string             // why they could not be read
	// deletes are the saved keys the admin chose to delete on the plan:
	// deleting is its own choice, never what an empty row does.
	deletes []string
	plan    graph.SaveDiff // the last Save sent, to find the keys it lost

	settling  bool               // reading again after a 204, until the change shows
	after     []graph.Credential // the saved credentials read after Save
	afterRead bool               // after holds a read
	settled   string             // how the reads after Save ended
	stop      context.CancelFunc // stops the reads after Save
	round     int                // counts the Saves: the reads of an older one are dropped
}

// stopSettling stops the reads after a Save, if any.
func (s *saveState) stopSettling() {
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
	s.settling = false
}

// saveRead reports whether the saved credentials shown are the current
// service principal's, read before a Save not sent yet.
func (p *Page) saveRead() bool {
	return p.save.readFor != "" && p.save.readFor == p.spID()
}

// savePlan is what Save would do now, from the saved credentials read
// and the rows as they stand.
func (p *Page) savePlan() graph.SaveDiff {
	return graph.PlanSave(p.save.saved, p.creds.rows, p.save.deletes)
}

// renderSave renders Save credentials: read, plan, confirm, then the
// saved keys as Graph shows them.
func (p *Page) renderSave() app.UI {
	s := &p.save
	sp := p.target.kind == graph.ServicePrincipals
	save := button("save-credentials", "", "Save credentials").On("click", p.onSave)
	if !sp || s.busy {
		save = save.Attr("disabled", "true")
	}
	return elWith("fieldset#save.admin-call", attrs{"data-call", callSave.dataCall()},
		textEl("legend", "Save credentials"),
		textEl("p.hint", "Graph's PUT …/synchronization/secrets, the portal's Save: synctoken reads the saved keys first, "+
			"shows what Save will set, replace and delete, and sends only when you confirm. The "+codeKey+" row is never saved, "+
			"and an empty row is left out (its saved key is kept): to delete a saved key, tick Delete on Save beside it in the plan."),
		el("div#save-endpoint-area", endpointNote(sp, "save-endpoint-note")),
		el("div#save-deprecation-area", p.deprecationNotice("save-deprecation", graph.SecretsCall)),
		el("div.row",
			save,
			when(s.busy, textEl("span#save-busy.hint", "Reading the saved credentials…")),
		),
		el("div#save-status[aria-live=polite]",
			when(s.err != "", textEl("p#save-error.problem.error", s.err)),
		),
		// Always there, so that the plan appearing is announced and moves
		// nothing above it.
		el("div#save-plan-area[aria-live=polite]", p.renderSavePlan()),
		el("div#saved-area[aria-live=polite]", p.renderSaved()),
	)
}

// renderSavePlan shows the saved credentials read, what Save will change,
// its problems, and Confirm save.
func (p *Page) renderSavePlan() app.UI {
	if !p.saveRead() {
		return nil
	}
	d := p.savePlan()
	_, err := graph.SaveSecretsRequest(p.syncTarget(p.auth.token), d, p.out.requestID)
	var ps []graph.Problem
	ps = append(ps, d.Problems...)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			if !slices.ContainsFunc(ps, func(q graph.Problem) bool { return q.Message == line }) {
				ps = append(ps, graph.Problem{Severity: graph.Error, Message: line})
			}
		}
	}
	confirm := button("save-confirm", "", "Confirm save").On("click", p.onConfirmSave)
	switch {
	case p.out.sending:
		confirm = confirm.Attr("aria-disabled", "true") // keeps the keyboard focus; onConfirmSave ignores it
	case err != nil:
		confirm = confirm.Attr("disabled", "true")
	}
	return el("div#save-plan-box.save-plan",
		textEl("p", "Saved now, as Graph shows them (secrets as "+graph.SavedMask+"):"),
		p.savedChoices(),
		textEl("p", "Save will:"),
		changeList(d.Changes),
		// Not a live region of its own: #save-plan-area, around it, is one
		// that was there before the plan appeared, and so is announced.
		el("div#save-problems.problems", problemPs(ps)...),
		el("div.row",
			confirm,
			button("save-cancel", "secondary", "Cancel").On("click", func(ctx app.Context, e app.Event) {
				defer recovered(ctx)
				p.save.readFor, p.save.saved, p.save.deletes = "", nil, nil
			}),
		),
	)
}

// savedChoices lists the saved credentials read before Save, each with
// Delete: the one way to delete a saved key (an empty row is left out).
func (p *Page) savedChoices() app.UI {
	s := &p.save
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
					p.toggleDelete(i)
				}),
				app.Text(" Delete on Save"),
			))
	}
	return elWith("ul.saved-keys", attrs{"id", "save-current"}, items...)
}

// toggleDelete chooses, or unchooses, deleting the saved key i on Save.
func (p *Page) toggleDelete(i int) {
	s := &p.save
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
func (p *Page) renderSaved() app.UI {
	s := &p.save
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

func (p *Page) onSave(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callSave
	s := &p.save
	s.err = ""
	if s.busy || p.target.kind != graph.ServicePrincipals {
		return
	}
	spID, err := graph.ParseObjectID(p.target.objectID)
	if err != nil {
		s.err = err.Error()
		return
	}
	s.busy = true
	gen, target := p.gen, p.syncTarget("")
	p.async(ctx, func() {
		c := context.Background()
		token, err := p.freshToken(c)
		var saved []graph.Credential
		if err == nil {
			target.Token = token
			saved, err = graph.ReadSecrets(c, p.client(), target)
		}
		p.dispatch(ctx, func(ctx app.Context) {
			if gen != p.gen {
				return // the admin signed out, switched cloud or signed in meanwhile
			}
			s.busy = false
			if err != nil {
				s.err = err.Error()
				return
			}
			s.readFor, s.saved, s.deletes = spID, saved, nil
		})
	})
}

// onConfirmSave sends the Save the plan shows.
func (p *Page) onConfirmSave(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	p.call = callSave
	if p.out.sending || !p.saveRead() {
		return
	}
	d, requestID, cloud := p.savePlan(), p.out.requestID, p.target.cloud
	if _, err := graph.SaveSecretsRequest(p.syncTarget(p.auth.token), d, requestID); err != nil {
		return // Confirm save is disabled and the plan says why
	}
	target := p.syncTarget("")
	p.send(ctx, outgoing{
		call:    callSave,
		backoff: graph.DefaultBackoff, // Graph merges the pairs: the same PUT again does the same
		entry:   historyEntry{Cloud: cloud, Version: p.target.version, Kind: graph.ServicePrincipals, ObjectID: p.target.objectID, Keys: keysOf(d.Body)},
		build: func(token string) (graph.Request, error) {
			target.Token = token
			return graph.SaveSecretsRequest(target, d, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			return graph.ExplainSave(resp, err, claims, cloud)
		},
		done: func(ctx app.Context, resp *graph.Response) {
			if graph.SaveSucceeded(resp) { // any 2xx, with or without a body
				p.save.plan = d
				p.settleSave(ctx, d, target)
			}
		},
	})
}

// settleSave reads the saved credentials every graph.SaveRecheck until
// they show d (Graph applies a Save seconds after its 204), for at most
// graph.SaveSettle, listing each read.
func (p *Page) settleSave(ctx app.Context, d graph.SaveDiff, target graph.SyncTarget) {
	s := &p.save
	s.stopSettling()
	s.readFor, s.saved = "", nil // the plan is spent: the next Save reads again
	s.settling, s.after, s.afterRead, s.settled = true, nil, false, ""
	cctx, stop := context.WithTimeout(context.Background(), graph.SaveSettle+graph.SaveRecheck)
	s.stop = stop
	s.round++
	gen, round, start := p.gen, s.round, time.Now()
	p.async(ctx, func() {
		defer stop()
		// The token is taken once, for every read: the loop runs off the
		// page's goroutine, and must not reach for the sign-in (which Sign
		// out replaces) nor renew it after the session ended.
		token, tokenErr := p.freshToken(cctx)
		target.Token = token
		for {
			err := tokenErr
			var got []graph.Credential
			if err == nil {
				got, err = graph.ReadSecrets(cctx, p.client(), target)
			}
			shows := err == nil && d.ReflectedIn(got)
			late := time.Since(start) >= graph.SaveSettle
			p.dispatch(ctx, func(ctx app.Context) {
				if gen != p.gen || round != s.round {
					return // the session changed, or another Save began
				}
				if err == nil {
					s.after, s.afterRead = got, true
				}
				switch {
				case shows:
					s.settling, s.settled = false, "Graph shows the change."
				case late:
					s.settling = false
					s.settled = fmt.Sprintf("After %d s, Graph does not show the change yet: writes to the saved credentials can take longer to show. Press Save credentials later to read them again.", int(graph.SaveSettle/time.Second))
					if err != nil {
						s.settled += " The last read failed: " + err.Error()
					}
				}
			})
			if shows || late {
				return
			}
			select {
			case <-cctx.Done():
				return
			case <-time.After(graph.SaveRecheck):
			}
		}
	})
}
