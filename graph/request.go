package graph

import (
	"errors"
	"strings"
	"synctoken/graph/internal/paste"

	"github.com/google/uuid"
)

// Header is one request or response header line. Requests keep headers in
// a slice, not a map, so the shown order is the sent order.
type Header struct {
	Name, Value string
}

// Request is the exact HTTP request synctoken sends: what the Request panel
// shows (through Redacted), what Send puts on the wire, and what a copy
// turns into a command.
type Request struct {
	Method string
	URL    string
	Header []Header
	Body   []byte

	credentials []Credential // the body's pairs, so Redacted can mask them
	shape       bodyShape    // the body's JSON around them, so Redacted writes it alike
}

// NewRequestID returns a fresh random GUID for the client-request-id header,
// which Graph echoes in its errors and support asks for.
func NewRequestID() string { return uuid.NewString() }

// Build returns the acquireAccessToken request for in, with requestID as its
// client-request-id. It fails when in.Check has errors.
func Build(in Input, requestID string) (Request, error) {
	if errs := in.Check().Errors(); len(errs) > 0 {
		return Request{}, errors.New(strings.Join(errs, "\n"))
	}
	return Draft(in, requestID), nil
}

// Draft returns the request as the form stands, for the live preview: a
// part that is not valid yet shows as a {placeholder}. Only Build's
// result is ever sent.
func Draft(in Input, requestID string) Request {
	id, err := ParseObjectID(in.ObjectID)
	if err != nil {
		id = "{object-id}"
	}
	token, _ := NormalizeToken(in.Token)
	if token == "" {
		token = tokenPlaceholder
	}
	version, kind := string(in.Version), string(in.Kind)
	if in.Version != V1 && in.Version != Beta {
		version = "{version}"
	}
	if in.Kind != Applications && in.Kind != ServicePrincipals {
		kind = "{endpoint}"
	}
	body, _ := encodeBody(draftCredentials(in.Credentials)) // strings only: cannot fail
	return Request{
		Method: "POST",
		URL:    in.Cloud.GraphBase() + "/" + version + "/" + kind + "/" + id + "/synchronization/acquireAccessToken",
		Header: append([]Header(nil),
			Header{"Authorization", "Bearer " + token},
			Header{"Content-Type", "application/json"},
			Header{"client-request-id", requestID},
		),
		Body:        body,
		credentials: in.Credentials,
	}
}

// draftCredentials returns creds for the preview: a key or value over its
// limit, which Check refuses, shows as a placeholder saying its size rather
// than be encoded, megabytes of it, at every render.
func draftCredentials(creds []Credential) []Credential {
	if withinRowLimits(creds) {
		return creds
	}
	out := make([]Credential, len(creds))
	for i, c := range creds {
		if len(c.Key) > paste.MaxKeyBytes {
			c.Key = "{key of " + paste.UnitText(len(c.Key)) + ", too long}"
		}
		if len(c.Value) > paste.MaxValueBytes {
			c.Value = "{value of " + paste.UnitText(len(c.Value)) + ", too large}"
		}
		out[i] = c
	}
	return out
}

// tokenPlaceholder stands for the token in a draft while there is none.
const tokenPlaceholder = "{access-token}"

// Mask replaces a hidden credential value.
const Mask = "••••••"

// Redacted returns the request as it may be shown: the bearer token cut to
// its first characters, and credential values masked unless reveal is set
// (an empty value stays empty: there is nothing to hide).
func (r Request) Redacted(reveal bool) Request {
	out := r
	out.Header = make([]Header, len(r.Header))
	for i, h := range r.Header {
		if strings.EqualFold(h.Name, "Authorization") {
			h.Value = redactAuthorization(h.Value)
		}
		out.Header[i] = h
	}
	if !reveal {
		masked := make([]Credential, len(r.credentials))
		for i, c := range r.credentials {
			masked[i] = Credential{Key: c.Key, Value: Mask}
			if c.Value == "" {
				// Empty hides nothing, and shown empty it reads as what it
				// is: Save's deletion, a row left blank.
				masked[i].Value = ""
			}
		}
		if len(r.Body) > 0 {
			out.Body, _ = encodeShaped(r.shape, masked)
		}
		out.credentials = masked // nothing of the values stays in the copy
	}
	return out
}

// redactAuthorization keeps the scheme and the first characters of a token:
// enough to tell two tokens apart, not enough to use one.
func redactAuthorization(v string) string {
	scheme, token, ok := strings.Cut(v, " ")
	if !ok {
		return RedactToken(v)
	}
	return scheme + " " + RedactToken(token)
}

// RedactToken returns the first characters of a token followed by "…".
func RedactToken(t string) string {
	if t == tokenPlaceholder {
		return t // not a token: the draft's placeholder
	}
	const keep = 12
	if len(t) <= keep {
		return strings.Repeat("•", len(t))
	}
	return t[:keep] + "…"
}

// HTTP renders r as an HTTP/1.1 message: request line, Host, headers, blank
// line, body.
func (r Request) HTTP() string {
	var b strings.Builder
	path, host := r.URL, ""
	if _, rest, ok := strings.Cut(r.URL, "://"); ok {
		host, path, _ = strings.Cut(rest, "/")
		path = "/" + path
	}
	b.WriteString(r.Method + " " + path + " HTTP/1.1\nHost: " + host + "\n")
	for _, h := range r.Header {
		b.WriteString(h.Name + ": " + h.Value + "\n")
	}
	if len(r.Body) > 0 {
		b.WriteString("\n")
		b.Write(r.Body)
	}
	return b.String()
}
