package graph

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"synctoken/graph/internal/paste"
	"time"
)

// Response is what came back, as the page can see it: from a browser only
// the headers Graph exposes through CORS are readable.
type Response struct {
	Status    int
	Reason    string
	Elapsed   time.Duration
	Header    []Header // sorted by name
	Body      []byte   // at most maxBody bytes
	Truncated bool     // the body was longer than maxBody
	Error     *GraphError
}

// GraphError is Graph's error body. Any field may be empty: Graph often
// sends an empty message, and innerError may lack ids.
type GraphError struct {
	Code            string
	Message         string
	RequestID       string
	ClientRequestID string
	Date            string
}

type errorBody struct {
	Error *struct {
		Code       string `json:"code"`
		Message    string `json:"message"`
		InnerError *struct {
			Date            string `json:"date"`
			RequestID       string `json:"request-id"`
			ClientRequestID string `json:"client-request-id"`
		} `json:"innerError"`
	} `json:"error"`
}

func decode(resp *http.Response, body []byte, elapsed time.Duration) Response {
	r := Response{
		Status:  resp.StatusCode,
		Reason:  http.StatusText(resp.StatusCode),
		Elapsed: elapsed,
		Body:    body,
	}
	if len(body) > maxBody {
		r.Body, r.Truncated = body[:maxBody], true
	}
	for name, values := range resp.Header {
		for _, v := range values {
			r.Header = append(r.Header, Header{strings.ToLower(name), v})
		}
	}
	sort.SliceStable(r.Header, func(i, j int) bool { return r.Header[i].Name < r.Header[j].Name })
	var e errorBody
	if json.Unmarshal(r.Body, &e) == nil && e.Error != nil {
		r.Error = &GraphError{Code: e.Error.Code, Message: e.Error.Message}
		if in := e.Error.InnerError; in != nil {
			r.Error.RequestID, r.Error.ClientRequestID, r.Error.Date = in.RequestID, in.ClientRequestID, in.Date
		}
	}
	return r
}

// OK reports whether Graph accepted the credentials: 204 No Content.
func (r Response) OK() bool { return r.Status == http.StatusNoContent }

// Summary is one line saying what happened.
func (r Response) Summary() string {
	switch {
	case r.OK():
		return "Success: the provisioning service accepted the credentials (204 No Content)."
	case r.Status >= 200 && r.Status < 300:
		return "Graph answered " + strconv.Itoa(r.Status) + " " + r.Reason + "; this action normally answers 204 No Content."
	case r.Error != nil && r.Error.Code != "":
		msg := r.Error.Message
		if msg == "" {
			msg = "(Graph sent no message)"
		}
		return "Graph refused the request: " + strconv.Itoa(r.Status) + " " + r.Reason + ", " + r.Error.Code + ": " + msg
	}
	return "Graph refused the request: " + strconv.Itoa(r.Status) + " " + r.Reason + "."
}

// HeaderValue returns the first value of the named header, or "".
func (r Response) HeaderValue(name string) string {
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, name) {
			return h.Value
		}
	}
	return ""
}

// maxDisplay is how much of a body the page shows.
const maxDisplay = 64 << 10

// BodyText returns the body for display: indented when it is JSON, as is
// otherwise, cut at maxDisplay bytes with a note.
func (r Response) BodyText() string {
	if len(r.Body) == 0 {
		return ""
	}
	text := string(r.Body)
	var out bytes.Buffer
	if json.Valid(r.Body) && json.Indent(&out, r.Body, "", "  ") == nil {
		text = out.String()
	}
	if len(text) > maxDisplay {
		text = strings.ToValidUTF8(text[:maxDisplay], "") + "\n… (" + strconv.Itoa(len(text)-maxDisplay) + " more bytes not shown)"
	}
	if r.Truncated {
		// Said also when the display cut more: the count above is of what
		// was read, not of the whole answer.
		text += "\n… (the body was longer than " + paste.MaxBodyText + "; synctoken read the first " + paste.SizeText(maxBody) + " and stopped)"
	}
	return text
}

// statusText is "429 Too Many Requests".
func statusText(r Response) string {
	return strings.TrimSpace(strconv.Itoa(r.Status) + " " + paste.FirstOf(r.Reason, http.StatusText(r.Status)))
}
