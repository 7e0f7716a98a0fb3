package graph

import (
	"strconv"
	"strings"
)

// ChangeKind is what Save does to one saved key.
type ChangeKind string

// The changes a Save makes. Graph merges the pairs sent into those saved:
// a key sent with a value is set, one sent empty is deleted, one not sent
// is left as it is.
const (
	ChangeSet     ChangeKind = "set"     // a key not saved yet
	ChangeReplace ChangeKind = "replace" // a saved key gets a new value
	ChangeDelete  ChangeKind = "delete"  // an empty value deletes the key
)

// Change is one key Save touches.
type Change struct {
	Key  string
	Kind ChangeKind
}

// SaveDiff is what a Save will do, planned before it is sent, so the
// admin sees which saved credentials are replaced or deleted.
type SaveDiff struct {
	Changes  []Change     // in the rows' order
	Body     []Credential // the pairs to send: the rows without the code
	Problems []Problem    // Errors block the Save
}

// PlanSave plans saving rows over saved (as ReadSecrets gives them).
//
// The Oauth2AuthorizationCode row is never saved: it is dropped with a
// note (the code is Authorize's, works once and is spent by then). An
// empty value deletes its key, which is warned; for an Oauth2* key it is
// refused, since it would delete the token or setting Authorize just set.
// A value of exactly SavedMask is refused: it is the mask of a saved
// secret read back, and saving it would replace the secret with "*". An
// empty key, or a key on two rows, is refused.
func PlanSave(saved, rows []Credential) SaveDiff {
	var d SaveDiff
	isSaved := make(map[string]bool, len(saved))
	for _, c := range saved {
		isSaved[c.Key] = true
	}
	seen := map[string]int{}
	for i, c := range rows {
		key := c.Key
		switch {
		case strings.TrimSpace(key) == "":
			addProblem(&d.Problems, Error, "Row "+strconv.Itoa(i+1)+" has no key: choose one, or remove the row.")
			continue
		case key == "Oauth2AuthorizationCode":
			addProblem(&d.Problems, Info, "Row "+strconv.Itoa(i+1)+", Oauth2AuthorizationCode, is not saved: the code is for Authorize only, works once, and is spent by now.")
			continue
		case seen[key] > 0:
			addProblem(&d.Problems, Error, "Key "+strconv.Quote(key)+" is on rows "+strconv.Itoa(seen[key])+" and "+strconv.Itoa(i+1)+": keep one.")
			continue
		}
		seen[key] = i + 1
		kind := ChangeSet
		switch {
		case c.Value == "" && strings.HasPrefix(key, "Oauth2"):
			addProblem(&d.Problems, Error, key+" is empty: saving it would delete the saved "+key+", which Authorize obtained or needs. Remove the row to keep it.")
			continue
		case c.Value == "":
			kind = ChangeDelete
			if isSaved[key] {
				addProblem(&d.Problems, Warning, key+" is empty: Save deletes the saved "+key+".")
			} else {
				addProblem(&d.Problems, Warning, key+" is empty: an empty value deletes its key, and "+key+" is not saved, so this row changes nothing.")
			}
		case c.Value == SavedMask:
			addProblem(&d.Problems, Error, key+" is "+strconv.Quote(SavedMask)+", the mask Graph shows for a saved secret: saving it would replace the secret with "+strconv.Quote(SavedMask)+". Type the real value, or remove the row to keep the saved one.")
			continue
		case isSaved[key]:
			kind = ChangeReplace
		}
		d.Changes = append(d.Changes, Change{Key: key, Kind: kind})
		d.Body = append(d.Body, c)
	}
	return d
}

// ReflectedIn reports whether got, the saved credentials read after a
// Save, shows the change: every key set or replaced is there, with its new
// value where Graph shows the value, and every key deleted is gone. Graph
// applies a Save a few seconds after its 204, so the page reads until it
// does (see SaveRecheck).
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
