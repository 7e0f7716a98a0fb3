package graph

import "synctoken/graph/internal/paste"

// Problem is a message about one field, meant to be shown next to it. It
// is the paste layer's (graph/internal/paste), which reads IDs, the tenant,
// the client ID and tokens out of pastes and says what it did.
type Problem = paste.Problem

// Severity says whether a problem blocks sending.
type Severity = paste.Severity

const (
	// Warning is shown but the request may still be sent.
	Warning = paste.Warning
	// Error blocks sending.
	Error = paste.Error
	// Info is a note, not a problem: what was done with the input (an ID
	// taken from a pasted URL) or how it will be sent.
	Info = paste.Info
)

// addProblem appends a problem to ps. In WebAssembly an append written out
// at each site (growth check, growslice, write barriers) costs several
// times the bytes of one call, and checks add many problems.
func addProblem(ps *[]Problem, sev Severity, msg string) {
	*ps = append(*ps, Problem{Severity: sev, Message: msg})
}

// incomparable, as a field, makes a struct type that is never compared
// incomparable, so that no equality function is emitted for it.
type incomparable [0]func()

// errText is an error whose text is fixed. A constant converted to an
// interface is data in the binary, where errors.New is a call and an
// allocation at each site that returns it.
type errText string

func (e errText) Error() string { return string(e) }

// oneProblem returns a list of one problem; a call, for the reason given
// at addProblem.
func oneProblem(sev Severity, msg string) []Problem {
	return append([]Problem(nil), Problem{Severity: sev, Message: msg})
}
