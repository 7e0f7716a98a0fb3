package app

import (
	"context"
	"fmt"
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

// saveStep is the Save credentials step: the saved credentials read, the
// plan, Confirm save and the reads after it.
type saveStep struct {
	saveState
	s       *session
	f       *form
	out     *sender      // sends the Save
	call    *call        // the call the Request panel shows: the shell's
	history *historyStep // whether Save answered
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
func (sv *saveStep) saveRead() bool {
	return sv.readFor != "" && sv.readFor == sv.f.spID()
}

// savePlan is what Save would do now, from the saved credentials read
// and the rows as they stand.
func (sv *saveStep) savePlan() graph.SaveDiff {
	return graph.PlanSave(sv.saved, sv.f.creds.rows, sv.deletes)
}

func (sv *saveStep) onSave(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*sv.call = callSave
	s := sv
	s.err = ""
	if s.busy || sv.f.target.kind != graph.ServicePrincipals {
		return
	}
	spID, err := graph.ParseObjectID(sv.f.target.objectID)
	if err != nil {
		s.err = err.Error()
		return
	}
	s.busy = true
	t, target := sv.s.ticket(), sv.f.syncTarget("")
	async(sv.s.own(ctx), func() {
		c := t.ctx
		token, err := sv.s.tokens.freshToken(c)
		var saved []graph.Credential
		if err == nil {
			target.Token = token
			saved, err = graph.ReadSecrets(c, sv.s.client, target)
		}
		// Dropped if the admin signed out, switched cloud or signed in meanwhile.
		t.dispatch(ctx, func(ctx app.Context) {
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
func (sv *saveStep) onConfirmSave(ctx app.Context, e app.Event) {
	defer recovered(ctx)
	*sv.call = callSave
	if sv.out.sending || !sv.saveRead() {
		return
	}
	d, requestID, cloud := sv.savePlan(), sv.out.requestID, sv.f.target.cloud
	if _, err := graph.SaveSecretsRequest(sv.f.syncTarget(sv.f.auth.token), d, requestID); err != nil {
		return // Confirm save is disabled and the plan says why
	}
	target := sv.f.syncTarget("")
	sv.out.send(ctx, outgoing{
		call:    callSave,
		backoff: graph.DefaultBackoff, // Graph merges the pairs: the same PUT again does the same
		entry:   historyEntry{Cloud: cloud, Version: sv.f.target.version, Kind: graph.ServicePrincipals, ObjectID: sv.f.target.objectID, Keys: keysOf(d.Body)},
		build: func(token string) (graph.Request, error) {
			target.Token = token
			return graph.SaveSecretsRequest(target, d, requestID)
		},
		explain: func(resp *graph.Response, err error, claims *graph.Claims) graph.Explanation {
			return graph.ExplainSave(resp, err, claims, cloud)
		},
		done: func(ctx app.Context, resp *graph.Response) {
			if graph.SaveSucceeded(resp) { // any 2xx, with or without a body
				sv.plan = d
				sv.settleSave(ctx, d, target)
			}
		},
	})
}

// settleSave reads the saved credentials every graph.SaveRecheck until
// they show d (Graph applies a Save seconds after its 204), for at most
// graph.SaveSettle, listing each read.
func (sv *saveStep) settleSave(ctx app.Context, d graph.SaveDiff, target graph.SyncTarget) {
	s := sv
	s.stopSettling()
	s.readFor, s.saved = "", nil // the plan is spent: the next Save reads again
	s.settling, s.after, s.afterRead, s.settled = true, nil, false, ""
	t := sv.s.ticket()
	cctx, stop := context.WithTimeout(t.ctx, graph.SaveSettle+graph.SaveRecheck)
	s.stop = stop
	s.round++
	round, start := s.round, time.Now()
	async(sv.s.own(ctx), func() {
		defer stop()
		// The token is taken once, for every read: the loop runs off the
		// page's goroutine, and must not reach for the sign-in (which Sign
		// out replaces) nor renew it after the session ended.
		token, tokenErr := sv.s.tokens.freshToken(cctx)
		target.Token = token
		for {
			err := tokenErr
			var got []graph.Credential
			if err == nil {
				got, err = graph.ReadSecrets(cctx, sv.s.client, target)
			}
			shows := err == nil && d.ReflectedIn(got)
			late := time.Since(start) >= graph.SaveSettle
			t.dispatch(ctx, func(ctx app.Context) {
				if round != s.round {
					return // another Save began
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

// reset stops waiting for the saved credentials and the reads after a
// Save when the session ends; leaving it drops what they read.
func (sv *saveStep) reset(e sessionEnd) {
	sv.busy = false
	sv.stopSettling()
	if e.leave {
		sv.saveState = saveState{round: sv.round}
	}
}

func (sv *saveStep) status(graph.Checked) stepStatus {
	s := sv
	switch {
	case sv.f.target.kind != graph.ServicePrincipals:
		return stepStatus{stepToDo, "Save works on the Service principals endpoint."}
	case s.err != "":
		return stepStatus{stepAttention, "The saved credentials could not be read: see why below."}
	case s.busy:
		return stepStatus{stepToDo, "Reading the saved credentials…"}
	}
	e, sent := sv.history.lastSent(callSave, sv.f.spID())
	handed, handedSent := sv.history.lastSent(callAuthorize, sv.f.spID())
	switch {
	case sent && e.ok() && newer(e, handed, handedSent):
		return stepStatus{stepDone, "Saved " + e.answered() + "."}
	case sent && !e.ok() && newer(e, handed, handedSent):
		return stepStatus{stepAttention, "Save got " + e.status() + " at " + e.At.Format("15:04") + ": see the explanation."}
	case sv.saveRead():
		return stepStatus{stepToDo, "Check what Save changes, then Confirm save."}
	}
	return stepStatus{stepToDo, "Save credentials reads what is saved and shows what it changes before it sends."}
}
