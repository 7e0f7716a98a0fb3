package graph

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
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
			panic(fmt.Sprintf("graph: secretkeys.tsv line %d is malformed: %q", i+1, line))
		}
		keys = append(keys, SecretKey{Name: name, Value: n})
	}
	return keys
}

// Credential is one key/value pair of the acquireAccessToken body
// (synchronizationSecretKeyStringValuePair). Value may be empty.
type Credential struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Severity says whether a problem blocks sending.
type Severity int

const (
	// Warning is shown but the request may still be sent.
	Warning Severity = iota
	// Error blocks sending.
	Error
)

// Problem is a message about one field, meant to be shown next to it.
type Problem struct {
	Severity Severity
	Message  string
}

// CheckCredential returns the problems of credentials[i] within the list:
// an empty key and a duplicate key block sending; a key Graph does not name
// is allowed (Graph may add keys before the metadata shows them) but warned.
func CheckCredential(credentials []Credential, i int) []Problem {
	key := credentials[i].Key
	var ps []Problem
	if strings.TrimSpace(key) == "" {
		return []Problem{{Error, "Key is empty: choose one of Graph's synchronizationSecret names."}}
	}
	if key != strings.TrimSpace(key) {
		ps = append(ps, Problem{Error, "Key has leading or trailing spaces; Graph matches names exactly."})
	}
	for j, c := range credentials {
		if j != i && c.Key == key {
			ps = append(ps, Problem{Error, fmt.Sprintf("Key %q appears more than once (rows %d and %d).", key, min(i, j)+1, max(i, j)+1)})
			break
		}
	}
	if !IsSecretKey(strings.TrimSpace(key)) {
		if k, ok := foldKey(key); ok {
			ps = append(ps, Problem{Warning, fmt.Sprintf("Key %q is not a synchronizationSecret name; did you mean %q?", key, k.Name)})
		} else {
			ps = append(ps, Problem{Warning, fmt.Sprintf("Key %q is a custom key: it is not in Graph's synchronizationSecret list, and Graph may reject it.", key)})
		}
	}
	return ps
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
