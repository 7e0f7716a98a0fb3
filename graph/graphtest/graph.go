package graphtest

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

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
	validateRoute                    // POST .../{id}/synchronization/jobs[/{jobId}]/validateCredentials
	templatesRoute                   // GET .../{id}/synchronization/templates
	secretsRoute                     // GET or PUT .../{id}/synchronization/secrets
	jobActionRoute                   // POST .../{id}/synchronization/jobs/{jobId}/{restart|start}: see jobrun.go
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
	jobAction  string // "restart" or "start", for a jobActionRoute
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
	case isAction(rest[1], "acquireAccessToken"):
		rt.kind = actionRoute
		if len(rest) > 2 {
			return route{}, notSegment(rest[2])
		}
	case strings.EqualFold(rest[1], "jobs"):
		rt.kind = jobsRoute
		switch {
		case len(rest) == 3 && isAction(rest[2], "validateCredentials"):
			rt.kind = validateRoute
		case len(rest) == 4 && isAction(rest[3], "validateCredentials") && rest[2] != "":
			rt.kind, rt.jobID = validateRoute, rest[2]
		case len(rest) == 4 && rest[2] != "" && (isAction(rest[3], "restart") || isAction(rest[3], "start")):
			rt.kind, rt.jobID, rt.jobAction = jobActionRoute, rest[2], "start"
			if isAction(rest[3], "restart") {
				rt.jobAction = "restart"
			}
		case len(rest) > 3 || (len(rest) == 3 && rest[2] == ""):
			return route{}, notSegment(rest[len(rest)-1])
		case len(rest) == 3:
			rt.jobID = rest[2]
		}
	case strings.EqualFold(rest[1], "templates") || strings.EqualFold(rest[1], "secrets"):
		rt.kind = templatesRoute
		if strings.EqualFold(rest[1], "secrets") {
			rt.kind = secretsRoute
		}
		if len(rest) > 2 {
			return route{}, notSegment(rest[2])
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

// isAction reports whether seg names the action, in any case, plainly or
// namespace-qualified as some SDKs send it.
func isAction(seg, action string) bool {
	return strings.EqualFold(seg, action) || strings.EqualFold(seg, "microsoft.graph."+action)
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
	switch {
	case err != nil:
	case rt.kind == validateRoute:
		s.validate(w, r, rt, body)
		return
	case rt.kind == secretsRoute:
		s.secrets(w, r, rt, body)
		return
	case rt.kind == jobActionRoute:
		s.jobAction(w, r, rt, body)
		return
	case rt.kind != actionRoute:
		s.read(w, r, rt)
		return
	default:
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
	pairs, err := readPairs(body, "credentials", "acquireAccessToken")
	if err != nil || !carriesCode(pairs) {
		return err
	}
	return s.authorizeVendor(rt, pairs)
}

// authorizeVendor is what the provisioning service does with an
// authorization code: it redeems the code at the vendor with the
// Oauth2RedirectUri sent, and saves the vendor's tokens as the service
// principal's credentials. Addressed through the application, it acts for
// the service principal of the same appId. A refusal is 400 BadRequest
// with the vendor's error in the message. (Graph's wording of it is
// [inferred]: nobody has published one.)
func (s *Server) authorizeVendor(rt route, pairs []graph.Credential) *apiError {
	sp, err := rt.servicePrincipal()
	if err != nil {
		return err
	}
	var code, redirect string
	for _, p := range pairs {
		switch p.Key {
		case "Oauth2AuthorizationCode":
			code = p.Value
		case "Oauth2RedirectUri":
			redirect = p.Value
		}
	}
	if _, failure := s.redeemVendorCode(code, redirect); failure != "" {
		return badRequest("The provisioning service could not redeem the authorization code at the application's authorization server: %s", failure)
	}
	token := func(prefix string) string {
		var b [24]byte
		rand.Read(b[:])
		return prefix + base64.RawURLEncoding.EncodeToString(b[:])
	}
	s.writeSecrets(sp.ObjectID, []graph.Credential{
		{Key: "Oauth2AccessToken", Value: token("sbx-at-")},
		{Key: "Oauth2RefreshToken", Value: token("sbx-rt-")},
		{Key: "Oauth2AccessTokenCreationTime", Value: s.now().UTC().Format(time.RFC3339)},
	}, 0)
	return nil
}
