// Package paste reads what an admin types or pastes where an ID, a tenant,
// a client ID or an access token belongs — a portal or Graph URL, Graph
// Explorer's JSON, a curl command, a line of text — and says, in words for
// the field, what it took and what it refused. It holds the limits on input
// and the small writers messages share.
//
// It is a leaf: it imports nothing of graph, so graph (and, through graph's
// exported functions, app) can rely on it without a cycle, and its rules can
// be tested alone.
package paste
