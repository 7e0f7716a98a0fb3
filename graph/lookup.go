package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
)

// LookupScope is ReadScope on cloud's Graph, as MSAL and Entra want it.
func LookupScope(cloud Cloud) string { return "https://" + cloud.GraphHost + "/" + ReadScope }

// Typed says what the admin's text turned out to be.
type Typed string

const (
	TypedServicePrincipalID Typed = "the service principal's object ID"
	TypedApplicationID      Typed = "the application's object ID"
	TypedAppID              Typed = "the appId (application/client ID)"
	TypedName               Typed = "the start of its display name"
)

// Match is one app found by Look up: its application (app registration)
// and its service principal (enterprise app), joined by appId. Either
// object ID is empty when the tenant holds no such object, as for an app
// registered in another tenant.
type Match struct {
	DisplayName        string
	AppID              string
	ApplicationID      string
	ServicePrincipalID string
	Typed              Typed
}

// IDFor returns the object ID the action needs at endpoint k, or "" when
// the tenant has no such object.
func (m Match) IDFor(k Kind) string {
	if k == Applications {
		return m.ApplicationID
	}
	return m.ServicePrincipalID
}

// MaxMatches bounds a display-name search: Look up is for finding one app.
const MaxMatches = 10

// LookupError is a Look up that Graph refused or that got no answer. It
// keeps the request and answer so the page can show them.
type LookupError struct {
	Message  string
	Request  Request
	Response *Response
	Err      error
}

func (e *LookupError) Error() string { return e.Message }
func (e *LookupError) Unwrap() error { return e.Err }

// lookupError returns a *LookupError: one call where a composite literal at
// each site would be an allocation and write barriers, more bytes of wasm.
func lookupError(msg string, req *Request, resp *Response, err error) *LookupError {
	return &LookupError{Message: msg, Request: *req, Response: resp, Err: err}
}

// NeedsConsent reports whether err is Graph saying the token lacks the
// permission (403): signing in again with ReadScope fixes it.
func (e *LookupError) NeedsConsent() bool {
	return e.Response != nil && e.Response.Status == http.StatusForbidden
}

// Lookup finds what query names, with token, in cloud: a GUID is tried as
// each kind of ID at once; anything else as the start of a display name.
// It always reads v1.0, whatever version the action will use. more reports
// whether a display-name search matched more than the MaxMatches apps it
// returns, so the page can ask for more of the name rather than let the
// admin think the app missing; it is always false for an ID.
func Lookup(ctx context.Context, c Doer, cloud Cloud, token, query string) (matches []Match, more bool, err error) {
	q := strings.TrimSpace(query)
	if q == "" {
		return nil, false, errText("Type an object ID, an appId or the start of the app's name to look up.")
	}
	token, _ = NormalizeToken(token)
	l := &lookup{ctx: ctx, c: c, cloud: cloud, token: token}
	if id, err := ParseObjectID(q); err == nil {
		matches, err = l.byID(id)
		return matches, false, err
	}
	if strings.ContainsAny(q, "/\\?#") {
		return nil, false, errText("This is neither a GUID nor a display name: paste an object ID or appId, or type the start of the app's name.")
	}
	return l.byName(q)
}

type lookup struct {
	ctx   context.Context
	c     Doer
	cloud Cloud
	token string
}

// object is the part of an application or service principal Look up reads.
type object struct {
	ID          string `json:"id"`
	AppID       string `json:"appId"`
	DisplayName string `json:"displayName"`
	_           incomparable
}

const selectFields = "?$select=id,appId,displayName"

// get reads path into v. A 404 is not an error: it reports false.
func (l *lookup) get(path string, v any) (bool, error) {
	req := Request{Method: http.MethodGet, URL: l.cloud.GraphBase() + "/v1.0" + path, Header: append([]Header(nil),
		Header{"Authorization", "Bearer " + l.token},
		Header{"client-request-id", NewRequestID()},
	)}
	resp, err := Send(l.ctx, l.c, req)
	if err != nil {
		return false, lookupError("Look up got no answer: "+err.Error(), &req, nil, err)
	}
	switch {
	case resp.Status == http.StatusNotFound:
		return false, nil
	case resp.Status == http.StatusOK:
		if err := json.Unmarshal(resp.Body, v); err != nil {
			return false, lookupError("Graph's answer to Look up is not the JSON expected: "+err.Error(), &req, &resp, err)
		}
		return true, nil
	}
	return false, lookupError(lookupRefusal(resp), &req, &resp, nil)
}

