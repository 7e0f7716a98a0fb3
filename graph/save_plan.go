package graph

import (
	"slices"
	"strconv"
	"strings"
)

// ChangeKind is what Save does to one saved key.
type ChangeKind string

// The changes a Save makes. Graph is taken to merge the pairs sent into
// those saved (Terraform's provider relies on it; Microsoft does not say):
// a key sent with a value is set, one sent empty is deleted, one not sent
// is left as it is. SaveDiff.Vanished checks that after each Save.
const (
	ChangeSet     ChangeKind = "set"     // a key not saved yet
	ChangeReplace ChangeKind = "replace" // a saved key gets a new value
	ChangeDelete  ChangeKind = "delete"  // chosen on the plan: sent empty
)

// Change is one key Save touches.
type Change struct {
	Key  string
	Kind ChangeKind
}

// SaveDiff is what a Save will do, planned before it is sent, so the
// admin sees which saved credentials are replaced or deleted.
type SaveDiff struct {
	Changes  []Change     // the rows' in their order, then the deletions
	Body     []Credential // the pairs to send, one per change
	Problems []Problem    // Errors block the Save
	Saved    []string     // the keys saved when the plan was made
}

// PlanSave plans saving rows over saved (as ReadSecrets gives them),
// deleting the saved keys in deletes.
//
// Every row passes the key and value checks Send and Test connection pass
// (checkCredential): a row with an Error is refused, never altered. The
// authorization code's row, under any spelling (IsCodeKey), is never
// saved: it is left out with a note (the code is Authorize's, works once
// and is spent by then). A row with an empty value is left out too, so
// Save keeps what is saved for it: deleting a saved key is its own
// choice, deletes, sent as the key with an empty value. A value of
// exactly SavedMask is refused: it is the mask of a saved secret read
// back, and saving it would replace the secret with "*".
func PlanSave(saved, rows []Credential, deletes []string) SaveDiff {
	d := SaveDiff{Saved: make([]string, 0, len(saved))}
	for _, c := range saved {
		d.Saved = append(d.Saved, c.Key)
	}
	deleting := func(key string) bool { return slices.Contains(deletes, key) }
	conflict := map[string]bool{} // chosen for deletion, with a value on a row
	for i, c := range rows {
		row, key := "Row "+strconv.Itoa(i+1), c.Key
		if IsCodeKey(key) {
			addProblem(&d.Problems, Info, row+", "+strings.TrimSpace(key)+", is not saved: the code is for Authorize only, works once, and is spent by now.")
			continue
		}
		refused := false
		for _, p := range checkCredential(rows, i) {
			if p.Severity == Error {
				addProblem(&d.Problems, Error, row+": "+p.Message)
				refused = true
			}
		}
		switch {
		case refused:
			continue
		case c.Value == "" && deleting(key):
			continue // the deletion below says it
		case c.Value == "":
			what := key + " is not saved, so nothing changes for it."
			if slices.Contains(d.Saved, key) {
				what = "the saved " + key + " is kept. To delete it, tick Delete on Save beside it above."
			}
			addProblem(&d.Problems, Info, row+", "+key+", is empty: left out of the Save, and "+what)
			continue
		case c.Value == SavedMask:
			addProblem(&d.Problems, Error, row+": "+key+" is "+strconv.Quote(SavedMask)+", the mask Graph shows for a saved secret: saving it would replace the secret with "+strconv.Quote(SavedMask)+". Type the real value, or remove the row to keep the saved one.")
			continue
		case deleting(key):
			addProblem(&d.Problems, Error, row+": "+key+" has a value and is chosen for deletion too: keep the value (undo Delete) or clear the row.")
			conflict[key] = true
			continue
		}
		kind := ChangeSet
		if slices.Contains(d.Saved, key) {
			kind = ChangeReplace
		}
		d.Changes = append(d.Changes, Change{Key: key, Kind: kind})
		d.Body = append(d.Body, c)
	}
	for _, key := range deletes {
		switch {
		case !slices.Contains(d.Saved, key):
			addProblem(&d.Problems, Info, key+" is not saved (any more): there is nothing to delete.")
			continue
		case conflict[key]:
			continue // refused with its row above
		case strings.HasPrefix(key, "Oauth2"):
			addProblem(&d.Problems, Warning, "Deleting "+key+" removes what Authorize obtained or needs: provisioning fails until it is set again.")
		}
		d.Changes = append(d.Changes, Change{Key: key, Kind: ChangeDelete})
		d.Body = append(d.Body, Credential{Key: key})
	}
	return d
}

// ReflectedIn reports whether got, the saved credentials read after a
// Save, shows the change: every key set or replaced is there, with its new
// value where Graph shows the value, and every key deleted is gone. Graph
// applies a Save a few seconds after its answer, so the page reads until
// it does (see SaveRecheck).
func (d SaveDiff) ReflectedIn(got []Credential) bool {
	value := make(map[string]string, len(got))
	for _, c := range got {
		value[c.Key] = c.Value
	}
	for i, ch := range d.Changes {
		v, ok := value[ch.Key]
		switch {
		case ch.Kind == ChangeDelete && ok:
			return false
		case ch.Kind == ChangeDelete:
		case !ok:
			return false
		case v != SavedMask && v != d.Body[i].Value:
			return false
		}
	}
	return true
}

// Vanished returns the keys that were saved when d was planned, that d
// did not touch, and that got (a read after the Save) no longer holds:
// had Graph replaced the saved credentials with the pairs sent rather
// than merged them, these are lost and must be entered again. Only a read
// that shows the change (ReflectedIn) proves it; an earlier one can still
// show the old set.
func (d SaveDiff) Vanished(got []Credential) []string {
	var out []string
	for _, key := range d.Saved {
		touched := slices.ContainsFunc(d.Changes, func(c Change) bool { return c.Key == key })
		held := slices.ContainsFunc(got, func(c Credential) bool { return c.Key == key })
		if !touched && !held {
			out = append(out, key)
		}
	}
	return out
}

// VanishedText says, loudly, what Vanished found, or "" for nothing.
func VanishedText(keys []string) string {
	if len(keys) == 0 {
		return ""
	}
	list := strings.Join(keys, ", ")
	return "Keys this Save did not touch are gone: " + list +
		". Graph replaced the saved credentials with the ones sent instead of merging them. Enter " +
		list + " again (from the connector's admin page), then Save them together with the others."
}
