package graph

import (
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"unicode"
	"unicode/utf8"
)

// Credential is one key/value pair of the acquireAccessToken body
// (synchronizationSecretKeyStringValuePair). Value may be empty.
type Credential struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// checkCredential returns the problems of credentials[i] within the list,
// key first, then value. It never changes credentials, and never repeats a
// value in a message: values are secrets.
//
// Key: an empty key, a key with spaces or invisible characters around or
// in it, a duplicate (also one differing only in case), a known name in the
// wrong case or as its number, a number, a key over MaxKeyBytes, and any
// key that is not a synchronizationSecret name block sending. Graph's enum
// is closed (and itself deprecated in beta, so it will not grow) and
// case-sensitive: it answers 400 "Requested value 'x' was not found." to
// anything but a name exactly as the metadata writes it. A near miss names
// the key meant. Send, Test connection and Save all refuse by these checks.
//
// Value: over MaxValueBytes or not UTF-8 blocks sending. Empty, spaces or
// line breaks around it, several lines (but a PEM block), invisible
// characters, typographic quotes, quotes around it, HTML, and a URL key
// whose value is not an absolute URL are warned; JSON gets a note.
func checkCredential(credentials []Credential, i int) []Problem {
	if i < 0 || i >= len(credentials) {
		return nil
	}
	return append(checkKey(credentials, i), checkValue(credentials[i].Key, credentials[i].Value)...)
}

func checkKey(credentials []Credential, i int) []Problem {
	key := credentials[i].Key
	// The size first, before anything reads the whole key: the check runs
	// on every keystroke, and a paste can be megabytes.
	if len(key) > paste.MaxKeyBytes {
		longest := longestKey()
		return oneProblem(Error, "Key is "+paste.SizeText(len(key))+"; Graph's synchronizationSecret names are at most "+strconv.Itoa(len(longest))+" characters ("+longest+"): paste the key alone.")
	}
	name := strings.TrimSpace(key)
	if name == "" {
		return oneProblem(Error, "Key is empty: choose one of Graph's synchronizationSecret names.")
	}
	quoted := strconv.Quote(name) // for the messages: one call, not one per message
	var ps []Problem
	if key != name {
		addProblem(&ps, Error, "Key has leading or trailing spaces; Graph matches names exactly.")
	}
	var same []int
	caseOnly := -1
	for j, c := range credentials {
		if len(c.Key) > paste.MaxKeyBytes {
			continue // refused on its own row; trimming it for every row would be slow
		}
		other := strings.TrimSpace(c.Key)
		switch {
		case other == name:
			same = append(same, j+1)
		case caseOnly < 0 && strings.EqualFold(other, name):
			caseOnly = j
		}
	}
	if len(same) > 1 {
		addProblem(&ps, Error, "Key "+quoted+" appears more than once (rows "+listRows(same)+").")
	} else if caseOnly >= 0 {
		addProblem(&ps, Error, "Key "+quoted+" and row "+strconv.Itoa(caseOnly+1)+"'s "+strconv.Quote(strings.TrimSpace(credentials[caseOnly].Key))+" differ only in case: they name the same secret; keep one.")
	}
	if IsSecretKey(name) {
		return ps
	}
	if at, r, n := firstInvisible(name); n > 0 {
		fix := "retype it"
		if k, ok := SuggestKey(name); ok {
			fix = "write " + strconv.Quote(k)
		}
		what := "an invisible character,"
		if n > 1 {
			what = strconv.Itoa(n) + " invisible characters, the first"
		}
		addProblem(&ps, Error, "Key "+quoted+" contains "+what+" "+paste.RuneName(r)+", at character "+strconv.Itoa(at)+"; Graph matches names exactly: "+fix+".")
		return ps
	}
	if k, ok := foldKey(name); ok {
		q := strconv.Quote(k.Name)
		addProblem(&ps, Error, `Key `+quoted+` differs from `+q+` only in case, and Graph's synchronizationSecret names are case-sensitive (it answers 400 "Requested value '`+name+`' was not found."): write `+q+`.`)
		return ps
	}
	if n, err := strconv.Atoi(name); err == nil {
		for _, k := range secretKeys {
			if k.Value == n {
				q := strconv.Quote(k.Name)
				addProblem(&ps, Error, "Key "+quoted+" is the number of "+q+" in Graph's enum: write the name, "+q+".")
				return ps
			}
		}
	}
	refused := ` Graph answers 400 "Requested value '` + name + `' was not found." to any other name.`
	if near := nearKeys(name); len(near) > 0 {
		addProblem(&ps, Error, "Key "+quoted+" is not a synchronizationSecret name: did you mean "+orList(near)+"?"+refused)
		return ps
	}
	if _, err := strconv.Atoi(name); err == nil {
		addProblem(&ps, Error, "Key "+quoted+" is a number, and no synchronizationSecret has that number: write one of the names."+refused)
		return ps
	}
	addProblem(&ps, Error, "Key "+quoted+" is not a synchronizationSecret name: choose one of the names offered, a closed list (beta deprecates it)."+refused)
	return ps
}