// lookupRefusal says why Graph refused a read, in the admin's terms.
func lookupRefusal(r Response) string {
	said := ""
	if r.Error != nil && (r.Error.Code != "" || r.Error.Message != "") {
		said = " (Graph said " + r.Error.Code + ": " + r.Error.Message + ")"
	}
	switch {
	case r.Status == http.StatusForbidden:
		return "Look up needs the delegated permission " + ReadScope + ", which this token does not carry" + said +
			". Sign in again and accept it, or ask an administrator to grant consent for it on the app registration."
	case r.Status == http.StatusUnauthorized && r.Error != nil && r.Error.Code == "UnknownError":
		// The synchronization API's answer to a missing permission or role.
		msg := ""
		if m := strings.TrimSpace(r.Error.Message); m != "" {
			msg = " Graph's message: " + strconv.Quote(m) + "."
		}
		return "Graph refused to read the synchronization jobs (401 UnknownError): the token lacks Synchronization.Read.All or " + SyncScope + ", " +
			"or the signed-in user holds none of the roles " + adminRoleText + "." + msg + " Sign in as such a user, with the permission consented."
	case r.Status == http.StatusUnauthorized:
		return "Graph did not accept the token for Look up" + said + ": it may have expired or be for another cloud. Sign in again."
	case retryable(r):
		return "Graph is throttling or unavailable (" + strconv.Itoa(r.Status) + ")" + said + ": try Look up again in a moment."
	}
	return "Graph refused Look up: " + strconv.Itoa(r.Status) + " " + r.Reason + said + "."
}

// byID tries id as each kind of ID concurrently, then reads the other
// half of each app found (an application's service principal and back).
func (l *lookup) byID(id string) ([]Match, error) {
	tries := []struct {
		path  string
		typed Typed
		sp    bool
		_     incomparable
	}{
		{path: "/servicePrincipals/" + id, typed: TypedServicePrincipalID, sp: true},
		{path: "/applications/" + id, typed: TypedApplicationID},
		{path: "/servicePrincipals(appId='" + id + "')", typed: TypedAppID, sp: true},
		{path: "/applications(appId='" + id + "')", typed: TypedAppID},
	}
	found := make([]*object, len(tries))
	errs := make([]error, len(tries))
	var wg sync.WaitGroup
	for i, t := range tries {
		wg.Go(func() {
			var o object
			ok, err := l.get(t.path+selectFields, &o)
			if ok {
				found[i] = &o
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := firstError(errs); err != nil {
		return nil, err
	}
	var out []Match
	for i, o := range found {
		if o == nil {
			continue
		}
		out, _ = join(out, o, tries[i].sp, tries[i].typed, len(tries))
	}
	return out, l.complete(out)
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// join adds o (a service principal when sp, else an application) to the
// match of the same appId, or as a new match while there are fewer than
// limit; dropped reports whether o was a new app with no room left.
func join(out []Match, o *object, sp bool, typed Typed, limit int) (_ []Match, dropped bool) {
	for j := range out {
		if strings.EqualFold(out[j].AppID, o.AppID) {
			fill(&out[j], o, sp)
			return out, false
		}
	}
	if len(out) >= limit {
		return out, true
	}
	m := Match{DisplayName: o.DisplayName, AppID: o.AppID, Typed: typed}
	fill(&m, o, sp)
	return append(out, m), false
}

func fill(m *Match, o *object, sp bool) {
	if sp {
		m.ServicePrincipalID = o.ID
	} else {
		m.ApplicationID = o.ID
	}
	if m.DisplayName == "" {
		m.DisplayName = o.DisplayName
	}
}

// complete reads the missing half of each match by its appId, all at
// once: a service principal's application (or the reverse) may be on
// another page of a search, or in no tenant of this cloud.
func (l *lookup) complete(ms []Match) error {
	var wg sync.WaitGroup
	var errs []error
	var mu sync.Mutex
	read := func(collection, appID string, id *string) {
		wg.Go(func() {
			var o object
			ok, err := l.get(collection+"(appId='"+appID+"')"+selectFields, &o)
			if ok {
				*id = o.ID
			}
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
		})
	}
	for i := range ms {
		m := &ms[i]
		if m.AppID == "" {
			continue
		}
		if m.ServicePrincipalID == "" {
			read("/servicePrincipals", m.AppID, &m.ServicePrincipalID)
		}
		if m.ApplicationID == "" {
			read("/applications", m.AppID, &m.ApplicationID)
		}
	}
	wg.Wait()
	return firstError(errs)
}

// byName searches both collections for display names starting with name,
// joins the results by appId and completes each match: the two pages need
// not hold the same apps. There are more when either collection has a
// next page or its page holds apps the join had no room for.
func (l *lookup) byName(name string) (out []Match, more bool, err error) {
	filter := "startswith(displayName,'" + strings.ReplaceAll(name, "'", "''") + "')"
	query := "?$filter=" + strings.ReplaceAll(url.QueryEscape(filter), "+", "%20") +
		"&$select=id,appId,displayName&$top=" + fmt.Sprint(MaxMatches)
	for _, coll := range []struct {
		path string
		sp   bool
	}{{"/servicePrincipals", true}, {"/applications", false}} {
		var page struct {
			Value    []object `json:"value"`
			NextLink string   `json:"@odata.nextLink"`
		}
		if _, err := l.get(coll.path+query, &page); err != nil {
			return nil, false, err
		}
		more = more || page.NextLink != ""
		for _, o := range page.Value {
			var dropped bool
			out, dropped = join(out, &o, coll.sp, TypedName, MaxMatches)
			more = more || dropped
		}
	}
	if err := l.complete(out); err != nil {
		return nil, false, err
	}
	return out, more, nil
}
