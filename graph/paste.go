package graph

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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

// roleOfLabel maps a label, lowercased and without spaces, to its role.
var roleOfLabel = map[string]idRole{
	"objectid": roleObject, "id": roleObject, "serviceprincipals": roleObject, "applications": roleObject,
	"serviceprincipalid": roleObject, "directoryobjects": roleObject,
	"appid": roleClient, "clientid": roleClient, "client_id": roleClient, "applicationid": roleClient,
	"applicationclientid": roleClient,
	"tenantid":            roleTenant, "tenant": roleTenant, "tid": roleTenant, "tenant_id": roleTenant,
	"directoryid": roleTenant, "directorytenantid": roleTenant,
}

// noLabel are words that come before an ID without naming it.
var noLabel = map[string]bool{"eq": true, "ne": true, "in": true, "and": true, "or": true, "is": true}

// foundID is one GUID in a paste, with the name written before it.
type foundID struct {
	id    string // lowercase
	label string // as written, e.g. "objectId", "servicePrincipals", "Object ID"; may be ""
	role  idRole
}

// findGUIDs returns the GUIDs written in s (8-4-4-4-12 hexadecimal digits
// not inside a longer word), in order, each with its label.
func findGUIDs(s string) []foundID {
	var out []foundID
	for i := 0; i+36 <= len(s); i++ {
		if i > 0 && isAlnum(s[i-1]) || i+36 < len(s) && isAlnum(s[i+36]) {
			continue
		}
		if !isHex(s[i:i+1]) || checkGUID(s[i:i+36]) != nil {
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
	if word == "" || noLabel[strings.ToLower(word)] {
		return "", roleUnknown
	}
	if strings.EqualFold(word, "id") {
		// "Object ID", "Application (client) ID": the word before says whose.
		if prev, _ := wordBefore(s, start, " ()"); prev != "" {
			switch p := strings.ToLower(prev); p {
			case "object", "client", "tenant", "app", "application", "directory":
				return prev + " ID", roleOfLabel[p+"id"]
			}
		}
	}
	return word, roleOfLabel[strings.ToLower(word)]
}

// maxLabel bounds how far wordBefore reads back. Labels are short
// ("directoryTenantId", "Authorization"); reading back without a bound made
// a paste of GUIDs joined by dots quadratic (each GUID's label search read
// the whole chain before it), which froze the page on a 64 KiB paste.
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

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
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
			parts = append(parts, fmt.Sprintf("%d more", len(ids)-3))
			break
		}
		if f.label != "" {
			parts = append(parts, f.label+" "+f.id)
		} else {
			parts = append(parts, f.id)
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}

// count writes n things: "1 character", "3 characters".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// countIDs writes how many IDs a paste holds: "two IDs", "3 IDs".
func countIDs(n int) string {
	if n == 2 {
		return "two IDs"
	}
	return count(n, "ID", "IDs")
}

// pasteKind names what a paste looks like, for messages: "URL", "JSON" or
// "text".
func pasteKind(t string) string {
	l := strings.ToLower(t)
	switch {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		if _, ok := bareGUID(t); !ok {
			return "JSON"
		}
	case strings.Contains(l, "://"), strings.HasPrefix(l, "portal.azure."), strings.HasPrefix(l, "entra.microsoft."),
		strings.HasPrefix(l, "graph.microsoft."), strings.HasPrefix(l, "login.microsoftonline."):
		return "URL"
	}
	return "text"
}

// bareGUID returns t as a lowercase GUID when it is one, braces allowed.
func bareGUID(t string) (string, bool) {
	if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
		t = t[1 : len(t)-1]
	}
	if len(t) != 36 || checkGUID(t) != nil {
		return "", false
	}
	return strings.ToLower(t), true
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
	fmt.Fprintf(&b, "Took the %s %s", what, p.id)
	if p.label != "" {
		fmt.Fprintf(&b, " (labelled %s) from the pasted %s", p.label, src)
	} else {
		fmt.Fprintf(&b, ", the only ID in the pasted %s", src)
	}
	if len(p.others) > 0 {
		fmt.Fprintf(&b, "; ignored %s", describeIDs(p.others))
	}
	b.WriteString(".")
	return b.String()
}

// jsonMember returns the string member name of the JSON object t, or of
// the only object in its "value" list (a Graph collection). n is how many
// objects that list holds, -1 when t is one object.
func jsonMember(t, name string) (v string, n int, ok bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(t), &obj) != nil {
		return "", -1, false
	}
	if raw, ok := obj["value"]; ok {
		var list []map[string]json.RawMessage
		if json.Unmarshal(raw, &list) == nil {
			if len(list) != 1 {
				return "", len(list), false
			}
			obj, n = list[0], 1
		}
	} else {
		n = -1
	}
	if json.Unmarshal(obj[name], &v) != nil || v == "" {
		return "", n, false
	}
	return v, n, true
}

