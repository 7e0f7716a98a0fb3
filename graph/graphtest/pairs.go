package graphtest

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"synctoken/graph"
)

// Request bodies that carry credential pairs: acquireAccessToken's
// credentials, validateCredentials' and the secrets' value, read as
// Graph's OData reader reads them, with its messages.

// readPairs reads body as a JSON object whose list member holds
// synchronizationSecretKeyStringValuePair items, as Graph's OData reader
// would, for the operation op ("" for a property write): unknown members
// are refused, keys must be synchronizationSecret names, values strings or
// null (read as ""). A missing list is an error.
func readPairs(body []byte, list, op string) ([]graph.Credential, *apiError) {
	params, err := readParams(body, op, list)
	if err != nil {
		return nil, err
	}
	raw, ok := params[list]
	if !ok || isNull(raw) {
		return nil, badRequest("The parameter '%s' is required and cannot be null.", list)
	}
	return parsePairs(raw)
}

// readParams reads body as a JSON object whose members must be among
// allowed (instance annotations aside), as the OData reader does for op.
func readParams(body []byte, op string, allowed ...string) (map[string]json.RawMessage, *apiError) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, badRequest("Empty Payload. JSON content expected.")
	}
	var params map[string]json.RawMessage
	if json.Unmarshal(body, &params) != nil || params == nil {
		return nil, badRequest(unreadable)
	}
	for _, name := range slices.Sorted(maps.Keys(params)) {
		if slices.Contains(allowed, name) || strings.HasPrefix(name, "@") {
			continue
		}
		if op == "" {
			return nil, badRequest("The property '%s' does not exist on type 'microsoft.graph.synchronization'. "+
				"Make sure to only use property names that are defined by the type or mark the type as open type.", name)
		}
		return nil, badRequest("The parameter '%s' in the request payload is not a valid parameter for the operation '%s'.", name, op)
	}
	return params, nil
}

// parsePairs reads a list of synchronizationSecretKeyStringValuePair as
// Graph's OData reader would: [{"key":<synchronizationSecret name>,
// "value":<string|null>}]. Instance annotations ("@odata.type" and the
// like) are allowed anywhere. A null or absent value reads as "".
func parsePairs(raw json.RawMessage) ([]graph.Credential, *apiError) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return nil, unexpectedNode(raw, "StartArray")
	}
	pairs := []graph.Credential{}
	for _, item := range items {
		var pair map[string]json.RawMessage
		if json.Unmarshal(item, &pair) != nil || pair == nil {
			return nil, unexpectedNode(item, "StartObject")
		}
		for _, name := range slices.Sorted(maps.Keys(pair)) {
			if name != "key" && name != "value" && !strings.HasPrefix(name, "@") {
				return nil, badRequest("The property '%s' does not exist on type 'microsoft.graph.synchronizationSecretKeyStringValuePair'. "+
					"Make sure to only use property names that are defined by the type or mark the type as open type.", name)
			}
		}
		k, ok := pair["key"]
		if !ok || isNull(k) {
			return nil, badRequest("A null value was found for the property named 'key', which has the expected type 'microsoft.graph.synchronizationSecret[Nullable=False]'. " +
				"The expected type 'microsoft.graph.synchronizationSecret[Nullable=False]' does not allow null values.")
		}
		var key string
		if json.Unmarshal(k, &key) != nil {
			return nil, badRequest("Cannot convert the literal '%s' to the expected type 'microsoft.graph.synchronizationSecret'.", k)
		}
		if !isSecretKey(key) {
			return nil, badRequest("Requested value '%s' was not found.", key)
		}
		var value string
		if v, ok := pair["value"]; ok && !isNull(v) && json.Unmarshal(v, &value) != nil {
			return nil, badRequest("Cannot convert the literal '%s' to the expected type 'Edm.String'.", v)
		}
		pairs = append(pairs, graph.Credential{Key: key, Value: value})
	}
	return pairs, nil
}

func isNull(raw json.RawMessage) bool { return string(bytes.TrimSpace(raw)) == "null" }

// unexpectedNode words a type mismatch the way the OData JSON reader does.
func unexpectedNode(raw json.RawMessage, want string) *apiError {
	got := "PrimitiveValue"
	switch bytes.TrimSpace(raw)[0] {
	case '{':
		got = "StartObject"
	case '[':
		got = "StartArray"
	}
	return badRequest("An unexpected '%s' node was found when reading from the JSON reader. A '%s' node was expected.", got, want)
}
