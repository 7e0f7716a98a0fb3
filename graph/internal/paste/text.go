package paste

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text as admins paste it and as messages quote it: what copying adds to
// an ID (invisible characters, typographic dashes and quotes), the names of
// characters a message points at, and the small writers messages share.

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// count writes n things: "1 character", "3 characters".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
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
		case IsInvisible(r) && !unicode.IsSpace(r):
			invisible++
		default:
			b.WriteRune(r)
		}
	}
	if invisible > 0 {
		AddText(&notes, "Removed "+Count(invisible, "invisible character", "invisible characters")+" from the pasted ID.")
	}
	if dashes > 0 {
		AddText(&notes, "Replaced "+Count(dashes, "typographic dash", "typographic dashes")+" with hyphens.")
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
func IsTypographic(r rune) bool {
	return isDash(r) || r != '"' && r != '\'' && r != '`' && isQuote(r) || strings.ContainsRune("\u00ab\u00bb\u2039\u203a\u2032\u2033", r)
}

// isInvisible reports a character that shows as nothing or as a plain
// space, and that no value, key or ID is meant to hold: format characters
// (zero-width, bidirectional, byte order mark), controls other than tab and
// line breaks, and spaces other than U+0020.
func IsInvisible(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r':
		return false
	}
	return unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || unicode.Is(unicode.Zs, r) ||
		unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
}

// runeNames names the invisible characters met in pastes, by their
// UTF-8 encoding.
var runeNames = []pair{
	{"\u00a0", "no-break space"}, {"\u00ad", "soft hyphen"}, {"\u0085", "next line"},
	{"\u200b", "zero width space"}, {"\u200c", "zero width non-joiner"}, {"\u200d", "zero width joiner"},
	{"\u200e", "left-to-right mark"}, {"\u200f", "right-to-left mark"},
	{"\u2028", "line separator"}, {"\u2029", "paragraph separator"},
	{"\u202a", "left-to-right embedding"}, {"\u202b", "right-to-left embedding"}, {"\u202c", "pop directional formatting"},
	{"\u202d", "left-to-right override"}, {"\u202e", "right-to-left override"}, {"\u202f", "narrow no-break space"},
	{"\u2060", "word joiner"}, {"\u2066", "left-to-right isolate"}, {"\u2067", "right-to-left isolate"},
	{"\u2068", "first strong isolate"}, {"\u2069", "pop directional isolate"}, {"\u3000", "ideographic space"},
	{"\ufeff", "zero width no-break space, or byte order mark"}, {"\ufffd", "replacement character"},
}

// pair is an entry of a small constant table. The tables are slices of
// pairs, not maps: a slice of constants is data in the binary, while a
// map literal is code (a call per entry) run at start, which in
// WebAssembly costs far more bytes of download.
type pair struct{ key, value string }

// valueOf returns the value of key in table.
func valueOf(table []pair, key string) (string, bool) {
	for _, p := range table {
		if p.key == key {
			return p.value, true
		}
	}
	return "", false
}

// runeName writes r as U+XXXX with its name: "U+200B (zero width space)".
func RuneName(r rune) string {
	name, ok := valueOf(runeNames, string(r))
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
func WhitespaceName(r rune) string {
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
	return "a space character, " + RuneName(r)
}

// quoteShort quotes what an admin typed for a message, cut to 60
// characters so a long paste does not flood the page.
func QuoteShort(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		return strconv.Quote(string([]rune(s)[:59]) + "…")
	}
	return strconv.Quote(s)
}

func FirstOf(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func ListOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// addText appends s to list: one call in place of an inline append, for
// the reason given at addProblem.
func AddText(list *[]string, s string) {
	*list = append(*list, s)
}
