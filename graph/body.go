package graph

import (
	"bytes"
	"encoding/json"
	"synctoken/graph/internal/paste"
)

// bodyShape is the JSON object a request's credential pairs go in. The
// zero shape is acquireAccessToken's, {"credentials":[…]}; Test connection
// puts members before the list (templateId, useSavedCredentials) or has no
// list, and Save names it "value". A Request keeps its shape so that
// Redacted writes the masked body exactly as the sent one.
type bodyShape struct {
	fields []bodyField // the members before the list, in order
	list   string      // the list's name; "" means "credentials"
	noList bool        // the body has no list at all
}

// bodyField is one member before the list, its value already JSON.
type bodyField struct{ name, json string }

// encodeBody writes acquireAccessToken's body: encodeShaped's zero shape.
func encodeBody(creds []Credential) ([]byte, error) { return encodeShaped(bodyShape{}, creds) }

// encodeShaped writes the body of shape with creds in the admin's order,
// indented so the exact bytes sent are readable as shown, and without HTML
// escaping so a value reads as typed. The shape is written here and only
// the strings go through encoding/json: the page encodes the body at every
// render, and encoding a struct made encoding/json build its reflection
// encoders on the first one (~20 ms in the browser, on the way to a usable
// page). The bytes are json.Encoder's with SetIndent("", "  ")
// (TestEncodeBodyIsJSONs, TestEncodeShapedIsJSONs).
func encodeShaped(shape bodyShape, creds []Credential) ([]byte, error) {
	var b, s bytes.Buffer
	enc := json.NewEncoder(&s)
	enc.SetEscapeHTML(false)
	str := func(v string) error {
		s.Reset()
		if err := enc.Encode(v); err != nil {
			return err
		}
		b.Write(bytes.TrimSuffix(s.Bytes(), []byte("\n")))
		return nil
	}
	b.WriteString("{")
	for i, f := range shape.fields {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n  ")
		if err := str(f.name); err != nil {
			return nil, err
		}
		b.WriteString(": " + f.json)
	}
	if shape.noList {
		if len(shape.fields) > 0 {
			b.WriteString("\n")
		}
		b.WriteString("}")
		return b.Bytes(), nil
	}
	if len(shape.fields) > 0 {
		b.WriteByte(',')
	}
	b.WriteString("\n  ")
	if err := str(paste.FirstOf(shape.list, "credentials")); err != nil {
		return nil, err
	}
	b.WriteString(": [")
	for i, c := range creds {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n    {\n      \"key\": ")
		if err := str(c.Key); err != nil {
			return nil, err
		}
		b.WriteString(",\n      \"value\": ")
		if err := str(c.Value); err != nil {
			return nil, err
		}
		b.WriteString("\n    }")
	}
	if len(creds) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}")
	return b.Bytes(), nil
}

// jsonString is s as a JSON string, for a bodyField, written as
// encodeShaped writes strings.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string cannot fail
	return string(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

// jsonBool is b as JSON, for a bodyField.
func jsonBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
