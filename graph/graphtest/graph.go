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

// The kinds of request the sandbox's Graph answers.
type routeKind int

const (
	actionRoute     routeKind = iota // POST .../{id}/synchronization/acquireAccessToken
	objectRoute                      // GET /{collection}/{id}, or (appId='...')
	collectionRoute                  // GET /{collection}
	jobsRoute                        // GET .../{id}/synchronization/jobs[/{jobId}]
)

// A route is a parsed Graph path: what is addressed and how.
type route struct {
	kind       routeKind
	version    string // "v1.0" or "beta", as Graph names itself in @odata.context
	collection string // "applications" or "servicePrincipals", spelled as Graph does
	objects    []Object
	id         string // the object id, or the appId when byAppID
	byAppID    bool   // addressed by the alternate key (appId='...')
	jobID      string // for a single job; empty for the collection
}

// parseRoute matches the paths the sandbox's Graph serves, under
// /{v1.0|beta}/{applications|servicePrincipals}: the collection, one object
// by id or by the alternate key (appId='{appId}'), its synchronization jobs
// and the acquireAccessToken action. Like Graph, it ignores the case of the
// segments, tolerates one trailing slash and accepts the namespace-qualified
// action name that some SDKs send. Errors name the first segment that does
// not fit.
func parseRoute(path string) (route, *apiError) {
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	if n := len(segs); n > 2 && segs[n-1] == "" {
		segs = segs[:n-1]
	}
	var rt route
	switch v := segs[0]; {
	case strings.EqualFold(v, "v1.0"):
		rt.version = "v1.0"
	case strings.EqualFold(v, "beta"):
		rt.version = "beta"
	default:
		return route{}, badRequest("Invalid version: %s", v)
	}
	if len(segs) < 2 {
		return route{}, notSegment(segs[0])
	}
	name, key, hasKey := strings.Cut(segs[1], "(")
	switch {
	case strings.EqualFold(name, "applications"):
		rt.collection, rt.objects = "applications", allApplications()
	case strings.EqualFold(name, "servicePrincipals"):
		rt.collection, rt.objects = "servicePrincipals", allServicePrincipals()
	default:
		return route{}, notSegment(segs[1])
	}
	rest := segs[2:]
	switch {
	case hasKey:
		var err *apiError
		if rt.id, rt.byAppID, err = parseKey(key); err != nil {
			return route{}, err
		}
	case len(rest) == 0:
		rt.kind = collectionRoute
		return rt, nil
	case rest[0] == "":
		return route{}, notSegment("")
	default:
		rt.id, rest = rest[0], rest[1:]
	}
	if len(rest) == 0 {
		rt.kind = objectRoute
		return rt, nil
	}
	if !strings.EqualFold(rest[0], "synchronization") {
		return route{}, notSegment(rest[0])
	}
	if len(rest) == 1 {
		return route{}, notSegment(rest[0])
	}
	switch {
	case strings.EqualFold(rest[1], "acquireAccessToken") || strings.EqualFold(rest[1], "microsoft.graph.acquireAccessToken"):
		rt.kind = actionRoute
		if len(rest) > 2 {
			return route{}, notSegment(rest[2])
		}
	case strings.EqualFold(rest[1], "jobs"):
		rt.kind = jobsRoute
		if len(rest) > 2 {
			rt.jobID = rest[2]
		}
		if len(rest) > 3 || (len(rest) == 3 && rt.jobID == "") {
			return route{}, notSegment(rest[len(rest)-1])
		}
	default:
		return route{}, notSegment(rest[1])
	}
	return rt, nil
}

// parseKey reads the parenthesized key after a collection's name, its "("
// already cut: ('{id}') or (id='{id}') by object id, (appId='{appId}') by
// the alternate key. Quotes inside the literal are doubled, as in OData.
func parseKey(key string) (id string, byAppID bool, err *apiError) {
	syntax := &apiError{http.StatusBadRequest, "BadRequest", "Bad Request - Error in query syntax."}
	inner, ok := strings.CutSuffix(key, ")")
	if !ok {
		return "", false, syntax
	}
	prop, lit, named := strings.Cut(inner, "=")
	if !named {
		prop, lit = "", inner
	}
	switch prop = strings.TrimSpace(prop); {
	case strings.EqualFold(prop, "appId"):
		byAppID = true
	case prop != "" && !strings.EqualFold(prop, "id"):
		return "", false, syntax
	}
	lit = strings.TrimSpace(lit)
	if len(lit) < 2 || lit[0] != '\'' || lit[len(lit)-1] != '\'' {
		return "", false, syntax
	}
	body := lit[1 : len(lit)-1]
	if strings.Count(body, "'") != 2*strings.Count(body, "''") {
		return "", false, syntax
	}
	return strings.ReplaceAll(body, "''", "'"), byAppID, nil
}

func notSegment(seg string) *apiError {
	return badRequest("Resource not found for the segment '%s'.", seg)
}

// serveGraph answers every request that is neither a preflight nor for the
// token endpoint. A queued Reply takes over when it matches the request
// (see Reply.Path).
func (s *Server) serveGraph(w http.ResponseWriter, r *http.Request, body []byte) {
	rt, err := parseRoute(r.URL.Path)
	if rep, ok := s.nextReply(r.URL.Path, err == nil && rt.kind == actionRoute); ok {
		if !s.sleep(r, rep.Delay) {
			return
		}
		switch {
		case rep.Fault != "":
			s.fault(w, r, rep)
			return
		case rep.Status != 0:
			s.begin(w, r).canned(rep)
			return
		}
	}
	if err == nil && rt.kind != actionRoute {
		s.read(w, r, rt)
		return
	}
	if err == nil {
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
	if err := s.authorize(r, actionPermission); err != nil {
		return err
	}
	if _, ok := rt.find(); !ok {
		return notFound(rt.id)
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
