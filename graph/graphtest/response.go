package graphtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"time"
)

// diagnostic imitates the x-ms-ags-diagnostic header Graph adds to every
// response, which clients log for support cases.
const diagnostic = `{"ServerInfo":{"DataCenter":"Sandbox","Slice":"E","Ring":"0","ScaleUnit":"000","RoleInstance":"sandbox"}}`

// wwwAuthenticate is Graph's challenge on 401 responses.
const wwwAuthenticate = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`

// An exchange is one Graph response in the making. It keeps the ids and time
// that must agree between the headers and an error body's innerError.
type exchange struct {
	w               http.ResponseWriter
	now             time.Time
	requestID       string
	clientRequestID string
}

// begin sets the headers every Graph response carries, CORS included.
func (s *Server) begin(w http.ResponseWriter, r *http.Request) *exchange {
	x := &exchange{w: w, now: time.Now().UTC(), requestID: newGUID(),
		clientRequestID: r.Header.Get("client-request-id")}
	if x.clientRequestID == "" {
		x.clientRequestID = newGUID()
	}
	h := w.Header()
	h.Set("request-id", x.requestID)
	h.Set("client-request-id", x.clientRequestID)
	h.Set("x-ms-ags-diagnostic", diagnostic)
	h.Set("Date", x.now.Format(http.TimeFormat))
	h.Set("Strict-Transport-Security", "max-age=31536000")
	setCORS(h, r)
	return x
}

// An apiError is a Graph error response.
type apiError struct {
	status        int
	code, message string
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{http.StatusBadRequest, "BadRequest", fmt.Sprintf(format, args...)}
}

func unauthorized(message string) *apiError {
	return &apiError{http.StatusUnauthorized, "InvalidAuthenticationToken", message}
}

// errorBody is Graph's error shape; structs rather than maps keep Graph's
// member order: code, message, innerError.
type errorBody struct {
	Error struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError struct {
			Date            string `json:"date"`
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

// fail writes e as a Graph error body.
func (x *exchange) fail(e *apiError) {
	var b errorBody
	b.Error.Code, b.Error.Message = e.code, e.message
	b.Error.InnerError.Date = x.now.Format(time.RFC3339)
	b.Error.InnerError.RequestID = x.requestID
	b.Error.InnerError.ClientRequestID = x.clientRequestID
	data, _ := json.Marshal(b)
	if e.status == http.StatusUnauthorized {
		x.w.Header().Set("WWW-Authenticate", wwwAuthenticate)
	}
	x.w.Header().Set("Content-Type", "application/json")
	x.w.WriteHeader(e.status)
	x.w.Write(data)
}

// canned writes a queued Reply over the usual headers.
func (x *exchange) canned(r Reply) {
	x.overlay(r)
	x.w.WriteHeader(r.Status)
	x.w.Write([]byte(r.Body))
}

// overlay puts a Reply's headers over the usual ones.
func (x *exchange) overlay(r Reply) {
	h := x.w.Header()
	const noCORS = "X-Sandbox-No-Cors"
	for k, vs := range r.Header {
		if http.CanonicalHeaderKey(k) == noCORS && len(vs) > 0 && vs[0] == "1" {
			dropCORS(h)
		}
	}
	for k, vs := range r.Header {
		if http.CanonicalHeaderKey(k) == noCORS {
			continue
		}
		h.Del(k)
		for _, v := range vs {
			h.Add(k, v)
		}
	}
	if r.Body != "" && h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/json")
	}
}

// newGUID returns a random (version 4) GUID in Graph's lowercase form.
func newGUID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
