package graph

import (
	_ "embed"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
)

// secretKeysTSV is Microsoft's synchronizationSecret enum (value, name), copied
// from the Graph metadata. It is embedded rather than retyped so the list can
// be checked against the metadata and refreshed by copying one file.
//
//go:embed secretkeys.tsv
var secretKeysTSV string

// SecretKey is one member of Graph's synchronizationSecret enum: the names a
// credential's key may take.
type SecretKey struct {
	Name  string
	Value int
}

var secretKeys = parseSecretKeys(secretKeysTSV)

// SecretKeys returns the keys Graph accepts, in the metadata's order.
func SecretKeys() []SecretKey {
	return append([]SecretKey(nil), secretKeys...)
}

// IsSecretKey reports whether name is exactly one of the enum's names.
func IsSecretKey(name string) bool {
	_, ok := lookupKey(name)
	return ok
}

func lookupKey(name string) (SecretKey, bool) {
	for _, k := range secretKeys {
		if k.Name == name {
			return k, true
		}
	}
	return SecretKey{}, false
}

func parseSecretKeys(tsv string) []SecretKey {
	var keys []SecretKey
	for i, line := range strings.Split(strings.TrimSpace(tsv), "\n") {
		if i == 0 {
			continue // header: value, name
		}
		value, name, ok := strings.Cut(strings.TrimSpace(line), "\t")
		n, err := strconv.Atoi(value)
		if !ok || err != nil || name == "" {
			panic("graph: secretkeys.tsv line " + strconv.Itoa(i+1) + " is malformed: " + strconv.Quote(line))
		}
		keys = append(keys, SecretKey{Name: name, Value: n})
	}
	return keys
}

// SuggestKey returns the synchronizationSecret name key was probably meant
// to be: the name in the right case, without invisible characters, or the
// closest by edit distance. ok is false when key is a name already, or
// when nothing is close. A form can offer it as a one-click fix.
func SuggestKey(key string) (name string, ok bool) {
	key = strings.TrimSpace(key)
	if IsSecretKey(key) || len(key) > paste.MaxKeyBytes {
		return "", false
	}
	var b strings.Builder
	for _, r := range key {
		if !paste.IsInvisible(r) {
			b.WriteRune(r)
		}
	}
	key = b.String()
	if k, ok := foldKey(key); ok {
		return k.Name, true
	}
	if near := nearKeys(key); len(near) > 0 {
		return near[0], true
	}
	return "", false
}

// nearKeys returns the names closest to key, ignoring case, when they are
// close enough to be a typo: 1 edit for names up to 4 letters, 2 up to 12,
// 3 beyond.
func nearKeys(key string) []string {
	l := strings.ToLower(key)
	best, out := 1<<30, []string(nil)
	for _, k := range secretKeys {
		limit := 3
		switch n := len(k.Name); {
		case n <= 4:
			limit = 1
		case n <= 12:
			limit = 2
		}
		d := editDistance(l, strings.ToLower(k.Name))
		switch {
		case d > limit || d > best:
		case d < best:
			best, out = d, []string{k.Name}
		default:
			paste.AddText(&out, k.Name)
		}
	}
	return out
}

func longestKey() string {
	longest := ""
	for _, k := range secretKeys {
		if len(k.Name) > len(longest) {
			longest = k.Name
		}
	}
	return longest
}

func foldKey(name string) (SecretKey, bool) {
	name = strings.TrimSpace(name)
	for _, k := range secretKeys {
		if strings.EqualFold(k.Name, name) {
			return k, true
		}
	}
	return SecretKey{}, false
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
