package graphtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"slices"
	"strings"

	"synctoken/graph"
)

// unreadable is Graph's answer to a body it cannot take as JSON, whether
// because of the body or of the Content-Type.
const unreadable = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."

// A route is a parsed action path: the collection addressed and the id.
type route struct {
	objects []Object
	id      string
}

// parseRoute matches /{v1.0|beta}/{applications|servicePrincipals}/{id}/
// synchronization/acquireAccessToken. Like Graph, it ignores the case of the
// segments and accepts the namespace-qualified action name that some SDKs
// send.
func parseRoute(path string) (route, *apiError) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if v := segs[0]; !strings.EqualFold(v, "v1.0") && !strings.EqualFold(v, "beta") {
		return route{}, badRequest("Invalid version: %s", v)
	}
	n := len(segs)
	for len(segs) < 5 {
		segs = append(segs, "")
	}
	var rt route
	switch {
	case strings.EqualFold(segs[1], "applications"):
		rt.objects = Applications
	case strings.EqualFold(segs[1], "servicePrincipals"):
		rt.objects = ServicePrincipals
	}
	rt.id = segs[2]
	ok := []bool{true, rt.objects != nil, rt.id != "",
		strings.EqualFold(segs[3], "synchronization"),
		strings.EqualFold(segs[4], "acquireAccessToken") ||
			strings.EqualFold(segs[4], "microsoft.graph.acquireAccessToken")}
	if i := slices.Index(ok, false); i >= 0 {
		return route{}, notSegment(segs[min(i, n-1)])
	}
	if n > 5 {
		return route{}, notSegment(segs[5])
	}
	return rt, nil
}

func notSegment(seg string) *apiError {
	return badRequest("Resource not found for the segment '%s'.", seg)
}

// serveGraph answers every request that is neither a preflight nor for the
// token endpoint. A queued Reply takes over only on the action's path.
func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request, body []byte) {
	rt, err := parseRoute(r.URL.Path)
	if err == nil {
		if rep, ok := s.nextReply(); ok {
			if !s.sleep(r, rep.Delay) {
				return
			}
			if rep.Status != 0 {
				s.begin(w, r).canned(rep)
				return
			}
		}
		err = s.act(w, r, rt, body)
	}
	x := s.begin(w, r)
	if err != nil {
		x.fail(err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// act checks an action request in the order Graph does: method, token,
// permission, object, then body. Graph compares object ids without regard
// to case.
func (s *Server) act(w http.ResponseWriter, r *http.Request, rt route, body []byte) *apiError {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		return &apiError{http.StatusMethodNotAllowed, "BadRequest",
			fmt.Sprintf("The HTTP method '%s' is not supported by the action 'acquireAccessToken'.", r.Method)}
	}
	if err := s.authorize(r); err != nil {
		return err
	}
	if !slices.ContainsFunc(rt.objects, func(o Object) bool { return strings.EqualFold(o.ObjectID, rt.id) }) {
		return &apiError{http.StatusNotFound, "Request_ResourceNotFound",
			fmt.Sprintf("Resource '%s' does not exist or one of its queried reference-property objects are not present.", rt.id)}
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return badRequest(unreadable)
	}
	return checkCredentials(body)
}

// checkCredentials validates the body as Graph's OData reader would:
// {"credentials":[{"key":<synchronizationSecret name>,"value":<string|null>}]}.
// Instance annotations ("@odata.type" and the like) are allowed anywhere.
func checkCredentials(body []byte) *apiError {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("Empty Payload. JSON content expected.")
	}
	var params map[string]json.RawMessage
	if json.Unmarshal(body, &params) != nil || params == nil {
		return badRequest(unreadable)
	}
	for _, name := range slices.Sorted(maps.Keys(params)) {
		if name != "credentials" && !strings.HasPrefix(name, "@") {
			return badRequest("The parameter '%s' in the request payload is not a valid parameter for the operation 'acquireAccessToken'.", name)
		}
	}
	raw, ok := params["credentials"]
	if !ok || isNull(raw) {
		return badRequest("The parameter 'credentials' is required and cannot be null.")
	}
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return unexpectedNode(raw, "StartArray")
	}
	for _, item := range items {
		var pair map[string]json.RawMessage
		if json.Unmarshal(item, &pair) != nil || pair == nil {
			return unexpectedNode(item, "StartObject")
		}
		for _, name := range slices.Sorted(maps.Keys(pair)) {
			if name != "key" && name != "value" && !strings.HasPrefix(name, "@") {
				return badRequest("The property '%s' does not exist on type 'microsoft.graph.synchronizationSecretKeyStringValuePair'. "+
					"Make sure to only use property names that are defined by the type or mark the type as open type.", name)
			}
		}
		k, ok := pair["key"]
		if !ok || isNull(k) {
			return badRequest("A null value was found for the property named 'key', which has the expected type 'microsoft.graph.synchronizationSecret[Nullable=False]'. " +
				"The expected type 'microsoft.graph.synchronizationSecret[Nullable=False]' does not allow null values.")
		}
		var key string
		if json.Unmarshal(k, &key) != nil {
			return badRequest("Cannot convert the literal '%s' to the expected type 'microsoft.graph.synchronizationSecret'.", k)
		}
		if !graph.IsSecretKey(key) {
			return badRequest("Requested value '%s' was not found.", key)
		}
		var value string
		if v, ok := pair["value"]; ok && !isNull(v) && json.Unmarshal(v, &value) != nil {
			return badRequest("Cannot convert the literal '%s' to the expected type 'Edm.String'.", v)
		}
	}
	return nil
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