// listRows writes row numbers: "1 and 3", "1, 2 and 3".
func listRows(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// orList writes names as choices: `"A"`, `"A" or "B"`.
func orList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// firstInvisible finds the invisible characters in s: the first one's
// position (1-based, in characters) and value, and how many there are.
func firstInvisible(s string) (at int, first rune, n int) {
	pos := 0
	for _, r := range s {
		pos++
		if paste.IsInvisible(r) {
			if n == 0 {
				at, first = pos, r
			}
			n++
		}
	}
	return at, first, n
}

// urlKeys are the keys whose value is an absolute URL.
var urlKeys = []string{KeyBaseAddress, KeyUrl, KeyOauth2TokenExchangeUri, KeyOauth2AuthorizationUri, KeyOauth2RedirectUri}

func checkValue(key, v string) []Problem {
	if len(v) > paste.MaxValueBytes { // first: nothing reads a huge paste whole
		return oneProblem(Error, "Value is "+paste.SizeText(len(v))+", over the "+paste.MaxValueText+" limit for one value: paste the value alone.")
	}
	if !utf8.ValidString(v) {
		return oneProblem(Error, "Value is not valid UTF-8 text: it cannot be sent as typed.")
	}
	if v == "" {
		what := "value"
		if IsSecretKey(key) {
			what = key
		}
		return oneProblem(Warning, "Value is empty: Graph accepts an empty value, but an empty "+what+" is nearly always a mistake.")
	}
	trimmed := strings.TrimSpace(v)
	if trimmed == "" {
		return oneProblem(Warning, "Value is only spaces or line breaks.")
	}
	var ps []Problem
	if first, _ := utf8.DecodeRuneInString(v); unicode.IsSpace(first) {
		addProblem(&ps, Warning, "Value starts with "+paste.WhitespaceName(first)+": it is sent too, as part of the value. Remove it unless the value really starts with one.")
	}
	if last, _ := utf8.DecodeLastRuneInString(v); unicode.IsSpace(last) {
		addProblem(&ps, Warning, "Value ends with "+paste.WhitespaceName(last)+": it is sent too, as part of the value. Remove it unless the value really ends with one.")
	}
	lines := 1 + strings.Count(strings.ReplaceAll(trimmed, "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(trimmed, "\r\n", ""), "\r")
	if lines > 1 && !(strings.HasPrefix(trimmed, "-----BEGIN ") && strings.Contains(trimmed, "-----END ")) {
		addProblem(&ps, Warning, "Value has "+strconv.Itoa(lines)+" lines; only a few values (a PEM certificate or key) span lines: check that you pasted the value alone.")
	}
	offset := utf8.RuneCountInString(v[:len(v)-len(strings.TrimLeftFunc(v, unicode.IsSpace))])
	if at, r, n := firstInvisible(trimmed); n == 1 {
		addProblem(&ps, Warning, "Value contains an invisible character, "+paste.RuneName(r)+", at character "+strconv.Itoa(offset+at)+": it is sent too, and rarely belongs in a value. Paste the value from its source again, or type it.")
	} else if n > 1 {
		addProblem(&ps, Warning, "Value contains "+strconv.Itoa(n)+" invisible characters, the first "+paste.RuneName(r)+" at character "+strconv.Itoa(offset+at)+": they are sent too, and rarely belong in a value. Paste the value from its source again, or type it.")
	}
	if i := strings.IndexRune(trimmed, '\uFFFD'); i >= 0 {
		addProblem(&ps, Warning, "Value contains "+paste.RuneName('\uFFFD')+" at character "+strconv.Itoa(offset+utf8.RuneCountInString(trimmed[:i])+1)+", a sign that the text was damaged in copying: paste the value from its source again.")
	}
	if i := strings.IndexFunc(trimmed, paste.IsTypographic); i >= 0 {
		r, _ := utf8.DecodeRuneInString(trimmed[i:])
		addProblem(&ps, Warning, "Value contains a typographic quote or dash ("+string(r)+" at character "+strconv.Itoa(offset+utf8.RuneCountInString(trimmed[:i])+1)+"): word processors and chat apps put these in place of \" ' and -. If it is a secret, paste it from its source again.")
	}
	if len(trimmed) >= 2 && (trimmed[0] == '"' || trimmed[0] == '\'') && trimmed[len(trimmed)-1] == trimmed[0] {
		addProblem(&ps, Warning, "Value is wrapped in quotes: they are sent as part of the value.")
	}
	lower := strings.ToLower(trimmed)
	switch {
	case (trimmed[0] == '{' || trimmed[0] == '[') && json.Valid([]byte(trimmed)):
		addProblem(&ps, Info, "Value is JSON text: it is sent as one string, escaped inside the body, which is right when the target reads JSON from it.")
	case strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html") || trimmed[0] == '<' && strings.Contains(lower, "</"):
		addProblem(&ps, Warning, "Value looks like HTML (an error or sign-in page copied instead of the value?); it is sent as text.")
	}
	if slices.Contains(urlKeys, key) {
		if u, err := url.Parse(trimmed); err != nil || u.Scheme == "" || u.Host == "" {
			addProblem(&ps, Warning, key+" is usually an absolute URL such as https://example.com/scim; this value is not one.")
		}
	}
	return ps
}
