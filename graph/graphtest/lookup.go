package graphtest

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The reads an admin makes around the action: an application or service
// principal by object id or appId, the collections filtered by name, and a
// service principal's synchronization jobs. They answer in Graph's shape
// (OData JSON with @odata.context) so that a client can be tested against
// what it will parse in a tenant.

// entityType names an object's type in Graph's messages, e.g.
// "microsoft.graph.servicePrincipal" and "ServicePrincipal".
func (rt route) entityType() (qualified, resource string) {
	if rt.collection == "applications" {
		return "microsoft.graph.application", "Application"
	}
	return "microsoft.graph.servicePrincipal", "ServicePrincipal"
}

// members are o's JSON members in Graph's order: the few of Graph's real
// properties that an admin looks at, no invented ones.
func (rt route) members(o Object) object {
	if rt.collection == "applications" {
		return object{{"id", o.ObjectID}, {"appId", o.AppID}, {"displayName", o.DisplayName},
			{"signInAudience", "AzureADMyOrg"}}
	}
	return object{{"id", o.ObjectID}, {"accountEnabled", true}, {"appDisplayName", appName(o.AppID)},
		{"appId", o.AppID}, {"displayName", o.DisplayName}, {"servicePrincipalType", "Application"},
		{"tags", spTags(o.AppID)}}
}

// find returns the object rt addresses, by object id or by appId, in any
// case.
func (rt route) find() (Object, bool) {
	for _, o := range rt.objects {
		key := o.ObjectID
		if rt.byAppID {
			key = o.AppID
		}
		if strings.EqualFold(key, rt.id) {
			return o, true
		}
	}
	return Object{}, false
}

func notFound(id string) *apiError {
	return &apiError{http.StatusNotFound, "Request_ResourceNotFound",
		fmt.Sprintf("Resource '%s' does not exist or one of its queried reference-property objects are not present.", id)}
}

// isGUID reports whether id has a GUID's shape, in any case.
func isGUID(id string) bool {
	if len(id) != 36 {
		return false
	}
	for i, c := range id {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if c != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", c):
			return false
		}
	}
	return true
}

// read answers GET on the collections, objects and jobs, checking in
// Graph's order: method, token, permission, then the object.
func (s *Server) read(w http.ResponseWriter, r *http.Request, rt route) {
	x := s.begin(w, r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET")
		x.fail(&apiError{http.StatusMethodNotAllowed, "BadRequest", "Specified HTTP method is not allowed for the request target."})
		return
	}
	perm := readPermission
	if rt.kind == jobsRoute || rt.kind == templatesRoute {
		perm = jobsPermission
	}
	if err := s.authorize(r, perm); err != nil {
		x.fail(err)
		return
	}
	var v any
	var err *apiError
	switch rt.kind {
	case collectionRoute:
		v, err = s.list(r, rt)
	case objectRoute:
		v, err = s.object(r, rt)
	case jobsRoute:
		v, err = s.jobs(rt)
	case templatesRoute:
		v, err = s.templates(rt)
	}
	if err != nil {
		x.fail(err)
		return
	}
	x.ok(v)
}

// lookUp finds the object of an object or jobs route. A malformed object
// id is a bad request; an unknown one, or an unknown appId, is not found.
func (rt route) lookUp() (Object, *apiError) {
	if !rt.byAppID && !isGUID(rt.id) {
		return Object{}, &apiError{http.StatusBadRequest, "Request_BadRequest", fmt.Sprintf("Invalid object identifier '%s'.", rt.id)}
	}
	o, ok := rt.find()
	if !ok {
		return Object{}, notFound(rt.id)
	}
	return o, nil
}

// context is the @odata.context of a read: the metadata URL of Graph (the
// sandbox's Audience) and the entity set, with the $select list if any.
func (s *Server) context(rt route, selected []string, suffix string) string {
	set := rt.collection
	if selected != nil {
		set += "(" + strings.Join(selected, ",") + ")"
	}
	return s.Audience() + "/" + rt.version + "/$metadata#" + set + suffix
}

// object answers GET /{collection}/{id} and /{collection}(appId='{appId}').
func (s *Server) object(r *http.Request, rt route) (any, *apiError) {
	o, err := rt.lookUp()
	if err != nil {
		return nil, err
	}
	selected := parseSelect(option(r.URL.Query(), "$select"), rt.members(o))
	return append(object{{"@odata.context", s.context(rt, selected, "/$entity")}}, project(rt.members(o), selected)...), nil
}

// pageSize is Graph's default page size for directory objects.
const pageSize = 100

// list answers GET /{collection} with $filter, $select, $top and
// $skiptoken; other query options are ignored. A page that is not the last
// ends with @odata.nextLink, on the sandbox's own URL so that a client can
// follow it.
func (s *Server) list(r *http.Request, rt route) (any, *apiError) {
	q := r.URL.Query()
	var match func(Object) bool
	if expr, ok := queryOption(q, "$filter"); ok {
		var err *apiError
		if match, err = parseFilter(expr, rt); err != nil {
			return nil, err
		}
	}
	top := pageSize
	if v := option(q, "$top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 999 {
			return nil, badRequest("Invalid page size specified: '%s'. Must be between 1 and 999 inclusive.", v)
		}
		top = n
	}
	skip := 0
	if v := option(q, "$skiptoken"); v != "" {
		var ok bool
		if skip, ok = parseSkipToken(v); !ok {
			return nil, &apiError{http.StatusBadRequest, "Directory_ExpiredPageToken",
				"The specified page token value has expired and can no longer be included in your request."}
		}
	}
	var found []Object
	for _, o := range rt.objects {
		if match == nil || match(o) {
			found = append(found, o)
		}
	}
	var selected []string
	if len(rt.objects) > 0 {
		selected = parseSelect(option(q, "$select"), rt.members(rt.objects[0]))
	}
	values := []object{}
	for _, o := range found[min(skip, len(found)):min(skip+top, len(found))] {
		values = append(values, project(rt.members(o), selected))
	}
	page := object{{"@odata.context", s.context(rt, selected, "")}}
	if skip+top < len(found) {
		page = append(page, member{"@odata.nextLink", s.URL + r.URL.EscapedPath() + "?" + withSkipToken(r.URL.RawQuery, skip+top)})
	}
	return append(page, member{"value", values}), nil
}
