package graphtest

import (
	_ "embed"
	"strings"

	"synctoken/graph"
)

// The sandbox's own answers about credentials, written from the reference
// data rather than asked of package graph: a simulator that agrees with
// graph by construction could not catch graph's mistakes.
// TestNoAnswersFromGraph holds the sandbox to it.

// secretKeysTSV is Graph's synchronizationSecret enum (value, name) as the
// metadata lists it, this package's own copy (graph embeds another), so a
// wrong edit of graph's list makes the sandbox refuse what graph sends.
//
//go:embed secretkeys.tsv
var secretKeysTSV string

// isSecretKey reports whether name is a member of synchronizationSecret,
// as Graph's OData reader checks a pair's key: exactly, case and all.
func isSecretKey(name string) bool {
	for _, line := range strings.Split(secretKeysTSV, "\n")[1:] {
		if _, n, ok := strings.Cut(strings.TrimSpace(line), "\t"); ok && n == name {
			return true
		}
	}
	return false
}

// carriesCode reports whether pairs hold an authorization code for the
// provisioning service to redeem: a non-empty Oauth2AuthorizationCode.
func carriesCode(pairs []graph.Credential) bool {
	for _, p := range pairs {
		if p.Key == "Oauth2AuthorizationCode" && p.Value != "" {
			return true
		}
	}
	return false
}