// cleanID removes from a pasted ID what copying adds: invisible
// characters anywhere, typographic dashes in place of hyphens, spaces and
// quotes around it. notes say what was removed or replaced, when anything
// but spaces and quotes was.
func cleanID(s string) (string, []string) {
	var notes []string
	var b strings.Builder
	invisible, dashes := 0, 0
	for _, r := range s {
		switch {
		case r == '\uFFFD':
			b.WriteRune(r)
		case isDash(r):
			dashes++
			b.WriteByte('-')
		case isInvisible(r) && !unicode.IsSpace(r):
			invisible++
		default:
			b.WriteRune(r)
		}
	}
	if invisible > 0 {
		notes = append(notes, fmt.Sprintf("Removed %s from the pasted ID.", count(invisible, "invisible character", "invisible characters")))
	}
	if dashes > 0 {
		notes = append(notes, fmt.Sprintf("Replaced %s with hyphens.", count(dashes, "typographic dash", "typographic dashes")))
	}
	t := strings.TrimSpace(b.String())
	for len(t) >= 2 {
		f, fl := utf8.DecodeRuneInString(t)
		l, ll := utf8.DecodeLastRuneInString(t)
		if !isQuote(f) || !isQuote(l) || fl+ll > len(t) {
			break // one quote alone is not a pair
		}
		t = strings.TrimSpace(t[fl : len(t)-ll])
	}
	return t, notes
}

func isQuote(r rune) bool {
	return strings.ContainsRune("\"'`\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f", r)
}

// isDash reports a dash that word processors and web pages put in place of
// a hyphen-minus.
func isDash(r rune) bool { return '\u2010' <= r && r <= '\u2015' || r == '\u2212' }

// isTypographic reports a character that word processors and chat apps
// substitute for a straight quote or a hyphen.
func isTypographic(r rune) bool {
	return isDash(r) || r != '"' && r != '\'' && r != '`' && isQuote(r) || strings.ContainsRune("\u00ab\u00bb\u2039\u203a\u2032\u2033", r)
}

// isInvisible reports a character that shows as nothing or as a plain
// space, and that no value, key or ID is meant to hold: format characters
// (zero-width, bidirectional, byte order mark), controls other than tab and
// line breaks, and spaces other than U+0020.
func isInvisible(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r':
		return false
	}
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.Is(unicode.Zs, r) ||
		unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// runeNames names the invisible characters met in pastes.
var runeNames = map[rune]string{
	'\u00a0': "no-break space", '\u00ad': "soft hyphen", '\u0085': "next line",
	'\u200b': "zero width space", '\u200c': "zero width non-joiner", '\u200d': "zero width joiner",
	'\u200e': "left-to-right mark", '\u200f': "right-to-left mark",
	'\u2028': "line separator", '\u2029': "paragraph separator",
	'\u202a': "left-to-right embedding", '\u202b': "right-to-left embedding", '\u202c': "pop directional formatting",
	'\u202d': "left-to-right override", '\u202e': "right-to-left override", '\u202f': "narrow no-break space",
	'\u2060': "word joiner", '\u2066': "left-to-right isolate", '\u2067': "right-to-left isolate",
	'\u2068': "first strong isolate", '\u2069': "pop directional isolate", '\u3000': "ideographic space",
	'\ufeff': "zero width no-break space, or byte order mark", '\ufffd': "replacement character",
}

// runeName writes r as U+XXXX with its name: "U+200B (zero width space)".
func runeName(r rune) string {
	name, ok := runeNames[r]
	switch {
	case ok:
	case unicode.IsControl(r):
		name = "control character"
	case unicode.Is(unicode.Zs, r):
		name = "a space other than the plain one"
	default:
		name = "invisible formatting character"
	}
	return fmt.Sprintf("U+%04X (%s)", r, name)
}

// whitespaceName names the whitespace r for "starts with …": "a space".
func whitespaceName(r rune) string {
	switch r {
	case ' ':
		return "a space"
	case '\t':
		return "a tab"
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return "a line break"
	case '\u00a0':
		return "a no-break space"
	}
	return "a space character, " + runeName(r)
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and swaps of neighbours count one.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// sizeText writes a size for a message: "1023 bytes", "64 KiB (65536 bytes)".
func sizeText(n int) string {
	if n < 1024 {
		if n == 1 {
			return "1 byte"
		}
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%s (%d bytes)", unitText(n), n)
}

// unitText writes a size in KiB or MiB, to one decimal where needed.
func unitText(n int) string {
	unit, div := "KiB", 1024.0
	if n >= 1<<20 {
		unit, div = "MiB", 1<<20
	}
	if n < 1024 {
		return fmt.Sprintf("%d bytes", n)
	}
	v := strconv.FormatFloat(float64(n)/div, 'f', 1, 64)
	return strings.TrimSuffix(v, ".0") + " " + unit
}

// quoteShort quotes what an admin typed for a message, cut to 60
// characters so a long paste does not flood the page.
func quoteShort(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		return strconv.Quote(string([]rune(s)[:59]) + "…")
	}
	return strconv.Quote(s)
}
