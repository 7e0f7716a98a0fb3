package graph

import (
	"fmt"
	"strings"
)

// Input is what the admin typed, as typed. It is checked, not trusted:
// Check says what is wrong field by field, and Build refuses an input whose
// check has errors.
type Input struct {
	Cloud       Cloud
	Version     Version
	Kind        Kind
	ObjectID    string
	Credentials []Credential
	Token       string
}

// Checked holds the problems of each field of an Input, so each message can
// be shown next to the field it is about.
type Checked struct {
	ObjectID    []Problem
	Token       []Problem
	Credentials [][]Problem // one list per credential row
	Form        []Problem   // about the request as a whole
}

// Check returns the problems of in.
func (in Input) Check() Checked {
	var c Checked
	if _, err := ParseObjectID(in.ObjectID); err != nil {
		c.ObjectID = []Problem{{Error, err.Error()}}
	}
	_, c.Token = NormalizeToken(in.Token)
	c.Credentials = make([][]Problem, len(in.Credentials))
	for i := range in.Credentials {
		c.Credentials[i] = CheckCredential(in.Credentials, i)
	}
	if len(in.Credentials) == 0 {
		c.Form = append(c.Form, Problem{Error, "Add at least one credential: Graph needs key/value pairs to acquire a token with."})
	}
	if in.Cloud.GraphHost == "" {
		c.Form = append(c.Form, Problem{Error, "Choose a cloud."})
	}
	if in.Version != V1 && in.Version != Beta {
		c.Form = append(c.Form, Problem{Error, fmt.Sprintf("API version %q is not v1.0 or beta.", in.Version)})
	}
	if in.Kind != Applications && in.Kind != ServicePrincipals {
		c.Form = append(c.Form, Problem{Error, fmt.Sprintf("Endpoint %q is not applications or servicePrincipals.", in.Kind)})
	}
	return c
}

// Errors returns the messages that block sending, in form order.
func (c Checked) Errors() []string {
	var out []string
	add := func(ps []Problem) {
		for _, p := range ps {
			if p.Severity == Error {
				out = append(out, p.Message)
			}
		}
	}
	add(c.Form)
	add(c.ObjectID)
	for i, ps := range c.Credentials {
		for _, p := range ps {
			if p.Severity == Error {
				out = append(out, fmt.Sprintf("Credential %d: %s", i+1, p.Message))
			}
		}
	}
	add(c.Token)
	return out
}

// OK reports whether nothing blocks sending.
func (c Checked) OK() bool { return len(c.Errors()) == 0 }

// NormalizeToken returns the bare access token in s, removing what is safe
// to remove — surrounding spaces and quotes, and a "Bearer " prefix copied
// along with it — and the problems found.
func NormalizeToken(s string) (string, []Problem) {
	t := strings.TrimSpace(s)
	t = strings.Trim(t, `"'`)
	t = strings.TrimSpace(t)
	if len(t) > 7 && strings.EqualFold(t[:7], "bearer ") {
		t = strings.TrimSpace(t[7:])
	}
	if t == "" {
		return "", []Problem{{Error, "Access token is required: paste a token for this cloud's Graph."}}
	}
	if strings.ContainsAny(t, " \t\r\n") {
		return t, []Problem{{Error, "Access token contains spaces or line breaks; paste the token alone."}}
	}
	if strings.Count(t, ".") != 2 {
		return t, []Problem{{Warning, "Access token does not look like a JWT (three parts separated by dots); Graph will likely reject it."}}
	}
	return t, nil
}
