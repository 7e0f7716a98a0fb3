package paste

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// One GUID: whether a paste is one, what kind of paste holds it, and why a
// text is not one.

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
	if len(t) != 36 || CheckGUID(t) != nil {
		return "", false
	}
	return strings.ToLower(t), true
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

// notGUID explains why t is not a GUID, for a message starting with the
// field's name; a GUID with one brace has "an unmatched brace".
func notGUID(t string) string {
	if err := CheckGUID(strings.Trim(t, "{}")); err != nil {
		return err.Error()
	}
	return "has an unmatched brace."
}

// CheckGUID explains why t is not 8-4-4-4-12 hexadecimal digits.
func CheckGUID(t string) error {
	groups := strings.Split(t, "-")
	want := []int{8, 4, 4, 4, 12}
	if len(groups) != len(want) {
		if len(t) == 32 && isHex(t) {
			return errText("needs hyphens: a GUID is written 8-4-4-4-12, like 00000000-0000-0000-0000-000000000000.")
		}
		return errors.New("must be a GUID (8-4-4-4-12 hexadecimal digits, like 00000000-0000-0000-0000-000000000000); got " + strconv.Itoa(len(t)) + " characters in " + strconv.Itoa(len(groups)) + " groups.")
	}
	for i, g := range groups {
		if len(g) != want[i] {
			return errors.New("must be a GUID: group " + strconv.Itoa(i+1) + " has " + strconv.Itoa(len(g)) + " characters, not " + strconv.Itoa(want[i]) + ".")
		}
		if !isHex(g) {
			for _, r := range g {
				if !isHex(string(r)) {
					return errors.New("must be a GUID: " + strconv.QuoteRune(r) + " is not a hexadecimal digit.")
				}
			}
		}
	}
	return nil
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
