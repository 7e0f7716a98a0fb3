package graph

import (
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
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

// Check returns the problems of in, and the notes on what was taken from
// it (Info): an object ID out of a pasted URL, a token out of pasted JSON.
// It never changes in; Build sends what the notes say.
func (in Input) Check() Checked {
	var c Checked
	if _, kind, note, err := extractObjectID(in.ObjectID); err != nil {
		c.ObjectID = oneProblem(Error, err.Error())
	} else {
		if note != "" {
			addProblem(&c.ObjectID, Info, note)
		}
		if kind != "" && kind != in.Kind && (in.Kind == Applications || in.Kind == ServicePrincipals) {
			whose := "a service principal's"
			if kind == Applications {
				whose = "an application's"
			}
			addProblem(&c.ObjectID, Warning, "This object ID is "+whose+", but the endpoint is "+in.Kind.Label()+" (/"+string(in.Kind)+"): switch the endpoint to "+kind.Label()+", or paste the "+strings.ToLower(in.Kind.Label())+"'s"+" object ID.")
		}
	}
	_, c.Token = NormalizeToken(in.Token)
	c.Credentials = make([][]Problem, len(in.Credentials))
	for i := range in.Credentials {
		c.Credentials[i] = checkCredential(in.Credentials, i)
	}
	switch n := len(in.Credentials); {
	case n == 0:
		addProblem(&c.Form, Error, "Add at least one credential: Graph needs key/value pairs to acquire a token with.")
	case n > paste.MaxCredentials:
		addProblem(&c.Form, Error, strconv.Itoa(n)+" credentials; at most "+strconv.Itoa(paste.MaxCredentials)+" are sent: Graph names "+strconv.Itoa(len(secretKeys))+" keys, and each may appear once.")
	}
	// The body is encoded only when every row is within its limits: a row
	// over one is refused already, and encoding megabytes on every
	// keystroke would freeze the page.
	if withinRowLimits(in.Credentials) {
		if body, err := encodeBody(in.Credentials); err == nil && len(body) > paste.MaxRequestBodyBytes {
			addProblem(&c.Form, Error, "The credentials are too large together: the request body would be "+paste.SizeText(len(body))+", over the "+paste.MaxRequestBodyText+" limit.")
		}
	}
	c.Form = append(c.Form, usGovCredentialsProblems(in.Cloud, in.Credentials)...)
	if in.Cloud.GraphHost == "" {
		addProblem(&c.Form, Error, "Choose a cloud.")
	}
	if in.Version != V1 && in.Version != Beta {
		addProblem(&c.Form, Error, "API version "+strconv.Quote(string(in.Version))+" is not v1.0 or beta.")
	}
	if in.Kind != Applications && in.Kind != ServicePrincipals {
		addProblem(&c.Form, Error, "Endpoint "+strconv.Quote(string(in.Kind))+" is not applications or servicePrincipals.")
	}
	return c
}

// withinRowLimits reports whether there are at most MaxCredentials rows,
// each key and value within MaxKeyBytes and MaxValueBytes.
func withinRowLimits(credentials []Credential) bool {
	if len(credentials) > paste.MaxCredentials {
		return false
	}
	for _, c := range credentials {
		if len(c.Key) > paste.MaxKeyBytes || len(c.Value) > paste.MaxValueBytes {
			return false
		}
	}
	return true
}

// Errors returns the messages that block sending, in form order.
func (c Checked) Errors() []string {
	var out []string
	add := func(ps []Problem) {
		for _, p := range ps {
			if p.Severity == Error {
				paste.AddText(&out, p.Message)
			}
		}
	}
	add(c.Form)
	add(c.ObjectID)
	for i, ps := range c.Credentials {
		for _, p := range ps {
			if p.Severity == Error {
				paste.AddText(&out, "Credential "+strconv.Itoa(i+1)+": "+p.Message)
			}
		}
	}
	add(c.Token)
	return out
}

// OK reports whether nothing blocks sending.
func (c Checked) OK() bool { return len(c.Errors()) == 0 }
