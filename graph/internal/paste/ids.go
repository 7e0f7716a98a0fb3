package paste

import (
	"slices"
	"strconv"
	"strings"
)

// This file reads what admins paste where an ID belongs: a portal or Graph
// URL, Graph Explorer's JSON, a line of text. An ID is taken from a paste
// only when it is unambiguous, and then a note says what was taken; when it
// is not, the error lists what the paste holds.

// idRole is what an ID in a paste is, going by the name written before it.
type idRole int

const (
	roleUnknown idRole = iota
	roleObject         // objectId, id, servicePrincipals/…, applications/…
	roleClient         // appId, clientId, client_id
	roleTenant         // tenantId, tid
)

// labelRoles are the labels of each role, lowercased and without spaces.
// They are lists, not a map, so that they are data in the binary rather
// than code that builds a map at start.
var labelRoles = [...]struct {
	role   idRole
	labels []string
}{
	{roleObject, []string{"objectid", "id", "serviceprincipals", "applications", "serviceprincipalid", "directoryobjects"}},
	{roleClient, []string{"appid", "clientid", "client_id", "applicationid", "applicationclientid"}},
	{roleTenant, []string{"tenantid", "tenant", "tid", "tenant_id", "directoryid", "directorytenantid"}},
}

// roleOfLabel returns the role of a label, lowercased and without spaces.
func roleOfLabel(label string) idRole {
	for _, r := range labelRoles {
		if slices.Contains(r.labels, label) {
			return r.role
		}
	}
	return roleUnknown
}

// noLabel are words that come before an ID without naming it.
var noLabel = []string{"eq", "ne", "in", "and", "or", "is"}

// foundID is one GUID in a paste, with the name written before it.
type foundID struct {
	id    string // lowercase
	label string // as written, e.g. "objectId", "servicePrincipals", "Object ID"; may be ""
	role  idRole
	_     incomparable
}

// findGUIDs returns the GUIDs written in s (8-4-4-4-12 hexadecimal digits
// not inside a longer word), in order, each with its label.
func findGUIDs(s string) []foundID {
	var out []foundID
	for i := 0; i+36 <= len(s); i++ {
		if i > 0 && isAlnum(s[i-1]) || i+36 < len(s) && isAlnum(s[i+36]) {
			continue
		}
		if !isHex(s[i:i+1]) || CheckGUID(s[i:i+36]) != nil {
			continue
		}
		label, role := labelBefore(s, i)
		out = append(out, foundID{id: strings.ToLower(s[i : i+36]), label: label, role: role})
		i += 35
	}
	return out
}

// labelBefore returns the name written just before s[i:], skipping the
// punctuation between a name and its value in URLs, JSON and text:
// "objectId/", "servicePrincipals/", `"id": "`, "appId='", "client_id=",
// "Object ID: ". A name of two words ending in ID ("Object ID",
// "Directory (tenant) ID") counts as one.
func labelBefore(s string, i int) (string, idRole) {
	word, start := wordBefore(s, i, " \t\"'/:=({[~")
	if word == "" || slices.Contains(noLabel, strings.ToLower(word)) {
		return "", roleUnknown
	}
	if strings.EqualFold(word, "id") {
		// "Object ID", "Application (client) ID": the word before says whose.
		if prev, _ := wordBefore(s, start, " ()"); prev != "" {
			switch p := strings.ToLower(prev); p {
			case "object", "client", "tenant", "app", "application", "directory":
				return prev + " ID", roleOfLabel(p + "id")
			}
		}
	}
	return word, roleOfLabel(strings.ToLower(word))
}

// maxLabel bounds how far wordBefore reads back. Labels are short
// ("directoryTenantId", "Authorization"); without a bound, a paste of GUIDs
// joined by dots would take time in the square of its length (each GUID's
// label search reading the whole chain before it), enough for a 64 KiB
// paste to freeze the page.
const maxLabel = 64

// wordBefore skips the bytes of skip before s[i:] and returns the
// identifier ([A-Za-z_][A-Za-z0-9_]*) that ends there, and where it starts;
// "" when what ends there is not a whole identifier (a host name, a GUID)
// or is longer than maxLabel.
func wordBefore(s string, i int, skip string) (string, int) {
	j := i
	for j > 0 && i-j < maxLabel && strings.IndexByte(skip, s[j-1]) >= 0 {
		j--
	}
	end := j
	for j > 0 && end-j <= maxLabel && (isAlnum(s[j-1]) || s[j-1] == '_' || s[j-1] == '.' || s[j-1] == '-') {
		j--
	}
	if end-j > maxLabel {
		return "", j
	}
	w := s[j:end]
	if w == "" || !(w[0] == '_' || 'a' <= w[0]|32 && w[0]|32 <= 'z') || strings.ContainsAny(w, ".-") {
		return "", j
	}
	return w, j
}

// distinctIDs merges the occurrences of each ID, keeping the label of the
// first occurrence with role want, else of the first.
func distinctIDs(found []foundID, want idRole) []foundID {
	var out []foundID
	at := map[string]int{}
	for _, f := range found {
		if j, ok := at[f.id]; ok {
			if out[j].role != want && f.role == want {
				out[j] = f
			}
			continue
		}
		at[f.id] = len(out)
		out = append(out, f)
	}
	return out
}

// describeIDs lists IDs for a message: "objectId 1…, appId 2… and 3…",
// at most three, then how many more.
func describeIDs(ids []foundID) string {
	var parts []string
	for i, f := range ids {
		if i == 3 {
			AddText(&parts, strconv.Itoa(len(ids)-3)+" more")
			break
		}
		if f.label != "" {
			AddText(&parts, f.label+" "+f.id)
		} else {
			AddText(&parts, f.id)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// countIDs writes how many IDs a paste holds: "two IDs", "3 IDs".
func countIDs(n int) string {
	if n == 2 {
		return "two IDs"
	}
	return Count(n, "ID", "IDs")
}

// pickID is the outcome of looking for one kind of ID in a paste.
type pickID struct {
	id, label string
	others    []foundID // the other IDs in the paste, ignored
	only      *foundID  // when nothing has role want: the one ID there is
	many      []foundID // when it is ambiguous: the candidates
}

// pickGUID looks in t for the one ID with role want. It takes an ID
// labelled so when there is exactly one, else the only ID there is when it
// has no label.
func pickGUID(t string, want idRole) pickID {
	ids := distinctIDs(findGUIDs(t), want)
	var wanted, rest []foundID
	for _, f := range ids {
		if f.role == want {
			wanted = append(wanted, f)
		} else {
			rest = append(rest, f)
		}
	}
	switch {
	case len(wanted) == 1:
		return pickID{id: wanted[0].id, label: wanted[0].label, others: rest}
	case len(wanted) > 1:
		return pickID{many: wanted}
	case len(ids) == 1:
		if ids[0].role == roleUnknown {
			return pickID{id: ids[0].id}
		}
		return pickID{only: &ids[0]}
	case len(ids) > 1:
		return pickID{many: ids}
	}
	return pickID{}
}

// tookNote says what pickGUID took: "Took the object ID X (labelled
// objectId) from the pasted URL; ignored appId Y."
func tookNote(what string, p pickID, src string) string {
	var b strings.Builder
	b.WriteString("Took the " + what + " " + p.id)
	if p.label != "" {
		b.WriteString(" (labelled " + p.label + ") from the pasted " + src)
	} else {
		b.WriteString(", the only ID in the pasted " + src)
	}
	if len(p.others) > 0 {
		b.WriteString("; ignored " + describeIDs(p.others))
	}
	b.WriteString(".")
	return b.String()
}
